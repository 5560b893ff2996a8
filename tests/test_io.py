"""Atomic writes: a new file, a file replaced, a folder made on the first write, either way of
writing (a file with no name then linked, or a temporary file then renamed), nothing left over."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from cleaner import io


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
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # as tempfile.mkstemp makes them


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
