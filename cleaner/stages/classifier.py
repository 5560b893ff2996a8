"""Drop what no rule names, with jusText's own paragraph classifier, conservatively.

jusText judges each paragraph by its length, its share of stopwords (its own stoplists for
Indonesian, Malay and English) and its neighbours. Here it judges the lines the rule stages left,
built directly as jusText paragraphs (no HTML is written and parsed again: that round trip would
cost more than the whole rule pipeline).

Runs last before finalisation, after every rule stage, and only where the rules are least sure:
it drops a line only when (1) it is at an edge of the article (before the first or after the last
body paragraph: between body paragraphs a short line is a subheading or a quote), (2) jusText's
final class for it is boilerplate, and (3) its stopword density is below jusText's own "low"
threshold, a second cue that the line is a label, a name or a menu rather than a sentence. Lines
that open with a quotation mark or end like a sentence are never dropped: a short closing
paragraph ("Dan dijawab Jokowi dengan, "Makasih bro..."") is article.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cleaner.document import Document
from cleaner.stages.base import Context, Regions
from cleaner.text import ends_sentence

STAGE = "drop_low_content"
RULE = "common.classifier.justext"
STOPWORDS_LOW = 0.30
"""jusText's default `stopwords_low`: below it a paragraph has too few function words for prose."""
MAX_WORDS = 20
"""Longer lines are left to the rules: jusText's length cue is weak on one-line paragraphs."""
_STOPLISTS = {"id": "Indonesian", "ms": "Malay", "en": "English"}
_QUOTES = "\"'“‘«"


@cache
def _stoplist(lang: str) -> frozenset[str]:
    import justext

    return frozenset(w.lower() for w in justext.get_stoplist(_STOPLISTS.get(lang, "Indonesian")))


def _paragraphs(texts: list[str]) -> list[Any]:
    from justext.core import PathInfo
    from justext.paragraph import Paragraph

    out = []
    for text in texts:
        paragraph = Paragraph(PathInfo().append("body").append("p"))
        paragraph.append_text(text)
        out.append(paragraph)
    return out


def drop_low_content(doc: Document, ctx: Context) -> None:
    """Drop edge lines that jusText classifies as boilerplate and that have few stopwords."""
    rule = ctx.rule(STAGE, RULE)
    if rule is None:
        return
    regions = Regions.of(doc)
    if not regions.has_body:
        return
    edges = [i for i in range(len(regions.live)) if "edge" in regions.where(i)]
    if not edges:
        return
    from justext.core import classify_paragraphs, revise_paragraph_classification

    stoplist = _stoplist(doc.language)
    paragraphs = _paragraphs([line.text for line in regions.live])
    classify_paragraphs(paragraphs, stoplist)
    revise_paragraph_classification(paragraphs)
    for i in edges:
        line, paragraph = regions.live[i], paragraphs[i]
        if (
            paragraph.class_type == "bad"
            and paragraph.words_count <= MAX_WORDS
            and paragraph.stopwords_density(stoplist) < STOPWORDS_LOW
            and not line.text.startswith(tuple(_QUOTES))
            and not ends_sentence(line.text)
            and rule.fullmatch(line.text)
        ):
            doc.drop(line, STAGE, rule.id)
