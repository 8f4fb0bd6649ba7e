"""YAML loading that remembers where each value came from, for errors with line numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from harness.errors import SuiteError

Location = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys (a silent overwrite hides typos)."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _index_lines(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            # The key's own line is where a reader looks for a bad or unknown key.
            lines[(*location, key)] = key_node.start_mark.line + 1
            _index_lines(value_node, (*location, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*location, index), lines)


def load_yaml_with_lines(path: Path) -> tuple[Any, dict[Location, int]]:
    """The parsed document and a map from each key path to its 1-based line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SuiteError("file not found", path=path) from None
    except OSError as error:
        raise SuiteError(f"cannot read file: {error.strerror}", path=path) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise SuiteError(f"invalid YAML: {problem}", path=path, line=line) from None
    lines: dict[Location, int] = {}
    if node is not None:
        _index_lines(node, (), lines)
    return data, lines


def line_for(lines: dict[Location, int], location: Location) -> int | None:
    """The line of ``location``, or of its nearest ancestor that has one."""
    while True:
        if location in lines:
            return lines[location]
        if not location:
            return None
        location = location[:-1]


def format_location(location: Location) -> str:
    """('tests', 0, 'data', 'path') -> 'tests[0].data.path'."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
