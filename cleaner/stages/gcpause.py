"""Python's cyclic garbage collector, paused while a document is cleaned.

Cleaning one page allocates hundreds of thousands of short-lived objects (trafilatura's
passes, blocks, decisions, match spans), nearly all freed by reference counting. The
collector still runs every 700 allocations, and its older generations walk every live
object again and again: pure cost while a page is processed, and more of it as a big
document's blocks pile up (``benchmarks/rules_scaling.py`` prints the ratio). Whatever
cyclic garbage a page makes waits for the first collection after it.

Pausing is safe for a library: the collector is switched back on when the outermost pause
ends, even on an exception, and only if it was on when the first began; a counter under a
lock keeps threads that clean at the same time from switching it on under each other.
Reference counting frees everything as usual meanwhile; cyclic garbage made by other
threads during a pause waits for the next collection.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block (nestable, thread-safe)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
