"""A fast path for the commonest DOM-rule selectors: whole class and id tokens.

``[class~="share-bar"], #cookie-notice`` compiled by cssselect becomes an XPath that rebuilds
``concat(' ', normalize-space(@class), ' ')`` for every element and every alternative: about
ten document scans per rule, tens of milliseconds per page. Matching the tokens in one Python
pass over the elements gives the same elements in the same (document) order. Parts of a
selector list that are not plain token tests still go to cssselect.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

_TOKEN_TERM = re.compile(r"""^\s*(?:\[\s*(class|id)\s*~=\s*(["'])([^"'\s]+)\2\s*\]|#([A-Za-z_][\w-]*))\s*$""")

_WITH_CLASS_OR_ID = etree.XPath("descendant-or-self::*[@class or @id]")

Matcher = Callable[[etree._Element], list[etree._Element]]


@dataclass(frozen=True)
class TokenTerms:
    classes: frozenset[str]
    ids: frozenset[str]
    rest: tuple[str, ...]


def split_selector(selector: str) -> TokenTerms | None:
    """The selector list's plain class/id token tests, and the parts that are something else;
    ``None`` when there is no token test (or a comma inside a part makes splitting unsafe)."""
    if any(c in selector for c in "()"):
        return None
    classes: set[str] = set()
    ids: set[str] = set()
    rest: list[str] = []
    for part in selector.split(","):
        m = _TOKEN_TERM.match(part)
        if m is None:
            rest.append(part.strip())
        elif m.group(4):
            ids.add(m.group(4))
        elif m.group(1) == "class":
            classes.add(m.group(3))
        else:
            ids.add(m.group(3))
    if not classes and not ids:
        return None
    return TokenTerms(frozenset(classes), frozenset(ids), tuple(rest))


class TokenSelector:
    """Called like a compiled XPath: ``selector(root)`` gives the matching elements."""

    def __init__(self, terms: TokenTerms, rest: Matcher | None) -> None:
        self.terms = terms
        self.rest = rest

    def __call__(self, root: etree._Element) -> list[etree._Element]:
        classes, ids = self.terms.classes, self.terms.ids
        found = []
        for el in _WITH_CLASS_OR_ID(root):
            cls = el.get("class")
            if cls and classes and not classes.isdisjoint(cls.split()):
                found.append(el)
                continue
            ident = el.get("id")
            if ident and ids and not ids.isdisjoint(ident.split()):
                found.append(el)
        others = self.rest(root) if self.rest is not None else []
        if not others:
            return found
        if not found:
            return others
        wanted = set(found).union(others)
        return [el for el in root.iter(etree.Element) if el in wanted]


def scan_tokens(root: etree._Element, selectors: Sequence[object]) -> dict[int, list[etree._Element]]:
    """Answer every pure token selector (no other parts) among ``selectors`` in one walk over
    the page: position in ``selectors`` → the elements it selects, in document order. Running
    each selector on its own walks the page once per rule."""
    plain = [(k, s.terms) for k, s in enumerate(selectors) if isinstance(s, TokenSelector) and s.rest is None]
    if not plain:
        return {}
    out: dict[int, list[etree._Element]] = {k: [] for k, _ in plain}
    for el in _WITH_CLASS_OR_ID(root):
        cls = el.get("class")
        ident = el.get("id")
        class_tokens = cls.split() if cls else ()
        id_tokens = ident.split() if ident else ()
        for k, terms in plain:
            if (class_tokens and not terms.classes.isdisjoint(class_tokens)) or (
                id_tokens and not terms.ids.isdisjoint(id_tokens)
            ):
                out[k].append(el)
    return out
