"""The command line: outputs, stdin, errors that name the file, exit codes, --help, explain."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from tests.helpers import SEED_GOLDEN_DIR, SEEDS_DIR

runner = CliRunner()


def test_clean_folder_writes_text_and_sidecar_per_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["clean", str(SEEDS_DIR), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("_"))
    assert len(written) == 10
    run = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert run["documents"] == 5
    assert run["errors"] == 0
    assert run["bytes_in"] == sum(p.stat().st_size for p in SEEDS_DIR.glob("*.txt"))
    assert (out / "_errors.jsonl").read_text(encoding="utf-8") == ""
    for seed in SEEDS_DIR.glob("*.txt"):
        assert (out / seed.name).read_text(encoding="utf-8") == (
            SEED_GOLDEN_DIR / seed.name
        ).read_text(encoding="utf-8")
        sidecar = json.loads((out / f"{seed.stem}.json").read_text(encoding="utf-8"))
        assert sidecar["schema"] == "cleaner.sidecar/1"
        assert sidecar["id"] == seed.stem
    assert "cleaned 5 documents" in result.stderr
    assert "0 errors" in result.stderr


def test_clean_nested_folder_mirrors_relative_paths(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "a" / "b").mkdir(parents=True)
    shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", src / "a" / "b" / "x.txt")
    out = tmp_path / "out"
    result = runner.invoke(main, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "a" / "b" / "x.txt").exists()
    assert (out / "a" / "b" / "x.json").exists()


def test_only_dot_names_are_skipped_as_hidden(tmp_path: Path) -> None:
    src = tmp_path / "src"
    for name in ("_a.txt", "_drafts/b.txt", ".c.txt", ".git/d.txt", "e.txt"):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", src / name)
    out = tmp_path / "out"
    result = runner.invoke(main, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt"))
    assert written == ["_a.txt", "_drafts/b.txt", "e.txt"]


def test_stdin_to_stdout_with_sidecar(tmp_path: Path) -> None:
    text = (SEEDS_DIR / "002_a749a76889ea1f7c.txt").read_text(encoding="utf-8")
    sidecar = tmp_path / "s.json"
    result = runner.invoke(main, ["clean", "-", "--sidecar", str(sidecar)], input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Pemimpin Korea Utara (Korut)")
    assert json.loads(sidecar.read_text(encoding="utf-8"))["dateline"]["outlet"] == "ANTARA"


def test_bad_inputs_are_one_line_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (src / "page.html").write_text(
        "<html><body><article><p>Pemerintah Kota Bandung menutup sementara tiga ruas jalan di pusat "
        "kota selama perayaan ulang tahun kota pada akhir pekan ini.</p>"
        "<p>Baca juga: Judul Berita Lain</p></article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(main, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("binary.txt: binary file" in e for e in errors)
    assert "Traceback" not in result.output
    assert (out / "good.txt").exists()
    assert "2 documents" in result.stderr
    page = (out / "page.txt").read_text(encoding="utf-8")
    assert page.startswith("Pemerintah Kota Bandung")
    assert "Baca juga" not in page
    assert json.loads((out / "page.json").read_text(encoding="utf-8"))["source"]["format"] == "html"


def test_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    body = "Menteri itu menyatakan bahwa café dan résumé tidak termasuk dalam daftar barang yang dikenai pajak baru."
    src = tmp_path / "latin.txt"
    src.write_bytes(body.encode("cp1252"))
    out = tmp_path / "out"
    result = runner.invoke(main, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "café" in (out / "latin.txt").read_text(encoding="utf-8")
    sidecar = json.loads((out / "latin.json").read_text(encoding="utf-8"))
    assert sidecar["source"]["encoding"] not in ("utf-8", "utf-8-sig")


def test_out_inside_input_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    result = runner.invoke(main, ["clean", str(src), "-o", str(src / "out")])
    assert result.exit_code == 2
    assert "inside the input folder" in result.output


def test_out_holding_a_file_input_is_refused(tmp_path: Path) -> None:
    """OUT = the folder of a file input would write the clean text over the input itself."""
    folder = tmp_path / "r"
    folder.mkdir()
    original = (SEEDS_DIR / "000_91a0ecad471e4b25.txt").read_bytes()
    (folder / "a.txt").write_bytes(original)
    (folder / "sub").mkdir()
    for out in (folder, tmp_path):
        result = runner.invoke(main, ["clean", str(folder / "a.txt"), "-o", str(out)])
        assert result.exit_code == 2, result.output
        assert "is inside the output folder" in result.output
    result = runner.invoke(main, ["clean", str(folder / "sub"), "-o", str(tmp_path)])
    assert result.exit_code == 2  # an input folder inside OUT: outputs could land on inputs
    assert (folder / "a.txt").read_bytes() == original
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "sub"]


def test_out_beside_a_file_input_is_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(SEEDS_DIR / "000_91a0ecad471e4b25.txt", tmp_path / "a.txt")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["clean", "a.txt", "-o", "./clean"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "clean" / "a.txt").exists()


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("/proc/nope/out", "cannot create"),
        ("file/out", "cannot create"),
        ("/proc/self", "cannot write in"),  # exists, but no file can be made in it
    ],
)
def test_an_out_that_cannot_be_made_is_a_usage_error(tmp_path: Path, where: str, why: str) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    out = tmp_path / where  # an absolute `where` stays as it is
    result = runner.invoke(
        main, ["clean", str(SEEDS_DIR / "000_91a0ecad471e4b25.txt"), "-o", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert f"Error: {why} the output folder {out}: " in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_out_is_a_usage_error() -> None:
    result = runner.invoke(main, ["clean", str(SEEDS_DIR)])
    assert result.exit_code == 2
    assert "missing -o/--out" in result.output


def test_bad_config_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[cleaner]\nlangue = 'id'\n", encoding="utf-8")
    result = runner.invoke(
        main, ["clean", str(SEEDS_DIR), "-o", str(tmp_path / "o"), "--config", str(config)]
    )
    assert result.exit_code == 2
    assert "unknown setting 'langue'" in result.output


def test_keep_dateline(tmp_path: Path) -> None:
    out = tmp_path / "out"
    seed = SEEDS_DIR / "000_91a0ecad471e4b25.txt"
    result = runner.invoke(main, ["clean", str(seed), "-o", str(out), "--keep-dateline"])
    assert result.exit_code == 0
    assert (out / seed.name).read_text(encoding="utf-8").startswith("MOSKOW – Pemimpin")
    assert (
        json.loads((out / f"{seed.stem}.json").read_text(encoding="utf-8"))["dateline"]["place"]
        == "Moskow"
    )


def test_explain_shows_every_line_with_its_rule() -> None:
    seed = SEEDS_DIR / "001_31897a7181c8f20e.txt"
    result = runner.invoke(main, ["explain", str(seed), "--width", "200"])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()[1:]
    numbered = [r for r in rows if r[:4].strip().isdigit()]
    assert len(numbered) == 47
    assert "drop_navigation:common.nav.glued_breadcrumb" in rows[3]
    assert "\x1b[" not in result.output  # plain when not a terminal
    kept = [r for r in numbered if r[5] == "+"]
    assert any("Apa saja yang akan dibahas?" in r for r in kept)


def test_explain_marks_edited_lines() -> None:
    result = runner.invoke(main, ["explain", str(SEEDS_DIR / "000_91a0ecad471e4b25.txt")])
    assert "   1 ~ cut_dateline:common.dateline.prefix" in result.output
    assert "cut 'MOSKOW –' => Pemimpin" in result.output


@pytest.mark.parametrize("command", [[], ["clean"], ["explain"]])
def test_help_has_an_example(command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
