"""Batch cleaning: many inputs, several worker processes, flat memory, resumable, safe on bad input.

Inputs are streamed as jobs (a file path, or one line of a JSONL file) and cleaned by a pool of
worker processes, each with its own Pipeline, each writing its documents' outputs. At most
`WINDOW_PER_WORKER * jobs` documents are in flight and results are collected in input order, so
memory does not grow with the corpus and no output depends on the number of workers.

Every output is written atomically (`io.write_atomic`: a reader finds it whole or not at all), the
clean text first and the sidecar last: a whole sidecar on disk beside the clean text means its
document is complete, which is what `--resume` checks (`_complete`). A document that cannot be read or cleaned becomes one line in
`OUT/_errors.jsonl` and the batch goes on; so does one whose output name another input has taken
(page.txt beside page.html), which is never overwritten. For that the parent keeps the output names
of the current folder's files (of every file when several inputs are given, whose relative paths
may meet: some tens of bytes per file); a JSONL file's ids are made unique as it is read.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from cleaner.config import Config
from cleaner.errors import InputError, OutputError
from cleaner.html import looks_like_html
from cleaner.io import HTML_SUFFIXES, MAX_BYTES, decode, find_inputs, write_atomic, write_error
from cleaner.metadata import Source, dumps
from cleaner.pipeline import Pipeline, Result
from cleaner.repeats import RepeatTable

WINDOW_PER_WORKER = 8
"""Documents in flight per worker: enough to keep workers busy, few enough to keep memory flat."""
CHUNK = 4
"""Documents sent to a worker in one task: one round trip between the processes per chunk rather
than per document, as the parent shares the CPUs with the workers."""
MAX_ID_CHARS = 100
"""Output names longer than this are cut and given a hash suffix (file systems allow 255 bytes)."""
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
_UNSAFE_RE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class Job:
    """One document to clean: a file to read, or a text already read from a JSONL line."""

    key: str
    """Output path under OUT, without suffix (posix, sanitised)."""
    origin: str
    """Where it came from, for messages: a path, or path:line for JSONL."""
    group: str
    format: str
    path: str | None = None
    text: str | None = None
    url: str | None = None
    doc_id: str | None = None
    error: str | None = None
    """Set when the job is not to be cleaned: the error it ends with, in its place in the order."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the parent needs to know of a cleaned job: its removals by stage, or its error."""

    key: str
    origin: str
    removed: tuple[tuple[str, int], ...] = ()
    error: str | None = None
    line: str | None = None
    """With JSONL output: the output line, written by the parent in input order."""
    bytes_in: int = 0
    """The bytes of the document cleaned (its file, or its text from a JSONL line, as UTF-8)."""
    stop: bool = False
    """The error is one no later output escapes (disk full, read-only): the batch stops."""


@dataclass
class Summary:
    documents: int = 0
    skipped: int = 0
    errors: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    bytes_in: int = 0
    """The bytes of the documents cleaned (not of those skipped or failed)."""

    def line(self) -> str:
        total = sum(self.removed.values())
        parts = ", ".join(f"{stage} {n}" for stage, n in self.removed.most_common())
        by_stage = f" ({parts})" if parts else ""
        noun = "document" if self.documents == 1 else "documents"
        skipped = f", {self.skipped} already done" if self.skipped else ""
        rate = f" in {self.seconds:.1f}s" if self.seconds >= 0.1 else ""
        return (
            f"cleaned {self.documents} {noun}{skipped}: {total} removals{by_stage}; "
            f"{self.errors} errors{rate}"
        )

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["removed"] = dict(sorted(self.removed.items()))
        data["seconds"] = round(self.seconds, 3)
        return data


def safe_key(raw: str) -> str:
    """A file name that cannot leave OUT: no separators, no '..', no NUL, bounded length."""
    name = _UNSAFE_RE.sub("_", raw).strip("._") or "doc"
    if len(name) > MAX_ID_CHARS or name != raw:
        digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        name = f"{name[: MAX_ID_CHARS - 11]}_{digest}" if len(name) > MAX_ID_CHARS else name
    return name


@dataclass(frozen=True, slots=True)
class JsonlKeys:
    text: str = "text"
    id: str = "id"
    url: str = "url"


def iter_jobs(paths: tuple[Path, ...], keys: JsonlKeys, errors: list[Outcome]) -> Iterator[Job]:
    """Jobs for every input, in a stable order; unreadable folders and JSONL lines go to `errors`."""

    def unreadable(folder: str, error: str) -> None:
        errors.append(Outcome(key="", origin=folder, error=error))

    for root in paths:
        if not root.exists():
            errors.append(
                Outcome(key="", origin=str(root), error=f"{root}: no such file or folder")
            )
            continue
        for path, rel in find_inputs(root, JSONL_SUFFIXES, unreadable):
            name = path.name.lower()
            group = rel.parent.as_posix()
            if name.endswith(JSONL_SUFFIXES):
                yield from _jsonl_jobs(path, rel, keys, errors)
                continue
            stem = rel.with_suffix("").as_posix()
            fmt = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
            yield Job(key=stem, origin=str(path), group=group, format=fmt, path=str(path))


def _jsonl_jobs(path: Path, rel: Path, keys: JsonlKeys, errors: list[Outcome]) -> Iterator[Job]:
    base = rel.as_posix()
    for suffix in JSONL_SUFFIXES:
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    seen: set[str] = set()
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
            for number, raw in enumerate(handle, start=1):
                origin = f"{path}:{number}"
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except json.JSONDecodeError as exc:
                    errors.append(Outcome("", origin, error=f"{origin}: not JSON ({exc.msg})"))
                    continue
                if not isinstance(record, dict) or not isinstance(record.get(keys.text), str):
                    errors.append(
                        Outcome("", origin, error=f"{origin}: no text under key {keys.text!r}")
                    )
                    continue
                raw_id = record.get(keys.id)
                doc_id = str(raw_id) if raw_id not in (None, "") else f"line{number:08d}"
                key = safe_key(doc_id)
                if key in seen:
                    key = f"{key}_{number}"
                seen.add(key)
                url = record.get(keys.url)
                text = record[keys.text]
                yield Job(
                    key=f"{base}/{key}",
                    origin=origin,
                    group=base,
                    format="html" if looks_like_html(text) else "text",
                    text=text,
                    url=url if isinstance(url, str) else None,
                    doc_id=doc_id,
                )
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        errors.append(Outcome("", str(path), error=f"{path}: cannot read: {exc}"))


# --- workers -------------------------------------------------------------------------------------

_PIPELINE: Pipeline | None = None
_MAX_BYTES = MAX_BYTES
_OUT: Path | None = None
_JSONL = False


def _init_worker(
    config: Config, repeats: RepeatTable | None, max_bytes: int, out: Path, jsonl: bool = False
) -> None:
    global _PIPELINE, _MAX_BYTES, _OUT, _JSONL
    _PIPELINE = Pipeline(config, repeats=repeats)
    _MAX_BYTES = max_bytes
    _OUT = out
    _JSONL = jsonl


def _run_text(pipeline: Pipeline, job: Job) -> Result:
    """Clean a job whose text was read from a JSONL line, with the same checks as a file."""
    text = job.text or ""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > _MAX_BYTES:
        raise InputError(f"{job.origin}: {len(data)} bytes is over the limit of {_MAX_BYTES}")
    if not text.strip():
        raise InputError(f"{job.origin}: empty text")
    decode(data, job.origin)  # the same binary checks as files
    source = Source.of_bytes(data, job.origin, "utf-8", job.format)
    return pipeline.run(
        text,
        doc_id=job.doc_id or Path(job.key).name,
        source=source,
        group=job.group,
        format=job.format,
        url=job.url,
    )


def clean_job(job: Job) -> Outcome:
    """Clean one job in this process; every failure becomes an Outcome with a one-line error."""
    pipeline = _PIPELINE
    assert pipeline is not None, "worker not initialised"
    if job.error is not None:
        return Outcome(job.key, job.origin, error=job.error)
    try:
        if job.path is not None:
            result = pipeline.run_file(
                Path(job.path), origin=job.origin, group=job.group, max_bytes=_MAX_BYTES
            )
        else:
            result = _run_text(pipeline, job)
    except InputError as exc:
        return Outcome(job.key, job.origin, error=str(exc))
    except Exception as exc:  # a bug must not stop the batch; it is reported with the input
        return Outcome(
            job.key, job.origin, error=f"{job.origin}: internal error: {type(exc).__name__}: {exc}"
        )
    removed = tuple(sorted(Counter(r["stage"] for r in result.metadata["removed"]).items()))
    size = int(result.metadata["source"]["bytes"])
    if _JSONL:
        # The id is the document's path in the files layout (x/a for x/a.txt, dump/a1 for the
        # line with id a1 of dump.jsonl): unique, where the sidecar's id (a) is not.
        record = {"id": job.key, "text": result.text, "metadata": result.metadata}
        line = json.dumps(record, ensure_ascii=False) + "\n"
        return Outcome(job.key, job.origin, removed=removed, line=line, bytes_in=size)
    # The worker writes its own outputs (the parent would otherwise be the bottleneck): the clean
    # text first, the sidecar last, each atomically, so a sidecar on disk means a complete document.
    assert _OUT is not None, "worker not initialised"
    target = _OUT / f"{job.key}.txt"
    try:
        write_atomic(target, result.text)
        target = _OUT / f"{job.key}.json"
        write_atomic(target, dumps(result.metadata))
    except OSError as exc:
        error = f"{job.origin}: {write_error(target, exc)}"
        return Outcome(job.key, job.origin, error=error, stop=exc.errno in STOP_ERRNOS)
    return Outcome(job.key, job.origin, removed=removed, bytes_in=size)


STOP_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})
"""Write errors that every later output would meet too: the batch stops at the first, rather
than name every remaining document. Others (an output name taken by a folder, a name too long
for the file system) are the document's own: it is recorded and the batch goes on."""


def clean_chunk(chunk: list[Job]) -> list[Outcome]:
    """Clean several jobs in this process, in order."""
    return [clean_job(job) for job in chunk]


def _in_order(pool: ProcessPoolExecutor, jobs: Iterator[Job], window: int) -> Iterator[Outcome]:
    """The outcomes of `jobs`, cleaned by `pool` in chunks of CHUNK, in input order.

    The next job is taken only while fewer than `window` are given out and not yet returned,
    and an outcome is returned as soon as that many are, so the documents in flight and the
    moments at which `jobs` is advanced are those of one job per task."""
    inflight: deque[Future[list[Outcome]]] = deque()
    ready: deque[Outcome] = deque()
    chunk: list[Job] = []
    taken = 0

    def flush() -> None:
        nonlocal chunk
        if chunk:
            inflight.append(pool.submit(clean_chunk, chunk))
            chunk = []

    def oldest() -> Outcome:
        if not ready:
            if not inflight:
                flush()
            ready.extend(inflight.popleft().result())
        return ready.popleft()

    for job in jobs:
        chunk.append(job)
        taken += 1
        if len(chunk) >= CHUNK:
            flush()
        if taken >= window:
            taken -= 1
            yield oldest()
    flush()
    for _ in range(taken):
        yield oldest()


# --- the run -------------------------------------------------------------------------------------


SHARDS_MANIFEST = "_shards.json"


class ShardWriter:
    """JSONL output in shards of about `shard_bytes`: OUT/part-00000.jsonl[.gz], ...

    A shard is written to a temporary file and renamed when it is closed; `_shards.json` then
    records it with the number of jobs written so far. `--resume` reopens the manifest, skips that
    many jobs and goes on with the next shard: as the order of jobs and the size rule are the same,
    the shards are the same bytes as an uninterrupted run's.
    """

    def __init__(self, out: Path, shard_bytes: int, gzip_output: bool, resume: bool) -> None:
        self.out, self.shard_bytes, self.gzip = out, shard_bytes, gzip_output
        self.manifest = out / SHARDS_MANIFEST
        self.shards: list[dict[str, Any]] = []
        if resume and self.manifest.exists():
            self.shards = json.loads(self.manifest.read_text(encoding="utf-8"))["shards"]
        self.jobs_done = self.shards[-1]["jobs"] if self.shards else 0
        self.jobs = self.jobs_done
        self.handle: Any = None
        self.size = 0

    def _name(self) -> str:
        return f"part-{len(self.shards):05d}.jsonl" + (".gz" if self.gzip else "")

    def write(self, line: str | None) -> None:
        """Write one job's line (None for a job that failed: it still counts as done)."""
        self.jobs += 1
        if line is None:
            return
        if self.handle is None:
            tmp = self.out / f".{self._name()}.tmp"
            raw = tmp.open("wb")
            self.handle = (
                gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) if self.gzip else raw
            )
            self.raw, self.tmp = raw, tmp
        data = line.encode("utf-8")
        self.handle.write(data)
        self.size += len(data)
        if self.size >= self.shard_bytes:
            self.close_shard()

    def close_shard(self) -> None:
        if self.handle is None:
            return
        self.handle.close()
        if self.gzip:
            self.raw.close()
        name = self._name()
        os.replace(self.tmp, self.out / name)
        self.shards.append({"name": name, "jobs": self.jobs})
        write_atomic(self.manifest, json.dumps({"shards": self.shards}, indent=1) + "\n")
        self.handle, self.size = None, 0


class Progress:
    """One status line on a terminal: documents, rate, errors. Silent when not a terminal."""

    def __init__(self, stream: TextIO, enabled: bool, total: int | None) -> None:
        self.stream, self.enabled, self.total = stream, enabled, total
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, summary: Summary, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        done = summary.documents + summary.skipped + summary.errors
        rate = done / max(now - self.start, 1e-6)
        eta = ""
        if self.total:
            left = max(self.total - done, 0)
            eta = f", ETA {left / rate:.0f}s" if rate > 0 else ""
            head = f"{done}/{self.total} documents"
        else:
            head = f"{done} documents"
        self.stream.write(f"\r{head}, {rate:.0f}/s, {summary.errors} errors{eta}   ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def run_batch(
    paths: tuple[Path, ...],
    out: Path,
    config: Config,
    *,
    jobs: int = 1,
    resume: bool = False,
    repeats: RepeatTable | None = None,
    keys: JsonlKeys | None = None,
    max_bytes: int = MAX_BYTES,
    progress: bool = False,
    on_error: Any = None,
    output: str = "files",
    shard_bytes: int = 256 * 1024 * 1024,
    gzip_output: bool = False,
) -> Summary:
    """Clean every input under `paths` into `out`; write OUT/_run.json and OUT/_errors.jsonl.

    `output` is `files` (OUT/<path>.txt + .json per document) or `jsonl` (sharded JSONL lines
    `{"id", "text", "metadata"}`, in input order)."""
    keys = keys or JsonlKeys()
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out)
    summary = Summary()
    start = time.monotonic()
    read_errors: list[Outcome] = []
    total = _count_files(paths) if progress else None
    bar = Progress(sys.stderr, progress, total)
    shards = ShardWriter(out, shard_bytes, gzip_output, resume) if output == "jsonl" else None
    errors_path = out / "_errors.jsonl"
    tmp_errors = errors_path.with_name(".errors.jsonl.tmp")
    with tmp_errors.open("w", encoding="utf-8") as errors_file:

        def record_error(outcome: Outcome) -> None:
            summary.errors += 1
            errors_file.write(
                json.dumps({"input": outcome.origin, "error": outcome.error}, ensure_ascii=False)
                + "\n"
            )
            if on_error:
                on_error(outcome.error)

        def stop(cause: str) -> OutputError:
            return OutputError(
                f"stopped after {summary.documents} documents: {cause}; what is written "
                "stays: rerun with --resume once it can be written"
            )

        def handle(outcome: Outcome) -> None:
            if shards is not None:
                try:
                    shards.write(outcome.line)
                except OSError as exc:
                    raise stop(write_error(exc.filename or out, exc)) from exc
            if outcome.error is not None:
                record_error(outcome)
                if outcome.stop:
                    raise stop(f"nothing more can be written in {out}")
            else:
                summary.documents += 1
                summary.bytes_in += outcome.bytes_in
                summary.removed.update(dict(outcome.removed))
            bar.update(summary)

        def pending() -> Iterator[Job]:
            claimed: dict[str, str] = {}
            folder = None
            for index, job in enumerate(iter_jobs(paths, keys, read_errors)):
                while read_errors:
                    record_error(read_errors.pop(0))
                first = None  # the input that already has this job's output name, if any
                if job.path is not None:  # (a JSONL line's ids are made unique as its file is read)
                    if len(paths) == 1 and job.key.rpartition("/")[0] != folder:
                        # Under one input, only files of one folder share output names (page.txt
                        # beside page.html), and a folder's files come together: forget the last.
                        claimed.clear()
                        folder = job.key.rpartition("/")[0]
                    first = claimed.get(job.key)
                    if first is None:
                        claimed[job.key] = job.origin
                if shards is not None and index < shards.jobs_done:
                    summary.skipped += 1  # in a shard a previous run completed
                    continue
                # Checked before --resume's check, as the outputs on disk are first's.
                if first is not None:
                    what = f"id {job.key}" if shards is not None else f"output {job.key}.txt"
                    error = f"{job.origin}: its {what} is already that of {first}; not cleaned"
                    yield replace(job, error=error)
                    continue
                if shards is None and resume and _complete(out, job.key):
                    summary.skipped += 1
                    continue
                yield job
            while read_errors:
                record_error(read_errors.pop(0))

        try:
            if jobs <= 1:
                _init_worker(config, repeats, max_bytes, out, shards is not None)
                for job in pending():
                    handle(clean_job(job))
            else:
                window = WINDOW_PER_WORKER * jobs
                with ProcessPoolExecutor(
                    max_workers=jobs,
                    initializer=_init_worker,
                    initargs=(config, repeats, max_bytes, out, shards is not None),
                ) as pool:
                    for outcome in _in_order(pool, pending(), window):
                        handle(outcome)
        except OutputError:
            # What was cleaned stays resumable: the error list is kept and the shard written so
            # far is closed, where the disk still lets them be.
            with contextlib.suppress(OSError):
                errors_file.close()
                os.replace(tmp_errors, errors_path)
            if shards is not None:
                with contextlib.suppress(OSError):
                    shards.close_shard()
            bar.close()
            raise
    if shards is not None:
        shards.close_shard()
    os.replace(tmp_errors, errors_path)
    bar.update(summary, force=True)
    bar.close()
    summary.seconds = time.monotonic() - start
    run = {
        "cleaner": _version(),
        "inputs": [str(p) for p in paths],
        "jobs": jobs,
        "resume": resume,
        "output": output,
        "config_sha256": config.sha256(),
        **summary.as_dict(),
    }
    write_atomic(out / "_run.json", json.dumps(run, ensure_ascii=False, indent=2) + "\n")
    return summary


SIDECAR_END = b"}\n"
"""How every sidecar ends (`metadata.dumps`): the last bytes written, so a sidecar that ends so
was written whole."""


def _complete(out: Path, key: str) -> bool:
    """Whether a previous run finished this document, for `--resume`: its clean text is on disk
    and its sidecar ends as a whole one does. Outputs are written atomically, the sidecar last,
    so this fails only for outputs changed since (deleted, emptied, cut); it reads two bytes
    rather than parsing the sidecar, which keeps a resume over 100k documents fast."""
    try:
        with open(out / f"{key}.json", "rb") as sidecar:
            size = sidecar.seek(0, os.SEEK_END)
            if size <= len(SIDECAR_END):
                return False
            sidecar.seek(size - len(SIDECAR_END))
            if sidecar.read() != SIDECAR_END:
                return False
    except OSError:
        return False
    return os.path.isfile(out / f"{key}.txt")


def _remove_stale_temporaries(out: Path) -> None:
    """A run killed mid-write leaves its temporary files (".NAME.*.tmp"): they are ours, never
    complete, and go before the next run."""
    for dirpath, _, filenames in os.walk(out):
        for name in filenames:
            if name.startswith(".") and name.endswith(".tmp"):
                Path(dirpath, name).unlink(missing_ok=True)


COUNT_CHUNK = 1 << 20
"""Bytes read at a time when counting the lines of a JSONL file for the progress line's ETA."""


def _count_files(paths: tuple[Path, ...]) -> int | None:
    """How many documents there are, for the ETA: a file each, a line each of a plain JSONL file
    (counted at about a gigabyte a second, before the run starts, only on a terminal); None when
    a gzipped JSONL file makes it unknown (counting would decompress it all)."""
    count = 0
    for root in paths:
        if not root.exists():
            continue
        for path, _ in find_inputs(root, extra_suffixes=JSONL_SUFFIXES):
            name = path.name.lower()
            if name.endswith(".gz") and name.endswith(JSONL_SUFFIXES):
                return None
            if name.endswith(JSONL_SUFFIXES):
                try:
                    with path.open("rb") as handle:
                        while chunk := handle.read(COUNT_CHUNK):
                            count += chunk.count(b"\n")
                except OSError:
                    pass  # the run reports it
            else:
                count += 1
    return count


def _version() -> str:
    from cleaner import __version__

    return __version__
