"""Learned repeats (`--learn-repeats`): the table, its determinism and its stage, as a case table."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Config, Pipeline
from cleaner.cli import main
from cleaner.repeats import RepeatTable, line_key

BODY = [
    "Pemerintah Kota Bandung menutup sementara tiga ruas jalan di pusat kota selama perayaan ulang tahun kota.",
    "Kepolisian menyiapkan pengalihan arus lalu lintas di sejumlah titik untuk menghindari kemacetan panjang.",
    "Warga diminta menggunakan transportasi umum selama penutupan jalan berlangsung hingga Minggu malam.",
    "Panitia memperkirakan sekitar seratus ribu pengunjung akan datang ke pusat kota selama acara berlangsung.",
    "Dinas Kesehatan menyiagakan ambulans dan tenaga medis di beberapa pos sepanjang rute acara.",
    "Pedagang kaki lima diberi lokasi khusus agar tidak mengganggu jalur pejalan kaki di sekitar alun-alun.",
    "Pemerintah juga menyiapkan kantong parkir di lima lokasi yang terhubung dengan bus gratis.",
]
FOOTER = "Terima kasih telah membaca berita dari meja redaksi kota hingga akhir hari ini."
"""A footer line the rule packs do not know: only the learned counts can take it."""


def _docs(n: int) -> list[str]:
    return [f"{BODY[i % len(BODY)]}\n{BODY[(i + 1) % len(BODY)]}\n{FOOTER}\n" for i in range(n)]


def test_line_key_normalises_case_digits_punctuation() -> None:
    assert line_key("Dibaca 1.229 kali!") == line_key("dibaca 7 kali")
    assert line_key("Menu") != line_key("Menu utama")


def test_counts_are_per_document_and_order_free() -> None:
    items = [("outlet", t) for t in _docs(12)]
    a = RepeatTable.learn(items, min_docs=5)
    shuffled = items[:]
    random.Random(1).shuffle(shuffled)
    b = RepeatTable.learn(shuffled[:6], min_docs=5)
    b.merge(RepeatTable.learn(shuffled[6:], min_docs=5))  # two workers, merged
    assert a.counts == b.counts
    assert a.counts["outlet"][line_key(FOOTER)] == 12
    assert a.documents["outlet"] == 12


CASES = [
    # label, documents in the folder, min_docs, the footer goes?, a body line goes?
    ("a footer in 12 documents of the folder goes", 12, 5, True, False),
    ("a footer in only 5 documents stays (not more than 5)", 5, 5, False, False),
    ("a lower threshold takes it from 3 documents", 3, 2, True, False),
]


@pytest.mark.parametrize(
    ("label", "n", "min_docs", "footer_goes", "body_goes"), CASES, ids=[c[0] for c in CASES]
)
def test_learned_stage(
    label: str, n: int, min_docs: int, footer_goes: bool, body_goes: bool
) -> None:
    docs = _docs(n)
    table = RepeatTable.learn((("outlet", t) for t in docs), min_docs=min_docs)
    result = Pipeline(Config(lang="id"), repeats=table).run(docs[0], group="outlet")
    assert (FOOTER not in result.text) is footer_goes
    assert (BODY[0] in result.text) is not body_goes
    if footer_goes:
        assert any(r["rule"] == "common.repeat.learned" for r in result.metadata["removed"])


def test_another_group_is_not_touched() -> None:
    table = RepeatTable.learn((("a", t) for t in _docs(12)), min_docs=5)
    result = Pipeline(Config(lang="id"), repeats=table).run(_docs(1)[0], group="b")
    assert FOOTER in result.text


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    table = RepeatTable.learn((("outlet", t) for t in _docs(12)), min_docs=5)
    path = tmp_path / "r.json"
    table.save(path)
    loaded = RepeatTable.load(path)
    assert loaded.is_repeated("outlet", FOOTER)
    assert not loaded.is_repeated("outlet", BODY[0])
    assert "disiarkan" not in path.read_text(encoding="utf-8")  # hashes and counts, never text


def test_cli_learn_then_reuse(tmp_path: Path) -> None:
    src = tmp_path / "src" / "outlet"
    src.mkdir(parents=True)
    for i, text in enumerate(_docs(12)):
        (src / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(
        main, ["clean", str(tmp_path / "src"), "-o", str(out), "--learn-repeats"]
    )
    assert result.exit_code == 0, result.output
    assert FOOTER not in (out / "outlet" / "00.txt").read_text(encoding="utf-8")
    saved = json.loads((out / "_repeats.json").read_text(encoding="utf-8"))
    assert saved["groups"]["outlet"]["documents"] == 12
    # A later run on a new batch of the same outlet reuses what was learned.
    new = tmp_path / "new" / "outlet"
    new.mkdir(parents=True)
    (new / "x.txt").write_text(_docs(1)[0], encoding="utf-8")
    out2 = tmp_path / "out2"
    result = runner.invoke(
        main,
        ["clean", str(tmp_path / "new"), "-o", str(out2), "--repeats", str(out / "_repeats.json")],
    )
    assert result.exit_code == 0, result.output
    assert FOOTER not in (out2 / "outlet" / "x.txt").read_text(encoding="utf-8")


def test_bad_repeats_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "r.json"
    bad.write_text("{}", encoding="utf-8")
    (tmp_path / "src").mkdir()
    result = CliRunner().invoke(
        main, ["clean", str(tmp_path / "src"), "-o", str(tmp_path / "o"), "--repeats", str(bad)]
    )
    assert result.exit_code == 2
    assert "cannot read learned repeats" in result.output
