"""HTML input: the page's structure, then trafilatura, then the text stages.

1. `prune` removes what the page's markup marks as furniture (nav, aside, footer, form, figure
   captions, blocks whose class or id names a photo caption or credit, related lists, share bars,
   comments, tags, ads) and records each removed piece with a rule id and its line in the page:
   the sidecar's `removed` holds them (stage `prune_html`). Captions go to `images`, the headlines
   of a marked related block to `related`.
2. trafilatura (`favor_precision`) finds the article body in the pruned page.
3. `main_block` maps each extracted line back to the page's block element and finds the article's
   container: the deepest element holding most of the extracted prose. Extracted lines from
   teaser cards outside it (a link headline beside a summary) are marked `outside` (the pipeline
   removes them as `html.main.outside_block`, with a record); subheadings and prose paragraphs
   inside it that the extraction dropped are put back where the page has them.

The text stages then remove what sits inside the body ("Baca juga" lines, captions, sign-offs,
datelines) exactly as for text input. Line numbers in `removed` count lines of the extracted text,
except for `prune_html` records, whose `line` is the line of the page where the removed element
starts.

Metadata: the page's machine-readable publication time (JSON-LD `datePublished`,
`article:published_time`, `itemprop="datePublished"`, `<time datetime>`) gives `published` with
its time, and its day without a time confirms trafilatura's date; trafilatura's metadata fills the
other fields the text stages leave empty. The sidecar's
`field_sources` says where each field came from.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from cleaner.dates import DateParser, same_instant
from cleaner.document import Document, Removal
from cleaner.language import detect_language, stoplist
from cleaner.stages.figures import CAPTION_MAX_WORDS
from cleaner.text import NOT_A_NAME_RE, YEAR_RE, ends_sentence

_SIGNALS: tuple[tuple[str, str], ...] = (
    ("related", r"related|relate|baca-?juga|bacajuga|terkait|rekomendasi|recommended"),
    ("share", r"share|sharing|social|sosmed"),
    ("comments", r"komentar|comments?"),
    ("breadcrumb", r"breadcrumbs?"),
    ("tags", r"tags?|topik"),
    ("newsletter", r"newsletter"),
    ("popular", r"popular|populer|terpopuler|trending|most-read"),
    ("ads", r"advert|ads|iklan"),
)
"""Class or id words that mark page furniture, by kind (the kind names the rule:
`html.prune.related`, ...). Generic container words ("widget", "sidebar", "promo") are not in it:
CMSs use them for blocks that hold article text too."""
_SIGNAL_RE = re.compile(
    r"(?i)(?<![^-_\s])(?:"  # a whole word of the class: after the start or a separator
    + "|".join(f"(?P<{kind}>{words})" for kind, words in _SIGNALS)
    + r")(?![^-_\s\d])"
)
_CAPTION_RE = re.compile(
    r"(?i)(?<![^-_\s])(?:"
    r"(?P<caption>captions?|keterangan|ket[-_]?foto)"
    r"|(?P<credit>(?:photo|foto|image|img|pic|picture|media)[-_]*credits?|credit(?![-_]?cards?))"
    r")(?![^-_\s\d])"
)
"""Class or id words that mark a photo caption ("photo__caption", "wp-caption-text",
"caption_news", "ket-foto") or its credit ("photo-credit", "credit"). A bare "credits" is a
byline widget's (the article's writers), and a "credit-card" is a product: neither is a credit."""
_TAG_RULES = {tag: f"html.prune.{tag}" for tag in ("nav", "aside", "footer", "form")}
FIGURE_RULE = "html.prune.figure"
CAPTION_RULE = "html.prune.caption"
OUTSIDE_RULE = "html.main.outside_block"
PRUNE_STAGE = "prune_html"
"""The stage name of the records `prune` makes (it runs before the text stages)."""
OUTSIDE_STAGE = "extract_html"
RULES: dict[str, str] = {
    **{rule: f"a <{tag}> element: page navigation or chrome" for tag, rule in _TAG_RULES.items()},
    FIGURE_RULE: "a <figcaption>, or a <figure> holding only an image and its caption",
    CAPTION_RULE: (
        "a short block beside an image whose class or id names a caption or a credit, or whose"
        " words are the image's alt text or file name"
    ),
    **{
        f"html.prune.{kind}": f"a block whose class or id names {kind} ({words})"
        for kind, words in _SIGNALS
    },
    OUTSIDE_RULE: "an extracted line from a teaser card outside the article's container",
}
"""The rules of the HTML structure (code, not pack data: they judge elements, not lines)."""

MAX_SIGNAL_SHARE = 0.4
"""A marked block holding more than this share of the page's text is kept: a class word on a
wrapper of the article must not take the article with it."""
PROSE_PARAGRAPH_WORDS = 40
"""... and so is a marked block holding a paragraph of this many words outside links, however
long the page's menus make its text: a share bar, a tag list or a teaser list has no such
paragraph (teaser summaries run 10 to 30 words), an article's wrapper has several."""
FIGURE_MAX_CHARS = 300
"""A <figure> with more text than a caption holds content (an infographic's text, a quote)."""
CAPTION_MEDIA_LEVELS = 3
"""A caption sits beside its image: the block itself or one of its first three ancestors holds an
<img> (or <picture>, <video>)."""
NAMED_CAPTION_WORDS = 4
"""A block beside an image is its caption when its words are the image's alt text or file name
("Suasana-Dialog-Keinsinyuran-2026-....jpeg" over "Suasana Dialog Keinsinyuran 2026 ..."), from
this many words on: a two-word alt ("foto utama") names nothing."""
NAMED_CAPTION_SHARE = 0.8
"""... when this share of the block's words are the image's, and ..."""
NAMED_IMAGE_SHARE = 0.5
"""... this share of the image's words are the block's: an alt holding the whole headline does not
make a short block whose few words it holds (a subheading) a caption."""
MAIN_SHARE = 0.8
"""The article's container is the deepest element holding this share of the extracted prose.
Articles put their paragraphs in one element; 0.8 leaves room for a stray teaser trafilatura kept
(on the dev pages the container held 100 % of the prose on all but one page, 91 % there)."""
PROSE_WORDS = 8
"""An extracted line of at least this many words is prose (it votes for the container)."""
MIN_PROSE_CHARS = 400
"""Below this much extracted prose (a fragment, a photo page) the container is not looked for."""
RESTORE_WORDS = 12
"""A paragraph of the container the extraction dropped is put back from this many words on."""
MAX_HEADING_CHARS = 200
MIN_LOOSE_OVERLAP = 40
"""A loose run of the container (`_loose_runs`) that holds an extracted line this long is already
in the extraction, in part: it is not put back."""
MAX_LINK_SHARE = 0.5
"""A block whose text is more than half link text is a link list or a "Baca juga", not prose."""
CARD_LINK_WORDS = 3
"""A link of at least this many words beside a summary makes a teaser card."""
EDITOR_LABELS = "editor|redaktur|penyunting"
"""Words that label a name on the page as the editor's, not the writer's."""
BYLINE_LABEL_RE = re.compile(r"(?i)^(?:oleh|pewarta|penulis|reporter|wartawan|by)\s*:?\s+(?=\S)")
"""A byline's label kept in trafilatura's author ("Pewarta Nur Imansyah", "Oleh ...")."""
CARD_EXTRA_CHARS = 200
"""A teaser card holds its summary and little else: a headline and a date (under 200 characters)."""
ARBITRATE_MIN_WORDS = 50
"""jusText's good paragraphs that the extraction lacks are merged in only from this many words on:
a stray teaser or caption jusText likes is not an article trafilatura missed."""
ARBITRATE_RATIO = 1.0
"""... and only when they hold more words than the extraction itself (trafilatura took the wrong
block, or a piece of the right one). Calibrated on the dev pages: there jusText's extra good
paragraphs held at most 0.34 times the extraction's words (a boilerplate block it liked), and
none reached 50 words and the extraction's size at once."""

_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt"}
    | {"div", "section", "article", "figcaption"}
)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
"""Headings put back as subheadings, only between two paragraphs of the article: `h1` too, since a
page's title sits above the article and a CMS body may mark its subheadings `h1` (SAYS)."""
_HTML_HINT_RE = re.compile(r"<(?:!doctype html|html|head|body|p|div|article|br)\b", re.I)
_TITLE_SEP_RE = re.compile(r"\s+[-|–—•:]\s+")
_CREDIT_LABEL_RE = re.compile(r"(?i)^(?:foto|photo|image|gambar|credit)\s*:")
"""A caption block that opens with a credit's label ("Foto: ANTARA/Budi") holds the credit only."""
_CREDIT_RE = re.compile(
    r"^(?P<caption>.*\S)\s*\((?P<credit>[A-Z][^()]{1,79}|[^()]{0,40}/[^()]{1,40})\)$"
)
"""A credit in brackets closing a caption: capitalised ("Biro Pers", "ANTARA/Budi", "Dok.IGI") or
with a slash; "(kiri)", "(2023)" are part of the caption."""
_ISO_RE = re.compile(
    r"^(?P<date>\d{4}-\d\d-\d\d)(?:\s*T?\s*(?P<hm>\d\d:\d\d)(?::\d\d(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d\d:?\d\d)?)?$"
)


def looks_like_html(text: str) -> bool:
    """True for a page or a fragment (a tag such as <html>, <p> or <div> near the start)."""
    return bool(_HTML_HINT_RE.search(text[:4096]))


def _clean(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class PrunedPiece:
    """One element `prune` removed: its rule, its line in the page, its text."""

    rule: str
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Caption:
    caption: str | None
    """None for a credit the page shows with no caption."""
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    description: str | None = None
    hostname: str | None = None
    captions: tuple[Caption, ...] = ()
    """Figure captions found by the HTML structure (figcaption), removed before extraction."""
    pruned: tuple[PrunedPiece, ...] = ()
    """What the HTML structure removed before extraction."""
    related: tuple[str, ...] = ()
    """Headlines of the related-article blocks the HTML structure removed."""
    outside: frozenset[int] = frozenset()
    """1-based numbers of the lines of `text` from teaser cards outside the article's container."""
    published_source: str | None = None
    """"html" when `published` is the page's machine-readable time, "trafilatura" otherwise."""
    authors_source: str | None = None
    """"html" when `authors` are the page's JSON-LD `author` names, "trafilatura" otherwise."""
    date_lines: tuple[str, ...] = ()
    """The page's short visible lines that hold a year (`date_lines`): trafilatura's date is taken
    only when one of them shows that day (the page's machine-readable time, `published_source`
    "html", is taken without it)."""
    declared_day: str | None = None
    """The day of the page's machine-readable publication date when it gives no time: it confirms
    trafilatura's date as a date line does."""
    timed_lines: tuple[str, ...] = ()
    """Pieces of the page's visible text (chrome included) that hold a year and a clock time, in
    page order: where the page shows its publication time to readers ("Kamis, 05 Nov 2015 10:08
    WIB"). The pipeline reads them with the language's date parser (`visible_published`)."""
    extractor: str = "trafilatura"
    """What gave the body: "trafilatura", "trafilatura+justext" (jusText's good paragraphs that
    trafilatura missed were merged in, see `arbitrate`) or "justext" (trafilatura found nothing)."""


def split_credit(text: str) -> Caption:
    """ "Menteri di Istana(Biro Pers)" -> caption "Menteri di Istana", credit "Biro Pers"; a
    caption without a closing bracketed credit stays whole."""
    found = _CREDIT_RE.match(text)
    if found and len(found["caption"].split()) >= 2:
        return Caption(found["caption"].strip(), found["credit"].strip())
    return Caption(text)


@dataclass(slots=True)
class Pruned:
    """The page after `prune`, and what it removed."""

    html: str
    tree: Any = None
    captions: list[Caption] = field(default_factory=list)
    removed: list[PrunedPiece] = field(default_factory=list)
    related: list[str] = field(default_factory=list)


def _signal(marks: str) -> str | None:
    """The kind of furniture a class/id string names. "related" qualifies the other kinds
    ("related-tags" is a tag list, "related-share" a share bar), so they win over it."""
    kinds = [found.lastgroup for found in _SIGNAL_RE.finditer(marks) if found.lastgroup]
    specific = [kind for kind in kinds if kind != "related"]
    return specific[0] if specific else kinds[0] if kinds else None


def _holds_prose(node: Any) -> bool:
    """Whether a paragraph under `node` has PROSE_PARAGRAPH_WORDS words outside its links."""
    for paragraph in node.iter("p"):
        words = len(paragraph.text_content().split())
        if words >= PROSE_PARAGRAPH_WORDS:
            links = sum(len(link.text_content().split()) for link in paragraph.iter("a"))
            if words - links >= PROSE_PARAGRAPH_WORDS:
                return True
    return False


def _caption_kind(node: Any) -> str | None:
    """ "caption" or "credit" when the element's class or id names one (a caption wins)."""
    marks = f"{node.get('class', '')} {node.get('id', '')}"
    kinds = {found.lastgroup for found in _CAPTION_RE.finditer(marks)}
    return "caption" if "caption" in kinds else "credit" if kinds else None


_FURNITURE_TAGS = frozenset((*_TAG_RULES, "figcaption", "a"))


def _is_caption_block(node: Any, text: str, limit: float) -> bool:
    """Whether a block marked as a caption or credit reads as one: short (at most the text
    stage's CAPTION_MAX_WORDS, beyond which it is the article under a stray class word: the dev
    pages' captions run to 54 words; and under the signal share of the page), one paragraph at
    most, not a link (a teaser card's "caption" is its headline), beside an image, and neither
    page furniture nor inside it (a sidebar's teaser pictures are not the article's; a
    <figcaption> is the figure rule's)."""
    if not text or len(text.split()) > CAPTION_MAX_WORDS or len(text) >= limit:
        return False
    paragraphs = [p for p in node.iter("p") if len(p.text_content().split()) >= PROSE_WORDS]
    if len(paragraphs) > 1 or _link_share(node, text) > MAX_LINK_SHARE:
        return False
    for ancestor in (node, *node.iterancestors()):
        if ancestor.tag in _FURNITURE_TAGS or _signal(
            f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        ):
            return False
    near = node
    for _ in range(CAPTION_MEDIA_LEVELS + 1):
        if near is None:
            return False
        if next(near.iter("img", "picture", "video"), None) is not None:
            return True
        near = near.getparent()
    return False


_WORD_RE = re.compile(r"[^\W_]+")
_FILE_SIZE_RE = re.compile(r"(?:[-_]\d+x\d+|[-_]\d{1,2}|[-_]scaled)+$")


def _image_names(image: Any) -> list[set[str]]:
    """The word sets an image is named by: its alt text, and its file name without the extension
    and the size or copy suffix a CMS adds ("-1536x864", "-1", "-scaled")."""
    names = []
    alt = image.get("alt") or ""
    file = unquote(urlsplit(image.get("src") or "").path.rpartition("/")[2])
    stem = _FILE_SIZE_RE.sub("", file.rpartition(".")[0] or file)
    for name in (alt, stem):
        words = set(_WORD_RE.findall(name.lower()))
        if len(words) >= NAMED_CAPTION_WORDS:
            names.append(words)
    return names


def _named_by(words: list[str], names: list[set[str]]) -> bool:
    """Whether a caption's words (its credit aside) are mostly one of the image's names, and that
    name mostly theirs."""
    if len(words) < NAMED_CAPTION_WORDS:
        return False
    own = set(words)
    return any(
        sum(word in name for word in words) >= NAMED_CAPTION_SHARE * len(words)
        and len(own & name) >= NAMED_IMAGE_SHARE * len(name)
        for name in names
    )


def _named_captions(root: Any, limit: float, known: Collection[int]) -> list[tuple[Any, Caption]]:
    """Blocks beside an image (a sibling of the image or of one of its first CAPTION_MEDIA_LEVELS
    ancestors) whose words, not a class, are the image's alt text or file name: a CMS that names
    the upload after its caption gives the caption away. Not a heading nor holding one (an image
    named after the headline sits beside the title), not a link or page furniture, and not inside
    a block already found (`known`). Each with its caption, a closing bracketed credit split off
    (the words compared are the caption's)."""
    found: dict[int, tuple[Any, Caption]] = {}
    for image in root.iter("img"):
        names = _image_names(image)
        near = image
        for _ in range(CAPTION_MEDIA_LEVELS + 1):
            if not names or near is None:
                break
            for node in (near.getprevious(), near.getnext()):
                if (
                    node is None
                    or not isinstance(node.tag, str)
                    or next(node.iter(*_HEADINGS), None) is not None
                    or id(node) in found
                    or any(id(a) in known for a in (node, *node.iterancestors()))
                    or next(node.iter("img"), None) is not None
                ):
                    continue
                text = _clean(node.text_content())
                caption = split_credit(text)
                words = _WORD_RE.findall((caption.caption or "").lower())
                if _named_by(words, names) and _is_caption_block(node, text, limit):
                    found[id(node)] = (node, caption)
            near = near.getparent()
    return list(found.values())


def _captions(root: Any, limit: float) -> list[tuple[Any, Caption | None]]:
    """The page's caption and credit blocks, in page order, each with the caption it gives: a
    credit marked inside the caption, or marked beside it (the next or previous element), is its
    credit; otherwise a closing bracketed credit is split off (`split_credit`). A credit beside a
    caption gives None (its caption holds it). Blocks inside a caption block are part of it; a
    marked block that does not read as a caption (an article's wrapper) is looked inside."""
    blocks: list[tuple[Any, str, str]] = []
    kinds: dict[int, str] = {}
    for node in root.xpath("//*[@class or @id]"):  # page order: an outer block comes first
        kind = _caption_kind(node)
        if kind is None or any(id(a) in kinds for a in node.iterancestors()):
            continue
        text = _clean(node.text_content())
        if _is_caption_block(node, text, limit):
            blocks.append((node, kind, text))
            kinds[id(node)] = kind
    beside: dict[int, str] = {}
    taken: set[int] = set()
    for node, kind, text in blocks:
        if kind != "credit":
            continue
        for sibling in (node.getprevious(), node.getnext()):
            if sibling is not None and kinds.get(id(sibling)) == "caption":
                beside.setdefault(id(sibling), text)
                taken.add(id(node))
                break
    found: list[tuple[Any, Caption | None]] = []
    for node, kind, text in blocks:
        if id(node) in taken:
            found.append((node, None))
        elif kind == "credit" or _CREDIT_LABEL_RE.match(text):
            found.append((node, Caption(None, text)))
        else:
            inner = [
                _clean(d.text_content())
                for d in node.iterdescendants()
                if isinstance(d.tag, str) and _caption_kind(d) == "credit"
            ]
            credit = " ".join(t for t in inner if t) or beside.get(id(node))
            if inner and credit:
                for piece in inner:
                    text = text.replace(piece, " ")
                found.append((node, Caption(_clean(text) or None, credit)))
            elif credit:
                found.append((node, Caption(text, credit)))
            else:
                found.append((node, split_credit(text)))
    named = _named_captions(root, limit, kinds)
    if named:
        found.extend(named)
        order = {id(node): index for index, node in enumerate(root.iter())}
        found.sort(key=lambda pair: order.get(id(pair[0]), 0))
    return found


def _related_headlines(node: Any) -> list[str]:
    """The link texts of a related block that read as headlines (three words or more)."""
    found = []
    for link in node.iter("a"):
        text = _clean(link.text_content())
        if len(text.split()) >= CARD_LINK_WORDS:
            found.append(text)
    return found


def parse(html: str) -> Any:
    """The page's lxml tree, or None when it does not parse."""
    import lxml.html

    try:
        return lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None


def prune(html: str, root: Any = None, disable: Collection[str] = ()) -> Pruned:
    """Remove what the page's structure marks as furniture before extraction, recording each piece.
    `root` is the page already parsed (it is changed in place). Rules (or the stage `prune_html`)
    named in `disable` are switched off. Falls back to the page as it is if it does not parse."""
    import lxml.html

    root = parse(html) if root is None else root
    if root is None:
        return Pruned(html)

    def off(rule: str) -> bool:
        return rule in disable or PRUNE_STAGE in disable

    for node in root.xpath("//script|//style|//noscript|//template"):
        if node.getparent() is not None:
            node.drop_tree()
    out = Pruned(html, root)
    limit = MAX_SIGNAL_SHARE * (len(root.text_content()) or 1)

    def drop(node: Any, rule: str) -> None:
        if off(rule):
            return
        text = _clean(node.text_content())
        if text:
            out.removed.append(PrunedPiece(rule, node.sourceline or 0, text))
        node.drop_tree()

    for node in root.xpath("//figcaption"):
        text = _clean(node.text_content())
        if text and not off(FIGURE_RULE):
            out.captions.append(split_credit(text))
    if not off(CAPTION_RULE):
        for node, caption in _captions(root, limit):
            if caption is not None:
                out.captions.append(caption)
            drop(node, CAPTION_RULE)
    for node in root.xpath("//figcaption|//nav|//aside|//footer|//form"):
        if node.getparent() is not None and len(node.text_content()) < limit:
            drop(node, FIGURE_RULE if node.tag == "figcaption" else _TAG_RULES[node.tag])
    # A figure goes with its caption, unless it quotes (an embedded post is part of the story).
    for node in root.xpath("//figure[not(.//blockquote)]"):
        if node.getparent() is not None and len(node.text_content()) < FIGURE_MAX_CHARS:
            drop(node, FIGURE_RULE)
    for node in root.xpath("//*[@class or @id]"):
        if node.getparent() is None or node.tag in ("html", "body", "article", "main"):
            continue
        kind = _signal(f"{node.get('class', '')} {node.get('id', '')}")
        if kind and len(node.text_content()) < limit and not _holds_prose(node):
            if kind == "related" and not off("html.prune.related"):
                out.related.extend(_related_headlines(node))
            drop(node, f"html.prune.{kind}")
    out.html = lxml.html.tostring(root, encoding="unicode")
    return out


# --- the article's container ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Block:
    node: Any
    text: str
    order: int


def _blocks(root: Any) -> list[_Block]:
    """The page's text blocks in document order: block elements with text of their own."""
    blocks = []
    for order, node in enumerate(root.iter()):
        if not isinstance(node.tag, str) or node.tag not in _BLOCK_TAGS:
            continue
        text = _clean(node.text_content())
        if text:
            blocks.append(_Block(node, text, order))
    return blocks


def _link_share(node: Any, text: str) -> float:
    linked = sum(len(_clean(a.text_content())) for a in node.iter("a"))
    return linked / max(len(text), 1)


def _match(line: str, blocks: list[_Block], exact: dict[str, _Block]) -> _Block | None:
    """The smallest block holding the extracted line."""
    if line in exact:
        return exact[line]
    best = None
    for block in blocks:
        # On a tie the later block is the inner one (a <p> alone in its <div>).
        if line in block.text and (best is None or len(block.text) <= len(best.text)):
            best = block
    return best


def _placed(line: str, blocks: list[_Block], exact: dict[str, _Block]) -> tuple[str, _Block | None]:
    """An extracted line and the block holding it. trafilatura drops the space between two inline
    elements ("<em>enggak</em> <em>ngobrol</em>" gives "enggakngobrol"): a line that is a whole
    block but for spaces is replaced by the page's own text of it."""
    block = _match(_clean(line), blocks, exact)
    if block is None:
        squeezed = "".join(line.split())
        for candidate in blocks:
            if len(candidate.text) >= len(squeezed) and candidate.text.replace(" ", "") == squeezed:
                return candidate.text, candidate
    return line, block


def _container(matched: list[tuple[str, _Block]]) -> Any:
    """The deepest element holding MAIN_SHARE of the prose lines' characters, or None. Lines
    from list items do not vote: related lists are lists, article paragraphs are not."""
    weights: dict[Any, int] = {}
    depth: dict[Any, int] = {}
    total = 0
    for line, block in matched:
        if len(line.split()) < PROSE_WORDS or _in_card(block, None):
            continue
        total += len(line)
        chain = [block.node, *block.node.iterancestors()]
        for level, node in enumerate(reversed(chain)):
            weights[node] = weights.get(node, 0) + len(line)
            depth[node] = level
    if total < MIN_PROSE_CHARS:
        return None
    holding = [n for n, w in weights.items() if w >= MAIN_SHARE * total]
    return max(holding, key=lambda n: depth[n]) if holding else None


def _inside(node: Any, container: Any) -> bool:
    return node is container or any(a is container for a in node.iterancestors())


def _previous_element(node: Any) -> Any:
    """The element right before `node` among its siblings, a comment or processing instruction
    between them passed over; None when there is none."""
    before = node.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    return before


def _leads(node: Any, container: Any) -> bool:
    """Whether `node` is, or is inside, the element right before the container: the place of a
    lead or standfirst a CMS sets apart from the body's element (a bold first paragraph in a
    <div> of its own)."""
    before = _previous_element(container)
    return before is not None and _inside(node, before)


def _dropped_paragraph(block: _Block) -> bool:
    """Whether a block of the container the extraction dropped is a paragraph of prose: a <p> of
    RESTORE_WORDS words or more; or a <div> with no block inside, or a heading, of that length
    that ends as a sentence does (a lead in a caption box that holds no image, a closing quote set
    in an <h2>): it comes back as prose, wherever it is."""
    if len(block.text.split()) < RESTORE_WORDS:
        return False
    tag = block.node.tag
    return tag == "p" or ((tag == "div" or tag in _HEADINGS) and ends_sentence(block.text))


def _introduced_item(node: Any) -> bool:
    """An item of a list the article introduces with a colon ("... a survey of 400 11 to 18 year
    olds carried out for the home office:" then <ul>): the article's own, however short, where
    trafilatura drops the list with its items. The element before the list must be a block whose
    text ends with the colon; a link list under a "Read more:" label is link text, which the
    container check refuses."""
    parent = node.getparent()
    if node.tag != "li" or parent is None or parent.tag not in ("ul", "ol"):
        return False
    before = _previous_element(parent)
    return (
        before is not None
        and before.tag in _BLOCK_TAGS
        and _clean(before.text_content()).endswith(":")
    )


def _in_card(block: _Block, container: Any) -> bool:
    """A teaser card: the block sits in a list item, or a small parent or grandparent (below the
    container) holds a link headline beside it: a summary under its headline."""
    up = [a for _, a in zip(range(3), block.node.iterancestors(), strict=False)]
    if any(a.tag == "li" for a in up):
        return True
    for ancestor in up[:2]:
        if container is not None and _inside(container, ancestor):
            return False
        if len(_clean(ancestor.text_content())) > len(block.text) + CARD_EXTRA_CHARS:
            return False
        for link in ancestor.iter("a"):
            if not _inside(link, block.node) and len(_clean(link.text_content()).split()) >= 3:
                return True
    return False


def _loose_runs(container: Any, blocks: list[_Block]) -> list[tuple[int, str]]:
    """The container's text that sits in no block of its own: runs of text and inline elements
    between its block children ("<div><b>Outlet</b> - First paragraph ...<p>Second ...</p>"), which
    trafilatura drops. Each run with the page order of the node it starts in; runs that are
    mostly link text are left out."""
    order_of = {id(block.node): block.order for block in blocks}
    runs: list[tuple[int, str]] = []
    pieces: list[str] = []
    linked = 0
    start = -1

    def flush() -> None:
        nonlocal pieces, linked, start
        text = _clean("".join(pieces))
        if text and linked <= MAX_LINK_SHARE * len(text):
            runs.append((start, text))
        pieces, linked, start = [], 0, -1

    def add(piece: str | None, order: int, in_link: bool) -> None:
        nonlocal linked, start
        if piece and piece.strip():
            start = order if start < 0 else start
            pieces.append(piece)
            linked += len(piece.strip()) if in_link else 0

    def walk(node: Any, order: int, in_link: bool) -> None:
        add(node.text, order, in_link)
        for child in node:
            if isinstance(child.tag, str) and (child.tag in _BLOCK_TAGS or child.tag == "br"):
                flush()
                order = order_of.get(id(child), order)
            elif isinstance(child.tag, str):
                walk(child, order, in_link or child.tag == "a")
            add(child.tail, order, in_link)

    walk(container, order_of.get(id(container), 0), False)
    flush()
    return runs


def main_block(
    lines: list[str],
    root: Any,
    backup: Sequence[str] = (),
) -> tuple[list[str], frozenset[int]]:
    """Check the extracted lines against the page: put back the container's subheadings, prose
    paragraphs and `backup` lines (a wider extraction's) that the extraction dropped, and mark
    lines from teaser cards outside the container.

    Returns the lines (with what was put back) and the 1-based numbers of the lines outside."""
    blocks = _blocks(root)
    exact = {block.text: block for block in blocks}  # the innermost block of a text wins
    pairs = [_placed(line, blocks, exact) for line in lines]
    container = _container([(line, b) for line, b in pairs if b is not None])
    if container is None:
        # Too little prose in the precise extraction to place the article: the wider one votes.
        wide = [(line, _match(_clean(line), blocks, exact)) for line in backup]
        container = _container([(line, b) for line, b in wide if b is not None])
    if container is None:
        # The article cannot be placed in the page, so the precise pass's cuts cannot be
        # checked: the wider extraction is taken as it is.
        return (list(backup) if any(backup) else lines), frozenset()
    extracted_text = " ".join(_clean(line) for line in lines)
    used = {id(b.node) for _, b in pairs if b is not None}

    def wanted(block: _Block) -> bool:
        return (
            _inside(block.node, container) and _link_share(block.node, block.text) <= MAX_LINK_SHARE
        )

    restore: list[tuple[int, int, str, bool]] = []  # (page order, rank, text, is a heading)
    for rank, line in enumerate(backup):
        text = _clean(line)
        block = _match(text, blocks, exact) if text and text not in extracted_text else None
        if block is not None and wanted(block):
            restore.append((block.order, rank, text, False))
            extracted_text += " " + text
    for order, text in _loose_runs(container, blocks):
        if (
            len(text.split()) >= RESTORE_WORDS
            and text not in extracted_text
            and not any(len(line) >= MIN_LOOSE_OVERLAP and line in text for line in lines)
        ):
            restore.append((order, len(backup), text, False))
            extracted_text += " " + text
    for block in blocks:
        if id(block.node) in used or block.text in extracted_text:
            continue
        prose = _dropped_paragraph(block)
        # outside the container only a lead set apart above it, not the headline right there
        lead = block.node.tag not in _HEADINGS and _leads(block.node, container)
        if not wanted(block) and not (lead and prose):
            continue
        if any(child.tag in _BLOCK_TAGS for child in block.node.iterdescendants()):
            continue  # a wrapper: its own blocks are judged one by one
        heading = block.node.tag in _HEADINGS and len(block.text) <= MAX_HEADING_CHARS and not prose
        if heading or prose or _introduced_item(block.node):
            restore.append((block.order, len(backup), block.text, heading))
    out: list[str] = []
    outside: set[int] = set()
    pending = sorted(restore)
    previous_inside = False
    for line, block in pairs:
        if block is not None:
            inside = _inside(block.node, container)
            while pending and pending[0][0] < block.order:
                _, _, text, heading = pending.pop(0)
                # A subheading comes back only between two paragraphs of the article.
                if not heading or (previous_inside and inside):
                    out.append(text)
            previous_inside = inside
            if not inside and _in_card(block, container):
                outside.add(len(out) + 1)
        out.append(line)
    # After the last extracted line only prose comes back: a heading there would head nothing.
    out.extend(text for _, _, text, heading in pending if not heading)
    return out, frozenset(outside)


# --- arbitration with jusText -------------------------------------------------------------------


def good_paragraphs(html: str, lang: str) -> list[str]:
    """The paragraphs jusText (with the language's stoplist) classifies as good on a page."""
    import justext
    import lxml.etree

    try:
        paragraphs = justext.justext(html, stoplist(lang))
    except (ValueError, TypeError, lxml.etree.LxmlError):  # a page jusText cannot parse
        return []
    return [_clean(p.text) for p in paragraphs if not p.is_boilerplate and _clean(p.text)]


def missed_paragraphs(lines: Sequence[str], good: Sequence[str]) -> list[str]:
    """jusText's good paragraphs that the extracted lines lack, when they say the extraction took
    too little: at least ARBITRATE_MIN_WORDS words and more than ARBITRATE_RATIO times the
    extraction's words. Otherwise none (trafilatura's choice stands)."""
    extracted = " ".join(_clean(line) for line in lines)
    missed = [text for text in good if text not in extracted]
    words = sum(len(text.split()) for text in missed)
    if words < ARBITRATE_MIN_WORDS or words <= ARBITRATE_RATIO * len(extracted.split()):
        return []
    return missed


def merge_in_page_order(lines: Sequence[str], extra: Sequence[str], root: Any) -> list[str]:
    """The extracted lines and `extra` paragraphs, in the order the page has them (a line that
    cannot be placed follows the line before it; an extra paragraph that cannot be placed goes
    last)."""
    blocks = _blocks(root)
    exact = {block.text: block for block in blocks}
    keyed: list[tuple[int, int, int, str]] = []
    order = -1
    for rank, line in enumerate(lines):
        block = _match(_clean(line), blocks, exact)
        order = block.order if block is not None else order
        keyed.append((order, 0, rank, line))
    for rank, text in enumerate(extra):
        block = _match(text, blocks, exact)
        keyed.append((block.order if block is not None else sys.maxsize, 1, rank, text))
    return [line for *_, line in sorted(keyed)]


# --- metadata ---------------------------------------------------------------------------------


def _iso(value: str) -> str | None:
    """ "2015-11-05T14:56:43+07:00" -> "2015-11-05T14:56+07:00"; None when it has no time."""
    found = _ISO_RE.match(value.strip())
    if not found or not found["hm"]:
        return None
    zone = found["zone"] or ""
    if zone == "Z":
        zone = "+00:00"
    elif zone and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    return f"{found['date']}T{found['hm']}{zone}"


def _json_ld_objects(root: Any) -> list[dict[str, Any]]:
    """The objects of the page's JSON-LD scripts (lists and `@graph`s opened), in page order."""
    found = []
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(v for k, v in item.items() if k == "@graph")
    return found


def _json_ld_dates(objects: list[dict[str, Any]]) -> list[str]:
    return [o["datePublished"] for o in objects if isinstance(o.get("datePublished"), str)]


def _names(value: Any) -> list[str]:
    """The names of a JSON-LD `author`: a string, a Person (`name`), or a list of those."""
    if isinstance(value, str):
        return [_clean(value)] if _clean(value) else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def json_ld_authors(root: Any, objects: list[dict[str, Any]] | None = None) -> tuple[str, ...]:
    """The article's writers as its JSON-LD `author.name` gives them, when the page shows each name
    other than as the editor's: sites put the desk editor there too ("Editor: NAME" on the page,
    and nowhere else), and the spec's authors are the writers a byline names. `objects`: the
    page's JSON-LD objects when the caller has read them already."""
    if objects is None:
        objects = _json_ld_objects(root)
    declared = [name for item in objects for name in _names(item.get("author"))]
    if not declared:
        return ()  # most pages: the visible text is not needed
    visible = _clean(
        " ".join(root.xpath("//body//text()[not(ancestor::script or ancestor::style)]"))
    )
    names: list[str] = []
    for name in declared:
        label = rf"(?i)\b(?:{EDITOR_LABELS})\s*:\s*{re.escape(name)}"
        if visible.count(name) > len(re.findall(label, visible)) and name not in names:
            names.append(name)
    return tuple(names)


_TIMED_LINE_RE = re.compile(r"\b(?:19|20)\d\d\b.{0,40}?\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b")
TIMED_LINES_MAX = 40
"""Visible dates with a time kept per page: the publication time sits near the top."""
TIMED_CONTEXT = 40
"""Characters kept on each side of a visible date (its day name, its zone)."""


DATE_LINE_MAX_CHARS = 100
"""A date line of a page's own: the date, maybe a place, a day name, a time or a writer's name
("Sabtu, 14 Maret 2026 | Ditulis oleh: indahts"); a sentence that holds a date is longer."""
DATE_LINES_MAX = 60


def date_lines(root: Any) -> tuple[str, ...]:
    """The first DATE_LINES_MAX blocks of the page's visible text (its chrome too) that are short
    and hold a year: where a page shows its date as a line of its own ("Jakarta, 24 April 2023")."""
    if root is None:
        return ()
    from lxml import etree

    body = root.find(".//body")
    if body is None:
        body = root
    found: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        line = " ".join("".join(pieces).split())
        pieces.clear()
        if line and len(line) <= DATE_LINE_MAX_CHARS and YEAR_RE.search(line):
            found.append(line)

    skipped = 0  # inside script, style, noscript or template
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        hidden = tag in ("script", "style", "noscript", "template")
        if event == "start":
            if hidden:
                skipped += 1
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            if not skipped and el.text:
                pieces.append(el.text)
        else:
            if hidden:
                skipped -= 1
            if tag in _BLOCK_TAGS:
                flush()
            if not skipped and el.tail:
                pieces.append(el.tail)
        if len(found) >= DATE_LINES_MAX:
            return tuple(found)
    flush()
    return tuple(found[:DATE_LINES_MAX])


def shown_on_date_line(day: str, lines: Sequence[str], dates: DateParser) -> bool:
    """Whether one of the page's date lines (`date_lines`) shows `day` (ISO 8601, its first ten
    characters count): the line, or a part of it apart by a bar or a bullet, is wholly a date,
    maybe after a place and a comma ("Jakarta, 24 April 2023")."""
    for line in lines:
        for part in _DATE_LINE_PARTS_RE.split(line):
            part = part.strip()
            found = dates.parse(part) or dates.parse(_PLACE_PREFIX_RE.sub("", part, count=1))
            if found and found[:10] == day[:10]:
                return True
    return False


_DATE_LINE_PARTS_RE = re.compile(r"\s+[|•·]\s+")
_PLACE_PREFIX_RE = re.compile(r"^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3},\s+")


def timed_lines(root: Any) -> tuple[str, ...]:
    """The first TIMED_LINES_MAX places of the page's visible text that hold a year and a time,
    each with the words around it (read before pruning: the date line is often in the chrome
    that pruning removes)."""
    if root is None:
        return ()
    texts = root.xpath(
        "//body//text()[not(ancestor::script) and not(ancestor::style)"
        " and not(ancestor::noscript) and not(ancestor::template)]"
    )
    found: list[str] = []
    for raw in "".join(str(t) for t in texts).split("\n"):
        line = " ".join(raw.split())
        # A page written without line breaks is one long line: each date in it is taken with
        # the words around it.
        for m in _TIMED_LINE_RE.finditer(line):
            found.append(line[max(0, m.start() - TIMED_CONTEXT) : m.end() + TIMED_CONTEXT])
            if len(found) == TIMED_LINES_MAX:
                return tuple(found)
    return tuple(found)


def visible_published(declared: str, lines: Sequence[str], dates: DateParser) -> str | None:
    """The publication time as the page shows it to readers, when it agrees with the time the
    page declares for machines (JSON-LD, meta tags or trafilatura's date), else None.

    Agreeing means the same day and, when the declared value has a time, the same instant ("09:20
    WIB" shown, "02:20Z" declared) or the same clock time with a zone shown (sites such as detik
    write their local WIB time with a UTC "Z"). A declared date with no time takes the first time
    shown on that day. The shown form is kept because it carries the site's own zone."""
    declared_day, _, declared_time = declared.partition("T")
    for line in lines:
        shown = dates.find_timed(line)
        if not shown or not shown.startswith(declared_day):
            continue
        if not declared_time:
            return shown
        shown_time = shown.partition("T")[2]
        if same_instant(shown, declared):
            return shown
        if shown_time[:5] == declared_time[:5]:
            # The same clock time: the shown zone wins ("10:08 WIB" over "10:08Z"); with none
            # shown, the declared offset is more than the page shows and stays.
            return shown if len(shown_time) > 5 else None
    return None


def published_time(root: Any, objects: list[dict[str, Any]] | None = None) -> str | None:
    """The page's machine-readable publication time, with minutes (and the offset when given):
    JSON-LD `datePublished`, then `article:published_time`, `itemprop="datePublished"`, a
    `pubdate` meta, a `<time>` element's `datetime`. A date without a time gives None (the time
    is what trafilatura's date lacks). `objects`: the page's JSON-LD objects when the caller has
    read them already."""
    return _first_time(_declared_dates(root, objects))


def _first_time(declared: list[str]) -> str | None:
    """The first of the page's declared dates that gives a time, as `_iso` writes it."""
    for value in declared:
        iso = _iso(value)
        if iso:
            return iso
    return None


def _first_day(declared: list[str]) -> str | None:
    """The day of the first of the page's declared dates, with or without a time (`<time
    itemprop="datePublished" datetime="2016-09-13">`): it confirms trafilatura's date as the
    article's own, as a date line does."""
    for value in declared:
        found = _ISO_RE.match(value.strip())
        if found:
            return found["date"]
    return None


def _declared_dates(root: Any, objects: list[dict[str, Any]] | None) -> list[str]:
    """The page's machine-readable publication dates, in the order `published_time` trusts them."""
    return [
        str(value)
        for value in (
            *_json_ld_dates(_json_ld_objects(root) if objects is None else objects),
            *root.xpath("//meta[@property='article:published_time']/@content"),
            *root.xpath("//*[@itemprop='datePublished']/@content"),
            *root.xpath("//*[@itemprop='datePublished']/@datetime"),
            *root.xpath("//meta[@name='pubdate' or @name='publishdate' or @name='date']/@content"),
            *root.xpath("//time[@pubdate]/@datetime"),
        )
    ]


def _strip_site(title: str | None, site_words: set[str]) -> str | None:
    """ "Judul Berita - Kompas.com Regional" -> "Judul Berita" when the tail names the site."""
    if not title:
        return None
    parts = _TITLE_SEP_RE.split(title)
    while len(parts) > 1 and set(re.findall(r"\w+", parts[-1].lower())) & site_words:
        parts.pop()
    return " - ".join(parts).strip() or None


def _site_words(sitename: str | None, hostname: str | None) -> set[str]:
    words: set[str] = set()
    for value in (sitename, hostname):
        if value:
            words |= {w for w in re.findall(r"[a-z0-9]+", value.lower()) if len(w) > 2}
    return words - {"com", "www", "net", "org", "news"}


def extract(
    html: str, url: str | None = None, lang: str = "auto", disable: Collection[str] = ()
) -> Extracted:
    """Prune the page, run trafilatura on it, check its lines against the page's container, and
    merge in jusText's good paragraphs when they say trafilatura took too little (`lang` picks
    jusText's stoplist; `auto` detects it); the text is "" when no article is found. The HTML
    rules (or stages) named in `disable` are switched off."""
    import trafilatura

    root = parse(html)
    published: str | None = None
    day: str | None = None
    ld_authors: tuple[str, ...] = ()
    if root is not None:
        objects = _json_ld_objects(root)  # read once, for the date and the writers
        declared = _declared_dates(root, objects)  # read once, for the time and the day
        published = _first_time(declared)
        day = _first_day(declared) if published is None else None
        ld_authors = json_ld_authors(root, objects)
    timed = timed_lines(root)
    # Read only when trafilatura's date may be taken: the page's machine-readable time needs none.
    dated = date_lines(root) if published is None else ()
    pruned = prune(html, root, disable)
    found = trafilatura.bare_extraction(
        pruned.html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    # trafilatura's default (wider) pass: what it keeps inside the article's container and the
    # precise pass dropped comes back (main_block).
    wide = trafilatura.bare_extraction(
        pruned.html, url=url, include_comments=False, include_tables=False
    )
    common: dict[str, Any] = {
        "timed_lines": timed,
        "date_lines": dated,
        "declared_day": day,
        "captions": tuple(dict.fromkeys(pruned.captions)),
        "pruned": tuple(pruned.removed),
        "related": tuple(dict.fromkeys(pruned.related)),
        "published": published,
        "published_source": "html" if published else None,
    }
    doc: dict[str, Any] = (
        {} if found is None else found if isinstance(found, dict) else found.as_dict()
    )
    text = str(doc.get("text") or "").strip()
    outside: frozenset[int] = frozenset()
    extractor = "trafilatura"
    if pruned.tree is not None:
        backup = (wide if isinstance(wide, dict) else wide.as_dict()).get("text") if wide else None
        backup_lines = str(backup or "").split("\n")
        lines = text.split("\n") if text else []
        if lines:
            lines, outside = main_block(lines, pruned.tree, backup_lines)
        if lang == "auto":
            lang = detect_language(text or _clean(pruned.tree.text_content()))
        extra = missed_paragraphs(lines, good_paragraphs(pruned.html, lang))
        if extra:
            merged = merge_in_page_order(lines, extra, pruned.tree)
            lines, outside = main_block(merged, pruned.tree, backup_lines)
            extractor = "trafilatura+justext" if text else "justext"
        text = "\n".join(lines)
    if OUTSIDE_RULE in disable or OUTSIDE_STAGE in disable:
        outside = frozenset()
    if found is None and not text:
        return Extracted(text="", **common)

    def text_of(key: str) -> str | None:
        value = doc.get(key)
        return str(value).strip() or None if value else None

    if not published and text_of("date"):
        common["published"], common["published_source"] = text_of("date"), "trafilatura"
    site_words = _site_words(text_of("sitename"), text_of("hostname"))
    authors = tuple(
        BYLINE_LABEL_RE.sub("", a.strip())
        for a in (text_of("author") or "").split(";")
        # An "author" that names the site is the organisation, not a writer; one that names a
        # role ("Staff Reporter") is no person.
        if a.strip()
        and not set(re.findall(r"\w+", a.lower())) & site_words
        and not NOT_A_NAME_RE.fullmatch(a.strip())
    )
    authors_source = "trafilatura" if authors else "html" if ld_authors else None
    return Extracted(
        text=text,
        title=_strip_site(text_of("title"), site_words),
        authors=authors or ld_authors,
        authors_source=authors_source,
        publisher=text_of("sitename"),
        url=text_of("url") or url,
        categories=_terms(doc.get("categories")),
        tags=_terms(doc.get("tags")),
        description=text_of("description"),
        hostname=text_of("hostname"),
        outside=outside,
        extractor=extractor,
        **common,
    )


def _terms(values: Any) -> tuple[str, ...]:
    """trafilatura's categories or tags, one term each: a page's keywords meta gives them as one
    comma-separated string ("banjir, jakarta")."""
    terms = (term.strip() for value in values or [] for term in str(value).split(","))
    return tuple(dict.fromkeys(term for term in terms if term))


def record_removals(doc: Document, extracted: Extracted) -> None:
    """Before the line stages: record what the HTML structure removed from the page (`line` is the
    page's line), and drop the extracted lines from teaser cards outside the article's container."""
    doc.removed.extend(
        Removal(PRUNE_STAGE, piece.rule, piece.line, piece.text) for piece in extracted.pruned
    )
    for line in doc.lines:
        if line.number in extracted.outside:
            doc.drop(line, OUTSIDE_STAGE, OUTSIDE_RULE)
