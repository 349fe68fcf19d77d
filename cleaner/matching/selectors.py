"""DOM selectors compiled once per rule selection: XPath, CSS, and two fast paths (class/id
tokens; element names alone).

A DOM rule's selector is compiled when its rules are selected; the DOM stage
(:mod:`cleaner.stages.domstage`) only runs what it is given. The token tests of all rules are
answered by one scan of the page (:mod:`cleaner.matching.tokens`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Generic, TypeAlias, TypeVar

from lxml import etree

from .ruleview import SelectorRule
from .tokens import TokenIndex, TokenSelector, split_selector

R = TypeVar("R", bound=SelectorRule)

#: A compiled selector: an XPath (from XPath or CSS), or one of the fast paths.
Selector: TypeAlias = "etree.XPath | TokenSelector | TagSelector"

_NAME = r"[a-z][a-z0-9]*"
#: CSS that names elements only: ``nav, footer, aside``.
_CSS_TAGS = re.compile(rf"\s*{_NAME}(?:\s*,\s*{_NAME})*\s*")
#: XPath that names elements only: ``descendant::nav``, ``descendant::*[self::nav or self::aside]``.
_XPATH_TAGS = re.compile(
    rf"(descendant(?:-or-self)?)::(?:({_NAME})|\*\[\s*self::{_NAME}(?:\s+or\s+self::{_NAME})*\s*\])"
)


class TagSelector:
    """The elements of some names, in document order: lxml's own walk, filtered by name in C,
    where an XPath or CSS selector tests every element in turn (three times as long on the
    dev pages). The page's root is included as CSS and ``descendant-or-self::`` include it."""

    def __init__(self, tags: Sequence[str], include_root: bool) -> None:
        self.tags = tuple(dict.fromkeys(tags))
        self.include_root = include_root

    def __call__(self, root: etree._Element) -> list[etree._Element]:
        found = list(root.iter(*self.tags))
        if found and not self.include_root and found[0] is root:
            del found[0]
        return found


def _tag_selector(selector: str, kind: str) -> TagSelector | None:
    """The fast path for a selector that names elements and nothing else (lower case, as the
    HTML parser names them), else ``None``."""
    if kind == "css":
        if _CSS_TAGS.fullmatch(selector):
            return TagSelector([t.strip() for t in selector.split(",")], include_root=True)
        return None
    m = _XPATH_TAGS.fullmatch(selector.strip())
    if m is None:
        return None
    tags = [m.group(2)] if m.group(2) else re.findall(rf"self::({_NAME})", selector)
    return TagSelector(tags, include_root=m.group(1) == "descendant-or-self")


def compile_selector(selector: str, kind: str) -> Selector:
    """Compile a CSS or XPath selector; raises ``ValueError`` with the parser's message."""
    if kind == "css":
        from cssselect import SelectorError
        from lxml.cssselect import CSSSelector

        try:
            full = CSSSelector(selector)  # validates the whole selector, fast path or not
            tags = _tag_selector(selector, kind)
            if tags is not None:
                return tags
            terms = split_selector(selector)
            if terms is None:
                return full
            rest = _grouped_css(terms.rest) if terms.rest else None
            return TokenSelector(terms, rest)
        except SelectorError as exc:
            raise ValueError(str(exc)) from None
        except etree.XPathSyntaxError as exc:
            raise ValueError(str(exc)) from None
    try:
        full_xpath = etree.XPath(selector)
    except etree.XPathSyntaxError as exc:
        raise ValueError(str(exc)) from None
    return _tag_selector(selector, kind) or full_xpath


def _grouped_css(parts: Sequence[str]) -> etree.XPath:
    """The CSS selector list ``parts`` as one XPath, with the simple parts on one element
    name joined into one step: ``nav[aria-label="a"], nav[aria-label="b"]`` becomes
    ``descendant-or-self::nav[(@aria-label = 'a') or (@aria-label = 'b')]``, one pass over
    the page where cssselect's union of two paths makes two. The conditions are cssselect's
    own, so the same elements come out, in document order."""
    from cssselect import GenericTranslator, parse

    translator = GenericTranslator()
    conditions: dict[str, list[str]] = {}
    paths: list[str] = []
    for part in parts:
        for selector in parse(part):
            expr = translator.xpath(selector.parsed_tree)
            if selector.pseudo_element is None and _is_simple(selector.parsed_tree) and expr.element != "*" and expr.condition:
                conditions.setdefault(expr.element, []).append(expr.condition)
            else:
                paths.append(translator.selector_to_xpath(selector, prefix="descendant-or-self::"))
    for element, tests in conditions.items():
        paths.append(f"descendant-or-self::{element}[{' or '.join(f'({t})' for t in tests)}]")
    return etree.XPath(" | ".join(paths))


def _is_simple(tree: object) -> bool:
    """Whether a parsed selector tests nothing but the element itself: a chain of attribute,
    class and id tests on an element name. Parts of that kind on one name can share a pass."""
    from cssselect.parser import Attrib, Class, Element, Hash

    while isinstance(tree, (Attrib, Class, Hash)):
        tree = tree.selector
    return isinstance(tree, Element)


class DomRules(Generic[R]):
    """The DOM rules of one rule selection, with their token index built once for all the
    pages they run on."""

    def __init__(self, rules: Sequence[tuple[R, Selector]]) -> None:
        self.rules = tuple(rules)
        self.tokens = TokenIndex([selector for _, selector in self.rules])

    def __len__(self) -> int:
        return len(self.rules)


