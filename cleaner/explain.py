"""`cleaner explain`: every input line with the decision taken on it.

One row per input line: its number, a mark (`+` kept, `-` removed, `~` edited: a part was cut,
` ` blank), the stage and rule, and the text. This is how a user finds which rule removed a line
and why a line survived.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cleaner.document import Document, Removal


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    mark: str
    """`+` kept, `-` removed, `~` edited, ` ` blank."""
    decisions: tuple[Removal, ...]
    text: str
    """The normalised input line."""
    result: str | None
    """What is left of the line in the clean text (for edited lines), else None."""


def explain(doc: Document) -> Iterator[Row]:
    """The decision on each input line of a cleaned document, in input order."""
    by_line: dict[int, list[Removal]] = {}
    for removal in doc.removed:
        for number in range(removal.line, max(removal.line, removal.end_line) + 1):
            by_line.setdefault(number, []).append(removal)
    for line in doc.lines:
        decisions = tuple(by_line.get(line.number, ()))
        if not line.original:
            mark, result = " ", None
        elif not line.kept:
            mark, result = "-", None
        elif decisions:
            mark, result = "~", line.text
        else:
            mark, result = "+", None
        yield Row(line.number, mark, decisions, line.original, result)
