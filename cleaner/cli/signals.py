"""How the command line stops when asked to: SIGINT (Ctrl-C), SIGTERM (Slurm, Kubernetes,
systemd, ``kill``) and SIGHUP (a closed terminal) all end a run the same way.

Each raises :class:`Stopped` in the main thread, so the run unwinds through its ``finally``
blocks: input stops being read, workers are killed, ``FILE.partial`` is closed and kept for
``--resume``. The exit code is the shell's for that signal (128 + its number: 130, 143, 129).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

#: The signals that stop a run, where the platform has them.
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Stopped(BaseException):
    """A stop signal arrived. A ``BaseException``, like ``KeyboardInterrupt``, so that code
    catching ``Exception`` to keep a run going does not swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        #: What was kept and how to go on, filled in by the layer that knows.
        self.note = ""

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


#: The process that installed the handlers; a worker forked from it inherits them until it
#: sets its own, and must not raise :class:`Stopped` (its traceback would be printed).
_OWNER = 0


def _stop(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _OWNER:  # a worker just forked: do what it is about to set up
        if signum != signal.SIGINT:
            os._exit(128 + signum)
        return
    # Later signals are ignored: systemd sends SIGTERM and SIGHUP together, and a second
    # exception raised inside the clean-up (which takes well under a second) would cut it
    # short and end in a traceback. SIGKILL still ends a stuck clean-up; --resume still works.
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise Stopped(signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn stop signals into :class:`Stopped` for the duration of the block, then put the
    old handlers back (tests call the command line in-process). A signal ignored on entry
    stays ignored: ``nohup`` and background jobs of scripts ask for exactly that."""
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers can only be set from the main thread
        return
    global _OWNER
    _OWNER = os.getpid()
    saved: dict[signal.Signals, Any] = {}
    for sig in STOP_SIGNALS:
        old = signal.getsignal(sig)
        if old is signal.SIG_IGN:
            continue
        saved[sig] = old
        signal.signal(sig, _stop)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)
