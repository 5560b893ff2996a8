"""Drop header metadata lines: the title above the body, standalone dates, short links, tag lists.

Runs after the dateline stage (which needs the first paragraph intact) and after every stage that
removes head furniture, because the title is only taken with a cue: it is the first headline-shaped
line before the first body paragraph *and* another piece of header furniture was removed around it
(a menu, a breadcrumb, a byline, a date). Without such a cue a short first line may be the article's
own opening (and cleaning a clean text must change nothing, so a title needs evidence).

Standalone dates are read only in the head and the tail; the first one in the head is `published`.
Lower-case tag lines ("amerika serikat", "donald trump") are dropped only after a sign-off, where no
article text follows.
"""

from __future__ import annotations

import re

from cleaner.document import Document, Line
from cleaner.rules import Rule
from cleaner.stages.base import Context, Regions, apply_line_rules
from cleaner.text import is_body, is_headline, word_count

STAGE = "drop_header_metadata"
TITLE_RULE = "common.header.title"
REPEATED_TITLE_RULE = "common.header.repeated_title"
DATE_RULE = "common.header.date"
TAG_LINE_RULE = "common.header.tag_line"
TAG_LINE_MAX_WORDS = 6
_TAGS_SPLIT_RE = re.compile(r"\s*[,;|#]\s*")
_SPECIAL = frozenset({TITLE_RULE, REPEATED_TITLE_RULE, DATE_RULE, TAG_LINE_RULE})
_HEAD_CUE_STAGES = frozenset({"drop_navigation", "drop_bylines", "drop_figures", STAGE})


def drop_header_metadata(doc: Document, ctx: Context) -> None:
    """Remove title, dates, short links and tag lines; record them in the sidecar."""

    def on_match(line: Line, rule: Rule, m: re.Match[str]) -> None:
        groups = m.groupdict()
        if groups.get("url"):
            doc.meta.set_once("url", groups["url"])
        if groups.get("tags"):
            doc.meta.add(doc.meta.tags, *_TAGS_SPLIT_RE.split(groups["tags"]))

    apply_line_rules(doc, ctx, STAGE, on_match, skip=_SPECIAL)
    _drop_dates(doc, ctx)
    _drop_title(doc, ctx)
    _drop_tag_lines(doc, ctx)


def _drop_dates(doc: Document, ctx: Context) -> None:
    rule = ctx.rule(STAGE, DATE_RULE)
    if rule is None:
        return
    regions = Regions.of(doc)
    for line, where in zip(regions.live, regions.wheres(), strict=True):
        if "edge" not in where or not rule.regex.search(line.text):
            continue
        iso = ctx.dates.parse(line.text)
        if iso is None:
            continue
        if "head" in where:
            doc.meta.set_once("published", iso)
        doc.drop(line, STAGE, rule.id)


def _drop_title(doc: Document, ctx: Context) -> None:
    regions = Regions.of(doc)
    if not regions.has_body:
        return
    head = regions.head
    repeated = ctx.rule(STAGE, REPEATED_TITLE_RULE)
    if repeated is not None and doc.meta.title:
        for line in head:
            if line.text.casefold() == doc.meta.title.casefold():
                doc.drop(line, STAGE, repeated.id)
                return
    rule = ctx.rule(STAGE, TITLE_RULE)
    if rule is None or doc.meta.title:
        return
    first_body = regions.live[regions.first].number
    cue = any(
        r.line < first_body and r.stage in _HEAD_CUE_STAGES and not r.partial for r in doc.removed
    )
    if not cue:
        return
    for line in head:
        if is_headline(line.text) and not is_body(line.text) and rule.fullmatch(line.text):
            doc.meta.title = line.text
            doc.drop(line, STAGE, rule.id)
            return


def _drop_tag_lines(doc: Document, ctx: Context) -> None:
    rule = ctx.rule(STAGE, TAG_LINE_RULE)
    if rule is None or doc.meta.signoff_text is None:
        return
    regions = Regions.of(doc)
    if not regions.has_body:
        return
    for line in regions.tail:
        if word_count(line.text) <= TAG_LINE_MAX_WORDS and rule.fullmatch(line.text):
            doc.meta.add(doc.meta.tags, line.text)
            doc.drop(line, STAGE, rule.id)
