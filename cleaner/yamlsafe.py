"""A safe YAML reader that remembers line numbers and refuses what rule files never need.

Built on ``yaml.SafeLoader`` (no tags that build Python objects). Aliases are refused outright,
which rules out "billion laughs" expansion bombs; duplicate keys are an error rather than a
silent overwrite. Mappings and lists carry the line each key or item came from, so that
validation errors can point at it.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import RuleError

#: Rule files larger than this are refused: rule sets grow by files, not by giant files.
MAX_FILE_BYTES = 8 * 1024 * 1024


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


class _Loader(yaml.SafeLoader):
    path = "<rules>"

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise RuleError(
                "YAML aliases (*name) are not allowed in rule files",
                self.path,
                event.start_mark.line + 1,
            )
        return super().compose_node(parent, index)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> LineDict:
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


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


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
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {exc}", path) from None
    finally:
        loader.dispose()
