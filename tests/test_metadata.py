"""The sidecar writer: `dumps` is byte for byte `json.dumps(..., ensure_ascii=False, indent=2)`."""

from __future__ import annotations

import json
from typing import Any

import pytest

import cleaner
from cleaner.metadata import dumps
from tests.helpers import SEEDS_DIR

VALUES: list[tuple[str, Any]] = [
    ("empty containers", {"a": {}, "b": [], "c": [[], {}]}),
    ("escapes and non-ASCII", {"t": 'é "q" \\ \n \t \u2028 \x00 \ud800 🙂'}),
    ("scalars", {"n": None, "t": True, "f": False, "i": -3, "big": 10**30}),
    ("nesting", {"x": [{"y": [1, [2, {"z": "w"}]]}]}),
    ("a float goes to json", {"f": 1.5, "nan": float("nan")}),
    ("a tuple goes to json", {"t": (1, "a")}),
    ("a non-string key goes to json", {1: "a", None: "b"}),
    ("not a dict", ["a", 1]),
]


@pytest.mark.parametrize("value", [v for _, v in VALUES], ids=[label for label, _ in VALUES])
def test_dumps_is_json_dumps(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("seed", sorted(SEEDS_DIR.glob("*.txt")), ids=lambda p: p.stem)
def test_dumps_is_json_dumps_on_the_seeds(seed: Any) -> None:
    sidecar = cleaner.clean(seed.read_text(encoding="utf-8")).metadata
    assert dumps(sidecar) == json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n"


def test_a_url_the_caller_gives_fills_the_sidecar_when_the_document_names_none() -> None:
    text = (SEEDS_DIR / "002_a749a76889ea1f7c.txt").read_text(encoding="utf-8")
    sidecar = cleaner.clean(text, url="https://example.id/berita/1").metadata
    assert sidecar["url"] == "https://example.id/berita/1"
    assert sidecar["field_sources"]["url"] == "input"
    assert cleaner.clean(text).metadata["url"] is None
