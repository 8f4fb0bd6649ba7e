"""Reading a run's items.jsonl for the gate: columns as a stream, and passes back over it.

The gate compares two runs of possibly millions of items. Holding every item as an
object costs kilobytes per item; the gate needs a few numbers per item: the id (to
pair), correctness, gold and predicted label codes, tag codes, the parent and transform
of a variant, and whether the model failed to answer. ``read_item_columns`` validates
each line (the same one-line errors as every reader of items.jsonl) and keeps only
those, in compact numpy arrays, so memory grows by tens of bytes per item instead of
kilobytes. The columns' ``ItemsFile`` source reads a score or the confidence when a
metric first asks for it, one column at a time; what an output shows of whole items
(flipped items, the values in an error message) is read back from the file by position.

Gold and predicted values are compared through a 64-bit digest of their JSON (a
question's list of answers is one value), and mapped to label codes for the metrics
that read labels.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from harness.errors import RunDirectoryError
from harness.files.jsonio import parse_jsonl_line, read_jsonl_lines
from harness.metrics.columns import ItemColumns, sorted_tag_column, value_digest
from harness.results import ITEMS_FILE, item_record
from harness.results.records import ItemRecord

# Ids are gathered this many at a time before they become one fixed-width array.
_ID_CHUNK = 65_536

__all__ = [
    "ItemsFile",
    "lines_of",
    "parse_item_line",
    "read_back",
    "read_item_columns",
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


def read_back(columns: Sequence[tuple[ItemColumns, np.ndarray]]) -> list[list[Any]]:
    """The whole items at the given rows of each test's columns (one pass per file).

    Runs built in memory hand back their items; runs read from disk are read again,
    parsing only the wanted lines.
    """
    results: list[list[Any] | None] = [None] * len(columns)
    by_source: dict[Path, list[int]] = {}
    for index, (test, rows) in enumerate(columns):
        if isinstance(test.source, ItemsFile):
            by_source.setdefault(test.source.path, []).append(index)
        else:
            results[index] = test.records(rows)
    for source, indices in by_source.items():
        wanted = {(columns[i][0].test, int(row)) for i in indices for row in columns[i][1]}
        found = _records_at(source, wanted)
        for index in indices:
            test, rows = columns[index]
            results[index] = [found[(test.test, int(row))] for row in rows]
    release_freed_memory()  # the passes over the files
    return [result or [] for result in results]


def _records_at(path: Path, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], ItemRecord]:
    """The items at (test, position within the test) of ``path``, in one pass."""
    found: dict[tuple[str, int], ItemRecord] = {}
    if wanted:
        for number, test_name, position, line in _positions(path):
            key = (test_name, position)
            if key in wanted:
                found[key] = item_record(path, number, parse_item_line(path, number, line))
                if len(found) == len(wanted):
                    break
    if len(found) < len(wanted):
        raise RunDirectoryError(f"{path}: changed while it was being compared")
    return found


class ItemsFile:
    """A ``ColumnSource``: one test's items in an items.jsonl file, read on demand."""

    def __init__(self, path: Path, test: str, labels: Sequence[str]) -> None:
        self.path = path
        self.test = test
        self.labels = tuple(labels)

    def read(self, name: str) -> np.ndarray | None:
        if name.startswith("score:"):
            column = _read_floats(self.path, self.test, _score_of(name[len("score:") :]))
        elif name == "confidence":
            column = _read_floats(self.path, self.test, _confidence, exact_narrowing=False)
        elif name == "probabilities":
            column = _read_probabilities(self.path, self.test, self.labels)
        else:
            return None
        release_freed_memory()  # the pass over the file
        return column

    def records(self, rows: np.ndarray) -> list[Any]:
        found = _records_at(self.path, {(self.test, int(row)) for row in rows})
        release_freed_memory()
        return [found[(self.test, int(row))] for row in rows]


def _read_floats(
    path: Path, test: str, from_json: Any, *, exact_narrowing: bool = True
) -> np.ndarray:
    chunks: list[np.ndarray] = []
    values = array("d")

    def flush() -> None:
        nonlocal values
        column = np.frombuffer(values, dtype=np.float64).copy() if len(values) else np.zeros(0)
        chunks.append(_narrowest_float(column) if exact_narrowing else column)
        values = array("d")

    for row in rows_of_test(path, test):
        value = from_json(row)
        values.append(np.nan if value is None else value)
        if len(values) == _CHUNK:
            flush()
    flush()
    return np.concatenate(chunks)


def _read_probabilities(path: Path, test: str, labels: Sequence[str]) -> np.ndarray:
    rows = []
    for row in rows_of_test(path, test):
        given = row.get("probabilities")
        given = given if isinstance(given, dict) else {}
        rows.append([float(given.get(label, 0.0)) for label in labels])
    return np.array(rows, dtype=float).reshape(-1, len(labels))


def _number(value: Any) -> float | None:
    """A score as ``ItemRecord`` keeps it: finite numbers and booleans, as float."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _score_of(key: str) -> Any:
    def read(row: dict[str, Any]) -> float | None:
        scores = row.get("scores")
        return _number(scores.get(key)) if isinstance(scores, dict) else None

    return read


def _confidence(row: dict[str, Any]) -> float | None:
    value = row.get("confidence")
    return None if value is None else float(value)


def _narrowest_float(column: np.ndarray) -> np.ndarray:
    """``column`` in the narrowest float type that holds every value exactly (0/1: float16)."""
    for dtype in (np.float16, np.float32):
        narrow = column.astype(dtype)
        if np.array_equal(narrow.astype(np.float64), column, equal_nan=True):
            return narrow
    return column


# Rows a column buffers before it becomes a numpy chunk. Fixed-size chunks instead of one
# buffer grown by reallocation: growing buffers leave the allocator holes that it keeps,
# and the gate's peak memory would grow faster than its columns.
_CHUNK = 65_536
_TYPECODES = {"b": np.int8, "h": np.int16, "i": np.int32, "Q": np.uint64}


class _Chunked:
    """A column appended one value at a time, kept as numpy chunks of ``_CHUNK`` rows."""

    def __init__(self, typecode: str, fill: int = 0, fill_value: int = -1) -> None:
        self.typecode = typecode
        self.chunks: list[np.ndarray] = []
        if fill:
            self.chunks.append(np.full(fill, fill_value, dtype=_TYPECODES[typecode]))
        self.values = array(typecode)

    def __len__(self) -> int:
        return sum(len(chunk) for chunk in self.chunks) + len(self.values)

    def append(self, value: int) -> None:
        self.values.append(value)
        if len(self.values) == _CHUNK:
            self._flush()

    def _flush(self) -> None:
        if len(self.values):
            dtype = _TYPECODES[self.values.typecode]
            self.chunks.append(np.frombuffer(self.values, dtype=dtype).copy())
            self.values = array(self.typecode)

    def numpy(self) -> np.ndarray:
        self._flush()
        if not self.chunks:
            return np.zeros(0, dtype=_TYPECODES[self.typecode])
        return self.chunks[0] if len(self.chunks) == 1 else np.concatenate(self.chunks)


class _Codes(_Chunked):
    """Codes (-1 for none) in the narrowest type that holds them so far: a byte each while
    there are fewer than 128 values, widened when there are more."""

    _WIDTHS = (("b", 127), ("h", 32_767), ("i", 2**31 - 1))

    def __init__(self, fill: int = 0) -> None:
        super().__init__("b", fill)
        self.level = 0

    def append(self, value: int) -> None:
        if value > self._WIDTHS[self.level][1]:
            while value > self._WIDTHS[self.level][1]:
                self.level += 1
            self.typecode = self._WIDTHS[self.level][0]
            self.values = array(self.typecode, self.values)
        super().append(value)

    def numpy(self) -> np.ndarray:
        # Chunks written before a widening are narrower: concatenate widens them.
        return super().numpy().astype(_TYPECODES[self.typecode], copy=False)


class _Digests:
    """Digests of a value per item, kept only once some value is not a label."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        self.label_index = {label: i for i, label in enumerate(labels)}
        self.codes = _Codes()
        self.digests: _Chunked | None = None

    def add(self, value: Any) -> None:
        code = self.label_index.get(str(value), -1)
        self.codes.append(code)
        is_label = isinstance(value, str) and code >= 0
        if self.digests is None and not is_label:
            # Every earlier value was a label: its digest follows from its code.
            by_label = [value_digest(label) for label in self.labels]
            self.digests = _Chunked("Q")
            for earlier in self.codes.numpy()[:-1]:
                self.digests.append(by_label[earlier])
        if self.digests is not None:
            self.digests.append(value_digest(value))

    def finish(self) -> tuple[np.ndarray, np.ndarray | None]:
        codes = self.codes.numpy()
        if self.digests is None:
            return codes, None
        return codes, self.digests.numpy()


class _ColumnsBuilder:
    """Appends one item at a time to compact buffers (``array`` grows without objects)."""

    def __init__(self, test: str, labels: Sequence[str]) -> None:
        self.test = test
        self.labels = tuple(labels)
        self.rows = 0
        self.id_chunks: list[np.ndarray] = []
        self.id_pending: list[bytes] = []
        self.parent_chunks: list[np.ndarray] = []
        self.parent_pending: list[bytes] = []
        self.correct = _Chunked("b")
        self.gold = _Digests(labels)
        self.predicted = _Digests(labels)
        self.has_probabilities = _Chunked("b")
        self.infra_error = _Chunked("b")
        self.transform = _Codes()
        self.transform_index: dict[str, int] = {}
        self.score_counts: dict[str, int] = {}
        self.tags: dict[str, _Codes] = {}
        self.tag_index: dict[str, dict[str, int]] = {}

    def add(self, item: ItemRecord) -> None:
        self.id_pending.append(item.id.encode("utf-8", "surrogatepass"))
        self.parent_pending.append((item.parent_id or "").encode("utf-8", "surrogatepass"))
        if len(self.id_pending) == _ID_CHUNK:
            self._flush_ids()
        self.correct.append(-1 if item.correct is None else int(item.correct))
        self.gold.add(item.gold)
        self.predicted.add(item.predicted)
        self.has_probabilities.append(1 if item.probabilities else 0)
        self.infra_error.append(0 if item.infra_error is None else 1)
        name = item.transform_name
        self.transform.append(self.transform_index.setdefault(name, len(self.transform_index)))
        for key in item.scores:
            self.score_counts[key] = self.score_counts.get(key, 0) + 1
        for key in item.tags:
            if key not in self.tags:
                self.tags[key] = _Codes(fill=self.rows)
                self.tag_index[key] = {}
        for key, codes in self.tags.items():
            tag = item.tags.get(key)
            if tag is None:
                codes.append(-1)
            else:
                index = self.tag_index[key]
                codes.append(index.setdefault(tag, len(index)))
        self.rows += 1

    def _flush_ids(self) -> None:
        self.id_chunks.append(
            np.array(self.id_pending or [b""], dtype=bytes)[: len(self.id_pending)]
        )
        self.parent_chunks.append(
            np.array(self.parent_pending or [b""], dtype=bytes)[: len(self.parent_pending)]
        )
        self.id_pending, self.parent_pending = [], []

    def finish(self, path: Path) -> ItemColumns:
        self._flush_ids()
        tags = {}
        for key, codes in self.tags.items():
            # Codes renumbered so that code order is value order (slices are listed sorted).
            tags[key] = sorted_tag_column(codes.numpy(), self.tag_index[key])
        gold_code, gold_digest = self.gold.finish()
        predicted_code, predicted_digest = self.predicted.finish()
        return ItemColumns(
            labels=self.labels,
            correct=self.correct.numpy(),
            gold=gold_code,
            predicted=predicted_code,
            has_probabilities=self.has_probabilities.numpy().view(bool),
            infra_error=self.infra_error.numpy().view(bool),
            source=ItemsFile(path, self.test, self.labels),
            score_counts=dict(self.score_counts),
            tags=tags,
            test=self.test,
            ids=np.concatenate(self.id_chunks),
            parent_ids=np.concatenate(self.parent_chunks),
            transform=self.transform.numpy(),
            transform_names=tuple(self.transform_index),
            gold_digest=gold_digest,
            predicted_digest=predicted_digest,
        )


def read_item_columns(
    run_dir: Path, labels_by_test: Mapping[str, Sequence[str]]
) -> dict[str, ItemColumns]:
    """Every test's items of ``run_dir/items.jsonl`` as columns, reading one line at a time.

    A line that is not an item, or an id that repeats within a test, is one
    ``RunDirectoryError`` naming the file and line.
    """
    path = Path(run_dir) / ITEMS_FILE
    if not path.is_file():
        raise RunDirectoryError(f"{path}: missing; the run is incomplete")
    builders: dict[str, _ColumnsBuilder] = {}
    for number, line in read_jsonl_lines(path, RunDirectoryError):
        item = item_record(path, number, parse_item_line(path, number, line))
        builder = builders.get(item.test)
        if builder is None:
            builder = builders[item.test] = _ColumnsBuilder(
                item.test, labels_by_test.get(item.test, ())
            )
        builder.add(item)
    columns = {name: builder.finish(path) for name, builder in builders.items()}
    del builders
    _refuse_duplicates(path, columns)
    release_freed_memory()
    return columns


def _refuse_duplicates(path: Path, columns: Mapping[str, ItemColumns]) -> None:
    """The first line (in file order) whose id repeats an earlier one of its test."""
    repeated: dict[str, list[int]] = {}
    for name, test in columns.items():
        assert test.ids is not None  # the reader keeps every item's id
        ordered = np.sort(test.ids)
        if not (ordered[1:] == ordered[:-1]).any():
            continue  # the usual case, found without a permutation's memory
        del ordered
        order = np.argsort(test.ids, kind="stable")
        ordered = test.ids[order]
        rows = order[1:][ordered[1:] == ordered[:-1]]
        if len(rows):
            repeated[name] = [int(rows.min())]
    if not repeated:
        return
    lines = lines_of(path, repeated)
    (name, row), line = min(lines.items(), key=lambda entry: entry[1])
    item_id = columns[name].id_at(row)
    raise RunDirectoryError(f"{path}:{line}: duplicate item id '{item_id}' in test '{name}'")
