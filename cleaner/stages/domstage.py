"""DOM rules: remove elements from the parsed page before trafilatura sees it.

Clutter that has a recognisable container (a newsletter form, a share bar, a cookie banner) is
easiest to catch here. Guards keep this stage from pruning the article: the page's root and
its ``body``/``article``/``main`` elements (or anything containing them) are never removed,
and a removal of ``MIN_GUARDED_CHARS`` or more characters that would leave less than
``MIN_KEEP_SHARE`` of the page's text is undone (the text a reader sees: hidden elements
do not count).
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ..matching.selectors import DomRules, Selector
from ..matching.tokens import TokenSelector
from ..model import DomRemoval, GuardEvent
from ..rules.rule import Rule

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

def _text_len(el: etree._Element) -> int:
    return int(_TEXT(el))


#: Elements a reader does not see (an inline display:none, the hidden attribute), outermost
#: only: their text is no part of what the keep-share guard protects.
#: Candidates: elements whose style says "none" somewhere or that carry a hidden attribute,
#: and scripts, styles and templates, whose text no reader sees either. Reached through the
#: attributes and by name, steps libxml2 runs without a test on every element (0.46 ms a
#: page against 0.69 for one predicate over all); what a style says is read in Python, on
#: the few candidates.
_STYLED = etree.XPath(
    "descendant-or-self::*/@style[contains(., 'none')]/.. | descendant-or-self::*/@hidden/.."
    " | descendant-or-self::script | descendant-or-self::style | descendant-or-self::template"
)
_UNREAD = frozenset({"script", "style", "template"})


def _hidden_outer(root: etree._Element) -> list[etree._Element]:
    hidden = [
        el for el in _STYLED(root)  # type: ignore[union-attr]
        if el.tag in _UNREAD
        or el.get("hidden") is not None
        or "display:none" in (el.get("style") or "").replace(" ", "")
    ]
    chosen = set(hidden)
    return [h for h in hidden if not any(a in chosen for a in h.iterancestors())]


class _Seen:
    """The length of the text a reader sees, of the page or of one of its elements. The
    page's hidden elements are found once (a walk over the page) and only when a removal is
    large enough to be weighed."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._hidden: list[tuple[etree._Element, int]] | None = None

    def __call__(self, el: etree._Element) -> int:
        if self._hidden is None:
            self._hidden = [(h, _text_len(h)) for h in _hidden_outer(self.root)]
        hidden = 0
        for h, size in self._hidden:
            if h is el or any(a is el for a in h.iterancestors()):
                hidden += size
        return _text_len(el) - hidden


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


def apply_dom_rules(
    root: etree._Element,
    dom: DomRules[Rule] | Sequence[tuple[Rule, Selector]],
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
    seen_len = _Seen(root)
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
            # what the guard weighs is the text readers see: taking out hidden text (a
            # schema.org copy of the article) leaves them all they had
            seen = seen_len(el) if size >= MIN_GUARDED_CHARS else size
            if remaining is None and seen >= MIN_GUARDED_CHARS:
                remaining = seen_len(root)
                floor = MIN_KEEP_SHARE * (remaining + removed)
            if remaining is not None and seen and remaining - seen < floor:
                guards.append(
                    GuardEvent(rule.id, None, "min_keep_share", f"removing <{tag}> ({size} chars) would leave too little text")
                )
                continue
            snippet = _snippet(normalized)
            _detach(el)
            removed += seen
            if remaining is not None:
                remaining -= seen
            removals.append(
                DomRemoval(rule.id, rule.selector or "", tag, size, snippet, rule.category, rule.message)
            )
    return removals, guards
