"""An on-disk cache of parsed rule files, so that a large rule set loads in a fraction of the
time it takes to parse.

Parsing a rule file costs far more than reading it: YAML, then a compile of every regex
and the derivation of its literals, paid again by every process that builds a
:class:`~cleaner.Cleaner` (docs/performance.md has the figures). So the
result of :func:`~cleaner.rules.loader.parse_rule_file` is pickled, one entry per rule file, under a
key that hashes everything the result depends on: the file's text and name, the rules format
version, the cleaner version, the versions of Python, ``regex`` and PyYAML, and the source
of the modules that parse and define rules (a changed parser never reads an old entry). A hit skips YAML, compiling and literal derivation;
regexes of a rule read from the cache are compiled when first used (they compiled when the
entry was written, so they cannot fail).

Safety: pickle runs code, so entries are read only from a directory that belongs to the user
and that nobody else can write to, and only from files that belong to the user. Entries are
written to a temporary file and renamed, so a reader never sees half an entry; an entry that
does not unpickle to a rule file is ignored and rewritten. Nothing here ever fails a load:
without a usable cache, rules are parsed as before.

Where: ``$CLEANER_CACHE_DIR``, else ``$XDG_CACHE_HOME/cleaner``, else ``~/.cache/cleaner``.
``CLEANER_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from ..version import __version__
from .loader import FORMAT_VERSION, RuleFile, parse_rule_file

#: Bumped when the layout of entries changes.
CACHE_LAYOUT = 1
#: The modules whose code decides what a parsed rule file is.
_PARSER_MODULES = (
    "rules/loader", "rules/rule", "rules/yamlsafe", "matching/expr", "matching/literals",
    "matching/normalize", "matching/regexguard", "model",
)


def cache_dir() -> Path | None:
    """Where entries live, or ``None`` when the cache is off or cannot be used safely."""
    if os.environ.get("CLEANER_NO_CACHE", "") not in ("", "0"):
        return None
    if not hasattr(os, "getuid"):  # no owner to check against: never unpickle from disk
        return None
    base = os.environ.get("CLEANER_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = str(Path(xdg) / "cleaner") if xdg else str(Path.home() / ".cache" / "cleaner")
    return Path(base) / f"rules-{CACHE_LAYOUT}"


def load_rule_file(text: str, path: str) -> RuleFile:
    """:func:`~cleaner.rules.loader.parse_rule_file`, through the cache when there is one."""
    where = cache_dir()
    if where is None:
        return parse_rule_file(text, path)
    entry = where / f"{_key(text, path)}.pickle"
    cached = _read(entry, where)
    if cached is not None:
        return cached
    parsed = parse_rule_file(text, path)
    _write(entry, where, parsed)
    return parsed


def _key(text: str, path: str) -> str:
    digest = hashlib.sha256()
    for part in (str(CACHE_LAYOUT), __version__, str(FORMAT_VERSION), _code_fingerprint(), path, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    # the libraries that read a rule file count too: a regex that compiles with one version
    # of ``regex`` may not with another, and literals come from Python's own ``re`` parser
    digest = hashlib.sha256(f"{sys.version_info[:2]} {regex.__version__} {yaml.__version__}".encode())
    here = Path(__file__).resolve().parent.parent
    for name in _PARSER_MODULES:
        try:
            digest.update((here / f"{name}.py").read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()


def _owned_and_private(st: os.stat_result) -> bool:
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(entry: Path, where: Path) -> RuleFile | None:
    try:
        if not _owned_and_private(os.stat(where)):
            return None
        with open(entry, "rb") as handle:
            if not _owned_and_private(os.fstat(handle.fileno())):
                return None
            data = pickle.load(handle)
    except Exception:  # missing, unreadable or corrupt: parse instead
        return None
    return data if isinstance(data, RuleFile) else None


def _write(entry: Path, where: Path, parsed: RuleFile) -> None:
    write_atomically(entry, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))


def write_atomically(entry: Path, data: bytes) -> None:
    """Keep ``data`` as ``entry`` in a folder of the cache: written to a temporary file and
    renamed, so a reader never sees half an entry; nothing at all where the folder is not
    the user's own, or the disk is read-only or full (that only costs the next load its
    speed)."""
    where = entry.parent
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _owned_and_private(os.stat(where)):
            return
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=entry.suffix)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:
        return
