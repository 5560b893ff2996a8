"""The quality gate (after trafilatura's tests/eval_gate.py): the evaluation on the annotated
articles must not drop below pinned floors. Raise a floor when the cleaner improves; never lower one
to make a change pass.

Scored here: the text inputs (HTML inputs join when the HTML path exists). The target floors of
the project (held-out split: F1 >= 0.98, article words lost <= 0.5 %, boilerplate left <= 5 %) are
not all met yet; the floors below are the levels reached and measured, so nothing regresses while
the rest of the way is made (see README, "Quality").
"""

from __future__ import annotations

import pytest

from cleaner.evaluate import evaluate, load_cases
from tests.helpers import EVAL_DIR, pipeline

FLOORS = {
    # split: (min F1, max article lost, max boilerplate left)
    "dev": (0.991, 0.002, 0.035),
    "heldout": (0.983, 0.005, 0.29),
}


@pytest.fixture(scope="module")
def report() -> dict:  # type: ignore[type-arg]
    cases = [c for c in load_cases(EVAL_DIR) if c.format == "text"]
    return evaluate(cases, pipeline())


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_floors(report: dict, split: str) -> None:  # type: ignore[type-arg]
    min_f1, max_lost, max_left = FLOORS[split]
    scores = report["summary"][split]["cleaner"]
    assert scores["f1"] >= min_f1, scores
    assert scores["article_lost"] <= max_lost, scores
    assert scores["boilerplate_left"] <= max_left, scores


def test_seeds_are_exact() -> None:
    """Every seed is cleaned exactly as its golden (the seed suite checks bytes; this is the gate's
    statement of the same floor)."""
    from tests.test_seeds import SEEDS, test_seed_matches_golden_text

    for seed in SEEDS:
        test_seed_matches_golden_text(seed)
