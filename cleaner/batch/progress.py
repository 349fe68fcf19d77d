"""Telling the person at the terminal how the run goes, and how it went."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from .job import Outcome


@dataclass
class BatchStats:
    documents: int = 0
    errors: int = 0
    skipped: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None

    def add(self, outcome: Outcome) -> None:
        if outcome.skipped:
            self.skipped += 1
            return
        self.documents += 1
        self.errors += outcome.error is not None
        self.removed.update(outcome.removed)

    @property
    def seconds(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    def summary(self) -> str:
        removed = sum(self.removed.values())
        parts = ", ".join(f"{cat} {n}" for cat, n in self.removed.most_common())
        line = f"cleaned {self.documents} documents in {self.seconds:.1f} s ({self.documents / max(self.seconds, 1e-9):.1f} docs/s)"
        line += f"; removed {removed} blocks" + (f" ({parts})" if parts else "")
        line += f"; {self.errors} errors"
        if self.skipped:
            line += f"; {self.skipped} already done (--resume)"
        return line


class Progress:
    """A one-line bar on a terminal, redrawn a few times a second; silent elsewhere."""

    def __init__(self, stream: TextIO, stats: BatchStats, *, enabled: bool) -> None:
        self.stream = stream
        self.stats = stats
        self.enabled = enabled
        self.last = 0.0

    def tick(self) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        s = self.stats
        rate = s.documents / max(s.seconds, 1e-9)
        self.stream.write(f"\r{s.documents} docs  {rate:.1f} docs/s  {s.errors} errors ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.last:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
