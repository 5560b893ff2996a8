"""Errors, named by what the caller should do about them.

- `ConfigError` / `RuleError`: the run cannot start; fix the config or the rule file (exit 2).
- `InputError`: this one document cannot be cleaned; record it and go on with the batch (exit 1
  at the end of the run).
- `OutputError`: the outputs cannot be written at all (disk full, read-only file system): stop
  the batch, keep what is written, and let `--resume` go on from there (exit 1).
"""

from __future__ import annotations


class CleanerError(Exception):
    """Base class: every error cleaner raises on purpose carries a one-line message."""


class ConfigError(CleanerError):
    """The configuration is wrong: abort before any document is read."""


class RuleError(ConfigError):
    """A rule pack is malformed: the message names the file and the rule."""


class InputError(CleanerError):
    """One input cannot be read or cleaned: skip it, record it, continue the batch."""


class OutputError(CleanerError):
    """Nothing more can be written (disk full, quota, read-only): stop the batch (exit 1)."""
