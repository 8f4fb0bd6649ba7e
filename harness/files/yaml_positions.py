"""YAML loading that remembers where each value came from, for errors with line numbers.

Suites come from users and from pull requests, so loading is bounded: UTF-8 only (with
or without a byte-order mark), at most ``MAX_DEPTH`` levels of nesting and
``MAX_NODES`` values once aliases are expanded (a few hundred bytes of aliases can
otherwise expand to gigabytes), and mapping keys must be plain values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from harness.errors import SuiteError
from harness.files.textfiles import EncodingProblem, read_utf8

Location = tuple[str | int, ...]

#: Deeper than any real suite; far below Python's recursion limit.
MAX_DEPTH = 50
#: Values in the document with every alias expanded (a real suite has a few hundred).
MAX_NODES = 200_000


class _Loader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys (a silent overwrite hides typos)."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str | int | float | bool | type(None)):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"a mapping key must be a plain value, not a {type(key).__name__}",
                key_node.start_mark,
            )
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _check_size(root: yaml.Node, path: Path) -> None:
    """Refuse documents nested deeper than ``MAX_DEPTH`` or larger than ``MAX_NODES``
    values with aliases expanded, before anything walks them recursively."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise SuiteError(f"nested more than {MAX_DEPTH} levels deep", path=path, line=line)
        if count > MAX_NODES:
            raise SuiteError(
                f"more than {MAX_NODES} values once aliases are expanded (an alias bomb?)",
                path=path,
                line=line,
            )
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


def _index_lines(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    """Record each key path's line; an alias's target is indexed once, where it is defined."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Location]] = [(node, location)]
    while stack:
        node, location = stack.pop()
        lines.setdefault(location, node.start_mark.line + 1)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value
                # The key's own line is where a reader looks for a bad or unknown key.
                lines[(*location, key)] = key_node.start_mark.line + 1
                stack.append((value_node, (*location, key)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*location, index)))


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def load_yaml_with_lines(path: Path) -> tuple[Any, dict[Location, int]]:
    """The parsed document and a map from each key path to its 1-based line."""
    try:
        text = read_utf8(path)
    except FileNotFoundError:
        raise SuiteError("file not found", path=path) from None
    except IsADirectoryError:
        raise SuiteError("is a directory, expected a YAML file", path=path) from None
    except OSError as error:
        raise SuiteError(f"cannot read file: {error.strerror}", path=path) from None
    except EncodingProblem as error:
        raise SuiteError(str(error), path=path, line=error.line) from None
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # the reader checks for unprintable characters here
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _check_size(node, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise SuiteError(f"invalid YAML: {problem}", path=path, line=line) from None
    except yaml.reader.ReaderError as error:
        raise SuiteError(
            f"invalid YAML: character U+{error.character:04X} is not allowed in a YAML file",
            path=path,
            line=_line_of(text, error.position),
        ) from None
    except yaml.YAMLError as error:
        raise SuiteError(f"invalid YAML: {error}", path=path) from None
    except RecursionError:
        raise SuiteError(f"nested more than {MAX_DEPTH} levels deep", path=path) from None
    except ValueError as error:  # a scalar YAML resolves but Python refuses (a 5000-digit int)
        raise SuiteError(f"invalid value: {error}", path=path) from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[Location, int] = {}
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
