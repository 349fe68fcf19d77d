"""Single-document mode has a time limit too: a user's DOM rule with a pathological XPath
cannot hang ``cleaner clean page.html``, and SIGTERM stops it at once whatever it is doing."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from .faults import HAS_PROC, by_cmdline, kill_all, run_cli, spawn, wait_for, wait_gone

#: Every div compares every element with every element: cubic in the page's size, and all of
#: it inside libxml2, where no Python-level timer can stop it.
SLOW_RULES = """\
version: 1
description: A DOM rule that never finishes on a page of some size.
rules:
  - id: SLOW001
    name: slow-xpath
    category: promo
    message: Nothing, very slowly
    xpath: //div[count(//*[count(//*) > 1]) < 0]
    languages: '*'
"""


def _slow_case(tmp_path: Path) -> tuple[Path, Path]:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yaml").write_text(SLOW_RULES)
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>" + "A body paragraph of an article. " * 20 + "</p>"
                    + "<div><span>x</span></div>" * 1500 + "</article></body></html>")
    return rules, page


def test_a_pathological_xpath_gives_up_after_the_timeout(tmp_path):
    rules, page = _slow_case(tmp_path)
    start = time.monotonic()
    done = run_cli(str(page), "--rules", str(rules), "--timeout", "2", timeout=60)
    assert time.monotonic() - start < 30
    assert done.returncode == 1, done.stderr
    assert done.stderr.decode().splitlines() == [
        f"cleaner: error: gave up on '{page}' after 2 s (--timeout SECONDS allows longer, 0 no limit)"]
    assert done.stdout == b""
    if HAS_PROC:
        assert wait_gone(by_cmdline(str(page)), 5) == []


def test_the_time_limit_does_not_change_the_output(tmp_path):
    page = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "article.html"
    limited = run_cli(str(page), "--format", "json")
    unlimited = run_cli(str(page), "--format", "json", "--timeout", "0")
    assert limited.returncode == unlimited.returncode == 0
    assert limited.stdout == unlimited.stdout and b"BlackBerry" in limited.stdout


@pytest.mark.skipif(not HAS_PROC, reason="needs Linux /proc to find the worker")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_a_stop_signal_ends_a_single_document_stuck_in_c_code_at_once(tmp_path, sig):
    """Without a time limit (``--timeout 0``) too: the command's own process only waits for
    the worker, so it answers a signal at once instead of when the XPath returns."""
    rules, page = _slow_case(tmp_path)
    proc = spawn(str(page), "--rules", str(rules), "--timeout", "0")
    try:
        wait_for(lambda: len(by_cmdline(str(page))) >= 2, 60, "the worker at work", proc=proc)
        time.sleep(0.5)  # well inside the XPath by now
        workers = by_cmdline(str(page))
        sent = time.monotonic()
        proc.send_signal(sig)
        assert proc.wait(timeout=30) == 128 + sig
        assert time.monotonic() - sent < 5
        assert proc.stderr.read().decode().splitlines() == [f"cleaner: stopped by {sig.name}"]  # type: ignore[union-attr]
        assert wait_gone(workers, 5) == []
    finally:
        kill_all(by_cmdline(str(page)))
        if proc.poll() is None:
            proc.kill()
            proc.wait()
