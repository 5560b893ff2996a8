"""Drop cross-promotion: "Baca juga", video promos, syndication notes, app and newsletter CTAs.

Runs after the ad markers are gone and before the related-block stage: a "Baca juga" line inside a
body is a single promo, not the header of a list. A rule's `title` group becomes a `related` entry
of the rule's `related` kind; with `next_line_title = true`, a marker alone on its line takes the
next line as its title when that line looks like a headline ("Baca Juga" / "Judul Lain"). An
`own_title` group (syndication and clipboard trailers quote the article's own headline) fills the
sidecar's `title`.

Span rules cut a marker glued inside a paragraph, but only when the pattern can tell where the
title ends (a sentence that follows, or the end of the line). A marker whose title's end cannot be
told is left in place and recorded as a warning: keeping a paragraph beats losing its tail.
"""

from __future__ import annotations

import re

from cleaner.document import Document, Line, Related
from cleaner.rules import Rule
from cleaner.stages.base import Context, OnMatch, candidates, cut_spans
from cleaner.text import is_body, is_headline

STAGE = "drop_cross_promotion"
_LEFT_MARKER_RE = re.compile(r"(?<=[.!?\"”])\s*\b(?:Baca|BACA|Read) (?:[Jj]uga|JUGA|also|more)\s*:")


def _title(m: re.Match[str]) -> str:
    title = (m.groupdict().get("title") or "").strip()
    return title.strip(" \"'“”‘’").strip()


def drop_cross_promotion(doc: Document, ctx: Context) -> None:
    """Remove promos; record the headlines they advertised in `related`."""
    for index, line, rule, live in candidates(doc, ctx, STAGE):
        if rule.match == "span":
            cut_spans(doc, line, rule, STAGE, _recorder(doc, rule))
            continue
        m = rule.fullmatch(line.text)
        if not m:
            continue
        own = (m.groupdict().get("own_title") or "").strip()
        if own:
            doc.meta.set_once("title", own)
        title = _title(m)
        block = [line]
        if not title and rule.next_line_title and index + 1 < len(live):
            nxt = live[index + 1]
            if nxt.kept and is_headline(nxt.text) and not is_body(nxt.text):
                title = nxt.text
                block.append(nxt)
        if rule.related and title:
            doc.meta.related.append(Related(title=title, date=None, kind=rule.related))
        doc.drop_block(block, STAGE, rule.id)
    for line in doc.live():
        if _LEFT_MARKER_RE.search(line.text):
            warning = f"line {line.number}: a 'Baca juga' marker inside a paragraph was kept: the end of its title cannot be told"
            if warning not in doc.warnings:
                doc.warnings.append(warning)


def _recorder(doc: Document, rule: Rule) -> OnMatch:
    def record(line: Line, r: Rule, m: re.Match[str]) -> None:
        title = _title(m)
        if r.related and title:
            doc.meta.related.append(Related(title=title, date=None, kind=r.related))

    return record
