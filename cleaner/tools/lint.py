"""``cleaner rules lint``: everything wrong or risky in rule files, all at once, with file:line.

Loading stops at the first broken file; a rule author wants the whole list. Errors are what
would break loading or cleaning (schema errors, duplicate ids, regexes that do not compile or
can backtrack catastrophically); warnings are what makes a rule set weaker or slower (no
examples, a bare short phrase on every site, no literal for the prefilter, a dead rule, an
example that tests nothing).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import RuleError
from ..matching.expr import AllOf, AnyOf, Expr, Leaf, Not, block_heads, required_literals
from ..matching.normalize import block_head, fold_text
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
    if rule.is_dom:
        for alternative in unexercised_alternatives(rule):
            add(WARNING, f"no remove example is matched by the selector alternative '{alternative}': "
                "a typo in it would go unnoticed; add a remove example it matches")
    if rule.expr is None:
        return out
    reasons = [vacuous_reason(rule.expr, e.text) for e in rule.keep_examples]
    if reasons and all(reasons):
        # one near miss is enough: the other keep examples may show what else the rule spares
        add(WARNING, f"no keep example can match the rule whatever its regex does (the first: {reasons[0]}), so "
            "they pass however the rule is broken; add a body sentence that uses the clutter's own words",
            rule.keep_examples[0].line)
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


def vacuous_reason(expr: Expr, text: str) -> str | None:
    """Why ``text`` is never offered to ``expr``, or ``None``: it holds none of the literals
    the prefilter indexes the expression by (one of which any match contains), or, for an
    expression without one, it opens with none of its heads. A keep example of that kind
    never reaches the rule's regex, so it passes however the regex is broken."""
    literals = required_literals(expr)
    if literals is not None:
        folded = fold_text(text)
        if any(lit in folded for lit in literals):
            return None
        return "it has none of the literals " + _listed(literals)
    # heads matter only where the prefilter uses them: for a rule without a literal
    heads = block_heads(expr)
    if heads is not None and not block_head(text).startswith(heads):
        return "it opens with none of the heads " + _listed(heads)
    return None


def _listed(words: Sequence[str]) -> str:
    return ", ".join(f"'{w}'" for w in words[:4]) + (", ..." if len(words) > 4 else "")


def selector_alternatives(selector: str, kind: str) -> list[str]:
    """The alternatives of a CSS selector list (``a, b``) or an XPath union (``x | y``)."""
    if kind == "css":
        from cssselect import parse

        out = _split_top_level(selector, ",")
        # the split must agree with cssselect's own count of the list's members
        return out if len(parse(selector)) == len(out) else [selector]
    return _split_top_level(selector, "|")


def _split_top_level(selector: str, separator: str) -> list[str]:
    """``selector`` cut at each ``separator`` outside quotes, brackets and parentheses."""
    out, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(selector):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == separator and depth == 0:
            out.append(selector[start:i].strip())
            start = i + 1
    out.append(selector[start:].strip())
    return out


def unexercised_alternatives(rule: Rule) -> list[str]:
    """The alternatives of a DOM rule's selector that no remove example is matched by."""
    from lxml import etree
    from lxml.cssselect import CSSSelector

    from ..stages.htmlpage import parse_html

    assert rule.selector and rule.selector_type
    alternatives = selector_alternatives(rule.selector, rule.selector_type)
    pages = [parse_html(f"<html><body>{e.text}</body></html>") for e in rule.remove_examples]
    out = []
    for alternative in alternatives:
        try:
            find = CSSSelector(alternative) if rule.selector_type == "css" else etree.XPath(alternative)
        except Exception:  # the loader reports a broken selector; this is no place to repeat it
            continue
        # an alternative exercised only by the wrapper's html and body would not be removed
        if not any(el.tag not in ("html", "body") for page in pages for el in find(page) if isinstance(el, etree._Element)):
            out.append(alternative)
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
