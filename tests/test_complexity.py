"""No document takes more than linear time in its length.

Not a speed test (speed is measured in benchmarks/): each case compares the same kind of document
at n and 4n lines (or characters) and asserts the time grows by less than 10x, where linear growth
is 4x and quadratic 16x. Best of three runs, to keep a busy machine from deciding.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from cleaner import Config, Pipeline

PIPELINE = Pipeline(Config(lang="id"))
BODY = "Pemerintah mengumumkan kebijakan baru untuk mengurangi emisi karbon di kota-kota besar tahun ini."

SHAPES: dict[str, Callable[[int], str]] = {
    "short lines": lambda n: "\n".join([BODY, *["Ya."] * n, BODY]),
    "distinct paragraphs": lambda n: "\n".join(f"{BODY} {i}" for i in range(n)),
    "repeated paragraphs": lambda n: "\n".join([BODY] * n),
    "headline and date pairs": lambda n: "\n".join(
        [BODY, *["Judul Berita Lain yang Menarik\n4 Oktober 2024 17:17"] * (n // 2)]
    ),
    "dated headlines": lambda n: "\n".join(
        [BODY, *["Kamis, 05/11/2015 09:25 WIB Ini Dia Tempat Terbasah"] * n]
    ),
    "baca juga markers": lambda n: "\n".join(["Baca Juga"] * n + [BODY]),
    "one long line": lambda n: " ".join([BODY] * n),
    "one line of one letter": lambda n: "a" * (50 * n),
    "glued markers in one line": lambda n: (
        "ADVERTISEMENTSCROLL TO CONTINUE WITH CONTENT. Baca juga: x " * n
    ),
    "brackets and slashes": lambda n: "(ABC/Def ghi) " * (5 * n),
    "dashes and colons": lambda n: "MOSKOW – a: b – c: " * (5 * n),
}


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        PIPELINE.run(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_time_grows_linearly(shape: str) -> None:
    make = SHAPES[shape]
    small, large = _best_time(make(500)), _best_time(make(2000))
    assert large < 10 * max(small, 1e-3), f"{shape}: {small:.4f}s -> {large:.4f}s for 4x the input"
