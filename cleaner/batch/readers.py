"""Where documents come from: paths, folders, path lists, JSONL, WARC and standard input,
all turned into one stream of tasks in a stable order.

Readers stay cheap on purpose: they hand out paths and raw lines, and the workers do the
reading and parsing, so that the parent process keeps up with any number of workers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import CleanerError, InputError
from .compression import open_binary, strip_compression
from .records import DocTask, FileTask, LineTask, Task
from .warc import is_warc, warc_tasks

JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"


@dataclass(frozen=True)
class InputSpec:
    paths: list[str] = field(default_factory=list)
    #: A file listing one input path per line (``-`` for standard input).
    from_list: str | None = None
    #: Which files to take from folders.
    glob: str = "*"
    #: Read every file (and standard input) as JSONL, whatever its name.
    jsonl: bool = False


def is_jsonl(name: str) -> bool:
    return strip_compression(name).endswith(JSONL_SUFFIXES)


def all_paths(spec: InputSpec) -> Iterator[str]:
    yield from spec.paths
    if spec.from_list is not None:
        yield from _listed(spec.from_list)


def _listed(list_path: str) -> Iterator[str]:
    if list_path == STDIN:
        lines: Iterable[str] = (line.decode("utf-8", "replace") for line in sys.stdin.buffer)
        yield from _entries(lines)
        return
    try:
        with open(list_path, encoding="utf-8", errors="replace") as f:
            yield from _entries(f)
    except FileNotFoundError:
        raise InputError(f"cannot read the path list '{list_path}': no such file") from None


def _entries(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield entry


def iter_tasks(spec: InputSpec) -> Iterator[Task]:
    """Every input record, in order: paths as given, folders walked in sorted order."""
    for path in all_paths(spec):
        if path == STDIN:
            yield from stdin_tasks(spec.jsonl)
            continue
        p = Path(path)
        if p.is_dir():
            for file in sorted(f for f in p.rglob(spec.glob) if f.is_file()):
                yield from file_tasks(str(file), str(file.relative_to(p)), spec.jsonl)
        else:
            yield from file_tasks(path, p.name, spec.jsonl)


def file_tasks(path: str, rel: str, jsonl: bool = False) -> Iterator[Task]:
    if is_warc(path):
        yield from warc_tasks(path)
    elif jsonl or is_jsonl(path):
        yield from jsonl_tasks(path)
    else:
        yield FileTask(path, rel)


def jsonl_tasks(path: str) -> Iterator[Task]:
    """One task per non-blank line; a file that cannot be opened or decompressed yields one
    error record in place of what it could not read."""
    lineno = 0
    try:
        with open_binary(path) as f:
            for lineno, raw in _lines(f):
                yield LineTask(path, lineno, raw)
    except (CleanerError, OSError, EOFError) as exc:
        reason = exc if isinstance(exc, CleanerError) else f"cannot read '{path}' after line {lineno}: {exc}"
        yield DocTask(f"{path}:{lineno + 1}", None, None, error=str(reason))


def _lines(f: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for lineno, raw in enumerate(f, 1):
        raw = raw.rstrip(b"\r\n")
        if raw.strip():
            yield lineno, raw


def stdin_tasks(jsonl: bool) -> Iterator[Task]:
    if jsonl:
        for lineno, raw in _lines(sys.stdin.buffer):
            yield LineTask("<stdin>", lineno, raw)
    else:
        yield DocTask(STDIN, None, sys.stdin.buffer.read())
