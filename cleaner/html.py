"""HTML input: trafilatura extracts the article's text and metadata, then the text stages clean it.

trafilatura finds the article body in a page and drops menus, comments and most page chrome, but it
keeps what sits inside the body: "Baca juga" lines, captions, sign-offs, datelines. The text stages
remove those exactly as for text input. Line numbers in the sidecar's `removed` then count lines of
the text trafilatura extracted (the page's own lines mean nothing after extraction).

trafilatura's metadata fills a sidecar field only where the text stages found nothing; the
sidecar's `field_sources` says for each field which of the two it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SIGNAL_RE = re.compile(
    r"(?i)(?:^|[-_\s])(?:related|relate|baca-?juga|bacajuga|terkait|rekomendasi|recommended|"
    r"share|sharing|social|sosmed|komentar|comments?|breadcrumbs?|tags?|topik|newsletter|"
    r"popular|populer|terpopuler|trending|most-read|advert|ads|iklan)(?:$|[-_\s\d])"
)
"""Class or id words that mark page furniture (related lists, share bars, comments, tag clouds,
ad slots). Generic container words ("widget", "sidebar", "promo") are not in it: CMSs use them for
blocks that hold article text too."""
MAX_SIGNAL_SHARE = 0.4
"""A marked block holding more than this share of the page's text is kept: a class word on a
wrapper of the article must not take the article with it."""
FIGURE_MAX_CHARS = 300
"""A <figure> with more text than a caption holds content (an infographic's text, a quote)."""
_HTML_HINT_RE = re.compile(r"<(?:!doctype html|html|head|body|p|div|article|br)\b", re.I)
_TITLE_SEP_RE = re.compile(r"\s+[-|–—•:]\s+")


def looks_like_html(text: str) -> bool:
    """True for a page or a fragment (a tag such as <html>, <p> or <div> near the start)."""
    return bool(_HTML_HINT_RE.search(text[:4096]))


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
    captions: tuple[str, ...] = ()
    """Figure captions found by the HTML structure (figcaption), removed before extraction."""


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


def prune(html: str) -> tuple[str, tuple[str, ...]]:
    """Remove what the page's structure marks as furniture before extraction; return the pruned
    page and the figure captions it held. Falls back to the page as it is if it does not parse."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return html, ()
    total = len(root.text_content()) or 1
    captions = []
    for node in root.xpath("//figcaption"):
        text = " ".join(node.text_content().split())
        if text:
            captions.append(text)
    for node in root.xpath("//figcaption|//nav|//aside|//footer|//form"):
        if node.getparent() is not None and len(node.text_content()) < MAX_SIGNAL_SHARE * total:
            node.drop_tree()
    # A figure goes with its caption, unless it quotes (an embedded post is part of the story).
    for node in root.xpath("//figure[not(.//blockquote)]"):
        if node.getparent() is not None and len(node.text_content()) < FIGURE_MAX_CHARS:
            node.drop_tree()
    for node in root.xpath("//*[@class or @id]"):
        if node.getparent() is None or node.tag in ("html", "body", "article", "main"):
            continue
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if _SIGNAL_RE.search(marks) and len(node.text_content()) < MAX_SIGNAL_SHARE * total:
            node.drop_tree()
    return lxml.html.tostring(root, encoding="unicode"), tuple(dict.fromkeys(captions))


def extract(html: str, url: str | None = None) -> Extracted:
    """Run trafilatura on a page or fragment; the text is "" when it finds no article."""
    import trafilatura

    html, captions = prune(html)
    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    if found is None:
        return Extracted(text="", captions=captions)
    doc: dict[str, Any] = found if isinstance(found, dict) else found.as_dict()

    def text_of(key: str) -> str | None:
        value = doc.get(key)
        return str(value).strip() or None if value else None

    site_words = _site_words(text_of("sitename"), text_of("hostname"))
    authors = tuple(
        a.strip()
        for a in (text_of("author") or "").split(";")
        # An "author" that names the site is the organisation, not a writer.
        if a.strip() and not set(re.findall(r"\w+", a.lower())) & site_words
    )
    return Extracted(
        text=text_of("text") or "",
        title=_strip_site(text_of("title"), site_words),
        authors=authors,
        published=text_of("date"),
        publisher=text_of("sitename"),
        url=text_of("url") or url,
        categories=tuple(str(c) for c in doc.get("categories") or [] if c),
        tags=tuple(str(t) for t in doc.get("tags") or [] if t),
        description=text_of("description"),
        hostname=text_of("hostname"),
        captions=captions,
    )
