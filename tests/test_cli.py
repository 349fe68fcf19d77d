"""The command line: output formats, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import __version__

from .conftest import FIXTURES

PAGE = FIXTURES / "seed" / "article.html"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_clean_prints_text():
    out = run("clean", str(PAGE))
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip("\n") == (FIXTURES / "seed" / "article.expected.txt").read_text().rstrip("\n")


def test_stdin():
    out = run("clean", "-", stdin=b"Body text of some length here, a sentence.\n\nWas this article helpful?")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "Body text of some length here, a sentence.\n"


def test_json_format_lists_removals_and_metadata():
    out = run("clean", str(PAGE), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["metadata"]["title"].startswith("BlackBerry to Leave Pakistan")
    assert data["metadata"]["url"].startswith("https://www.example-news.com/")
    assert {r["rule"] for r in data["removed"]} >= {"NL001", "FB001"}
    assert all(r["message"] for r in data["removed"])


def test_markdown_format_marks_headings():
    out = run("clean", str(PAGE), "--format", "markdown")
    assert out.returncode == 0
    assert out.stdout.startswith("## BlackBerry to Leave Pakistan")


def test_the_headline_is_kept_unless_no_title_is_asked_for():
    out = run("clean", str(PAGE))
    assert out.returncode == 0 and out.stdout.startswith("BlackBerry to Leave Pakistan over Privacy and Surveillance Issues\n\nBlackBerry would rather leave")
    without = run("clean", str(PAGE), "--no-title")
    assert without.returncode == 0 and without.stdout.startswith("BlackBerry would rather leave")
    assert without.stdout == out.stdout.split("\n\n", 1)[1]


def test_disable_unknown_rule_is_a_usage_error():
    out = run("clean", str(PAGE), "--disable", "XX999")
    assert out.returncode == 2 and "unknown rule id XX999" in out.stderr


def test_explain_marks_keep_and_drop():
    out = run("clean", str(PAGE), "--explain")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert any(line.startswith("KEEP") for line in lines)
    drop = [i for i, line in enumerate(lines) if line.startswith("DROP") and "Was this article helpful" in line]
    assert drop and "FB001" in lines[drop[0] + 1]


def test_extra_rules_and_no_default_rules(tmp_path):
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n  - id: MY001\n    name: x\n    category: other\n    message: mine\n"
        "    whole_block: true\n    match: {phrase: boilerplate line}\n"
    )
    text = b"A body sentence that is long enough to stay.\n\nBoilerplate line\n\nWas this article helpful?"
    mine = run("clean", "-", "--no-default-rules", "--rules", str(rules), stdin=text)
    assert mine.returncode == 0, mine.stderr
    assert mine.stdout == "A body sentence that is long enough to stay.\n\nWas this article helpful?\n"
    both = run("clean", "-", "--rules", str(rules), stdin=text)
    assert both.returncode == 0, both.stderr
    assert both.stdout == "A body sentence that is long enough to stay.\n"


@pytest.mark.parametrize(
    "args, code, needle",
    [
        (("clean", "/no/such/file.html"), 1, "no such file"),
        (("clean",), 2, "the following arguments are required"),
        (("clean", "x", "--format", "pdf"), 2, "invalid choice"),
        (("frobnicate",), 2, "invalid choice"),
        (("clean", "-", "--rules", "/no/such/rules"), 2, "no such rule file or folder"),
        # a message quoting input with a line break in it still takes one line
        (("clean", "-", "--rules", "/no/such\nrules"), 2, "no such rule file or folder: /no/such rules"),
    ],
)
def test_errors_are_one_line_with_documented_codes(args, code, needle):
    out = run(*args, stdin=b"x")
    assert out.returncode == code
    assert needle in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "Traceback" not in out.stderr


def test_broken_rule_file_exit_2_with_location(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: NL001\n    name: x\n    category: newsletter\n    message: m\n    match: {phrase: x}\n    action: dorp\n")
    out = run("clean", "-", "--rules", str(bad), "--no-default-rules", stdin=b"text")
    assert out.returncode == 2
    assert f"{bad}:7: rule NL001: unknown action 'dorp'" in out.stderr


def test_binary_input_exit_1():
    out = run("clean", "-", stdin=None) if False else subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "-"], input=b"\x89PNG\r\n\x1a\n" + bytes(64), capture_output=True
    )
    assert out.returncode == 1
    assert b"PNG" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_version():
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"cleaner {__version__}"


def test_runs_from_another_folder(tmp_path):
    out = run("clean", str(PAGE), cwd=tmp_path)
    assert out.returncode == 0 and "Was this article helpful" not in out.stdout


def test_json_output_carries_trafilatura_metadata_and_text_output_does_not_pay_for_it(tmp_path):
    from .test_engine import DATED_PAGE

    page = tmp_path / "dated.html"
    page.write_text(DATED_PAGE, encoding="utf-8")
    out = run("clean", str(page), "--format", "json")
    assert out.returncode == 0
    assert json.loads(out.stdout)["metadata"]["author"] == "Jane Roe"
    lean = run("clean", str(page), "--format", "json", "--no-metadata")
    assert lean.returncode == 0 and json.loads(lean.stdout)["metadata"]["author"] is None
