"""Telling the person at the terminal how the run goes, and how it went."""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

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
    """tqdm's bar on a terminal (documents, elapsed time, docs/s, errors); silent elsewhere.

    tqdm is imported only when the bar is drawn: a run writing to a file or a pipe does not
    pay for it. The bar is cleared at the end, where the summary line takes its place."""

    def __init__(self, stream: TextIO, stats: BatchStats, *, enabled: bool, interval: float = 0.2) -> None:
        self.stats = stats
        self.errors = 0
        self.bar: Any = None
        if enabled:
            self.bar = _bar_class()(file=stream, unit=" docs", mininterval=interval, leave=False,
                                    **_screen(stream), postfix={"errors": 0})

    def tick(self) -> None:
        if self.bar is None:
            return
        s = self.stats
        if s.errors != self.errors:
            self.errors = s.errors
            self.bar.set_postfix(errors=s.errors, refresh=False)
        self.bar.update(s.documents - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _screen(stream: TextIO) -> dict[str, int]:
    """The terminal's size, with 80 x 24 where it says 0 (the pseudo-terminals of some
    tools), which would make tqdm draw nothing at all."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return {"ncols": 80, "nrows": 24}
    return {"ncols": size.columns or 80, "nrows": size.lines or 24}


def _bar_class() -> Any:
    from tqdm import tqdm

    class _Bar(tqdm):  # type: ignore[misc, type-arg]
        # tqdm's monitor thread adjusts the redraw rate of slow loops; mininterval does
        # that here, and the parent, which forks workers, keeps one thread fewer.
        monitor_interval = 0

    return _Bar
