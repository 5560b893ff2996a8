"""Paths and loaders the tests share."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cleaner import Pipeline, Result

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO / "seeds"
FIXTURES = REPO / "fixtures"
SEED_GOLDEN_DIR = FIXTURES / "seeds"
EVAL_DIR = FIXTURES / "eval"
CASES_DIR = FIXTURES / "cases"


@cache
def pipeline() -> Pipeline:
    return Pipeline()


def clean_path(path: Path) -> Result:
    """Clean a file the way `cleaner clean` does, with the source path relative to the repo
    (so goldens do not depend on where the checkout lives)."""
    return pipeline().run_file(path, origin=Path(os.path.relpath(path, REPO)).as_posix())


@dataclass(frozen=True)
class EvalCase:
    dir: Path
    split: str
    input: Path
    expected: Path
    annotation: dict[str, Any]

    @property
    def name(self) -> str:
        return self.dir.name


def eval_cases(split: str | None = None) -> list[EvalCase]:
    cases = []
    for ann in sorted(EVAL_DIR.glob("*/*/annotation.json")):
        case_dir = ann.parent
        if split and case_dir.parent.name != split:
            continue
        inputs = sorted(case_dir.glob("input.*"))
        cases.append(
            EvalCase(
                dir=case_dir,
                split=case_dir.parent.name,
                input=inputs[0],
                expected=case_dir / "expected.txt",
                annotation=json.loads(ann.read_text(encoding="utf-8")),
            )
        )
    return cases
