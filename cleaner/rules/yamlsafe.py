"""A safe YAML reader that remembers line numbers and refuses what rule files never need.

Built on PyYAML's safe constructor (no tags that build Python objects), with libyaml's parser
when PyYAML has it. Aliases are refused outright,
which rules out "billion laughs" expansion bombs; duplicate keys are an error rather than a
silent overwrite. Mappings and lists carry the line each key or item came from, so that
validation errors can point at it.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from ..errors import RuleError

#: Rule files larger than this are refused: rule sets grow by files, not by giant files.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: Nesting deeper than this is refused (a rule with nested any/all/not needs about ten levels).
MAX_DEPTH = 64


class LineDict(dict):  # type: ignore[type-arg]
    """A dict that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):  # type: ignore[type-arg]
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Checks:
    """Composer hooks shared by both loaders: refuse aliases and deep nesting, one node at a
    time, before anything is built from them."""

    path = "<rules>"
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        line = self.peek_event().start_mark.line + 1  # type: ignore[attr-defined]
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            raise RuleError("YAML aliases (*name) are not allowed in rule files", self.path, line)
        # the composer recurses once per level: stop a hostile file before Python's stack does
        if self.depth >= MAX_DEPTH:
            raise RuleError(f"YAML nested more than {MAX_DEPTH} levels deep; rule files need a few", self.path, line)
        self.depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1


class _PyLoader(_Checks, yaml.SafeLoader):
    pass


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _CLoader(_Checks, Composer, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        """libyaml scans and parses (several times faster than PyYAML's Python reader, and
        it caps nesting itself); PyYAML's Python composer, placed before ``CParser`` so that
        its node building, with the checks above, is the one that runs."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _Loader: type = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PyLoader


def _construct_map(loader: Any, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise RuleError("a mapping key must be a plain value", loader.path, line) from None
        if key in out:
            raise RuleError(f"duplicate key '{key}'", loader.path, line)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = line
    return out


def _construct_seq(loader: Any, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


for _cls in {_PyLoader, _Loader}:
    _cls.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _cls.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document; every failure is a :class:`RuleError` with file and line."""
    if len(text) > MAX_FILE_BYTES:
        raise RuleError(
            f"rule file is {len(text) // 1024} KiB, over the {MAX_FILE_BYTES // 1024 // 1024} MiB limit; split it",
            path,
        )
    loader = _Loader(text)
    loader.path = path
    try:
        return loader.get_single_data()
    except RuleError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise RuleError(f"invalid YAML: {problem}", path, line) from None
    except yaml.reader.ReaderError as exc:
        # the reader stops at the first unacceptable character (its position is in bytes
        # for libyaml, in characters for PyYAML): find it ourselves
        char = chr(exc.character) if isinstance(exc.character, int) else ""
        at = text.find(char) if char else -1
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise RuleError(f"invalid YAML: unprintable character U+{ord(char or '?'):04X} is not allowed", path, line) from None
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {' '.join(str(exc).split())}", path) from None
    finally:
        loader.dispose()
