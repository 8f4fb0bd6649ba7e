"""Passes over an items.jsonl file for what the gate's columns do not hold.

The gate keeps a few numbers per item (``harness.gate.columns``); a score column the
first time a metric asks for it, the whole items an output shows (flipped items, the
values in an error message) and the line of a repeated id are read from the file
again. Items are found by test and position within the test, which the first read
fixed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import orjson

from harness.errors import RunDirectoryError
from harness.files.jsonio import parse_jsonl_line, read_jsonl_lines
from harness.results import item_record
from harness.results.records import ItemRecord


class ItemSource(Protocol):
    """Where one test's items can be read back (``harness.gate.columns.ItemColumns``)."""

    @property
    def test(self) -> str: ...

    @property
    def source(self) -> Path | None: ...

    @property
    def records(self) -> tuple[ItemRecord, ...] | None: ...


__all__ = [
    "ItemSource",
    "lines_of",
    "parse_item_line",
    "read_back",
    "release_freed_memory",
    "rows_of_test",
]


def release_freed_memory() -> None:
    """Hand memory freed by the C allocator back to the system (glibc's ``malloc_trim``).

    Reading a million lines allocates and frees small blocks between long-lived ones;
    glibc keeps the freed pages for reuse, so the process's resident size would follow
    the largest temporary of each phase rather than what it holds. Elsewhere a no-op.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (musl, for one): nothing to trim


def parse_item_line(path: Path, number: int, line: str) -> dict[str, Any]:
    """One line as an object: orjson (a few times faster), the shared parser's error."""
    try:
        row = orjson.loads(line)
    except orjson.JSONDecodeError:
        row = None
    if not isinstance(row, dict):
        # The JSONL reader's own message (not JSON, or not an object).
        return parse_jsonl_line(path, number, line, RunDirectoryError)
    return row


def rows_of_test(path: Path, test: str) -> Iterator[dict[str, Any]]:
    """The rows of ``test`` in ``path`` (checked when the file was first read)."""
    for number, line in read_jsonl_lines(path, RunDirectoryError):
        row = parse_item_line(path, number, line)
        if row.get("test") == test:
            yield row


def _positions(path: Path) -> Iterator[tuple[int, str, int, str]]:
    """(line number, test, position within the test, text) of every item line."""
    seen: dict[str, int] = {}
    for number, line in read_jsonl_lines(path, RunDirectoryError):
        test = str(parse_item_line(path, number, line).get("test"))
        position = seen.get(test, 0)
        seen[test] = position + 1
        yield number, test, position, line


def lines_of(path: Path, wanted: Mapping[str, Iterable[int]]) -> dict[tuple[str, int], int]:
    keys = {(test, int(row)) for test, rows in wanted.items() for row in rows}
    found = {}
    for number, test, position, _ in _positions(path):
        if (test, position) in keys:
            found[(test, position)] = number
            if len(found) == len(keys):
                break
    return found


def read_back(columns: Sequence[tuple[ItemSource, np.ndarray]]) -> list[list[ItemRecord]]:
    """The whole items at the given rows of each test's columns (one pass per file).

    Runs built in memory hand back their records; runs read from disk are read again,
    parsing only the wanted lines.
    """
    results: list[list[ItemRecord] | None] = [None] * len(columns)
    by_source: dict[Path, list[int]] = {}
    for index, (test, rows) in enumerate(columns):
        if test.records is not None or test.source is None:
            records = test.records or ()
            results[index] = [records[int(row)] for row in rows]
        else:
            by_source.setdefault(test.source, []).append(index)
    for source, indices in by_source.items():
        wanted: dict[tuple[str, int], ItemRecord | None] = {}
        for index in indices:
            test, rows = columns[index]
            wanted.update({(test.test, int(row)): None for row in rows})
        remaining = len(wanted)
        if remaining:
            for number, test_name, position, line in _positions(source):
                key = (test_name, position)
                if key in wanted:
                    wanted[key] = item_record(source, number, parse_item_line(source, number, line))
                    remaining -= 1
                    if not remaining:
                        break
        for index in indices:
            test, rows = columns[index]
            found = [wanted[(test.test, int(row))] for row in rows]
            if any(record is None for record in found):
                raise RunDirectoryError(f"{source}: changed while it was being compared")
            results[index] = [record for record in found if record is not None]
    release_freed_memory()  # the passes over the files
    return [result or [] for result in results]
