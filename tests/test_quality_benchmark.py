"""The quality benchmark end to end on two tiny corpora made here (no ../shared needed)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner, Settings

from .conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "quality.py"
GENERIC = ROOT / "rules" / "generic"


def _paragraphs(topic: str, n: int) -> list[str]:
    return [f"Sentence {i} about the {topic} tells what happened in the town that week, day {i * 7}." for i in range(n)]


EN_BODY = _paragraphs("harbour", 12)
EN_PAGE = f"""<html lang="en"><head><title>A town story</title></head><body>
<article><h1>A town story</h1>{"".join(f"<p>{p}</p>" for p in EN_BODY)}
<p>Sign up for our daily newsletter to get the best stories delivered to your inbox.</p></article>
</body></html>"""
EN2_BODY = _paragraphs("bridge", 10)
EN2_PAGE = f"""<html lang="en"><head><title>The bridge</title></head><body>
<article>{"".join(f"<p>{p}</p>" for p in EN2_BODY)}</article></body></html>"""
DE_BODY = [
    f"Der Gemeinderat hat am Montag nach langer Debatte beschlossen, die alte Brücke Nummer {i} "
    "über den Fluss bis zum Sommer zu erneuern, wie die Bürgermeisterin mitteilte."
    for i in range(10)
]
DE_PAGE = f"""<html lang="de"><head><title>Die Brücke</title></head><body>
<article>{"".join(f"<p>{p}</p>" for p in DE_BODY)}</article></body></html>"""

PAGES = {
    "corpus-a": {"en1": (EN_PAGE, EN_BODY)},
    "corpus-b": {"en2": (EN2_PAGE, EN2_BODY), "de1": (DE_PAGE, DE_BODY)},
}


def _corpus(folder: Path, pages: dict[str, tuple[str, list[str]]]) -> Path:
    (folder / "html").mkdir(parents=True)
    truth = {}
    for page_id, (html, body) in pages.items():
        (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[page_id] = {"articleBody": "\n".join(body), "url": f"https://example.com/{page_id}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def _dataset(folder: Path) -> Path:
    """A one-page corpus in ``folder`` (tests/test_share_benchmark.py uses it too)."""
    return _corpus(folder, {"p1": PAGES["corpus-a"]["en1"]})


def _run(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, check=check)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("bench")
    dirs = [str(_corpus(base / name, pages)) for name, pages in PAGES.items()]
    return _run(*dirs, "--jobs", "1", "--show-page", "en1", "--show-page", "en2", "--show-page", "de1", cwd=base).stdout


def _table(out: str, corpus: str) -> dict[str, dict[str, float]]:
    """The rows of one corpus's table: label -> column -> value."""
    lines = out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith(f"== {corpus}:")))
    header = lines[start + 1].split()
    assert header[0] == "system"
    rows = {}
    for line in lines[start + 2 :]:
        if not line.strip() or line.startswith(("vs ", "  ", "==")):
            break
        label, values = line[:31].strip(), line[31:].split()
        rows[label] = dict(zip(header[1:], map(float, values[: len(header) - 1])))
    return rows


def _section(out: str, title: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"== {title}"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("==") or not lines[i].strip()), len(lines))
    return lines[start:end]


def test_each_corpus_gets_its_table_with_every_system(report):
    a, b = _table(report, "corpus-a"), _table(report, "corpus-b")
    expected = {"cleaner", "cleaner, no rules", "trafilatura, cleaner's options", "trafilatura",
                "trafilatura, no comments", "trafilatura, favor_precision"}
    assert expected <= set(a) and expected <= set(b)
    assert "== corpus-a: 1 pages" in report and "== corpus-b: 2 pages" in report
    # the pitch is clutter that trafilatura keeps and a rule removes
    assert a["cleaner"]["precision"] == 1.0 > a["trafilatura"]["precision"]
    assert a["cleaner, no rules"]["precision"] < 1.0
    assert all(row["ms/page"] > 0 for row in a.values())


def test_header_says_how_titles_are_left_out(report):
    assert "both gold sets leave titles out" in report.splitlines()[2]


def test_pages_better_or_worse_than_trafilatura_without_comments_are_listed(report):
    line = next(line for line in report.splitlines() if line.startswith("vs trafilatura, no comments"))
    assert line.startswith("vs trafilatura, no comments: 1 pages better")  # corpus-a's one page
    assert "  + en1  " in report


def test_language_table_groups_pages_of_both_corpora(report):
    rows = {line.split()[0]: line.split() for line in _section(report, "F1 per language")[2:]}
    assert set(rows) == {"en", "de"}
    assert rows["en"][1] == "2" and rows["de"][1] == "1"


def test_no_page_lost_section_is_printed(report):
    lines = _section(report, "No page lost")
    assert lines[2] == "none, on 3 pages"


def test_ledger_rows_add_up_to_what_the_rules_removed(report):
    lines = _section(report, "Rule ledger")
    header = next(i for i, line in enumerate(lines) if line.startswith("rule "))
    total = next(i for i, line in enumerate(lines) if line.startswith("all rules"))
    rows = {line.split()[0]: line.split() for line in lines[header + 1 : total]}
    removed, gold = map(int, lines[total].split()[2:4])
    assert sum(int(r[3]) for r in rows.values()) == removed
    assert sum(int(r[4]) for r in rows.values()) == gold
    assert all(int(r[4]) <= int(r[3]) and 1 <= int(r[2]) <= 3 for r in rows.values())
    # the same counts as cleaner's own result, page by page
    cleaner = Cleaner.from_paths([GENERIC], Settings(title=False))  # as the benchmark scores it
    counts: dict[str, int] = {}
    for pages in PAGES.values():
        for page_id, (html, _) in pages.items():
            result = cleaner.clean(html.encode(), f"https://example.com/{page_id}")
            for rule_id in [r["rule"] for r in result.removed_summary()] + [d.rule_id for d in result.dom_removals]:
                counts[rule_id] = counts.get(rule_id, 0) + 1
    assert {rid: int(r[3]) for rid, r in rows.items()} == counts
    assert any(rid.startswith("NL") for rid in rows)  # the newsletter pitch
    # the pitch is clutter: the newsletter rules do not lower corpus-a's F1, and never fired in corpus-b
    for rid, row in rows.items():
        if rid.startswith("NL"):
            assert float(row[5]) >= 0 and row[6] == "·"
    assert "never fired on these pages" in lines[-1]


def test_show_page_lists_the_rules_that_fired_and_the_diff(report):
    block = _section(report, "corpus-a en1")
    rules = next(line for line in block if line.strip().startswith("rules:"))
    assert "NL" in rules
    assert any(line.startswith("   cleaner ") for line in block)


def test_missing_dataset_is_a_one_line_error(tmp_path):
    run = _run(str(tmp_path / "nope"), cwd=tmp_path, check=False)
    assert run.returncode == 1
    assert run.stderr.strip().startswith("quality: no ground-truth.json")
    assert len(run.stderr.strip().splitlines()) == 1


def test_unknown_page_or_system_is_refused(tmp_path):
    data = str(_corpus(tmp_path / "c", PAGES["corpus-a"]))
    run = _run(data, "--show-page", "nope", cwd=tmp_path, check=False)
    assert run.returncode == 1 and run.stderr.strip() == "quality: no page nope in c"
    run = _run(data, "--systems", "trafilatura,newspaper", cwd=tmp_path, check=False)
    assert run.returncode == 2 and "unknown system newspaper" in run.stderr


def test_systems_limit_the_peers_and_no_ledger_skips_it(tmp_path):
    data = str(_corpus(tmp_path / "c", PAGES["corpus-a"]))
    out = _run(data, "--jobs", "1", "--systems", "trafilatura-nc", "--no-ledger", cwd=tmp_path).stdout
    assert set(_table(out, "c")) == {"cleaner", "cleaner, no rules", "trafilatura, cleaner's options", "trafilatura, no comments"}
    assert "Rule ledger" not in out and "No page lost" in out
