"""A run's items as compact per-test columns, read from items.jsonl as a stream.

The gate compares two runs of possibly millions of items. Holding every item as an
object costs kilobytes per item; the gate needs a few numbers per item: the id (to
pair), correctness, gold and predicted label codes, confidence, the per-item scores,
tag codes, the parent and transform of a variant, and whether the model failed to
answer. ``read_item_columns`` validates each line (the same one-line errors as every
reader of items.jsonl) and keeps only those, in numpy arrays, so memory grows by tens
of bytes per item instead of kilobytes. What an output shows of whole items (flipped
items, the values in an error message) is read back from the file by position.

Gold and predicted values are compared through a 64-bit digest of their JSON (a
question's list of answers is one value), and mapped to label codes for the metrics
that read labels.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from harness.errors import RunDirectoryError
from harness.files.jsonio import read_jsonl_lines
from harness.gate.itemfile import (
    lines_of,
    parse_item_line,
    release_freed_memory,
    rows_of_test,
)
from harness.results import ITEMS_FILE, item_record
from harness.results.records import ItemRecord

# Ids are gathered this many at a time before they become one fixed-width array.
_ID_CHUNK = 65_536

__all__ = ["ItemColumns", "read_item_columns"]


@dataclass(frozen=True, eq=False)  # arrays: identity, not element-wise equality
class ItemColumns:
    """One test's items in one run; row i is the test's i-th item in file order.

    ``correct`` is 1, 0 or -1 (no verdict); codes are -1 where a value is absent or not
    a label. Per-item scores and confidence are read when a metric first asks for them
    (``score``, ``confidence``), one column at a time, so a run's unused scores never
    occupy memory.
    """

    test: str
    labels: tuple[str, ...]
    ids: np.ndarray  # UTF-8 bytes ("S"): byte order is code point order, as for str
    correct: np.ndarray  # int8
    gold_code: np.ndarray  # index of str(gold) in the test's labels
    predicted_code: np.ndarray
    # uint64 digests of the values' JSON; None while every value is a label (the code says it all).
    gold_digest: np.ndarray | None
    predicted_digest: np.ndarray | None
    has_probabilities: np.ndarray  # bool
    infra_error: np.ndarray  # bool
    parent_ids: np.ndarray  # UTF-8 bytes, b"" for none
    transform: np.ndarray  # codes into transform_names
    transform_names: tuple[str, ...]
    score_names: frozenset[str]
    # How many items carry each score (all of them, usually: no need to read it to know).
    score_counts: Mapping[str, int] = field(repr=False)
    tags: Mapping[str, np.ndarray] = field(repr=False)  # codes into tag_values[field]
    tag_values: Mapping[str, tuple[str, ...]] = field(repr=False)
    # Where the items can be read back: the items file, or (runs built in memory) the records.
    source: Path | None = None
    records: tuple[ItemRecord, ...] | None = field(default=None, repr=False)
    _loaded: dict[str, np.ndarray | None] = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_items(
        cls, test: str, items: Iterable[ItemRecord], labels: Sequence[str]
    ) -> ItemColumns:
        """Columns of items held in memory (a run built by a program rather than read)."""
        builder = _ColumnsBuilder(test, labels)
        records = tuple(items)
        for record in records:
            builder.add(record)
        return builder.finish(source=None, records=records)

    def id_at(self, row: int) -> str:
        return bytes(self.ids[row]).decode("utf-8", "surrogatepass")

    def same_gold(self, rows: np.ndarray, other: ItemColumns, other_rows: np.ndarray) -> np.ndarray:
        """Whether each item's gold value equals the other run's at the paired row."""
        if self.gold_digest is None and other.gold_digest is None and self.labels == other.labels:
            # Every value on both sides is a label: equal codes, equal values.
            return self.gold_code[rows] == other.gold_code[other_rows]
        return self.gold_keys(rows) == other.gold_keys(other_rows)

    def gold_keys(self, rows: np.ndarray) -> np.ndarray:
        """Digests of the gold values at ``rows`` (equal digests: equal values)."""
        return self._keys(self.gold_digest, self.gold_code, rows)

    def predicted_keys(self, rows: np.ndarray) -> np.ndarray:
        return self._keys(self.predicted_digest, self.predicted_code, rows)

    def _keys(self, digest: np.ndarray | None, codes: np.ndarray, rows: np.ndarray) -> np.ndarray:
        if digest is not None:
            return digest[rows]
        by_label = np.array([_digest(label) for label in self.labels] + [0], dtype=np.uint64)
        return by_label[codes[rows]]

    def score(self, key: str) -> np.ndarray | None:
        """Per-item score ``key``, NaN where an item has none; None if no item has one.

        Stored in the narrowest float type that holds every value exactly (0/1 scores
        take two bytes); cast what you index to float64.
        """
        if key not in self.score_names:
            return None
        name = "score:" + key
        if name not in self._loaded:
            self._loaded[name] = self._read_column(
                lambda item: item.scores.get(key), _score_of(key)
            )
            release_freed_memory()  # the pass over the file
        return self._loaded[name]

    def confidence(self) -> np.ndarray:
        """Each item's confidence as float64, NaN where it has none."""
        if "confidence" not in self._loaded:
            self._loaded["confidence"] = self._read_column(
                lambda item: item.confidence, _confidence, exact_narrowing=False
            )
            release_freed_memory()
        column = self._loaded["confidence"]
        assert column is not None
        return column

    def _read_column(
        self, from_record: Any, from_json: Any, *, exact_narrowing: bool = True
    ) -> np.ndarray:
        chunks: list[np.ndarray] = []
        values = array("d")

        def flush() -> None:
            nonlocal values
            column = np.frombuffer(values, dtype=np.float64).copy() if len(values) else np.zeros(0)
            chunks.append(_narrowest_float(column) if exact_narrowing else column)
            values = array("d")

        if self.records is not None or self.source is None:
            for record in self.records or ():
                value = from_record(record)
                values.append(np.nan if value is None else float(value))
                if len(values) == _CHUNK:
                    flush()
        else:
            for row in rows_of_test(self.source, self.test):
                value = from_json(row)
                values.append(np.nan if value is None else value)
                if len(values) == _CHUNK:
                    flush()
        flush()
        return np.concatenate(chunks)

    def tag_strings(self, name: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(UTF-8 values, present) of tag ``name`` for ``rows``."""
        codes = self.tags.get(name)
        if codes is None:
            return np.zeros(len(rows), dtype="S1"), np.zeros(len(rows), dtype=bool)
        picked = codes[rows]
        vocabulary = np.array([v.encode("utf-8") for v in self.tag_values[name]] or [b""])
        present = picked >= 0
        return vocabulary[np.where(present, picked, 0)], present

    def adaptive(self) -> np.ndarray:
        """Rows of variants found by attacking a particular model (``attack:<recipe>``)."""
        attacked = np.array(
            [name.startswith("attack:") for name in self.transform_names] or [False]
        )
        return attacked[self.transform]


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


def _digest(value: Any) -> int:
    if isinstance(value, str):
        data = b"s" + value.encode("utf-8", "surrogatepass")
    else:
        try:
            data = b"j" + orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            data = b"r" + repr(value).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


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
            by_label = [_digest(label) for label in self.labels]
            self.digests = _Chunked("Q")
            for earlier in self.codes.numpy()[:-1]:
                self.digests.append(by_label[earlier])
        if self.digests is not None:
            self.digests.append(_digest(value))

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

    def finish(
        self, source: Path | None, records: tuple[ItemRecord, ...] | None = None
    ) -> ItemColumns:
        self._flush_ids()
        tags = {}
        tag_values = {}
        for key, codes in self.tags.items():
            # Codes renumbered so that code order is value order (slices are listed sorted).
            values = sorted(self.tag_index[key], key=self.tag_index[key].__getitem__)
            order = sorted(range(len(values)), key=values.__getitem__)
            remap = np.empty(len(values) + 1, dtype=np.int32)
            remap[np.array(order, dtype=np.int64)] = np.arange(len(values), dtype=np.int32)
            remap[-1] = -1  # absent stays absent (index -1 is the last slot)
            narrow = codes.numpy()
            tags[key] = remap[narrow].astype(narrow.dtype)
            del narrow
            tag_values[key] = tuple(values[i] for i in order)
        gold_code, gold_digest = self.gold.finish()
        predicted_code, predicted_digest = self.predicted.finish()
        return ItemColumns(
            test=self.test,
            labels=self.labels,
            ids=np.concatenate(self.id_chunks),
            correct=self.correct.numpy(),
            gold_code=gold_code,
            predicted_code=predicted_code,
            gold_digest=gold_digest,
            predicted_digest=predicted_digest,
            has_probabilities=self.has_probabilities.numpy().view(bool),
            infra_error=self.infra_error.numpy().view(bool),
            parent_ids=np.concatenate(self.parent_chunks),
            transform=self.transform.numpy(),
            transform_names=tuple(self.transform_index),
            score_names=frozenset(self.score_counts),
            score_counts=dict(self.score_counts),
            tags=tags,
            tag_values=tag_values,
            source=source,
            records=records,
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
