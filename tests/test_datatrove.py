"""A real local datatrove pipeline: JSONL reader → CleanerStep → JSONL writer, two tasks."""

from __future__ import annotations

import gzip
import json
import pickle

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner import Cleaner, Settings  # noqa: E402
from cleaner.integrations.datatrove import CleanerStep  # noqa: E402

from .conftest import FIXTURES  # noqa: E402

NOTE = "Body paragraph {i} of a forum post that is long enough.\n\nWas this article helpful?"


def _inputs(folder, html: bool) -> dict[str, str]:
    """Two input files (one per task); returns the expected clean text per id."""
    folder.mkdir()
    expected = {}
    for part in range(2):
        rows = []
        for i in range(part * 10, part * 10 + 10):
            if html:
                body = f"<html><body><article><p>Body paragraph {i} of the page, long enough to be the article.</p>" \
                       "<p>Was this article helpful?</p></article></body></html>"
                expected[f"d{i}"] = f"Body paragraph {i} of the page, long enough to be the article."
            else:
                body = NOTE.format(i=i)
                expected[f"d{i}"] = body.split("\n\n")[0]
            rows.append(json.dumps({"id": f"d{i}", "text": body, "metadata": {"url": f"https://x.example/{i}"}}))
        (folder / f"part{part}.jsonl").write_text("\n".join(rows) + "\n")
    return expected


def _run(tmp_path, step: CleanerStep, expected: dict[str, str]) -> list[dict]:
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")), step, JsonlWriter(str(tmp_path / "out"))],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    out = []
    for path in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        out += [json.loads(line) for line in gzip.open(path, "rt")]
    assert sorted(r["id"] for r in out) == sorted(expected)
    return out


def test_text_mode_pipeline_cleans_every_record(tmp_path):
    expected = _inputs(tmp_path / "in", html=False)
    out = _run(tmp_path, CleanerStep(mode="text"), expected)
    for rec in out:
        assert rec["text"] == expected[rec["id"]]
        assert [r["rule"] for r in rec["metadata"]["cleaner_removed"]] == ["FB001"]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step_stats = next(s for s in stats if "cleaner" in s["name"])["stats"]
    assert step_stats["removed/FB001"] == 20 and step_stats["total"] == 20


def test_html_mode_pipeline_extracts_and_cleans(tmp_path):
    expected = _inputs(tmp_path / "in", html=True)
    out = _run(tmp_path, CleanerStep(mode="html"), expected)
    assert {r["id"]: r["text"] for r in out} == expected


def test_a_broken_document_keeps_its_place_with_an_error(tmp_path):
    (tmp_path / "in").mkdir()
    rows = [{"id": "ok", "text": "A fine body paragraph that stays."}, {"id": "huge", "text": "word " * 1000}]
    (tmp_path / "in" / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    step = CleanerStep(Cleaner.default(Settings(max_bytes=1000)), mode="text")
    docs = list(step.run(JsonlReader(str(tmp_path / "in")).run()))
    assert [d.id for d in docs] == ["ok", "huge"]
    assert docs[0].text == "A fine body paragraph that stays." and "cleaner_error" not in docs[0].metadata
    assert docs[1].text == "" and "over the" in docs[1].metadata["cleaner_error"]


def test_the_step_pickles_for_slurm_and_ray():
    step = CleanerStep(mode="text")
    clone = pickle.loads(pickle.dumps(step))
    assert clone.cleaner.sources == step.cleaner.sources and clone.mode == "text"
    page = (FIXTURES / "seed" / "article.html").read_text()
    # the fixture's expected text, not the original step's output: both could be wrong alike
    expected = (FIXTURES / "seed" / "article.expected.txt").read_text().rstrip("\n")
    assert clone.cleaner.clean(page).text == expected
