"""``cleaner explain PAGE``: what every rule did to a page.

With ``-o report.html``, a self-contained HTML report (removed blocks struck through and tinted
by category, matched text highlighted, DOM removals with their selectors, guard stops, and a
per-rule summary). Without it, a colour-coded listing on the terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..stages.render import explain_lines
from ..tools.report import explain_html, tally
from .common import add_extraction_options, add_rule_options, cleaner_from, read_input


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("explain", help="show what every rule did to a page", description=__doc__)
    p.add_argument("input", metavar="PAGE", help="an HTML or text file, or '-' for standard input")
    p.add_argument("-o", "--output", metavar="FILE", help="write a self-contained HTML report here")
    add_rule_options(p)
    add_extraction_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    cleaner = cleaner_from(args)
    result = cleaner.clean(read_input(args.input), url=args.url)
    name = "standard input" if args.input == "-" else Path(args.input).name
    if args.output:
        try:
            Path(args.output).write_text(explain_html(result, name, args.url), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write '{args.output}': {exc.strerror}") from None
        print(f"wrote {args.output}", file=sys.stderr)
        return 0
    color = sys.stdout.isatty()
    lines = explain_lines(result, color=color)
    lines.append("")
    for t in tally(result):
        lines.append(f"{t.rule_id:<10} {t.blocks:>3} blocks {t.chars:>6} chars  {t.message}")
    kept = result.kept
    lines.append(f"{'kept':<10} {len(kept):>3} blocks {sum(len(d.text) for d in kept):>6} chars")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
