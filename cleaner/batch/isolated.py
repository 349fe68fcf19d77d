"""One document cleaned in a worker process that can be killed: the time limit of
single-document mode (``cleaner clean page.html --timeout 60``).

A time limit inside the process cannot stop a pathological XPath or regular expression:
they run in C code that holds the interpreter and never looks at a timer. A process can be
killed wherever it is. The worker is forked from this process after the rules are compiled
and trafilatura imported, so it starts in milliseconds; the page goes to it and the
:class:`~cleaner.Result` comes back through a pipe.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from ..engine import Cleaner
from ..errors import CleanerError, DocumentFailedError
from ..model import Result
from .pool import OrderedPool, TaskFailure

Page = tuple[bytes | str, str | None]


class RemoteTraceback(Exception):
    """Carries the worker's traceback text, as the cause of the exception raised here."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass
class _Raised:
    """An exception of the worker, sent back whole when it pickles, as text when not."""

    error: BaseException
    trace: str


@dataclass
class _CleanOne:
    cleaner: Cleaner

    def prepare(self) -> None:
        self.cleaner.warm()

    def __call__(self, page: Page) -> Result | CleanerError | _Raised:
        data, url = page
        try:
            return self.cleaner.clean(data, url=url)
        except CleanerError as exc:
            return exc
        except Exception as exc:  # a bug: re-raised in the parent, as it would be in-process
            return _Raised(_picklable(exc), traceback.format_exc())


def _picklable(exc: Exception) -> BaseException:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def clean_isolated(cleaner: Cleaner, data: bytes | str, *, url: str | None = None,
                   timeout: float | None = None, name: str = "the document") -> Result:
    """``cleaner.clean(data, url=url)`` in a worker process, given up after ``timeout``
    seconds (``None`` or 0: no limit; the worker still leaves this process free to answer
    signals at once). A document past its time, or one whose worker dies, raises
    :class:`~cleaner.errors.DocumentFailedError` naming ``name``; other errors are raised as
    ``clean`` raises them."""
    results = OrderedPool(_CleanOne(cleaner), 1, timeout=timeout).imap([(data, url)])
    try:
        out = next(results)
    finally:
        results.close()
    if isinstance(out, TaskFailure):
        if out.kind == "timeout":
            raise DocumentFailedError(
                f"gave up on {name} after {timeout:g} s (--timeout SECONDS allows longer, 0 no limit)")
        raise DocumentFailedError(f"cleaning {name} failed: {out.reason}")
    if isinstance(out, _Raised):
        raise out.error from RemoteTraceback(out.trace)
    if isinstance(out, CleanerError):
        raise out
    return out
