"""Running the ``examples:`` of rules as tests.

An example is judged as a block on its own: the rule's kind, size and link guards apply (the
example's kind is its ``kind:``, or the rule's first allowed kind; its link density is the
least the rule asks for, since an example is plain text with no links), its position and
truncation guards do not, since an example has no page around it. A ``remove`` example must be
removed (for ``strip_span``: something must be cut), a ``keep`` example must not be touched.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..matching.normalize import normalize, word_count
from ..model import Block
from ..rules.rule import Example, Rule


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    example: Example
    expected: str  # "removed" or "kept"

    def __str__(self) -> str:
        was = "kept" if self.expected == "removed" else "removed"
        text = self.example.text if len(self.example.text) <= 80 else self.example.text[:79] + "…"
        return f'{self.rule.path}:{self.example.line or self.rule.line} {self.rule.id}: expected {self.expected}, was {was}: "{text}"'


def _example_block(rule: Rule, example: Example) -> Block:
    kind = example.kind or (sorted(rule.kinds)[0] if rule.kinds else "paragraph")
    # An example stands in the context the rule asks for (its tags, its link density), unless
    # it names its own tags; the keep examples of a rule on tags alone stand outside it
    # (same text, no context: kept).
    default = rule.tags if example not in rule.keep_examples or rule.expr is not None else None
    tags = example.tags if example.tags is not None else default or frozenset()
    density = rule.min_link_density or 0.0
    return Block(0, kind, example.text, word_count(example.text), density, tags=tags)


def text_example_removed(rule: Rule, example: Example, timeout: float | None = 1.0) -> bool:
    block = _example_block(rule, example)
    # position guards are about the page, not the example: look at the block as if it fit
    unplaced = Rule.__new__(Rule)
    unplaced.__dict__.update(rule.__dict__)
    object.__setattr__(unplaced, "first_blocks", None)
    object.__setattr__(unplaced, "last_blocks", None)
    if not unplaced.selection_guard(block, 1):
        return False
    spans = rule.find(normalize(block.text), timeout)
    if spans is None:
        return False
    if rule.action == "strip_span":
        return any(b > a for a, b in spans)
    guard = rule.safety_guard(block, 10**9, 10**9)
    return guard is None


def dom_example_removed(rule: Rule, example: Example) -> bool:
    from ..matching.selectors import compile_selector
    from ..stages.domstage import apply_dom_rules
    from ..stages.htmlpage import parse_html

    root = parse_html(f"<html><body>{example.text}<p>{'Body text. ' * 200}</p></body></html>")
    assert rule.selector and rule.selector_type
    removals, _ = apply_dom_rules(root, [(rule, compile_selector(rule.selector, rule.selector_type))])
    return bool(removals)


def check_rule_examples(rule: Rule) -> list[ExampleFailure]:
    removed = dom_example_removed if rule.is_dom else text_example_removed
    failures = []
    for example in rule.remove_examples:
        if not removed(rule, example):
            failures.append(ExampleFailure(rule, example, "removed"))
    for example in rule.keep_examples:
        if removed(rule, example):
            failures.append(ExampleFailure(rule, example, "kept"))
    return failures
