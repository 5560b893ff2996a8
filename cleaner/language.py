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
    full, exclusive = _stoplists()
    sample = text[:SAMPLE_CHARS].lower()
    counts = Counter((_ASCII_TOKEN_RE if sample.isascii() else _TOKEN_RE).findall(sample))
    tokens = counts.keys()
    hits = {lang: sum(counts[t] for t in tokens & full[lang]) for lang in LANGUAGES}
    if hits["en"] > max(hits["id"], hits["ms"]):
        return "en"
    own = {lang: sum(counts[t] for t in tokens & exclusive[lang]) for lang in ("id", "ms")}
    return "ms" if own["ms"] > own["id"] else "id"
