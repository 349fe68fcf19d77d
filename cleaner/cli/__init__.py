"""Command line: ``cleaner clean``, ``cleaner rules …``, ``cleaner explain``.

Every failure leaves as one line on stderr and a documented exit code (see README):
0 ok, 1 bad input or output that cannot be written, 2 bad usage or bad rules, 3 internal error
(a bug: please report it), 128 + N stopped by signal N (130 SIGINT, 143 SIGTERM, 129 SIGHUP),
141 standard output closed early (quietly, as for a process killed by SIGPIPE).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from ..errors import EXIT_BAD_USAGE, CleanerError, OutputError
from ..version import __version__
from . import clean_cmd, explain_cmd, rules_cmd
from .output import flush_stdout
from .signals import Stopped, stop_on_signals

EXIT_INTERNAL = 3
#: 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130
#: 128 + SIGPIPE: what a shell reports for a writer whose reader went away.
EXIT_CLOSED_OUTPUT = 141
COMMANDS = (clean_cmd, rules_cmd, explain_cmd)


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other usage error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cleaner", description="Strip publisher clutter from scraped pages.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for command in COMMANDS:
        command.register(sub)
    return parser


def _one_line(message: str) -> str:
    """Messages quoting input (a library's error, a pattern) may carry newlines; the promise
    is one line."""
    return " ".join(message.split())


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _command(argv)
    except Stopped as stop:
        _say(f"cleaner: stopped by {stop.name}" + (f"; {stop.note}" if stop.note else ""))
        return stop.exit_code
    except KeyboardInterrupt:  # Ctrl-C in commands that keep Python's own handling (explain, rules)
        _say("cleaner: stopped by SIGINT")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output is gone (`| head`): nothing is wrong, and nobody to tell.
        _drop_stdout()
        return EXIT_CLOSED_OUTPUT
    except CleanerError as exc:
        if isinstance(exc, OutputError):
            _drop_stdout()
        _say(f"cleaner: error: {_one_line(str(exc))}")
        return exc.exit_code
    except Exception as exc:  # a bug; still one line, unless asked for the traceback
        if os.environ.get("CLEANER_DEBUG"):
            raise
        _say(f"cleaner: internal error: {type(exc).__name__}: {_one_line(str(exc))} (set CLEANER_DEBUG=1 for details)")
        return EXIT_INTERNAL


def _command(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    # Only commands whose own process never runs the cleaning turn SIGTERM and SIGHUP into a
    # clean stop: a Python handler waits for the C code under way (an XPath, a regex) to
    # return, where the default action ends the process at once.
    scope = stop_on_signals() if getattr(args, "stoppable", False) else contextlib.nullcontext()
    with scope:
        code = int(args.run(args) or 0)
        flush_stdout()  # a full disk or a closed pipe shows here, not at interpreter exit
    return code


def _say(line: str) -> None:
    """One line on stderr, unless stderr itself is gone (`2>&1 | head`)."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _drop_stdout() -> None:
    """Point standard output at /dev/null: what is left in its buffer cannot be written, and
    the interpreter's last flush at exit would otherwise report that with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
