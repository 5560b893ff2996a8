"""Finalise: drop lines left without a single letter or digit, order the removal record, and take
the fallback values of fields no stage set.

Last in the pipeline. Cuts can leave a line of punctuation ("--", "***", "|"); such a line is no
paragraph. The clean text itself is assembled by the pipeline from the kept lines.
"""

from __future__ import annotations

import re

from cleaner.document import Document
from cleaner.stages.base import Context

STAGE = "finalize"
NO_WORDS_RULE = "common.final.no_words"
_WORD_RE = re.compile(r"\w")


def finalize(doc: Document, ctx: Context) -> None:
    """Drop word-less lines; sort `removed` by input line (stable, so order within a line stays)."""
    rule = ctx.rule(STAGE, NO_WORDS_RULE)
    if rule is not None:
        for line in doc.live():
            if not _WORD_RE.search(line.text):
                doc.drop(line, STAGE, rule.id)
    doc.removed.sort(key=lambda r: r.line)
    for name, value in doc.meta.fallbacks.items():
        doc.meta.set_once(name, value)
