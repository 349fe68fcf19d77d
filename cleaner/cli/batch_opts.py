"""Batch mode of ``cleaner clean``: many documents in, JSONL (or a tree of ``.txt``) out.

Exit codes: 0 every record was cleaned, 1 some records failed (each has ``error`` set in its
output record), 2 bad usage or rules, 3 internal error.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..batch.readers import InputSpec, is_jsonl
from ..batch.records import FieldNames
from ..batch.run import BatchOptions, run_batch
from ..batch.warc import is_warc
from ..batch.writers import partial_path
from ..errors import EXIT_BAD_INPUT, EXIT_OK, UsageError
from .common import cleaner_from
from .signals import Stopped

#: Seconds one document may take by default before its worker is killed (a single file too).
DEFAULT_TIMEOUT = 60.0


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group(
        "batch mode", "used when given several paths, a folder, JSONL or WARC files, or any option below"
    )
    g.add_argument("--from-list", metavar="FILE", help="also clean the paths listed in FILE, one a line ('-': stdin)")
    g.add_argument("--glob", default="*", help="files to take from folders (default: all, e.g. '*.html')")
    g.add_argument("--jsonl", action="store_true", help="read the inputs (and '-') as JSONL records")
    g.add_argument("--html-field", default="html", metavar="NAME", help="JSONL field holding HTML (default: html)")
    g.add_argument("--text-field", default="text", metavar="NAME", help="JSONL field holding plain text (default: text)")
    g.add_argument("--url-field", default="url", metavar="NAME", help="JSONL field holding the page URL (default: url)")
    g.add_argument("--id-field", default="id", metavar="NAME", help="JSONL field holding the record id (default: id)")
    g.add_argument("--out-dir", metavar="DIR", help="write one .txt per input file here, mirroring the tree")
    g.add_argument("--resume", action="store_true", help="skip records whose id is already in the output")
    g.add_argument("--removed", action="store_true", help="add what was removed (rule, action, chars) to each record")
    g.add_argument("--metadata", action="store_true", help="extract and add title, author, date... to each record")
    g.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary on stderr")


def add_timeout_option(parser: argparse.ArgumentParser) -> None:
    """``--timeout`` is for single documents as well, so it stays out of the batch group."""
    parser.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"give up on a document after this long, in batch mode and for a single "
                             f"file (default {DEFAULT_TIMEOUT:g}; 0: never)")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of seconds (0: no limit)")
    return seconds


def is_batch(args: argparse.Namespace) -> bool:
    """Single-document mode is one file or '-' and no batch option: it stays as it was."""
    if len(args.inputs) != 1 or args.from_list or args.jsonl or args.out_dir or args.resume:
        return True
    if args.removed or args.metadata or args.jobs:
        return True
    path = args.inputs[0]
    return path != "-" and (Path(path).is_dir() or is_jsonl(path) or is_warc(path))


def run_batch_command(args: argparse.Namespace) -> int:
    if args.explain or args.format == "markdown":
        raise UsageError("--explain and --format markdown show one document; batch mode writes JSONL")
    if args.jobs < 0:
        raise UsageError("--jobs must be a positive number of processes")
    if args.output and args.out_dir:
        raise UsageError("give either -o FILE (JSONL) or --out-dir DIR (.txt files), not both")
    if args.url:
        raise UsageError("--url names one page; in batch mode urls come from the records (--url-field)")
    options = BatchOptions(
        inputs=InputSpec(args.inputs, args.from_list, args.glob, args.jsonl),
        names=FieldNames(args.html_field, args.text_field, args.url_field, args.id_field),
        output=args.output,
        out_dir=args.out_dir,
        jobs=args.jobs or os.cpu_count() or 1,
        timeout=args.timeout or None,
        resume=args.resume,
        with_removed=args.removed,
        with_metadata=args.metadata,
        quiet=args.quiet,
    )
    try:
        stats = run_batch(cleaner_from(args), options)
    except Stopped as stop:
        stop.note = resume_note(options)
        raise
    return EXIT_BAD_INPUT if stats.errors else EXIT_OK


def resume_note(options: BatchOptions) -> str:
    """What a stopped run leaves behind and how to go on from it."""
    if options.out_dir is not None and Path(options.out_dir).is_dir():
        return f"the .txt files written so far are kept in '{options.out_dir}': run again with --resume to go on"
    if options.output is not None and options.output != "-" and partial_path(options.output).exists():
        return f"the records written so far are kept in '{partial_path(options.output)}': run again with --resume to go on"
    return ""
