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
from collections import Counter

from cleaner.document import Document, Line
from cleaner.rules import Rule
from cleaner.stages.base import Context, Regions, apply_line_rules
from cleaner.stages.dateline import STAGE as DATELINE_STAGE
from cleaner.stages.repeats import STAGE as REPEAT_STAGE
from cleaner.text import (
    TITLE_WORD_RE,
    capitalised_share,
    ends_sentence,
    in_headline_case,
    is_body,
    is_headline,
    word_count,
)

STAGE = "drop_header_metadata"
TITLE_RULE = "common.header.title"
REPEATED_TITLE_RULE = "common.header.repeated_title"
DATE_RULE = "common.header.date"
TAG_LINE_RULE = "common.header.tag_line"
TITLE_TAGS_RULE = "common.header.title_tags"
ABOVE_TITLE_RULE = "common.header.above_title"
SECTION_RULE = "common.header.section_label"
TITLE_TAGS_MIN_WORDS = 3
TITLE_MIN_WORDS = 2
"""A title has this many words with letters at least: a weather widget's reading ("31 C") or a
lone figure is page furniture, not a headline."""
UNSPACED_TITLE_MIN_WORDS = 5
"""A title with no blank line under it, over the dated paragraph, has this many words with letters
at least: a name and a date ("Deni Zulniyadi 03 Oct 2018 - 11:04") is a byline."""
HEADLINE_MIN_WORDS = 4
"""Lettered words a headline has at least when a shorter line above it qualifies too: the shorter
one is the site's or the section's name ("The Korea Herald" over "Former senior prosecutor ...")."""
TITLE_TAGS_SHARE = 0.75
"""Most of a flattened tag cloud's words are the title's; the rest are places and sections
("Aceh", "Sumut")."""
FRONT_MATTER_RULE = "common.header.front_matter"
FRONT_MATTER_MAX_LINES = 60
"""A scraper's YAML front matter closes within this many lines of the document's start."""
_FENCE = "---"
_KEY_VALUE_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]{0,30})\s*:\s*(?P<value>.*)$")
_LIST_ITEM_RE = re.compile(r"^-\s+(?P<value>.+)$")
_FRONT_MATTER_FIELDS = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "author": "author",
    "authors": "author",
    "publisher": "publisher",
    "source": "publisher",
    "site": "publisher",
    "published": "published",
    "published_at": "published",
    "date": "published",
    "pubdate": "published",
    "publicationdate": "published",
    "publication_date": "published",
    "publish_date": "published",
    "date_published": "published",
    "datepublished": "published",
    "categories": "categories",
    "category": "categories",
    "tags": "tags",
}
"""Front-matter keys whose values fill the sidecar, by the field they fill."""
_STANDFIRST_KEYS = frozenset({"subtitle", "standfirst", "dek", "subheadline", "strapline"})
"""Front-matter keys whose value is the article's standfirst, written by its journalist: the value
stays as the first line of the text (a `description` or `excerpt` is often a summary for search
engines, and goes with the rest)."""
_BLOCK_SCALARS = frozenset({">", "|", ">-", "|-", ">+", "|+"})
"""A YAML value written on the lines under its key ("title: >" then the indented text)."""
TAG_LINE_MAX_WORDS = 6
_TAGS_SPLIT_RE = re.compile(r"\s*[,;|#]\s*")


def tag_list(tags: str) -> list[str]:
    """The tags of a labelled tag list ("korea utara, rusia"; also `|`, `;` or `#` between them)."""
    return _TAGS_SPLIT_RE.split(tags)


_SPECIAL = frozenset(
    {
        TITLE_RULE,
        REPEATED_TITLE_RULE,
        DATE_RULE,
        TAG_LINE_RULE,
        FRONT_MATTER_RULE,
        TITLE_TAGS_RULE,
        ABOVE_TITLE_RULE,
        SECTION_RULE,
    }
)
_HEAD_CUE_STAGES = frozenset({"drop_navigation", "drop_bylines", "drop_figures", STAGE})


def drop_header_metadata(doc: Document, ctx: Context) -> None:
    """Remove title, dates, short links and tag lines; record them in the sidecar."""

    def on_match(line: Line, rule: Rule, m: re.Match[str]) -> None:
        groups = m.groupdict()
        if groups.get("url"):
            doc.meta.set_once("url", groups["url"])
        if groups.get("tags"):
            doc.meta.add(doc.meta.tags, *tag_list(groups["tags"]))
        if groups.get("title"):
            doc.meta.set_once("title", groups["title"].strip())
        if groups.get("publisher"):
            doc.meta.set_once("publisher", groups["publisher"].strip())
        if groups.get("date"):
            doc.meta.set_once("published", ctx.dates.parse(groups["date"]))

    drop_front_matter(doc, ctx)
    apply_line_rules(doc, ctx, STAGE, on_match, skip=_SPECIAL)
    _drop_dates(doc, ctx)
    _drop_title(doc, ctx)
    _drop_tag_lines(doc, ctx)
    _drop_title_tags(doc, ctx)


def drop_front_matter(doc: Document, ctx: Context) -> None:
    """A scraper's YAML front matter: a "---" first line, `key: value` lines and list items under
    them (with the odd other continuation line), and a closing "---" within FRONT_MATTER_MAX_LINES
    lines. Dropped as one record; its title, url, authors, publisher, date, categories and tags
    fill the sidecar. A value may sit on the lines under its key ("title: >"). A standfirst's value
    ("subtitle: >" then its text) is the journalist's and stays as the text's first line."""
    rule = ctx.rule(STAGE, FRONT_MATTER_RULE)
    live = doc.live()
    if rule is None or not live or live[0].text != _FENCE:
        return
    end = next(
        (i for i, line in enumerate(live[1:FRONT_MATTER_MAX_LINES], 1) if line.text == _FENCE),
        None,
    )
    if end is None or end < 3:
        return
    # (key, value) per `key: value` line; a YAML list item ("- x") under a key is one more value
    # of that key ("authors:" then "- polly-nash").
    pairs: list[tuple[str, str]] = []
    known = 0  # lines read as a key, a list item or a block scalar's text
    standfirst: set[int] = set()  # the line numbers of a standfirst's value, which stays
    block = False  # the last key opened a block scalar ("subtitle: >"): its text comes next
    for line in live[1:end]:
        m = _KEY_VALUE_RE.match(line.text)
        if m is not None:
            block = m["value"].strip() in _BLOCK_SCALARS
            pairs.append((m["key"].lower(), "" if block else m["value"]))
        elif pairs and (item := _LIST_ITEM_RE.match(line.text)) is not None:
            pairs.append((pairs[-1][0], item["value"]))
        elif block and line.text:
            # "title: >" then "  Pipe fault causes ...": the value, on one line or more.
            key, value = pairs[-1]
            pairs[-1] = (key, f"{value} {line.text}".strip())
            if key in _STANDFIRST_KEYS:
                standfirst.add(line.number)
        else:
            continue
        known += 1
    if len(pairs) < 2 or known * 3 < (end - 1) * 2:
        return  # mostly `key: value` lines, or it is no front matter
    meta = doc.meta
    for key, raw in pairs:
        field = _FRONT_MATTER_FIELDS.get(key)
        value = _unquoted(raw.strip())
        if field is None or not value:
            continue
        if field == "author":
            meta.add(meta.authors, value)
        elif field == "published":
            meta.set_once("published", ctx.dates.parse(value))
        elif field == "categories":
            meta.add(meta.categories, value)
        elif field == "tags":
            meta.add(meta.tags, value)
        else:
            meta.set_once(field, value)
    doc.drop_block([x for x in live[: end + 1] if x.number not in standfirst], STAGE, rule.id)


def _unquoted(value: str) -> str:
    """A front-matter value without the quotes YAML may put around it ('"Judul"', "'Judul'"); a
    quote that closes a quoted word at its end stays ("Shouldn't have clicked 'ok'")."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


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
    # A dateline cut from the first paragraph says the article starts there: a headline set apart
    # above it is the title in sentence case too ("Interview: China ... says economist" over
    # "GENEVA, Aug. 12 (Xinhua) -- ...").
    dated = any(r.line == first_body and r.stage == DATELINE_STAGE for r in doc.removed)
    # A headline the page printed twice above the body (the site's header and the article's) is
    # the title in sentence case too: the repeat stage dropped the later copy.
    twice = {
        r.text.casefold()
        for r in doc.removed
        if r.stage == REPEAT_STAGE and r.line < first_body and not r.partial
    }
    # Directly above the dated paragraph it needs no blank line either ("Pencuri Sapi ... Kabur"
    # over "LUMAJANG, FaktualNews.co-Satu ekor sapi ..."): the dateline says where the text starts.
    live = regions.live
    # (index in head, lettered words) of every line that may be the title
    found: list[tuple[int, int]] = []
    for index, line in enumerate(head):
        if not is_headline(line.text) or is_body(line.text):
            continue
        lettered = _lettered_words(line.text)
        if (
            lettered >= TITLE_MIN_WORDS
            and (
                cue
                or line.text.casefold() in twice
                or (_set_apart(line, live[index + 1]) and (dated or in_headline_case(line.text)))
                or (dated and index + 1 == regions.first and lettered >= UNSPACED_TITLE_MIN_WORDS)
            )
            and rule.fullmatch(line.text)
        ):
            found.append((index, lettered))
    if not found:
        return
    # The site's name and the section's ("The Korea Herald", "Berita Semasa") stand above the
    # headline in the same shape: the line the page printed twice is the headline, else the first
    # of headline length, else the first.
    texts = [line.text.casefold() for line in head]
    # Printed twice: a copy the repeat stage dropped, or one it kept (it keeps short lines).
    copied = twice | {text for text, n in Counter(texts).items() if n > 1}
    index = next(
        (i for i, _ in found if texts[i] in copied),
        next((i for i, n in found if n >= HEADLINE_MIN_WORDS), found[0][0]),
    )
    line = head[index]
    # Markdown emphasis around a headline is markup ("*Operasi Pekat Tahun 2022, ...*")
    doc.meta.title = line.text.strip("*_ ") or line.text
    doc.drop(line, STAGE, rule.id)
    if repeated is not None:
        for other in head[index + 1 :]:
            if other.kept and other.text.casefold() == texts[index]:
                doc.drop(other, STAGE, repeated.id)
    _drop_around_title(doc, ctx, head[:index], head[index + 1 :])


def _drop_around_title(doc: Document, ctx: Context, above: list[Line], below: list[Line]) -> None:
    """Once the title is known, what the head holds around it is the page's: above it a ticker,
    a weather widget, the site's name (every line that is no paragraph); between it and the first
    paragraph a section's name alone ("POLITIK", "Society"), one word with no figure."""
    rule = ctx.rule(STAGE, ABOVE_TITLE_RULE)
    if rule is not None:
        for line in above:
            if line.kept and not is_body(line.text):
                doc.drop(line, STAGE, rule.id)
    rule = ctx.rule(STAGE, SECTION_RULE)
    if rule is not None:
        for line in below:
            if line.kept and rule.fullmatch(line.text):
                doc.drop(line, STAGE, rule.id)


def _lettered_words(text: str) -> int:
    """How many words of `text` hold a letter (a date's figures are none)."""
    return sum(any(ch.isalpha() for ch in w) for w in TITLE_WORD_RE.findall(text))


def _set_apart(line: Line, after: Line) -> bool:
    """Whether the input has a blank or removed line between `line` and the next kept one: a
    title stands apart from the text. The cleaner's own output has no blank lines, so a line it
    kept is never taken as a title when its output is cleaned again (idempotence)."""
    return after.number > line.number + 1


def _drop_title_tags(doc: Document, ctx: Context) -> None:
    """A tag cloud flattened into one line below the article, its tags apart by spaces only
    ("Aceh Angga Munandar Bukan Sekadar Mangkir Gadang Sumut Titik Koordinat"): every word
    capitalised, no sentence ending, and most words the title's. Sites tag an article with
    its title's names and phrases; a closing sentence is not in headline case."""
    rule = ctx.rule(STAGE, TITLE_TAGS_RULE)
    title = doc.meta.title
    if rule is None or not title:
        return
    regions = Regions.of(doc)
    if not regions.has_body:
        return
    title_words = {w.casefold() for w in TITLE_WORD_RE.findall(title)}
    for line in regions.tail:
        words = TITLE_WORD_RE.findall(line.text)
        if (
            len(words) >= TITLE_TAGS_MIN_WORDS
            and not ends_sentence(line.text)
            and capitalised_share(words) == 1.0
            and sum(w.casefold() in title_words for w in words) >= TITLE_TAGS_SHARE * len(words)
            and line.text.casefold() != title.casefold()
            and rule.fullmatch(line.text)
        ):
            doc.drop(line, STAGE, rule.id)


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
