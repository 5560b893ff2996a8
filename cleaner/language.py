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
_ASCII_TOKEN_RE = re.compile(r"[a-z]+")
"""`_TOKEN_RE` on lower-cased ASCII text (letters: neither digits nor `_`), twice as fast."""


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
    tokens = (_ASCII_TOKEN_RE if sample.isascii() else _TOKEN_RE).findall(sample)
    # How many tokens carry each combination of lists (tokens on none count under None).
    by_lists = Counter(map(_signatures().get, tokens))
    del by_lists[None]

    def count(bit: int) -> int:
        return sum(n for bits, n in by_lists.items() if bits is not None and bits & bit)

    if count(_FULL_BIT["en"]) > max(count(_FULL_BIT["id"]), count(_FULL_BIT["ms"])):
        return "en"
    return "ms" if count(_EXCLUSIVE_BIT["ms"]) > count(_EXCLUSIVE_BIT["id"]) else "id"
