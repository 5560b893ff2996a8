"""Drop cross-promotion: "Baca juga", video promos, syndication notes, app and newsletter CTAs.

Runs after the ad markers are gone and before the related-block stage: a "Baca juga" line inside a
body is a single promo, not the header of a list. A rule's `title` group becomes a `related` entry
of the rule's `related` kind; with `next_line_title = true`, a marker alone on its line takes the
next line as its title when that line looks like a headline ("Baca Juga" / "Judul Lain"). An
`own_title` group (syndication and clipboard trailers quote the article's own headline) fills the
sidecar's `title`; their `publisher` group names the outlet, the sidecar's `publisher` when no
dateline or byline names one (the page's own outlet comes first).

Span rules cut a marker glued inside a paragraph, but only when the pattern can tell where the
title ends (a sentence that follows, or the end of the line). A marker whose title's end cannot be
told is left in place and recorded as a warning: keeping a paragraph beats losing its tail.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from cleaner.document import Document, Line, Related
from cleaner.rules import Rule
from cleaner.stages import related
from cleaner.stages.base import (
    ANYWHERE,
    Context,
    OnMatch,
    Regions,
    Scanner,
    candidates,
    cut_spans,
)
from cleaner.text import BODY_MIN_WORDS, ends_sentence, is_body, is_headline, word_count, words

STAGE = "drop_cross_promotion"
_LIST_ITEM_RE = re.compile(r"\d{1,2}[.)]\s")
"""A numbered line ("1. Cek Fakta: ...") is an item of the article's own list, never a promo's title."""
_LEFT_MARKER_RE = re.compile(r"(?<=[.!?\"”])\s*\b(?:Baca|BACA|Read) (?:[Jj]uga|JUGA|also|more)\s*:")
_LEFT_MARKER_WORDS = ("Baca", "BACA", "Read")
"""Every match of `_LEFT_MARKER_RE` holds one of these (a literal test first is cheaper)."""


_QUOTES = "\"'“”‘’"
_GLUED_TITLES_RE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2})")
"""Where two headlines of a glued list meet ("... Industri HijauProyek Energi ..."): a scraper
that dropped the separators between list items joins a word's lower-case end to the next title's
capital."""
_PARTNER = {"“": "”", "”": "“", "‘": "’", "’": "‘"}


def _title(m: re.Match[str]) -> str:
    """The advertised headline, without the quotes around it; a quotation inside the headline
    ("Jokowi Panggil Manpora Malaysia 'Bro'") keeps its own marks."""
    title = (m.groupdict().get("title") or "").strip()
    if len(title) > 1 and title[0] in _QUOTES and title[-1] == _PARTNER.get(title[0], title[0]):
        title = title[1:-1].strip()  # "“Polisi Tangkap Pelaku”": quoted whole
    while title and title[0] in _QUOTES and _unbalanced(title, title[0]):
        title = title[1:].strip()
    while title and title[-1] in _QUOTES and _unbalanced(title, title[-1]):
        title = title[:-1].strip()
    if title.endswith(")") and title.count(")") > title.count("("):
        title = title[:-1].strip()  # "(Baca Juga: TITLE)": the promo's own bracket
    return title


def _unbalanced(text: str, mark: str) -> bool:
    """Whether a quote mark has no partner in the text (curly quotes pair with their mirror)."""
    partner = _PARTNER.get(mark)
    if partner is None:
        return text.count(mark) % 2 == 1
    return text.count(mark) != text.count(partner)


def drop_cross_promotion(doc: Document, ctx: Context) -> None:
    """Remove promos; record the headlines they advertised in `related`."""
    found: list[tuple[int, int, Related]] = []  # (line, position, entry): related in reading order
    scanner = ctx.scanner(STAGE)
    for index, line, rule, live in candidates(doc, ctx, STAGE):
        if rule.match == "span":
            cut_spans(doc, line, rule, STAGE, _recorder(doc, found))
            continue
        m = rule.fullmatch(line.text)
        if not m:
            continue
        title = _title(m)
        if rule.next_line_title and not title and _heads_a_list(doc, ctx, line, live, index):
            continue  # "Berita Berkaitan" over several headlines: the related-block stage's list
        _own_title_and_publisher(doc, m)
        block = [line]
        if not title and rule.next_line_title:
            card, head = _card(
                live[index + 1 : index + 1 + CARD_MAX_LINES],
                lambda ln: _promo_title(doc, scanner, ln),
            )
            if head is not None:
                title = head.text
                block.extend(card)
        if rule.related and title:
            found.append((line.number, 0, Related(title=title, date=None, kind=rule.related)))
        doc.drop_block(block, STAGE, rule.id)
    found.sort(key=lambda item: (item[0], item[1]))
    for _, _, entry in found:  # a page that repeats a paragraph repeats its promo: record it once
        if entry not in doc.meta.related:
            doc.meta.related.append(entry)
    for line in doc.live():
        if any(word in line.text for word in _LEFT_MARKER_WORDS) and _LEFT_MARKER_RE.search(
            line.text
        ):
            warning = f"line {line.number}: a 'Baca juga' marker inside a paragraph was kept: the end of its title cannot be told"
            if warning not in doc.warnings:
                doc.warnings.append(warning)


CARD_MAX_LINES = 3
"""A promo card under its label: the picture's caption, the headline, and a deck under it."""
CARD_SHARED_WORDS = 2
"""Words of four letters or more that a card's caption shares with its headline ("A group photo of
... Lethbridge Polytechnic ..." over "Lethbridge Polytechnic receives major donation"): a picture of
the promoted story, not the article's next paragraph."""


def _card(below: list[Line], is_title: Callable[[Line], bool]) -> tuple[list[Line], Line | None]:
    """The lines under a bare promo label that are its card, and its headline: the headline alone,
    or a caption sharing CARD_SHARED_WORDS words with the headline under it; then, under the
    headline, a deck that ends with no stop, shares a word with it and is twice as long and prose-
    sized at least ("Multimillion-dollar donation by Hranac family aids Lethbridge Polytechnic's
    research ... in Alberta"; the next headline of a list is as short as the first).
    ([], None) when the card has no headline (`is_title`) where one must be."""
    card = list(itertools.takewhile(lambda ln: ln.kept, below))
    if card and is_title(card[0]):
        head = 0
    elif (
        len(card) >= 2
        and is_body(card[0].text)
        and ends_sentence(card[0].text)
        and is_title(card[1])
        and len(_long_words(card[0].text) & _long_words(card[1].text)) >= CARD_SHARED_WORDS
    ):
        head = 1
    else:
        return [], None
    deck = card[head + 1 : head + 2]
    if (
        deck
        and not ends_sentence(deck[0].text)
        and word_count(deck[0].text) >= max(BODY_MIN_WORDS, 2 * word_count(card[head].text))
        and _long_words(deck[0].text) & _long_words(card[head].text)
    ):
        return card[: head + 2], card[head]
    return card[: head + 1], card[head]


def _long_words(text: str) -> set[str]:
    return {w.casefold() for w in words(text) if len(w) >= 4}


def _promo_title(doc: Document, scanner: Scanner, line: Line) -> bool:
    """Whether a line under a bare promo label is the headline it promotes."""
    return (
        is_headline(line.text)
        and not is_body(line.text)
        and not _LIST_ITEM_RE.match(line.text)
        and not any(r.match == "line" for r in scanner.hits(doc, line.text, ANYWHERE))
    )


def _heads_a_list(doc: Document, ctx: Context, marker: Line, live: list[Line], index: int) -> bool:
    """Whether a marker alone on its line stands over two or more headlines and the related-block
    stage would take it as a list header there (the rules and positions that stage applies), so
    that stage takes the whole list (this one would take one title)."""
    below = live[index + 1 : index + 3]
    if len(below) < 2 or not all(
        line.kept and is_headline(line.text) and not is_body(line.text) for line in below
    ):
        return False
    regions = Regions.of(doc)
    where = regions.wheres()[regions.live.index(marker)]
    return bool(related.header_scanner(ctx).hits(doc, marker.text, where))


def _own_title_and_publisher(doc: Document, m: re.Match[str]) -> None:
    """A trailer's `own_title` (the article's own headline) and `publisher` groups."""
    groups = m.groupdict()
    own = (groups.get("own_title") or "").strip()
    if own:
        doc.meta.set_once("title", own)
    publisher = (groups.get("publisher") or "").strip()
    if publisher:
        doc.meta.set_fallback("publisher", publisher)


def _recorder(doc: Document, found: list[tuple[int, int, Related]]) -> OnMatch:
    """Record a span rule's title with its place in the input line (cuts may run right to left),
    and a trailer's own title and publisher."""

    def record(line: Line, rule: Rule, m: re.Match[str]) -> None:
        _own_title_and_publisher(doc, m)
        title = _title(m)
        if rule.related and title:
            position = line.original.find(m.group(0).strip())
            for k, part in enumerate(_unglued(title)):
                entry = Related(title=part, date=None, kind=rule.related)
                found.append((line.number, max(position, 0) + k, entry))

    return record


def _unglued(title: str) -> list[str]:
    """The headlines of an inline promo whose list lost its separators, split where a word's
    lower-case end meets a capital and both sides read as headlines (three words or more). Only
    inline promos are split (their lists are where separators get lost). A camel-case brand with
    three headline words on each side ("Sony Rilis PlayStation Baru Tahun Depan") is split too:
    the cost is a related entry in two pieces, against one entry fusing two headlines."""
    parts = _GLUED_TITLES_RE.split(title)
    if len(parts) == 1:
        return [title]
    out = [parts[0]]
    for part in parts[1:]:
        if len(out[-1].split()) >= 3 and len(part.split()) >= 3:
            out.append(part)
        else:
            out[-1] += part
    if len(out[-1].split()) < 3 and len(out) > 1:
        out[-2] += out.pop()
    return out
