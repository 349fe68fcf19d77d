"""Options shared by several commands: which rules, which settings, reading a document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..engine import Cleaner
from ..errors import InputError, UsageError
from ..settings import Settings


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("rules")
    group.add_argument("--rules", action="append", default=[], metavar="PATH",
                       help="add rule files from this file or folder (repeatable)")
    group.add_argument("--no-default-rules", action="store_true", help="do not load the built-in rules")
    group.add_argument("--disable", action="append", default=[], metavar="ID",
                       help="switch a rule off by id (repeatable); 'cleaner rules list' shows the ids")


def add_extraction_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("reading and extraction")
    group.add_argument("--input-format", choices=("auto", "html", "text"), default="auto",
                       help="how to read the input (default: sniff)")
    group.add_argument("--url", help="the page's address, used to pick site rules")
    group.add_argument("--favor", choices=("balanced", "precision", "recall"), default="balanced",
                       help="trafilatura's precision/recall bias")
    group.add_argument("--fallback", action=argparse.BooleanOptionalAction, default=True,
                       help="also try trafilatura's fallback extractors, as trafilatura.extract does"
                            " (default; --no-fallback is faster and loses text on some pages)")
    group.add_argument("--comments", action="store_true", help="keep the page's comment section")
    group.add_argument("--no-tables", action="store_true", help="leave tables out")
    group.add_argument("--no-title", action="store_true",
                       help="leave out the line that is the page's title (the headline is kept by default)")
    # the title is kept by default now; the old switch is still accepted
    group.add_argument("--keep-title", action="store_true", help=argparse.SUPPRESS)
    group.add_argument("--no-metadata", action="store_true",
                       help="leave trafilatura's metadata (author, date, site) out of JSON output (faster)")
    group.add_argument("--lang", help="document language (e.g. de), or 'any' to run every language's rules")
    group.add_argument("--max-bytes", type=_size, default=Settings().max_bytes, metavar="N",
                       help="refuse inputs larger than N bytes (suffixes K, M, G; default 50M)")
    group.add_argument("--max-elements", type=_count, default=Settings().max_elements, metavar="N",
                       help="refuse HTML pages with more than N elements (default 200000)")


def _size(value: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    v = value.strip().lower().rstrip("b")
    try:
        if v and v[-1] in units:
            return int(float(v[:-1]) * units[v[-1]])
        return int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a size (like 5000000 or 50M)") from None


def _count(value: str) -> int:
    try:
        n = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a positive whole number")
    return n


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings(
        input_format=args.input_format,
        favor=args.favor,
        fallback=args.fallback,
        include_comments=args.comments,
        include_tables=not args.no_tables,
        # metadata costs a large share of extraction time: only what the output shows is paid
        with_metadata=(getattr(args, "format", "text") == "json" and not args.no_metadata)
        or getattr(args, "metadata", False),  # batch --metadata
        lang=args.lang,
        max_bytes=args.max_bytes,
        max_elements=args.max_elements,
        disable=tuple(args.disable),
        title=not args.no_title,
    )


def cleaner_from(args: argparse.Namespace) -> Cleaner:
    settings = settings_from(args)
    if args.no_default_rules:
        if not args.rules:
            # allowed: extraction alone, no rules at all
            return Cleaner([], settings)
        return Cleaner.from_paths(args.rules, settings)
    return Cleaner.default(settings, extra=args.rules)


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise UsageError(f"'{path}' is a folder; give a file, or '-' for standard input")
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"cannot read '{path}': no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read '{path}': {exc.strerror}") from None
