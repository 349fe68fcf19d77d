"""Rule files (format v1) → validated :class:`~cleaner.rules.rule.Rule` objects.

Pure: it takes the text of a file and the name to report it under; reading files is the
caller's business (see :mod:`cleaner.rules.sources`). Every problem is a :class:`RuleError` that
names the file, the line and, when known, the rule. The format is documented in docs/rules.md.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import regex

from ..errors import RuleError
from ..matching.expr import AllOf, AnyOf, Expr, Not, compile_phrases, compile_regex
from ..model import ACTIONS, KINDS, TAGS
from .rule import Example, Rule, Scope
from .yamlsafe import LineDict, LineList, load_yaml

FORMAT_VERSION = 1

CATEGORIES = (
    "newsletter",
    "feedback",
    "donation",
    "related",
    "share",
    "cookie",
    "advertising",
    "comments",
    "paywall",
    "promo",
    "media-credit",
    "byline",
    "legal",
    "navigation",
    "title",
    "syndication",
    "editorial",
    "other",
)
DOM_ACTIONS = ("remove",)

FILE_KEYS = ("version", "description", "sites", "languages", "rules", "disable")
RULE_KEYS = (
    "id", "name", "category", "message", "doc", "action",
    "match", "css", "xpath", "requires",
    "whole_block", "max_words", "min_words", "first_blocks", "last_blocks", "kinds", "tags",
    "min_words_before", "min_words_after", "min_link_density", "max_link_density",
    "languages", "sites", "examples",
)  # fmt: skip
MATCH_KEYS = ("phrase", "regex", "any", "all", "not")
EXAMPLE_KEYS = ("remove", "keep")

ID_PATTERN = regex.compile(r"^[A-Z]{2,8}[0-9]{3,6}$")
LANG_PATTERN = regex.compile(r"^[a-z]{2,3}$")
#: A rule file with more rules than this is refused (split big rule sets into files).
MAX_RULES_PER_FILE = 20_000


@dataclass(frozen=True)
class RuleFile:
    path: str
    description: str
    scope: Scope
    languages: frozenset[str] | None
    rules: tuple[Rule, ...]
    #: Rule ids this file switches off (for the pages it applies to).
    disable: tuple[str, ...] = ()
    disable_line: int = 0


class _Ctx:
    """Where we are, for error messages."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.rule_id: str | None = None

    def fail(self, message: str, line: int | None) -> RuleError:
        return RuleError(message, self.path, line, self.rule_id)


def _expected(value: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"(expected one of {', '.join(choices)}){hint}"


def _check_keys(node: LineDict, allowed: tuple[str, ...], ctx: _Ctx, what: str) -> None:
    for key in node:
        if key not in allowed:
            raise ctx.fail(f"unknown key '{key}' in {what} {_expected(str(key), allowed)}", node.line_of(key))


def parse_rule_file(text: str, path: str, errors: list[RuleError] | None = None) -> RuleFile:
    """Parse and validate one rule file.

    With an ``errors`` list, a broken rule is recorded there and skipped instead of failing
    the file, so that ``cleaner rules lint`` can report every broken rule in one run; problems
    with the file as a whole still raise."""
    ctx = _Ctx(path)
    data = load_yaml(text, path)
    if data is None:
        raise ctx.fail("rule file is empty", 1)
    if not isinstance(data, LineDict):
        raise ctx.fail("a rule file is a mapping with 'rules:' (see docs/rules.md)", 1)
    _check_keys(data, FILE_KEYS, ctx, "the file header")
    version = data.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise ctx.fail(f"unsupported format version {version!r} (this cleaner reads version {FORMAT_VERSION})", data.line_of("version"))
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ctx.fail("'description' must be text", data.line_of("description"))
    scope = _parse_scope(data.get("sites"), data.line_of("sites"), ctx)
    languages = _parse_languages(data.get("languages"), data.line_of("languages"), ctx)
    disable = _parse_id_list(data.get("disable", []), data.line_of("disable"), ctx, "disable")
    raw_rules = data.get("rules", [])
    if raw_rules is None:
        raw_rules = LineList()
    if not isinstance(raw_rules, list):
        raise ctx.fail("'rules' must be a list of rules", data.line_of("rules"))
    if len(raw_rules) > MAX_RULES_PER_FILE:
        raise ctx.fail(f"{len(raw_rules)} rules in one file, over the limit of {MAX_RULES_PER_FILE}; split the file", data.line_of("rules"))
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_rules):
        line = raw_rules.line_of(i) if isinstance(raw_rules, LineList) else data.line
        try:
            rule = _parse_rule(raw, line, ctx, scope, languages)
            if rule.id in seen:
                raise RuleError(f"duplicate rule id (first defined at line {seen[rule.id]})", path, rule.line, rule.id)
        except RuleError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        seen[rule.id] = rule.line
        rules.append(rule)
    return RuleFile(
        path=path,
        description=description,
        scope=scope,
        languages=languages,
        rules=tuple(rules),
        disable=disable,
        disable_line=data.line_of("disable"),
    )


def _parse_scope(value: Any, line: int, ctx: _Ctx) -> Scope:
    if value is None or value == "all" or value == "*":
        return Scope()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ctx.fail("'sites' must be 'all' or a list of domains / URL patterns (example.com, example.com/news/*, ~sub.example.com)", line)
    include = tuple(v.strip().lower() for v in value if not v.strip().startswith("~"))
    exclude = tuple(v.strip()[1:].lower() for v in value if v.strip().startswith("~"))
    for pattern in include + exclude:
        if "://" in pattern or " " in pattern:
            raise ctx.fail(f"site pattern '{pattern}' should be a domain with an optional path, like example.com/news/*", line)
    return Scope(include, exclude)


def _parse_languages(value: Any, line: int, ctx: _Ctx) -> frozenset[str] | None:
    if value is None or value == "*" or value == "any":
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ctx.fail("'languages' must be a list of language codes such as [en, de], or '*'", line)
    codes = []
    for v in value:
        if v == "*":
            return None
        if not isinstance(v, str) or not LANG_PATTERN.match(v):
            raise ctx.fail(f"'{v}' is not a language code (two or three lowercase letters, like en or de)", line)
        codes.append(v)
    return frozenset(codes)


def _parse_id_list(value: Any, line: int, ctx: _Ctx, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ctx.fail(f"'{key}' must be a list of rule ids", line)
    return tuple(value)


def _int(node: LineDict, key: str, ctx: _Ctx) -> int | None:
    value = node.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ctx.fail(f"'{key}' must be a whole number ≥ 0, not {value!r}", node.line_of(key))
    return value


def _ratio(node: LineDict, key: str, ctx: _Ctx) -> float | None:
    value = node.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ctx.fail(f"'{key}' must be a number between 0 and 1, not {value!r}", node.line_of(key))
    return float(value)


def _text(node: LineDict, key: str, ctx: _Ctx, required: bool = True) -> str:
    value = node.get(key)
    if value is None:
        if required:
            raise ctx.fail(f"missing '{key}'", node.line)
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ctx.fail(f"'{key}' must be non-empty text", node.line_of(key))
    return value.strip()


def _parse_rule(
    raw: Any, line: int, ctx: _Ctx, file_scope: Scope, file_languages: frozenset[str] | None
) -> Rule:
    ctx.rule_id = None
    if not isinstance(raw, LineDict):
        raise ctx.fail("each rule is a mapping with id, name, category, message, match and action", line)
    rid = raw.get("id")
    if not isinstance(rid, str) or not ID_PATTERN.match(rid):
        raise ctx.fail(
            f"rule id {rid!r} must be a category prefix in capitals and a number, like NL001",
            raw.line_of("id"),
        )
    ctx.rule_id = rid
    _check_keys(raw, RULE_KEYS, ctx, "rule")
    name = _text(raw, "name", ctx)
    message = _text(raw, "message", ctx)
    if "\n" in message:
        raise ctx.fail("'message' must be one line", raw.line_of("message"))
    category = _text(raw, "category", ctx)
    if category not in CATEGORIES:
        raise ctx.fail(f"unknown category '{category}' {_expected(category, CATEGORIES)}", raw.line_of("category"))

    has_match = "match" in raw or "tags" in raw
    dom_keys = [k for k in ("css", "xpath") if k in raw]
    if has_match == bool(dom_keys) or len(dom_keys) > 1:
        raise ctx.fail("a rule needs exactly one of 'match' or 'tags' (text rule), 'css' or 'xpath' (DOM rule)", raw.line)
    is_dom = bool(dom_keys)
    allowed_actions = DOM_ACTIONS if is_dom else ACTIONS
    action = raw.get("action", allowed_actions[0])
    if action not in allowed_actions:
        raise ctx.fail(f"unknown action '{action}' {_expected(str(action), allowed_actions)}", raw.line_of("action"))

    whole = raw.get("whole_block", False)
    if not isinstance(whole, bool):
        raise ctx.fail("'whole_block' must be true or false", raw.line_of("whole_block"))
    requires = _parse_requires(raw, ctx)

    expr: Expr | None = None
    selector = selector_type = None
    if is_dom:
        selector_type = dom_keys[0]
        selector = _text(raw, selector_type, ctx)
        _check_selector(selector, selector_type, raw.line_of(selector_type), ctx)
    elif "match" in raw:
        expr = _parse_expr(raw["match"], raw.line_of("match"), ctx, whole, requires)
    tags = _parse_tags(raw.get("tags"), raw.line_of("tags"), ctx)

    kinds = raw.get("kinds")
    if kinds is not None:
        if isinstance(kinds, str):
            kinds = [kinds]
        if not isinstance(kinds, list) or not kinds:
            raise ctx.fail("'kinds' must be a list of block kinds", raw.line_of("kinds"))
        for k in kinds:
            if k not in KINDS:
                raise ctx.fail(f"unknown block kind '{k}' {_expected(str(k), sorted(KINDS))}", raw.line_of("kinds"))
        kinds = frozenset(kinds)

    languages = file_languages
    if "languages" in raw:
        languages = _parse_languages(raw["languages"], raw.line_of("languages"), ctx)
    rule_scope = _parse_scope(raw.get("sites"), raw.line_of("sites"), ctx)
    if rule_scope.include or rule_scope.exclude:
        include = _narrow(file_scope.include, rule_scope.include) if rule_scope.include else file_scope.include
        file_scope = Scope(include, file_scope.exclude + rule_scope.exclude)
    remove, keep = _parse_examples(raw, ctx)

    return Rule(
        id=rid,
        name=name,
        category=category,
        message=message,
        action=action,
        path=ctx.path,
        line=raw.line,
        expr=expr,
        selector=selector,
        selector_type=selector_type,
        whole_block=whole,
        max_words=_int(raw, "max_words", ctx),
        min_words=_int(raw, "min_words", ctx),
        first_blocks=_int(raw, "first_blocks", ctx),
        last_blocks=_int(raw, "last_blocks", ctx),
        kinds=kinds,
        tags=tags,
        min_words_before=_int(raw, "min_words_before", ctx),
        min_words_after=_int(raw, "min_words_after", ctx),
        min_link_density=_ratio(raw, "min_link_density", ctx),
        max_link_density=_ratio(raw, "max_link_density", ctx),
        languages=languages,
        scope=file_scope,
        remove_examples=remove,
        keep_examples=keep,
        doc=_text(raw, "doc", ctx, required=False),
        requires=requires,
        site_file=not file_scope.is_generic,
    )


def _parse_tags(value: Any, line: int, ctx: _Ctx, allow_empty: bool = False) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not (value or allow_empty):
        raise ctx.fail("'tags' must be a list of block tags", line)
    for tag in value:
        if tag not in TAGS:
            raise ctx.fail(f"unknown block tag '{tag}' {_expected(str(tag), sorted(TAGS))}", line)
    return frozenset(value)


def _narrow(file_include: tuple[str, ...], rule_include: tuple[str, ...]) -> tuple[str, ...]:
    """A rule's own sites narrow its file's: keep the rule's patterns that fall inside the file's
    domains (a bare path pattern like ``*/news/*`` is applied under each file domain)."""
    out = []
    for r in rule_include:
        domain, _, glob = r.partition("/")
        if domain in ("", "*") and file_include:
            out.extend(f"{f.partition('/')[0]}/{glob}" for f in file_include)
        else:
            out.append(r)
    return tuple(out)


def _parse_requires(raw: LineDict, ctx: _Ctx) -> tuple[str, ...]:
    value = raw.get("requires")
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ctx.fail("'requires' must be a literal or a list of literals the regex cannot match without", raw.line_of("requires"))
    return tuple(value)


def _parse_expr(node: Any, line: int, ctx: _Ctx, whole: bool, requires: tuple[str, ...]) -> Expr:
    if isinstance(node, str):
        return _phrases([node], line, ctx, whole)
    if isinstance(node, list):
        if not node:
            raise ctx.fail("an empty list matches nothing", line)
        if all(isinstance(x, str) for x in node):
            return _phrases(node, line, ctx, whole)
        items = [_parse_expr(x, _line(node, i, line), ctx, whole, requires) for i, x in enumerate(node)]
        return items[0] if len(items) == 1 else AnyOf(tuple(items))
    if not isinstance(node, LineDict) or not node:
        raise ctx.fail("'match' must be a phrase, a list of phrases, or a mapping of phrase/regex/any/all/not", line)
    _check_keys(node, MATCH_KEYS, ctx, "match")
    parts: list[Expr] = []
    for key, value in node.items():
        kline = node.line_of(key)
        if key == "phrase":
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
                raise ctx.fail("'phrase' must be a phrase or a list of phrases", kline)
            parts.append(_phrases(values, kline, ctx, whole))
        elif key == "regex":
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
                raise ctx.fail("'regex' must be a regular expression or a list of them", kline)
            leaves = [_regex(v, _line(values, i, kline), ctx, whole, requires) for i, v in enumerate(values)]
            parts.append(leaves[0] if len(leaves) == 1 else AnyOf(tuple(leaves)))
        elif key in ("any", "all"):
            if not isinstance(value, list) or not value:
                raise ctx.fail(f"'{key}' must be a non-empty list of match expressions", kline)
            kids = tuple(_parse_expr(x, _line(value, i, kline), ctx, whole, requires) for i, x in enumerate(value))
            parts.append(AnyOf(kids) if key == "any" else AllOf(kids))
        else:  # not
            parts.append(Not(_parse_expr(value, kline, ctx, False, ())))
    if all(isinstance(p, Not) for p in parts):
        raise ctx.fail("'not' needs something positive beside it: a rule that matches everything except X removes the article", line)
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def _line(node: Any, index: int, default: int) -> int:
    return node.line_of(index) if isinstance(node, LineList) else default


def _phrases(values: list[str], line: int, ctx: _Ctx, whole: bool) -> Expr:
    for v in values:
        if not isinstance(v, str) or not v.split():
            raise ctx.fail("a phrase must be non-empty text", line)
    return compile_phrases(values, whole)


def _regex(source: str, line: int, ctx: _Ctx, whole: bool, requires: tuple[str, ...]) -> Expr:
    try:
        return compile_regex(source, whole, requires)
    except regex.error as exc:
        raise ctx.fail(f"regex '{_clip(source)}' does not compile: {exc}", line) from None
    except (RecursionError, OverflowError, MemoryError):
        raise ctx.fail(f"regex '{_clip(source)}' is too complex to compile", line) from None


def _clip(source: str, width: int = 80) -> str:
    """A long pattern, shortened for a one-line message."""
    return source if len(source) <= width else source[: width - 1] + "…"


def _check_selector(selector: str, kind: str, line: int, ctx: _Ctx) -> None:
    from ..matching.selectors import compile_selector

    try:
        compile_selector(selector, kind)
    except ValueError as exc:
        raise ctx.fail(f"{kind} selector '{selector}' is invalid: {exc}", line) from None


def _parse_examples(raw: LineDict, ctx: _Ctx) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    node = raw.get("examples")
    if node is None:
        return (), ()
    if not isinstance(node, LineDict):
        raise ctx.fail("'examples' must be a mapping with 'remove:' and 'keep:' lists", raw.line_of("examples"))
    _check_keys(node, EXAMPLE_KEYS, ctx, "examples")
    out = []
    for key in EXAMPLE_KEYS:
        items = node.get(key) or []
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list):
            raise ctx.fail(f"'examples.{key}' must be a list of texts", node.line_of(key))
        parsed = []
        for i, item in enumerate(items):
            iline = _line(items, i, node.line_of(key))
            if isinstance(item, str):
                parsed.append(Example(item, iline))
            elif isinstance(item, LineDict) and isinstance(item.get("text"), str):
                kind = item.get("kind")
                if kind is not None and kind not in KINDS:
                    raise ctx.fail(f"unknown block kind '{kind}' in example {_expected(str(kind), sorted(KINDS))}", iline)
                tags = _parse_tags(item["tags"], iline, ctx, allow_empty=True) if "tags" in item else None
                parsed.append(Example(item["text"], iline, kind, tags))
            else:
                raise ctx.fail(f"an example must be text, or a mapping with 'text' (and 'kind'), not {item!r}", iline)
        out.append(tuple(parsed))
    return out[0], out[1]
