"""Properties that hold for every document: over every fixture, and over generated documents.

- idempotent: cleaning a clean text changes nothing;
- never longer than the input (after NFC, which the spec allows and which may lengthen a few
  characters), and the output is NFC with no blank lines and no trailing spaces;
- never invents text: every kept line is its input line, or ordered pieces of it;
- every removal names a rule that exists, and records the line where its text is.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Config, Pipeline, Result
from cleaner.html import PRUNE_STAGE
from cleaner.rules import all_rule_ids
from cleaner.text import normalize_newlines, normalize_space
from tests.helpers import SEEDS_DIR, clean_path, eval_cases, pipeline

FIXTURE_INPUTS = sorted(SEEDS_DIR.glob("*.txt")) + [case.input for case in eval_cases()]
ALL_RULE_IDS = all_rule_ids()  # the packs' rules and the HTML structure's


def pieces_in_order(line: str, source: str) -> bool:
    """True when `line` is `source`, or pieces of it in order joined by single spaces."""
    pos = 0
    for token in line.split(" "):
        found = source.find(token, pos)
        if found < 0:
            return False
        pos = found + len(token)
    return True


def check_properties(text: str, result: Result, pipe: Pipeline) -> None:
    out = result.text
    # Idempotent.
    assert pipe.run(out).text == out
    # Never longer; NFC; one paragraph per line.
    assert len(out.rstrip("\n")) <= len(unicodedata.normalize("NFC", text))
    assert unicodedata.is_normalized("NFC", out)
    for line in out.splitlines():
        assert line, "blank line in output"
        assert line == line.strip(), "untrimmed line in output"
    assert out == "" or out.endswith("\n")
    # Never invents text: each kept line is (pieces of) its own input line.
    raw_lines = unicodedata.normalize("NFC", normalize_newlines(text)).split("\n")
    for line in result.document.lines:
        assert line.original == normalize_space(raw_lines[line.number - 1])
        if line.kept:
            assert pieces_in_order(line.text, line.original), (line.number, line.text)
    # Every removal names an existing rule and points at a line holding (part of) its text.
    for removal in result.metadata["removed"]:
        assert removal["rule"] in ALL_RULE_IDS
        if removal["stage"] == PRUNE_STAGE:
            continue  # removed from the page before extraction: `line` is the page's line
        first = removal["text"].split("\n")[0]
        origin = result.document.lines[removal["line"] - 1].original
        assert pieces_in_order(first, origin), removal


@pytest.mark.parametrize("path", FIXTURE_INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_properties_on_fixture(path: Path) -> None:
    result = clean_path(path)
    # For HTML the stages' input is the text trafilatura extracted: the properties hold against it.
    text = result.document.raw if path.suffix == ".html" else path.read_bytes().decode("utf-8-sig")
    check_properties(text, result, pipeline())


# --- generated documents --------------------------------------------------------------------------

ARTICLE = [
    "Pemerintah mengumumkan kebijakan baru untuk mengurangi emisi karbon di kota-kota besar tahun ini.",
    "“Kami akan terus memantau perkembangan di lapangan,” kata juru bicara kementerian kepada wartawan.",
    "Gejala",
    "Ini kata dia.",
    "1. Avaro WiFi Smart LED",
    "Menurut data BPS, pada Selasa (12/9/2023) inflasi tercatat 3,2 persen secara tahunan.",
]
BOILERPLATE = [
    "Baca juga: Judul Berita Lain yang Menarik",
    "Baca Juga",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Berita Terkait",
    "4 Oktober 2024 17:17",
    "Editor: Rizki Nugraha",
    "(Rahman Asmardika)",
    "kp/rs (AP, AFP, Reuters)",
    "MOSKOW – Presiden Rusia Vladimir Putin menerima kunjungan resmi delegasi dari Korea Utara hari ini.",
    "Foto: ANTARA/Budi Setya",
    "Kim melakukan perjalanan dengan kereta dari PyongyangFoto: AP/picture alliance",
    "https://p.dw.com/p/4WDgl",
    "PolitikKorea Utara",
    "© 2007-2024 Contoh Media",
    "(ita/ita)",
    "[Gambas:Video CNN]",
]
line_strategy = st.one_of(
    st.sampled_from(ARTICLE),
    st.sampled_from(BOILERPLATE),
    st.text(max_size=80),
    st.builds(lambda a, b: f"{a} {b}", st.sampled_from(ARTICLE), st.sampled_from(BOILERPLATE)),
)
doc_strategy = st.builds(
    lambda lines, sep: sep.join(lines),
    st.lists(line_strategy, max_size=25),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
)


# Generated documents are Indonesian by construction; language detection on a few random lines is
# not what is under test here (and may rightly read a line of noise as English).
GENERATED = Pipeline(Config(lang="id"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_strategy)
def test_properties_on_generated_documents(text: str) -> None:
    result = GENERATED.run(text)
    check_properties(text, result, GENERATED)
