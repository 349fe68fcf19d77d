"""Fuzz targets: the HTML path and the rule loader on arbitrary and mutated input.

The only acceptable outcomes are a result or one of cleaner's own errors (which the CLI
turns into one line and an exit code); anything else, or an example running past the
deadline, is a bug. Sized by ``CLEANER_FUZZ_EXAMPLES`` (default 2000 per target).
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, CleanerError
from cleaner.rules.loader import parse_rule_file
from cleaner.rules.sources import RuleSource

from ..strategies import html_pages, plain_texts, rule_files

FUZZ = settings(
    max_examples=int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "2000")),
    deadline=timedelta(seconds=10),  # an example this slow is a hang in the making
    suppress_health_check=list(HealthCheck),
    database=None,
)
BUILTIN = Cleaner.default()


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[str], alphabet: str) -> str:
    """``base`` with a few random cuts, duplications and insertions."""
    text = draw(base)
    for _ in range(draw(st.integers(0, 6))):
        if not text:
            text = draw(st.text(alphabet=alphabet, max_size=20))
            continue
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        op = draw(st.sampled_from(["cut", "dup", "insert"]))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "dup":
            text = text[:j] + text[i:j] * draw(st.integers(1, 30)) + text[j:]
        else:
            text = text[:i] + draw(st.text(alphabet=alphabet, max_size=20)) + text[i:]
    return text


MARKUP = "<>/=\"'!-&;#?[]abcdhiprstvxy \n\t\x00\ufeff\u00e9\u200b"
YAML = ":-[]{}&*!|>'\"#%@`,?\n \tabcdeirsu0123456789\x00\ufeff\u2028"


def assert_outcome(cleaner: Cleaner, data: bytes | str, **kwargs: object) -> None:
    try:
        result = cleaner.clean(data, **kwargs)  # type: ignore[arg-type]
    except CleanerError as exc:
        assert "\n" not in str(exc)
        return
    assert len(result.decisions) == len(result.blocks)


@FUZZ
@given(st.binary(max_size=4000))
def test_fuzz_bytes(data):
    assert_outcome(BUILTIN, data)


@FUZZ
@given(mutated(html_pages(), MARKUP), st.sampled_from(["auto", "html", "text"]))
def test_fuzz_markup(markup, fmt):
    assert_outcome(BUILTIN, markup, input_format=fmt)
    assert_outcome(BUILTIN, markup.encode("utf-8", "surrogatepass"), input_format=fmt)


@FUZZ
@given(st.one_of(mutated(rule_files(), YAML), st.text(alphabet=YAML, max_size=400)))
def test_fuzz_rule_loader(text):
    try:
        parse_rule_file(text, "fuzz.yaml")
    except CleanerError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzz.yaml")


@FUZZ
@given(mutated(rule_files(), YAML), plain_texts())
def test_fuzz_rules_then_clean(rules, text):
    try:
        cleaner = Cleaner([RuleSource("fuzz.yaml", rules)])
    except CleanerError:
        return
    assert_outcome(cleaner, text, input_format="text")
    assert_outcome(cleaner.with_settings(lang="any"), text)
