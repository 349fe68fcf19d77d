"""Where output records go: one JSONL stream, or one ``.txt`` per input file.

A JSONL file named with ``-o`` is written as ``FILE.partial`` and renamed to ``FILE`` only
when the run ends, so that a reader never sees half a result. An interrupted run leaves the
``.partial`` file, which ``--resume`` continues: the ids already there are not cleaned again.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import OutputError, UsageError
from .compression import strip_compression
from .job import Outcome
from .records import FileTask, Task

STDOUT_NAME = "standard output"


def write_all(stream: BinaryIO, data: bytes) -> None:
    """Write every byte or raise. A buffered stream passes a large write straight to the
    file and, when a pipe's reader leaves half-way, returns a short count instead of the
    error (CPython 3.11); text streams drop that count, so the loss would go unnoticed."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if not written:
            raise OSError(errno.EIO, "nothing could be written")
        view = view[written:]


def binary_stdout() -> BinaryIO:
    """Standard output as bytes (JSONL is UTF-8 whatever the locale says)."""
    sys.stdout.flush()
    return getattr(sys.stdout, "buffer", None) or _TextAsBinary(sys.stdout)


class _TextAsBinary:
    """For a ``sys.stdout`` replaced by a text-only stream (a notebook, a test)."""

    def __init__(self, text: TextIO) -> None:
        self.text = text

    def write(self, data: bytes | memoryview) -> int:
        self.text.write(bytes(data).decode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self.text.flush()

    def close(self) -> None:
        pass


class JsonlSink:
    def __init__(self, path: str | None, *, resume: bool = False, id_field: str = "id") -> None:
        self.done_ids: set[str] = set()
        self.final: Path | None = None
        self.partial: Path | None = None
        self.name = STDOUT_NAME
        if path is None or path == "-":
            if resume:
                raise UsageError("--resume needs an output file (-o FILE)")
            self.stream: BinaryIO = binary_stdout()
            return
        self.final = Path(path)
        self.partial = partial_path(path)
        self.name = str(self.partial)
        if resume:
            self._take_over(id_field)
        try:
            self.stream = open(self.partial, "ab" if resume else "wb")  # noqa: SIM115
        except OSError as exc:
            raise OutputError.writing(self.name, exc) from None

    def _take_over(self, id_field: str) -> None:
        """Start from the unfinished output if there is one, else from the finished one."""
        assert self.final is not None and self.partial is not None
        try:
            if not self.partial.exists():
                if not self.final.exists():
                    return
                shutil.copyfile(self.final, self.partial)
            self.done_ids = _ids_and_trim(self.partial, id_field)
        except OSError as exc:
            raise OutputError.writing(self.name, exc) from None

    def skip(self, task: Task) -> bool:  # JSONL resume works by id, in the workers
        return False

    def write(self, outcome: Outcome) -> None:
        try:
            write_all(self.stream, outcome.line.encode("utf-8") + b"\n")  # type: ignore[union-attr]
        except BrokenPipeError:
            raise  # the reader went away: the command line ends quietly
        except OSError as exc:
            raise self._failed(exc) from None

    def finish(self) -> None:
        try:
            if self.final is None:
                self.stream.flush()
                return
            self.stream.close()
            os.replace(self.partial, self.final)  # type: ignore[arg-type]
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def abort(self) -> None:
        """Keep what was written (``--resume`` goes on from it); a write that fails again
        here (the disk is still full) must not hide why the run stopped."""
        if self.final is not None:
            try:
                self.stream.close()
            except OSError:
                pass

    @property
    def kept(self) -> str:
        """What an interrupted run leaves for ``--resume``, in words ('' for stdout)."""
        if self.partial is None:
            return ""
        return f"the records written so far are kept in '{self.partial}': run again with --resume to go on"

    def _failed(self, exc: OSError) -> OutputError:
        return OutputError.writing(self.name, exc, self.kept)


def partial_path(output: str) -> Path:
    """Where ``-o FILE`` is written until the run ends."""
    final = Path(output)
    return final.with_name(final.name + ".partial")


def _ids_and_trim(path: Path, id_field: str) -> set[str]:
    """Ids of the complete records in an output file; a torn last line is cut off."""
    ids: set[str] = set()
    good = 0
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                break
            if isinstance(record, dict) and id_field in record:
                ids.add(str(record[id_field]))
            good += len(raw)
    if good != path.stat().st_size:
        with open(path, "r+b") as f:
            f.truncate(good)
    return ids


class TxtDirSink:
    """``--out-dir``: ``in/a/b.html`` becomes ``out/a/b.txt``; failed files get no ``.txt``
    (they are counted, and named on stderr)."""

    def __init__(self, out_dir: str, *, resume: bool = False) -> None:
        self.root = Path(out_dir)
        self.resume = resume
        self.done_ids: set[str] = set()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the output folder '{out_dir}': {exc.strerror}") from None

    def target(self, rel: str) -> Path:
        return self.root / Path(strip_compression(rel)).with_suffix(".txt")

    def skip(self, task: Task) -> bool:
        if not isinstance(task, FileTask):
            raise UsageError("--out-dir takes files and folders of pages; write JSONL or WARC records as JSONL (-o FILE)")
        return self.resume and self.target(task.rel).exists()

    def write(self, outcome: Outcome) -> None:
        """Write ``FILE.txt.partial`` and rename it: ``--resume`` skips every ``.txt`` that
        exists, so none may exist half-written (a full disk, a signal mid-write)."""
        if outcome.error is not None or outcome.rel is None:
            return
        target = self.target(outcome.rel)
        part = target.with_name(target.name + ".partial")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(part, "wb") as f:
                write_all(f, (outcome.text + "\n" if outcome.text else "").encode("utf-8"))
            os.replace(part, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
            if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
                raise OutputError.writing(str(target), exc, self.kept) from None
            raise

    @property
    def kept(self) -> str:
        return "the .txt files written so far are kept: run again with --resume to go on"

    def finish(self) -> None:
        pass

    def abort(self) -> None:
        pass
