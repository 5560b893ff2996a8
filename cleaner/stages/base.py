"""What every stage shares: the Context it runs in, the head/body/tail split, and rule application.

A stage is `def verb_object(doc: Document, ctx: Context) -> None`: it reads the lines still kept,
removes or cuts through `Document.drop/drop_block/cut` (which record every removal), and fills
`doc.meta`. Stages mutate the document they are given; the pipeline creates one per input, so no
state leaks between documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from cleaner.config import Config
from cleaner.dates import DateParser
from cleaner.document import Document, Line
from cleaner.repeats import RepeatTable
from cleaner.rules import Rule, RuleSet
from cleaner.text import is_body

MAX_CUTS_PER_LINE = 50
"""A guard: one rule cuts at most this many spans from one line (a line of repeated markers)."""


@dataclass(frozen=True)
class Context:
    """The rules and settings a stage runs with. Built once per (language, config)."""

    rules: RuleSet
    config: Config
    repeats: RepeatTable | None = None
    """Lines learned as a folder's boilerplate (`--learn-repeats`), if any."""

    @cached_property
    def dates(self) -> DateParser:
        return DateParser.from_rules(self.rules)

    def rules_for(self, stage: str) -> tuple[Rule, ...]:
        return tuple(
            r
            for r in self.rules.for_stage(stage)
            if not self.config.disabled(r.id) and not self.config.disabled(stage)
        )

    def rule(self, stage: str, rule_id: str) -> Rule | None:
        """A rule by id, or None when the pack lacks it or the config disabled it."""
        for r in self.rules_for(stage):
            if r.id == rule_id:
                return r
        return None


@dataclass(frozen=True, slots=True)
class Regions:
    """Where the article body starts and ends among the kept lines.

    `head` are the kept lines before the first body paragraph, `tail` those after the last one.
    A document with no body paragraph has no head or tail: position rules then do not fire.
    """

    live: list[Line]
    first: int
    last: int

    @classmethod
    def of(cls, doc: Document) -> Regions:
        live = doc.live()
        body = [i for i, line in enumerate(live) if is_body(line.text)]
        if not body:
            return cls(live, len(live), -1)
        return cls(live, body[0], body[-1])

    @property
    def has_body(self) -> bool:
        return self.last >= 0

    @property
    def head(self) -> list[Line]:
        """The kept lines before the first body paragraph ([] without a body)."""
        return self.live[: self.first] if self.has_body else []

    @property
    def tail(self) -> list[Line]:
        """The kept lines after the last body paragraph ([] without a body)."""
        return self.live[self.last + 1 :] if self.has_body else []

    def where(self, index: int) -> set[str]:
        """The position names that apply to the live line at `index`."""
        names = {"any"}
        if self.has_body:
            if index < self.first:
                names |= {"head", "edge"}
            if index > self.last:
                names |= {"tail", "edge"}
        return names


OnMatch = Callable[[Line, Rule, re.Match[str]], None]


def candidates(
    doc: Document, ctx: Context, stage: str, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[int, Line, Rule, list[Line]]]:
    """(index, line, rule, live lines) for every kept line and every rule of `stage` allowed at
    that line's position, in line order then pack order; a line dropped meanwhile is skipped.
    Rules whose ids are in `skip` are applied by the stage's own code instead."""
    rules = tuple(r for r in ctx.rules_for(stage) if r.id not in skip)
    if not rules:
        return
    regions = Regions.of(doc)
    for index, line in enumerate(regions.live):
        where = regions.where(index)
        for rule in rules:
            if not line.kept:
                break
            if rule.where in where:
                yield index, line, rule, regions.live


def apply_line_rules(
    doc: Document,
    ctx: Context,
    stage: str,
    on_match: OnMatch | None = None,
    skip: frozenset[str] = frozenset(),
) -> None:
    """Apply a stage's `match = "line"` and `match = "span"` rules in pack order.

    Line rules drop a whole line that the pattern matches entirely; span rules cut every match out
    of the line. `on_match` sees each match before the text goes, to fill the sidecar.
    """
    for _, line, rule, _ in candidates(doc, ctx, stage, skip):
        if rule.match == "span":
            cut_spans(doc, line, rule, stage, on_match)
            continue
        m = rule.fullmatch(line.text)
        if m:
            if on_match:
                on_match(line, rule, m)
            doc.drop(line, stage, rule.id)


def cut_spans(
    doc: Document, line: Line, rule: Rule, stage: str, on_match: OnMatch | None = None
) -> int:
    """Cut every match of a span rule from one line; return how many were cut."""
    if not rule.may_match(line.text.lower()):
        return 0
    count = 0
    pos = 0
    while line.kept and count < MAX_CUTS_PER_LINE:
        m = rule.regex.search(line.text, pos)
        if not m:
            break
        if m.end() == m.start():  # defensive: never loop on an empty match
            pos = m.end() + 1
            continue
        if on_match:
            on_match(line, rule, m)
        doc.cut(line, m.start(), m.end(), stage, rule.id)
        pos = 0  # a cut can complete an earlier match (promos cut from the end, one by one)
        count += 1
    return count
