"""Regenerate the goldens on purpose: `make golden` (= `python -m tests.golden`).

Writes fixtures/seeds/NAME.txt/.json for every seed, and golden.txt/.json beside every annotated
article in fixtures/eval/, from the current pipeline. Review `git diff fixtures/` before committing:
a golden is a claim that a person checked the output.
"""

from __future__ import annotations

import sys

from cleaner.metadata import dumps
from tests.helpers import REPO, SEED_GOLDEN_DIR, SEEDS_DIR, clean_path, eval_cases


def main() -> int:
    SEED_GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    written = 0
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        result = clean_path(seed)
        (SEED_GOLDEN_DIR / seed.name).write_text(result.text, encoding="utf-8")
        (SEED_GOLDEN_DIR / f"{seed.stem}.json").write_text(dumps(result.metadata), encoding="utf-8")
        written += 1
    for case in eval_cases():
        result = clean_path(case.input)
        (case.dir / "golden.txt").write_text(result.text, encoding="utf-8")
        (case.dir / "golden.json").write_text(dumps(result.metadata), encoding="utf-8")
        written += 1
    print(
        f"wrote {written} goldens to {SEED_GOLDEN_DIR.relative_to(REPO)}/ and fixtures/eval/*/*/; "
        "review them with: git diff fixtures/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
