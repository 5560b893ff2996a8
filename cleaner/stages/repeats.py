"""Drop repeated paragraphs: scraper artefacts that print a paragraph, or the whole body, twice.

Runs after the ad and promo stages, so two copies of a paragraph that differed only by a glued
marker compare equal, and before every stage that judges a line by its position (related blocks,
bylines, datelines, header lines): those need to know where the body ends, and a second copy of a
paragraph would move that end. The first occurrence stays.

A paragraph already contained in an earlier, much longer line is dropped too: scrapers that first
emit the whole body as one run-on block and then the same paragraphs one by one. To keep this
linear, only the few longest earlier lines are searched.
"""

from __future__ import annotations

from cleaner.document import Document, Line
from cleaner.stages.base import Context

STAGE = "drop_repeats"
REPEAT_RULE = "common.repeat.paragraph"
CONTAINED_RULE = "common.repeat.contained"
RUNON_MIN_CHARS = 500
"""A line this long (and 4x the paragraph) may be a run-on copy of the body."""
RUNON_RATIO = 4
MAX_RUNON_LINES = 4


def drop_repeats(doc: Document, ctx: Context) -> None:
    """Keep the first occurrence of each paragraph; drop later copies and contained copies."""
    repeat = ctx.rule(STAGE, REPEAT_RULE)
    contained = ctx.rule(STAGE, CONTAINED_RULE)
    minimum = ctx.config.min_repeat_chars
    seen: set[str] = set()
    runons: list[Line] = []
    for line in doc.live():
        key = line.text.casefold()
        if len(key) >= minimum:
            if repeat is not None and key in seen:
                doc.drop(line, STAGE, repeat.id)
                continue
            if contained is not None and any(
                len(r.text) >= RUNON_RATIO * len(line.text) and line.text in r.text for r in runons
            ):
                doc.drop(line, STAGE, contained.id)
                continue
            seen.add(key)
        if len(line.text) >= RUNON_MIN_CHARS:
            runons = sorted([*runons, line], key=lambda r: -len(r.text))[:MAX_RUNON_LINES]
