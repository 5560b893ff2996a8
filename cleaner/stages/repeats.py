"""Drop repeated paragraphs: scraper artefacts that print a paragraph, or the whole body, twice.

Runs after the ad and promo stages, so two copies of a paragraph that differed only by a glued
marker compare equal, and before every stage that judges a line by its position (related blocks,
bylines, datelines, header lines): those need to know where the body ends, and a second copy of a
paragraph would move that end. The first occurrence stays.

A paragraph already contained in an earlier, longer line is dropped too: scrapers that first
emit the whole body as one run-on block and then the same paragraphs one by one. To keep this
linear, only the few longest earlier lines are searched. And a single line that holds the same text
twice (a body scraped twice into one field) loses its second copy.
"""

from __future__ import annotations

from cleaner.document import Document, Line
from cleaner.stages.base import Context

STAGE = "drop_repeats"
LEARNED_STAGE = "drop_learned_repeats"
LEARNED_RULE = "common.repeat.learned"
REPEAT_RULE = "common.repeat.paragraph"
CONTAINED_RULE = "common.repeat.contained"
DOUBLED_RULE = "common.repeat.doubled_line"
RUNON_MIN_CHARS = 200
"""A line this long may be a run-on copy of several paragraphs; later lines it contains go."""
MAX_RUNON_LINES = 4
DOUBLED_MIN_CHARS = 400
"""A line this long is checked for holding the same text twice (a body scraped twice)."""
DOUBLED_PROBE = 80


def drop_repeats(doc: Document, ctx: Context) -> None:
    """Keep the first occurrence of each paragraph; drop later copies and contained copies."""
    repeat = ctx.rule(STAGE, REPEAT_RULE)
    contained = ctx.rule(STAGE, CONTAINED_RULE)
    minimum = ctx.config.min_repeat_chars
    seen: set[str] = set()
    runons: list[Line] = []
    doubled = ctx.rule(STAGE, DOUBLED_RULE)
    for line in doc.live():
        if doubled is not None and len(line.text) >= DOUBLED_MIN_CHARS:
            _cut_second_copy(doc, line, doubled.id)
        key = line.text.casefold()
        if len(key) >= minimum:
            if repeat is not None and key in seen:
                doc.drop(line, STAGE, repeat.id)
                continue
            if contained is not None and any(
                len(r.text) > len(line.text) and line.text in r.text for r in runons
            ):
                doc.drop(line, STAGE, contained.id)
                continue
            seen.add(key)
        if len(line.text) >= RUNON_MIN_CHARS:
            runons = sorted([*runons, line], key=lambda r: -len(r.text))[:MAX_RUNON_LINES]


def _cut_second_copy(doc: Document, line: Line, rule_id: str) -> None:
    """Cut the second half of a line made of the same text twice ("A B C A B C")."""
    text = line.text
    start = text.find(text[:DOUBLED_PROBE], 1)
    if start <= 0:
        return
    first, second = text[:start].strip(), text[start:].strip()
    if second and first.startswith(second) and len(second) >= len(first) * 0.9:
        doc.cut(line, start, len(text), STAGE, rule_id)


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
