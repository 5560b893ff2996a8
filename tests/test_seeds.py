"""The seed regression suite: each seed's clean text and sidecar equal their goldens exactly.

Goldens live in fixtures/seeds/ and change only through `make golden` and a reviewed diff. The
per-seed decisions of the project's first issue are asserted separately, so a golden regenerated
by mistake cannot silently change them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.metadata import dumps
from tests.helpers import SEED_GOLDEN_DIR, SEEDS_DIR, clean_path

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


def test_there_are_five_seeds() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_matches_golden_text(seed: Path) -> None:
    golden = SEED_GOLDEN_DIR / seed.name
    assert golden.exists(), f"missing golden {golden}: run `make golden` and review the diff"
    assert clean_path(seed).text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_matches_golden_sidecar(seed: Path) -> None:
    golden = SEED_GOLDEN_DIR / f"{seed.stem}.json"
    assert golden.exists(), f"missing golden {golden}: run `make golden` and review the diff"
    assert dumps(clean_path(seed).metadata) == golden.read_text(encoding="utf-8")


def _removed(seed: str) -> dict[int, str]:
    meta = clean_path(SEEDS_DIR / f"{seed}.txt").metadata
    return {r["line"]: r["rule"] for r in meta["removed"]}


def _meta(seed: str) -> dict:  # type: ignore[type-arg]
    return clean_path(SEEDS_DIR / f"{seed}.txt").metadata


def test_seed_000_signoff_and_dateline() -> None:
    meta = _meta("000_91a0ecad471e4b25")
    assert meta["authors"] == ["Rahman Asmardika"]
    assert meta["dateline"]["text"] == "MOSKOW –"
    assert meta["dateline"]["place"] == "Moskow"
    assert set(_removed("000_91a0ecad471e4b25")) == {1, 10}
    text = clean_path(SEEDS_DIR / "000_91a0ecad471e4b25.txt").text
    assert "tentanbg" in text
    assert text.startswith("Pemimpin Korea Utara")


def test_seed_001_dw_page() -> None:
    meta = _meta("001_31897a7181c8f20e")
    assert set(_removed("001_31897a7181c8f20e")) == {1, 2, 3, 4, 6, 8, 12, 13, 14, 26, 27, 47}
    assert meta["categories"] == ["Politik", "Korea Utara"]
    assert meta["title"] == "Kim ke Rusia, Didampingi Delegasi Pejabat Industri Senjata"
    assert meta["published"] == "2023-09-12"
    assert meta["url"] == "https://p.dw.com/p/4WDgl"
    assert [i["credit"] for i in meta["images"]] == [
        "Korean Central News Agency/Korea News Service/AP/picture alliance",
        "RTTV/UPI Photo/Newscom/picture alliance",
    ]
    assert meta["signoff"]["initials"] == ["kp", "rs"]
    assert meta["agencies"] == ["AP", "AFP", "Reuters"]
    assert meta["publisher"] == "DW"
    text = clean_path(SEEDS_DIR / "001_31897a7181c8f20e.txt").text
    assert text.startswith("Para analis meyakini")
    assert "Apa saja yang akan dibahas?\n" in text


def test_seed_002_antara_related_block() -> None:
    meta = _meta("002_a749a76889ea1f7c")
    assert meta["dateline"] == {"text": "Seoul (ANTARA) -", "place": "Seoul", "outlet": "ANTARA"}
    assert meta["agencies"] == ["ANTARA"]
    kinds = [r["kind"] for r in meta["related"]]
    assert kinds == ["read_also"] + ["related"] * 8
    assert meta["related"][1]["date"] == "2024-10-04T17:17"
    block = next(r for r in meta["removed"] if r["line"] == 18)
    assert block["text"].count("\n") == 16  # lines 18-34 in one record


def test_seed_003_caption_byline_dateline() -> None:
    meta = _meta("003_fe17c636b56db14a")
    assert meta["images"][0]["credit"] == "Associated Press"
    assert meta["authors"] == ["Fajar Nugraha"]
    assert meta["published"] == "2023-09-12T06:00"
    assert meta["dateline"]["text"] == "Moskow:"


def test_seed_004_tribun_byline() -> None:
    meta = _meta("004_67f332972541f41a")
    assert meta["authors"] == ["Mikael Dafit Adi Prasetyo"]
    assert meta["publisher"] == "Tribunnews.com"
    assert meta["dateline"]["place"] == "Seoul"
    assert set(_removed("004_67f332972541f41a")) == {1, 2, 5}


def test_golden_sidecars_are_valid_json() -> None:
    for path in SEED_GOLDEN_DIR.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
