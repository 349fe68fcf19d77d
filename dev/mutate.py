#!/usr/bin/env python3
"""A small mutation run over the core: does the test suite notice when the code breaks?

Each mutant is one small, plausible bug (a comparison flipped, a guard dropped, a separator
changed, an exit code swapped) in the text stage, the DOM stage, extraction, matching, batch
and resume, or the CLI's exit codes. For each, the script copies the repository to a scratch
folder, applies the mutant there (the work tree is never touched), runs the tests that guard
that code, and reports the mutant KILLED (a test failed) or SURVIVED (every test passed).

    python dev/mutate.py                 # every mutant, bounded in time (see --budget)
    python dev/mutate.py --list          # what it would try
    python dev/mutate.py TS01 DOM02      # some of them

Batch and CLI signal handling (Ctrl-C, a killed parent) is left out on purpose: it is being
changed elsewhere, and its tests need real signals and timing, not a quick mutant run.

A development aid, not part of CI: a survivor is a hole in the tests to close with a new
test, or a change that cannot alter behaviour (an equivalent mutant), to explain.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    id: str
    path: str  # relative to the repository
    old: str  # must occur exactly once
    new: str
    tests: tuple[str, ...]  # the test files (or node ids) that guard this code
    what: str


TEXT = ("tests/test_engine.py", "tests/test_invariants.py", "tests/test_rule_examples.py", "tests/test_languages.py")
DOM = ("tests/test_domstage.py", "tests/test_invariants.py", "tests/test_rule_examples.py", "tests/test_sites.py")
EXTRACT = ("tests/test_extract.py", "tests/test_features.py", "tests/test_invariants.py", "tests/test_seed.py")
MATCH = ("tests/test_prefilter.py", "tests/test_engine.py", "tests/test_rule_examples.py", "tests/test_invariants.py")
BATCH = ("tests/test_batch_cli.py", "tests/test_out_dir_rerun.py", "tests/test_datatrove.py", "tests/test_pool.py",
         "tests/test_resume_and_exit_codes.py")
CLI = ("tests/test_cli.py", "tests/test_hostile.py", "tests/test_batch_cli.py")

MUTANTS = [
    # -- text stage ------------------------------------------------------------------------------
    Mutant("TS01", "cleaner/stages/textstage.py", "    offers = index.offered(blocks)\n", "    offers = [() for _ in blocks]\n", TEXT,
           "no rule is offered any block: the cleaner removes nothing"),
    Mutant("TS02", "cleaner/stages/textstage.py", "            if hit.rule.action != \"strip_span\":\n                hits[i] = hit\n                break",
           "            if hit.rule.action != \"strip_span\":\n                hits[i] = hit\n                continue", TEXT,
           "a drop match does not end the search for the block"),
    Mutant("TS03", "cleaner/stages/textstage.py", "        elif i > cut_from:", "        elif i >= cut_from + 2:", TEXT,
           "drop_from_here spares the block right after its trigger"),
    Mutant("TS04", "cleaner/stages/textstage.py", "        elif i < cut_to:", "        elif i < cut_to - 1:", TEXT,
           "drop_up_to_here spares the block right before its trigger"),
    Mutant("TS05", "cleaner/stages/textstage.py", "    return None if _LEFTOVER.match(new) else new", "    return new", TEXT,
           "a strip that leaves only punctuation keeps the block"),
    Mutant("TS06", "cleaner/stages/textstage.py", "            kept_before += current.words", "            kept_before += 0", TEXT,
           "kept body before a block is never counted (drop_from_here never fires)"),
    Mutant("TS07", "cleaner/rules/rule.py", "LONG_BLOCK_WORDS = 80", "LONG_BLOCK_WORDS = 800", TEXT,
           "the long-block guard lets drop rules take 800-word paragraphs"),
    Mutant("TS08", "cleaner/rules/rule.py", "DEFAULT_MIN_BODY_WORDS = 30", "DEFAULT_MIN_BODY_WORDS = 0", TEXT,
           "drop_from_here and drop_up_to_here need no body around them"),
    Mutant("TS09", "cleaner/rules/rule.py", "        if self.max_words is not None and block.words > self.max_words:",
           "        if self.max_words is not None and block.words > self.max_words + 5:", TEXT,
           "max_words is off by five"),
    Mutant("TS10", "cleaner/stages/render.py", "        if not decision.kept:\n            continue", "        if False:\n            continue", TEXT,
           "the renderer prints removed blocks too"),
    # -- matching ------------------------------------------------------------------------------
    Mutant("MA01", "cleaner/matching/expr.py", '    return rf"^{_EDGE}(?:{pattern}){_EDGE}$"', '    return rf"{_EDGE}(?:{pattern}){_EDGE}"', MATCH,
           "whole_block matches anywhere in the block"),
    Mutant("MA02", "cleaner/matching/expr.py", '        body = body + r"(?!\\w)"', "        body = body", MATCH,
           "a phrase matches the start of a longer word"),
    Mutant("MA03", "cleaner/matching/expr.py", "            if spans is None:\n                return None\n            found.extend(spans)",
           "            if spans is None:\n                continue\n            found.extend(spans)", MATCH,
           "all: matches when any child does"),
    Mutant("MA04", "cleaner/matching/expr.py", "        return [] if self.child.find(text, timeout) is None else None",
           "        return [] if self.child.find(text, timeout) is not None else None", MATCH,
           "not: is inverted"),
    # -- DOM stage -----------------------------------------------------------------------------
    Mutant("DOM01", "cleaner/stages/domstage.py", "MIN_KEEP_SHARE = 0.4", "MIN_KEEP_SHARE = 0.0", DOM,
           "DOM rules may take the whole article"),
    Mutant("DOM02", "cleaner/stages/domstage.py", 'PROTECTED_TAGS = frozenset({"html", "body", "article", "main"})',
           'PROTECTED_TAGS = frozenset({"html", "body"})', DOM, "<article> and <main> may be removed"),
    Mutant("DOM03", "cleaner/stages/domstage.py", "            _detach(el)\n", "", DOM,
           "a DOM removal is reported but the element stays"),
    Mutant("DOM04", "cleaner/engine.py", "        if self.settings.dom_rules:", "        if False:", DOM,
           "the DOM stage never runs"),
    Mutant("DOM05", "cleaner/matching/selectors.py", "        if found and not self.include_root and found[0] is root:",
           "        if False:", ("tests/test_tagselect.py", *DOM), "an element-name selector on descendant:: selects the page's root too"),
    Mutant("DOM06", "cleaner/stages/domstage.py", "    return [h for h in hidden if not any(a in chosen for a in h.iterancestors())]",
           "    return hidden", DOM, "hidden elements inside hidden ones are counted twice"),
    # -- language --------------------------------------------------------------------------------
    Mutant("LG01", "cleaner/stages/langwords.py", "    return mine >= MIN_SHARE * words and all(mine > MIN_LEAD * theirs for theirs in counts.values())",
           "    return mine >= MIN_SHARE * words", ("tests/test_langwords.py", "tests/test_lang_resolution.py"),
           "a declaration is confirmed by common words another language shares"),
    Mutant("LG02", "cleaner/stages/lang.py", "    if confirms(code, text[:CONFIRM_CHARS]):\n        return code",
           "    if True:\n        return code", ("tests/test_langwords.py", "tests/test_lang_resolution.py"),
           "every declaration is believed: a template's lang=\"en\" is never overruled"),
    # -- extraction ----------------------------------------------------------------------------
    Mutant("EX01", "cleaner/stages/extract.py", '" | " if c else', '" " if c else', EXTRACT,
           "table cells of a row are joined by a space, not ' | '"),
    Mutant("EX02", "cleaner/stages/extract.py", "        density = min(1.0, self.links.chars(text) / max(1, len(text)))",
           "        density = 0.0", EXTRACT, "link density is always 0"),
    Mutant("EX03", "cleaner/stages/extract.py", "    if not repeated:\n        return blocks", "    if True:\n        return blocks", EXTRACT,
           "passages the extractor gives twice stay twice"),
    Mutant("EX04", "cleaner/stages/textblocks.py", '        kind = "list_item" if _BULLET.match(part) and "\\n" not in part else "paragraph"',
           '        kind = "paragraph"', EXTRACT + ("tests/test_engine.py",), "bulleted lines in text are never list items"),
    # -- batch and resume ------------------------------------------------------------------------
    Mutant("BA01", "cleaner/batch/job.py", '        record = {**doc.fields, "text": "", "error": error}',
           '        record = {**doc.fields, "text": "", "error": None}', BATCH, "a failed record carries no error"),
    Mutant("BA02", "cleaner/batch/writers.py", "            if not raw.endswith(b\"\\n\"):\n                break",
           "            if not raw.endswith(b\"\\n\"):\n                pass", BATCH, "resume keeps a torn last line"),
    Mutant("BA03", "cleaner/batch/writers.py", "        return self.resume and self.target(task.rel).exists()",
           "        return self.target(task.rel).exists()", BATCH, "--out-dir skips finished files without --resume"),
    Mutant("BA04", "cleaner/batch/job.py", "        if doc.id in self.skip_ids:", "        if doc.id not in self.skip_ids and False:", BATCH,
           "JSONL --resume cleans finished records again"),
    # -- CLI exit codes ------------------------------------------------------------------------
    Mutant("CL01", "cleaner/cli/batch_opts.py", "    return EXIT_BAD_INPUT if stats.errors else EXIT_OK", "    return EXIT_OK", CLI,
           "a batch with failed records exits 0"),
    Mutant("CL02", "cleaner/cli/clean_cmd.py", "        write_text(None, out + \"\\n\" if out else \"\")\n    return 0",
           "        write_text(None, out + \"\\n\" if out else \"\")\n    return 1", CLI, "a clean run exits 1"),
    Mutant("CL03", "cleaner/errors.py", "EXIT_BAD_USAGE = 2", "EXIT_BAD_USAGE = 1", CLI, "bad usage and bad rules exit 1"),
    Mutant("CL04", "cleaner/cli/__init__.py", '        _say(f"cleaner: error: {_one_line(str(exc))}")',
           '        _say(f"cleaner: error: {str(exc)}")', CLI + ("tests/test_hostile_rules.py",),
           "an error quoting a multi-line message prints several lines"),
]


def scratch_copy(dest: Path) -> None:
    for name in ("cleaner", "rules", "tests", "fixtures", "benchmarks", "pyproject.toml", "README.md"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dest / name)


def run_mutant(m: Mutant, timeout: float) -> tuple[str, float, str]:
    with tempfile.TemporaryDirectory(prefix="mutant-") as tmp:
        work = Path(tmp)
        scratch_copy(work)
        target = work / m.path
        source = target.read_text(encoding="utf-8")
        if source.count(m.old) != 1:
            return "STALE", 0.0, f"the code to mutate is not found exactly once in {m.path}"
        target.write_text(source.replace(m.old, m.new), encoding="utf-8")
        # the copy shadows the installed (editable) package, in this process and in the CLI's children
        env = {**os.environ, "PYTHONPATH": str(work), "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("CLEANER_FUZZ", None)
        cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not slow", *m.tests]
        start = time.monotonic()
        try:
            proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "TIMEOUT", time.monotonic() - start, ""
        took = time.monotonic() - start
        failed = [line.split(" ")[1] for line in proc.stdout.splitlines() if line.startswith("FAILED ")]
        if proc.returncode == 0:
            return "SURVIVED", took, ""
        if proc.returncode == 1:
            return "KILLED", took, failed[0] if failed else ""
        return "ERROR", took, proc.stdout[-300:] + proc.stderr[-300:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ids", nargs="*", help="mutant ids (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--timeout", type=float, default=420, help="seconds per mutant (default 420)")
    parser.add_argument("--budget", type=float, default=3600, help="stop starting mutants after this many seconds (default 3600)")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.ids or m.id in args.ids]
    if args.list:
        for m in chosen:
            print(f"{m.id:6} {m.path}: {m.what}")
        return 0
    began = time.monotonic()
    results = []
    for m in chosen:
        if time.monotonic() - began > args.budget:
            print(f"{m.id:6} NOT RUN (over the --budget)")
            continue
        status, took, detail = run_mutant(m, args.timeout)
        results.append((m, status))
        print(f"{m.id:6} {status:8} {took:5.0f}s  {m.what}" + (f"  [{detail}]" if detail else ""), flush=True)
    killed = sum(s == "KILLED" for _, s in results)
    survived = [m.id for m, s in results if s == "SURVIVED"]
    print(f"{len(results)} mutants: {killed} killed, {len(survived)} survived" + (f" ({', '.join(survived)})" if survived else ""))
    return 0 if all(s in ("KILLED", "SURVIVED") for _, s in results) else 1


if __name__ == "__main__":
    sys.exit(main())
