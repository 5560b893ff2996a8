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
_LIST_ITEM_RE = re.compile(r"\d{1,2}[.)]\s")
"""A numbered line ("1. Cek Fakta: ...") is an item of the article's own list, never a promo's title."""
_LEFT_MARKER_RE = re.compile(r"(?<=[.!?\"”])\s*\b(?:Baca|BACA|Read) (?:[Jj]uga|JUGA|also|more)\s*:")
_LEFT_MARKER_WORDS = ("Baca", "BACA", "Read")
"""Every match of `_LEFT_MARKER_RE` holds one of these (a literal test first is cheaper)."""


def _title(m: re.Match[str]) -> str:
    title = (m.groupdict().get("title") or "").strip()
    return title.strip(" \"'“”‘’").strip()


def drop_cross_promotion(doc: Document, ctx: Context) -> None:
    """Remove promos; record the headlines they advertised in `related`."""
    found: list[tuple[int, int, Related]] = []  # (line, position, entry): related in reading order
    for index, line, rule, live in candidates(doc, ctx, STAGE):
        if rule.match == "span":
            cut_spans(doc, line, rule, STAGE, _recorder(found))
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
            if (
                nxt.kept
                and is_headline(nxt.text)
                and not is_body(nxt.text)
                and not _LIST_ITEM_RE.match(nxt.text)
            ):
                title = nxt.text
                block.append(nxt)
        if rule.related and title:
            found.append((line.number, 0, Related(title=title, date=None, kind=rule.related)))
        doc.drop_block(block, STAGE, rule.id)
    found.sort(key=lambda item: (item[0], item[1]))
    doc.meta.related.extend(entry for _, _, entry in found)
    for line in doc.live():
        if any(word in line.text for word in _LEFT_MARKER_WORDS) and _LEFT_MARKER_RE.search(
            line.text
        ):
            warning = f"line {line.number}: a 'Baca juga' marker inside a paragraph was kept: the end of its title cannot be told"
            if warning not in doc.warnings:
                doc.warnings.append(warning)


def _recorder(found: list[tuple[int, int, Related]]) -> OnMatch:
    """Record a span rule's title with its place in the input line (cuts may run right to left)."""

    def record(line: Line, rule: Rule, m: re.Match[str]) -> None:
        title = _title(m)
        if rule.related and title:
            position = line.original.find(m.group(0).strip())
            entry = Related(title=title, date=None, kind=rule.related)
            found.append((line.number, max(position, 0), entry))

    return record
