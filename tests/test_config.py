"""The frozen config: defaults, files, overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import Config, load_config
from cleaner.errors import ConfigError


def test_defaults() -> None:
    config = load_config()
    assert config == Config()
    assert config.lang == "auto"


def test_file_then_overrides(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[cleaner]\nlang = "ms"\nkeep_dateline = true\nrules = ["extra.toml"]\n', encoding="utf-8"
    )
    config = load_config(path, lang="en", keep_dateline=None)
    assert config.lang == "en"
    assert config.keep_dateline is True
    assert config.rules == (str((tmp_path / "extra.toml").resolve()),)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[cleaner]\nlang = 'fr'\n", "lang must be one of"),
        ("[cleaner]\nkeep_dateline = 'yes'\n", "true or false"),
        ("[cleaner]\nspeed = 3\n", "unknown setting 'speed'"),
        ("lang = 'id'\n", "under a [cleaner] table"),
        ("[cleaner\n", "not valid TOML"),
        ("[cleaner]\nmin_repeat_chars = 0\n", "at least 1"),
    ],
)
def test_bad_config(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_config(path)


def test_config_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Config().lang = "id"  # type: ignore[misc]


def test_disable_switches_a_rule_off() -> None:
    from cleaner import Pipeline

    text = (
        "MOSKOW – Pemimpin Korea Utara Kim Jong-un tiba di Rusia pada Selasa untuk bertemu Putin.\n"
    )
    on = Pipeline(Config(lang="id")).run(text)
    off = Pipeline(Config(lang="id", disable=("cut_dateline",))).run(text)
    assert on.text.startswith("Pemimpin")
    assert off.text == text
