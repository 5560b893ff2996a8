"""cleaner inside datatrove: the real engine, locally and on a local Ray, equal to the CLI."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from tests.helpers import EVAL_DIR, REPO, SEEDS_DIR

pytest.importorskip("datatrove")


def _inputs(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        (src / "seeds").mkdir(parents=True, exist_ok=True)
        shutil.copy(path, src / "seeds" / path.name)
    for path in sorted(EVAL_DIR.glob("*/*/input.*")):
        target = src / path.parent.parent.name / f"{path.parent.name}{path.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return src


def _cli_texts(src: Path, tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "cli"
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return {
        p.relative_to(out).with_suffix("").as_posix(): p.read_text(encoding="utf-8")
        for p in out.rglob("*.txt")
    }


def _jsonl_texts(folder: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    docs = {}
    for path in folder.glob("*.jsonl*"):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
            for line in handle:
                record = json.loads(line)
                docs[record["id"]] = record
    return docs


def _pipeline(src: Path, out: Path) -> list:  # type: ignore[type-arg]
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.datatrove_step import CleanerFileReader, CleanerStep

    return [CleanerFileReader(str(src)), CleanerStep(keep_empty=True), JsonlWriter(str(out))]


def test_local_executor_equals_the_cli(tmp_path: Path) -> None:
    from datatrove.executor import LocalPipelineExecutor

    src = _inputs(tmp_path)
    expected = _cli_texts(src, tmp_path)
    out = tmp_path / "dt"
    LocalPipelineExecutor(
        pipeline=_pipeline(src, out), tasks=4, workers=2, logging_dir=str(tmp_path / "logs")
    ).run()
    docs = _jsonl_texts(out)
    assert len(docs) == len(expected) == 506
    for doc_id, record in docs.items():
        assert record["text"] == expected[doc_id], doc_id
        assert record["metadata"]["cleaner"]["schema"] == "cleaner.sidecar/1"
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    names = json.dumps(stats)
    assert "removed_drop_cross_promotion" in names
    assert "cleaner_documents" in names


def test_a_document_that_cannot_be_cleaned_does_not_crash_the_task() -> None:
    from datatrove.data import Document

    from cleaner.datatrove_step import CleanerStep

    step = CleanerStep(format="xml")  # an invalid format: every document fails
    docs = list(step.run(iter([Document(text="Teks.", id="a")])))
    assert docs[0].text == "Teks."
    assert "error" in docs[0].metadata["cleaner"]
    assert step.stats["cleaner_failed"].total == 1


def test_readme_pipeline_runs_as_printed(tmp_path: Path) -> None:
    """The README's pipeline, saved as a script and run as a user runs it (`python job.py`): in a
    process of its own, where datatrove's workers import the script again."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = re.search(r"<!-- corpus-job -->\n```python\n(.*?)```", readme, re.S)
    assert code, "README has no corpus-job example"
    (tmp_path / "job.py").write_text(code.group(1), encoding="utf-8")
    (tmp_path / "raw").mkdir()
    with open(tmp_path / "raw" / "part-0.jsonl", "w", encoding="utf-8") as handle:
        for path in sorted(SEEDS_DIR.glob("*.txt")):
            record = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    run = subprocess.run(
        [sys.executable, "job.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    docs = _jsonl_texts(tmp_path / "clean")
    assert len(docs) == 5
    golden = (REPO / "fixtures" / "seeds" / "002_a749a76889ea1f7c.txt").read_text(encoding="utf-8")
    assert docs["002_a749a76889ea1f7c"]["text"] == golden


def test_ray_executor_equals_the_cli(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    from datatrove.executor import RayPipelineExecutor

    src = _inputs(tmp_path)
    expected = _cli_texts(src, tmp_path)
    out = tmp_path / "ray"
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    try:
        RayPipelineExecutor(
            pipeline=_pipeline(src, out),
            tasks=2,
            workers=2,
            logging_dir=str(tmp_path / "ray-logs"),
            mem_per_cpu_gb=1,
        ).run()
    finally:
        ray.shutdown()
    docs = _jsonl_texts(out)
    assert len(docs) == len(expected)
    for doc_id, record in docs.items():
        assert record["text"] == expected[doc_id], doc_id
