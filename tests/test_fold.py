"""``fold`` must never separate what a rule regex treats as equal: the prefilter looks for
folded literals in folded text, so a character pair that IGNORECASE matches but ``fold`` keeps
apart would make the prefilter skip a rule that fires."""

from __future__ import annotations

import sys

import regex

from cleaner.matching.expr import FLAGS
from cleaner.matching.normalize import _TABLE, fold, fold_text, normalize, word_count

_ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def _case_classes() -> list[set[str]]:
    """Characters linked by a case mapping (to its first character), grouped into classes."""
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for c in _ALL:
        if c.isupper() == c.islower() and not c.istitle() and c.casefold() == c:
            continue  # uncased
        for m in (c.lower(), c.upper(), c.title(), c.casefold()):
            m = m[:1]  # İ lowers to i + a dot, and matches i
            if m and m != c:
                a, b = find(c), find(m)
                if a != b:
                    parent[a] = b
    classes: dict[str, set[str]] = {}
    for c in parent:
        classes.setdefault(find(c), {find(c)}).add(c)
    return list(classes.values())


def test_fold_agrees_with_ignorecase_on_every_cased_character() -> None:
    broken = []
    for group in _case_classes():
        for p in group:
            pattern = regex.compile(regex.escape(normalize(p)), FLAGS)
            for t in group:
                if pattern.fullmatch(normalize(t)) and fold_text(p) != fold_text(t):
                    broken.append((p, t))
    assert not broken


def test_every_regex_space_folds_to_a_space() -> None:
    spaces = set(regex.findall(r"\s", _ALL, flags=FLAGS)) | {c for c in _ALL if c.isspace()}
    assert spaces and all(fold_text(c) == " " for c in spaces)


def test_normalize_matches_the_translation_table() -> None:
    specials = [chr(c) for c in _TABLE] + list("aZ \x00é€İ")
    texts = ["".join(specials[(i * 7 + j * 3) % len(specials)] for j in range(i % 9)) for i in range(400)]
    texts += ["plain ascii text", "tab\there `tick`", "caf\u00e9 \u2014 \u201cquoted\u201d"]
    for text in texts:
        assert normalize(text) == text.translate(_TABLE)


def test_fold_collapses_spaces_and_case() -> None:
    assert fold("  Sign\u00a0\u00a0UP\tfor  ") == "sign up for"
    assert fold("STRASSE") == fold("Stra\u00dfe")
    assert fold("We\u2019re") == "we're"
    assert fold("a\x85b\x1cc") == "a b c"


def test_fold_text_is_fold_of_the_normalized_text() -> None:
    for text in ["Don\u2019t  MISS\u00a0it", "\u0130STANBUL\tcaf\u00e9", "plain", "`x`\x85y", " a "]:
        assert fold_text(text).strip() == fold_text(normalize(text)).strip() == fold(text)


def test_word_count_agrees_with_split() -> None:
    pieces = ["a", "bc", " ", "  ", "\t", "\u00a0", "\n", "\x1c", "\u200b", "\u00e9", ""]
    texts = ["".join(pieces[(i * 5 + j * 7 + j * j) % len(pieces)] for j in range(i % 7)) for i in range(500)]
    for text in texts:
        assert word_count(text) == len(text.split()), repr(text)
