"""Batch mode as a new user meets it: JSONL, WARC, folders, stdin; every record accounted for."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES

PAGE = FIXTURES / "seed" / "article.html"
GOOD_TEXT = "Body text of some length here, a sentence.\n\nWas this article helpful?"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", *args],
        input=stdin, capture_output=True, cwd=cwd, timeout=120,
    )


def records(data: bytes | str) -> list[dict]:
    text = data.decode() if isinstance(data, bytes) else data
    return [json.loads(line) for line in text.splitlines()]


def mixed_jsonl(path: Path) -> list[str]:
    """Good and broken records; returns the id each output record must carry, in order."""
    lines = [
        json.dumps({"id": "page", "url": "https://news.example.org/a", "html": PAGE.read_text(), "lang": "en"}).encode(),
        b'{"id": "note", "text": ' + json.dumps(GOOD_TEXT).encode() + b', "source": "forum"}',
        b'{"id": "torn", "text": "cut off',
        b'{"id": "latin1", "text": "caf\xe9"}',
        b"[1, 2, 3]",
        b'{"id": "empty-record"}',
        b"",
        b'{"id": 17, "html": "<html><body><p>A short page whose single paragraph is the body text.</p></body></html>"}',
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return ["page", "note", f"{path}:3", f"{path}:4", f"{path}:5", "empty-record", "17"]


def test_mixed_jsonl_gives_one_record_per_input_in_order(tmp_path):
    src = tmp_path / "mixed.jsonl"
    ids = mixed_jsonl(src)
    out = run(str(src), "--removed", "--jobs", "2")
    assert out.returncode == 1, out.stderr  # some records failed
    recs = records(out.stdout)
    assert [str(r["id"]) for r in recs] == ids
    failed = {str(r["id"]) for r in recs if r["error"]}
    assert failed == {f"{src}:3", f"{src}:4", f"{src}:5", "empty-record"}
    assert all(r["text"] == "" for r in recs if r["error"])
    page, note = recs[0], recs[1]
    assert page["url"] == "https://news.example.org/a" and page["lang"] == "en" and "html" not in page
    assert "Was this article helpful" not in page["text"] and "BlackBerry" in page["text"]
    assert note == {
        "id": "note", "source": "forum", "text": GOOD_TEXT.split("\n\n")[0], "error": None,
        "removed": [{"rule": "FB001", "action": "drop_block", "category": "feedback", "chars": 25}],
    }
    assert "single paragraph" in recs[-1]["text"]
    assert "7 documents" in out.stderr.decode() and "4 errors" in out.stderr.decode()


def test_all_good_exits_0_and_quiet_is_quiet(tmp_path):
    src = tmp_path / "ok.jsonl"
    src.write_text(json.dumps({"id": "x", "text": GOOD_TEXT}) + "\n")
    out = run(str(src), "--quiet")
    assert out.returncode == 0 and out.stderr == b""
    assert records(out.stdout)[0]["text"] == GOOD_TEXT.split("\n\n")[0]


def test_custom_fields_and_metadata(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"doc": "d1", "page": PAGE.read_text(), "link": "https://b.example/x"}) + "\n")
    out = run(str(src), "--html-field", "page", "--id-field", "doc", "--url-field", "link", "--metadata", "-q")
    assert out.returncode == 0, out.stderr
    (rec,) = records(out.stdout)
    assert rec["doc"] == "d1" and rec["link"] == "https://b.example/x" and "page" not in rec
    assert rec["metadata"]["title"].startswith("BlackBerry")


def test_stdin_jsonl_stream(tmp_path):
    lines = b"".join(json.dumps({"id": i, "text": f"Line {i} is a body paragraph."}).encode() + b"\n" for i in range(30))
    out = run("-", "--jsonl", "-q", stdin=lines)
    assert out.returncode == 0, out.stderr
    recs = records(out.stdout)
    assert [r["id"] for r in recs] == list(range(30))
    assert recs[29]["text"] == "Line 29 is a body paragraph."


def test_compressed_jsonl(tmp_path):
    zstd = pytest.importorskip("zstandard")
    body = b"".join(json.dumps({"id": i, "text": GOOD_TEXT}).encode() + b"\n" for i in range(5))
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(body))
    (tmp_path / "b.jsonl.zst").write_bytes(zstd.ZstdCompressor().compress(body))
    out = run(str(tmp_path / "a.jsonl.gz"), str(tmp_path / "b.jsonl.zst"), "-q")
    assert out.returncode == 0, out.stderr
    recs = records(out.stdout)
    assert len(recs) == 10 and {r["text"] for r in recs} == {GOOD_TEXT.split("\n\n")[0]}


def _warc_record(kind: str, uri: str, rid: str, block: bytes) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n")


def _http(content_type: str, body: bytes, extra: str = "") -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode() + body


def test_warc_html_responses_become_records(tmp_path):
    pytest.importorskip("fastwarc")
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(
        _warc_record("request", "https://a.example/1", "r0", b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n")
        + _warc_record("response", "https://a.example/1", "r1", _http("text/html; charset=utf-8", PAGE.read_bytes()))
        + _warc_record("response", "https://a.example/logo.png", "r2", _http("image/png", b"\x89PNG\r\n\x1a\n"))
        + _warc_record("response", "https://b.example/2", "r3", _http("text/html", b"<html><body><p>Second page body paragraph, long enough.</p></body></html>"))
        + _warc_record("response", "https://c.example/3", "r4", _http(
            "text/html", gzip.compress(b"<html><body><p>A gzip-encoded page body paragraph.</p></body></html>"), "Content-Encoding: gzip\r\n"))
    )
    out = run(str(warc), "-q")
    assert out.returncode == 0, out.stderr
    recs = records(out.stdout)
    assert [(r["id"], r["url"]) for r in recs] == [
        ("<urn:uuid:r1>", "https://a.example/1"), ("<urn:uuid:r3>", "https://b.example/2"), ("<urn:uuid:r4>", "https://c.example/3")]
    assert recs[2]["text"] == "A gzip-encoded page body paragraph."
    assert "BlackBerry" in recs[0]["text"] and "Was this article helpful" not in recs[0]["text"]
    assert recs[0]["date"] == "2024-05-01T10:00:00Z"


def _tree(root: Path) -> None:
    (root / "news" / "2024").mkdir(parents=True)
    (root / "news" / "2024" / "a.html").write_bytes(PAGE.read_bytes())
    (root / "news" / "b.html.gz").write_bytes(gzip.compress(PAGE.read_bytes()))
    (root / "notes.txt").write_text(GOOD_TEXT)
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(30))


def test_folder_to_out_dir_mirrors_the_tree(tmp_path):
    _tree(tmp_path / "in")
    out = run(str(tmp_path / "in"), "--out-dir", str(tmp_path / "out"))
    assert out.returncode == 1  # the PNG
    made = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.txt"))
    assert made == ["news/2024/a.txt", "news/b.txt", "notes.txt"]
    assert (tmp_path / "out" / "notes.txt").read_text() == GOOD_TEXT.split("\n\n")[0] + "\n"
    assert "logo.png" in out.stderr.decode() and "PNG" in out.stderr.decode()


def test_folder_glob_and_from_list_to_jsonl(tmp_path):
    _tree(tmp_path / "in")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# pages\n{tmp_path / 'in' / 'notes.txt'}\n\n{tmp_path / 'missing.html'}\n")
    out = run(str(tmp_path / "in"), "--glob", "*.html*", "--from-list", str(listing), "-q")
    recs = records(out.stdout)
    assert [Path(r["id"]).name for r in recs] == ["a.html", "b.html.gz", "notes.txt", "missing.html"]
    assert [bool(r["error"]) for r in recs] == [False, False, False, True]
    assert out.returncode == 1


def test_output_file_and_resume(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Body paragraph {i}."}) + "\n" for i in range(6)))
    dest = tmp_path / "out.jsonl"
    # an interrupted run left two records and a torn line behind
    partial = tmp_path / "out.jsonl.partial"
    partial.write_text(json.dumps({"id": "r0", "text": "EARLIER"}) + "\n" + json.dumps({"id": "r1", "text": "EARLIER"}) + '\n{"id": "r2", "te')
    out = run(str(src), "-o", str(dest), "--resume")
    assert out.returncode == 0, out.stderr
    assert not partial.exists()
    recs = records(dest.read_text())
    assert [r["id"] for r in recs] == [f"r{i}" for i in range(6)]
    assert [r["text"] for r in recs[:3]] == ["EARLIER", "EARLIER", "Body paragraph 2."]
    assert "already done" in out.stderr.decode()


def test_output_file_is_replaced_only_at_the_end(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "One body paragraph."}) + "\n")
    dest = tmp_path / "out.jsonl"
    dest.write_text("old\n")
    out = run(str(src), "-o", str(dest), "-q")
    assert out.returncode == 0 and records(dest.read_text())[0]["id"] == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_max_bytes_fails_the_record_only(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "big", "text": "word " * 2000}) + "\n" + json.dumps({"id": "small", "text": "Small body."}) + "\n")
    out = run(str(src), "--max-bytes", "1K", "-q")
    assert out.returncode == 1, out.stderr  # one record failed
    recs = records(out.stdout)
    assert "over the" in recs[0]["error"] and recs[1]["text"] == "Small body."


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_timeout_kills_a_stuck_document(tmp_path):
    """Reading a named pipe nobody writes to blocks inside the kernel: only a kill ends it."""
    stuck = tmp_path / "stuck.html"
    os.mkfifo(stuck)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT)
    out = run(str(good), str(stuck), str(good), "--timeout", "3", "--jobs", "1")
    assert out.returncode == 1
    recs = records(out.stdout)
    assert [Path(r["id"]).name for r in recs] == ["good.txt", "stuck.html", "good.txt"]
    assert "timed out after 3 s" in recs[1]["error"] and recs[2]["error"] is None


def test_batch_usage_errors_are_one_line(tmp_path):
    out = run(str(PAGE), str(PAGE), "--explain")
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    out = run(str(PAGE), "--resume")
    assert out.returncode == 2 and b"-o FILE" in out.stderr


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_leave_when_the_parent_is_killed():
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", "-", "--jsonl", "-q", "--jobs", "2"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    workers = _children(proc.pid)
    assert len(workers) == 2
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{w}").exists() and "zombie" not in Path(f"/proc/{w}/status").read_text() for w in workers):
        assert time.monotonic() < deadline, "workers outlived their parent"
        time.sleep(0.2)
    proc.stdin.close()
