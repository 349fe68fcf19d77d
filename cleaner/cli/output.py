"""Writing a command's output, where a failure is the output's fault and said so in one line
(``cannot write 'FILE': No space left on device``, exit 1), not an internal error.

A closed pipe is not a failure: ``BrokenPipeError`` passes through for the command line to
end quietly (``cleaner clean … | head``).
"""

from __future__ import annotations

import sys

from ..batch.writers import STDOUT_NAME, binary_stdout, write_all
from ..errors import OutputError


def write_text(path: str | None, text: str) -> None:
    """``text`` into file ``path``, or on standard output when ``path`` is ``None``; every
    byte is written or the error raised (see :func:`~cleaner.batch.writers.write_all`)."""
    name = STDOUT_NAME if path is None else path
    try:
        if path is None:
            encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
            write_all(binary_stdout(), text.encode(encoding, getattr(sys.stdout, "errors", None) or "strict"))
        else:
            with open(path, "wb") as f:
                write_all(f, text.encode("utf-8"))
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError.writing(name, exc) from None


def flush_stdout() -> None:
    """Flush standard output now, so that a full disk shows as an error and not as a
    complaint of the interpreter at exit."""
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError.writing(STDOUT_NAME, exc) from None
