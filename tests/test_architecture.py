"""The package's layers import downwards only, and no module imports itself in a circle.

Read from the source (every ``import`` statement, function-level and ``TYPE_CHECKING`` ones
included), so the contracts hold for the code as written, not only for what one run loads.
docs/architecture.md draws the same layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "cleaner"

#: The modules of the public surface; everything else lives in a subpackage.
TOP_LEVEL = {"__init__", "__main__", "engine", "errors", "model", "settings", "version"}

#: What each layer may import from the package (besides its own layer). Layers not named
#: here (cli, batch, integrations, tools, the package itself) sit on top and may import
#: anything below them.
LEAVES = {"cleaner.errors", "cleaner.model", "cleaner.settings", "cleaner.version"}
ALLOWED: dict[str, set[str]] = {
    "cleaner.errors": set(),
    "cleaner.model": set(),
    "cleaner.settings": set(),
    "cleaner.version": set(),
    "cleaner.matching": {"cleaner.errors", "cleaner.model"},
    "cleaner.rules": {"cleaner.matching"} | LEAVES,
    "cleaner.stages": {"cleaner.rules", "cleaner.matching"} | LEAVES,
    "cleaner.engine": {"cleaner.stages", "cleaner.rules", "cleaner.matching"} | LEAVES,
    "cleaner.tools": {"cleaner.engine", "cleaner.stages", "cleaner.rules", "cleaner.matching"} | LEAVES,
    "cleaner.batch": {"cleaner.engine", "cleaner.stages", "cleaner.rules", "cleaner.matching"} | LEAVES,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Absolute names of the package modules that ``path`` imports."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "cleaner")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "cleaner":
                continue
            for alias in node.names:
                # ``from . import x`` names a module when x is one
                sub = f"{target}.{alias.name}"
                found.add(sub if _is_module(sub) else target)
    found.discard(name)
    return found


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def layer_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


GRAPH = {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_the_top_level_holds_only_the_public_surface():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top <= TOP_LEVEL, f"modules that belong in a subpackage: {sorted(top - TOP_LEVEL)}"
    assert len(top) <= 8


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_each_module_imports_only_what_its_layer_may(module):
    layer = layer_of(module)
    if layer not in ALLOWED:
        return  # cli, batch, integrations, the package's __init__: the top of the stack
    allowed = ALLOWED[layer] | {layer}
    wrong = sorted(t for t in GRAPH[module] if layer_of(t) not in allowed)
    assert not wrong, f"{module} ({layer}) must not import {wrong}"


def test_no_module_imports_itself_in_a_circle():
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in done:
            return
        if module in visiting:
            cycle = visiting[visiting.index(module) :] + [module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        visiting.append(module)
        for target in sorted(GRAPH.get(module, ())):
            visit(target)
        visiting.pop()
        done.add(module)

    for module in GRAPH:
        visit(module)


def test_the_checker_sees_a_forbidden_import(tmp_path):
    """The contracts above would pass vacuously if imports were not found."""
    assert "cleaner.matching.index" in GRAPH["cleaner.stages.textstage"]
    assert "cleaner.rules.ruleset" in GRAPH["cleaner.engine"]
    assert layer_of("cleaner.cli.common") not in ALLOWED["cleaner.stages"]
