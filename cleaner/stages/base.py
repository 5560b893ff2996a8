"""What every stage shares: the Context it runs in, the head/body/tail split, and rule application.

A stage is `def verb_object(doc: Document, ctx: Context) -> None`: it reads the lines still kept,
removes or cuts through `Document.drop/drop_block/cut` (which record every removal), and fills
`doc.meta`. Stages mutate the document they are given; the pipeline creates one per input, so no
state leaks between documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from cleaner.config import Config
from cleaner.dates import DateParser
from cleaner.document import Document, Line
from cleaner.repeats import RepeatTable
from cleaner.rules import WHERE, Rule, RuleSet, fold, may_contain
from cleaner.text import BODY_MIN_WORDS, ends_sentence, is_body, word_count

MAX_CUTS_PER_LINE = 50
"""A guard: one rule cuts at most this many spans from one line (a line of repeated markers)."""


@dataclass(frozen=True)
class Context:
    """The rules and settings a stage runs with. Built once per (language, config)."""

    rules: RuleSet
    config: Config
    repeats: RepeatTable | None = None
    """Lines learned as a folder's boilerplate (`--learn-repeats`), if any."""
    _memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """Rule lists and scanners built once per context: stages ask for them on every document."""

    @cached_property
    def dates(self) -> DateParser:
        return DateParser.from_rules(self.rules)

    def rules_for(self, stage: str, skip: frozenset[str] = frozenset()) -> tuple[Rule, ...]:
        """The rules of `stage` the config leaves on, in pack order, but those in `skip` (the
        rules a stage applies by its own code)."""
        key = ("rules", stage, skip)
        if key not in self._memo:
            self._memo[key] = tuple(
                r
                for r in self.rules.for_stage(stage)
                if not self.config.disabled(r.id)
                and not self.config.disabled(stage)
                and r.id not in skip
            )
        result: tuple[Rule, ...] = self._memo[key]
        return result

    def rule(self, stage: str, rule_id: str) -> Rule | None:
        """A rule by id, or None when the pack lacks it or the config disabled it."""
        key = ("rule", stage, rule_id)
        if key not in self._memo:
            self._memo[key] = next((r for r in self.rules_for(stage) if r.id == rule_id), None)
        result: Rule | None = self._memo[key]
        return result

    def scanner(self, stage: str, skip: frozenset[str] = frozenset()) -> Scanner:
        """The rules of `stage` but those in `skip`, as a Scanner."""
        key = ("scanner", stage, skip)
        if key not in self._memo:
            self._memo[key] = Scanner(self.rules_for(stage, skip))
        result: Scanner = self._memo[key]
        return result


class Scanner:
    """Tells which rules of a list match a line's text: line rules the whole text, span rules
    somewhere in it (a rule's `needs` prefilter first). A rule that does not match a text does
    nothing to its line, so a stage tries only the rules this returns.

    The line rules without `needs` are also joined into one alternation, tried first: a line that
    matches none of them (most lines) costs one call instead of one per rule. The answer depends on
    the text alone; it is kept per document (`Document.memo`), so a later pass over lines that did
    not change costs one look-up per line.
    """

    __slots__ = ("_plans", "order", "rules")

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        self.order = {rule.id: i for i, rule in enumerate(rules)}
        self._plans: dict[frozenset[str], _Plan] = {}

    def hits(self, doc: Document, text: str, where: frozenset[str]) -> tuple[Rule, ...]:
        """The rules allowed at a line's position (`Regions.wheres`) that match `text`, in order."""
        key = (self, text, where)
        found: tuple[Rule, ...] | None = doc.memo.get(key)
        if found is None:
            plan = self._plans.get(where) or self._plan(where)
            # Each is False when the plan has no such rules: most lines are then settled at once.
            joined = plan.joined is not None and plan.joined.fullmatch(text) is not None
            lowered = fold(text) if plan.needs else ""
            needed = bool(plan.needs) and may_contain(plan.needs, lowered)
            if not (joined or needed or plan.others):
                found = ()  # most lines
            else:
                found = tuple(
                    rule
                    for rule, kind, find in plan.steps
                    if (
                        joined
                        if kind == _JOINED
                        else kind == _ALWAYS or (needed and rule.may_match(lowered))
                    )
                    and (find(text) if find is not None else first_span(doc, rule, text))
                    is not None
                )
            doc.memo[key] = found
        return found

    def _plan(self, where: frozenset[str]) -> _Plan:
        allowed = [r for r in self.rules if r.where in where]
        parts = {
            r.id: part
            for r in allowed
            if r.match == "line" and not r.needs and (part := alternative(r.regex)) is not None
        }
        joined = None
        if parts:
            try:
                joined = re.compile("|".join(parts.values()))
            except re.error:  # pragma: no cover - each part compiled on its own
                parts = {}
        steps = tuple(
            (
                r,
                _JOINED if r.id in parts else _NEEDS if r.needs else _ALWAYS,
                None if r.match == "span" else r.regex.fullmatch,
            )
            for r in allowed
        )
        plan = self._plans[where] = _Plan(
            steps,
            joined if parts else None,
            tuple(dict.fromkeys(n for r in allowed for n in r.needs)),
            any(kind == _ALWAYS for _, kind, _ in steps),
        )
        return plan

    def hits_after(
        self, doc: Document, text: str, where: frozenset[str], rule: Rule
    ) -> tuple[Rule, ...]:
        """The rules after `rule` that match `text` (once a cut changed the line)."""
        after = self.order[rule.id]
        return tuple(r for r in self.hits(doc, text, where) if self.order[r.id] > after)


_JOINED, _NEEDS, _ALWAYS = 0, 1, 2
"""How a rule is tried in a `_Plan`: after the joined alternation matched, after its `needs`
matched, or always."""


@dataclass(frozen=True, slots=True)
class _Plan:
    steps: tuple[tuple[Rule, int, Callable[[str], re.Match[str] | None] | None], ...]
    """(rule, _JOINED, _NEEDS or _ALWAYS, its matcher: None for a span rule, see `first_span`)
    for the rules allowed at a position, in order."""
    joined: re.Pattern[str] | None
    """Matches a whole text when one of the rules marked _JOINED does (None: no such rules)."""
    needs: tuple[str, ...]
    """Every need of the rules: a text holding none of them is tried on no rule that has needs."""
    others: bool
    """Whether a rule has neither needs nor a place in `joined` (always tried)."""


_GLOBAL_FLAGS_RE = re.compile(r"\(\?([a-zA-Z]+)\)")
_NAMED_GROUP_RE = re.compile(r"\(\?P<\w+>")
_REFERENCE_RE = re.compile(r"\\.|\(\?P=|\(\?\(")
"""An escape, a named backreference or a conditional group, read left to right: an escape is one
token, so an escaped bracket before an optional group (`\\(?(?P<x>`) is not taken for `(?(`."""


def alternative(regex: re.Pattern[str]) -> str | None:
    """The pattern as one branch of an alternation with others, matching the same texts: its
    global flags scoped to it (`(?i)x` -> `(?i:x)`) and its named groups unnamed (names may repeat
    across rules). None when that cannot be done by rewriting the text: a flag other than i, m or
    s, a backreference or a conditional group, or a `(?P<` that does not open a group."""
    pattern = regex.pattern
    flags = ""
    head = _GLOBAL_FLAGS_RE.match(pattern)
    if head:
        flags, pattern = head.group(1), pattern[head.end() :]
    if set(flags) - set("ims") or _refers_back(pattern):
        return None
    if pattern.count("(?P<") != len(regex.groupindex):
        return None
    bare = _NAMED_GROUP_RE.sub("(?:", pattern)
    return f"(?{flags}:{bare})" if flags else f"(?:{bare})"


def _refers_back(pattern: str) -> bool:
    """Whether a pattern holds a backreference (`\\1`, `(?P=name)`) or a conditional group, which
    would refer to another group once joined with other patterns."""
    return any(
        token[0] != "\\" or token[1] in "123456789" for token in _REFERENCE_RE.findall(pattern)
    )


STANDFIRST_GAP = 4
"""A first paragraph with more short input lines than this under it before the next one is a
standfirst above the page's header block (title, byline, date, share buttons): the body starts
below the block, so the header rules apply to it. So is one that ends with no stop and has any
line under it: a deck is written without one, a first paragraph of prose is not."""


def _furniture_between(doc: Document, above: Line, below: Line) -> int:
    """The non-blank input lines between two lines, those already dropped included: the block
    under a standfirst stays the head while its lines go one by one."""
    return sum(1 for line in doc.lines[above.number : below.number - 1] if line.original)


def _is_standfirst(doc: Document, first: Line, second: Line) -> bool:
    """Whether the first body paragraph is a standfirst set above the header block (see
    STANDFIRST_GAP)."""
    gap = _furniture_between(doc, first, second)
    return gap > STANDFIRST_GAP or (gap > 0 and not ends_sentence(first.text))


WRAPPED_LINE_WORDS = 5
"""A line of a hard-wrapped paragraph that the paragraph runs on from has at least this many words
(wire feeds and mail archives wrap at 60 to 80 characters: 8 to 14 words)."""


def _wrapped_body(live: list[Line]) -> list[int]:
    """The lines of hard-wrapped body paragraphs, for a document none of whose lines is one alone.

    A paragraph is read as a run of lines, each but the last of at least WRAPPED_LINE_WORDS words
    and not ending a sentence; the run is body when the paragraph it makes would be (at least
    BODY_MIN_WORDS words, ending a sentence). A headline list does not end as a sentence does; a
    menu's lines are too short to run on."""
    body: list[int] = []
    start, words = 0, 0
    for i, line in enumerate(live):
        n = word_count(line.text)
        words += n
        if n >= WRAPPED_LINE_WORDS and not ends_sentence(line.text):
            continue  # the paragraph runs on
        if i > start and words >= BODY_MIN_WORDS and ends_sentence(line.text):
            body.extend(range(start, i + 1))
        start, words = i + 1, 0
    return body


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
        """The regions of the document as it is now (kept until a line is dropped or cut)."""
        cached: tuple[int, Regions] | None = doc.memo.get(Regions)
        if cached is not None and cached[0] == doc.version:
            return cached[1]
        live = doc.live()
        body = [i for i, line in enumerate(live) if is_body(line.text)] or _wrapped_body(live)
        if len(body) > 2 and _is_standfirst(doc, live[body[0]], live[body[1]]):
            body = body[1:]  # a standfirst above the byline block: the block is still the head
        regions = cls(live, body[0], body[-1]) if body else cls(live, len(live), -1)
        doc.memo[Regions] = (doc.version, regions)
        return regions

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

    def wheres(self) -> list[frozenset[str]]:
        """The position names that apply to each live line, in order: IN_HEAD before the first
        body paragraph, IN_FIRST on it when it is not the last, IN_BODY up to the last, IN_LAST on
        it, IN_TAIL after it; IN_BODY for every line of a document without a body (built in runs,
        not asked line by line)."""
        if not self.has_body:
            return [IN_BODY] * len(self.live)
        body = self.last - self.first
        return (
            [IN_HEAD] * self.first
            + ([IN_FIRST] + [IN_BODY] * (body - 1) if body else [])
            + [IN_LAST]
            + [IN_TAIL] * (len(self.live) - self.last - 1)
        )


IN_BODY = frozenset({"any", "above"})
IN_HEAD = frozenset({"any", "head", "edge", "above", "lead"})
IN_FIRST = frozenset({"any", "above", "lead"})
IN_TAIL = frozenset({"any", "tail", "edge", "last"})
IN_LAST = frozenset({"any", "last", "above"})
"""The position names of a line (`Regions.wheres`): in the body (or a document without one), before
it, the first body paragraph when another follows it, after the body, and the last body
paragraph."""
ANYWHERE = frozenset(WHERE)
"""For `Scanner.hits` in a stage that applies its rules wherever the line is."""


OnMatch = Callable[[Line, Rule, re.Match[str]], None]


def candidates(
    doc: Document, ctx: Context, stage: str, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[int, Line, Rule, list[Line]]]:
    """(index, line, rule, live lines) for every kept line and every rule of `stage` allowed at
    that line's position, in line order then pack order; a line dropped meanwhile is skipped.
    Rules whose ids are in `skip` are applied by the stage's own code instead.

    Only the rules that match the line's text as it is at that moment are given (a rule that does
    not match does nothing): when a span rule cut the line, the rules after it are matched again."""
    scanner = ctx.scanner(stage, skip)
    if not scanner.rules:
        return
    regions = Regions.of(doc)
    live = regions.live
    for index, (line, where) in enumerate(zip(live, regions.wheres(), strict=True)):
        if not line.kept:
            continue
        hits = scanner.hits(doc, line.text, where)
        k = 0
        while k < len(hits) and line.kept:
            rule = hits[k]
            k += 1
            text = line.text
            yield index, line, rule, live
            if line.kept and line.text != text:
                hits, k = scanner.hits_after(doc, line.text, where, rule), 0


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
    if not rule.may_match(fold(line.text)):
        return 0
    count = 0
    pos = 0
    while line.kept and count < MAX_CUTS_PER_LINE:
        m = first_span(doc, rule, line.text) if pos == 0 else rule.regex.search(line.text, pos)
        if not m:
            break
        if m.end() == m.start():  # defensive: never loop on an empty match
            if m.end() >= len(line.text):
                break  # `search` clamps a start past the end: it would find it again
            pos = m.end() + 1
            continue
        if on_match:
            on_match(line, rule, m)
        doc.cut(line, m.start(), m.end(), stage, rule.id)
        pos = 0  # a cut can complete an earlier match (promos cut from the end, one by one)
        count += 1
    return count


_SPAN = object()
"""Marks the keys of `first_span` in `Document.memo`."""


def first_span(doc: Document, rule: Rule, text: str) -> re.Match[str] | None:
    """The first match of a span rule in a text, kept per document: the Scanner searches a line
    to know whether the rule fires, `cut_spans` to cut it, and after a cut the Scanner searches
    the rest of the line again for the later rules; each search of a long line is done once."""
    key = (_SPAN, rule.id, text)
    memo = doc.memo
    if key in memo:
        found: re.Match[str] | None = memo[key]
        return found
    found = memo[key] = searcher(rule.regex)(text)
    return found


_LOOKBEHIND_CLASS_RE = re.compile(r"\(\?<=(\[\^?\]?(?:\\.|[^\]\\])*\])\)")
"""A pattern that opens with a lookbehind for one character of a class: `(?<=[.!?"”])`."""
_PATTERN_TOKEN_RE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|]|[^\\()|[]+", re.DOTALL)
"""A pattern's text in tokens: an escape, a character class, a bracket, a bar, other text."""


@cache
def searcher(regex: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """`regex.search`, the same matches found sooner for a pattern that opens with a lookbehind for
    one character of a class (most glued-marker span rules: `(?<=[.!?"”])\\s*...`).

    `re` cannot skip ahead to where such a pattern may start: it tries the lookbehind and what
    follows at every position of a long paragraph. A match may only start right after a character
    of the class, so the same pattern behind that class as a consumed first character
    (`[.!?"”](?=PATTERN)`) lets `re` skip from one such character to the next in C; the match
    itself is then taken at the position found, where the first match starts (`regex.match`: the
    same groups and span). Patterns whose top level is an alternation are searched as they are:
    the lookbehind would hold for the first branch only."""
    pattern = regex.pattern
    head = _GLOBAL_FLAGS_RE.match(pattern)
    body = pattern[head.end() :] if head else pattern
    behind = _LOOKBEHIND_CLASS_RE.match(body)
    if behind is None or regex.flags & re.VERBOSE or _alternation_at_top(body):
        return regex.search
    finder = re.compile(f"{behind.group(1)}(?={body})", regex.flags)

    def search(text: str) -> re.Match[str] | None:
        start = finder.search(text)
        return None if start is None else regex.match(text, start.end())

    return search


def _alternation_at_top(body: str) -> bool:
    """Whether a pattern's text has a `|` outside every group and class."""
    depth = 0
    for token in _PATTERN_TOKEN_RE.findall(body):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "|" and not depth:
            return True
    return False
