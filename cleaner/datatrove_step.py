"""cleaner as a datatrove pipeline step, and a reader for folders of .txt/.html files.

    pip install 'cleaner[datatrove]'

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.datatrove_step import CleanerStep

    LocalPipelineExecutor(
        pipeline=[JsonlReader("raw/"), CleanerStep(), JsonlWriter("clean/")],
        tasks=8, workers=2, logging_dir="logs/",
    ).run()

`CleanerStep` cleans `doc.text` (text or HTML: detected per document), replaces it with the clean
text and stores the sidecar under `doc.metadata["cleaner"]`. It counts documents and removals by
stage in datatrove's stats. A document it cannot clean is not a crash: it goes on unchanged with
`doc.metadata["cleaner"] = {"error": "..."}` and is counted as `cleaner_failed`. A document whose
clean text is empty is dropped (counted as `cleaner_dropped_empty`) unless `keep_empty=True`.

`CleanerFileReader` reads one document per file from a folder (local or any fsspec URL), for
scraped folders of .txt/.html files; datatrove's own readers read JSONL, Parquet, CSV and WARC.

This subclasses `datatrove.pipeline.base.PipelineStep` directly (datatrove's formatters package
imports `regex`, which this step does not need).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document as DatatroveDocument
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.readers.base import BaseDiskReader

from cleaner.config import Config
from cleaner.errors import CleanerError
from cleaner.io import decode
from cleaner.pipeline import Pipeline

FILE_SUFFIXES = (".txt", ".html", ".htm")


class CleanerStep(PipelineStep):  # type: ignore[misc]
    """Clean each document's text; the sidecar goes to `doc.metadata[metadata_key]`."""

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        config: Config | None = None,
        *,
        format: str = "auto",
        metadata_key: str = "cleaner",
        keep_empty: bool = False,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.format = format
        self.metadata_key = metadata_key
        self.keep_empty = keep_empty
        self._pipeline: Pipeline | None = None

    def __getstate__(self) -> dict[str, Any]:
        # The Pipeline is rebuilt in each worker process (rule packs load once per process).
        state = self.__dict__.copy()
        state["_pipeline"] = None
        return state

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.config)
        return self._pipeline

    def run(
        self, data: Iterator[DatatroveDocument] | None, rank: int = 0, world_size: int = 1
    ) -> Iterator[DatatroveDocument]:
        """Clean every document of `data`."""
        if data is None:
            return
        for doc in data:
            self.stat_update("cleaner_documents")
            with self.track_time():
                try:
                    fmt = doc.metadata.get("format", self.format)
                    result = self.pipeline.run(
                        doc.text,
                        doc_id=str(doc.id),
                        format=fmt if fmt in ("text", "html", "auto") else self.format,
                        url=doc.metadata.get("url"),
                        group=str(doc.metadata.get("group", "")),
                    )
                except (CleanerError, ValueError, RuntimeError) as exc:
                    self.stat_update("cleaner_failed")
                    doc.metadata[self.metadata_key] = {"error": f"{type(exc).__name__}: {exc}"}
                    yield doc
                    continue
            for removal in result.metadata["removed"]:
                self.stat_update(f"removed_{removal['stage']}")
            if not result.text and not self.keep_empty:
                self.stat_update("cleaner_dropped_empty")
                continue
            doc.text = result.text
            doc.metadata[self.metadata_key] = result.metadata
            self.update_doc_stats(doc)
            yield doc


class CleanerFileReader(BaseDiskReader):  # type: ignore[misc]
    """One document per .txt/.html/.htm file under `data_folder` (recursively).

    The id is the file's path relative to the folder without its suffix; `metadata["format"]` says
    text or html, and `metadata["group"]` the file's folder (for `--learn-repeats`-style grouping).
    Files that are not text (empty, binary, undecodable) are skipped and counted as `unreadable`.
    """

    name = "📂 cleaner files"

    def read_file(self, filepath: str) -> Iterator[DatatroveDocument]:
        if not filepath.lower().endswith(FILE_SUFFIXES):
            return
        with self.data_folder.open(filepath, "rb") as handle:
            data = handle.read()
        try:
            text = decode(data, filepath).text
        except CleanerError:
            self.stat_update("unreadable")
            return
        stem = filepath.rsplit(".", 1)[0]
        fmt = "html" if filepath.lower().endswith((".html", ".htm")) else "text"
        group = filepath.rsplit("/", 1)[0] if "/" in filepath else "."
        document = self.get_document_from_dict({"text": text, "id": stem}, filepath, 0)
        if document is not None:
            document.metadata.update({"format": fmt, "group": group})
            yield document
