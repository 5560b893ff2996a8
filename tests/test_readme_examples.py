"""The README's Python example runs as printed (the corpus-job example is in test_datatrove.py)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.helpers import REPO


def test_readme_python_example_runs_as_printed() -> None:
    """Run as a script from the repository's root, where a newcomer runs it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = re.search(r"<!-- api-example -->\n```python\n(.*?)```", readme, re.S)
    assert code, "README has no api-example"
    run = subprocess.run(
        [sys.executable, "-c", code.group(1)], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "{'text': 'Seoul (ANTARA) -', 'place': 'Seoul', 'outlet': 'ANTARA'}" in run.stdout
    assert "trafilatura" in run.stdout
