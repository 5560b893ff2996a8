"""Load, validate and merge the rule packs in `cleaner/rules/*.toml`.

Policy is data: every marker, label and word list a person adding a language or an outlet would
edit lives in a TOML pack, each rule with a stable id and a note saying why it exists. The code of
a stage decides *how* a rule applies (context, neighbours, blocks); the pack says *what* to match.

Packs are layered `common` < language (`id`, `ms`, `en`) < user files given with `--rules`. Word
lists are merged; rules are concatenated. A pack that is malformed (unknown key, a pattern that does
not compile, a duplicate id, a stage that does not exist) fails at load time with a message naming
the file and the rule, before any document is read.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cleaner.errors import RuleError

PACK_DIR = "rules"
LANGUAGES = ("id", "ms", "en")
"""Languages with a rule pack. `common` is always loaded under them."""

CHROME_LANGUAGE = "en"
"""The pack loaded after every other language's own: Indonesian and Malay sites print much of
their chrome in English ("Subscribe to Newsletter", "Like us on Facebook", "Photo: ..."), and the
English rules name chrome, not prose, so they hold in any language's article."""

WHERE = ("any", "head", "tail", "edge", "last", "above", "lead")
"""Where in the document a rule may fire: anywhere, before the first body paragraph, after the
last one, in either of those two (the "edges"), in the tail and the last body paragraph itself
("last": a sign-off glued to the article's last sentence), anywhere but the tail ("above": what
a tail rule of a later stage reads differently there), or in the head and on the first body
paragraph when another follows it ("lead": a caption set above the article, prose-sized, whose
credit under the article would be a sign-off)."""

MATCH = ("line", "span")
"""`line`: the pattern must match the whole line, which is dropped. `span`: the pattern is searched
inside the line and the matched span is cut, the rest of the line stays."""

_RULE_KEYS = {
    "id",
    "stage",
    "pattern",
    "note",
    "where",
    "match",
    "related",
    "next_line_title",
    "needs",
}
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+){2,}$")


_FOLD = str.maketrans({"\u0131": "i", "\u017f": "s", "\u0307": None})
"""What `str.lower` leaves apart from the letter a case-insensitive pattern takes them for: dotless
`ı` and long `ſ` (for `i`, `s`), and the combining dot that `İ` lowers to (`i` + U+0307)."""
_UNFOLDED_RE = re.compile("[\u0131\u017f\u0307]")
"""Any of `_FOLD`'s characters."""


def fold(text: str) -> str:
    """The text the `needs` prefilters are looked for in: lower-cased, and every character that a
    case-insensitive pattern matches as an ASCII letter written as that letter (`İ`, `ı` -> `i`,
    `ſ` -> `s`), so that a need may hold any letter (a test checks every code point)."""
    lowered = text.lower()
    if lowered.isascii() or not _UNFOLDED_RE.search(lowered):
        return lowered  # most text: `translate` walks every character in Python, `search` does not
    return lowered.translate(_FOLD)


def may_contain(needs: tuple[str, ...], lowered: str) -> bool:
    """The `needs` prefilter: True when there are none or `lowered` contains one of them."""
    for need in needs:
        if need in lowered:
            return True
    return not needs


@dataclass(frozen=True, slots=True)
class Rule:
    """One matcher. Named groups in `pattern` carry what it extracts (`title`, `publisher`, ...)."""

    id: str
    stage: str
    regex: re.Pattern[str]
    note: str
    where: str = "any"
    match: str = "line"
    related: str | None = None
    """For cross-promotion rules: the `kind` of the related entry the `title` group becomes."""
    next_line_title: bool = False
    """When the `title` group is empty, the next line is the title (and goes with the marker)."""
    needs: tuple[str, ...] = ()
    """A prefilter for speed: the rule is tried only on lines whose folded text (`fold`: lower-cased)
    contains one of these strings (every match must contain one; a test checks it on every
    fixture)."""
    source: str = ""

    def may_match(self, lowered: str) -> bool:
        return may_contain(self.needs, lowered)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(text)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All rules of the loaded packs, by stage, plus the merged word lists."""

    packs: tuple[str, ...]
    rules: tuple[Rule, ...]
    words: Mapping[str, Any]
    by_stage: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    _memo: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)
    """Word views built once per rule set: stages ask for them on every document."""

    def for_stage(self, stage: str) -> tuple[Rule, ...]:
        return self.by_stage.get(stage, ())

    def word_set(self, name: str) -> frozenset[str]:
        """A word list, lower-cased, as a set."""
        key = ("set", name)
        if key not in self._memo:
            self._memo[key] = frozenset(str(v).lower() for v in self.words.get(name, []))
        result: frozenset[str] = self._memo[key]
        return result

    def word_map(self, name: str) -> Mapping[str, Any]:
        """A word table with lower-cased keys (read-only)."""
        key = ("map", name)
        if key not in self._memo:
            value = self.words.get(name, {})
            table = {str(k).lower(): v for k, v in value.items()} if isinstance(value, dict) else {}
            self._memo[key] = MappingProxyType(table)
        result: Mapping[str, Any] = self._memo[key]
        return result

    def word_index(self, name: str) -> Mapping[str, str]:
        """A word list keyed by its lower-cased form, the value spelled as in the pack."""
        key = ("index", name)
        if key not in self._memo:
            index = {str(v).lower(): str(v) for v in self.words.get(name, [])}
            self._memo[key] = MappingProxyType(index)
        result: Mapping[str, str] = self._memo[key]
        return result

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(rule.id for rule in self.rules)


SITE_PREFIX = "site:"
"""Built-in site packs are named `site:NAME` (cleaner/rules/sites/NAME.toml)."""
DETECT_CHARS = 65536
"""Site detection reads the start of a document: outlets name themselves early or in footers of
short pages, and a bounded read keeps detection linear."""


def _read_pack(name: str) -> tuple[str, dict[str, Any]]:
    """Read a built-in pack (`id`, `site:kompas`) or a user file (a path); (label, parsed TOML)."""
    if not name.startswith(SITE_PREFIX) and (name.endswith(".toml") or "/" in name):
        path = Path(name)
        try:
            return str(path), tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise RuleError(f"{path}: cannot read rule file: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(f"{path}: not valid TOML: {exc}") from exc
    return _read_builtin(name)


@cache
def _read_builtin(name: str) -> tuple[str, dict[str, Any]]:
    """A built-in pack, parsed once per process: every language's rule set reads `common` and
    the date words of every pack (the result is only read, never changed). A user file is read
    each time, so an edited one is seen."""
    if name.startswith(SITE_PREFIX):
        site = name[len(SITE_PREFIX) :]
        resource = resources.files("cleaner").joinpath(PACK_DIR, "sites", f"{site}.toml")
        label = f"cleaner/rules/sites/{site}.toml"
        try:
            return label, tomllib.loads(resource.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise RuleError(f"no site pack named {site!r} (looked for {label})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(f"{label}: not valid TOML: {exc}") from exc
    resource = resources.files("cleaner").joinpath(PACK_DIR, f"{name}.toml")
    label = f"cleaner/rules/{name}.toml"
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RuleError(f"no rule pack named {name!r} (looked for {label})") from exc
    try:
        return label, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{label}: not valid TOML: {exc}") from exc


def _parse_rule(raw: Mapping[str, Any], label: str, stages: Iterable[str]) -> Rule:
    rid = raw.get("id")
    where = f"{label}: rule {rid!r}" if rid else f"{label}: a rule without an id"
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "stage", "pattern", "note"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise RuleError(f"{where}: missing or empty {key!r}")
    if not _ID_RE.match(raw["id"]):
        raise RuleError(f"{where}: id must look like <scope>.<kind>.<name> (lower case)")
    if raw["stage"] not in stages:
        raise RuleError(f"{where}: unknown stage {raw['stage']!r}")
    if raw.get("where", "any") not in WHERE:
        raise RuleError(f"{where}: 'where' must be one of {', '.join(WHERE)}")
    if raw.get("match", "line") not in MATCH:
        raise RuleError(f"{where}: 'match' must be one of {', '.join(MATCH)}")
    try:
        regex = re.compile(raw["pattern"])
    except re.error as exc:
        raise RuleError(f"{where}: pattern does not compile: {exc}") from exc
    if regex.match(""):
        raise RuleError(f"{where}: pattern matches the empty string")
    needs = _needs(raw, where)
    return Rule(
        id=raw["id"],
        stage=raw["stage"],
        regex=regex,
        note=raw["note"].strip(),
        where=raw.get("where", "any"),
        match=raw.get("match", "line"),
        related=raw.get("related"),
        next_line_title=bool(raw.get("next_line_title", False)),
        needs=needs,
        source=label,
    )


def _needs(raw: Mapping[str, Any], where: str) -> tuple[str, ...]:
    needs = raw.get("needs", [])
    if not isinstance(needs, list) or not all(
        isinstance(n, str) and n and n == n.lower() for n in needs
    ):
        raise RuleError(f"{where}: 'needs' must be a list of non-empty lower-case strings")
    return tuple(needs)


def _merge_words(into: dict[str, Any], words: Mapping[str, Any], label: str) -> None:
    for key, value in words.items():
        if isinstance(value, list):
            into.setdefault(key, [])
            if not isinstance(into[key], list):
                raise RuleError(f"{label}: word list {key!r} is a list here and a table elsewhere")
            into[key] = [*into[key], *value]
        elif isinstance(value, dict):
            into.setdefault(key, {})
            if not isinstance(into[key], dict):
                raise RuleError(f"{label}: word table {key!r} is a table here and a list elsewhere")
            into[key] = {**into[key], **value}
        else:
            raise RuleError(f"{label}: [words] {key!r} must be a list or a table")


DATE_WORDS = ("months", "days", "date_labels")
"""Word lists every document gets from every language pack: an Indonesian article may carry an
English date line ("February 16, 2016"), and month names do not conflict across the packs."""


def load_rules(
    packs: Iterable[str], stages: Iterable[str], date_packs: Iterable[str] = ()
) -> RuleSet:
    """Load and validate packs in order; raise RuleError naming the file and rule on any defect.

    `date_packs` contribute only their date words (months, days, date labels).
    """
    stage_names = tuple(stages)
    names = tuple(packs)
    rules: list[Rule] = []
    words: dict[str, Any] = {}
    seen: dict[str, str] = {}
    for name in date_packs:
        if name in names:
            continue
        label, data = _read_pack(name)
        dates = {k: v for k, v in data.get("words", {}).items() if k in DATE_WORDS}
        _merge_words(words, dates, label)
    for name in names:
        label, data = _read_pack(name)
        unknown = set(data) - {"pack", "words", "rule"}
        if unknown:
            raise RuleError(f"{label}: unknown table(s) {', '.join(sorted(unknown))}")
        extra = set(data.get("pack", {})) - {"name", "description", "detect", "needs"}
        if extra:
            raise RuleError(f"{label}: unknown [pack] key(s) {', '.join(sorted(extra))}")
        _merge_words(words, data.get("words", {}), label)
        for raw in data.get("rule", []):
            rule = _parse_rule(raw, label, stage_names)
            if rule.id in seen:
                raise RuleError(
                    f"{label}: rule {rule.id!r}: duplicate id (also in {seen[rule.id]})"
                )
            seen[rule.id] = label
            rules.append(rule)
    by_stage: dict[str, list[Rule]] = {}
    for rule in rules:
        by_stage.setdefault(rule.stage, []).append(rule)
    return RuleSet(
        packs=names,
        rules=tuple(rules),
        words=words,
        by_stage={k: tuple(v) for k, v in by_stage.items()},
    )


@cache
def load_builtin(
    language: str, extra: tuple[str, ...] = (), sites: tuple[str, ...] = ()
) -> RuleSet:
    """The packs for one language (common + all languages' dates + that language + the English
    chrome rules), the site packs named, then the user's packs; cached."""
    from cleaner.stages import STAGES

    if language not in LANGUAGES:
        raise RuleError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")
    chrome = (CHROME_LANGUAGE,) if language != CHROME_LANGUAGE else ()
    packs = ("common", language, *chrome, *(SITE_PREFIX + s for s in sites), *extra)
    return load_rules(packs, STAGES, date_packs=LANGUAGES)


@cache
def site_packs() -> tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]:
    """(site name, detect pattern, its `needs` prefilter) of every built-in site pack, in name
    order."""
    folder = resources.files("cleaner").joinpath(PACK_DIR, "sites")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        site = entry.name[: -len(".toml")]
        label, data = _read_pack(SITE_PREFIX + site)
        pack = data.get("pack", {})
        detect = pack.get("detect")
        if not isinstance(detect, str) or not detect:
            raise RuleError(f"{label}: a site pack needs [pack] detect (a regex)")
        try:
            found.append((site, re.compile(detect), _needs(pack, f"{label}: [pack]")))
        except re.error as exc:
            raise RuleError(f"{label}: [pack] detect does not compile: {exc}") from exc
    return tuple(found)


def detect_sites(text: str, *hints: str) -> tuple[str, ...]:
    """The site packs whose `detect` pattern matches the start of the text or a hint (the folder,
    the URL). A pack's `needs`, like a rule's, skip the texts that hold none of them."""
    head = text[:DETECT_CHARS]
    lowered = fold(head)
    named = [(h, fold(h)) for h in hints if h]
    return tuple(
        site
        for site, pattern, needs in site_packs()
        if (may_contain(needs, lowered) and pattern.search(head))
        or any(may_contain(needs, low) and pattern.search(h) for h, low in named)
    )


def pack_rule_ids() -> frozenset[str]:
    """Every rule id of every built-in pack: languages and sites."""
    sites = tuple(site for site, _, _ in site_packs())
    return frozenset().union(*(load_builtin(lang, (), sites).ids for lang in LANGUAGES))


def all_rule_ids() -> frozenset[str]:
    """Every rule id a sidecar may record, and the config's `disable` may name: the packs' and
    the HTML structure's (`cleaner.html.RULES`: code, not regexes, as they judge elements)."""
    from cleaner.html import RULES as HTML_RULES  # html.py reads the packs' languages from here

    return pack_rule_ids() | frozenset(HTML_RULES)
