"""Hypothesis strategies shared by the property tests and the fuzz targets: documents built
from a small vocabulary (so that generated rules actually match them) and rule files built
from the same words."""

from __future__ import annotations

import json
from html import escape

from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.model import KINDS
from cleaner.rules.sources import RuleSource
from cleaner.settings import Settings

WORDS = (
    "subscribe newsletter related stories the council bridge river met on tuesday read more "
    "donate today support our journalism was this article helpful yes no share cookies "
    "Straße café naïve 東京 don’t “quoted” well—dashed 42 e-mail"
).split()
PUNCT = [".", ",", "!", "?", ":", ";", " -", "…"]
#: Typographic spaces and zero-width characters, which matching folds one-for-one.
ODD_SPACES = [" ", " ", "\u00a0", "\u2009", "\t", "\u200b"]

word = st.sampled_from(WORDS)
sentence = st.builds(
    lambda ws, gaps, end: "".join(w + g for w, g in zip(ws, gaps)).strip() + end,
    st.lists(word, min_size=1, max_size=10),
    st.lists(st.sampled_from(ODD_SPACES), min_size=10, max_size=10),
    st.sampled_from(PUNCT + [""]),
)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@st.composite
def plain_texts(draw: st.DrawFn) -> str:
    """Paragraphs separated by blank lines, or one per line, with the odd bullet or stray space."""
    paras = draw(st.lists(paragraph, min_size=0, max_size=8))
    bullets = draw(st.lists(st.sampled_from(["", "", "- ", "• ", "1. "]), min_size=len(paras), max_size=len(paras)))
    sep = draw(st.sampled_from(["\n\n", "\n", "\n \n", "\r\n\r\n"]))
    return sep.join(b + p for b, p in zip(bullets, paras))


# -- HTML ------------------------------------------------------------------------------------

CONTAINERS = ["div", "section", "article", "main", "aside", "span", "blockquote", "ul", "li", "table", "tr", "td", "nav", "footer"]
LEAVES = ["p", "h1", "h2", "h3", "li", "a", "b", "em", "code", "figcaption", "td", "button", "label"]
HIDDEN = ["script", "style", "noscript", "template"]


def _element(tag: str, inner: str, attrs: str = "") -> str:
    return f"<{tag}{attrs}>{inner}</{tag}>"


html_text = paragraph.map(escape)
leaf = st.builds(_element, st.sampled_from(LEAVES), html_text, st.sampled_from(["", ' class="share"', ' href="https://example.com/x"', ' id="a"']))
hidden = st.builds(_element, st.sampled_from(HIDDEN), st.just("var x = 'hidden code text';"))
node = st.recursive(
    st.one_of(leaf, leaf, hidden, html_text, st.just("<br>"), st.just("<img src='a.png' alt='alt text'>")),
    lambda children: st.builds(
        _element,
        st.sampled_from(CONTAINERS),
        st.lists(children, min_size=1, max_size=5).map("".join),
        st.sampled_from(["", ' class="newsletter"', ' class="related"', ' role="navigation"']),
    ),
    max_leaves=30,
)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    body = "".join(draw(st.lists(node, min_size=0, max_size=8)))
    head = draw(st.sampled_from(["", "<title>A title</title>", '<meta charset="utf-8"><link rel="canonical" href="https://example.com/a">']))
    wrap = draw(st.sampled_from(["full", "body-only", "fragment"]))
    if wrap == "full":
        return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    if wrap == "body-only":
        return f"<body>{body}</body>"
    return body


# -- rules -----------------------------------------------------------------------------------

ACTION_NAMES = ["drop_block", "drop_from_here", "drop_up_to_here", "strip_span"]
REGEXES = [
    r"\bsubscribe\b", r"read\s+more", r"(?:donate|support)\s+\w+", r"^\W*yes\W*$", r"\d+", r"was this \w+ helpful\??",
    r"(?<!\w)caf[eé]", r"news(?:letter)?s?", r"[“”\"]\w+[“”\"]",
]  # fmt: skip


@st.composite
def match_exprs(draw: st.DrawFn, depth: int = 0) -> object:
    choice = draw(st.sampled_from(["phrase", "phrase", "regex", "any", "all"] if depth < 2 else ["phrase", "regex"]))
    if choice == "phrase":
        return {"phrase": draw(st.lists(st.lists(word, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3))}
    if choice == "regex":
        return {"regex": draw(st.sampled_from(REGEXES))}
    expr: dict[str, object] = {choice: draw(st.lists(match_exprs(depth + 1), min_size=1, max_size=3))}
    if draw(st.booleans()):
        expr["not"] = draw(match_exprs(depth + 1))  # 'not' only beside something positive
    return expr


@st.composite
def rule_dicts(draw: st.DrawFn, index: int, positional: bool = True, actions: tuple[str, ...] = tuple(ACTION_NAMES)) -> dict[str, object]:
    rule: dict[str, object] = {
        "id": f"GEN{index:03d}",
        "name": f"generated-{index}",
        "category": "other",
        "message": f"generated rule {index}",
        "action": draw(st.sampled_from(actions)),
        "match": draw(match_exprs()),
    }
    if draw(st.booleans()):
        rule["whole_block"] = True
    for key, values in (
        ("max_words", st.integers(0, 200)),
        ("min_words", st.integers(0, 10)),
        ("kinds", st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=3, unique=True)),
        ("min_words_before", st.integers(0, 50)),
        ("min_words_after", st.integers(0, 50)),
        ("max_link_density", st.floats(0, 1).map(lambda x: round(x, 2))),  # YAML 1.1 reads 5e-324 as text
    ):
        if draw(st.integers(0, 3)) == 0:
            rule[key] = draw(values)
    if positional and draw(st.integers(0, 3)) == 0:
        rule[draw(st.sampled_from(["first_blocks", "last_blocks"]))] = draw(st.integers(0, 5))
    return rule


@st.composite
def rule_files(draw: st.DrawFn, positional: bool = True, actions: tuple[str, ...] = tuple(ACTION_NAMES)) -> str:
    """A valid rule file (YAML is a superset of JSON, so JSON keeps quoting simple)."""
    count = draw(st.integers(1, 6))
    rules = [draw(rule_dicts(i, positional, actions)) for i in range(count)]
    return json.dumps({"version": 1, "languages": "*", "rules": rules}, ensure_ascii=False)


def cleaner_for(rule_text: str, **settings: object) -> Cleaner:
    return Cleaner([RuleSource("generated.yaml", rule_text)], Settings(lang="any", **settings))  # type: ignore[arg-type]
