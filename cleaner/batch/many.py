"""``clean_many``: the batch engine as a Python iterator, for programs and notebooks."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..engine import Cleaner
from ..errors import CleanerError, DocumentFailedError
from ..model import Result
from .pool import OrderedPool, TaskFailure

Document = str | bytes | tuple[str | bytes, str | None]


@dataclass
class _CleanOne:
    """The worker's job: the error is returned, not raised, so it travels back in order."""

    cleaner: Cleaner

    def prepare(self) -> None:
        self.cleaner.warm()

    def __call__(self, doc: Document) -> Result | CleanerError:
        data, url = doc if isinstance(doc, tuple) else (doc, None)
        try:
            return self.cleaner.clean(data, url=url)
        except CleanerError as exc:
            return exc
        except Exception as exc:  # a page that makes the parser fail
            return DocumentFailedError(f"{type(exc).__name__}: {exc}")


def clean_many(
    documents: Iterable[Document],
    *,
    jobs: int | None = None,
    cleaner: Cleaner | None = None,
    timeout: float | None = None,
    return_exceptions: bool = False,
) -> Iterator[Result | CleanerError]:
    """Clean documents (HTML or text, as str or bytes, or ``(data, url)`` pairs) on ``jobs``
    processes (default: all cores), yielding one result per document in input order.

    Memory stays flat: documents are read from the iterable only a few at a time. A document
    that fails raises its :class:`~cleaner.CleanerError` at its place in the sequence, or, with
    ``return_exceptions=True``, is yielded as that exception and the run goes on. ``timeout``
    (seconds) kills and replaces a worker stuck on one document.
    """
    cleaner = cleaner or Cleaner.default()
    job = _CleanOne(cleaner)
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 and timeout is None:
        outcomes: Iterable[Result | CleanerError | TaskFailure[Document]] = map(job, documents)
    else:
        outcomes = OrderedPool(job, jobs, timeout=timeout).imap(documents)
    for out in outcomes:
        if isinstance(out, TaskFailure):
            out = DocumentFailedError(out.reason)
        if isinstance(out, CleanerError) and not return_exceptions:
            raise out
        yield out
