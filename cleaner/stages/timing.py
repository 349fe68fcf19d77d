"""CPU time per stage, for finding where the time goes (``benchmarks/throughput.py --profile``).

The engine marks the end of each stage on a clock; the default clock does nothing, so a
normal clean pays two no-op calls a stage.
"""

from __future__ import annotations

import time

#: The stages in data-flow order, as the profile names them.
STAGES = ("decode", "parse", "dom rules", "extraction", "blocks", "language", "text rules", "output")


class StageTimes:
    """CPU seconds per stage, summed over the documents cleaned with it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.documents = 0
        self._mark = 0.0

    def start(self) -> None:
        self.documents += 1
        self._mark = time.process_time()

    def lap(self, stage: str) -> None:
        """The stage named has just ended: the time since the last mark is its."""
        now = time.process_time()
        self.seconds[stage] += now - self._mark
        self._mark = now


class _NoTimes(StageTimes):
    def start(self) -> None:
        pass

    def lap(self, stage: str) -> None:
        pass


NO_TIMES: StageTimes = _NoTimes()
