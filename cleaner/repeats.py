"""Lines a whole folder shares give its boilerplate away: learn them in one pass, drop them in the
next (`cleaner clean --learn-repeats`), as CCNet does with paragraph hashes.

Pass one counts, per group (the input's folder), in how many documents each normalised line
occurs. Only 8-byte hashes and counts are kept, never text, so memory grows with the number of
distinct lines, not with the corpus. Counts are sums, so the result is the same whatever the order
of the documents or the number of workers. Pass two drops a line whose hash was seen in more than
`min_docs` documents of its group.

The table is saved as JSON (`OUT/_repeats.json`) and can be given to a later run (`--repeats FILE`)
so a new batch of the same outlets is cleaned with what was learned.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.errors import ConfigError
from cleaner.text import normalize_newlines, normalize_space

FORMAT = "cleaner.repeats/1"
MIN_DOCS = 5
"""A line must occur in more than this many documents of one folder to count as its boilerplate.
Below it, the same article scraped twice or a syndicated story would lose its own paragraphs."""
_DIGITS_RE = re.compile(r"\d(?:[\d.,:]*\d)?")
_PUNCT_RE = re.compile(r"[^\w\s]")


def line_key(line: str) -> int:
    """The hash of a line as CCNet normalises it: case folded, numbers as 0, no punctuation."""
    text = normalize_space(line).casefold()
    text = _PUNCT_RE.sub("", _DIGITS_RE.sub("0", text))
    text = " ".join(text.split())
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def document_keys(text: str) -> set[int]:
    """The distinct line hashes of one document (a line repeated inside it counts once)."""
    keys = set()
    for raw in unicodedata.normalize("NFC", normalize_newlines(text)).split("\n"):
        if raw.strip():
            keys.add(line_key(raw))
    return keys


@dataclass
class RepeatTable:
    """Per group: how many documents were counted and, per line hash, in how many it occurs."""

    min_docs: int = MIN_DOCS
    documents: Counter[str] = field(default_factory=Counter)
    counts: dict[str, Counter[int]] = field(default_factory=dict)

    def add(self, group: str, text: str) -> None:
        self.documents[group] += 1
        self.counts.setdefault(group, Counter()).update(document_keys(text))

    def merge(self, other: RepeatTable) -> None:
        self.documents.update(other.documents)
        for group, counts in other.counts.items():
            self.counts.setdefault(group, Counter()).update(counts)

    def is_repeated(self, group: str, line: str) -> bool:
        counts = self.counts.get(group)
        return counts is not None and counts[line_key(line)] > self.min_docs

    def save(self, path: Path) -> None:
        data = {
            "format": FORMAT,
            "min_docs": self.min_docs,
            "groups": {
                group: {
                    "documents": self.documents[group],
                    # Only hashes over the threshold matter later; keep those (sorted: stable files).
                    "repeated": {
                        f"{key:016x}": n for key, n in sorted(counts.items()) if n > self.min_docs
                    },
                }
                for group, counts in sorted(self.counts.items())
            },
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path, min_docs: int | None = None) -> RepeatTable:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file")
            table = cls(min_docs=min_docs if min_docs is not None else int(data["min_docs"]))
            for group, entry in data["groups"].items():
                table.documents[group] = int(entry["documents"])
                table.counts[group] = Counter(
                    {int(k, 16): int(v) for k, v in entry["repeated"].items()}
                )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}: cannot read learned repeats: {exc}") from exc
        return table

    @classmethod
    def learn(cls, items: Iterable[tuple[str, str]], min_docs: int = MIN_DOCS) -> RepeatTable:
        """Count (group, text) pairs."""
        table = cls(min_docs=min_docs)
        for group, text in items:
            table.add(group, text)
        return table
