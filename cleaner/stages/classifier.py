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

from functools import cache, cached_property
from typing import Any

from cleaner import language
from cleaner.document import Document
from cleaner.rules import LANGUAGES
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
_QUOTES = tuple("\"'“‘«")
SENTENCE_MIN_WORDS = 8
"""A line this long may be a sentence, and two cues then keep it. It reads as prose in another of
the packs' languages (many of its stopwords): a quote or an embedded post in that language. Or it
ends with a colon and introduces what follows ("Sebagai penutup, Bupati ... membacakan pesan yang
menggugah semangat gotong royong masyarakat Bondowoso:" over a poem), however many names it holds;
a label with a colon is a word or two."""


@cache
def _paragraph_class() -> Any:
    from justext.paragraph import Paragraph

    class OneLine(Paragraph):  # type: ignore[misc]
        """A jusText paragraph whose text is worked out once: jusText's own normalises the
        whitespace of its text again at every access (a dozen per paragraph), and counts its words
        again at each of the three accesses of one classification."""

        def append_text(self, text: str) -> str:
            text = _normalize_whitespace(text)
            self.text_nodes.append(text)
            return text

        @cached_property
        def text(self) -> str:
            return _normalize_whitespace("".join(self.text_nodes).strip())

        @cached_property
        def words_count(self) -> int:
            return len(self.text.split())

    return OneLine


def _normalize_whitespace(text: str) -> str:
    """jusText's `normalize_whitespace`, which walks the text with `re` and calls back into Python
    at every space; a text it leaves as it is (one space between words, none at the ends: every
    line of ours) is returned at once. `str.split` splits at exactly the characters `\\s`
    matches (tests/test_text.py)."""
    if text == " ".join(text.split()):
        return text
    from justext.utils import normalize_whitespace

    return str(normalize_whitespace(text))


@cache
def _path() -> Any:
    """Where each paragraph sits in the page jusText would have parsed, `<body><p>`: a paragraph
    reads the path's text once, so one path serves them all."""
    from justext.core import PathInfo

    return PathInfo().append("body").append("p")


def _paragraphs(texts: list[str]) -> list[Any]:
    one_line = _paragraph_class()
    path = _path()
    out = []
    for text in texts:
        paragraph = one_line(path)
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
    stoplist = language.stoplist(doc.language)
    # A line that reads as prose in any of the packs' languages is not dropped: an English quote
    # or embedded post in an Indonesian article has few Indonesian stopwords, many English ones.
    stoplists = (stoplist, *(language.stoplist(o) for o in LANGUAGES if o != doc.language))
    for window, side in windows:
        indexes = list(window)
        if not any(i in side for i in indexes):
            continue
        # The verdict depends on the window's texts alone: a later pass over the same lines
        # (the pipeline's confirming pass) reuses it.
        texts = tuple(live[i].text for i in indexes)
        key = (STAGE, texts, side.start - window.start, side.stop - window.start)
        if key not in doc.memo:
            doc.memo[key] = _boilerplate(texts, range(key[2], key[3]), stoplists)
        for k in doc.memo[key]:
            line = live[indexes[k]]
            if line.kept and rule.fullmatch(line.text):
                doc.drop(line, STAGE, rule.id)


def _boilerplate(
    texts: tuple[str, ...], side: range, stoplists: tuple[frozenset[str], ...]
) -> list[int]:
    """The positions in `side` of the texts jusText classifies as boilerplate with few stopwords
    (and that neither open with a quotation mark nor end like a sentence). jusText classifies with
    the document's stoplist, the first of `stoplists`."""
    candidates = [k for k in range(len(texts)) if k in side and _may_drop(texts[k], stoplists)]
    if not candidates:
        return []  # jusText's verdict could drop none of them: it is not asked
    from justext.core import classify_paragraphs, revise_paragraph_classification

    paragraphs = _paragraphs(list(texts))
    classify_paragraphs(paragraphs, stoplists[0])
    revise_paragraph_classification(paragraphs)
    return [k for k in candidates if paragraphs[k].class_type == "bad"]


def _may_drop(text: str, stoplists: tuple[frozenset[str], ...]) -> bool:
    """What a line's own text must be for jusText's verdict to drop it: at most MAX_WORDS words,
    a stopword density below STOPWORDS_LOW on the document's stoplist, and on every other one for a
    line of SENTENCE_MIN_WORDS words or more (counted as jusText counts them: its paragraph
    text differs from the line only in white space, which `split` passes over), no opening
    quotation mark, no sentence ending, and no colon closing a line of SENTENCE_MIN_WORDS words or
    more."""
    words = text.split()
    if not words or len(words) > MAX_WORDS or text.startswith(_QUOTES) or ends_sentence(text):
        return False
    if len(words) >= SENTENCE_MIN_WORDS and text.endswith(":"):
        return False
    lowered = [word.lower() for word in words]
    # Other languages' stoplists count only for a line long enough to be a sentence: an English
    # label in an Indonesian page ("Read more", "Share this story") stays the classifier's.
    judged = stoplists if len(words) >= SENTENCE_MIN_WORDS else stoplists[:1]
    return all(
        sum(word in stoplist for word in lowered) / len(words) < STOPWORDS_LOW
        for stoplist in judged
    )
