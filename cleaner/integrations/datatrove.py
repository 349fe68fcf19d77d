"""A datatrove pipeline step (``pip install 'cleaner[datatrove]'``).

``CleanerStep`` cleans ``Document.text`` as plain text (``mode="text"``, after an extractor)
or takes it as HTML and extracts and cleans it in one go (``mode="html"``, in place of
datatrove's ``Trafilatura`` step). What was removed goes to ``doc.metadata["cleaner_removed"]``
and into datatrove's stats as one counter per rule id (``removed/NL001``...).

The step holds only a :class:`~cleaner.Cleaner`, which pickles as its rule sources and
settings, so the same object runs in ``LocalPipelineExecutor``, ``SlurmPipelineExecutor`` and
``RayPipelineExecutor`` unchanged: each task rebuilds the rules once when it unpickles the step.
"""

from __future__ import annotations

from typing import Literal

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from ..batch.job import removed_list
from ..engine import Cleaner
from ..settings import Settings


class CleanerStep(PipelineStep):
    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        cleaner: Cleaner | None = None,
        mode: Literal["text", "html"] = "text",
        *,
        drop_empty: bool = False,
        keep_errors: bool = True,
    ) -> None:
        """``drop_empty`` drops documents left with no text; ``keep_errors=False`` drops the
        documents that cannot be cleaned instead of passing them on with empty text and
        ``metadata["cleaner_error"]``."""
        super().__init__()
        if mode not in ("text", "html"):
            raise ValueError(f"mode must be 'text' or 'html', not {mode!r}")
        self.cleaner = cleaner or Cleaner.default(Settings(with_metadata=False))
        self.mode = mode
        self.drop_empty = drop_empty
        self.keep_errors = keep_errors

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    result = self.cleaner.clean(doc.text, url=doc.metadata.get("url"), input_format=self.mode)
                except Exception as exc:  # the page fails, not the task
                    self.stat_update("error")
                    if not self.keep_errors:
                        continue
                    doc.text = ""
                    doc.metadata["cleaner_error"] = f"{type(exc).__name__}: {exc}"
                    yield doc
                    continue
            removed = removed_list(result)
            doc.text = result.text
            doc.metadata["cleaner_removed"] = removed
            for item in removed:
                self.stat_update(f"removed/{item['rule']}")
            if self.drop_empty and not doc.text:
                self.stat_update(StatHints.dropped)
                continue
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
