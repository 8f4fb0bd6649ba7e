"""One test's items as numpy columns: what metrics, slices and the gate read, and no more.

A million ``ItemResult`` objects take gigabytes; the same items as columns take tens of
bytes each. ``ItemColumns`` holds, per item: whether it is correct (-1 when it is not
scored), gold and predicted label codes, whether it has probabilities, whether the model
could not be asked (infrastructure error), each slice tag as codes into its sorted
values and, when the columns know them, the item's id, its parent's id and transform.
Per-item scores, the confidence and the probabilities are read through the columns'
``ColumnSource`` when a metric first asks for them: held in memory when the columns were
built from a run's items, read from items.jsonl when the gate read a run directory
(harness.results.item_file).

    columns = ItemColumns.from_items(items, labels)           # a small test, in memory
    builder = ColumnsBuilder(labels); builder.add(chunk)...    # a streamed test
    columns = builder.build()
    columns.subset(columns.scored)                             # the scored items
    columns.score("em")                                        # NaN where an item has none

Columns are built from anything with the item attributes metrics read (``correct``,
``gold``, ``predicted``, ``probabilities``, ``confidence``, ``scores``, ``tags``, and
``infra_error``, ``id``, ``parent_id``, ``transform`` when present): ``ItemResult`` in a
run, ``ItemRecord`` read back from items.jsonl.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import orjson

NOT_SCORED = -1
UNKNOWN_LABEL = -1
ABSENT = -1

__all__ = [
    "ABSENT",
    "NOT_SCORED",
    "UNKNOWN_LABEL",
    "ColumnSource",
    "ColumnsBuilder",
    "InMemoryColumns",
    "ItemColumns",
    "TagColumn",
    "value_digest",
]


class ColumnSource(Protocol):
    """Where the columns an ``ItemColumns`` does not hold are read, one column at a time.

    ``read("score:<key>")``: the score per item, NaN where an item has none (None when
    no item has it); ``read("confidence")``: float per item, NaN for none;
    ``read("probabilities")``: (items, labels) floats, rows of 0 without probabilities.
    ``records(rows)``: the whole items at ``rows`` (what an output shows of them).
    """

    def read(self, name: str) -> np.ndarray | None: ...

    def records(self, rows: np.ndarray) -> list[Any]: ...


@dataclass(frozen=True)
class TagColumn:
    """One tag key: ``codes[i]`` indexes ``values`` (``ABSENT`` where item i lacks the tag).

    Values are sorted, so code order is value order.
    """

    codes: np.ndarray
    values: tuple[Any, ...]


@dataclass(frozen=True, eq=False)  # arrays: identity, not element-wise equality
class ItemColumns:
    """The columns of one test's items (row i: item i, in the test's order)."""

    labels: tuple[str, ...]
    correct: np.ndarray  # int8: 1, 0, or NOT_SCORED
    gold: np.ndarray  # label codes (UNKNOWN_LABEL: none or not a label)
    predicted: np.ndarray  # label codes (UNKNOWN_LABEL: none or not a label)
    has_probabilities: np.ndarray  # bool
    infra_error: np.ndarray  # bool: the model could not be asked
    source: ColumnSource = field(repr=False)
    # How many items carry each score (-1: not counted, for a subset of some of them).
    score_counts: Mapping[str, int] = field(default_factory=dict, repr=False)
    tags: Mapping[str, TagColumn] = field(default_factory=dict, repr=False)
    # Cluster of each item (its ``cluster_by`` tag, else its id), when clustered.
    clusters: np.ndarray | None = None
    # Identities, where the columns were built with them (the gate pairs by them).
    test: str = ""
    ids: np.ndarray | None = None  # UTF-8 bytes ("S"): byte order is code point order
    parent_ids: np.ndarray | None = None  # UTF-8 bytes, b"" for none
    transform: np.ndarray | None = None  # codes into transform_names
    transform_names: tuple[str, ...] = ()
    # uint64 digests of gold / predicted values' JSON; None while every value is a label.
    gold_digest: np.ndarray | None = None
    predicted_digest: np.ndarray | None = None
    _loaded: dict[str, np.ndarray | None] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.correct)

    @classmethod
    def from_items(
        cls, items: Iterable[Any], labels: Sequence[str], cluster_by: str | None = None
    ) -> ItemColumns:
        """Columns of items held in memory, with their ids (the items are kept for
        ``records``)."""
        items = tuple(items)
        builder = ColumnsBuilder(labels, cluster_by, identities=True)
        builder.add(items)
        return builder.build(items)

    @property
    def scored(self) -> np.ndarray:
        """Mask of the items with a gold label and a prediction."""
        return self.correct != NOT_SCORED

    @property
    def score_names(self) -> frozenset[str]:
        return frozenset(self.score_counts)

    def score(self, key: str) -> np.ndarray | None:
        """Per-item score ``key``, NaN where an item has none; None if no item has one.

        Read from items.jsonl, it is stored in the narrowest float type that holds every
        value exactly (0/1 scores take two bytes): cast what you compute with to float64.
        """
        if key not in self.score_counts:
            return None
        return self._column("score:" + key)

    def confidence(self) -> np.ndarray:
        """Each item's confidence as float64, NaN where it has none."""
        column = self._column("confidence")
        assert column is not None
        return column

    def probabilities(self) -> np.ndarray:
        """(items, labels) probabilities over the test's labels; rows of 0 without any."""
        column = self._column("probabilities")
        assert column is not None
        return column

    def _column(self, name: str) -> np.ndarray | None:
        if name not in self._loaded:
            self._loaded[name] = self.source.read(name)
        return self._loaded[name]

    def tag_codes(self, name: str) -> np.ndarray | None:
        tag = self.tags.get(name)
        return None if tag is None else tag.codes

    def records(self, rows: np.ndarray) -> list[Any]:
        """The whole items at ``rows``."""
        return self.source.records(np.asarray(rows))

    def subset(self, mask: np.ndarray) -> ItemColumns:
        """The items where ``mask`` holds (a boolean mask or an index array), in order."""
        if mask.dtype == bool and bool(mask.all()):
            return self  # frozen: sharing is safe, and a million-item copy is not free
        positions = np.flatnonzero(mask) if mask.dtype == bool else np.asarray(mask)
        n = len(positions)

        def picked(column: np.ndarray | None) -> np.ndarray | None:
            return None if column is None else column[positions]

        return ItemColumns(
            labels=self.labels,
            correct=self.correct[positions],
            gold=self.gold[positions],
            predicted=self.predicted[positions],
            has_probabilities=self.has_probabilities[positions],
            infra_error=self.infra_error[positions],
            source=_Subset(self, positions),
            score_counts={
                name: n if count == len(self) else -1 for name, count in self.score_counts.items()
            },
            tags={key: TagColumn(t.codes[positions], t.values) for key, t in self.tags.items()},
            clusters=picked(self.clusters),
            test=self.test,
            ids=picked(self.ids),
            parent_ids=picked(self.parent_ids),
            transform=picked(self.transform),
            transform_names=self.transform_names,
            gold_digest=picked(self.gold_digest),
            predicted_digest=picked(self.predicted_digest),
        )

    # --- identities (the gate) ---------------------------------------------------------

    def id_at(self, row: int) -> str:
        assert self.ids is not None
        return bytes(self.ids[row]).decode("utf-8", "surrogatepass")

    def same_gold(self, rows: np.ndarray, other: ItemColumns, other_rows: np.ndarray) -> np.ndarray:
        """Whether each item's gold value equals the other run's at the paired row."""
        if self.gold_digest is None and other.gold_digest is None and self.labels == other.labels:
            # Every value on both sides is a label: equal codes, equal values.
            return self.gold[rows] == other.gold[other_rows]
        return self.gold_keys(rows) == other.gold_keys(other_rows)

    def gold_keys(self, rows: np.ndarray) -> np.ndarray:
        """Digests of the gold values at ``rows`` (equal digests: equal values)."""
        return self._keys(self.gold_digest, self.gold, rows)

    def predicted_keys(self, rows: np.ndarray) -> np.ndarray:
        return self._keys(self.predicted_digest, self.predicted, rows)

    def _keys(self, digest: np.ndarray | None, codes: np.ndarray, rows: np.ndarray) -> np.ndarray:
        if digest is not None:
            return digest[rows]
        by_label = np.array([value_digest(label) for label in self.labels] + [0], dtype=np.uint64)
        return by_label[codes[rows]]

    def tag_strings(self, name: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(UTF-8 values, present) of tag ``name`` for ``rows``."""
        tag = self.tags.get(name)
        if tag is None:
            return np.zeros(len(rows), dtype="S1"), np.zeros(len(rows), dtype=bool)
        picked = tag.codes[rows]
        vocabulary = np.array([str(v).encode("utf-8") for v in tag.values] or [b""])
        present = picked >= 0
        return vocabulary[np.where(present, picked, 0)], present

    def adaptive(self) -> np.ndarray:
        """Rows of variants found by attacking a particular model (``attack:<recipe>``)."""
        if self.transform is None:
            return np.zeros(len(self), dtype=bool)
        attacked = np.array(
            [name.startswith("attack:") for name in self.transform_names] or [False]
        )
        return attacked[self.transform]


def value_digest(value: Any) -> int:
    """A 64-bit digest of a gold or predicted value (a question's answers are one value)."""
    if isinstance(value, str):
        data = b"s" + value.encode("utf-8", "surrogatepass")
    else:
        try:
            data = b"j" + orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            data = b"r" + repr(value).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def sorted_tag_column(codes: np.ndarray, first_seen: Mapping[Any, int]) -> TagColumn:
    """Codes numbered in first-seen order, renumbered so that code order is value order."""
    values = sorted(first_seen, key=first_seen.__getitem__)
    order = sorted(range(len(values)), key=values.__getitem__)
    remap = np.empty(len(values) + 1, dtype=np.int32)
    remap[np.array(order, dtype=np.int64)] = np.arange(len(values), dtype=np.int32)
    remap[-1] = ABSENT  # absent stays absent (index -1 is the last slot)
    return TagColumn(remap[codes].astype(codes.dtype), tuple(values[i] for i in order))


class InMemoryColumns:
    """A ``ColumnSource`` holding its columns (and, when kept, the items themselves)."""

    def __init__(self, columns: Mapping[str, np.ndarray], items: Sequence[Any] | None) -> None:
        self._columns = dict(columns)
        self._items = items

    def read(self, name: str) -> np.ndarray | None:
        return self._columns.get(name)

    def records(self, rows: np.ndarray) -> list[Any]:
        if self._items is None:
            raise ValueError("these columns were built without their items")
        return [self._items[int(row)] for row in rows]


class _Subset:
    """The columns of some of another ``ItemColumns``' items, read through it."""

    def __init__(self, whole: ItemColumns, positions: np.ndarray) -> None:
        self._whole = whole
        self._positions = positions

    def read(self, name: str) -> np.ndarray | None:
        column = self._whole._column(name)
        return None if column is None else column[self._positions]

    def records(self, rows: np.ndarray) -> list[Any]:
        return self._whole.records(self._positions[rows])


class ColumnsBuilder:
    """Appends items chunk by chunk; ``build`` concatenates the chunks' columns.

    Tag values and score names may first appear in any chunk: codes index one table per
    key that grows as values appear, and a score column is back-filled as absent. With
    ``identities`` the columns also get ids, parents, transforms and value digests.
    """

    def __init__(
        self, labels: Sequence[str], cluster_by: str | None = None, *, identities: bool = False
    ) -> None:
        self.labels = tuple(labels)
        self.cluster_by = cluster_by
        self.identities = identities
        self._label_index = {label: i for i, label in enumerate(self.labels)}
        self._chunks: list[dict[str, np.ndarray]] = []
        self._score_chunks: dict[str, list[tuple[int, np.ndarray]]] = {}
        self._tag_chunks: dict[str, list[tuple[int, np.ndarray]]] = {}
        self._tag_values: dict[str, dict[Any, int]] = {}
        self._clusters: list[np.ndarray] = []
        self._transform_index: dict[str, int] = {}
        self._n = 0

    def add(self, items: Iterable[Any]) -> None:
        items = list(items)
        n = len(items)
        if n == 0:
            return
        k = len(self.labels)
        label_index = self._label_index
        correct = np.full(n, NOT_SCORED, dtype=np.int8)
        gold = np.full(n, UNKNOWN_LABEL, dtype=np.int32)
        predicted = np.full(n, UNKNOWN_LABEL, dtype=np.int32)
        probabilities = np.zeros((n, k))
        has_probabilities = np.zeros(n, dtype=bool)
        confidence = np.full(n, np.nan)
        infra_error = np.zeros(n, dtype=bool)
        scores: dict[str, np.ndarray] = {}
        tags: dict[str, np.ndarray] = {}
        for i, item in enumerate(items):
            if item.correct is not None:
                correct[i] = 1 if item.correct else 0
            if item.gold is not None:
                gold[i] = label_index.get(str(item.gold), UNKNOWN_LABEL)
            if item.predicted is not None:
                predicted[i] = label_index.get(str(item.predicted), UNKNOWN_LABEL)
            given = item.probabilities
            if given:
                has_probabilities[i] = True
                probabilities[i] = [given.get(label, 0.0) for label in self.labels]
            if item.confidence is not None:
                confidence[i] = item.confidence
            # Items built by hand (plugins, tests) may not say; no attribute: answered.
            infra_error[i] = getattr(item, "infra_error", None) is not None
            for name, value in item.scores.items():
                if name not in scores:
                    scores[name] = np.full(n, np.nan)
                scores[name][i] = float(value)
            for key, value in item.tags.items():
                if key not in tags:
                    tags[key] = np.full(n, ABSENT, dtype=np.int32)
                table = self._tag_values.setdefault(key, {})
                tags[key][i] = table.setdefault(value, len(table))
        chunk: dict[str, np.ndarray] = {
            "correct": correct,
            "gold": gold,
            "predicted": predicted,
            "probabilities": probabilities,
            "has_probabilities": has_probabilities,
            "confidence": confidence,
            "infra_error": infra_error,
        }
        if self.identities:
            chunk.update(self._identities(items))
        self._chunks.append(chunk)
        for name, values in scores.items():
            self._score_chunks.setdefault(name, []).append((self._n, values))
        for key, codes in tags.items():
            self._tag_chunks.setdefault(key, []).append((self._n, codes))
        if self.cluster_by is not None:
            self._clusters.append(
                np.array([item.tags.get(self.cluster_by, item.id) for item in items])
            )
        self._n += n

    def _identities(self, items: Sequence[Any]) -> dict[str, np.ndarray]:
        def utf8(value: str | None) -> bytes:
            return (value or "").encode("utf-8", "surrogatepass")

        transforms = []
        for item in items:
            name = getattr(item, "transform_name", None)
            if name is None:  # an ItemResult: its example's transform record
                record = getattr(getattr(item, "example", None), "transform", None)
                name = record.name if record is not None else ""
            transforms.append(self._transform_index.setdefault(name, len(self._transform_index)))
        return {
            "ids": np.array([utf8(item.id) for item in items], dtype=bytes),
            "parent_ids": np.array([utf8(_parent_id(item)) for item in items], dtype=bytes),
            "transform": np.array(transforms, dtype=np.int32),
            "gold_digest": np.array([value_digest(item.gold) for item in items], dtype=np.uint64),
            "predicted_digest": np.array(
                [value_digest(item.predicted) for item in items], dtype=np.uint64
            ),
        }

    def build(self, items: Sequence[Any] | None = None) -> ItemColumns:
        """The columns of every item added; the builder lets go of its chunks.

        ``items``: the items added, kept for ``ItemColumns.records``.
        """
        n, k = self._n, len(self.labels)

        def joined(name: str, empty: np.ndarray) -> np.ndarray:
            parts = [chunk[name] for chunk in self._chunks]
            return np.concatenate(parts) if parts else empty

        values: dict[str, np.ndarray] = {}
        counts: dict[str, int] = {}
        for name, parts in self._score_chunks.items():
            column = np.full(n, np.nan)
            for start, part in parts:
                column[start : start + len(part)] = part
            values["score:" + name] = column
            counts[name] = int(np.count_nonzero(~np.isnan(column)))
        values["confidence"] = joined("confidence", np.zeros(0))
        values["probabilities"] = joined("probabilities", np.zeros((0, k)))
        tags = {}
        for key, tag_parts in self._tag_chunks.items():
            codes = np.full(n, ABSENT, dtype=np.int32)
            for start, part in tag_parts:
                codes[start : start + len(part)] = part
            tags[key] = sorted_tag_column(codes, self._tag_values[key])
        clusters = None
        if self.cluster_by is not None:
            clusters = np.concatenate(self._clusters) if self._clusters else np.array([])
        identities: dict[str, Any] = {}
        if self.identities:
            identities = {
                "ids": joined("ids", np.zeros(0, dtype="S1")),
                "parent_ids": joined("parent_ids", np.zeros(0, dtype="S1")),
                "transform": joined("transform", np.zeros(0, dtype=np.int32)),
                "transform_names": tuple(self._transform_index),
            }
            for side in ("gold", "predicted"):
                codes = joined(side, np.zeros(0, dtype=np.int32))
                digest = joined(f"{side}_digest", np.zeros(0, dtype=np.uint64))
                by_label = np.array(
                    [value_digest(label) for label in self.labels] + [0], dtype=np.uint64
                )
                # Kept only where some value is not a label: otherwise the code says it all.
                if not np.array_equal(digest, by_label[codes]) or bool(np.any(codes < 0)):
                    identities[f"{side}_digest"] = digest
        columns = ItemColumns(
            labels=self.labels,
            correct=joined("correct", np.zeros(0, dtype=np.int8)),
            gold=joined("gold", np.zeros(0, dtype=np.int32)),
            predicted=joined("predicted", np.zeros(0, dtype=np.int32)),
            has_probabilities=joined("has_probabilities", np.zeros(0, dtype=bool)),
            infra_error=joined("infra_error", np.zeros(0, dtype=bool)),
            source=InMemoryColumns(values, items),
            score_counts=counts,
            tags=tags,
            clusters=clusters,
            **identities,
        )
        # Held twice (chunks and columns) only while building, never while metrics run.
        self._chunks, self._score_chunks, self._tag_chunks, self._clusters = [], {}, {}, []
        self._n = 0
        return columns


def _parent_id(item: Any) -> str | None:
    if hasattr(item, "parent_id"):
        return item.parent_id
    example = getattr(item, "example", None)
    return getattr(example, "parent_id", None)
