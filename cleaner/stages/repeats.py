"""Drop repeated paragraphs: scraper artefacts that print a paragraph, or the whole body, twice.

Runs after the ad and promo stages, so two copies of a paragraph that differed only by a glued
marker compare equal, and before every stage that judges a line by its position (related blocks,
bylines, datelines, header lines): those need to know where the body ends, and a second copy of a
paragraph would move that end. The first occurrence stays.

A paragraph whose words all recur, in order, inside another, longer paragraph goes too, wherever
that paragraph is: scrapers that emit the whole body as one run-on block and then the same
paragraphs one by one, a teaser or meta description printed above the lead it repeats, a pull quote
printed beside the sentence it quotes (in Markdown, "> ...", with the name under it). The longer
paragraph keeps the words, so nothing of the article is lost. Case, dashes and curly quotes are
folded first, so a copy that differs only in them ("BANDUNG -" and "BANDUNG –") is still found.
Below `CONTAINED_MIN_WORDS` a paragraph goes only after a run-on block. And a single line that
holds the same text twice (a body scraped twice into one field) loses its second copy; one whose
opening sentence comes again a little later (a page flattened to one line: the teaser, a paywall's
or a menu's text, then the article from its first sentence) loses what precedes the second copy.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from cleaner.document import Document, Line
from cleaner.stages.base import Context
from cleaner.text import SHOWS_NOTHING, ends_sentence, in_headline_case, word_count

STAGE = "drop_repeats"
LEARNED_STAGE = "drop_learned_repeats"
LEARNED_RULE = "common.repeat.learned"
REPEAT_RULE = "common.repeat.paragraph"
CONTAINED_RULE = "common.repeat.contained"
DOUBLED_RULE = "common.repeat.doubled_line"
CONTAINED_MIN_WORDS = 10
"""A shorter paragraph goes only as a copy after a run-on block: before that, or beside a
paragraph, it may be an image's title or a subheading that the body repeats."""
RUNON_MIN_CHARS = 200
"""A line this long may be a run-on copy of several paragraphs; later lines it contains go."""
_FOLDS = (("–", "-"), ("—", "-"), ("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"))
"""What `_fold` makes plain: dashes and curly quotes, which copies of one paragraph may spell apart."""
_BLOCKQUOTE_RE = re.compile(r">\s?")
"""A Markdown blockquote's mark at the start of a line."""
ATTRIBUTION_MAX_LINES = 3
ATTRIBUTION_MAX_WORDS = 6
"""A pull quote's attribution is a name and a title, on one of the next few quoted lines."""
DOUBLED_MIN_CHARS = 400
"""A line this long is checked for holding the same text twice (a body scraped twice)."""
DOUBLED_PROBE = 80
TEASER_RULE = "common.repeat.teaser_in_line"
TEASER_MAX_WORDS = 200
"""A line's opening sentence said again at most this many words later: what comes before is a
teaser and the page's furniture, not article (the article starts again at the second copy)."""
TEASER_SENTENCE_WORDS = (8, 60)
"""The opening sentence must be a sentence of this many words, not in headline case: a menu or a
headline said twice is no teaser."""
_FIRST_SENTENCE_RE = re.compile(r"[^.!?]*[.!?](?=\s)")
"""A line's opening sentence, up to its first stop before a space."""


def drop_repeats(doc: Document, ctx: Context) -> None:
    """Keep the first occurrence of each paragraph; drop later copies and contained copies."""
    repeat = ctx.rule(STAGE, REPEAT_RULE)
    minimum = ctx.config.min_repeat_chars
    seen: set[str] = set()
    doubled = ctx.rule(STAGE, DOUBLED_RULE)
    teaser = ctx.rule(STAGE, TEASER_RULE)
    for line in doc.live():
        if len(line.text) >= DOUBLED_MIN_CHARS:
            if doubled is not None:
                _cut_second_copy(doc, line, doubled.id)
            if teaser is not None and line.kept:
                _cut_teaser(doc, line, teaser.id)
        # two copies that differ only in what shows nothing ("ke\u00adpada", "kepada") are one
        key = line.text.translate(SHOWS_NOTHING).casefold()
        if len(key) >= minimum:
            if repeat is not None and key in seen:
                doc.drop(line, STAGE, repeat.id)
                continue
            seen.add(key)
    contained = ctx.rule(STAGE, CONTAINED_RULE)
    if contained is not None:
        _drop_contained(doc, minimum, contained.id)


def _drop_contained(doc: Document, minimum: int, rule_id: str) -> None:
    """Drop each paragraph whose text recurs inside another, longer paragraph.

    The lines are joined into one lower-cased string with dashes and quotes folded, so one `find`
    per candidate searches the whole document. A hit must not cut a word in two, but at the start
    of a later paragraph: a content system's excerpt cut at a length, mid-word ("... Kabupaten
    Balangan yang semp" above "... Kabupaten Balangan yang sempat ..."), and, for the document's
    last line, at the start of an earlier one (a stored page cut inside a copy). A hit that spans
    a whole line is a copy that differed in case, dashes or quotes only: the first stays.
    """
    lines = doc.live()
    joined = "\n" + "\n".join(line.text for line in lines) + "\n"
    folded = _fold(joined)
    if len(folded) == len(joined):  # lower() lengthens a few letters ("İ"): then compare as is
        joined = folded
    starts = []
    offset = 1
    for line in lines:
        starts.append(offset)
        offset += len(line.text) + 1
    pulled: list[int] = []
    last = len(lines) - 1
    for i, line in enumerate(lines):
        # A pull quote in Markdown ("> Residents are faced with ...") repeats the body without
        # its "> ": that is what is looked for.
        skip = _quote_mark(line.text)
        size = len(line.text) - skip
        if size < minimum:
            continue
        short = line.text.count(" ") < CONTAINED_MIN_WORDS - 1
        needle = joined[starts[i] + skip : starts[i] + skip + size]
        # A hit that cuts a word in two ("... kata" inside "... katanya") is no copy.
        open_word, close_word = needle[0].isalnum(), needle[-1].isalnum()
        at = joined.find(needle)
        while at != -1:
            j = bisect_right(starts, at) - 1
            # At a later paragraph's start a hit may end inside a word: an excerpt cut mid-word.
            # (A short line is never taken by a later one: the test below refuses it first.) So may
            # a hit at an earlier paragraph's start for the document's last line: a page stored up
            # to a length stops mid-word in a copy the page printed again.
            excerpt = (j > i or i == last) and at == starts[j] and not skip
            if (
                j != i
                and (len(lines[j].text) > size or j < i)
                and not (short and (j > i or len(lines[j].text) < RUNON_MIN_CHARS))
                and not (open_word and joined[at - 1].isalnum())
                and not (close_word and joined[at + size].isalnum() and not excerpt)
            ):
                doc.drop(line, STAGE, rule_id)
                if skip:
                    pulled.append(i)
                break
            at = joined.find(needle, at + 1)
    for i in pulled:
        _drop_attribution(doc, lines[i + 1 : i + 1 + ATTRIBUTION_MAX_LINES], rule_id)


def _drop_attribution(doc: Document, after: list[Line], rule_id: str) -> None:
    """The quoted person's name under a pull quote, in the same blockquote ("> Cllr Sirajul
    Islam"): the first short quoted line after it, past empty quoted lines."""
    for line in after:
        mark = _quote_mark(line.text)
        if not mark:
            return
        text = line.text[mark:]
        if not text:
            continue
        if word_count(text) <= ATTRIBUTION_MAX_WORDS and not ends_sentence(text):
            doc.drop(line, STAGE, rule_id)
        return


def _quote_mark(text: str) -> int:
    """The length of a Markdown blockquote's mark ("> ") opening `text`, 0 without one."""
    m = _BLOCKQUOTE_RE.match(text)
    return m.end() if m else 0


def _fold(text: str) -> str:
    """Lower case, dashes and curly quotes made plain."""
    text = text.lower()
    for fancy, plain in _FOLDS:
        text = text.replace(fancy, plain)
    return text


def _cut_second_copy(doc: Document, line: Line, rule_id: str) -> None:
    """Cut the second half of a line made of the same text twice ("A B C A B C")."""
    text = line.text
    start = text.find(text[:DOUBLED_PROBE], 1)
    if start <= 0:
        return
    first, second = text[:start].strip(), text[start:].strip()
    if second and first.startswith(second) and len(second) >= len(first) * 0.9:
        doc.cut(line, start, len(text), STAGE, rule_id)


def _cut_teaser(doc: Document, line: Line, rule_id: str) -> None:
    """Cut what precedes the second copy of a line's opening sentence, when it comes again soon.

    A page flattened to one line often prints the lead as a teaser, then a paywall's, a menu's or a
    caption's text, then the article from its first sentence. The opening sentence (folded, so
    "TORONTO -" meets "TORONTO –") must be said again whole, at a word's start, within
    `TEASER_MAX_WORDS` words and in the first half of the line: the second copy keeps the words.
    """
    text = line.text
    # The cheap tests first: nearly every long line has no second copy, so the headline-case test
    # runs only on the few that do. The sentence's stops and spaces are where folding leaves them,
    # so it is found on the text as is, and only what a second copy in the first half can reach is
    # folded.
    m = _FIRST_SENTENCE_RE.match(text)
    if m is None:
        return
    low, high = TEASER_SENTENCE_WORDS
    if not low <= word_count(m.group()) <= high:
        return
    half = len(text) // 2
    reach = text[: half + m.end()]
    folded = _fold(reach)
    if len(folded) != len(reach):
        return
    start = folded.find(folded[: m.end()].strip(), m.end())
    if start <= 0 or folded[start - 1].isalnum() or start > half:
        return
    if in_headline_case(text[: m.end()]) or word_count(text[:start]) > TEASER_MAX_WORDS:
        return
    # lower() lengthens a few letters ("İ"): such a line is not compared, however long
    if len(text.lower()) == len(text):
        doc.cut(line, 0, start, STAGE, rule_id)


def drop_learned_repeats(doc: Document, ctx: Context) -> None:
    """Drop lines that occur in more than `min_docs` documents of this document's folder.

    Runs only with a table learned by `--learn-repeats` (or loaded with `--repeats`); right after
    the navigation rules, so a menu line a rule names is recorded under that rule, and whatever the
    folder shares beyond the rules goes here, before any stage judges positions.
    """
    table = ctx.repeats
    rule = ctx.rule(LEARNED_STAGE, LEARNED_RULE)
    if table is None or rule is None:
        return
    for line in doc.live():
        if table.is_repeated(doc.group, line.original) and line.text == line.original:
            doc.drop(line, LEARNED_STAGE, rule.id)
