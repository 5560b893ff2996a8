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

from typing import Any

from cleaner import language
from cleaner.document import Document
from cleaner.stages.base import Context, Regions
from cleaner.text import ends_sentence

STAGE = "drop_low_content"
RULE = "common.classifier.justext"
STOPWORDS_LOW = 0.30
"""jusText's default `stopwords_low`: below it a paragraph has too few function words for prose."""
MAX_WORDS = 20
"""Longer lines are left to the rules: jusText's length cue is weak on one-line paragraphs."""
EDGE_WINDOW = 100
"""Edge lines judged on each side of the body. jusText's context revision walks runs of short
paragraphs, which is quadratic in their length; a bounded window keeps this stage linear, and the
lines that matter (those next to the body) are all inside it."""
BODY_CONTEXT = 5
"""Body paragraphs given to jusText as context next to each edge window."""
_QUOTES = "\"'“‘«"


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
    live = regions.live
    first, last = regions.first, regions.last
    # (the lines given to jusText, the edge lines of that side it may drop)
    windows = [
        (range(max(0, first - EDGE_WINDOW), min(len(live), first + BODY_CONTEXT)), range(first)),
        (
            range(max(0, last - BODY_CONTEXT + 1), min(len(live), last + 1 + EDGE_WINDOW)),
            range(last + 1, len(live)),
        ),
    ]
    from justext.core import classify_paragraphs, revise_paragraph_classification

    stoplist = language.stoplist(doc.language)
    for window, side in windows:
        indexes = list(window)
        if not any(i in side for i in indexes):
            continue
        paragraphs = _paragraphs([live[i].text for i in indexes])
        classify_paragraphs(paragraphs, stoplist)
        revise_paragraph_classification(paragraphs)
        for i, paragraph in zip(indexes, paragraphs, strict=True):
            line = live[i]
            if (
                line.kept
                and i in side
                and paragraph.class_type == "bad"
                and paragraph.words_count <= MAX_WORDS
                and paragraph.stopwords_density(stoplist) < STOPWORDS_LOW
                and not line.text.startswith(tuple(_QUOTES))
                and not ends_sentence(line.text)
                and rule.fullmatch(line.text)
            ):
                doc.drop(line, STAGE, rule.id)
