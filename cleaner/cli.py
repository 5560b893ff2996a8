"""The `cleaner` command line: `cleaner clean`, `cleaner explain`.

Exit codes: 0 every input was cleaned; 1 some inputs failed (each named on one line, the batch went
on); 2 usage or configuration error (nothing was cleaned).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from cleaner import __version__
from cleaner.batch import JsonlKeys, iter_jobs, run_batch
from cleaner.config import LANG_CHOICES, Config, load_config
from cleaner.errors import ConfigError, InputError, OutputError
from cleaner.explain import explain as explain_rows
from cleaner.html import extract, looks_like_html
from cleaner.io import MAX_BYTES, read_input, write_atomic, write_error
from cleaner.metadata import Source, dumps
from cleaner.pipeline import Pipeline
from cleaner.repeats import MIN_DOCS, RepeatTable

_MARK_STYLE = {"+": "green", "-": "red", "~": "yellow", " ": "bright_black"}


def _config(
    config_file: Path | None, lang: str | None, keep_dateline: bool | None, rules: tuple[str, ...]
) -> Config:
    try:
        return load_config(
            config_file,
            lang=lang,
            keep_dateline=keep_dateline,
            rules=tuple(str(Path(r).resolve()) for r in rules) or None,
        )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc


def _pipeline(config: Config) -> Pipeline:
    try:
        return Pipeline(config)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc


_common_options = [
    click.option(
        "--lang",
        type=click.Choice(LANG_CHOICES),
        default=None,
        help="Rule pack language; 'auto' (default) detects it per document.",
    ),
    click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A TOML file with a [cleaner] table of settings (see README).",
    ),
    click.option(
        "--rules",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="An extra rule pack (TOML), loaded after the built-in ones. Repeatable.",
    ),
    click.option(
        "--keep-dateline",
        is_flag=True,
        default=None,
        help="Leave datelines ('Seoul (ANTARA) - ') in the text; they are still recorded.",
    ),
]


def common_options(func: Any) -> Any:
    for option in reversed(_common_options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Clean scraped news articles: article text out, boilerplate recorded in a JSON sidecar.

    \b
    Examples:
      cleaner clean seeds -o out          clean a folder into out/
      cleaner explain seeds/001_*.txt     show the decision on every line
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder: OUT/<relative path>.txt and .json for each input.",
)
@click.option(
    "--sidecar",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With '-' (stdin): write the sidecar JSON to this file.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: all cores).",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Skip documents whose outputs are already complete in OUT (after an interrupted run).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["files", "jsonl"]),
    default="files",
    show_default=True,
    help="files: OUT/<path>.txt + .json per document; jsonl: OUT/part-NNNNN.jsonl shards, one "
    '{"id", "text", "metadata"} line per document, in input order.',
)
@click.option("--gzip", "gzip_output", is_flag=True, help="With --format jsonl: gzip the shards.")
@click.option(
    "--shard-bytes",
    type=click.IntRange(min=1),
    default=256 * 1024 * 1024,
    show_default=True,
    help="With --format jsonl: start a new shard after this many (uncompressed) bytes.",
)
@click.option("--text-key", default="text", show_default=True, help="JSONL: the key of the text.")
@click.option("--id-key", default="id", show_default=True, help="JSONL: the key of the id.")
@click.option("--url-key", default="url", show_default=True, help="JSONL: the key of the URL.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=MAX_BYTES,
    show_default=True,
    help="Inputs (files or JSONL texts) larger than this are refused with an error.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors, not progress or the summary.")
@click.option(
    "--learn-repeats",
    is_flag=True,
    help="Two passes: first count the lines each folder's documents share, then drop lines seen "
    "in more than --repeat-min-docs documents of their folder. Saved to OUT/_repeats.json.",
)
@click.option(
    "--repeats",
    "repeats_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Reuse the line counts of an earlier --learn-repeats run (OUT/_repeats.json).",
)
@click.option(
    "--repeat-min-docs",
    type=click.IntRange(min=1),
    default=None,
    help="With --learn-repeats/--repeats: a line must occur in more than this many documents "
    "of a folder to go (default 5).",
)
@common_options
def clean(
    paths: tuple[Path, ...],
    out: Path | None,
    sidecar: Path | None,
    jobs: int | None,
    resume: bool,
    output_format: str,
    gzip_output: bool,
    shard_bytes: int,
    text_key: str,
    id_key: str,
    url_key: str,
    max_bytes: int,
    quiet: bool,
    learn_repeats: bool,
    repeats_file: Path | None,
    repeat_min_docs: int | None,
    lang: str | None,
    config_file: Path | None,
    rules: tuple[str, ...],
    keep_dateline: bool | None,
) -> None:
    """Clean articles: files, folders (recursively), JSONL files, or '-' for stdin.

    For every input FILE.txt or FILE.html under PATH it writes OUT/FILE.txt (the clean text: one
    paragraph per line; HTML is extracted with trafilatura first) and OUT/FILE.json (the sidecar:
    title, authors, date, dateline, related links, ... and every removed line with the rule that
    removed it). A JSONL file (.jsonl or .jsonl.gz, one {"id", "text", "url"} object per line)
    gives OUT/FILE/ID.txt and .json per line. Files and folders whose names start with '.' are
    hidden and skipped. With '-', the clean text goes to stdout.

    Inputs that cannot be cleaned are named on one line each and listed in OUT/_errors.jsonl; the
    batch goes on. A full disk (or a read-only one) stops the batch with one line; --resume
    finishes it later. OUT/_run.json holds the run's figures. Exit code: 0 all cleaned, 1 some
    inputs failed or the batch stopped, 2 usage error.

    \b
    Examples:
      cleaner clean seeds -o out
      cleaner clean a.txt b.txt scraped/ -o clean/ --lang id --jobs 4
      cleaner clean dump.jsonl.gz -o clean/ --text-key content
      cleaner clean scraped/ -o clean/ --format jsonl --gzip   (datatrove/dolma-style shards)
      cleaner clean scraped/ -o clean/ --resume        (after an interruption)
      cat article.txt | cleaner clean - --sidecar article.json
      cleaner clean scraped/ -o clean/ --learn-repeats
    """
    config = _config(config_file, lang, keep_dateline, rules)
    if any(str(p) == "-" for p in paths):
        if len(paths) > 1:
            raise click.UsageError("'-' (stdin) cannot be combined with other paths")
        _clean_stdin(_pipeline(config), sidecar)
        return
    if out is None:
        raise click.UsageError("missing -o/--out (the output folder)")
    _pipeline(config)  # a broken rule pack or config fails here, before any document
    _refuse_overlapping_out(out, paths)
    _make_out(out)
    keys = JsonlKeys(text=text_key, id=id_key, url=url_key)
    try:
        table = _repeat_table(paths, out, learn_repeats, repeats_file, repeat_min_docs, keys)
        summary = run_batch(
            paths,
            out,
            config,
            jobs=jobs or os.cpu_count() or 1,
            resume=resume,
            repeats=table,
            keys=keys,
            max_bytes=max_bytes,
            progress=not quiet and sys.stderr.isatty(),
            on_error=lambda message: click.echo(f"error: {message}", err=True),
            output=output_format,
            shard_bytes=shard_bytes,
            gzip_output=gzip_output,
        )
    except OutputError as exc:
        _fail(str(exc))
    except OSError as exc:  # the run's own files (_run.json, _repeats.json, a shard manifest)
        _fail(write_error(exc.filename or out, exc))
    if not quiet:
        click.echo(summary.line(), err=True)
    if summary.errors:
        sys.exit(1)


def _refuse_overlapping_out(out: Path, paths: tuple[Path, ...]) -> None:
    """A usage error when OUT and an input overlap, as an output could then be written over an
    input: OUT in an input folder (outputs also become inputs of the next run), or an input, file
    or folder, in OUT (`a.txt -o .` would write the clean text over a.txt; `raw -o .` writes
    OUT/raw/x.txt over the input raw/raw/x.txt). OUT beside the inputs is the way."""
    target = out.resolve()
    for root in paths:
        src = root.resolve()
        if root.is_dir() and (target == src or src in target.parents):
            raise click.UsageError(
                f"the output folder {out} is inside the input folder {root}: choose another"
            )
        if target in src.parents:
            kind = "folder" if root.is_dir() else "file"
            raise click.UsageError(
                f"the input {kind} {root} is inside the output folder {out}: its outputs could "
                "overwrite inputs; choose another"
            )


def _make_out(out: Path) -> None:
    """Make OUT, and check that a file can be made in it: a usage error otherwise (exit 2, one
    line), rather than a traceback from the first write."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.UsageError(
            f"cannot create the output folder {out}: {exc.strerror or exc}"
        ) from exc
    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise click.UsageError(
            f"cannot write in the output folder {out}: {exc.strerror or exc}"
        ) from exc


def _repeat_table(
    paths: tuple[Path, ...],
    out: Path | None,
    learn: bool,
    saved: Path | None,
    min_docs: int | None,
    keys: JsonlKeys,
) -> RepeatTable | None:
    if not learn and saved is None:
        return None
    try:
        table = RepeatTable.load(saved, min_docs) if saved is not None else None
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if not learn:
        return table
    if out is None:
        raise click.UsageError("--learn-repeats needs input folders and -o/--out")

    def texts() -> Iterator[tuple[str, str]]:
        for job in iter_jobs(paths, keys, []):
            try:
                text = job.text if job.text is not None else read_input(Path(str(job.path))).text
            except InputError:
                continue  # reported once, by the cleaning pass
            if job.format == "html":
                text = extract(text).text
            yield job.group, text

    learned = RepeatTable.learn(texts(), min_docs if min_docs is not None else MIN_DOCS)
    if table is not None:
        learned.merge(table)
    learned.save(out / "_repeats.json")
    return learned


def _fail(message: str) -> NoReturn:
    """One line on stderr, exit code 1: an input or an output failed (usage errors exit 2)."""
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _clean_stdin(pipeline: Pipeline, sidecar: Path | None) -> None:
    from cleaner.io import decode

    data = sys.stdin.buffer.read()
    try:
        decoded = decode(data, "<stdin>")
    except InputError as exc:
        _fail(str(exc))
    fmt = "html" if looks_like_html(decoded.text) else "text"
    source = Source.of_bytes(data, None, decoded.encoding, fmt)
    result = pipeline.run(decoded.text, doc_id="stdin", source=source, format=fmt)
    sys.stdout.write(result.text)
    if sidecar is not None:
        try:
            write_atomic(sidecar, dumps(result.metadata))
        except OSError as exc:
            _fail(write_error(sidecar, exc))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--removed-only", is_flag=True, help="Show only removed and edited lines.")
@click.option("--width", type=int, default=0, help="Cut text at this many characters (0: fit).")
@common_options
def explain(
    file: Path,
    removed_only: bool,
    width: int,
    lang: str | None,
    config_file: Path | None,
    rules: tuple[str, ...],
    keep_dateline: bool | None,
) -> None:
    """Show the decision on every line of FILE: kept, removed (stage and rule), or edited.

    \b
    Marks: + kept   - removed   ~ edited (a part was cut: shown after '=>')
    Colour in a terminal, plain text when piped.

    \b
    Example:
      cleaner explain seeds/001_31897a7181c8f20e.txt
      cleaner explain --removed-only article.txt | less
    """
    pipeline = _pipeline(_config(config_file, lang, keep_dateline, rules))
    try:
        result = pipeline.run_file(file)
    except InputError as exc:
        _fail(str(exc))
    doc = result.document
    if width <= 0:
        import shutil

        width = max(40, shutil.get_terminal_size((120, 24)).columns - 60)
    click.echo(
        f"{file}: language {doc.language}, {doc.lines_in} lines in, "
        f"{result.metadata['stats']['lines_out']} out"
    )
    for row in explain_rows(doc):
        if removed_only and row.mark in "+ ":
            continue
        rule = ", ".join(dict.fromkeys(f"{d.stage}:{d.rule}" for d in row.decisions))
        text = _fit(row.text, width)
        line = f"{row.number:>4} {row.mark} {rule:<48} {text}"
        if row.mark == "~":
            cuts = " | ".join(repr(d.text) for d in row.decisions if d.partial)
            line += f"\n{'':>7}cut {cuts} => {_fit(row.result or '', width)}"
        click.echo(click.style(line, fg=_MARK_STYLE[row.mark]))


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@main.command(name="eval")
@click.argument(
    "fixtures_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default="fixtures",
)
@click.option(
    "--baselines", is_flag=True, help="Also run jusText and trafilatura on the same documents."
)
@click.option("--split", help="Only this split (e.g. dev or heldout).")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--summary-only", is_flag=True, help="Leave out the per-document rows.")
@common_options
def evaluate_command(
    fixtures_dir: Path,
    baselines: bool,
    split: str | None,
    as_json: bool,
    summary_only: bool,
    lang: str | None,
    config_file: Path | None,
    rules: tuple[str, ...],
    keep_dateline: bool | None,
) -> None:
    """Score the cleaner against annotated articles (input, expected.txt, annotation.json).

    Word-level precision, recall and F1 of the clean text, the share of article words lost and of
    boilerplate words left, and sidecar field accuracy, per document and per split. With
    --baselines, jusText (with the article's stoplist) and trafilatura run on the same documents.

    \b
    Example:
      cleaner eval fixtures --baselines
      cleaner eval fixtures --split heldout --json > heldout.json
    """
    import json

    from cleaner.evaluate import evaluate, format_table, load_cases

    pipeline = _pipeline(_config(config_file, lang, keep_dateline, rules))
    cases = [c for c in load_cases(fixtures_dir) if split is None or c.split == split]
    if not cases:
        raise click.UsageError(f"no annotated articles (annotation.json) under {fixtures_dir}")
    report = evaluate(cases, pipeline, baselines=baselines)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(report, per_document=not summary_only))


if __name__ == "__main__":  # python -m cleaner.cli
    main()
