"""Dates as news pages write them: a case table."""

from __future__ import annotations

import pytest

from cleaner.dates import DateParser
from cleaner.rules import load_builtin

PARSER = DateParser.from_rules(load_builtin("id"))

CASES = [
    ("12 September 2023", "2023-09-12"),
    ("Selasa, 12 Sep 2023 10:11 WIB", "2023-09-12T10:11+07:00"),
    ("4 Oktober 2024 17:17", "2024-10-04T17:17"),
    ("9 Mei 2024 16:32", "2024-05-09T16:32"),
    ("Jumat, 17 Februari 2017 - 13:30 WIB", "2017-02-17T13:30+07:00"),
    ("Rabu, 1 Agt 2018 | 08.15 WITA", "2018-08-01T08:15+08:00"),
    ("Minggu 10 Desember 2023", "2023-12-10"),
    ("12 September 2023 06:00", "2023-09-12T06:00"),
    ("November 4, 2022", "2022-11-04"),
    ("Friday, November 4, 2022", "2022-11-04"),
    ("February 16, 2016", "2016-02-16"),
    ("22 Nov 2024 04:55 PM", "2024-11-22T16:55"),
    ("Friday, 22 Nov 2024 12:05 AM MYT", "2024-11-22T00:05+08:00"),
    ("Khamis, 22 Ogos 2024", "2024-08-22"),
    ("2023-09-12", "2023-09-12"),
    ("12/09/2023", "2023-09-12"),
    ("Diterbitkan: 12 September 2023", "2023-09-12"),
    ("Updated: 12 September 2023 10:00 GMT", "2023-09-12T10:00+00:00"),
    ("2024-05-11T00:00:00+05:30", "2024-05-11T00:00+05:30"),
    ("2024-05-11T08:30", "2024-05-11T08:30"),
    ("02:21 AM, Thursday, December 12, 2024", "2024-12-12T02:21"),
    ("*02:21 AM, Thursday, December 12, 2024*", "2024-12-12T02:21"),
    ("10.15, Senin, 12 September 2023", "2023-09-12T10:15"),
    ("10:11 12 September 2023 10:11", None),
    ("31 Februari 2023", None),
    ("Selasa (12/9/2023) Kim tiba di Rusia.", None),
    ("12 September", None),
    ("September 2023", None),
    ("Kim Jong-un tiba di Rusia pada 12 September 2023", None),
]


@pytest.mark.parametrize(("text", "iso"), CASES, ids=[c[0] for c in CASES])
def test_parse(text: str, iso: str | None) -> None:
    assert PARSER.parse(text) == iso


SUFFIX_CASES = [
    (
        "- Kepala Dinas Hadiri Ujian Kenaikan Tingkat – Juni 30, 2025",
        ("2025-06-30", "Kepala Dinas Hadiri Ujian Kenaikan Tingkat"),
    ),
    ("Harga Cabai Naik Lagi | 12 September 2023", ("2023-09-12", "Harga Cabai Naik Lagi")),
    ("Jembatan Baru - Diresmikan – Juli 1, 2025", ("2025-07-01", "Jembatan Baru - Diresmikan")),
    # no separator before the date, or no date after the last one: no dated headline
    ("Kim Jong-un tiba di Rusia pada 12 September 2023", None),
    ("Harga Cabai – Naik Lagi", None),
    ("– Juni 30, 2025", None),
]


@pytest.mark.parametrize(("text", "split"), SUFFIX_CASES, ids=[c[0] for c in SUFFIX_CASES])
def test_split_suffix(text: str, split: tuple[str, str] | None) -> None:
    assert PARSER.split_suffix(text) == split
