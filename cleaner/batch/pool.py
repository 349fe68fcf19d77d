"""An ordered process pool that survives its documents: slow ones are killed, dead workers
replaced, and every task yields exactly one result, in input order.

``multiprocessing.Pool`` cannot do this: a task that hangs inside C code (a regular expression,
the HTML parser) holds its worker forever, and a worker that dies takes its task with it.
Here each worker has its own pipe and runs its tasks in the order given, so the parent always
knows which task a worker is on and since when; past the time limit it kills the worker,
reports that task as failed, hands the worker's queued tasks to others and starts a fresh
worker. Each worker holds up to ``DEPTH`` tasks, so that the next one is already there when it
finishes one: with one task at a time, a worker idles while its result travels back and the
parent reads, sends and writes, which on small documents costs as much as the cleaning.
Memory stays flat whatever the input size: no more than ``window`` tasks are read ahead of
the oldest one not yet yielded.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from ..errors import CleanerError
from .lifeline import bind_to_parent, on_main_thread

T = TypeVar("T")
R = TypeVar("R")

_READY = "ready"
#: Tasks a worker holds at once: the one it runs and the next one.
DEPTH = 2


class WorkerStartError(CleanerError):
    """A worker process died before it could take work (the job cannot be set up there)."""

    exit_code = 3


@dataclass(frozen=True)
class TaskFailure(Generic[T]):
    """What the pool yields for a task whose worker ran out of time, died, or raised."""

    task: T
    reason: str
    #: ``"timeout"``, ``"died"`` or ``"raised"`` (the job's own exception, a bug).
    kind: str = "raised"


def _serve(conn: Connection, job: Callable[[Any], Any], parent: int, kernel_bind: bool) -> None:
    """A worker's life: set the job up once, then run tasks until told to stop.

    What the worker holds once set up (modules, compiled rules) it holds for the whole run:
    ``gc.freeze()`` takes it out of the collector's sight, so full collections stop walking
    it and stop touching the memory pages a forked worker shares with its parent (each touch
    copies a page)."""
    _worker_signals()
    # Siblings forked later hold copies of this pipe, so a dead parent does not always close
    # it: without this a worker could wait on it (or block sending into it) forever.
    bind_to_parent(parent, kernel=kernel_bind)
    _prepare(job)
    gc.freeze()
    try:
        conn.send(_READY)
        while True:
            message = conn.recv()
            if message is None:
                return
            index, task = message
            try:
                out = job(task)
            except Exception as exc:  # the job's own bug: still one result for this task
                out = TaskFailure(task, f"internal error: {type(exc).__name__}: {exc}", "raised")
            conn.send((index, out))
    except (EOFError, OSError):
        return  # the parent closed the pipe or is gone: nothing left to do


def _worker_signals() -> None:
    """Stopping the run is the parent's job: Ctrl-C reaches the whole process group, so
    workers ignore it; SIGTERM and SIGHUP (also sent to whole groups by systemd, Slurm and
    terminals) end a worker at once and quietly instead of running the parent's handlers,
    which inherited from a fork would print a traceback here."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP", "SIGPIPE"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _prepare(job: Callable[[Any], Any]) -> None:
    """Run the job's optional ``prepare()`` (imports and other one-time set-up)."""
    prepare = getattr(job, "prepare", None)
    if prepare is not None:
        prepare()


def _send_all(conn: Connection, outbox: queue.SimpleQueue[Any]) -> None:
    """Send a worker its tasks from a thread of the parent: a task larger than the pipe's
    buffer waits there until the worker finishes the one before, and the parent's main
    loop must not wait with it. ``None`` (stop) is the last message."""
    if hasattr(signal, "pthread_sigmask"):
        # a worker killed mid-send leaves a broken pipe: the write must fail here, not raise
        # SIGPIPE, which would end the whole process if its disposition is the default
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGPIPE})
    while True:
        message = outbox.get()
        try:
            conn.send(message)
        except (OSError, ValueError, TypeError):
            # the worker is gone (killed, or its pipe closed under us: TypeError is how a
            # connection closed mid-send shows): nothing more to send
            return
        if message is None:
            return


class _Worker:
    def __init__(self, ctx: Any, job: Callable[[Any], Any]) -> None:
        self.conn, child = ctx.Pipe()
        args = (child, job, os.getpid(), on_main_thread())
        self.process = ctx.Process(target=_serve, args=args, daemon=True)
        self.process.start()
        child.close()
        self.outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.sender = threading.Thread(target=_send_all, args=(self.conn, self.outbox), daemon=True)
        self.sender.start()
        self.ready = False
        #: Tasks given and not yet answered, in the order the worker runs them.
        self.held: deque[tuple[int, Any]] = deque()
        #: When the first held task started running.
        self.started = 0.0

    @property
    def free(self) -> bool:
        return self.ready and len(self.held) < DEPTH

    def give(self, index: int, task: Any) -> None:
        if not self.held:
            self.started = time.monotonic()
        self.held.append((index, task))
        self.outbox.put((index, task))

    def answered(self) -> int:
        """The first held task is done: the next one starts now. Returns the done one's index."""
        index, _ = self.held.popleft()
        self.started = time.monotonic()
        return index

    def stop(self) -> None:
        self.outbox.put(None)
        self.process.join(timeout=2)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.outbox.put(None)  # a sender thread still waiting for work leaves
        # one still sending gets a broken pipe now; the pipe is closed only after it left
        self.sender.join(timeout=1)
        self.conn.close()


def default_context() -> Any:
    """``fork`` where it exists (workers start in milliseconds and share the parent's
    imports), the platform default elsewhere; the job must pickle in that case."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


class OrderedPool(Generic[T, R]):
    """``imap`` over worker processes that each hold one ``job`` (built once per worker)."""

    def __init__(
        self,
        job: Callable[[T], R],
        jobs: int,
        *,
        timeout: float | None = None,
        window: int | None = None,
        context: Any = None,
    ) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.job = job
        self.jobs = jobs
        self.timeout = timeout if timeout and timeout > 0 else None
        self.window = window or 4 * jobs
        self.ctx = context or default_context()

    @property
    def forks(self) -> bool:
        """Workers start as copies of this process (what it has imported, they have)."""
        return bool(self.ctx.get_start_method() == "fork")

    def imap(self, tasks: Iterable[T]) -> Iterator[R | TaskFailure[T]]:
        """Results in task order. Closing the iterator early (or an exception in the caller,
        such as a signal's) kills the workers at once rather than letting them finish."""
        run = _Run(self)
        finished = False
        try:
            run.start()
            yield from run.results(iter(tasks))
            finished = True
        finally:
            run.shutdown(graceful=finished)


class _Run:
    """The state of one ``imap`` call: workers, tasks in flight, results waiting their turn."""

    def __init__(self, pool: OrderedPool[Any, Any]) -> None:
        self.pool = pool
        self.workers: list[_Worker] = []
        self.done: dict[int, Any] = {}
        #: Tasks taken back from a lost worker that had not started them: given out first.
        self.retry: deque[tuple[int, Any]] = deque()

    def start(self) -> None:
        if self.pool.forks:
            _prepare(self.pool.job)  # once here, and every worker forked from here shares it
        for _ in range(self.pool.jobs):  # one at a time, so a signal meanwhile leaves none unknown
            self.workers.append(_Worker(self.pool.ctx, self.pool.job))

    def _free_worker(self) -> _Worker | None:
        """The ready worker holding fewest tasks, if any can take one more."""
        free = [w for w in self.workers if w.free]
        return min(free, key=lambda w: len(w.held)) if free else None

    def results(self, tasks: Iterator[Any]) -> Iterator[Any]:
        next_in = next_out = 0
        exhausted = False
        while True:
            while (worker := self._free_worker()) is not None:
                if self.retry:
                    worker.give(*self.retry.popleft())
                    continue
                if exhausted or next_in - next_out >= self.pool.window:
                    break
                try:
                    task = next(tasks)
                except StopIteration:
                    exhausted = True
                    break
                worker.give(next_in, task)
                next_in += 1
            while next_out in self.done:
                yield self.done.pop(next_out)
                next_out += 1
            if exhausted and next_out == next_in:
                return
            if not exhausted and next_in - next_out < self.pool.window and self._free_worker():
                continue  # yielding made room in the window: hand out more before waiting
            self._collect()

    def _collect(self) -> None:
        """Wait for a message or a deadline, then take in results and replace lost workers."""
        by_conn = {w.conn: w for w in self.workers}
        for conn in wait(list(by_conn), timeout=self._time_left()):
            worker = by_conn[conn]
            if worker not in self.workers:
                continue  # replaced earlier in this loop
            try:
                message = conn.recv()
            except (EOFError, OSError):
                worker.process.join(timeout=5)
                code = worker.process.exitcode
                self._replace(worker, f"worker process died (exit code {code})", "died")
                continue
            if message == _READY:
                worker.ready = True
                continue
            index, out = message
            if worker.answered() != index:  # pragma: no cover - the worker runs tasks in order
                raise RuntimeError("a worker answered out of order")
            self.done[index] = out
        self._enforce_deadlines()

    def _time_left(self) -> float | None:
        timeout = self.pool.timeout
        busy = [w.started for w in self.workers if w.held]
        if timeout is None or not busy:
            return None
        return max(0.0, min(busy) + timeout - time.monotonic())

    def _enforce_deadlines(self) -> None:
        timeout = self.pool.timeout
        if timeout is None:
            return
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.held and now - worker.started > timeout:
                self._replace(worker, f"timed out after {timeout:g} s", "timeout")

    def _replace(self, worker: _Worker, reason: str, kind: str) -> None:
        """Fail the task the worker was running, take back the ones it had not started, and
        start a fresh worker in its place."""
        if not worker.ready:
            self.shutdown(graceful=False)
            raise WorkerStartError(f"a worker process could not start ({reason})")
        if worker.held:
            index, task = worker.held.popleft()
            self.done[index] = TaskFailure(task, reason, kind)
            self.retry.extend(worker.held)
            worker.held.clear()
        worker.kill()
        self.workers[self.workers.index(worker)] = _Worker(self.pool.ctx, self.pool.job)

    def shutdown(self, graceful: bool = True) -> None:
        """Stop every worker: idle ones are told to leave; an interrupted run kills them."""
        workers, self.workers = self.workers, []
        for worker in workers:
            worker.stop() if graceful else worker.kill()
