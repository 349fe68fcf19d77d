"""The progress line and the closing summary of a batch run."""

from __future__ import annotations

import io

from cleaner.batch.job import Outcome
from cleaner.batch.progress import BatchStats, Progress


def _stats() -> BatchStats:
    stats = BatchStats()
    stats.add(Outcome("a", removed={"newsletter": 2, "feedback": 1}))
    stats.add(Outcome("b", error="line 2: not valid JSON"))
    stats.add(Outcome("c", removed={"newsletter": 1}))
    stats.add(Outcome("d", skipped=True))
    return stats


def test_summary_counts_documents_removals_by_category_and_errors():
    line = _stats().summary()
    assert line.startswith("cleaned 3 documents in ")
    assert "removed 4 blocks (newsletter 3, feedback 1)" in line
    assert "1 errors" in line and "1 already done" in line
    assert "\n" not in line


def test_progress_draws_on_a_terminal_only():
    for enabled in (True, False):
        stream = io.StringIO()
        progress = Progress(stream, _stats(), enabled=enabled, interval=0)
        progress.tick()
        progress.close()
        drawn = stream.getvalue()
        if enabled:
            assert "3 docs [" in drawn and "docs/s" in drawn and "errors=1" in drawn
            assert drawn.endswith("\r"), "the bar is cleared, for the summary line to take its place"
        else:
            assert drawn == ""
