"""DOM rules: remove elements from the parsed page before trafilatura sees it.

Clutter that has a recognisable container (a newsletter form, a share bar, a cookie banner) is
easiest to catch here. Guards keep this stage from pruning the article: the page's root and
its ``body``/``article``/``main`` elements (or anything containing them) are never removed,
and a removal of ``MIN_GUARDED_CHARS`` or more characters that would leave less than
``MIN_KEEP_SHARE`` of the page's text is undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from lxml import etree

from .model import DomRemoval, GuardEvent
from .rule import Rule
from .tokenselect import TokenIndex, TokenSelector, split_selector

PROTECTED_TAGS = frozenset({"html", "body", "article", "main"})
#: Never let DOM rules take the page below this share of its original text.
MIN_KEEP_SHARE = 0.4
#: Removals of less text than this are not weighed against the page's text: they cannot hold
#: an article (a share bar, a cookie notice), and the weighing costs a pass over the page.
MIN_GUARDED_CHARS = 200
_TEXT = etree.XPath("string-length(normalize-space(string(.)))")
#: A removed element's text, read once for its size and its snippet.
_NORMALIZED = etree.XPath("normalize-space(string(.))", smart_strings=False)
#: ``descendant::`` rather than ``.//``, which libxml2 runs as a child step from every node.
_HAS_PROTECTED = etree.XPath("boolean(descendant::article | descendant::main | descendant::body)")
#: An element's topmost element ancestor: the root while it is attached. One XPath call, where
#: walking up the ancestors makes an element object (a Python-level class lookup) for each.
_TOP = etree.XPath("ancestor::*[last()]")

#: A compiled selector: an XPath (from XPath or CSS), or the class/id token fast path.
Selector: TypeAlias = "etree.XPath | TokenSelector"


def compile_selector(selector: str, kind: str) -> Selector:
    """Compile a CSS or XPath selector; raises ``ValueError`` with the parser's message."""
    if kind == "css":
        from cssselect import SelectorError
        from lxml.cssselect import CSSSelector

        try:
            full = CSSSelector(selector)  # validates the whole selector, fast path or not
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
        return etree.XPath(selector)
    except etree.XPathSyntaxError as exc:
        raise ValueError(str(exc)) from None


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


def _text_len(el: etree._Element) -> int:
    return int(_TEXT(el))


def _detach(el: etree._Element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _snippet(normalized: str, limit: int = 160) -> str:
    """``" ".join(text.split())[:limit]`` of an element's text, from its XPath
    ``normalize-space``: that form has no runs of XML spaces left, but other Unicode spaces
    (no-break, ideographic) stay, so it is split again, only as far as the snippet needs (a
    removed comment section can hold most of a page's text). Splitting a start of a text
    gives a start of what splitting all of it gives, since a token cut short at the end is a
    start of the whole token."""
    size = 2 * limit
    while True:
        snippet = " ".join(normalized[:size].split())
        if len(snippet) >= limit or size >= len(normalized):
            return snippet[:limit]
        size *= 2


def _top(el: etree._Element) -> etree._Element:
    top = _TOP(el)
    return top[0] if top else el  # type: ignore[index,return-value]


def _attached(el: etree._Element, top: etree._Element) -> bool:
    """Whether ``el`` still hangs from ``top``, the topmost element above the page's root."""
    return _top(el) is top


class DomRules:
    """The DOM rules of one rule selection, with their token index built once for all the
    pages they run on."""

    def __init__(self, rules: Sequence[tuple[Rule, Selector]]) -> None:
        self.rules = tuple(rules)
        self.tokens = TokenIndex([selector for _, selector in self.rules])

    def __len__(self) -> int:
        return len(self.rules)


def apply_dom_rules(
    root: etree._Element,
    dom: DomRules | Sequence[tuple[Rule, Selector]],
) -> tuple[list[DomRemoval], list[GuardEvent]]:
    """Remove what the rules select from ``root`` (in place); report removals and guard stops."""
    removals: list[DomRemoval] = []
    guards: list[GuardEvent] = []
    if not isinstance(dom, DomRules):
        dom = DomRules(dom)
    if not dom:
        return removals, guards
    rules = dom.rules
    # the page's text length, measured when the first element that could hold an article is
    # about to go: most pages lose nothing or a few short bars, and measuring costs a pass
    # over the whole text (half a millisecond on a typical page)
    remaining: int | None = None
    removed = 0
    floor = 0.0
    # the class/id token tests of all rules are answered by one walk over the page; elements
    # that an earlier rule has removed meanwhile are skipped below (_attached)
    prescanned = dom.tokens.scan(root)
    top: etree._Element | None = None  # the root's topmost ancestor, once something is removed
    for k, (rule, selector) in enumerate(rules):
        try:
            if isinstance(selector, TokenSelector):
                found = selector.merge(root, prescanned[k])
            else:
                found = selector(root)
        except (etree.XPathEvalError, etree.XPathError):
            continue
        if not isinstance(found, list):
            continue
        for el in found:
            if not isinstance(el, etree._Element) or not isinstance(el.tag, str):
                continue
            if removals:  # else nothing has been removed yet: all still attached
                if top is None:
                    top = _top(root)
                if not _attached(el, top):
                    continue
            tag = etree.QName(el).localname.lower()
            if tag in PROTECTED_TAGS or el is root or _HAS_PROTECTED(el):
                guards.append(GuardEvent(rule.id, None, "protected_element", f"<{tag}> is never removed"))
                continue
            normalized: str = _NORMALIZED(el)  # type: ignore[assignment]
            size = len(normalized)
            if remaining is None and size >= MIN_GUARDED_CHARS:
                remaining = _text_len(root)
                floor = MIN_KEEP_SHARE * (remaining + removed)
            if remaining is not None and size and remaining - size < floor:
                guards.append(
                    GuardEvent(rule.id, None, "min_keep_share", f"removing <{tag}> ({size} chars) would leave too little text")
                )
                continue
            snippet = _snippet(normalized)
            _detach(el)
            removed += size
            if remaining is not None:
                remaining -= size
            removals.append(
                DomRemoval(rule.id, rule.selector or "", tag, size, snippet, rule.category, rule.message)
            )
    return removals, guards
