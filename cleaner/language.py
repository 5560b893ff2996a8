"""Guess the language of a document (`id`, `ms` or `en`) from jusText's stoplists.

Cheap and good enough to pick a rule pack (the stoplists are jusText's own data files). Indonesian
wins ties and texts with no signal: it is the language this tool is built for first.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from cleaner.rules import LANGUAGES

JUSTEXT_NAMES = {"id": "Indonesian", "ms": "Malay", "en": "English"}
SAMPLE_CHARS = 4000
"""The first few thousand characters decide; the rest of a long text adds time, not signal."""
_TOKEN_RE = re.compile(r"[^\W\d_]+")
_NON_ASCII_LETTER_RE = re.compile(r"[^\W\d_\x00-\x7f]")
"""A character of a `_TOKEN_RE` token outside ASCII. In a lower-cased text without one, the tokens
are the runs of `a` to `z`: the text is then tokenised as bytes (`_NOT_A_TO_Z`)."""
_NOT_A_TO_Z = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))
"""A `bytes.translate` table: every byte but `a` to `z` becomes a space, which `split` splits at."""


@cache
def _stoplists() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(full stoplists, words on exactly one language's list), per language."""
    import justext  # imported here: it pulls in lxml, and only detection needs it

    full = {
        lang: frozenset(w.lower() for w in justext.get_stoplist(JUSTEXT_NAMES[lang]))
        for lang in LANGUAGES
    }
    exclusive = {
        lang: words - frozenset().union(*(full[o] for o in LANGUAGES if o != lang))
        for lang, words in full.items()
    }
    return full, exclusive


_FULL_BIT = {"id": 1, "ms": 2, "en": 4}
_EXCLUSIVE_BIT = {"id": 8, "ms": 16}


@cache
def _signatures() -> dict[str, int]:
    """Each stopword of any language, with the lists it is on as bits (`_FULL_BIT`,
    `_EXCLUSIVE_BIT`): a document's tokens are then counted by list in one pass."""
    full, exclusive = _stoplists()
    bits: dict[str, int] = {}
    for lang in LANGUAGES:
        for word in full[lang]:
            bits[word] = bits.get(word, 0) | _FULL_BIT[lang]
    for lang in ("id", "ms"):
        for word in exclusive[lang]:
            bits[word] |= _EXCLUSIVE_BIT[lang]
    return bits


@cache
def _ascii_signatures() -> dict[bytes, int]:
    """`_signatures` of the ASCII stopwords, as bytes (the tokens of an ASCII text)."""
    return {word.encode(): bits for word, bits in _signatures().items() if word.isascii()}


def stoplist(lang: str) -> frozenset[str]:
    """jusText's stoplist for a language of ours (Indonesian's for an unknown one), lower-cased."""
    full, _ = _stoplists()
    return full.get(lang, full["id"])


def detect_language(text: str) -> str:
    """`id`, `ms` or `en` for a text; `id` when nothing tells them apart.

    English against Malay/Indonesian is decided by how many tokens are on each full stoplist
    (both lists are long and differ completely). Indonesian against Malay, which share most of
    their stopwords, is decided by the words on only one of the two lists.
    """
    sample = text[:SAMPLE_CHARS].lower()
    # How many tokens carry each combination of lists (tokens on none count under None). Tokens
    # of letters a to z only (most texts: other characters are punctuation) are cut and looked up
    # as bytes, three times faster than `_TOKEN_RE`: `?` stands for any other character, which
    # ends a token as it did.
    by_lists: Counter[int | None]
    if sample.isascii() or _NON_ASCII_LETTER_RE.search(sample) is None:
        tokens = sample.encode("ascii", "replace").translate(_NOT_A_TO_Z).split()
        by_lists = Counter(map(_ascii_signatures().get, tokens))
    else:
        by_lists = Counter(map(_signatures().get, _TOKEN_RE.findall(sample)))
    del by_lists[None]

    def count(bit: int) -> int:
        return sum(n for bits, n in by_lists.items() if bits is not None and bits & bit)

    if count(_FULL_BIT["en"]) > max(count(_FULL_BIT["id"]), count(_FULL_BIT["ms"])):
        return "en"
    return "ms" if count(_EXCLUSIVE_BIT["ms"]) > count(_EXCLUSIVE_BIT["id"]) else "id"
