"""Normalise the raw text and split it into numbered lines.

First in the pipeline because every later stage matches on normalised lines and records removals
by input line number. Line numbers count `\\n`, `\\r\\n` and lone `\\r` breaks as one each, as an
editor shows them; blank lines are dropped here without a record (the spec says so).
"""

from __future__ import annotations

import unicodedata

from cleaner.document import Document, Line
from cleaner.stages.base import Context
from cleaner.text import normalize_newlines, normalize_space


def normalize_text(doc: Document, ctx: Context) -> None:
    """Unicode NFC and one kind of line break (`\\n`)."""
    doc.raw = unicodedata.normalize("NFC", normalize_newlines(doc.raw))


def segment_lines(doc: Document, ctx: Context) -> None:
    """One `Line` per input line, whitespace-normalised; blank lines are not kept."""
    pieces = doc.raw.split("\n")
    if pieces and pieces[-1] == "":
        pieces.pop()  # a final newline ends the last line; it does not start a new one
    doc.lines_in = len(pieces)
    doc.lines = []
    doc.version += 1
    for number, piece in enumerate(pieces, start=1):
        text = normalize_space(piece)
        doc.lines.append(Line(number=number, text=text, kept=bool(text), original=text))
