"""One frozen configuration object, its defaults, and how a TOML file and CLI options map onto it.

Defaults live here and only here. A user's file (`--config FILE`) overrides them:

    [cleaner]
    lang = "id"               # id | ms | en | auto
    keep_dateline = false
    rules = ["my-outlet.toml"]  # extra rule packs, loaded after the built-in ones
    disable = ["id.signoff.initials"]  # rule ids or stage names switched off
    min_repeat_chars = 30

CLI options given explicitly override the file. Unknown keys are an error (a typo in a config must
not be silently ignored).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from cleaner.errors import ConfigError

LANG_CHOICES = ("auto", "id", "ms", "en")


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that changes what the pipeline does. Immutable; build variants with `replace`."""

    lang: str = "auto"
    """Rule pack language: `id`, `ms`, `en`, or `auto` (detected per document from stopwords)."""
    keep_dateline: bool = False
    """Leave the dateline prefix in the text (it is still parsed into the sidecar)."""
    rules: tuple[str, ...] = ()
    """Extra rule files (paths), loaded after the built-in packs."""
    disable: tuple[str, ...] = ()
    """Rule ids or stage names to switch off."""
    min_repeat_chars: int = 30
    """A repeated paragraph shorter than this is kept: short lines ("Ya.", "Gejala") legitimately
    repeat in interviews and lists; scraper duplicates are whole paragraphs."""

    def __post_init__(self) -> None:
        if self.lang not in LANG_CHOICES:
            raise ConfigError(f"lang must be one of {', '.join(LANG_CHOICES)}, not {self.lang!r}")
        if self.min_repeat_chars < 1:
            raise ConfigError("min_repeat_chars must be at least 1")

    def sha256(self) -> str:
        """A digest of the settings, written to every sidecar so outputs can be traced to them."""
        blob = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def disabled(self, name: str) -> bool:
        return name in self.disable


def _coerce(values: Mapping[str, Any], origin: str) -> dict[str, Any]:
    known = {f.name: f for f in fields(Config)}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{origin}: unknown setting {key!r} (known: {', '.join(known)})")
        if key in ("rules", "disable"):
            if isinstance(value, str):
                value = (value,)
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{origin}: {key!r} must be a list of strings")
            value = tuple(value)
        elif key == "keep_dateline" and not isinstance(value, bool):
            raise ConfigError(f"{origin}: 'keep_dateline' must be true or false")
        elif key == "min_repeat_chars" and not isinstance(value, int):
            raise ConfigError(f"{origin}: 'min_repeat_chars' must be an integer")
        elif key == "lang" and not isinstance(value, str):
            raise ConfigError(f"{origin}: 'lang' must be a string")
        out[key] = value
    return out


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Defaults, then the `[cleaner]` table of `path`, then explicit overrides (None = not given)."""
    values: dict[str, Any] = {}
    if path is not None:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        table = data.get("cleaner", {})
        if set(data) - {"cleaner"}:
            raise ConfigError(f"{path}: settings go under a [cleaner] table")
        values.update(_coerce(table, str(path)))
        # Rule files in a config are relative to the config file.
        if "rules" in values:
            values["rules"] = tuple(str((path.parent / r).resolve()) for r in values["rules"])
    values.update(_coerce({k: v for k, v in overrides.items() if v is not None}, "option"))
    try:
        return replace(Config(), **values)
    except TypeError as exc:  # pragma: no cover - _coerce already checked the names
        raise ConfigError(str(exc)) from exc
