"""``cleaner rules lint``: everything wrong or risky in rule files, all at once, with file:line.

Loading stops at the first broken file; a rule author wants the whole list. Errors are what
would break loading or cleaning (schema errors, duplicate ids, regexes that do not compile or
can backtrack catastrophically); warnings are what makes a rule set weaker or slower (no
examples, a bare short phrase on every site, no literal for the prefilter, a dead rule).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import RuleError
from ..matching.expr import AllOf, AnyOf, Expr, Leaf, Not, block_heads, required_literals
from ..rules.loader import RuleFile, parse_rule_file
from ..rules.regexrisk import backtracking_risks
from ..rules.rule import Rule
from ..rules.ruleset import precedence_rank
from ..rules.sources import RuleSource

ERROR = "error"
WARNING = "warning"
#: A generic phrase this short (in words) needs a position or length guard.
SHORT_PHRASE_WORDS = 2


@dataclass(frozen=True)
class Finding:
    severity: str
    path: str
    line: int | None
    rule_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        who = f"rule {self.rule_id}: " if self.rule_id else ""
        return f"{where}{who}{self.severity}: {self.message}"


@dataclass(frozen=True)
class _Loaded:
    source: RuleSource
    file: RuleFile
    target: bool  # linted (not just loaded for context)


def lint(targets: Sequence[RuleSource], context: Sequence[RuleSource] = ()) -> list[Finding]:
    """Findings for the ``targets`` files; ``context`` files (the built-ins, usually) are loaded
    alongside so that duplicate ids and disables across them are seen, but not reported on."""
    findings: list[Finding] = []
    loaded: list[_Loaded] = []
    for source, target in [(s, False) for s in context] + [(s, True) for s in targets]:
        errors: list[RuleError] = []
        try:
            rule_file = parse_rule_file(source.text, source.path, errors)
        except RuleError as exc:
            errors.append(exc)
            rule_file = None
        if target:
            findings.extend(Finding(ERROR, e.path or source.path, e.line, e.rule_id, e.message) for e in errors)
        if rule_file is not None:
            loaded.append(_Loaded(source, rule_file, target))
    loaded.sort(key=lambda x: precedence_rank(x.source, x.file))
    findings.extend(_duplicates(loaded))
    findings.extend(_disables(loaded))
    for item in loaded:
        if item.target:
            lines = item.source.text.splitlines()
            for rule in item.file.rules:
                findings.extend(lint_rule(rule, lines))
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.severity != ERROR))


def lint_rule(rule: Rule, lines: Sequence[str] = ()) -> list[Finding]:
    """The checks that look at one rule on its own."""
    out: list[Finding] = []

    def add(severity: str, message: str, line: int | None = None) -> None:
        out.append(Finding(severity, rule.path, line or rule.line, rule.id, message))

    if not rule.remove_examples:
        add(WARNING, "no examples: add 'examples: remove:' texts (they run as tests)")
    elif not rule.is_dom and not rule.keep_examples:
        add(WARNING, "no 'keep' examples: add body text the rule must not remove")
    if rule.expr is None:
        return out
    for leaf in iter_leaves(rule.expr):
        if leaf.kind != "regex":
            continue
        for source in leaf.sources:
            for risk in backtracking_risks(source):
                severity, what = (WARNING, "may backtrack heavily (bounded repeat)") if risk.bounded else (ERROR, "risks catastrophic backtracking")
                add(severity, f"regex '{source}' {what}: {risk.message}", _line_of(lines, rule.line, source))
    if rule.scope.is_generic and _unguarded(rule):
        short = [p for p in _phrases(rule.expr) if len(p.split()) <= SHORT_PHRASE_WORDS]
        if short:
            add(
                WARNING,
                f"generic rule on the short phrase '{short[0]}' without a guard: it can hit body text "
                "on any site; set whole_block, max_words, first_blocks or last_blocks",
                _line_of(lines, rule.line, short[0]),
            )
    if required_literals(rule.expr) is None and block_heads(rule.expr) is None:
        add(WARNING, "no required literal: the rule runs on every block (slow); add 'requires:' with a word it cannot match without")
    return out


def iter_leaves(expr: Expr) -> Iterator[Leaf]:
    if isinstance(expr, Leaf):
        yield expr
    elif isinstance(expr, (AnyOf, AllOf)):
        for child in expr.children:
            yield from iter_leaves(child)
    elif isinstance(expr, Not):
        yield from iter_leaves(expr.child)


def _phrases(expr: Expr) -> list[str]:
    return [p for leaf in iter_leaves(expr) if leaf.kind == "phrase" for p in leaf.sources]


def _unguarded(rule: Rule) -> bool:
    return not (rule.whole_block or rule.max_words is not None or rule.first_blocks is not None or rule.last_blocks is not None)


def _line_of(lines: Sequence[str], start: int, needle: str) -> int | None:
    """The line, from the rule's first line on, where ``needle`` (a regex or phrase) is written."""
    probes = {needle[:24], needle[:24].replace("'", "''"), needle[:24].replace("\\", "\\\\")}
    for n in range(max(0, start - 1), len(lines)):
        if any(p and p in lines[n] for p in probes):
            return n + 1
    return None


def _duplicates(loaded: Sequence[_Loaded]) -> list[Finding]:
    out = []
    first: dict[str, Rule] = {}
    for item in loaded:
        for rule in item.file.rules:
            seen = first.setdefault(rule.id, rule)
            if seen is not rule and item.target:
                out.append(Finding(ERROR, rule.path, rule.line, rule.id, f"duplicate rule id (also defined at {seen.path}:{seen.line})"))
    return out


def _disables(loaded: Sequence[_Loaded]) -> list[Finding]:
    """Disables that do nothing, and rules that a disable switches off on every site."""
    out = []
    defined = {r.id: (pos, r) for pos, item in enumerate(loaded) for r in item.file.rules}
    for pos, item in enumerate(loaded):
        rf = item.file
        for rid in rf.disable:
            hit = defined.get(rid)
            if hit is None:
                if item.target:
                    out.append(Finding(WARNING, rf.path, rf.disable_line, None, f"disable names {rid}, which no loaded file defines"))
                continue
            where, rule = hit
            if where >= pos:
                if item.target:
                    out.append(
                        Finding(WARNING, rf.path, rf.disable_line, None,
                                f"disable of {rid} has no effect: a file can only disable rules of files before it in precedence")
                    )  # fmt: skip
            elif rf.scope.is_generic and not rf.scope.exclude and loaded[where].target:
                out.append(Finding(WARNING, rule.path, rule.line, rid, f"dead rule: disabled on every site by {rf.path}:{rf.disable_line}"))
    return out
