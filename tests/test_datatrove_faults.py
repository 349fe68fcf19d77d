"""The datatrove step under a killed task: a pipeline whose second task is SIGKILLed half-way,
then run again by ``LocalPipelineExecutor``, ends with the records of an uninterrupted run.

datatrove does the bookkeeping (a completion marker per finished task: the rerun skips task 0
and runs task 1 again from the start, rewriting its output file); this checks that the step
keeps nothing between runs that would make the second run differ from the first."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from .faults import HAS_PROC, PAGES, by_cmdline, wait_for, wait_gone  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

#: The pipeline as a datatrove user writes it. With HOLD set, task 1 stops after two
#: documents, says so in the file HOLD, and waits there to be killed.
PIPELINE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerStep

    class Hold(PipelineStep):
        name = "hold"

        def run(self, data, rank=0, world_size=1):
            for i, doc in enumerate(data):
                if os.environ.get("HOLD") and rank == 1 and i == 2:
                    Path(os.environ["HOLD"]).write_text("holding")
                    time.sleep(3600)
                yield doc

    root = Path(sys.argv[1])
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(root / "in")), CleanerStep(mode="html"), Hold(), JsonlWriter(str(root / "out"))],
        tasks=2, workers=1, logging_dir=str(root / "logs"),
    ).run()
""")


def _inputs(root: Path) -> None:
    (root / "in").mkdir(parents=True)
    for part in range(2):
        rows = [{"id": f"d{part}-{i}", "text": page.read_text(encoding="utf-8"),
                 "metadata": {"url": f"https://{page.parent.name}/{page.stem}"}}
                for i, page in enumerate(PAGES)]
        (root / "in" / f"part{part}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))


def _pipeline(root: Path, hold: Path | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, **({"HOLD": str(hold)} if hold else {})}
    return subprocess.Popen([sys.executable, "-c", PIPELINE, str(root)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _records(root: Path) -> dict[str, list[dict]]:
    """Output records per file, without datatrove's own per-run fields."""
    out = {}
    for path in sorted((root / "out").glob("*.jsonl.gz")):
        rows = [json.loads(line) for line in gzip.open(path, "rt")]
        for row in rows:
            row.get("metadata", {}).pop("file_path", None)
        out[path.name] = rows
    return out


def test_a_task_killed_half_way_and_run_again_gives_the_uninterrupted_records(tmp_path):
    reference, interrupted = tmp_path / "reference", tmp_path / "interrupted"
    for root in (reference, interrupted):
        _inputs(root)
    whole = _pipeline(reference)
    assert whole.wait(timeout=300) == 0, whole.stderr.read()  # type: ignore[union-attr]

    hold = tmp_path / "holding"
    first = _pipeline(interrupted, hold)
    try:
        wait_for(hold.exists, 120, "task 1 half-way", proc=first)
        # The whole job, as Slurm or Kubernetes kill it: the executor alone would leave
        # behind the Manager process that LocalPipelineExecutor forks (datatrove's own).
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    if HAS_PROC:
        assert wait_gone(by_cmdline(str(interrupted)), 5) == []
    completions = sorted(p.name for p in (interrupted / "logs" / "completions").iterdir())
    assert completions == ["00000"], "task 0 finished, task 1 was killed"

    again = _pipeline(interrupted)
    assert again.wait(timeout=300) == 0, again.stderr.read()  # type: ignore[union-attr]
    if HAS_PROC:
        assert wait_gone(by_cmdline(str(interrupted)), 5) == [], "the finished run left a process behind"
    assert sorted(p.name for p in (interrupted / "logs" / "completions").iterdir()) == ["00000", "00001"]
    want = _records(reference)
    assert sorted(want) == ["00000.jsonl.gz", "00001.jsonl.gz"]
    assert sum(len(rows) for rows in want.values()) == 2 * len(PAGES)
    assert _records(interrupted) == want
