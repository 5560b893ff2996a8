"""Stage case tables: fixtures/cases/<stage>.json, one table per stage (format in fixtures/README).

Each case runs normalisation and segmentation, the table's stages, then finalisation, and checks
the clean text exactly, the rule ids removed (in order), and any sidecar fields it names. A case
with "xfail" is a known failure: it must fail (strict), so a fix forces the table to be updated.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleaner import Config, Pipeline
from tests.helpers import CASES_DIR

TABLES = sorted(CASES_DIR.glob("*.json"))


def _load() -> list[Any]:
    params = []
    for table in TABLES:
        data = json.loads(table.read_text(encoding="utf-8"))
        stages = tuple(data.get("stages", [data["stage"]]))
        for case in data["cases"]:
            marks = []
            if case.get("xfail"):
                marks.append(pytest.mark.xfail(reason=case["xfail"], strict=True))
            params.append(
                pytest.param(stages, case, id=f"{table.stem}:{case['label']}", marks=marks)
            )
    return params


_pipelines: dict[tuple[tuple[str, ...], str, bool], Pipeline] = {}


def _pipeline(stages: tuple[str, ...], lang: str, keep_dateline: bool) -> Pipeline:
    key = (stages, lang, keep_dateline)
    if key not in _pipelines:
        _pipelines[key] = Pipeline(
            Config(lang=lang, keep_dateline=keep_dateline),
            stages=("normalize_text", "segment_lines", *stages, "finalize"),
        )
    return _pipelines[key]


def test_every_stage_has_a_table() -> None:
    from cleaner.stages import STAGES

    covered = set()
    for table in TABLES:
        data = json.loads(table.read_text(encoding="utf-8"))
        covered.update(data.get("stages", [data["stage"]]))
    # drop_learned_repeats needs a learned table: tests/test_learned_repeats.py is its table.
    own_tests = {"normalize_text", "segment_lines", "finalize", "drop_learned_repeats"}
    missing = set(STAGES) - covered - own_tests
    assert not missing, f"stages without a case table in fixtures/cases/: {sorted(missing)}"


@pytest.mark.parametrize(("stages", "case"), _load())
def test_case(stages: tuple[str, ...], case: dict[str, Any]) -> None:
    pipe = _pipeline(stages, case.get("lang", "id"), case.get("keep_dateline", False))
    result = pipe.run(case["input"])
    assert result.text == case["output"]
    if "removed" in case:
        assert [r["rule"] for r in result.metadata["removed"]] == case["removed"]
    for key, value in case.get("meta", {}).items():
        assert result.metadata[key] == value, key


def test_tables_are_well_formed() -> None:
    for table in TABLES:
        data = json.loads(Path(table).read_text(encoding="utf-8"))
        labels = [c["label"] for c in data["cases"]]
        assert len(labels) == len(set(labels)), f"{table.name}: duplicate labels"
        for case in data["cases"]:
            assert {"label", "input", "output"} <= set(case), f"{table.name}: {case.get('label')}"


def test_the_page_outlet_beats_a_syndication_trailer_for_publisher() -> None:
    """The dateline names the page's outlet; the trailer's outlet is only a fallback."""
    text = (
        "TRIBUNJABAR.ID, BANDUNG - Polisi menemukan barang bukti berupa pisau dan pakaian korban "
        "di halaman belakang rumah pelaku pada Senin malam.\n"
        "Pelaku kemudian dibawa ke Mapolres Bekasi Kota untuk menjalani pemeriksaan lebih lanjut.\n"
        "Artikel ini telah tayang di Tribunnews.com dengan judul Polisi Temukan Pisau di Rumah\n"
    )
    meta = Pipeline(Config(lang="id")).run(text, doc_id="x").metadata
    assert meta["publisher"] == "TRIBUNJABAR.ID"
    assert meta["title"] == "Polisi Temukan Pisau di Rumah"
