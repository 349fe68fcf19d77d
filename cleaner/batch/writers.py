"""Where output records go: one JSONL stream, or one ``.txt`` per input file.

A JSONL file named with ``-o`` is written as ``FILE.partial`` and renamed to ``FILE`` only
when the run ends, so that a reader never sees half a result. An interrupted run leaves the
``.partial`` file, which ``--resume`` continues: the ids already there are not cleaned again.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import TextIO

from ..errors import InputError, UsageError
from .compression import strip_compression
from .job import Outcome
from .records import FileTask, Task


class JsonlSink:
    def __init__(self, path: str | None, *, resume: bool = False, id_field: str = "id") -> None:
        self.done_ids: set[str] = set()
        self.final: Path | None = None
        self.partial: Path | None = None
        if path is None or path == "-":
            if resume:
                raise UsageError("--resume needs an output file (-o FILE)")
            self.stream: TextIO = sys.stdout
            return
        self.final = Path(path)
        self.partial = self.final.with_name(self.final.name + ".partial")
        if resume:
            self._take_over(id_field)
            self.stream = open(self.partial, "a", encoding="utf-8")  # noqa: SIM115
        else:
            self.stream = open(self.partial, "w", encoding="utf-8")  # noqa: SIM115

    def _take_over(self, id_field: str) -> None:
        """Start from the unfinished output if there is one, else from the finished one."""
        assert self.final is not None and self.partial is not None
        if not self.partial.exists():
            if not self.final.exists():
                return
            shutil.copyfile(self.final, self.partial)
        self.done_ids = _ids_and_trim(self.partial, id_field)

    def skip(self, task: Task) -> bool:  # JSONL resume works by id, in the workers
        return False

    def write(self, outcome: Outcome) -> None:
        self.stream.write(outcome.line + "\n")  # type: ignore[operator]

    def finish(self) -> None:
        if self.final is None:
            self.stream.flush()
            return
        self.stream.close()
        os.replace(self.partial, self.final)  # type: ignore[arg-type]

    def abort(self) -> None:
        if self.final is not None:
            self.stream.close()


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
            raise InputError(f"cannot create the output folder '{out_dir}': {exc.strerror}") from None

    def target(self, rel: str) -> Path:
        return self.root / Path(strip_compression(rel)).with_suffix(".txt")

    def skip(self, task: Task) -> bool:
        if not isinstance(task, FileTask):
            raise UsageError("--out-dir takes files and folders of pages; write JSONL or WARC records as JSONL (-o FILE)")
        return self.resume and self.target(task.rel).exists()

    def write(self, outcome: Outcome) -> None:
        if outcome.error is not None or outcome.rel is None:
            return
        target = self.target(outcome.rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(outcome.text + "\n" if outcome.text else "", encoding="utf-8")

    def finish(self) -> None:
        pass

    def abort(self) -> None:
        pass
