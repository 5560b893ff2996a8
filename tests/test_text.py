"""The string helpers in cleaner/text.py."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.text import _INVISIBLE_RE, _SPACE_RE, capitalised_share, normalize_space

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_split_and_backslash_s_agree_on_every_code_point() -> None:
    """normalize_space collapses spaces with `str.split` on lines without a break and with `\\s`
    on the others: the two must name the same characters."""
    assert re.findall(r"\s", EVERY_CHARACTER) == [c for c in EVERY_CHARACTER if c.isspace()]


@given(
    st.text(alphabet=st.sampled_from("ab \t\n\u00a0\u2003\u200b\x0b\x1c\x85\u3000e\u0301\ufeff"))
)
def test_normalize_space_is_its_regex_definition(text: str) -> None:
    nfc = _INVISIBLE_RE.sub(" ", unicodedata.normalize("NFC", text))
    assert normalize_space(text) == _SPACE_RE.sub(" ", nfc).strip()


def test_ascii_tokens_are_the_tokens_of_lowered_text() -> None:
    """Language detection cuts the tokens of a lower-cased text as bytes, at every character but
    `a` to `z`, unless it holds a character outside ASCII that `_TOKEN_RE` takes into a token: in
    a lower-cased text, a character is a token's exactly when it is `a` to `z` or such a one."""
    import sys

    from cleaner.language import _NON_ASCII_LETTER_RE, _TOKEN_RE

    for cp in range(sys.maxunicode + 1):
        for c in chr(cp).lower():
            expected = "a" <= c <= "z" or _NON_ASCII_LETTER_RE.fullmatch(c) is not None
            assert (_TOKEN_RE.fullmatch(c) is not None) == expected, repr(c)


@given(st.text(alphabet=st.sampled_from("ab \n\t\xa0\u2003\r")))
def test_classifier_whitespace_is_justexts(text: str) -> None:
    """The jusText pass skips jusText's whitespace pass on a text it would leave as it is: the
    result is always jusText's."""
    from justext.utils import normalize_whitespace

    from cleaner.stages.classifier import _normalize_whitespace

    assert _normalize_whitespace(text) == normalize_whitespace(text)
    assert _normalize_whitespace(normalize_space(text)) == normalize_whitespace(
        normalize_space(text)
    )


@pytest.mark.parametrize(
    ("words", "figures", "share"),
    [
        (["Kim", "Tiba", "di", "Rusia"], True, 0.75),
        (["Tahun", "2022", "Operasi"], True, 1.0),
        (["Tahun", "2022", "Operasi"], False, 2 / 3),
        (["pemerintah", "menyatakan"], True, 0.0),
        ([], True, 0.0),
    ],
)
def test_capitalised_share(words: list[str], figures: bool, share: float) -> None:
    assert capitalised_share(words, figures=figures) == pytest.approx(share)
