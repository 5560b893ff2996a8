"""Reading inputs and writing outputs: decoding, finding files, atomic writes.

Inputs are never modified. Every output file is written whole before it gets its name (a file
with no name then linked, or a temporary file then renamed), so a reader never sees half a file,
and gets the mode a file made by open() would (0o666 less the umask).
"""

from __future__ import annotations

import codecs
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner.errors import InputError

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024
"""Inputs larger than this are refused (a news article is kilobytes; this is a dump or a mistake)."""
BINARY_CONTROL_SHARE = 0.05
"""A decoded text with more than this share of control characters is binary, not an article."""
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")
"""The control characters below 32 but tab, line feed, vertical tab, form feed, carriage return."""
_UTF8_MULTIBYTE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
"""A well-formed UTF-8 sequence of two to four bytes. A text in a single-byte encoding (cp1252,
latin-1, cp1251) is almost never one: a letter above 127 followed by the right number of bytes
from 0x80-0xBF. Bytes that hold one and fail to decode as UTF-8 are UTF-8 that was broken (cut,
mixed with another encoding), which a detector would decode as some other encoding, all garbled.
"Almost never" is not never: a few Cyrillic words in cp1251 ("Він") hold one (BROKEN_UTF8_RATIO)."""
BROKEN_UTF8_RATIO = 4
"""Bytes that fail to decode as UTF-8 are broken UTF-8 when they hold at most this many invalid
bytes for each well-formed multi-byte sequence. Broken UTF-8 (a cut, a stray byte) has a handful of
invalid bytes; a single-byte encoding of a non-Latin script (cp1251) has one per letter and only a
rare accidental well-formed pair, tens of invalid bytes for each."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    data: bytes


def decode(data: bytes, name: str) -> Decoded:
    """Decode bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the detected encoding.

    Invalid UTF-8 after a UTF-8 BOM, or beside valid UTF-8 multi-byte sequences, is an error
    naming the byte: the detector would take the file for another encoding and garble it all."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-8 at byte {exc.start + 3}") from exc
        return Decoded(_checked(text, name), "utf-8-sig", data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(_checked(data.decode("utf-16"), name), "utf-16", data)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 at byte {exc.start}") from exc
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (NUL bytes), not text")
    try:
        return Decoded(_checked(data.decode("utf-8"), name), "utf-8", data)
    except UnicodeDecodeError as exc:
        if _broken_utf8(data):
            raise InputError(f"{name}: invalid UTF-8 at byte {exc.start}") from exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not text in any encoding that could be detected")
    return Decoded(_checked(str(best), name), str(best.encoding), data)


def _broken_utf8(data: bytes) -> bool:
    """Whether bytes that fail to decode as UTF-8 are UTF-8 nonetheless, broken (see
    BROKEN_UTF8_RATIO; a U+FFFD written in the text is a well-formed sequence, not an invalid byte)."""
    valid = len(_UTF8_MULTIBYTE_RE.findall(data))
    if not valid:
        return False
    invalid = data.decode("utf-8", "replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return invalid <= BROKEN_UTF8_RATIO * valid


def _checked(text: str, name: str) -> str:
    sample = text[:65536]
    controls = len(_CONTROL_RE.findall(sample))
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        raise InputError(f"{name}: binary file (control characters), not text")
    return text


def read_input(path: Path, *, max_bytes: int = MAX_BYTES) -> Decoded:
    """Read and decode one input file; InputError (one line, naming the file) on any failure."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is over the limit of {max_bytes} (--max-bytes)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return decode(data, str(path))


def find_inputs(
    root: Path,
    extra_suffixes: tuple[str, ...] = (),
    on_error: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[Path, Path]]:
    """(file, path relative to the argument) for a file, or every input file under a folder,
    recursively, in a stable (sorted) order. Symlinked folders are not followed (no loops).
    Files and folders whose names start with '.' are hidden and skipped (.git, editors' and our
    own temporary files); every other name is an input.

    A folder that cannot be listed (no permission) goes to `on_error` as (the folder, a one-line
    error naming it), before any file: os.walk would otherwise skip it, and its files, silently."""
    if root.is_file():
        yield root, Path(root.name)
        return

    def walk_error(exc: OSError) -> None:
        if on_error is not None:
            where = str(exc.filename if exc.filename is not None else root)
            on_error(where, f"{where}: cannot read folder: {exc.strerror or exc}")

    suffixes = INPUT_SUFFIXES + extra_suffixes
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=walk_error, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in filenames:
            if filename.lower().endswith(suffixes) and not filename.startswith("."):
                found.append(Path(dirpath) / filename)
    for path in sorted(found, key=lambda p: p.relative_to(root).as_posix()):
        yield path, path.relative_to(root)


def write_error(path: object, exc: OSError) -> str:
    """How a failed write is told, wherever it fails: "cannot write PATH: why"."""
    return f"cannot write {path}: {exc.strerror or exc}"


def write_atomic(path: Path, text: str) -> None:
    """Write text (UTF-8) to `path` so that no reader sees half of it: as a file with no name
    that is then given its name (where the system can, see `_write_unnamed`), else through a
    temporary file and a rename."""
    data = text.encode("utf-8")
    if _write_unnamed(path, data, replace=True):
        return
    try:
        fd, tmp = _temporary(path)
    except (FileNotFoundError, NotADirectoryError):
        # The folder is made on the first write into it (asking on every write costs a system
        # call per file); where it cannot be made, mkdir says why.
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temporary(path)
    try:
        try:
            os.fchmod(fd, _file_mode())  # mkstemp makes it 0o600, whatever the umask
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


_UMASK: list[int] = []
"""The process's umask, read on the first write: os.umask reads it only by setting it, which is
not to be done per file (nor at import, in a process that may never write)."""


def _file_mode() -> int:
    """The mode open() gives a new file: 0o666 less the umask."""
    if not _UMASK:
        umask = os.umask(0o077)
        os.umask(umask)
        _UMASK.append(umask)
    return 0o666 & ~_UMASK[0]


def _temporary(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


_UNNAMED = {"usable": hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")}
"""Whether `_write_unnamed` is worth trying in this process (off after it could not be done)."""
_ROOT_FD: list[int] = []
"""A directory descriptor for `os.link` (any will do: the source path is absolute). Passing one
makes Python call linkat with AT_SYMLINK_FOLLOW, which names the file /proc/self/fd/N points to."""


def _link_over(fd: int, path: Path) -> bool:
    """Give the unnamed file `fd` a temporary name beside `path`, then rename it over `path`.
    False, leaving nothing behind, when the temporary name cannot be made."""
    tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        os.link(f"/proc/self/fd/{fd}", tmp, src_dir_fd=_ROOT_FD[0])
    except OSError:
        return False
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return True


def _write_unnamed(path: Path, data: bytes, *, replace: bool = False) -> bool:
    """Write `data` to a new file without a name in `path`'s folder (Linux's O_TMPFILE), then
    link it at `path`. The file appears whole or not at all, and a process killed while writing
    leaves nothing behind. It costs a third less than a named temporary file and a rename, which
    add and remove a folder entry for every output (benchmarks/README.md).

    When `path` exists a link cannot replace it: with `replace`, the written file is linked at a
    temporary name beside it (".NAME.XXXXXXXX.tmp", as the other way names its own) and renamed
    over it, so the bytes are not written a second time; without, False and `path` unchanged.
    False also when the folder does not exist yet, or when the system or file system cannot do
    it: the caller then writes a temporary file and renames it."""
    if not _UNNAMED["usable"]:
        return False
    try:
        # The kernel takes the umask off 0o666, as for open(): the mode of a file made by open().
        fd = os.open(path.parent, os.O_TMPFILE | os.O_WRONLY, 0o666)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:  # no O_TMPFILE on this file system
        _UNNAMED["usable"] = False
        return False
    try:
        _write_all(fd, data)
        if not _ROOT_FD:
            _ROOT_FD.append(os.open("/", os.O_RDONLY | os.O_DIRECTORY))
        os.link(f"/proc/self/fd/{fd}", path, src_dir_fd=_ROOT_FD[0])
    except FileExistsError:
        return replace and _link_over(fd, path)
    except OSError:
        # A failed link (no /proc, a file system without it): the other way says what is wrong,
        # if anything is.
        _UNNAMED["usable"] = False
        return False
    finally:
        os.close(fd)
    return True
