"""The quality gate (after trafilatura's tests/eval_gate.py): the evaluation on the annotated
articles must not drop below pinned floors. Raise a floor when the cleaner improves; never lower one
to make a change pass.

Text and HTML inputs are gated apart (HTML goes through trafilatura first). The target floors of
the project (held-out split: F1 >= 0.98, article words lost <= 0.5 %, boilerplate left <= 5 %) are
not all met yet; the floors below are the levels reached and measured, so nothing regresses while
the rest of the way is made (see README, "Quality").
"""

from __future__ import annotations

import pytest

from cleaner.evaluate import evaluate, load_cases
from tests.helpers import EVAL_DIR, pipeline

FLOORS = {
    # (format, split): (min F1, max article lost, max boilerplate left)
    ("text", "dev"): (0.996, 0.001, 0.014),
    ("text", "heldout"): (0.980, 0.005, 0.35),
    # HTML: the page's structure prunes, trafilatura extracts, the container check repairs
    # (cleaner/html.py). Held-out HTML loses article text in extraction on two pages (trafilatura
    # alone loses as much); the floors pin where it stands.
    ("html", "dev"): (0.995, 0.001, 0.004),
    ("html", "heldout"): (0.82, 0.241, 0.044),
}


@pytest.fixture(scope="module")
def reports() -> dict:  # type: ignore[type-arg]
    cases = load_cases(EVAL_DIR)
    return {
        fmt: evaluate([c for c in cases if c.format == fmt], pipeline()) for fmt in ("text", "html")
    }


@pytest.mark.parametrize(("fmt", "split"), sorted(FLOORS))
def test_floors(reports: dict, fmt: str, split: str) -> None:  # type: ignore[type-arg]
    min_f1, max_lost, max_left = FLOORS[(fmt, split)]
    scores = reports[fmt]["summary"][split]["cleaner"]
    assert scores["f1"] >= min_f1, scores
    assert scores["article_lost"] <= max_lost, scores
    assert scores["boilerplate_left"] <= max_left, scores


def test_seeds_are_exact() -> None:
    """Every seed is cleaned exactly as its golden (the seed suite checks bytes; this is the gate's
    statement of the same floor)."""
    from tests.test_seeds import SEEDS, test_seed_matches_golden_text

    for seed in SEEDS:
        test_seed_matches_golden_text(seed)
