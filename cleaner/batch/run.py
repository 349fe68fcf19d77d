"""A batch run from end to end: readers → ordered worker pool → writer, with the tally."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from ..engine import Cleaner
from .job import Outcome, RecordJob
from .pool import OrderedPool, TaskFailure
from .progress import BatchStats, Progress
from .readers import InputSpec, iter_tasks
from .records import FieldNames, Task
from .writers import JsonlSink, TxtDirSink


@dataclass
class BatchOptions:
    inputs: InputSpec
    names: FieldNames = field(default_factory=FieldNames)
    #: JSONL output file (``None``: standard output).
    output: str | None = None
    #: One ``.txt`` per input file here instead of JSONL.
    out_dir: str | None = None
    jobs: int = 1
    #: Seconds one document may take before its worker is killed (``None``: no limit).
    timeout: float | None = None
    resume: bool = False
    with_removed: bool = False
    with_metadata: bool = False
    quiet: bool = False


def run_batch(cleaner: Cleaner, options: BatchOptions, stderr: TextIO = sys.stderr) -> BatchStats:
    sink: JsonlSink | TxtDirSink
    if options.out_dir is not None:
        sink = TxtDirSink(options.out_dir, resume=options.resume)
    else:
        sink = JsonlSink(options.output, resume=options.resume, id_field=options.names.id)
    job = RecordJob(
        cleaner,
        options.names,
        "txt" if options.out_dir is not None else "jsonl",
        with_removed=options.with_removed,
        with_metadata=options.with_metadata,
        skip_ids=frozenset(sink.done_ids),
    )
    stats = BatchStats()
    progress = Progress(stderr, stats, enabled=not options.quiet and stderr.isatty())
    pool: OrderedPool[Task, Outcome] = OrderedPool(job, options.jobs, timeout=options.timeout)
    tasks = _unskipped(iter_tasks(options.inputs), sink, stats)
    results = pool.imap(tasks)
    try:
        for out in results:
            if isinstance(out, TaskFailure):
                out = job.failed(out.task.load(options.names, payload=False), out.reason)
            if not out.skipped:
                sink.write(out)
                if out.error is not None and options.out_dir is not None and not options.quiet:
                    print(f"cleaner: {out.id}: {out.error}", file=stderr)
            stats.add(out)
            progress.tick()
    except BaseException:
        # A signal, a full disk, a closed pipe: kill the workers first (closing the results
        # does it at once), then keep what was written for --resume.
        results.close()
        sink.abort()
        progress.close()
        raise
    sink.finish()
    progress.close()
    stats.ended = stats.started + stats.seconds
    if not options.quiet:
        print(stats.summary(), file=stderr)
    return stats


def _unskipped(tasks: Iterator[Task], sink: JsonlSink | TxtDirSink, stats: BatchStats) -> Iterator[Task]:
    for task in tasks:
        if sink.skip(task):
            stats.skipped += 1
        else:
            yield task
