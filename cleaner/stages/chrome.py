"""Drop navigation and page chrome: menus, skip links, breadcrumbs, share widgets, footers.

Runs first after segmentation: menus and breadcrumbs sit above everything else, and once they are
gone the head of the document (title, date, byline) is what the later stages see. Breadcrumbs give
the sidecar its `categories`; a skip link that names the site ("Buka situs DW lainnya") gives
`publisher`.

Most of this stage is rules (`stage = "drop_navigation"` in the packs). One shape needs context and
is code: a breadcrumb whose labels the scraper glued together ("PolitikKorea Utara",
"HomeTeknoTech News"). Its pack rule gives the shape; this module checks that it sits in the head,
that a title still follows it, and that every glued label is short.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from cleaner.document import Document, Line
from cleaner.rules import Rule, fold
from cleaner.stages.base import Context, Regions, apply_line_rules
from cleaner.stages.header import drop_front_matter, tag_list
from cleaner.text import (
    BULLET_RE,
    MD_LINK_RE,
    capitalised_share,
    ends_sentence,
    is_body,
    is_headline,
    word_count,
)

STAGE = "drop_navigation"
GLUED_RULE = "common.nav.glued_breadcrumb"
MENU_RUN_RULE = "common.nav.menu_run"
SUMMARY_RULE = "common.nav.summary_box"
TICKER_RULE = "common.nav.ticker"
FOOTER_RULE = "common.nav.after_footer"
CREDIT_RULE = "en.nav.after_credit"
ABOUT_RULE = "en.nav.about_org"
OTHER_NEWS_RULE = "en.nav.other_news"
APPEAL_RULE = "en.nav.support_appeal"
END_MARK_RULE = "common.nav.after_end_mark"
PLAYLIST_RULE = "common.nav.playlist"
MARKDOWN_LINKS_RULE = "common.nav.markdown_link"
MARKDOWN_LINK_WORDS = 14
"""A Markdown link line's links hold at most this many words (a card's headline runs to 12)."""
MARKDOWN_OUTSIDE_WORDS = 2
"""... and at most this many words stand outside them (a label: "_tags_", "Read more")."""
LINK_SPAN_LINES = 3
"""A Markdown link's text runs over at most this many lines (a card: date, hard break, headline)."""
RUN_ON_WORDS = 5
"""A line above a link with this many words and no sentence's end runs into the link."""
TICKER_CAPITALISED_SHARE = 0.6
"""A ticker's line is headlines run together: most of its words start with a capital or a figure
(headline case), where a paragraph's are mostly lower-case."""
MENU_RUN_MIN_LINES = 3
"""Three or more label lines in a row above the article are a menu; one or two may be a kicker
and a title."""
MENU_RUN_TAIL_MIN_LINES = 5
"""Below the article a run must be longer: an article may end with a short list (three or four
names, a recipe's items). No annotated article ends with five label lines in a row; a footer's
section menu ("ACEH", "Aceh Barat", "Aceh Selatan", ...) runs to dozens."""
MENU_LABEL_MAX_WORDS = 3
CRUMB_MAX_WORDS = 3
"""Each label of a glued breadcrumb is a section name: one to three words."""
GLUE_MIN_LETTERS = 4
"""Both words at a glue point have at least this many letters: section names ("PolitikKorea")
do, brand names in headlines ("TikTok", "YouTube", "McDonald") do not."""

_COPYRIGHT_HOLDER_RE = re.compile(r"(?i:copyright|hak cipta|©)\s*\S+(?:\s+\S+){0,4}")
"""The holder's line of a notice split in two, above its "All rights reserved" line."""
_GLUE_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CRUMB_SEP_RE = re.compile(r"\s*[>›»|/]\s*")


def _categories(doc: Document, ctx: Context, labels: list[str]) -> None:
    skip = ctx.rules.word_set("nav_words")
    doc.meta.add(doc.meta.categories, *(x for x in labels if x.strip().lower() not in skip))


def drop_navigation(doc: Document, ctx: Context) -> None:
    """Remove menus, skip links, breadcrumbs and other page chrome; record categories."""

    def on_match(line: Line, rule: Rule, m: re.Match[str]) -> None:
        groups = m.groupdict()
        if groups.get("publisher"):
            doc.meta.set_once("publisher", groups["publisher"])
        if groups.get("crumbs"):
            _categories(doc, ctx, _CRUMB_SEP_RE.split(groups["crumbs"]))
        if groups.get("tags"):
            doc.meta.add(doc.meta.tags, *tag_list(groups["tags"]))

    # A scraper's front matter first: its list items ("- news") would read as a menu's labels.
    drop_front_matter(doc, ctx)
    apply_line_rules(
        doc,
        ctx,
        STAGE,
        on_match,
        skip=frozenset(
            {
                GLUED_RULE,
                MENU_RUN_RULE,
                SUMMARY_RULE,
                TICKER_RULE,
                FOOTER_RULE,
                CREDIT_RULE,
                ABOUT_RULE,
                OTHER_NEWS_RULE,
                APPEAL_RULE,
                END_MARK_RULE,
                PLAYLIST_RULE,
                MARKDOWN_LINKS_RULE,
            }
        ),
    )
    _drop_playlist(doc, ctx)
    _drop_markdown_links(doc, ctx)
    _drop_tickers(doc, ctx)
    _drop_glued_breadcrumb(doc, ctx)
    _drop_menu_runs(doc, ctx)
    _drop_summary_boxes(doc, ctx)
    _drop_after_footer(doc, ctx)


def _drop_playlist(doc: Document, ctx: Context) -> None:
    """A video playlist's items: a headline printed twice in a row, as a player prints its items'
    titles (the thumbnail's and the link's), with an item's length alone on the input line just
    above or below the pair (the rule's pattern; `common.nav.player` has already dropped it).
    Blank lines are passed over."""
    rule = ctx.rule(STAGE, PLAYLIST_RULE)
    if rule is None:
        return
    lines = [line for line in doc.lines if line.original.strip()]
    for index, (first, second) in enumerate(itertools.pairwise(lines)):
        if not (
            first.kept
            and second.kept
            and first.text == second.text
            and is_headline(first.text)
            and not ends_sentence(first.text)
        ):
            continue
        around = lines[max(index - 1, 0) : index] + lines[index + 2 : index + 3]
        if any(rule.fullmatch(line.original) for line in around):
            doc.drop_block([first, second], STAGE, rule.id)


def _drop_markdown_links(doc: Document, ctx: Context) -> None:
    """Lines of a page scraped to Markdown that are only links: its menus, tag lines and cards.
    A link whose text runs over lines (a card's date, a hard break, its headline: "[**June 10,
    2022**\\" / "Headline](...)") is read with the lines it runs over, up to LINK_SPAN_LINES.
    Kept: a link a sentence runs into (the line above is prose that has not ended: "visit
    council's" / "[website](...)"), and a line of images only (the figure stage records them)."""
    rule = ctx.rule(STAGE, MARKDOWN_LINKS_RULE)
    lines = [line for line in doc.lines if line.kept and line.text]
    if rule is None or not rule.may_match(fold("\n".join(line.text for line in lines))):
        return  # most documents hold no Markdown link
    previous, skip = "", 0
    for index, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        group = _link_span(lines, index)
        text, above, previous = " ".join(ln.text for ln in group), previous, line.text
        if not rule.may_match(fold(text)) or not rule.fullmatch(text):
            continue
        links = list(MD_LINK_RE.finditer(text))
        if not links or all(m.group(0).startswith("!") for m in links):
            continue
        inside = sum(_link_words(m.group(1)) for m in links)
        outside = word_count(MD_LINK_RE.sub(" ", text))
        if inside > MARKDOWN_LINK_WORDS or outside > MARKDOWN_OUTSIDE_WORDS:
            continue
        if _runs_on(above):
            continue  # "visit council's" / "[website](...)" / "."
        doc.drop_block(group, STAGE, rule.id)
        skip, previous = len(group) - 1, group[-1].text


def _link_span(lines: list[Line], index: int) -> list[Line]:
    """The line at `index`, with the lines under it that close a link it opens and leaves open
    (more "[" than "]"); the line alone when they do not close it within LINK_SPAN_LINES."""
    group, depth = [lines[index]], _open_brackets(lines[index].text)
    for line in lines[index + 1 : index + LINK_SPAN_LINES]:
        if depth <= 0:
            break
        group.append(line)
        depth += _open_brackets(line.text)
    return group if depth == 0 else group[:1]


def _open_brackets(text: str) -> int:
    return text.count("[") - text.count("]")


def _runs_on(text: str) -> bool:
    """Whether a line is prose whose sentence has not ended (five words or more outside links;
    Markdown's emphasis around a sentence, "**_... guilty._**", is not read as its end)."""
    return (
        not ends_sentence(text.rstrip("*_"))
        and word_count(MD_LINK_RE.sub(" ", text)) >= RUN_ON_WORDS
    )


def _link_words(text: str) -> int:
    """The words of a link's text; an address shown as the text counts as one ("[https://...]")."""
    return 1 if text.startswith(("http://", "https://", "www.")) else word_count(text)


class _EndMarker(NamedTuple):
    """A marker that ends an article, and what it does there."""

    rule: str
    stays: int = 0
    """How many lines from the marker on stay (a wire's credit stays for the byline stage)."""
    alone: bool = False
    """With more prose under it than above, the marker still goes alone (a pitch for support
    inside the article) and the search goes on below it."""
    names_next: bool = False
    """The marker counts only when the next line opens with the name it gives ("About X")."""
    takes_holder: bool = False
    """The copyright holder's line right above goes with it ("Copyright PUNCH." above "All rights
    reserved")."""


_END_MARKERS = (
    _EndMarker(FOOTER_RULE, takes_holder=True),
    _EndMarker(CREDIT_RULE, stays=1),
    _EndMarker(ABOUT_RULE, names_next=True),
    _EndMarker(OTHER_NEWS_RULE),
    _EndMarker(APPEAL_RULE, alone=True),
    _EndMarker(END_MARK_RULE, stays=1),
)
"""The markers the footer pass reads, in the order it tries them on a line."""


def _drop_after_footer(doc: Document, ctx: Context) -> None:
    """Everything after the page's footer: the first copyright notice, imprint or comment form
    (kept or already dropped) that follows a body paragraph closes the article, and the kept lines
    after it are the page's (comments, sidebars, the site's menus) as one block. A wire story's
    closing credit ("Additional reporting by ...") closes it the same way, but stays itself for the
    byline stage to read; so do a press release's "About ORGANISATION" heading, when the line under
    it opens with that name, a blog post's "In other news, ..." paragraph, an appeal for the
    reader's support ("If you enjoyed this article, I'd like to ask for your support") and a
    paragraph closed by a publication's end mark ("... for comment. ®"), which stays. A marker
    above the first body paragraph says nothing of where the article ends, and one with more prose
    under it than above it may sit between the pages of an article scraped page by page: it stays
    for the line rules alone, but for an appeal, which then goes alone (a pitch inside the
    article) and the search goes on below it."""
    whole = fold("\n".join(line.text for line in doc.lines))
    ends = [
        (rule, marker)
        for rule, marker in ((ctx.rule(STAGE, marker.rule), marker) for marker in _END_MARKERS)
        if rule is not None and rule.may_match(whole)  # most documents have none of them
    ]
    if not ends:
        return
    for index, line in enumerate(doc.lines):
        lowered = fold(line.text)
        for rule, marker in ends:
            m = rule.fullmatch(line.text) if rule.may_match(lowered) else None
            if not m or (marker.names_next and not _opens_with(doc, index, m["org"])):
                continue
            # words of the body paragraphs above the line: none, and it says nothing of the end
            before = _body_words([x for x in doc.lines[:index] if x.kept])
            if not before:
                continue
            after = [x for x in doc.lines[index + marker.stays :] if x.kept]
            if _body_words(after) <= before:
                above = doc.lines[index - 1]
                if (
                    marker.takes_holder
                    and above.kept
                    and _COPYRIGHT_HOLDER_RE.fullmatch(above.text)
                ):
                    after.insert(0, above)
                doc.drop_block(after, STAGE, rule.id)
            elif marker.alone:
                if line.kept:
                    doc.drop(line, STAGE, rule.id)
                break  # the next line may end the article
            return


def _opens_with(doc: Document, index: int, name: str) -> bool:
    """Whether the next kept line after `index` opens with `name` ("The" before it or not): an
    "About ..." heading over the organisation's own description."""
    below = next((x for x in doc.lines[index + 1 :] if x.kept and x.text), None)
    if below is None:
        return False
    bare = name.removeprefix("The ").removeprefix("the ").casefold()
    opening = below.text.casefold()
    return opening.startswith((bare, f"the {bare}"))


def _body_words(lines: list[Line]) -> int:
    return sum(word_count(x.text) for x in lines if is_body(x.text))


def _drop_glued_breadcrumb(doc: Document, ctx: Context) -> None:
    rule = ctx.rule(STAGE, GLUED_RULE)
    if rule is None:
        return
    head = Regions.of(doc).head
    for i, line in enumerate(head):
        crumbs = line.text
        below = head[i + 1].text if i + 1 < len(head) else ""
        if is_headline(below) and len(crumbs) > len(below) and crumbs.endswith(below):
            # The title glued to the trail it ends, then printed alone under it
            # ("HomeMyanmarMyanmar military burns ..." over "Myanmar military burns ..."): the
            # labels are the line less the title below.
            crumbs = crumbs[: -len(below)]
        if not rule.fullmatch(crumbs):
            continue
        labels = _GLUE_RE.split(crumbs)
        if len(labels) < 2 or any(word_count(x) > CRUMB_MAX_WORDS for x in labels):
            continue
        if any(
            len(left.split(" ")[-1]) < GLUE_MIN_LETTERS
            or len(right.split(" ")[0]) < GLUE_MIN_LETTERS
            for left, right in itertools.pairwise(labels)
        ):
            continue
        # The title comes after the breadcrumb: a glued line with no headline after it may be the
        # title itself ("YouTube Premium") and stays for the header stage to judge.
        if not any(is_headline(later.text) for later in head[i + 1 :]):
            continue
        _categories(doc, ctx, labels)
        doc.drop(line, STAGE, rule.id)


def _drop_tickers(doc: Document, ctx: Context) -> None:
    """A news ticker above the article: its label ("Breaking News", "Terkini") and the line under
    it when that line is headlines run together (no sentence ending, headline case). Its length
    made that line the first body paragraph, which would leave the menus under it in the body and
    hide the title; a label with no such line under it goes alone."""
    rule = ctx.rule(STAGE, TICKER_RULE)
    if rule is None:
        return
    regions = Regions.of(doc)
    live = regions.live
    for index, line in enumerate(regions.head):  # the head is live[:first]: the same index
        if not rule.fullmatch(line.text):
            continue
        block = [line]
        if _is_headline_run(live[index + 1].text):  # a head line has the body after it
            block.append(live[index + 1])
        doc.drop_block(block, STAGE, rule.id)
        return


def _is_headline_run(text: str) -> bool:
    """Headlines run together: no sentence ending, and most words in headline case."""
    words = text.split()
    if not words or ends_sentence(text):
        return False
    return capitalised_share(words) >= TICKER_CAPITALISED_SHARE


def _drop_summary_boxes(doc: Document, ctx: Context) -> None:
    """A machine summary's label ("AI Generated Summary") and the bulleted list under it, to the
    first line that is no list item: the summary is the page's, not the journalist's. A label with
    no list under it goes alone."""
    rule = ctx.rule(STAGE, SUMMARY_RULE)
    if rule is None:
        return
    live = doc.live()
    for index, line in enumerate(live):
        if not line.kept or not rule.fullmatch(line.text):
            continue
        block = [line]
        for item in live[index + 1 :]:
            if not BULLET_RE.match(item.text):
                break
            block.append(item)
        doc.drop_block(block, STAGE, rule.id)


def _drop_menu_runs(doc: Document, ctx: Context) -> None:
    """Runs of short label lines above the article ("Rangkaian Digital", "Jawatan Kosong", ...),
    and longer ones below it (a footer's section menu)."""
    rule = ctx.rule(STAGE, MENU_RUN_RULE)
    if rule is None:
        return
    regions = Regions.of(doc)
    # Below the article every label has letters: "-" and "01" between dated headlines are a
    # related list's marks, which the related stage reads as one list. Above it a comment count
    # ("56") is part of the widget's run.
    for lines, least, letters in (
        (regions.head, MENU_RUN_MIN_LINES, False),
        (regions.tail, MENU_RUN_TAIL_MIN_LINES, True),
    ):
        run: list[Line] = []
        for line in [*lines, None]:
            if (
                line is not None
                and (not letters or any(ch.isalpha() for ch in line.text))
                and _is_label(line.text, rule, ctx)
            ):
                run.append(line)
                continue
            if len(run) >= least:
                for item in run:
                    doc.drop(item, STAGE, rule.id)
            run = []


def _is_label(text: str, rule: Rule, ctx: Context) -> bool:
    return (
        word_count(text) <= MENU_LABEL_MAX_WORDS
        and not ends_sentence(text)
        and ctx.dates.parse(text) is None
        and rule.fullmatch(text) is not None
    )
