"""``cleaner rules list|lint|test|new``: tools for rule authors.

``lint`` and ``test`` take rule files or folders (default: the built-in rules); the built-in
rules are loaded alongside a user's files (for duplicate ids, disables and the fixtures' clean
text) unless ``--no-default-rules`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ..engine import Cleaner
from ..errors import EXIT_BAD_INPUT, EXIT_BAD_USAGE, RuleError
from ..rules.loader import CATEGORIES, parse_rule_file
from ..rules.rule import Rule
from ..rules.ruleset import RuleSet, split_url
from ..rules.sources import (
    RuleSource,
    builtin_rules_dir,
    builtin_sources,
    find_rule_files,
    read_sources,
)
from ..tools.examples import check_rule_examples
from ..tools.fixtures import builtin_fixture_roots, check_fixture, find_fixtures, fixture_roots
from ..tools.lint import ERROR, lint
from ..tools.scaffold import new_site

COLUMNS = ("id", "name", "category", "scope", "languages", "action", "file")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", help="list, lint, test and create rule files", description=__doc__)
    verbs = p.add_subparsers(dest="verb", metavar="VERB", parser_class=type(p))
    verbs.required = True

    ls = verbs.add_parser("list", help="a table of the loaded rules")
    _paths(ls)
    ls.add_argument("--category", choices=CATEGORIES, help="only rules of this category")
    ls.add_argument("--site", metavar="DOMAIN|URL", help="only rules that run on this site (generic ones too)")
    ls.add_argument("--lang", help="only rules for this language code")
    ls.add_argument("--format", choices=("table", "json"), default="table")
    ls.set_defaults(run=run_list)

    li = verbs.add_parser("lint", help="find broken, risky, slow and untested rules (exit 2 on errors)")
    _paths(li)
    li.set_defaults(run=run_lint)

    te = verbs.add_parser("test", help="run rule examples and site fixtures (exit 1 on failure)")
    _paths(te)
    te.set_defaults(run=run_test)

    new = verbs.add_parser("new", help="write a skeleton site file and fixture folder")
    new.add_argument("domain", metavar="DOMAIN", help="the site, like example.com")
    new.add_argument("--dir", default=".", metavar="DIR",
                     help="rule folder to write DIR/sites/DOMAIN.yaml and DIR/fixtures/sites/DOMAIN/ in (default: .)")
    new.set_defaults(run=run_new)


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders (default: the built-in rules)")
    parser.add_argument("--no-default-rules", action="store_true", help="do not load the built-in rules next to PATHs")


def _sources(args: argparse.Namespace) -> tuple[list[RuleSource], list[RuleSource]]:
    """(files to work on, files loaded alongside for context). A PATH inside the built-in
    rules folder picks those built-in files (so they keep their rank and are not loaded twice)."""
    builtin = builtin_sources()
    if not args.paths:
        return builtin, []
    root = builtin_rules_dir().resolve()
    targets: list[RuleSource] = []
    for raw in args.paths:
        path = Path(raw).resolve()
        if path == root or root in path.parents:
            names = {str(Path("rules") / f.resolve().relative_to(root)) for f in find_rule_files(path)}
            targets += [s for s in builtin if s.path in names and s not in targets]
        else:
            targets += read_sources([raw])
    return targets, [] if args.no_default_rules else [s for s in builtin if s not in targets]


# -- list ---------------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    targets, context = _sources(args)
    ruleset = RuleSet(context + targets)
    rules = [r for f in ruleset.files for r in f.rules]  # lowest precedence first, as written
    if args.category:
        rules = [r for r in rules if r.category == args.category]
    if args.lang:
        rules = [r for r in rules if r.applies_to_language(args.lang.lower())]
    if args.site:
        host, path = split_url(args.site)
        off = ruleset.disabled_for(host, path)
        rules = [r for r in rules if r.id not in off and r.scope.matches(host, path)]
    if args.format == "json":
        print(json.dumps([r.summary() for r in rules], ensure_ascii=False, indent=2))
    else:
        print(rules_table(rules))
    return 0


def rules_table(rules: Sequence[Rule]) -> str:
    rows = [[str(r.summary()[c]) if c != "languages" else ",".join(r.summary()[c]) for c in COLUMNS] for r in rules]
    rows = [[_clip(cell, 40) for cell in row] for row in rows]
    widths = [max([len(c)] + [len(row[i]) for row in rows]) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(COLUMNS, widths)).rstrip()]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"{len(rows)} rule{'s' if len(rows) != 1 else ''}")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# -- lint ---------------------------------------------------------------------------------------


def run_lint(args: argparse.Namespace) -> int:
    targets, context = _sources(args)
    findings = lint(targets, context)
    for finding in findings:
        print(finding)
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    print(f"{len(targets)} file{'s' if len(targets) != 1 else ''}: {errors} error{'s' if errors != 1 else ''}, "
          f"{warnings} warning{'s' if warnings != 1 else ''}")  # fmt: skip
    return EXIT_BAD_USAGE if errors else 0


# -- test ---------------------------------------------------------------------------------------


def run_test(args: argparse.Namespace) -> int:
    targets, context = _sources(args)
    try:
        cleaner = Cleaner(context + targets)
    except RuleError as exc:  # a broken file: say where, and where to see every problem
        raise RuleError(f"{exc.message} (run 'cleaner rules lint' to list every problem)", exc.path, exc.line, exc.rule_id) from None
    passed = failed = 0
    for source in targets:
        for rule in parse_rule_file(source.text, source.path).rules:
            failures = check_rule_examples(rule)
            for failure in failures:
                print(failure)
            failed += len(failures)
            passed += len(rule.remove_examples) + len(rule.keep_examples) - len(failures)
    roots = builtin_fixture_roots() if not args.paths else [r for p in args.paths for r in fixture_roots(Path(p))]
    for fixture in find_fixtures(dict.fromkeys(roots)):
        fixture_failures = check_fixture(cleaner, fixture)
        for ff in fixture_failures:
            print(ff)
        failed += bool(fixture_failures)
        passed += not fixture_failures
    print(f"{passed} passed, {failed} failed")
    return EXIT_BAD_INPUT if failed else 0


# -- new ----------------------------------------------------------------------------------------


def run_new(args: argparse.Namespace) -> int:
    skeleton = new_site(args.domain, Path(args.dir))
    for path in (skeleton.rule_file, skeleton.page, skeleton.expected):
        print(f"wrote {path}")
    print(f"next: edit them, then run 'cleaner rules lint {args.dir}' and 'cleaner rules test {args.dir}'", file=sys.stderr)
    return 0
