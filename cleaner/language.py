"""Guess the language of a document (`id`, `ms` or `en`) from jusText's stoplists.

Cheap and good enough to pick a rule pack: count the words that are on exactly one language's
stoplist (words common to Indonesian and Malay say nothing), and take the language with most.
Indonesian wins ties and texts with no signal: it is the language this tool is built for first.
"""

from __future__ import annotations

import re
from functools import cache

from cleaner.rules import LANGUAGES

JUSTEXT_NAMES = {"id": "Indonesian", "ms": "Malay", "en": "English"}
SAMPLE_CHARS = 4000
"""The first few thousand characters decide; the rest of a long text adds time, not signal."""
_TOKEN_RE = re.compile(r"[^\W\d_]+")


@cache
def _exclusive_stoplists() -> dict[str, frozenset[str]]:
    import justext  # imported here: it pulls in lxml, and only detection needs it

    lists = {lang: frozenset(justext.get_stoplist(JUSTEXT_NAMES[lang])) for lang in LANGUAGES}
    return {
        lang: words - frozenset().union(*(lists[o] for o in LANGUAGES if o != lang))
        for lang, words in lists.items()
    }


def detect_language(text: str) -> str:
    """`id`, `ms` or `en` for a text; `id` when nothing tells them apart."""
    lists = _exclusive_stoplists()
    scores = dict.fromkeys(LANGUAGES, 0)
    for token in _TOKEN_RE.findall(text[:SAMPLE_CHARS].lower()):
        for lang, words in lists.items():
            if token in words:
                scores[lang] += 1
    return max(LANGUAGES, key=lambda lang: (scores[lang], lang == "id"))
