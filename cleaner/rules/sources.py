"""Finding and reading rule files: the I/O edge of rule loading.

The built-in rules live in the repository's top-level ``rules/`` folder; the wheel carries a
copy as ``cleaner/builtin_rules``. Both are looked for, so that an installed package and a
source checkout (including an editable install) behave the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleError
from .yamlsafe import MAX_FILE_BYTES

RULE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class RuleSource:
    """The text of one rule file and the name errors should call it by."""

    path: str
    text: str
    builtin: bool = False


def builtin_rules_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    # installed: copied into the package; from a checkout: the repo's rules/ folder
    for candidate in (package / "builtin_rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("the built-in rules are missing from this installation (reinstall cleaner)")


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(Path("rules") / path.relative_to(base))
        except ValueError:
            pass
    return str(path)


def find_rule_files(path: Path) -> list[Path]:
    """A rule file, or every ``*.yaml``/``*.yml`` below a folder, in a stable order:
    generic files before site files, then by name."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise RuleError(f"no such rule file or folder: {path}")
    files = [p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file()]
    return sorted(files, key=lambda p: ("sites" in p.relative_to(path).parts, str(p.relative_to(path))))


def read_sources(paths: list[str | Path], *, builtin: bool = False) -> list[RuleSource]:
    out = []
    for raw in paths:
        root = Path(raw)
        base = root if builtin else None
        for file in find_rule_files(root):
            try:
                _check_size(file)
                text = file.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise RuleError(f"rule file is not UTF-8 ({exc.reason} at byte {exc.start})", str(file)) from None
            except OSError as exc:
                raise RuleError(f"cannot read rule file: {exc.strerror}", str(file)) from None
            out.append(RuleSource(_display(file, base), text, builtin))
    return out


def _check_size(file: Path) -> None:
    """Refuse an oversized file before reading it into memory (the YAML reader checks too,
    for rule text that does not come from a file)."""
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise RuleError(
            f"rule file is {size // 1024} KiB, over the {MAX_FILE_BYTES // 1024 // 1024} MiB limit; split it", str(file)
        )


def builtin_sources() -> list[RuleSource]:
    return read_sources([builtin_rules_dir()], builtin=True)
