"""Command line: ``cleaner clean``, ``cleaner rules …``, ``cleaner explain``.

Every failure leaves as one line on stderr and a documented exit code (see README):
0 ok, 1 bad input, 2 bad usage or bad rules, 3 internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence

from ..errors import EXIT_BAD_USAGE, CleanerError
from ..version import __version__
from . import clean_cmd, explain_cmd, rules_cmd

EXIT_INTERNAL = 3
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
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `cleaner clean … | head` ends quietly
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except CleanerError as exc:
        print(f"cleaner: error: {_one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug; still one line, unless asked for the traceback
        if os.environ.get("CLEANER_DEBUG"):
            raise
        print(f"cleaner: internal error: {type(exc).__name__}: {_one_line(str(exc))} (set CLEANER_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
