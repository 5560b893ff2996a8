"""`cleaner eval`: score the pipeline (and, side by side, jusText and trafilatura) against
hand-annotated articles (fixtures/eval/SPLIT/NAME/: input, expected.txt, annotation.json).

Text scores are word-level and order-free (bags of lower-cased words), as in trafilatura's own
evaluation, so a paragraph split differently costs nothing while a lost sentence or a kept menu
costs its words:

- precision, recall, F1 of the output's words against the expected text's;
- boilerplate left: of the input words that are not article (input minus expected), the share
  still in the output;
- article lost: the share of expected words missing from the output (1 - recall).

Sidecar fields (title, authors, published, dateline place, publisher, agencies, captions, related
titles) are scored by exact match after case folding; lists as sets.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.io import decode
from cleaner.pipeline import Pipeline
from cleaner.text import SHOWS_NOTHING

_WORD_RE = re.compile(r"\w+")
FIELDS = (
    "title",
    "authors",
    "published",
    "dateline",
    "publisher",
    "agencies",
    "captions",
    "related",
)
SYSTEMS = ("cleaner", "justext", "trafilatura")


def bag(text: str) -> Counter[str]:
    """The text's words, lower-cased, counted. Invisible format characters are no word break (a
    soft hyphen or zero-width space inside "ke\u00adpada" leaves one word, as a reader sees it)."""
    return Counter(w.lower() for w in _WORD_RE.findall(text.translate(SHOWS_NOTHING)))


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    split: str
    input: Path
    expected: str
    annotation: dict[str, Any]

    @property
    def format(self) -> str:
        return "html" if self.input.suffix in (".html", ".htm") else "text"


def load_cases(root: Path) -> list[Case]:
    """Every annotated article under `root` (a fixtures folder, `fixtures/eval`, or one split)."""
    cases = []
    for ann in sorted(root.rglob("annotation.json")):
        folder = ann.parent
        inputs = sorted(folder.glob("input.*"))
        if not inputs:
            continue
        cases.append(
            Case(
                name=folder.name,
                split=folder.parent.name,
                input=inputs[0],
                expected=(folder / "expected.txt").read_text(encoding="utf-8"),
                annotation=json.loads(ann.read_text(encoding="utf-8")),
            )
        )
    return cases


@dataclass(slots=True)
class Score:
    """Word counts for one document and one system; ratios are computed from sums."""

    tp: int = 0
    out: int = 0
    expected: int = 0
    boilerplate: int = 0
    boilerplate_left: int = 0
    fields: dict[str, bool] = field(default_factory=dict)
    error: str | None = None

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.out += other.out
        self.expected += other.expected
        self.boilerplate += other.boilerplate
        self.boilerplate_left += other.boilerplate_left

    @property
    def precision(self) -> float:
        return self.tp / self.out if self.out else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def lost(self) -> float:
        return 1.0 - self.recall

    @property
    def left(self) -> float:
        return self.boilerplate_left / self.boilerplate if self.boilerplate else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "article_lost": round(self.lost, 4),
            "boilerplate_left": round(self.left, 4),
            "words": {"output": self.out, "expected": self.expected, "match": self.tp},
        }


def score_text(input_text: str, output: str, expected: str) -> Score:
    out, exp, inp = bag(output), bag(expected), bag(input_text)
    tp = sum((out & exp).values())
    boiler = inp - exp
    left = (out - exp) & boiler
    return Score(
        tp=tp,
        out=sum(out.values()),
        expected=sum(exp.values()),
        boilerplate=sum(boiler.values()),
        boilerplate_left=sum(left.values()),
    )


def _norm(value: Any) -> Any:
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return frozenset(str(v).casefold().strip() for v in value if v)
    return str(value).casefold().strip()


def score_fields(annotation: dict[str, Any], sidecar: dict[str, Any]) -> dict[str, bool]:
    """Which annotated sidecar facts the pipeline got exactly (after case folding)."""
    dateline = sidecar.get("dateline") or {}
    got = {
        "title": sidecar.get("title"),
        "authors": sidecar.get("authors"),
        "published": sidecar.get("published"),
        "dateline": dateline.get("place") if dateline else None,
        "publisher": sidecar.get("publisher"),
        "agencies": sidecar.get("agencies"),
        "captions": [i["caption"] for i in sidecar.get("images", []) if i.get("caption")],
        "related": [r["title"] for r in sidecar.get("related", [])],
    }
    want_dateline = annotation.get("dateline") or {}
    want = {
        **{k: annotation.get(k) for k in FIELDS},
        "dateline": want_dateline.get("place") if isinstance(want_dateline, dict) else None,
    }
    return {k: _norm(got[k]) == _norm(want[k]) for k in FIELDS}


def visible_text(html: str) -> str:
    """The text a reader of the page could see: everything but scripts, styles and comments.
    For HTML inputs this is the "input" whose non-article words count as boilerplate."""
    import lxml.html

    root = lxml.html.fromstring(html.encode("utf-8"))
    for node in root.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    return str(root.text_content())


def _html_of_text(text: str) -> str:
    from html import escape

    paras = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{paras}</body></html>"


def run_justext(raw: str, fmt: str, lang: str) -> str:
    import justext

    html = raw if fmt == "html" else _html_of_text(raw)
    names = {"id": "Indonesian", "ms": "Malay", "en": "English"}
    paragraphs = justext.justext(html, justext.get_stoplist(names.get(lang, "Indonesian")))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def run_trafilatura(raw: str, fmt: str) -> str:
    import trafilatura

    html = raw if fmt == "html" else _html_of_text(raw)
    return trafilatura.extract(html, include_comments=False, include_tables=False) or ""


def evaluate(
    cases: Iterable[Case],
    pipeline: Pipeline,
    *,
    baselines: bool = False,
) -> dict[str, Any]:
    """Score every case; return {"documents": [...], "summary": {split: {system: {...}}}}."""
    documents = []
    totals: dict[str, dict[str, Score]] = {}
    field_hits: dict[str, dict[str, list[bool]]] = {}
    counted: dict[str, int] = {}
    systems = SYSTEMS if baselines else ("cleaner",)
    for case in cases:
        raw = decode(case.input.read_bytes(), str(case.input)).text
        lang = case.annotation.get("lang", "id")
        visible = raw if case.format == "text" else visible_text(raw)
        row: dict[str, Any] = {"name": case.name, "split": case.split, "format": case.format}
        scores: dict[str, Score] = {}
        for system in systems:
            score: Score
            try:
                if system == "cleaner":
                    result = pipeline.run(raw, doc_id=case.name, format=case.format)
                    output, sidecar = result.text, result.metadata
                    score = score_text(visible, output, case.expected)
                    score.fields = score_fields(case.annotation, sidecar)
                elif system == "justext":
                    output = run_justext(raw, case.format, lang)
                    score = score_text(visible, output, case.expected)
                else:
                    output = run_trafilatura(raw, case.format)
                    score = score_text(visible, output, case.expected)
            except Exception as exc:  # a system failing on a document is a result, not a crash
                score = Score(error=f"{type(exc).__name__}: {exc}")
            row[system] = score.as_dict() | ({"error": score.error} if score.error else {})
            if system == "cleaner" and score.fields:
                row["fields"] = score.fields
            scores[system] = score
        # Systems are compared on the same documents: a document any system failed on is left
        # out of every system's totals (and listed with its error).
        if all(sc.error is None for sc in scores.values()):
            for key in (case.split, "all"):
                for system, sc in scores.items():
                    totals.setdefault(key, {}).setdefault(system, Score()).add(sc)
                hits = field_hits.setdefault(key, {})
                for name, ok in scores["cleaner"].fields.items():
                    hits.setdefault(name, []).append(ok)
            counted.setdefault(case.split, 0)
            counted[case.split] += 1
        documents.append(row)
    summary: dict[str, Any] = {}
    for split, by_system in totals.items():
        summary[split] = {system: s.as_dict() for system, s in by_system.items()}
        hits = field_hits.get(split, {})
        summary[split]["fields"] = {k: round(sum(v) / len(v), 4) for k, v in hits.items() if v}
        summary[split]["documents"] = sum(counted.values()) if split == "all" else counted[split]
        summary[split]["skipped"] = (
            sum(1 for d in documents if split in ("all", d["split"])) - summary[split]["documents"]
        )
    return {"documents": documents, "summary": summary}


def format_table(report: dict[str, Any], *, per_document: bool = True) -> str:
    """A plain-text table a person can read."""
    lines: list[str] = []
    systems = [s for s in SYSTEMS if any(s in d for d in report["documents"])]
    if per_document:
        header = f"{'document':<28}{'split':<9}" + "".join(f"{s + ' F1':>15}" for s in systems)
        lines += [header, "-" * len(header)]
        for doc in report["documents"]:
            cells = []
            for s in systems:
                entry = doc.get(s, {})
                cells.append(f"{'error' if 'error' in entry else format(entry['f1'], '.3f'):>15}")
            lines.append(f"{doc['name']:<28}{doc['split']:<9}" + "".join(cells))
        lines.append("")
    for split in sorted(report["summary"], key=lambda s: (s == "all", s)):
        summary = report["summary"][split]
        skipped = f", {summary['skipped']} left out: a system failed" if summary["skipped"] else ""
        lines.append(f"== {split} ({summary['documents']} documents{skipped})")
        lines.append(
            f"{'system':<14}{'precision':>10}{'recall':>10}{'F1':>10}{'lost':>10}{'left':>10}"
        )
        for s in systems:
            if s in summary:
                m = summary[s]
                lines.append(
                    f"{s:<14}{m['precision']:>10.4f}{m['recall']:>10.4f}{m['f1']:>10.4f}"
                    f"{m['article_lost']:>10.2%}{m['boilerplate_left']:>10.2%}"
                )
        if summary.get("fields"):
            fields = "  ".join(f"{k} {v:.0%}" for k, v in summary["fields"].items())
            lines.append(f"sidecar fields (cleaner): {fields}")
        lines.append("")
    return "\n".join(lines)
