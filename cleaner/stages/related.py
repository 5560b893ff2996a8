"""Drop related-article blocks: a header ("Berita Terkait", "Terpopuler", "Related") and the list
of headlines below it, each optionally with its date line, up to the end of the list.

Runs after cross-promotion (single "Baca juga" promos are gone, so a header here really heads a
list) and before figures and bylines (a headline list at the end would otherwise hide the sign-off
above it from the tail). The headlines go to `related` with their ISO dates.

Where the list ends is code: it takes headline-shaped lines and date lines after the header and
stops at the first line of prose. When the items carry dates, a headline without one ends the list;
when they do not, a last headline directly followed by prose is given back as a subheading of the
article when it is short or shares a content word with that prose (a subheading names what its
section is about; the last headline of a list is about another story).
"""

from __future__ import annotations

import re

from cleaner.document import Document, Line, Related
from cleaner.language import stoplist
from cleaner.rules import Rule
from cleaner.stages import bylines, figures
from cleaner.stages.base import ANYWHERE, IN_TAIL, Context, Regions, Scanner
from cleaner.text import BULLET_RE, capitalised_share, ends_sentence, is_body, is_headline, words

STAGE = "drop_related_blocks"
DATED_LIST_RULE = "common.related.dated_list"
TAIL_LIST_RULE = "common.related.tail_list"
TITLE_RUN_RULE = "common.related.title_case_run"
TEASER_RUN_RULE = "common.related.teaser_run"
CODE_RULES = frozenset({DATED_LIST_RULE, TAIL_LIST_RULE, TITLE_RUN_RULE, TEASER_RUN_RULE})
"""The rules this stage applies by its own code; the others are header rules."""
DATED_LIST_MIN_ITEMS = 2
"""An unlabelled run of headlines is a related list only with two or more dated items."""
MAX_ITEMS = 30
"""The longest list in the devset has 17 headlines; a longer run is more likely article text."""
_SOCIAL_RE = re.compile(r"[@#]\w")
"""A handle or hashtag: an embedded post's text or signature ("— The GRAMMYs (@TheGRAMMYs)"), not
a headline."""
HEADLINE_MIN_WORDS = 4
"""Headlines of other stories run to four words or more; a shorter last line ("Pencegahan") is the
article's own subheading."""
GLUED_TITLES_MAX_CHARS = 200
"""A widget flattened onto its header's line gives its headlines to `related` up to this length (a
few headlines); a longer run holds dates, tags and post links too, and is recorded only as
removed."""
TITLE_RUN_MIN_ITEMS = 3
"""Headlines in a row inside the body that make a more-news box without a label or dates."""
TITLE_RUN_CAPITALISED = 0.6
"""The share of a headline's words opening with a capital letter for it to be in headline case
("Memahami Manfaat Puasa untuk Kesehatan": 0.8); a subheading in sentence case has far less."""
TEASER_RUN_MIN_ITEMS = 3
"""Lines cut short with an ellipsis that end the document, in a row, at least: two may be a quote
and the page's cut."""
_ELLIPSES = ("…", "...")
"""How a teaser cut short ends."""


def drop_related_blocks(doc: Document, ctx: Context) -> None:
    """Remove each related-articles block as one record; record its headlines and dates."""
    _drop_headers_and_lists(doc, ctx)
    _drop_dated_lists(doc, ctx)
    _drop_title_case_runs(doc, ctx)
    _drop_teaser_run(doc, ctx)
    _drop_tail_list(doc, ctx)


def header_scanner(ctx: Context) -> Scanner:
    """The header rules of this stage (the list rules are applied by its own code)."""
    return ctx.scanner(STAGE, CODE_RULES)


def _drop_headers_and_lists(doc: Document, ctx: Context) -> None:
    scanner = header_scanner(ctx)
    if not scanner.rules:
        return
    regions = Regions.of(doc)
    live = regions.live
    wheres = regions.wheres()
    i = 0
    while i < len(live):
        line = live[i]
        hits = scanner.hits(doc, line.text, wheres[i])
        rule = hits[0] if hits else None
        if rule is None:
            i += 1
            continue
        glued = _glued_titles(rule, line.text)
        items, end = _list_after(doc, live, i + 1, ctx, scanner)
        if (
            not items
            and not glued
            and "edge" not in wheres[i]
            and not line.text.endswith(":")
            and not is_body(line.text)
        ):
            i += 1  # a header word with no list under it, inside the body: a subheading
            continue  # ("Artikel Terkait:" with its colon announces links, never a section;
            # a paragraph-long line a header rule takes whole is the widget flattened)
        if glued and len(glued) <= GLUED_TITLES_MAX_CHARS:
            doc.meta.related.append(Related(title=glued, date=None, kind=rule.related or "related"))
        for title, date in items:
            doc.meta.related.append(
                Related(title=_unbulleted(title.text), date=date, kind=rule.related or "related")
            )
        doc.drop_block(live[i:end], STAGE, rule.id)
        i = end


def _glued_titles(rule: Rule, text: str) -> str | None:
    """The headlines a header rule's `title` group takes on the header's own line (a widget
    flattened into one line: "RELATED STORIESTitle oneTitle two"), or None."""
    m = rule.fullmatch(text)
    title = m.groupdict().get("title") if m else None
    return title.strip() if title and title.strip() else None


def _unbulleted(title: str) -> str:
    """A list item's headline without the bullet the page put before it ("- TITLE", "• TITLE")."""
    return BULLET_RE.sub("", title, count=1)


def _list_after(
    doc: Document, live: list[Line], start: int, ctx: Context, headers: Scanner
) -> tuple[list[tuple[Line, str | None]], int]:
    """The (headline, date) items of a list starting at `start`, and the index after it. A line
    a header rule takes, wherever it sits, is the next block's header and ends the list."""
    items: list[tuple[Line, str | None]] = []
    dated = False
    j = start
    while j < len(live) and len(items) < MAX_ITEMS:
        text = live[j].text
        date = ctx.dates.parse(text)
        if date is not None:
            if items and items[-1][1] is None:
                items[-1] = (items[-1][0], date)
                dated = True
            j += 1
            continue
        if is_body(text) or not is_headline(text):
            break
        if headers.hits(doc, text, ANYWHERE):
            break  # the next block's header
        if dated and items and items[-1][1] is None:
            break  # dated list: the previous headline had no date, so it was not an item
        items.append((live[j], None))
        j += 1
    if dated and items and items[-1][1] is None:
        items.pop()
        j -= 1
    elif (
        not dated
        and len(items) > 1
        and j < len(live)
        and is_body(live[j].text)
        and _introduces(items[-1][0].text, live[j].text, doc.language)
    ):
        items.pop()  # the article's next subheading, not an item
        j -= 1
    return items, j


def _introduces(heading: str, paragraph: str, lang: str) -> bool:
    """Whether a heading reads as the subheading of the paragraph under it: shorter than a headline,
    or sharing a content word (not on the language's stoplist) with it, compared case-folded."""
    heading_words = words(heading)
    if len(heading_words) < HEADLINE_MIN_WORDS:
        return True
    own = {w.casefold() for w in heading_words} - stoplist(lang)
    return any(w.casefold() in own for w in words(paragraph))


def _drop_dated_lists(doc: Document, ctx: Context) -> None:
    """Unlabelled headline lists at the article's edges, confirmed by a date on every item:
    "Kamis, 05/11/2015 09:25 WIB Headline" lines, "- Headline – Juni 30, 2025" lines, or headline
    lines each followed by a date line.
    Between body paragraphs nothing is touched: a dated line there may be the article's own."""
    rule = ctx.rule(STAGE, DATED_LIST_RULE)
    if rule is None:
        return
    regions = Regions.of(doc)
    live = regions.live
    wheres = regions.wheres()
    # A list is tried from every edge line in turn, and each try reads the dates of the lines
    # after it: each line's date is parsed once.
    parsed: dict[int, str | None] = {}

    def date_of(k: int) -> str | None:
        if k not in parsed:
            parsed[k] = ctx.dates.parse(live[k].text)
        return parsed[k]

    i = 0
    while i < len(live):
        if "edge" not in wheres[i]:
            i += 1
            continue
        items: list[tuple[str, str | None]] = []
        j = i
        while j < len(live) and "edge" in wheres[j]:
            text = live[j].text
            dated = ctx.dates.split_prefix(text) or ctx.dates.split_suffix(text)
            if dated and is_headline(dated[1]) and not is_body(dated[1]):
                items.append((dated[1], dated[0]))
                j += 1
                continue
            own_date = date_of(j)
            next_date = date_of(j + 1) if j + 1 < len(live) and "edge" in wheres[j + 1] else None
            if (
                own_date is None
                and next_date is not None
                and is_headline(text)
                and not is_body(text)
            ):
                items.append((text, next_date))
                j += 2
                continue
            if items and own_date is not None:
                j += 1  # a stray date line inside the list
                continue
            break
        if len(items) >= DATED_LIST_MIN_ITEMS and all(
            rule.fullmatch(live[k].text) for k in range(i, j)
        ):
            for title, date in items:
                doc.meta.related.append(Related(title=title, date=date, kind="related"))
            doc.drop_block(live[i:j], STAGE, rule.id)
            i = j
        else:
            i += 1


def _drop_title_case_runs(doc: Document, ctx: Context) -> None:
    """Unlabelled runs of TITLE_RUN_MIN_ITEMS or more headlines in headline case between two body
    paragraphs, not announced by a colon: a more-news box set inside the article (spec 4: the run
    of three is the cue)."""
    rule = ctx.rule(STAGE, TITLE_RUN_RULE)
    regions = Regions.of(doc)
    live = regions.live
    if rule is None or not regions.has_body or not is_body(live[regions.first].text):
        return  # in a hard-wrapped text, lines run on, and a line of names reads as a headline
    i = regions.first + 1
    while i < regions.last:
        j = i
        while j < regions.last and _boxed_headline(live[j].text, rule):
            j += 1
        if j - i >= TITLE_RUN_MIN_ITEMS and not live[i - 1].text.rstrip().endswith(":"):
            _drop_unlabelled(doc, live[i:j], rule)
        i = j + 1


def _boxed_headline(text: str, rule: Rule) -> bool:
    """A headline of another story as a more-news box prints it: headline-shaped, four words or
    more, most of them capitalised, no handle or hashtag, within the rule's bounds. Looser than
    `text.in_headline_case` (a title's own test: four in five long words capitalised), since three
    in a row are the cue here."""
    if not is_headline(text):
        return False  # most lines of a body: their words need no splitting
    found = words(text)
    return (
        len(found) >= HEADLINE_MIN_WORDS
        and not ends_sentence(text)
        and capitalised_share(found, figures=False) >= TITLE_RUN_CAPITALISED
        and not _SOCIAL_RE.search(text)
        and rule.fullmatch(text) is not None
    )


def _drop_teaser_run(doc: Document, ctx: Context) -> None:
    """The opening words of other stories, each cut short with an ellipsis, TEASER_RUN_MIN_ITEMS
    or more in a row to the end of the document ("RCMP release: Colchester County District RCMP
    has charged a man after locating a stolen vehicle…"): a more-news list that prints each story's
    first sentence instead of its headline. An article's own paragraphs do not trail off, three in
    a row, at its end; a page cut short ends with one such line at most."""
    rule = ctx.rule(STAGE, TEASER_RUN_RULE)
    if rule is None:
        return
    items: list[Line] = []
    # From the document's end up, the kept lines only: most documents stop at their last line.
    for line in reversed(doc.lines):
        if not line.kept:
            continue
        if not (line.text.endswith(_ELLIPSES) and rule.fullmatch(line.text)):
            break
        items.append(line)
    else:
        return  # every line trails off: there is no article above the run
    if TEASER_RUN_MIN_ITEMS <= len(items) <= MAX_ITEMS:
        _drop_unlabelled(doc, items[::-1], rule)


def _drop_tail_list(doc: Document, ctx: Context) -> None:
    """An unlabelled run of headlines that ends the document, after the last body paragraph: the
    position confirms it (spec 4). Each item is headline-shaped with HEADLINE_MIN_WORDS words or
    more, holds no handle or hashtag, and is taken by no caption, credit or byline rule; the
    paragraph above does not end with a colon (it would announce the lines as the article's own
    list)."""
    rule = ctx.rule(STAGE, TAIL_LIST_RULE)
    if rule is None:
        return
    regions = Regions.of(doc)
    live = regions.live
    if not regions.has_body or regions.last + 1 >= len(live):
        return
    if live[regions.last].text.rstrip().endswith(":"):
        return
    # The stages after this one whose lines may sit below the article too: a tail list never takes
    # a line one of their rules takes (a byline, a credit), whatever the pass.
    later = (figures.line_scanner(ctx), ctx.scanner(bylines.STAGE))
    items = live[regions.last + 1 :]
    if len(items) < DATED_LIST_MIN_ITEMS or len(items) > MAX_ITEMS:
        return
    for line in items:
        text = line.text
        if (
            not is_headline(text)
            or len(words(text)) < HEADLINE_MIN_WORDS
            or not rule.fullmatch(text)
            or ctx.dates.parse(text) is not None
            or _SOCIAL_RE.search(text)
            or any(scanner.hits(doc, text, IN_TAIL) for scanner in later)
        ):
            return
    _drop_unlabelled(doc, items, rule)


def _drop_unlabelled(doc: Document, items: list[Line], rule: Rule) -> None:
    """Record an unlabelled list's lines as related headlines (no dates), and drop it as one block."""
    for line in items:
        doc.meta.related.append(Related(title=_unbulleted(line.text), date=None, kind="related"))
    doc.drop_block(items, STAGE, rule.id)
