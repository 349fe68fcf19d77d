"""What a worker does with one task: load it, clean it, and shape the output record.

The job is built once in the parent and sent to each worker, where it lives for the whole run:
its :class:`~cleaner.Cleaner` pickles as rule sources and settings and compiles on arrival.
The output record is serialized here, in the worker, so that the parent only writes lines.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ..engine import Cleaner
from ..errors import CleanerError
from ..model import Result
from .records import Document, FieldNames, Task

OutputKind = Literal["jsonl", "txt"]


@dataclass(slots=True)
class Outcome:
    """One output record, ready to write, and what the summary needs to know about it."""

    id: str
    #: The JSONL line (``"jsonl"`` output) or ``None``.
    line: str | None = None
    #: The clean text (``"txt"`` output) or ``None``.
    text: str | None = None
    rel: str | None = None
    error: str | None = None
    #: Removed blocks per rule category.
    removed: dict[str, int] = field(default_factory=dict)
    #: Already in the output of an earlier run (``--resume``): nothing to write.
    skipped: bool = False


@dataclass
class RecordJob:
    cleaner: Cleaner
    names: FieldNames = field(default_factory=FieldNames)
    output: OutputKind = "jsonl"
    with_removed: bool = False
    with_metadata: bool = False
    skip_ids: frozenset[str] = frozenset()

    def prepare(self) -> None:
        self.cleaner.warm()

    def __call__(self, task: Task) -> Outcome:
        doc = task.load(self.names)
        if doc.id in self.skip_ids:
            return Outcome(doc.id, skipped=True)
        if doc.error is not None:
            return self.failed(doc, doc.error)
        try:
            result = self.cleaner.clean(doc.payload or "", url=doc.url, input_format=doc.input_format)
        except CleanerError as exc:
            return self.failed(doc, str(exc))
        except Exception as exc:  # lxml or trafilatura choking on a page: the record fails, not the run
            return self.failed(doc, f"{type(exc).__name__}: {exc}")
        return self.succeeded(doc, result)

    def failed(self, doc: Document, error: str) -> Outcome:
        record = {**doc.fields, "text": "", "error": error}
        if self.with_removed:
            record["removed"] = []
        return self._outcome(doc, record, "", error, {})

    def succeeded(self, doc: Document, result: Result) -> Outcome:
        fields = doc.fields
        if "url" in fields and fields["url"] is None and result.metadata.url:
            fields = {**fields, "url": result.metadata.url}  # a file's own canonical address
        record: dict[str, Any] = {**fields, "text": result.text, "error": None}
        if self.with_removed:
            record["removed"] = removed_list(result)
        if self.with_metadata:
            record["metadata"] = asdict(result.metadata)
        return self._outcome(doc, record, result.text, None, removed_by_category(result))

    def _outcome(self, doc: Document, record: dict[str, Any], text: str, error: str | None, removed: dict[str, int]) -> Outcome:
        if self.output == "txt":
            return Outcome(doc.id, text=text, rel=doc.rel, error=error, removed=removed)
        line = json.dumps(record, ensure_ascii=False, default=str)
        return Outcome(doc.id, line=line, error=error, removed=removed)


def removed_list(result: Result) -> list[dict[str, Any]]:
    """What the rules took out, small enough to keep in every record."""
    out: list[dict[str, Any]] = [
        {"rule": r.rule_id, "action": "remove_element", "category": r.category, "chars": r.chars}
        for r in result.dom_removals
    ]
    for d in result.decisions:
        if d.rule_id is not None:
            chars = len(result.blocks[d.index].text) - len(d.text)
            out.append({"rule": d.rule_id, "action": d.action, "category": d.category, "chars": chars})
    return out


def removed_by_category(result: Result) -> dict[str, int]:
    counts: Counter[str] = Counter(r.category or "other" for r in result.dom_removals)
    counts.update(d.category or "other" for d in result.decisions if d.rule_id is not None)
    return dict(counts)
