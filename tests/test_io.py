"""Atomic writes: a new file, a file replaced, a folder made on the first write, either way of
writing (a file with no name then linked, or a temporary file then renamed), nothing left over."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from cleaner import io
from cleaner.errors import InputError

ARTICLE = (
    "MOSKOW – Pemimpin Korea Utara tiba di Rusia pada Selasa untuk bertemu Presiden Putin "
    "dalam kunjungan resmi. Menteri itu menyatakan bahwa café dan résumé tidak dikenai pajak."
)


@pytest.fixture(params=["unnamed", "renamed"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "renamed":
        monkeypatch.setitem(io._UNNAMED, "usable", False)
    return str(request.param)


def test_write_atomic_new_replaced_and_in_a_new_folder(tmp_path: Path, way: str) -> None:
    target = tmp_path / "a" / "b" / "doc.txt"
    io.write_atomic(target, "één\n")
    assert target.read_bytes() == "één\n".encode()
    io.write_atomic(target, "twee\n")
    assert target.read_text(encoding="utf-8") == "twee\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["doc.txt"]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_write_atomic_gives_the_mode_open_would(
    tmp_path: Path, way: str, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0o666 less the umask, as open() gives (mkstemp and O_TMPFILE with 0o600 gave 0o600)."""
    monkeypatch.setattr(io, "_UMASK", [])  # read again, under this umask
    old = os.umask(umask)
    try:
        io.write_atomic(tmp_path / "new.txt", "x")
        (tmp_path / "old.txt").write_text("x", encoding="utf-8")
        io.write_atomic(tmp_path / "old.txt", "y")  # replaced
    finally:
        os.umask(old)
    for name in ("new.txt", "old.txt"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~umask, name


def test_write_atomic_says_why_it_cannot(tmp_path: Path, way: str) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError, match="file"):  # mkdir: a file is in the way
        io.write_atomic(tmp_path / "file" / "doc.txt", "x")


def test_unnamed_writes_are_used_where_the_system_has_them(tmp_path: Path) -> None:
    if not io._UNNAMED["usable"]:
        pytest.skip("no O_TMPFILE or /proc here")
    assert io._write_unnamed(tmp_path / "new.txt", b"x")
    assert not io._write_unnamed(tmp_path / "new.txt", b"y")  # a link cannot replace a file
    assert (tmp_path / "new.txt").read_bytes() == b"x"


def test_write_atomic_over_a_file_writes_its_bytes_once(
    tmp_path: Path, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replacing an output (a rerun into the same folder, `_run.json`) writes the data once, and
    leaves no temporary file beside it."""
    target = tmp_path / "doc.txt"
    target.write_text("old\n", encoding="utf-8")
    written: list[int] = []
    real_write = os.write

    def counting_write(fd: int, data: bytes | memoryview) -> int:
        n = real_write(fd, data)
        written.append(n)
        return n

    monkeypatch.setattr(io.os, "write", counting_write)
    io.write_atomic(target, "new text\n")
    assert sum(written) == len(b"new text\n")
    assert target.read_text(encoding="utf-8") == "new text\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        # The audit's case: a valid en dash (3 bytes) and a stray 0xFF at the end.
        (ARTICLE.encode("utf-8") + b"\xff\n", len(ARTICLE.encode("utf-8"))),
        (b"Awal berita \xe2\x80\x93 lalu \xc3( dan akhir yang cukup panjang.", 21),
        (codecs.BOM_UTF8 + b"Teks dengan BOM lalu \xff byte yang rusak.", 24),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8")[:-3] + b"\xe9", len(ARTICLE.encode("utf-8"))),
    ],
)
def test_broken_utf8_is_an_error_naming_the_file_and_the_byte(data: bytes, offset: int) -> None:
    """Valid UTF-8 sequences beside invalid bytes: broken UTF-8, not a legacy encoding."""
    with pytest.raises(InputError) as caught:
        io.decode(data, "dir/x.txt")
    assert str(caught.value) == f"dir/x.txt: invalid UTF-8 at byte {offset}"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (ARTICLE.replace("–", "-"), "cp1252"),
        (ARTICLE.replace("–", "-"), "latin-1"),
        (
            "Министр заявил, что школьники пришли в школу сегодня утром, очень рано. Всё хорошо.",
            "cp1251",
        ),
        # "Ві" in cp1251 is a well-formed UTF-8 pair; the rest of the text is not UTF-8
        ("Він сказав, що школярі прийшли до школи сьогодні вранці, дуже рано.", "cp1251"),
    ],
)
def test_legacy_single_byte_encodings_are_still_detected(text: str, codec: str) -> None:
    decoded = io.decode(text.encode(codec), "x.txt")
    assert decoded.encoding not in ("utf-8", "utf-8-sig")
    assert decoded.text == text
