"""``cleaner clean PATH|-``: print a page's clean body text; with many inputs, clean a batch."""

from __future__ import annotations

import argparse
import sys

from ..batch.isolated import clean_isolated
from ..errors import UsageError
from ..stages.render import explain_lines, to_json, to_markdown
from .batch_opts import add_batch_options, add_timeout_option, is_batch, run_batch_command
from .common import add_extraction_options, add_rule_options, cleaner_from, read_input
from .output import write_text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("clean", help="print the clean body text of a page", description=__doc__)
    p.add_argument("inputs", nargs="*", metavar="PATH",
                   help="HTML or text files, folders, JSONL or WARC files, or '-' for standard input")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="output format")
    p.add_argument("--explain", action="store_true", help="list every block, KEEP or DROP, with the rule")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    add_rule_options(p)
    add_extraction_options(p)
    add_timeout_option(p)
    add_batch_options(p)
    p.set_defaults(run=run, stoppable=True)  # the cleaning runs in worker processes


def run(args: argparse.Namespace) -> int:
    if not args.inputs and not args.from_list:
        raise UsageError("the following arguments are required: PATH (or --from-list FILE)")
    if is_batch(args):
        return run_batch_command(args)
    return run_single(args, args.inputs[0])


def run_single(args: argparse.Namespace, path: str) -> int:
    cleaner = cleaner_from(args)
    data = read_input(path)
    name = "standard input" if path == "-" else f"'{path}'"
    result = clean_isolated(cleaner, data, url=args.url, timeout=args.timeout or None, name=name)
    if args.explain:
        color = args.output is None and sys.stdout.isatty()
        out = "\n".join(explain_lines(result, color=color))
    elif args.format == "json":
        out = to_json(result)
    elif args.format == "markdown":
        out = to_markdown(result)
    else:
        out = result.text
    if args.output:
        write_text(args.output, out + "\n")
    else:
        write_text(None, out + "\n" if out else "")
    return 0
