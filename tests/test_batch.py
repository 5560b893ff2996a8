"""Batch cleaning: workers, JSONL, resume after kill -9, hostile ids, errors that name the input."""

from __future__ import annotations

import errno
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleaner.batch import safe_key
from cleaner.cli import main
from tests.helpers import EVAL_DIR, SEEDS_DIR

runner = CliRunner()


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "_run.json"
    }


def _corpus(tmp_path: Path, copies: int = 1) -> Path:
    """A folder of the seeds and the annotated text articles, in sub-folders."""
    src = tmp_path / "src"
    for i in range(copies):
        for path in [*SEEDS_DIR.glob("*.txt"), *EVAL_DIR.glob("*/*/input.txt")]:
            name = path.name if path.parent == SEEDS_DIR else f"{path.parent.name}.txt"
            target = src / f"part{i}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return src


def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    assert (
        runner.invoke(main, ["clean", str(src), "-o", str(one), "--jobs", "1", "-q"]).exit_code == 0
    )
    assert (
        runner.invoke(main, ["clean", str(src), "-o", str(two), "--jobs", "2", "-q"]).exit_code == 0
    )
    assert _tree(one) == _tree(two)
    assert len([k for k in _tree(one) if k.endswith(".txt")]) == 283


def test_jsonl_input_with_bad_lines(tmp_path: Path) -> None:
    seed = (SEEDS_DIR / "002_a749a76889ea1f7c.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "a1", "text": seed, "url": "https://example.org/a1"}),
        "this is not json",
        json.dumps({"id": "a2", "body": seed}),
        json.dumps({"id": "../../etc/passwd", "text": seed}),
        json.dumps({"id": "/abs/path", "text": seed}),
        json.dumps({"id": "nul\u0000id", "text": seed}),
        json.dumps({"id": "x" * 500, "text": seed}),
        json.dumps({"text": seed}),
    ]
    src = tmp_path / "src"
    src.mkdir()
    with gzip.open(src / "dump.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    out = tmp_path / "out"
    result = runner.invoke(main, ["clean", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 1
    errors = [
        json.loads(x) for x in (out / "_errors.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [e["input"].rsplit(":", 1)[1] for e in errors] == ["2", "3"]
    assert "not JSON" in errors[0]["error"]
    assert "no text under key 'text'" in errors[1]["error"]
    written = sorted(p for p in out.rglob("*.txt"))
    assert len(written) == 6
    for path in written:
        assert out.resolve() in path.resolve().parents  # nothing escapes OUT
        assert len(path.name) <= 110
    sidecar = json.loads((out / "dump" / "a1.json").read_text(encoding="utf-8"))
    assert sidecar["id"] == "a1"
    run = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert run["bytes_in"] == 6 * len(seed.encode("utf-8"))  # the texts of the lines cleaned
    assert sidecar["source"]["path"].endswith("dump.jsonl.gz:1")


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("a1", "a1"),
        ("../../etc/passwd", None),
        ("/abs", None),
        ("a\x00b", None),
        ("é-1.txt", "é-1.txt"),
    ],
)
def test_safe_key(raw: str, safe: str | None) -> None:
    key = safe_key(raw)
    if safe is not None:
        assert key == safe
    assert "/" not in key
    assert "\x00" not in key
    assert not key.startswith(".")
    assert len(key) <= 100


def test_resume_skips_complete_documents(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    out = tmp_path / "out"
    assert runner.invoke(main, ["clean", str(src), "-o", str(out), "-q"]).exit_code == 0
    before = _tree(out)
    victim = next(p for p in sorted(out.rglob("*.json")) if not p.name.startswith("_"))
    victim.unlink()
    result = runner.invoke(main, ["clean", str(src), "-o", str(out), "--resume"])
    assert result.exit_code == 0
    assert "cleaned 1 document, 282 already done" in result.stderr
    assert _tree(out) == before


def test_resume_redoes_documents_with_a_missing_or_broken_output(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    out = tmp_path / "out"
    assert runner.invoke(main, ["clean", str(src), "-o", str(out), "-q"]).exit_code == 0
    before = _tree(out)
    sidecars = [p for p in sorted(out.rglob("*.json")) if not p.name.startswith("_")]
    sidecars[0].with_suffix(".txt").unlink()  # the clean text is gone
    sidecars[1].write_bytes(b"")  # an empty sidecar
    sidecars[2].write_bytes(sidecars[2].read_bytes()[:100])  # a sidecar cut short
    result = runner.invoke(main, ["clean", str(src), "-o", str(out), "--resume"])
    assert result.exit_code == 0
    assert "cleaned 3 documents, 280 already done" in result.stderr
    assert _tree(out) == before


def _kill_then_resume(
    tmp_path: Path, options: list[str], progress: str, at: int
) -> tuple[Path, Path, int]:
    """Run `cleaner clean` uninterrupted (--jobs 1, the reference), then as a real subprocess
    (--jobs 2) killed with SIGKILL once `at` files match `progress`, then again with --resume.
    Returns (reference, out, files matching `progress` when the kill landed)."""
    src = _corpus(tmp_path, copies=6)  # 276 documents
    reference, out = tmp_path / "reference", tmp_path / "out"
    first = runner.invoke(main, ["clean", str(src), "-o", str(reference), "--jobs", "1", *options])
    assert first.exit_code == 0, first.output
    command = [sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", str(out)]
    command += ["--jobs", "2", *options]
    proc = subprocess.Popen(command, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob(progress))) < at:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(list(out.rglob(progress)))
    result = subprocess.run([*command, "--resume"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return reference, out, done


def test_kill_9_then_resume_gives_the_uninterrupted_output(tmp_path: Path) -> None:
    reference, out, done = _kill_then_resume(tmp_path, ["-q"], "*.json", 40)
    assert 0 < done < 276, "the kill should land mid-run"
    assert _tree(out) == _tree(reference)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_errors_name_the_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", src / "good.txt")
    (src / "big.txt").write_bytes(b"a " * 5000)
    (src / "loop").symlink_to(src)  # a symlink loop is not followed
    out = tmp_path / "out"
    result = runner.invoke(main, ["clean", str(src), "-o", str(out), "--max-bytes", "5000"])
    assert result.exit_code == 1
    assert "error: " in result.stderr
    assert "big.txt: 10000 bytes is over the limit of 5000" in result.stderr
    assert (out / "good.txt").exists()
    run = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert (run["documents"], run["errors"]) == (1, 1)


def test_an_unreadable_folder_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder os.walk cannot list (chmod 000) was skipped silently. Tests run as root, which
    chmod 000 does not stop, so the listing fails the way it would without permission."""
    src = tmp_path / "src"
    (src / "locked").mkdir(parents=True)
    shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", src / "good.txt")
    shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", src / "locked" / "lost.txt")
    scandir = os.scandir

    def refusing(path: str) -> object:
        if os.fspath(path) == str(src / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    out = tmp_path / "out"
    result = runner.invoke(main, ["clean", str(src), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    errors = [json.loads(x) for x in (out / "_errors.jsonl").read_text().splitlines()]
    message = f"{src / 'locked'}: cannot read folder: Permission denied"
    assert errors == [{"input": str(src / "locked"), "error": message}]
    assert f"error: {message}" in result.stderr
    assert "cleaned 1 document" in result.stderr


def test_an_output_that_cannot_be_written_is_an_error_naming_it(tmp_path: Path) -> None:
    """An output name taken by a folder fails that document's write (EISDIR): one line naming the
    input and the output, and the batch goes on. It ended in a traceback from the worker."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", src / name)
    out = tmp_path / "out"
    (out / "a.txt").mkdir(parents=True)
    for jobs in ("1", "2"):
        result = runner.invoke(main, ["clean", str(src), "-o", str(out), "--jobs", jobs])
        assert result.exit_code == 1, result.output
        message = f"{src / 'a.txt'}: cannot write {out / 'a.txt'}: Is a directory"
        assert result.stderr.splitlines()[0] == f"error: {message}"
        assert "Traceback" not in result.output
        errors = [json.loads(x) for x in (out / "_errors.jsonl").read_text().splitlines()]
        assert errors == [{"input": str(src / "a.txt"), "error": message}]
        assert (out / "b.json").read_bytes().endswith(b"}\n")
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("output", ["files", "jsonl"])
def test_a_full_disk_stops_the_batch_with_one_line_and_resume_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """No space left (ENOSPC, as EDQUOT, EROFS, EIO) fails every later write too: the batch stops
    at the first with one line, not a traceback nor a line per remaining document, and keeps
    what it wrote; --resume then finishes the run as if it had never stopped."""
    import cleaner.batch

    src = _corpus(tmp_path)
    out, whole = tmp_path / "out", tmp_path / "whole"
    args = ["--jobs", "1", "--format", output, "--shard-bytes", "5000"]
    assert runner.invoke(main, ["clean", str(src), "-o", str(whole), *args]).exit_code == 0
    writes = {"left": 8}

    def fill(real: Any) -> Any:
        def write(*a: Any, **k: Any) -> Any:
            writes["left"] -= 1
            if writes["left"] < 0:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*a, **k)

        return write

    if output == "files":
        monkeypatch.setattr(cleaner.batch, "write_atomic", fill(cleaner.batch.write_atomic))
    else:
        monkeypatch.setattr(
            cleaner.batch.ShardWriter, "write", fill(cleaner.batch.ShardWriter.write)
        )
    result = runner.invoke(main, ["clean", str(src), "-o", str(out), *args])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    last = result.stderr.splitlines()[-1]
    assert last.startswith("error: stopped after ")
    assert last.endswith("rerun with --resume once it can be written")
    assert len(result.stderr.splitlines()) <= 2  # the document's own line, then the stop
    monkeypatch.undo()
    resumed = runner.invoke(main, ["clean", str(src), "-o", str(out), *args, "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert _tree(out) == _tree(whole)


def test_stdin_sidecar_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    seed = (SEEDS_DIR / "000_91a0ecad471e4b25.txt").read_bytes()
    sidecar = tmp_path / "file" / "s.json"  # under a file: no folder can be made there
    result = runner.invoke(main, ["clean", "-", "--sidecar", str(sidecar)], input=seed)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: cannot write {sidecar}: File exists"]


def test_hostile_inputs_never_stop_the_batch(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    body = (SEEDS_DIR / "000_91a0ecad471e4b25.txt").read_text(encoding="utf-8")
    shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_bytes(b"  \n\t\n")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    with (src / "huge.txt").open("wb") as handle:  # 50 MB, sparse: refused by size, never read
        handle.truncate(50 * 1024 * 1024)
    (src / "one_line.txt").write_text(" ".join([body.replace("\n", " ")] * 2000), encoding="utf-8")
    (src / "invalid_utf8.txt").write_bytes(
        body.encode("utf-8")[:500] + b"\xff\xfe\xc3(" + b" tambahan teks."
    )
    (src / "utf16.txt").write_bytes(body.encode("utf-16"))
    (src / "bom.txt").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    (src / "backtrack.txt").write_text(
        ("(" * 5000) + ("Baca juga: " * 2000) + ("a/" * 5000), encoding="utf-8"
    )
    (src / "loop").symlink_to(src)
    (src / "dangling.txt").symlink_to(src / "missing.txt")
    # Unreadable: a file whose read fails with EIO even for root (CI runs as root, where a chmod
    # 000 file stays readable), and, when not root, a file without read permission.
    unreadable = {"unreadable_io.txt"}
    (src / "unreadable_io.txt").symlink_to("/proc/self/mem")
    if os.geteuid() != 0:
        (src / "unreadable_perm.txt").write_text(body, encoding="utf-8")
        (src / "unreadable_perm.txt").chmod(0)
        unreadable.add("unreadable_perm.txt")
    out = tmp_path / "out"
    result = runner.invoke(main, ["clean", str(src), "-o", str(out)])
    assert "Traceback" not in result.output
    errors = {
        json.loads(x)["input"].rsplit("/", 1)[-1]: json.loads(x)["error"]
        for x in (out / "_errors.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert set(errors) == {
        "empty.txt",
        "blank.txt",
        "binary.txt",
        "huge.txt",
        "dangling.txt",
        "invalid_utf8.txt",
        *unreadable,
    }
    assert "over the limit" in errors["huge.txt"]
    assert errors["invalid_utf8.txt"].endswith("invalid_utf8.txt: invalid UTF-8 at byte 500")
    for name in ("dangling.txt", *unreadable):
        assert "cannot read" in errors[name], errors[name]
    for message in errors.values():
        assert "\n" not in message
    assert result.exit_code == 1
    for name in ("good", "one_line", "utf16", "bom", "backtrack"):
        assert (out / f"{name}.json").exists(), name
    assert (
        json.loads((out / "utf16.json").read_text(encoding="utf-8"))["source"]["encoding"]
        == "utf-16"
    )
    assert (out / "bom.txt").read_text(encoding="utf-8") == (out / "good.txt").read_text(
        encoding="utf-8"
    )


def test_two_inputs_with_one_output_name_are_an_error_not_an_overwrite(tmp_path: Path) -> None:
    src, other = tmp_path / "src", tmp_path / "other"
    src.mkdir()
    other.mkdir()
    text = (SEEDS_DIR / "000_91a0ecad471e4b25.txt").read_text(encoding="utf-8")
    (src / "page.html").write_text(f"<html><body><p>{text}</p></body></html>", encoding="utf-8")
    (src / "page.txt").write_text(text, encoding="utf-8")
    shutil.copy(SEEDS_DIR / "002_a749a76889ea1f7c.txt", src / "b.txt")
    shutil.copy(SEEDS_DIR / "001_31897a7181c8f20e.txt", other / "b.txt")
    out = tmp_path / "out"
    for extra in ([], ["--resume"]):
        result = runner.invoke(main, ["clean", str(src), str(other), "-o", str(out), *extra])
        assert result.exit_code == 1, result.output
        errors = [
            json.loads(x) for x in (out / "_errors.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        assert [e["input"] for e in errors] == [str(src / "page.txt"), str(other / "b.txt")]
        assert errors[0]["error"] == (
            f"{src / 'page.txt'}: its output page.txt is already that of {src / 'page.html'}; "
            "not cleaned"
        )
        assert str(src / "b.txt") in errors[1]["error"]
        assert f"error: {errors[0]['error']}" in result.stderr
        assert "2 errors" in result.stderr
    run = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert (run["skipped"], run["errors"], run["bytes_in"]) == (2, 2, 0)  # nothing was read
    assert json.loads((out / "page.json").read_text(encoding="utf-8"))["source"]["format"] == "html"
    assert (out / "b.txt").read_text(encoding="utf-8").startswith("Pemimpin Korea Utara (Korut)")
    shards = tmp_path / "shards"
    args = ["clean", str(src), str(other), "-o", str(shards), "--format", "jsonl"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    assert f"{src / 'page.txt'}: its id page is already that of" in result.stderr
    result = runner.invoke(main, [*args, "--resume"])  # every job is in a finished shard
    assert result.exit_code == 0, result.output
    assert "cleaned 0 documents, 4 already done" in result.stderr
    assert [r["metadata"]["source"]["path"] for r in _read_shards(shards)] == [
        str(src / "b.txt"),
        str(src / "page.html"),
    ]


def _read_shards(out: Path) -> list[dict]:  # type: ignore[type-arg]
    records = []
    for shard in sorted(out.glob("part-*.jsonl*")):
        opener = gzip.open if shard.suffix == ".gz" else open
        with opener(shard, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
            records += [json.loads(line) for line in handle]
    return records


def test_jsonl_output_equals_files_output(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    files, shards = tmp_path / "files", tmp_path / "shards"
    assert runner.invoke(main, ["clean", str(src), "-o", str(files), "-q"]).exit_code == 0
    args = [
        "clean",
        str(src),
        "-o",
        str(shards),
        "-q",
        "--format",
        "jsonl",
        "--shard-bytes",
        "20000",
    ]
    assert runner.invoke(main, args).exit_code == 0
    records = _read_shards(shards)
    assert len(list(shards.glob("part-*.jsonl"))) > 3  # sharded by size
    assert len(records) == 283
    for record in records:
        key = record["metadata"]["source"]["path"].split("/src/", 1)[1].rsplit(".", 1)[0]
        assert record["text"] == (files / f"{key}.txt").read_text(encoding="utf-8")
        assert record["metadata"] == json.loads((files / f"{key}.json").read_text(encoding="utf-8"))
        assert set(record) == {"id", "text", "metadata"}
        assert record["id"] == key  # its path under the input folder src, as in the files layout


def test_jsonl_output_ids_are_paths_under_the_input_folder(tmp_path: Path) -> None:
    """Two a.txt in two sub-folders had one id, "a"; the id is the files layout's path."""
    src = tmp_path / "dup"
    for name in ("x/a.txt", "y/a.txt"):
        (src / name).parent.mkdir(parents=True)
        shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", src / name)
    line = json.dumps({"id": "a1", "text": (SEEDS_DIR / "002_a749a76889ea1f7c.txt").read_text()})
    (src / "x" / "dump.jsonl").write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["clean", str(src), "-o", str(out), "-q", "--format", "jsonl"]
    assert runner.invoke(main, args).exit_code == 0
    records = _read_shards(out)
    assert [r["id"] for r in records] == ["x/a", "x/dump/a1", "y/a"]
    assert [r["metadata"]["id"] for r in records] == ["a", "a1", "a"]  # the sidecar's, as before
    before = {p.name: p.read_bytes() for p in out.glob("part-*")}
    result = runner.invoke(main, [*args, "--resume"])
    assert result.exit_code == 0
    assert {p.name: p.read_bytes() for p in out.glob("part-*")} == before


def test_jsonl_output_kill_9_then_resume(tmp_path: Path) -> None:
    options = ["-q", "--format", "jsonl", "--gzip", "--shard-bytes", "50000"]
    reference, out, done = _kill_then_resume(tmp_path, options, "part-*.jsonl.gz", 3)
    assert 0 < done < len(list(reference.glob("part-*.jsonl.gz"))), "the kill should land mid-run"
    for shard in sorted(reference.glob("part-*.jsonl.gz")):
        assert (out / shard.name).read_bytes() == shard.read_bytes(), shard.name
    assert sorted(p.name for p in out.glob("part-*")) == sorted(
        p.name for p in reference.glob("part-*")
    )
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("name", "head", "eta"),
    [("dump.jsonl", "3/3 documents", True), ("dump.jsonl.gz", "3 documents", False)],
)
def test_the_progress_line_counts_jsonl_lines_for_its_eta(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, head: str, eta: bool
) -> None:
    from cleaner import Config
    from cleaner.batch import run_batch

    text = (SEEDS_DIR / "000_91a0ecad471e4b25.txt").read_text(encoding="utf-8")
    lines = "".join(json.dumps({"id": f"d{i}", "text": text}) + "\n" for i in range(3))
    path = tmp_path / name
    path.write_bytes(gzip.compress(lines.encode()) if name.endswith(".gz") else lines.encode())
    run_batch((path,), tmp_path / "out", Config(), progress=True)
    err = capsys.readouterr().err
    assert head in err
    assert ("ETA" in err) is eta
