"""Drop advertising markers: "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Promosi", ...

Early in the pipeline, right after navigation: the markers are glued into paragraphs of flattened
articles ("... kata dia. ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT Ia ..."), and cutting them
first gives the later stages clean paragraphs to judge. Line rules drop a marker standing alone;
span rules cut one glued inside a paragraph.
"""

from __future__ import annotations

from cleaner.document import Document
from cleaner.stages.base import Context, apply_line_rules

STAGE = "drop_ads"


def drop_ads(doc: Document, ctx: Context) -> None:
    """Remove advertising markers, alone on a line or glued inside one."""
    apply_line_rules(doc, ctx, STAGE)
