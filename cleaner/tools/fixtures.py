"""Site fixtures: sample pages with the clean text they must give, run as tests.

Convention (docs/rules.md): ``fixtures/sites/<domain>/<name>.html`` beside
``<name>.expected.txt``. The ``fixtures`` folder is looked for inside a rule folder and beside
it (the repository keeps ``rules/`` and ``fixtures/`` side by side; ``cleaner rules new`` puts
``fixtures/`` inside the user's rule folder). A page is cleaned at its canonical URL, or at
``https://<domain>/`` when it has none, so that the site's rules apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..engine import Cleaner
from ..errors import InputError
from ..model import Result
from ..rules.sources import builtin_rules_dir
from ..stages.htmlpage import page_url, parse_html

EXPECTED_SUFFIX = ".expected.txt"


@dataclass(frozen=True)
class Fixture:
    domain: str
    page: Path
    expected: Path

    def url(self, html: str) -> str | None:
        """``None`` when the page names its own address (the engine reads it from the page)."""
        return None if page_url(parse_html(html)) else f"https://{self.domain}/"


@dataclass(frozen=True)
class FixtureFailure:
    fixture: Fixture
    line: int
    rule_id: str | None
    expected: str  # "removed", "kept" or "text"
    text: str

    def __str__(self) -> str:
        quoted = _short(self.text)
        if self.expected == "text":
            return f'{self.fixture.page}:{self.line}: output differs from {self.fixture.expected.name}: {quoted}'
        was = "kept" if self.expected == "removed" else "removed" if self.rule_id else "dropped by extraction"
        who = self.rule_id or "-"
        return f'{self.fixture.page}:{self.line} {who}: expected {self.expected}, was {was}: "{quoted}"'


def fixture_roots(rule_path: Path) -> list[Path]:
    """``fixtures/sites`` folders inside and beside a rule folder (or a rule file's folder)."""
    folder = rule_path if rule_path.is_dir() else rule_path.parent
    out: list[Path] = []
    for base in (folder, folder.parent):
        root = (base / "fixtures" / "sites").resolve()
        if root.is_dir() and root not in out:
            out.append(root)
    return out


def builtin_fixture_roots() -> list[Path]:
    """The built-in site fixtures (present in a source checkout, not in an installed wheel)."""
    return fixture_roots(builtin_rules_dir())


def find_fixtures(roots: Iterable[Path]) -> list[Fixture]:
    out = []
    for root in roots:
        for page in sorted(root.glob("*/*.html")):
            expected = page.with_name(page.name[: -len(".html")] + EXPECTED_SUFFIX)
            if expected.is_file():
                out.append(Fixture(page.parent.name, page, expected))
    return out


def run_fixture(cleaner: Cleaner, fixture: Fixture) -> Result:
    try:
        html = fixture.page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read fixture {fixture.page}: {exc}") from None
    return cleaner.clean(html, url=fixture.url(html))


def check_fixture(cleaner: Cleaner, fixture: Fixture) -> list[FixtureFailure]:
    """Paragraph by paragraph: what should have gone and stayed, and what should have stayed
    and went (with the rule that took it)."""
    result = run_fixture(cleaner, fixture)
    expected = fixture.expected.read_text(encoding="utf-8").strip("\n")
    if result.text == expected:
        return []
    source = fixture.page.read_text(encoding="utf-8").splitlines()
    got, want = _paragraphs(result.text), _paragraphs(expected)
    failures = [
        FixtureFailure(fixture, _line_in(source, p), None, "removed", p) for p in got if p not in want
    ]
    for p in want:
        if p not in got:
            failures.append(FixtureFailure(fixture, _line_in(source, p), _remover(result, p), "kept", p))
    if not failures:
        first = next((w for w, g in zip(want, got) if w != g), want[0] if want else "")
        failures.append(FixtureFailure(fixture, _line_in(source, first), None, "text", first))
    return failures


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _remover(result: Result, paragraph: str) -> str | None:
    probe = " ".join(paragraph.split())[:60]
    for block, decision in zip(result.blocks, result.decisions):
        if decision.rule_id and probe in " ".join(block.text.split()):
            return decision.rule_id
    for removal in result.dom_removals:
        if probe[:40] in removal.snippet:
            return removal.rule_id
    return None


def _line_in(lines: Sequence[str], text: str) -> int:
    probe = " ".join(text.split())[:30]
    for n, line in enumerate(lines, 1):
        if probe and probe in " ".join(line.split()):
            return n
    return 1


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
