"""Units of work and what becomes of them.

A *task* is what a reader hands out: cheap to make and to send to a worker (a path, a raw
JSONL line, a WARC payload). The worker *loads* it into a :class:`Document` (reading the file,
parsing the JSON), which never raises: whatever goes wrong is kept as the document's ``error``
so that it still yields an output record. Loading without the payload gives the identity
alone, which is what the parent needs to write the record of a task whose worker was lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Union

from ..errors import CleanerError
from .compression import read_bytes


@dataclass(frozen=True)
class FieldNames:
    """Which JSONL fields hold what (``--html-field`` and friends)."""

    html: str = "html"
    text: str = "text"
    url: str = "url"
    id: str = "id"


@dataclass
class Document:
    """One input record, ready to clean."""

    id: str
    url: str | None
    #: Carried through to the output record as they came (the payload field excepted).
    fields: dict[str, Any]
    payload: bytes | str | None = None
    #: ``"html"`` or ``"text"`` when the record says which; ``None`` lets the settings decide.
    input_format: str | None = None
    #: Path relative to the input root, for ``--out-dir``.
    rel: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FileTask:
    path: str
    rel: str

    def load(self, names: FieldNames, payload: bool = True) -> Document:
        doc = Document(self.path, None, {"id": self.path, "url": None}, rel=self.rel)
        if payload:
            try:
                doc.payload = read_bytes(self.path)
            except CleanerError as exc:
                doc.error = str(exc)
        return doc


@dataclass(frozen=True, slots=True)
class LineTask:
    source: str
    lineno: int
    raw: bytes

    def load(self, names: FieldNames, payload: bool = True) -> Document:
        fallback = f"{self.source}:{self.lineno}"
        try:
            obj = json.loads(self.raw)
        except UnicodeDecodeError as exc:
            return _broken(fallback, f"line {self.lineno}: not UTF-8 ({exc.reason} at byte {exc.start})")
        except ValueError as exc:
            return _broken(fallback, f"line {self.lineno}: not valid JSON ({exc})")
        if not isinstance(obj, dict):
            return _broken(fallback, f"line {self.lineno}: a JSON {type(obj).__name__}, not an object")
        return _document_from_object(obj, names, fallback, payload)


@dataclass(frozen=True, slots=True)
class DocTask:
    """A document read by the parent (a WARC record, standard input)."""

    id: str
    url: str | None
    payload: bytes | str | None
    fields: dict[str, Any] = field(default_factory=dict)
    input_format: str | None = None
    error: str | None = None

    def load(self, names: FieldNames, payload: bool = True) -> Document:
        fields = {"id": self.id, "url": self.url, **self.fields}
        data = self.payload if payload else None
        return Document(self.id, self.url, fields, data, self.input_format, error=self.error)


Task = Union[FileTask, LineTask, DocTask]


def _broken(record_id: str, error: str) -> Document:
    return Document(record_id, None, {"id": record_id}, error=error)


def _document_from_object(obj: dict[str, Any], names: FieldNames, fallback: str, payload: bool) -> Document:
    record_id = obj.get(names.id)
    record_id = fallback if record_id is None else str(record_id)
    url = obj.get(names.url)
    url = url if isinstance(url, str) and url else None
    fields = {k: v for k, v in obj.items() if k not in (names.html, names.text)}
    fields.setdefault(names.id, record_id)
    doc = Document(record_id, url, fields)
    for name, fmt in ((names.html, "html"), (names.text, "text")):
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            doc.error = f"field '{name}' is a JSON {type(value).__name__}, not a string"
            return doc
        doc.input_format = fmt
        if payload:
            doc.payload = value
        return doc
    doc.error = f"record has no '{names.html}' or '{names.text}' field"
    return doc
