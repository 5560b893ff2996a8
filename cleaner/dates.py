"""Read publication dates written the way news pages write them, in Indonesian, Malay and English.

    "12 September 2023"                 -> 2023-09-12
    "Selasa, 12 Sep 2023 10:11 WIB"     -> 2023-09-12T10:11+07:00
    "Fajar Nugraha • 12 September 2023 06:00" (the date part) -> 2023-09-12T06:00
    "November 4, 2022" / "4 Okt 2024, 17.17" / "2023-09-12" / "2024-05-11T00:00:00+05:30"
    "02:21 AM, Thursday, December 12, 2024" (the time first) / "*12 September 2023*" (Markdown)

Month names, day names, time zones and label words ("Diterbitkan", "Updated") come from the rule
packs (`[words] months`, `days`, `zones`, `date_labels`), so a new language is a data change. A date
is only ever read from text that is a date (a whole line, or the date part of a byline): this module
never looks for dates inside sentences, so `published` is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from cleaner.rules import RuleSet


def _clock(suffix: str) -> str:
    """A time of day ("10:11", "17.17", "02:21 AM", "00:00:00"), its groups named hh, mm and ampm
    with `suffix` (a date expression may hold a time before and after its date)."""
    return (
        rf"(?P<hh{suffix}>[01]?\d|2[0-3])[:.](?P<mm{suffix}>[0-5]\d)(?::[0-5]\d)?"
        rf"(?:\s*(?P<ampm{suffix}>[AaPp]\.?[Mm]\.?))?"
    )


_SUFFIX_SEPARATOR_RE = re.compile(r"\s+[-–—|]\s+")
"""The dash or bar between a dated headline and its date ("Headline – Juni 30, 2025")."""


@dataclass(frozen=True, slots=True)
class DateParser:
    """Compiled from a RuleSet's word lists; `parse` reads one date expression."""

    months: dict[str, int]
    zones: dict[str, str]
    full: re.Pattern[str]
    """A whole date expression, optionally with day name, label, time and zone."""

    @classmethod
    def from_rules(cls, rules: RuleSet) -> DateParser:
        months = {k: int(v) for k, v in rules.word_map("months").items()}
        zones = {k.upper(): str(v) for k, v in rules.word_map("zones").items()}
        days = sorted(rules.word_set("days"), key=len, reverse=True)
        labels = sorted(rules.word_set("date_labels"), key=len, reverse=True)
        month_alt = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
        day_alt = "|".join(re.escape(d) for d in days) or "(?!)"
        label_alt = "|".join(re.escape(x) for x in labels) or "(?!)"
        zone_alt = "|".join(re.escape(z) for z in sorted(zones, key=len, reverse=True)) or "(?!)"
        time = (
            rf"(?:[,|•·-]\s*|T)?(?:(?:pukul|jam|at)\s+)?{_clock('')}"
            rf"(?:\s*(?P<zone>{zone_alt}|[+-]\d{{2}}:?\d{{2}}))?"
        )
        day_month_year = rf"(?P<d1>[0-3]?\d)\s+(?P<m1>{month_alt})\.?,?\s+(?P<y1>(?:19|20)\d\d)"
        month_day_year = (
            rf"(?P<m2>{month_alt})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"
        )
        numeric = (
            r"(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)"
            r"|(?P<d4>[0-3]?\d)/(?P<m4>[01]?\d)/(?P<y4>(?:19|20)\d\d)"
        )
        # A time may come first too ("02:21 AM, Thursday, December 12, 2024").
        time_first = rf"{_clock('0')}\s*,?\s*"
        full = re.compile(
            rf"(?:(?:{label_alt})\s*:?\s*)?"
            rf"(?:{time_first})?"
            rf"(?:(?:{day_alt})\s*,?\s*)?"
            rf"(?:{day_month_year}|{month_day_year}|{numeric})"
            rf"(?:\s*{time})?"
            rf"\s*(?:\|\s*)?",
            re.IGNORECASE,
        )
        return cls(months=months, zones=zones, full=full)

    def parse(self, text: str) -> str | None:
        """ISO 8601 for a text that is wholly one date expression, else None."""
        m = self.full.fullmatch(text.strip().strip("()[]*_"))
        if not m:
            return None
        return self._iso(m)

    def _iso(self, m: re.Match[str]) -> str | None:
        g = m.groupdict()
        try:
            if g["y1"]:
                day, month, year = int(g["d1"]), self.months[g["m1"].lower()], int(g["y1"])
            elif g["y2"]:
                day, month, year = int(g["d2"]), self.months[g["m2"].lower()], int(g["y2"])
            elif g["y3"]:
                day, month, year = int(g["d3"]), int(g["m3"]), int(g["y3"])
            else:
                day, month, year = int(g["d4"]), int(g["m4"]), int(g["y4"])
            iso = date(year, month, day).isoformat()
        except (KeyError, ValueError):
            return None
        if g["hh"] is not None and g["hh0"] is not None:
            return None  # two times: no one date expression
        hh, mm, ampm = (
            (g["hh"], g["mm"], g["ampm"])
            if g["hh"] is not None
            else (g["hh0"], g["mm0"], g["ampm0"])
        )
        if hh is not None:
            hour = int(hh)
            if ampm:
                if hour > 12:
                    return None  # "13:00 PM" is no time
                hour = hour % 12 + (12 if ampm[0] in "Pp" else 0)
            iso += f"T{hour:02d}:{mm}"
            zone = g["zone"]
            if zone:
                offset = self.zones.get(zone.upper())
                if offset is None:  # a numeric offset: +0700 or +07:00
                    digits = zone.replace(":", "")
                    offset = f"{digits[:3]}:{digits[3:]}"
                iso += offset
        return iso

    def find_timed(self, text: str) -> str | None:
        """ISO 8601 of the first date expression with a time inside `text` (a line of a page's
        visible text, such as "Kamis, 05 Nov 2015 10:08 WIB | Penulis"), else None. Only for
        comparing with a date the page already declares: it never decides `published` alone."""
        for m in self.full.finditer(text):
            if m.group("hh") is not None:
                return self._iso(m)
        return None

    def split_suffix(self, text: str) -> tuple[str, str] | None:
        """(ISO date, rest) for a line that ends with a date expression after a dash or a bar:
        "Kepala BNNK Hadiri Ujian Kenaikan Tingkat – Juni 30, 2025" (a dated headline, its date
        last). The rest keeps a list's bullet off ("- Kepala ..." gives "Kepala ...")."""
        for sep in reversed(list(_SUFFIX_SEPARATOR_RE.finditer(text))):
            m = self.full.fullmatch(text, sep.end())
            if m is None:
                continue
            iso = self._iso(m)
            rest = text[: sep.start()].strip().lstrip("-•·*").strip()
            return (iso, rest) if iso and rest else None
        return None

    def split_prefix(self, text: str) -> tuple[str, str] | None:
        """(ISO date, rest) for a line that starts with a date expression followed by more text:
        "Kamis, 05/11/2015 09:25 WIB Ini Dia Tempat Terbasah di Dunia" (a dated headline)."""
        m = self.full.match(text)
        if not m or m.end() >= len(text):
            return None
        iso = self._iso(m)
        rest = text[m.end() :].strip(" -|•·")
        return (iso, rest) if iso and rest else None


def same_instant(a: str, b: str) -> bool:
    """Whether two ISO times with offsets name the same instant (False when either lacks one)."""
    try:
        first, second = datetime.fromisoformat(a), datetime.fromisoformat(b)
    except ValueError:
        return False
    if first.tzinfo is None or second.tzinfo is None:
        return False
    return first == second
