"""The string helpers in cleaner/text.py."""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from cleaner.text import _INVISIBLE_RE, _SPACE_RE, normalize_space

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


def test_ascii_tokens_are_the_tokens_of_ascii_text() -> None:
    """Language detection takes a faster token pattern on lower-cased ASCII text: the two must
    take the same characters there."""
    from cleaner.language import _ASCII_TOKEN_RE, _TOKEN_RE

    for c in map(chr, range(128)):
        low = c.lower()
        assert bool(_ASCII_TOKEN_RE.fullmatch(low)) == bool(_TOKEN_RE.fullmatch(low)), repr(c)
