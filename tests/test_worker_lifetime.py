"""Workers never outlive their parent, however it dies: killed outright while they are stuck
in C code, while they idle, from a pool driven by another thread, and after ``--timeout`` has
replaced some of them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .faults import HAS_PROC, children, kill_all, spawn, wait_for, wait_gone

pytestmark = pytest.mark.skipif(not HAS_PROC, reason="needs Linux /proc to find the workers")

ROOT = Path(__file__).resolve().parent.parent

#: A parent that starts a pool of two workers on tasks that never end, from the main thread
#: or from another one, and then waits forever.
POOL_SCRIPT = textwrap.dedent("""
    import re, sys, threading, time
    from cleaner.batch.pool import OrderedPool

    def job(task):
        if task == "regex":  # catastrophic backtracking in C code that holds the GIL
            re.match(r"(a+)+$", "a" * 64 + "b")
        else:
            time.sleep(3600)
        return task

    def drive():
        list(OrderedPool(job, 2).imap([sys.argv[1]] * 4))  # each worker holds two

    if sys.argv[2] == "thread":
        threading.Thread(target=drive, daemon=True).start()
        time.sleep(3600)
    else:
        drive()
""")


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kill_parent_of_pool(task: str, driver: str, *, busy: bool) -> list[int]:
    proc = subprocess.Popen([sys.executable, "-c", POOL_SCRIPT, task, driver], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[tuple[int, int]] = set()

    def ready() -> bool:
        workers.update(children(proc.pid))
        return len(workers) == 2 and (not busy or all(_cpu_seconds(pid) > 0.3 for pid, _ in workers))

    try:
        wait_for(ready, 60, "two workers at work", proc=proc)
        proc.kill()
        proc.wait()
        return wait_gone(workers, 2.0)
    finally:
        kill_all(workers)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_workers_stuck_in_c_code_die_with_their_parent():
    """Nothing in a worker that holds the GIL in a regex can look for its parent: only the
    kernel's parent-death signal ends it."""
    assert _kill_parent_of_pool("regex", "main", busy=True) == []


def test_workers_of_a_pool_driven_from_another_thread_leave_with_the_parent():
    """The kernel's signal follows the forking thread, so these workers watch instead."""
    assert _kill_parent_of_pool("sleep", "thread", busy=False) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_replacement_workers_started_by_timeout_die_with_the_parent(tmp_path):
    """Reading a named pipe that nobody writes to blocks a worker until ``--timeout`` kills
    and replaces it; the replacements must go with the parent just as the first ones."""
    inputs = []
    for i in range(8):
        os.mkfifo(tmp_path / f"stuck{i}.html")
        inputs.append(str(tmp_path / f"stuck{i}.html"))
    proc = spawn(*inputs, "--jobs", "2", "--timeout", "0.5", "-q")
    workers: set[tuple[int, int]] = set()

    def replaced() -> bool:
        workers.update(children(proc.pid))
        return len(workers) >= 4

    try:
        wait_for(replaced, 60, "two workers replaced after their timeout", proc=proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert wait_gone(workers, 5) == []
    finally:
        kill_all(workers)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
