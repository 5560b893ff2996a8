"""Drop figures: photo captions with their credits, and the image title line above a caption.

    Pemimpin Korea Utara Kim Jong Un                                  <- image title (dropped)
    Kim melakukan perjalanan ... dari PyongyangFoto: Korean Central ... <- caption + glued credit

Runs after the promo and related stages (their lines can carry "Foto" in a headline) and before
bylines: a caption often opens the document, above the byline, and must not be mistaken for the
first body paragraph when the dateline stage looks for it.

A caption rule's `caption` and `credit` groups fill `images`, and its `where` holds as in the other
stages, the positions taken once the repeated credits are gone, before any caption rule (a caption
it drops does not move the article's start for the lines under it). The image title is code: a short,
headline-shaped line directly above a caption line in the input (no blank line between) is the
figure's title or alt text, a cue strong enough to drop a line that alone would look like a
subheading. So is a bare label line ("Foto", "Gambar", "Photo") above it: the label goes, and the
line directly under it goes as the caption when it is caption-sized and not the last line left,
and so does a credit's name alone over a caption when the same name heads two figures or more
("The Yomiuri Shimbun" over each picture of the page).
"""

from __future__ import annotations

import re
from collections import Counter

from cleaner.document import Document, Image, Line
from cleaner.stages.base import Context, Regions, Scanner, cut_spans
from cleaner.text import is_body, is_headline, word_count

STAGE = "drop_figures"
TITLE_RULE = "common.figure.image_title"
REPEAT_RULE = "common.figure.repeated_caption"
LABEL_RULE = "common.figure.bare_label"
EMPHASIS_RULE = "common.figure.emphasis_under_image"
CREDIT_RULE = "common.figure.repeated_credit"
CREDITED_MIN_FIGURES = 2
"""A name alone over a caption is taken as its credit when it heads this many figures: once, it
may be a byline over a short lead."""
LABELLED_MAX_WORDS = 40
"""A line under a bare "Foto" label is taken as its caption up to this length; longer is prose."""
CREDITED_CAPTION_WORDS = (5, LABELLED_MAX_WORDS)
"""A caption under its credit's name runs to this many words: fewer is a label, more is prose."""
CAPTION_MAX_WORDS = 60
"""Captions in the devset run to 45 words; a longer line ending in a credit is kept (article)."""
CREDIT_MAX_WORDS = 8
"""Credits in the fixtures run to six words between spaces ("John J. Kim / Chicago Tribune"); a
longer "credit" is the sentence of a paragraph that a credit was glued to ("Photo: RNZ The number
of ..."), and the line is no caption."""
TITLE_MAX_WORDS = 12
"""Image titles are a name or a phrase ("Pemimpin Korea Utara Kim Jong Un")."""
CODE_RULES = frozenset({TITLE_RULE, REPEAT_RULE, LABEL_RULE, EMPHASIS_RULE, CREDIT_RULE})
"""The rules this stage applies by its own code (their patterns only bound length)."""


def line_scanner(ctx: Context) -> Scanner:
    """The rules of this stage whose pattern alone decides: captions and credits by their shape."""
    return ctx.scanner(STAGE, skip=CODE_RULES)


def drop_figures(doc: Document, ctx: Context) -> None:
    """Remove captions, credits and image titles; record them in `images`."""
    _drop_repeated_credits(doc, ctx)
    scanner = line_scanner(ctx)
    title_rule = ctx.rule(STAGE, TITLE_RULE)
    repeat_rule = ctx.rule(STAGE, REPEAT_RULE)
    label_rule = ctx.rule(STAGE, LABEL_RULE)
    regions = Regions.of(doc)
    live = regions.live
    by_number = {line.number: line for line in live}
    captions: set[str] = set()
    # Positions as the stage found them: a caption dropped does not move the article's start.
    for index, (line, where) in enumerate(zip(live, regions.wheres(), strict=True)):
        if not line.kept:
            continue
        if repeat_rule and line.text in captions:
            doc.drop(line, STAGE, repeat_rule.id)
            continue
        if label_rule and label_rule.fullmatch(line.text):
            doc.drop(line, STAGE, label_rule.id)
            below = _labelled_caption(by_number.get(line.number + 1), live[index + 2 :])
            if below is not None:
                doc.drop(below, STAGE, label_rule.id)
                doc.meta.images.append(Image(caption=below.text, credit=None, title=None))
                captions.add(below.text)
            continue
        hits = scanner.hits(doc, line.text, where)
        for rule in hits:
            if rule.match == "span":  # a caption glued to the text: cut, the text stays
                cut_spans(doc, line, rule, STAGE, lambda _ln, _r, m: _record_span(doc, m))
        hits = tuple(rule for rule in hits if rule.match == "line")
        if not line.kept or not hits or word_count(line.text) > CAPTION_MAX_WORDS:
            continue
        for rule in hits:
            m = rule.fullmatch(line.text)
            if not m:
                continue
            groups = m.groupdict()
            caption = _undoubled((groups.get("caption") or "").strip()) or None
            credit = (groups.get("credit") or "").strip() or None
            if credit and len(credit.split()) > CREDIT_MAX_WORDS:
                continue
            if caption and _REPORTED_SPEECH_RE.search(caption):
                continue  # a quote and its speaker: the article's paragraph, not a caption
            start = _glued_caption_start(doc, line, m)
            if start is not None:  # the paragraph stays; its last sentence was the caption
                doc.meta.images.append(
                    Image(
                        caption=line.text[start : m.end("caption")].strip(),
                        credit=credit,
                        title=None,
                    )
                )
                doc.cut(line, start, len(line.text), STAGE, rule.id)
                break
            above = by_number.get(line.number - 1)
            title = _image_title(above, title_rule is not None)
            if title is not None and title_rule is not None:
                doc.drop(title, STAGE, title_rule.id)
            doc.drop(line, STAGE, rule.id)
            doc.meta.images.append(
                Image(caption=caption, credit=credit, title=title.text if title else None)
            )
            captions.add(line.text)
            break
    _drop_emphasised_captions(doc, ctx)


def _drop_repeated_credits(doc: Document, ctx: Context) -> None:
    """A name alone on its line over a caption, the same over every picture ("The Yomiuri
    Shimbun" over "Two bears are seen on ..."): the name and the sentence under it go when the name
    heads `CREDITED_MIN_FIGURES` figures or more and every kept line under it is a caption (see
    `_credited_caption`) with the article going on after it."""
    rule = ctx.rule(STAGE, CREDIT_RULE)
    if rule is None:
        return
    live = doc.live()
    # The cheap test first: a name that heads two figures is a line said twice, and most
    # documents say no short line twice.
    said = Counter(line.text for line in live)
    figures: dict[str, list[tuple[Line, Line]]] = {}
    refused: set[str] = set()
    for index, line in enumerate(live):
        if said[line.text] < CREDITED_MIN_FIGURES or not rule.fullmatch(line.text):
            continue
        below = live[index + 1] if index + 2 < len(live) else None
        if below is not None and _credited_caption(below.text):
            figures.setdefault(line.text, []).append((line, below))
        else:
            refused.add(line.text)
    for name, found in figures.items():
        if name in refused or len(found) < CREDITED_MIN_FIGURES:
            continue
        for credit, caption in found:
            doc.drop(credit, STAGE, rule.id)
            doc.drop(caption, STAGE, rule.id)
            doc.meta.images.append(Image(caption=caption.text, credit=name, title=None))


def _credited_caption(text: str) -> bool:
    """A caption under its credit: one sentence of `CREDITED_CAPTION_WORDS` words, ending with a
    stop, with no quote (a speaker's answer under his name is not a caption)."""
    low, high = CREDITED_CAPTION_WORDS
    return (
        low <= word_count(text) <= high
        and text.endswith(".")
        and not _QUOTE_RE.search(text)
        and not _SENTENCE_START_RE.search(text)
    )


def _drop_emphasised_captions(doc: Document, ctx: Context) -> None:
    """A line set wholly in Markdown emphasis ("*Wayne began his career with the Australian Army
    ...*") right under a Markdown image (blank lines between pass): the image's caption, as pages
    scraped to Markdown print it. The rule's pattern reads the caption inside the marks."""
    rule = ctx.rule(STAGE, EMPHASIS_RULE)
    if rule is None:
        return
    above = ""
    for line in doc.lines:
        original = line.original.strip()
        if not original:
            continue
        m = rule.fullmatch(line.text) if line.kept and above.startswith("![") else None
        above = original
        if m and word_count(m["caption"]) <= CAPTION_MAX_WORDS:
            doc.drop(line, STAGE, rule.id)
            doc.meta.images.append(Image(caption=m["caption"].strip(), credit=None, title=None))


_QUOTE_RE = re.compile(r"[\"“”]|(?<!\w)[‘’']|[‘’'](?!\w)")
"""A quotation mark: a double one, or a single one that is no apostrophe inside a word."""

_REPORTED_SPEECH_RE = re.compile(
    r"[,.!?…]\s*[”\"’]\s*,?\s*(?:\w+nya|kata|ujar|tutur|ucap|said|says|added|told)\b"
)
"""A quote closed and its speaker's verb after it ("... dengan tegas,” imbuhnya", "... ready," he
said" does not match: the verb must follow the quote): reported speech, which a photo's caption
does not carry. A paragraph holding it that ends with a credit-like bracket (a desk's "(Tim
Komunikasi Publik/Diskominfo ...)") is the article's last paragraph and its sign-off."""


_SENTENCE_START_RE = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“]?[A-Z])")


def _glued_caption_start(doc: Document, line: Line, m: re.Match[str]) -> int | None:
    """Where the caption starts when a caption line is a paragraph of the article with the caption
    glued to its end (".. scientific data. The reflector will be ... Laboratory. (Photo: Nasa)"):
    the line comes after a body paragraph (between two, or the last one), and what comes before its
    caption group's last sentence is a paragraph of prose by itself, so only that sentence and the
    credit are the figure's. On the last paragraph the bracket may be a desk's sign-off that looks
    like a credit ("(Budi Santoso/Andi Wijaya)"): then one sentence is lost, not the paragraph.
    None otherwise: the whole line goes (a caption of two short sentences, "Ilustrasi simbol zodiak
    scorpio. Zodiak scorpio ...", is one caption), and so does a caption with no credit."""
    if "caption" not in m.re.groupindex or m.start("caption") < 0:
        return None
    if "credit" not in m.re.groupindex or m.start("credit") < 0:
        return None  # a caption told by its own words, not by a closing credit: all of the line
    regions = Regions.of(doc)
    if not regions.first < regions.live.index(line) <= regions.last:
        return None  # not after a body paragraph
    starts = [b.end() for b in _SENTENCE_START_RE.finditer(m.group("caption").rstrip())]
    if not starts:
        return None
    start = m.start("caption") + starts[-1]
    return start if is_body(line.text[:start].rstrip()) else None


def _record_span(doc: Document, m: re.Match[str]) -> None:
    """Record a caption cut from inside a line (a span rule's `caption` and `credit` groups)."""
    groups = m.groupdict()
    caption = (groups.get("caption") or "").strip() or None
    credit = (groups.get("credit") or "").strip() or None
    doc.meta.images.append(Image(caption=caption, credit=credit, title=None))


def _labelled_caption(below: Line | None, after: list[Line]) -> Line | None:
    """The line directly under a bare "Foto" label (`below`, None when a blank line or a dropped
    one is there), when it is caption-sized and the article goes on `after` it (the label never
    takes the last paragraph left)."""
    if below is None or word_count(below.text) > LABELLED_MAX_WORDS:
        return None
    return below if any(line.kept for line in after) else None


def _undoubled(caption: str) -> str:
    """A caption scraped twice in a row (alt text, then the caption: "Ilustrasi tahanan Ilustrasi
    tahanan") once."""
    half = len(caption) // 2
    if len(caption) % 2 == 1 and caption[half] == " " and caption[:half] == caption[half + 1 :]:
        return caption[:half]
    return caption


def _image_title(above: Line | None, enabled: bool) -> Line | None:
    """The line directly above a caption, when it is a short title and not prose."""
    if not enabled or above is None or not above.kept:
        return None
    text = above.text
    if word_count(text) > TITLE_MAX_WORDS or is_body(text) or not is_headline(text):
        return None
    return above
