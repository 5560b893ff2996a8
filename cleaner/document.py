"""The value objects that flow through the pipeline: Document, Line, Removal, Metadata.

"Tag, don't delete": a stage never throws text away silently. Every removal goes through
`Document.drop`, `Document.drop_block` or `Document.cut`, which record the stage, the rule id, the
1-based input line number and the exact text before the text leaves the document. The sidecar's
`removed` list is that record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_CLOSING = frozenset(".,;:!?)]”’")
"""Marks that close what comes before them: a cut before one leaves no space in front of it."""


@dataclass(slots=True)
class Removal:
    """One removed span: which stage and rule removed it, where, and the exact text."""

    stage: str
    rule: str
    line: int
    text: str
    end_line: int = 0
    """Last input line of a multi-line block (0: the same as `line`). Not written to the sidecar."""
    partial: bool = False
    """True when only a part of the line was cut (dateline, glued marker)."""

    def as_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "rule": self.rule, "line": self.line, "text": self.text}


@dataclass(slots=True)
class Line:
    """One input line (after normalisation) and what the stages decided about it."""

    number: int
    """1-based line number in the input."""
    text: str
    """The current text: the normalised input line, less what stages cut from it."""
    kept: bool = True
    original: str = ""
    """The normalised input line before any cut (for `cleaner explain`)."""


@dataclass(slots=True)
class Image:
    caption: str | None
    credit: str | None
    title: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"caption": self.caption, "credit": self.credit, "title": self.title}


@dataclass(slots=True)
class Related:
    title: str
    date: str | None
    kind: str

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "date": self.date, "kind": self.kind}


@dataclass(slots=True)
class Dateline:
    text: str
    place: str | None
    outlet: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "place": self.place, "outlet": self.outlet}


@dataclass(slots=True)
class Metadata:
    """What the stages extracted. First writer wins for single-valued fields (see `set_once`)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    published: str | None = None
    dateline: Dateline | None = None
    publisher: str | None = None
    agencies: list[str] = field(default_factory=list)
    url: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    signoff_text: str | None = None
    signoff_initials: list[str] = field(default_factory=list)
    description: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    """Which source filled each field: "text" (the stages) or "trafilatura" (HTML metadata)."""
    fallbacks: dict[str, str] = field(default_factory=dict)
    """Values the text names with less authority (the outlet in a syndication trailer), used by
    `finalize` for single-valued fields that no stage set. Not part of the sidecar."""

    def set_once(self, name: str, value: str | None) -> None:
        """Set a single-valued string field unless an earlier stage already set it."""
        if value and getattr(self, name) is None:
            setattr(self, name, value)

    def set_fallback(self, name: str, value: str | None) -> None:
        """Offer a value for a single-valued field, taken only if no stage sets one (first wins)."""
        if value:
            self.fallbacks.setdefault(name, value)

    @staticmethod
    def add(values: list[str], *items: str) -> None:
        """Append items to a list field, skipping empties and duplicates (ignoring case: "ANTARA"
        from a dateline and "Antara" from a sign-off are one agency; the first spelling stays),
        keeping order."""
        for item in items:
            item = item.strip()
            if item and item.casefold() not in (v.casefold() for v in values):
                values.append(item)


@dataclass(slots=True)
class Document:
    """One article on its way through the pipeline."""

    id: str
    raw: str
    """The decoded input text; `normalize_text` rewrites it, `segment_lines` splits it."""
    lines: list[Line] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    language: str = "id"
    lines_in: int = 0
    group: str = ""
    """The batch group (folder) the document belongs to, for learned repeats."""
    version: int = 0
    """Counts the changes to the lines (drops and cuts): what is derived from the lines, such as
    where the body starts and ends, is computed again only when it moved."""
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    """What the stages derive from this document's lines, kept for the later stages and passes
    (which rules match a line's text; the body's place at `version`)."""

    def live(self) -> list[Line]:
        """The lines still kept, in order."""
        return [line for line in self.lines if line.kept]

    def drop(self, line: Line, stage: str, rule: str) -> None:
        """Remove a whole line, recording it."""
        if not line.kept:
            return
        self.removed.append(Removal(stage, rule, line.number, line.text))
        line.kept = False
        self.version += 1

    def drop_block(self, block: list[Line], stage: str, rule: str) -> None:
        """Remove several lines as one record (a related-articles block, a figure)."""
        block = [line for line in block if line.kept]
        if not block:
            return
        text = "\n".join(line.text for line in block)
        self.removed.append(Removal(stage, rule, block[0].number, text, end_line=block[-1].number))
        for line in block:
            line.kept = False
        self.version += 1

    def cut(self, line: Line, start: int, end: int, stage: str, rule: str) -> str:
        """Cut `line.text[start:end]` out of a line, recording it; return the removed text.

        The two sides are joined with one space (no space at either edge, none before a closing
        mark: "jalan (Baca: ...)." leaves "jalan."). A line left empty is dropped without a
        second record.
        """
        removed = line.text[start:end].strip()
        if not removed:
            return ""
        left, right = line.text[:start].rstrip(), line.text[end:].lstrip()
        self.removed.append(Removal(stage, rule, line.number, removed, partial=True))
        gap = "" if right[:1] in _CLOSING else " "
        line.text = f"{left}{gap}{right}" if left and right else left or right
        if not line.text:
            line.kept = False
        self.version += 1
        return removed
