"""Speed and memory of cleaner, side by side with jusText and trafilatura, in one run.

    make bench                                  # 20,000 documents (a few minutes)
    python benchmarks/bench.py --docs 2000      # a quick look

It builds a corpus of varied documents from the devset's annotated articles in fixtures/ (each is a
different mix: an article's paragraphs, some dropped and reordered, with boilerplate lines from the
other articles and the case tables inserted at random places; seeded, so every run builds the same
corpus), then measures on the same documents:

- cleaner in one process (the Python API), jusText and trafilatura (text given to them as one <p>
  per line, as `cleaner eval` does): documents/s and MB/s;
- `cleaner clean --jobs 1` and `--jobs 2` end to end, on a folder of files and on a JSONL file;
- an I/O floor: reading every input file and writing two outputs per input, with no cleaning;
- peak memory (max RSS) of `cleaner clean --jobs 2` on 10k and 100k documents (JSONL).

Results are printed as a table with the ratios the project targets, and as JSON with --json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
DEVSET_SPLITS = ("dev", "heldout")


def build_corpus(count: int, seed: int = 13) -> list[str]:
    """`count` varied documents made from the annotated text articles and boilerplate lines."""
    rng = random.Random(seed)
    # The devset's articles (dev and held-out) and the seeds: splits added later for evaluation
    # do not change the corpus, so runs of different sessions measure the same articles.
    articles = [
        p.read_text(encoding="utf-8")
        for split in DEVSET_SPLITS
        for p in sorted(FIXTURES.glob(f"eval/{split}/*/input.txt"))
    ]
    articles += [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    boilerplate: list[str] = []
    for table in sorted(FIXTURES.glob("cases/*.json")):
        for case in json.loads(table.read_text(encoding="utf-8"))["cases"]:
            kept = set(case["output"].splitlines())
            boilerplate += [x for x in case["input"].splitlines() if x.strip() and x not in kept]
    docs = []
    for _ in range(count):
        lines = [x for x in rng.choice(articles).splitlines() if x.strip()]
        lines = [x for x in lines if rng.random() > 0.15] or lines[:1]
        if len(lines) > 3 and rng.random() < 0.5:
            i = rng.randrange(1, len(lines) - 1)
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        for _ in range(rng.randint(0, 6)):
            lines.insert(rng.randint(0, len(lines)), rng.choice(boilerplate))
        docs.append("\n".join(lines) + "\n")
    return docs


def as_html(text: str) -> str:
    return (
        "<html><body>"
        + "".join(f"<p>{escape(x)}</p>" for x in text.splitlines())
        + "</body></html>"
    )


def rate(count: int, seconds: float, size: int) -> dict[str, float]:
    return {
        "seconds": round(seconds, 3),
        "docs_per_s": round(count / seconds, 1),
        "mb_per_s": round(size / seconds / 1e6, 3),
    }


def bench_cleaner(docs: list[str]) -> float:
    from cleaner import Config, Pipeline

    pipeline = Pipeline(Config())
    pipeline.run(docs[0])
    start = time.perf_counter()
    for text in docs:
        pipeline.run(text)
    return time.perf_counter() - start


def bench_justext(docs: list[str]) -> float:
    import justext

    stoplist = justext.get_stoplist("Indonesian")
    pages = [as_html(t) for t in docs]
    start = time.perf_counter()
    for page in pages:
        justext.justext(page, stoplist)
    return time.perf_counter() - start


def bench_trafilatura(docs: list[str]) -> float:
    import trafilatura

    pages = [as_html(t) for t in docs]
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    return time.perf_counter() - start


def write_folder(docs: list[str], folder: Path) -> None:
    for i, text in enumerate(docs):
        sub = folder / f"part{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")


def write_jsonl(docs: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(docs):
            handle.write(json.dumps({"id": f"doc{i:06d}", "text": text}, ensure_ascii=False) + "\n")


def run_cli(args: list[str]) -> tuple[float, float, float]:
    """Seconds, user and system CPU seconds of one `cleaner clean` run (a child process and its
    workers). The file system is synced first: each run starts with no other run's writes still
    to flush, which the kernel would otherwise make whichever run came next pay for."""
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", *args, "-q"], check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def peak_rss_of(args: list[str]) -> int:
    """Peak RSS (KiB) of a fresh child process tree (the parent and its biggest worker)."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=False)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "cleaner.cli", "clean", *args, "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    return int(out.stdout.strip().splitlines()[-1])


def io_floor(folder: Path, out: Path) -> float:
    start = time.perf_counter()
    for path in sorted(folder.rglob("*.txt")):
        data = path.read_bytes()
        target = out / path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.with_suffix(".json").write_bytes(data[:2000])
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=20_000, help="corpus size (default 20000)")
    parser.add_argument("--memory-docs", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    docs = build_corpus(args.docs)
    size = sum(len(t.encode("utf-8")) for t in docs)
    results: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "documents": len(docs),
        "megabytes": round(size / 1e6, 2),
        "distinct_documents": len(set(docs)),
    }
    print(
        f"corpus: {len(docs)} documents ({len(set(docs))} distinct), {size / 1e6:.1f} MB",
        file=sys.stderr,
    )

    for name, fn in (
        ("cleaner_1_process", bench_cleaner),
        ("justext", bench_justext),
        ("trafilatura", bench_trafilatura),
    ):
        print(f"running {name} ...", file=sys.stderr)
        results[name] = rate(len(docs), fn(docs), size)

    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        root = Path(tmp)
        folder, jsonl = root / "in", root / "in.jsonl"
        write_folder(docs, folder)
        write_jsonl(docs, jsonl)
        print("running the I/O floor ...", file=sys.stderr)
        os.sync()
        results["io_floor"] = rate(len(docs), io_floor(folder, root / "io"), size)
        for label, source in (("folder", folder), ("jsonl", jsonl)):
            for jobs in (1, 2):
                print(f"running cleaner clean --jobs {jobs} on a {label} ...", file=sys.stderr)
                # Each run writes to a folder of its own, all removed at the end: on ext4, creating
                # files right after deleting thousands makes the kernel step over every recently
                # deleted inode, which made whichever run came after a deletion pay for it.
                out = root / f"out-{label}-{jobs}"
                seconds, user, system = run_cli([str(source), "-o", str(out), "--jobs", str(jobs)])
                results[f"cli_{label}_jobs{jobs}"] = {
                    **rate(len(docs), seconds, size),
                    "cpu_user": round(user, 1),
                    "cpu_sys": round(system, 1),
                }
        memory = {}
        for count in args.memory_docs:
            print(f"measuring peak memory on {count} documents ...", file=sys.stderr)
            path = root / f"mem{count}.jsonl"
            write_jsonl(build_corpus(count, seed=count), path)
            memory[str(count)] = peak_rss_of(
                [str(path), "-o", str(root / f"mem{count}"), "--jobs", "2"]
            )
            shutil.rmtree(root / f"mem{count}", ignore_errors=True)
        results["peak_rss_kib"] = memory

    def dps(key: str) -> float:
        value = results[key]
        assert isinstance(value, dict)
        return float(value["docs_per_s"])

    ratios = {
        "cleaner_vs_justext (target >= 10)": round(dps("cleaner_1_process") / dps("justext"), 2),
        "cleaner_vs_trafilatura": round(dps("cleaner_1_process") / dps("trafilatura"), 2),
        "jobs2_vs_jobs1_folder (target >= 1.7)": round(
            dps("cli_folder_jobs2") / dps("cli_folder_jobs1"), 2
        ),
        "jobs2_vs_jobs1_jsonl (target >= 1.7)": round(
            dps("cli_jsonl_jobs2") / dps("cli_jsonl_jobs1"), 2
        ),
        "io_floor_vs_jobs2_folder (target <= 3)": round(
            dps("io_floor") / dps("cli_folder_jobs2"), 2
        ),
    }
    mem = results["peak_rss_kib"]
    if isinstance(mem, dict) and len(mem) >= 2:
        keys = sorted(mem, key=int)
        ratios[f"peak_rss_{keys[-1]}_vs_{keys[0]} (target ~1)"] = round(
            mem[keys[-1]] / mem[keys[0]], 2
        )
    results["ratios"] = ratios

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"\n{len(docs)} documents, {size / 1e6:.1f} MB, {os.cpu_count()} CPUs, Python {platform.python_version()}\n"
    )
    print(f"{'what':<28}{'docs/s':>10}{'MB/s':>10}{'seconds':>10}{'CPU user':>10}{'CPU sys':>10}")
    for key in (
        "cleaner_1_process",
        "justext",
        "trafilatura",
        "cli_folder_jobs1",
        "cli_folder_jobs2",
        "cli_jsonl_jobs1",
        "cli_jsonl_jobs2",
        "io_floor",
    ):
        r = results[key]
        assert isinstance(r, dict)
        cpu = f"{r['cpu_user']:>10}{r['cpu_sys']:>10}" if "cpu_user" in r else ""
        print(f"{key:<28}{r['docs_per_s']:>10}{r['mb_per_s']:>10}{r['seconds']:>10}{cpu}")
    print(f"\npeak RSS (KiB) of cleaner clean --jobs 2 on JSONL: {results['peak_rss_kib']}")
    print("\nratios:")
    for key, value in ratios.items():
        print(f"  {key:<44}{value:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
