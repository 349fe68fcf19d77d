"""The ordered pool: input order, one result per task, killed hangs, replaced dead workers."""

from __future__ import annotations

import os
import re
import time

import pytest

from cleaner import CleanerError, clean_many
from cleaner.batch.pool import OrderedPool, TaskFailure


def _job(task: str) -> str:
    """Tasks name what the worker should do; the result says which worker did it."""
    kind, _, arg = task.partition(":")
    if kind == "sleep":
        time.sleep(float(arg))
    elif kind == "hang":  # catastrophic backtracking inside C code: no signal gets through
        re.match(r"(a+)+$", "a" * 64 + "b")
    elif kind == "die":
        os._exit(7)
    elif kind == "raise":
        raise RuntimeError("boom")
    return f"{task}@{os.getpid()}"


def test_results_come_back_in_input_order():
    tasks = [f"sleep:{0.05 * ((i * 7) % 5)}" for i in range(20)]
    out = list(OrderedPool(_job, 3).imap(tasks))
    assert [o.split("@")[0] for o in out] == tasks
    assert len({o.split("@")[1] for o in out}) > 1, "work should spread over workers"


def test_a_hanging_task_is_killed_and_the_run_goes_on():
    tasks = ["ok:1", "hang:", "ok:2", "ok:3"]
    start = time.monotonic()
    out = list(OrderedPool(_job, 2, timeout=1.5).imap(tasks))
    assert time.monotonic() - start < 30
    assert isinstance(out[1], TaskFailure) and "timed out" in out[1].reason and out[1].task == "hang:"
    assert [o.split("@")[0] for i, o in enumerate(out) if i != 1] == ["ok:1", "ok:2", "ok:3"]


def test_tasks_queued_behind_a_hang_are_run_not_failed():
    """A worker holds the next task while it runs one: when it is killed, only the task it
    was running fails; the one waiting behind it is given to a fresh worker."""
    out = list(OrderedPool(_job, 1, timeout=1.0).imap(["hang:", "ok:1", "ok:2"]))
    assert isinstance(out[0], TaskFailure) and out[0].task == "hang:"
    assert [o.split("@")[0] for o in out[1:]] == ["ok:1", "ok:2"]


def test_tasks_queued_behind_a_death_are_run_not_failed():
    out = list(OrderedPool(_job, 1).imap(["die:", "ok:1", "die:", "ok:2"]))
    assert [isinstance(o, TaskFailure) for o in out] == [True, False, True, False]
    assert out[1].startswith("ok:1@") and out[3].startswith("ok:2@")


def test_a_dying_worker_is_replaced_and_its_task_reported():
    out = list(OrderedPool(_job, 1).imap(["ok:1", "die:", "ok:2"]))
    assert isinstance(out[1], TaskFailure) and "exit code 7" in out[1].reason
    assert out[0].split("@")[1] != out[2].split("@")[1], "a new worker took over"


def test_a_job_that_raises_fails_its_task_only():
    out = list(OrderedPool(_job, 2).imap(["ok:1", "raise:", "ok:2"]))
    assert isinstance(out[1], TaskFailure) and "RuntimeError: boom" in out[1].reason
    assert out[2].startswith("ok:2@")


def test_reading_ahead_is_bounded():
    """Memory must not grow with the input: the pool pulls tasks only a window ahead."""
    pulled = 0

    def tasks():
        nonlocal pulled
        for i in range(1000):
            pulled += 1
            yield f"ok:{i}"

    results = OrderedPool(_job, 2, window=6).imap(tasks())
    for _ in range(10):
        next(results)
    assert pulled <= 10 + 6
    results.close()


def test_clean_many_keeps_order_and_reports_failures(default_cleaner):
    docs = [f"Paragraph number {i} of the body, long enough to be kept by the rules." for i in range(12)]
    docs.insert(5, b"\x89PNG\r\n\x1a\n" + bytes(40))
    out = list(clean_many(docs, jobs=2, cleaner=default_cleaner, return_exceptions=True))
    assert len(out) == len(docs)
    assert isinstance(out[5], CleanerError) and "PNG" in str(out[5])
    texts = [r.text for i, r in enumerate(out) if i != 5]
    assert texts == [d for i, d in enumerate(docs) if i != 5]


def test_clean_many_raises_in_place_by_default(default_cleaner):
    results = clean_many(["A first body paragraph that stays.", b"%PDF-1.4 rest"], jobs=1, cleaner=default_cleaner)
    assert next(results).text == "A first body paragraph that stays."
    with pytest.raises(CleanerError, match="PDF"):
        next(results)


def test_a_full_window_with_idle_workers_does_not_stall():
    """One worker, a window of one: after each result the worker is idle and the window full;
    yielding the result must free the window before the pool waits again."""
    import threading

    out: list[str] = []
    thread = threading.Thread(target=lambda: out.extend(OrderedPool(_job, 1, window=1).imap(["ok:1", "ok:2", "ok:3"])), daemon=True)
    thread.start()
    thread.join(timeout=30)
    assert [o.split("@")[0] for o in out] == ["ok:1", "ok:2", "ok:3"]
