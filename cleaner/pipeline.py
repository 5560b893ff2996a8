"""Run the stages over one document: `Pipeline(config).run(text)` -> `Result`.

A Pipeline is built once and reused: it validates the configuration and the stage list up front
(a config error aborts before any document is read) and loads each language's rule pack once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.dates import DateParser
from cleaner.document import Document, Image, Related
from cleaner.errors import ConfigError
from cleaner.html import (
    Extracted,
    extract,
    looks_like_html,
    record_removals,
    shown_on_date_line,
    visible_published,
)
from cleaner.io import HTML_SUFFIXES, MAX_BYTES, read_input
from cleaner.language import detect_language
from cleaner.metadata import Source, build_sidecar
from cleaner.repeats import RepeatTable
from cleaner.rules import LANGUAGES, detect_sites, load_builtin, site_packs
from cleaner.stages import DEFAULT_PIPELINE, STAGES, Context

__all__ = ["DEFAULT_PIPELINE", "Pipeline", "Result"]

TEXT_STAGES = frozenset({"normalize_text", "segment_lines"})
"""Stages that work on the raw text, once, before the line stages."""
MAX_PASSES = 4
"""Line-stage passes at most. Real articles settle in two (the second confirms nothing moves);
the bound keeps a pathological input linear."""


@dataclass(frozen=True, slots=True)
class Result:
    """A cleaned document: the clean text, its sidecar, and the Document for inspection."""

    text: str
    metadata: dict[str, Any]
    document: Document = field(repr=False)


class Pipeline:
    """A reusable cleaner: `Pipeline().run(text, doc_id="a")`.

    >>> Pipeline().run("MOSKOW – Pemimpin Korea Utara Kim Jong-un tiba di Rusia pada Selasa, "
    ...                "di mana ia diperkirakan akan bertemu Presiden Vladimir Putin.\\n(Rahman Asmardika)").text
    'Pemimpin Korea Utara Kim Jong-un tiba di Rusia pada Selasa, di mana ia diperkirakan akan bertemu Presiden Vladimir Putin.\\n'
    """

    def __init__(
        self,
        config: Config | None = None,
        stages: Sequence[str] = DEFAULT_PIPELINE,
        *,
        repeats: RepeatTable | None = None,
    ):
        from cleaner import __version__

        self.config = config or Config()
        unknown = [s for s in stages if s not in STAGES]
        if unknown:
            raise ConfigError(f"unknown stage(s): {', '.join(unknown)}")
        self.stages = tuple(stages)
        self.version = __version__
        self.config_sha256 = self.config.sha256()
        self.repeats = repeats
        self._contexts: dict[tuple[str, tuple[str, ...]], Context] = {}
        # Load the packs now so that a broken rule file fails before the first document.
        for lang in LANGUAGES if self.config.lang == "auto" else (self.config.lang,):
            self.context(lang)
            for site, _, _ in site_packs():
                self.context(lang, (site,))

    def context(self, lang: str, sites: tuple[str, ...] = ()) -> Context:
        ctx = self._contexts.get((lang, sites))
        if ctx is None:
            rules = load_builtin(lang, tuple(self.config.rules), sites)
            ctx = self._contexts[(lang, sites)] = Context(
                rules=rules, config=self.config, repeats=self.repeats
            )
        return ctx

    def run(
        self,
        text: str,
        *,
        doc_id: str = "doc",
        source: Source | None = None,
        lang: str | None = None,
        group: str = "",
        format: str = "text",
        url: str | None = None,
    ) -> Result:
        """Clean one decoded document.

        `format` is `text`, `html` (a page or fragment, extracted with trafilatura first) or `auto`
        (HTML when it looks like HTML). `lang` overrides the configured language for this call;
        `group` names the folder the document came from (learned repeats, site detection); `url`
        helps trafilatura and site detection.
        """
        if format == "auto":
            format = "html" if looks_like_html(text) else "text"
        if format not in ("text", "html"):
            raise ConfigError(f"format must be text, html or auto, not {format!r}")
        extracted = (
            extract(text, url, lang or self.config.lang, self.config.disable)
            if format == "html"
            else None
        )
        body = extracted.text if extracted is not None else text
        language = lang or self.config.lang
        if language == "auto":
            language = detect_language(body)
        ctx = self.context(language, detect_sites(text, group, url or ""))
        doc = Document(id=doc_id, raw=body, language=language, group=group)
        if extracted is not None and not body.strip():
            doc.warnings.append("trafilatura found no article text in this HTML")
        if extracted is not None and extracted.title:
            # Known before the stages run, so a title line trafilatura kept is dropped as repeated.
            doc.meta.title = extracted.title
            doc.meta.sources["title"] = "trafilatura"
        text_stages = [n for n in self.stages if n in TEXT_STAGES]
        line_stages = [n for n in self.stages if n not in TEXT_STAGES]
        for name in text_stages:
            STAGES[name](doc, ctx)
        if extracted is not None:
            record_removals(doc, extracted)
        # Removing a line can move where the body starts or ends, which decides what the
        # position rules of stages that already ran may remove. Run the line stages again until a
        # pass removes nothing: the result is then a fixpoint, and cleaning it again changes nothing.
        for _ in range(MAX_PASSES):
            before = doc.version  # every drop and cut counts here
            for name in line_stages:
                STAGES[name](doc, ctx)
            if doc.version == before:
                break
        fill_from_html(doc, extracted, ctx.dates)
        if url and not doc.meta.url:
            # The address the caller gave (`--url-key`, `clean(url=...)`) when the page names none.
            doc.meta.url, doc.meta.sources["url"] = url, "input"
        kept = [line.text for line in doc.lines if line.kept]
        clean = "\n".join(kept) + "\n" if kept else ""
        sidecar = build_sidecar(
            doc,
            source or Source.of_text(text, fmt=format),
            clean,
            version=self.version,
            rules="+".join(ctx.rules.packs),
            config_sha256=self.config_sha256,
        )
        return Result(text=clean, metadata=sidecar, document=doc)

    def run_file(
        self,
        path: Path,
        *,
        origin: str | None = None,
        group: str = "",
        max_bytes: int = MAX_BYTES,
    ) -> Result:
        """Read, decode and clean one .txt or .html file (InputError, one line, if it cannot be read).

        `origin` is the path written to the sidecar (default: `path` as given)."""
        fmt = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
        decoded = read_input(path, max_bytes=max_bytes)
        source = Source.of_bytes(decoded.data, origin or path.as_posix(), decoded.encoding, fmt)
        return self.run(decoded.text, doc_id=path.stem, source=source, group=group, format=fmt)


SIDECAR_FIELDS = (
    "title",
    "authors",
    "published",
    "publisher",
    "url",
    "categories",
    "tags",
    "description",
)
"""The fields trafilatura's metadata may fill, and `field_sources` reports."""


def fill_from_html(doc: Document, extracted: Extracted | None, dates: DateParser) -> None:
    """Fill what the text stages left empty from the page's metadata (its machine-readable time,
    then trafilatura's; either is replaced by the time the page shows readers when they agree,
    see `visible_published`); add the captions and related headlines the HTML structure removed;
    note each field's source."""
    meta = doc.meta
    if extracted is not None:
        # A caption the text stages recorded too (a copy trafilatura kept) is recorded once, by
        # the text stages: they may split its credit off where the page's block did not ("... raya.
        # Foto: ANTARA/Budi"), so one holding the other is the same caption. A credit shown with
        # no caption is recorded once per credit.
        known = [image.caption or image.credit for image in meta.images]
        meta.images.extend(
            Image(caption=c.caption, credit=c.credit)
            for c in extracted.captions
            if not any(_same_caption(text, c.caption or c.credit) for text in known)
        )
        titles = {item.title for item in meta.related}
        meta.related.extend(
            Related(title=t, date=None, kind="related")
            for t in extracted.related
            if t not in titles
        )
        for name in SIDECAR_FIELDS:
            value = getattr(extracted, name)
            if name == "published" and not _published_shown(extracted, dates):
                value = None
            current = getattr(meta, name)
            if value and not current and name not in meta.sources:
                setattr(meta, name, list(value) if isinstance(value, tuple) else value)
                meta.sources[name] = "trafilatura"
        # Not a field of its own: which extractor gave the page's body (README, "The sidecar").
        meta.sources["body"] = extracted.extractor
        for name, source in (
            ("published", extracted.published_source),
            ("authors", extracted.authors_source),
        ):
            if meta.sources.get(name) == "trafilatura" and source:
                meta.sources[name] = source
        if meta.published and meta.sources.get("published") in ("html", "trafilatura"):
            shown = visible_published(meta.published, extracted.timed_lines, dates)
            if shown:
                meta.published, meta.sources["published"] = shown, "page"
    for name in SIDECAR_FIELDS:
        if getattr(meta, name) and name not in meta.sources:
            meta.sources[name] = "text"


def _published_shown(extracted: Extracted, dates: DateParser) -> bool:
    """Whether trafilatura's date may be `published`: its date search reads dates out of the text
    too ("Senin (20/6/2022)" inside a sentence, a copyright's year as "2022-01-01"), so it counts
    only when one of the page's own date lines shows that day (fixtures/README.md: `published`
    comes from a date line or a byline, never from a sentence). The page's machine-readable time
    (`published_source` "html") needs no such check, and its machine-readable day without a time
    confirms that day as a date line does."""
    if extracted.published_source != "trafilatura" or not extracted.published:
        return True
    if extracted.declared_day and extracted.published[:10] == extracted.declared_day:
        return True
    return shown_on_date_line(extracted.published, extracted.date_lines, dates)


def _same_caption(one: str | None, other: str | None) -> bool:
    """Whether one caption's text holds the other's."""
    return bool(one and other and (one in other or other in one))
