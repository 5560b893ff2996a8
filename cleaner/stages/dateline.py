"""Cut the dateline that opens the first body paragraph; record its place and outlet.

    MOSKOW – Pemimpin Korea Utara ...           place Moskow
    Seoul (ANTARA) - Pemimpin ...               place Seoul, outlet ANTARA (an agency too)
    TRIBUNNEWS.COM, SEOUL – Pemimpin ...        place Seoul, outlet TRIBUNNEWS.COM
    Moskow: Kim Jong-un dilaporkan ...          place Moskow

Runs after bylines and figures, so the first prose line left is the article's first paragraph,
and before the header stage, which needs to know where the body starts.

The pack rule (`stage = "cut_dateline"`) gives the shape: a short prefix, a separator (`-`,
`--`, `---`, `–`, `—`, `:`), then the sentence. The code checks the prefix part by part: each
comma-separated part must be an outlet (a domain such as `KOMPAS.com`, a name in `[words]
outlets`, or a bracketed name) or a place (one to four capitalised words, not a label from
`[words] not_places`), a bracket alone may be the whole prefix ("(May 14):", "(Bernama) -"), and
the rest of the line must still be a paragraph. Only the first paragraph is tried, and the second
when the prefix names an outlet by its domain or a wire agency (a summary box may sit above it).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from cleaner.document import Dateline, Document, Line
from cleaner.rules import Rule
from cleaner.stages.base import Context
from cleaner.text import BODY_MIN_WORDS, YEAR_RE, is_body, title_case_caps, word_count, words

STAGE = "cut_dateline"
TEASER_RULE = "common.dateline.outlet_teaser"
CODE_RULES = frozenset({TEASER_RULE})
"""The rules this stage applies by its own code (`_drop_teasers`), not tried as a dateline's shape."""
DATELINE_MAX_PARAGRAPHS = 2
"""The dateline opens the first body paragraph; the second is tried too, for a summary box or a
lead-in above it ("Jadi Intinya: ..." over "BERINTI.ID, Gorontalo - ..."), but there only an
outlet's domain or a wire agency in the prefix counts ("Jakarta - " opening a later paragraph
may be a subheading run into it)."""
PLACE_MAX_WORDS = 4
"""Place names in datelines: "Moskow", "Padang Sidempuan", "Kota Bandung", "Los Angeles"."""
COLON_MAX_WORDS = 3
"""A colon dateline is a bare place: one capitalised word ("Moskow:") or a place in capitals
("LOS ANGELES:"). Two capitalised words before a colon are usually a speaker ("Sri Mulyani: ...")."""

_DOMAIN_RE = re.compile(
    r"^(?:[\w-]+|[A-Z][\w-]*(?: [A-Z][\w-]*){1,2})(?:\.[\w-]+)*\.(?i:com|co|id|net|org|tv|news|my|sg|in)$"
)
"""An outlet's domain, its name written with spaces too ("MEDIA PERISAI.COM"): each word capitalised."""
_PART_SEPARATOR_RE = re.compile(r"[,|]|(?<!\d)/(?!\d)")
"""Parts of a prefix are apart by commas, by a bar ("portalmerah.id | Kediri -"), or by a slash
between places ("ISLAMABAD/DG KHAN/ OKARA:")."""
_DOMAIN_STOP_RE = re.compile(r"(\.(?:com|co|id|net|org|news))\.\s", re.I)
"""A domain closed by a full stop before the next part ("PAPUADALAMBERITA.COM. FAKFAK -")."""
_SLASHED = r"[^\W\d_][\w -]{0,38}\w"
"""The outlet a wire writes between slashes ("/TASS/"), slashes aside."""
_BRACKET_RE = re.compile(rf"\s*(?:\((?P<outlet>[^()]{{2,40}})\)|/(?P<slashed>{_SLASHED})/)\s*$")
"""The outlet closing a prefix: in brackets ("(ANTARA)"), or between slashes as wires and
release services write it ("MOSCOW, January 21. /TASS/.", "NEW YORK, Jan. 5, 2024 /PRNewswire/
--")."""
_DATE_STOP_RE = re.compile(r"(?<=\d)\.$")
"""A full stop after a date's figure, before the outlet ("January 21. /TASS/")."""
_DAY_MONTH_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9}\.?),?(?: (?:19|20)\d\d)?$")
_MONTH_DAY_RE = re.compile(r"^([A-Za-z]{3,9}\.?) (\d{1,2})$")
_NUMERIC_DATE_RE = re.compile(r"^\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*(?:\d\d){1,2})?$")
"""A day and month in figures, as Indonesian datelines bracket them: "Jumat (21/05)", "(3/2/2024)"."""
_PLACE_DATE_RE = re.compile(r"^(?P<place>[^\d]+?) \d{1,2} (?P<month>[A-Za-z]{3,9}\.?)$")
"""A Malaysian wire dateline writes the date after the place with no comma: "KUALA LUMPUR 6 Mei -"."""
GLUED_PLACE_MIN_LETTERS = 4
"""A place glued to an en or em dash ("CIBINONG–Pemerintah ...") must be in capitals and this long:
shorter capitals glued to a dash are acronyms ("RI–Malaysia")."""
_DASHES = ("-", "–", "—", "--", "---")
_UPDATE_MARKS = frozenset({"update", "updated", "updates", "breaking", "live", "diperbarui"})
"""Marks a site brackets after the place of a revised story ("MANILA (UPDATED) -"): no outlet."""
_PLACE_WORD_RE = re.compile(r"^(?:[A-Z][\w'.-]*|[a-z]{1,3})$")


def cut_dateline(doc: Document, ctx: Context) -> None:
    """Find the dateline of the first body paragraph, record it, and cut it (unless kept)."""
    rules = ctx.rules_for(STAGE, CODE_RULES)
    if not rules:
        return
    lists = _WordLists.of(ctx)
    live = doc.live()
    paragraphs = 0  # body paragraphs passed
    for index, line in enumerate(live):
        for rule in rules:
            m = rule.regex.match(line.text)
            if not m:
                continue
            rest = line.text[m.end() :]
            alone = not rest.strip()
            if alone:
                # A dateline alone on its line ("Jakarta(harianSIB.com)"): the first paragraph
                # must follow it.
                if index + 1 == len(live) or not is_body(live[index + 1].text):
                    continue
            elif (
                not is_body(rest)
                and not is_body(line.text)
                and not _lead_without_stop(rest, live, index)
            ):
                continue
            parsed = _parse_parts(
                m.group("parts"),
                m.group("sep"),
                lists,
                # "LAGOS. -As the ...": a hyphen with a space before it joins no compound word.
                glued=not m.group("gap") and not line.text[: m.start("sep")][-1:].isspace(),
                # With no separator, or alone on its line, a bracket may be a sentence's own
                # ("Presiden Joko Widodo (Jokowi) mengatakan ..."): only a domain or a wire
                # agency there is an outlet.
                named_bracket=alone or not m.group("sep"),
            )
            if parsed is None:
                continue
            place, outlet = parsed
            if alone and outlet is None:
                continue  # a place alone on a line is a heading or a caption's, not a dateline
            if paragraphs and not _named_outlet(outlet, lists):
                continue  # under a first paragraph only an outlet's domain or a wire says dateline
            end = m.end()
            dated = _DATE_AFTER_RE.match(line.text, end)
            date_after = ctx.dates.parse(dated["date"]) if dated else None
            if dated and date_after:
                end = dated.end()  # "CAIRO – 9 November 2020: Egypt's ...": the date is the line's
            # Markdown emphasis is the page's markup, not the dateline's words ("**Singapore, 22
            # October 2023** –")
            text = " ".join(line.text[m.start() : end].replace("*", "").split())
            known = doc.meta.dateline
            if known is None:
                doc.meta.dateline = Dateline(text=text, place=place, outlet=outlet)
            elif known.place is None and place is not None:
                # A second prefix after the first was cut ("RADARINDO.co.id – Medan : ..."): one
                # dateline, its outlet from the first and its place from the second.
                doc.meta.dateline = Dateline(
                    text=f"{known.text} {text}", place=place, outlet=known.outlet or outlet
                )
            published = _dateline_date(m.group("parts"), ctx) or date_after
            if published:
                doc.meta.set_once("published", published)
            if outlet:
                doc.meta.set_once("publisher", outlet)
                agencies = lists.agencies
                agency = agencies.get(outlet.lower()) or agencies.get(outlet.split()[0].lower())
                if agency:
                    doc.meta.add(doc.meta.agencies, agency)
            if not ctx.config.keep_dateline:
                if alone:
                    doc.drop(line, STAGE, rule.id)
                else:
                    doc.cut(line, 0, end, STAGE, rule.id)
            if outlet and _DOMAIN_RE.match(outlet):
                _drop_teasers(doc, ctx, rule, lists, outlet, live[index + 1 :])
            return
        if is_body(line.text):
            paragraphs += 1
            if paragraphs == DATELINE_MAX_PARAGRAPHS:
                return  # only the first paragraphs carry a dateline


def _drop_teasers(
    doc: Document, ctx: Context, rule: Rule, lists: _WordLists, outlet: str, after: list[Line]
) -> None:
    """Lines under the lead that open with the same outlet's dateline and end with an ellipsis:
    the opening words of the outlet's other stories, a list the page prints under the article
    ("Analisaaceh.com, Blangpidie | Antrean panjang kendaraan ... di sejumlah Stasiun…")."""
    teaser = ctx.rule(STAGE, TEASER_RULE)
    if teaser is None:
        return
    for line in after:
        m = rule.regex.match(line.text)
        if not (line.kept and m and teaser.fullmatch(line.text)):
            continue
        parsed = _parse_parts(
            m.group("parts"), m.group("sep"), lists, glued=False, named_bracket=False
        )
        if parsed is not None and (parsed[1] or "").casefold() == outlet.casefold():
            doc.drop(line, STAGE, teaser.id)


def _named_outlet(outlet: str | None, lists: _WordLists) -> bool:
    """Whether a dateline's outlet is an outlet by its name alone: a domain ("BERINTI.ID") or a
    wire agency of the packs."""
    return outlet is not None and bool(_DOMAIN_RE.match(outlet) or outlet.lower() in lists.agencies)


def _dateline_date(parts: str, ctx: Context) -> str | None:
    """The date a dateline carries, when it is a whole date with its year ("Mojokerto, Selasa (26
    Maret 2019) -", "DHAKA, Jan 12, 2024 (BSS) -"): the article's own date line, so `published`
    (fixtures/README.md). A day and month alone ("12 Mac", "12/3") say no year and give none."""
    if not YEAR_RE.search(parts):
        return None
    pieces = [p.strip() for p in _DATE_PIECES_RE.split(parts) if p.strip()]
    for candidate in (*pieces, *(f"{a}, {b}" for a, b in itertools.pairwise(pieces))):
        found = ctx.dates.parse(candidate)
        if found:
            return found
    return None


_DATE_PIECES_RE = re.compile(rf"[,|()]|/{_SLASHED}/")
_DATE_AFTER_RE = re.compile(
    r"(?P<date>\d{1,2} [A-Za-z]{3,9}\.?,? (?:19|20)\d\d|[A-Za-z]{3,9}\.? \d{1,2}, (?:19|20)\d\d)"
    r"\s*(?::|--|–|—|-)\s+(?=[\"“]?[A-Z])"
)
"""A whole date with its own separator right after the dateline's ("CAIRO – 9 November 2020:
Egypt's ..."): part of the dateline, and the article's date."""
_PLACE_STOP_RE = re.compile(r"(?<=[^\W\d_]{3})\.$")
"""A full stop after a place's last word, before the dash ("LAGOS. -"); an abbreviation's ("D.C.",
"St.") is the word's own."""


def _lead_without_stop(rest: str, live: list[Line], index: int) -> bool:
    """Whether the text after a prefix is a lead paragraph that lost its full stop ("Harian Tinta -
    Situasi politik ... masih terus menimbulkan kejutan"): a sentence's length, with the body
    going on in the next line. (A headline under a site's name is shorter, and is dropped as the
    title with or without its prefix.)"""
    return (
        word_count(rest) >= BODY_MIN_WORDS
        and index + 1 < len(live)
        and is_body(live[index + 1].text)
    )


@dataclass(frozen=True, slots=True)
class _WordLists:
    """The packs' word lists a dateline's parts are judged by."""

    outlets: frozenset[str]
    outlet_heads: frozenset[str]
    agencies: Mapping[str, str]
    not_places: frozenset[str]
    months: Collection[str]
    days: frozenset[str]

    @classmethod
    def of(cls, ctx: Context) -> _WordLists:
        rules = ctx.rules
        return cls(
            outlets=rules.word_set("outlets"),
            outlet_heads=rules.word_set("outlet_heads"),
            agencies=rules.word_index("agencies"),
            not_places=rules.word_set("not_places"),
            months=rules.word_map("months").keys(),
            days=rules.word_set("days"),
        )


def _parse_parts(
    parts: str,
    sep: str,
    lists: _WordLists,
    *,
    glued: bool = False,
    named_bracket: bool = False,
) -> tuple[str | None, str | None] | None:
    """(place, outlet) when every part of the prefix is one or the other (a date part, a day's
    name, is passed over), else None. `glued`: no space between the separator and the text.
    `named_bracket`: a bracketed outlet must be a domain or a wire agency of the packs."""
    months = lists.months
    dated = False
    place: str | None = None
    raw_place = ""
    outlet: str | None = None
    parts = parts.rstrip(",")  # "Cirebon,- Kantor ...": a comma left before the dash
    parts = _PLACE_STOP_RE.sub("", parts)  # "LAGOS. -": a full stop left before the dash
    parts = _DOMAIN_STOP_RE.sub(r"\1,", parts)  # "PAPUADALAMBERITA.COM. FAKFAK": two parts
    bracket = _BRACKET_RE.search(parts)
    if bracket:
        inside = (bracket.group("outlet") or bracket.group("slashed")).strip()
        # "KUCHING (May 11):", "Jakarta, Jumat (21/05) -" bracket a date, "MANILA (UPDATED) -" an
        # update mark: no outlet
        if (
            inside.lower() not in _UPDATE_MARKS
            and not _is_date_part(inside, months)
            and not _NUMERIC_DATE_RE.match(inside)
        ):
            outlet = inside
            if named_bracket and not _named_outlet(inside, lists):
                return None
        # "Solo, (SOLOPOS.COM) -": a comma may be left before the bracket
        parts = _DATE_STOP_RE.sub("", parts[: bracket.start()].rstrip()).rstrip(",")
        if not parts.strip():
            return None, outlet  # the bracket is the whole prefix: "(May 14):", "(Bernama) -"
    for part in (p.strip() for p in _PART_SEPARATOR_RE.split(parts)):
        if not part:
            return None
        if _is_date_part(part, months):
            dated = True
            continue  # "PUTRAJAYA, 12 Mac (Bernama) --", "TOKYO, June 6, 2010 (AFP) -": a date
        if YEAR_RE.fullmatch(part) or part.lower() in lists.days or _NUMERIC_DATE_RE.match(part):
            continue  # "TOKYO, June 6, 2010 (AFP) -", "Jakarta, Jumat (21/05) -", "Jakarta, 12/3 (ANTARA) -"
        place_date = _PLACE_DATE_RE.match(part)
        if place_date and _is_month(place_date["month"], months):
            part = place_date["place"]  # "KUALA LUMPUR 6 Mei": the place, then its date
        if (
            _DOMAIN_RE.match(part)
            or part.lower() in lists.outlets
            or (" " in part and part.split(" ", 1)[0].lower() in lists.outlet_heads)
        ):
            if outlet is None:
                outlet = part
            continue
        tokens = part.split(" ")
        if (
            len(tokens) > PLACE_MAX_WORDS
            or not all(_PLACE_WORD_RE.match(t) for t in tokens)
            or not tokens[0][:1].isupper()
            or part.lower() in lists.not_places
            or tokens[0].lower() in lists.not_places
            or any(ch.isdigit() for ch in part)
        ):
            return None
        if place is None:
            place, raw_place = title_case_caps(part), part
    if place is None and outlet is None:
        # A date alone before a dash ("9th MAY 2022 – The ...", "18 Ogos - Lebih ..."): a dateline
        # with neither place nor outlet. Before a colon a date is a heading's ("12 Mei: ...").
        return (None, None) if dated and sep in _DASHES else None
    if glued and outlet is None:
        # Only an outlet's dateline may be glued to the text ("KOMPAS.com -Ada"), or a place in
        # capitals before a dash that is no hyphen: en, em or doubled ("CIBINONG–Pemerintah",
        # "IPOH, Malaysia--The").
        letters = sum(ch.isalpha() for ch in raw_place)
        if (
            sep not in ("–", "—", "--", "---")
            or not raw_place.isupper()
            or letters < GLUED_PLACE_MIN_LETTERS
        ):
            return None
    if sep == ":":
        # "JAKARTA (Lampungpro.co):" names its outlet by its domain, "ISLAMABAD, Jan 12 (APP):" by a
        # wire agency, after a place in capitals; another outlet before a colon is a speaker or a
        # label ("Jokowi (Presiden): ...").
        named_outlet = (
            outlet is not None
            and ("." in outlet or outlet.lower() in lists.agencies)
            and raw_place.isupper()
        )
        if (outlet is not None and not named_outlet) or place is None:
            return None
        if len(words(place)) > COLON_MAX_WORDS:
            return None
        if len(words(place)) > 1 and not raw_place.isupper():
            return None
    return place, outlet


def _is_date_part(part: str, months: Collection[str]) -> bool:
    """Whether a dateline part is a day and month ("12 Mac", "June 6")."""
    day_month = _DAY_MONTH_RE.match(part)
    month_day = _MONTH_DAY_RE.match(part)
    return bool(
        (day_month and _is_month(day_month.group(2), months))
        or (month_day and _is_month(month_day.group(1), months))
    )


def _is_month(word: str, months: Collection[str]) -> bool:
    """Whether `word` is a month name of the pack (full or abbreviated, with or without a dot)."""
    return word.lower().rstrip(".") in months
