"""The stages, in an explicit registry, and the default order they run in.

Each stage is `verb_object(doc, ctx) -> None` in a module of its family; see each module's
docstring for what it does and why it sits where it does in `DEFAULT_PIPELINE`.
"""

from __future__ import annotations

from collections.abc import Callable

from cleaner.document import Document
from cleaner.stages.ads import drop_ads
from cleaner.stages.base import Context
from cleaner.stages.bylines import drop_bylines
from cleaner.stages.chrome import drop_navigation
from cleaner.stages.classifier import drop_low_content
from cleaner.stages.dateline import cut_dateline
from cleaner.stages.figures import drop_figures
from cleaner.stages.finalize import finalize
from cleaner.stages.header import drop_header_metadata
from cleaner.stages.promo import drop_cross_promotion
from cleaner.stages.related import drop_related_blocks
from cleaner.stages.repeats import drop_learned_repeats, drop_repeats
from cleaner.stages.segment import normalize_text, segment_lines

Stage = Callable[[Document, Context], None]

STAGES: dict[str, Stage] = {
    "normalize_text": normalize_text,
    "segment_lines": segment_lines,
    "drop_navigation": drop_navigation,
    "drop_learned_repeats": drop_learned_repeats,
    "drop_ads": drop_ads,
    "drop_cross_promotion": drop_cross_promotion,
    "drop_repeats": drop_repeats,
    "drop_related_blocks": drop_related_blocks,
    "drop_figures": drop_figures,
    "drop_bylines": drop_bylines,
    "cut_dateline": cut_dateline,
    "drop_header_metadata": drop_header_metadata,
    "drop_low_content": drop_low_content,
    "finalize": finalize,
}

DEFAULT_PIPELINE: tuple[str, ...] = tuple(STAGES)
"""The order stages run in. `normalize_text` and `segment_lines` must come first, `finalize` last."""

__all__ = ["DEFAULT_PIPELINE", "STAGES", "Context", "Stage"]
