"""`cleaner explain`: the HTML report (content, escaping, self-containment) and, in a real
headless Chromium, that it renders without console errors and shows the marks."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.rules.loader import CATEGORIES
from cleaner.rules.sources import RuleSource
from cleaner.tools.report import MARK, TINTS, explain_html, tally

from .conftest import FIXTURES
from .png import pixel_counts, rgb
from .test_cli import run

SEED = FIXTURES / "seed" / "article.html"
ALLOWED_TAGS = {
    "!doctype", "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "ul", "li",
    "table", "tr", "th", "td", "b", "br", "code", "div", "span", "mark", "del",
}  # fmt: skip
CP_PAGE = FIXTURES / "sites" / "christianpost.com" / "food-bank.html"


def test_report_shows_every_block_in_order_with_rule_and_marks(default_cleaner: Cleaner):
    result = default_cleaner.clean(SEED.read_bytes())
    page = explain_html(result, "article.html")
    blocks = re.findall(r'<div class="block (kept|removed cat-[\w-]+|stripped)">', page)
    assert len(blocks) == len(result.blocks)
    assert [b == "kept" for b in blocks] == [d.kept for d in result.decisions]
    helpful = next(d for d in result.decisions if d.rule_id == "FB001")
    assert '<div class="block removed cat-feedback">' in page
    assert "<mark>Was this article helpful?</mark>" in page
    assert f"<b>FB001</b> drop_block · feedback: {helpful.message}" in page
    for category in {d.category for d in result.removed}:
        assert f'<li class="cat-{category}">{category}</li>' in page  # legend
        assert f".cat-{category}{{background:{TINTS[category]}}}" in page


def test_report_summary_counts_blocks_and_characters_per_rule(default_cleaner: Cleaner):
    result = default_cleaner.clean(CP_PAGE.read_bytes())
    rows = {t.rule_id: t for t in tally(result)}
    dom = {r.rule_id: r for r in result.dom_removals}
    assert {"CP001", "CP002", "CP003"} <= set(dom) and rows["CP002"].chars == dom["CP002"].chars and rows["CP002"].blocks == 0
    assert rows["CP005"].blocks == 1
    removed_chars = sum(len(b.text) for b, d in zip(result.blocks, result.decisions) if not d.kept)
    assert sum(t.chars for t in rows.values()) == removed_chars + sum(r.chars for r in result.dom_removals)
    page = explain_html(result, "food-bank.html")
    assert "Removed before extraction (DOM rules)" in page
    assert '<td class="sel">div.story-helpful</td>' in page
    assert "contains(concat(&#x27; &#x27;, normalize-space(@class)" in page  # the xpath, escaped


def test_report_escapes_page_text_and_loads_nothing_from_outside():
    rules = """
rules:
  - id: XS001
    name: x
    category: promo
    message: 'promo <b>box</b> & "friends"'
    match: {phrase: buy now}
"""
    hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> buy now & save'
    result = Cleaner([RuleSource("x.yaml", rules)]).clean_text(f"Some body text that stays on the page.\n\n{hostile}")
    page = explain_html(result, '<evil name>.html', url='https://x.org/"><script>')
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "promo &lt;b&gt;box&lt;/b&gt; &amp; &quot;friends&quot;" in page
    assert "<mark>buy now</mark>" in page
    # every tag is one of the report's own, without links: nothing from outside, nothing active
    tags = re.findall(r"<(/?)([a-zA-Z!][a-zA-Z0-9]*)([^>]*)>", page)
    assert {name.lower() for _, name, _ in tags} <= ALLOWED_TAGS
    assert not any(re.search(r"\b(src|href|on\w+)=", attrs) for _, _, attrs in tags)
    style = page.split("<style>")[1].split("</style>")[0]
    assert "@import" not in style and "url(" not in style


def test_report_strip_span_and_guard_stop():
    rules = """
languages: '*'
rules:
  - id: ST001
    name: credit
    category: media-credit
    message: photo credit
    action: strip_span
    match: {regex: '\\(Photo: [^)]*\\)'}
  - id: ST002
    name: cut
    category: comments
    message: comments start
    action: drop_from_here
    whole_block: true
    match: {phrase: comments}
"""
    result = Cleaner([RuleSource("s.yaml", rules)]).clean_text("Comments\n\nThe mayor spoke (Photo: A. B.) to reporters.")
    page = explain_html(result, "t.txt")
    assert '<div class="block stripped">' in page and '<del class="cut"><mark>(Photo: A. B.)</mark></del>' in page
    assert "Guard stops" in page and "<b>ST002</b> on block #0: min_words_before" in page


def test_cli_explain_terminal_listing_and_report_file(tmp_path):
    out = run("explain", str(CP_PAGE))
    assert out.returncode == 0, out.stderr
    assert "DOM CP001 <div> div.story-helpful" in out.stdout and "\x1b[" not in out.stdout
    assert any(line.startswith("CP005") and "1 blocks" in line for line in out.stdout.splitlines())
    report = tmp_path / "r.html"
    out = run("explain", str(CP_PAGE), "-o", str(report), "--no-default-rules")
    assert out.returncode == 0 and report.is_file()
    assert "No rule removed anything from this page." in report.read_text()
    bad = run("explain", str(CP_PAGE), "-o", str(tmp_path / "no" / "such" / "dir" / "r.html"))
    assert bad.returncode == 2 and "cannot write" in bad.stderr and len(bad.stderr.splitlines()) == 1


# -- in a real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package 'chromium')")


def chromium(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM
    args = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        "--force-color-profile=srgb", f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr", "--v=0", *extra, page.as_uri(),
    ]  # fmt: skip
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@needs_chromium
def test_console_error_check_can_fail(tmp_path):
    """The console check below is only worth something if it sees a broken page."""
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><p>x</p><script>throw new Error('boom')</script></body></html>")
    out = chromium(broken, tmp_path, "--dump-dom")
    assert any("Uncaught Error: boom" in line for line in console_errors(out.stderr))


@needs_chromium
def test_report_renders_in_chromium_with_marks(tmp_path, default_cleaner: Cleaner):
    result = default_cleaner.clean(SEED.read_bytes())
    report = tmp_path / "report.html"
    report.write_text(explain_html(result, "article.html"), encoding="utf-8")

    dom = chromium(report, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_errors(dom.stderr) == []
    assert dom.stdout.count('class="block removed') == len(result.removed)
    assert "<mark>Was this article helpful?</mark>" in dom.stdout

    shot = tmp_path / "shot.png"
    out = chromium(report, tmp_path, f"--screenshot={shot}", "--window-size=800,1800")
    assert out.returncode == 0 and shot.is_file(), out.stderr[-2000:]
    assert console_errors(out.stderr) == []
    pixels = pixel_counts(shot)
    for category in {d.category for d in result.removed}:
        assert category is not None
        assert pixels[rgb(TINTS[category])] > 2000, f"no {category} tint ({TINTS[category]}) in the screenshot"
    assert pixels[rgb(MARK)] > 500, "no highlighted matched text in the screenshot"
    unused = next(c for c in TINTS if c not in {d.category for d in result.removed})
    assert pixels[rgb(TINTS[unused])] == 0  # the colour check is specific


def test_every_category_has_its_own_tint():
    assert set(TINTS) == set(CATEGORIES)
    assert len(set(TINTS.values())) == len(TINTS) and MARK not in TINTS.values()
