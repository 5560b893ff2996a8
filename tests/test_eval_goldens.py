"""Regression over the annotated articles: the pipeline's output equals the frozen golden.*.

These goldens are snapshots, not truth (the truth is expected.txt, scored by the eval gate): they
make every change of behaviour on real articles visible as a diff to review with `make golden`.
They also prove that every rule of the packs fires somewhere.
"""

from __future__ import annotations

import json

import pytest

from cleaner.metadata import dumps
from cleaner.rules import all_rule_ids
from tests.helpers import CASES_DIR, SEED_GOLDEN_DIR, clean_path, eval_cases

TEXT_CASES = eval_cases()  # text and HTML inputs


@pytest.mark.parametrize("case", TEXT_CASES, ids=lambda c: f"{c.split}/{c.name}")
def test_eval_article_matches_golden(case) -> None:  # type: ignore[no-untyped-def]
    golden_txt, golden_json = case.dir / "golden.txt", case.dir / "golden.json"
    assert golden_txt.exists(), f"missing {golden_txt}: run `make golden` and review the diff"
    result = clean_path(case.input)
    assert result.text == golden_txt.read_text(encoding="utf-8")
    assert dumps(result.metadata) == golden_json.read_text(encoding="utf-8")


def _fired() -> set[str]:
    fired: set[str] = set()
    sidecars = [*SEED_GOLDEN_DIR.glob("*.json"), *(c.dir / "golden.json" for c in TEXT_CASES)]
    for path in sidecars:
        if path.exists():
            fired.update(r["rule"] for r in json.loads(path.read_text(encoding="utf-8"))["removed"])
    for table in CASES_DIR.glob("*.json"):
        for case in json.loads(table.read_text(encoding="utf-8"))["cases"]:
            if not case.get("xfail"):
                fired.update(case.get("removed", []))
    return fired


def test_every_rule_fires_in_some_fixture() -> None:
    rules = set(all_rule_ids())
    # Fires only with a learned table; tests/test_learned_repeats.py shows it firing.
    rules.discard("common.repeat.learned")
    silent = sorted(rules - _fired())
    assert not silent, (
        "rules that fire in no golden sidecar and no case table (add a case or drop the rule): "
        + ", ".join(silent)
    )
