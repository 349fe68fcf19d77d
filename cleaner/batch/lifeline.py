"""Workers never outlive the process that started them, however it ends (even by SIGKILL).

On Linux the kernel kills a worker the moment the thread that forked it dies
(``PR_SET_PDEATHSIG``, set through ``ctypes``): nothing in the worker needs to run, so a worker
stuck in C code holding the GIL (a regular expression, an XPath) goes too. The signal follows
the forking *thread*, so it is used only for workers forked by the main thread, whose end is
the process's end. Elsewhere (other systems, or a pool driven from another thread) a thread in
the worker watches the parent's process id and ends the worker within ``WATCH_INTERVAL``
seconds of the parent's death; that watch needs the GIL, so a worker stuck in C code leaves
when that code returns or the next ``--timeout`` kill comes, not before.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1
#: Seconds between two looks at the parent, where the kernel cannot do it for us.
WATCH_INTERVAL = 0.25


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


#: Looked up once in the parent; forked workers inherit it and need not load anything.
_PRCTL = _load_prctl()


def on_main_thread() -> bool:
    """Whether a worker forked now may tie its life to the forking thread (see module doc)."""
    return threading.current_thread() is threading.main_thread()


def bind_to_parent(parent: int, *, kernel: bool) -> str:
    """Make this worker end when process ``parent`` does. ``kernel`` allows the kernel's
    parent-death signal. Returns how: ``"kernel"`` or ``"watch"``."""
    how = "kernel" if kernel and _kernel_bind() else "watch"
    if how == "watch":
        threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the binding took hold
        os._exit(0)
    return how


def _kernel_bind() -> bool:
    if _PRCTL is None:
        return False
    ok = _PRCTL(ctypes.c_int(_PR_SET_PDEATHSIG), ctypes.c_ulong(signal.SIGKILL),
                ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))
    return ok == 0


def _watch(parent: int, interval: float = WATCH_INTERVAL) -> None:
    # An orphan is adopted by init or a subreaper, so its parent id changes.
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(0)
