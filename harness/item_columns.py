"""One test's scored items as numpy columns: what metrics and slices read, and no more.

A million ``ItemResult`` objects take gigabytes; the same items as columns take about
50 bytes each. ``ItemColumns`` holds, per item: whether it is correct (-1 when it is
not scored), gold and predicted label codes, probabilities over the test's labels,
the confidence, each per-item score with its presence, each slice tag as codes into
its values, and whether the model could not be asked (infrastructure error).

    columns = ItemColumns.from_items(items, labels)          # small tests
    builder = ColumnsBuilder(labels); builder.add(chunk)...   # streamed tests
    columns = builder.build()
    columns.subset(columns.correct >= 0)                      # the scored items

Columns are built from anything with the item attributes metrics read (``correct``,
``gold``, ``predicted``, ``probabilities``, ``confidence``, ``scores``, ``tags``,
``infra_error``): ``ItemResult`` in a run, ``ItemRecord`` read back from items.jsonl.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

NOT_SCORED = -1
UNKNOWN_LABEL = -1
ABSENT = -1


@dataclass(frozen=True)
class TagColumn:
    """One tag key: ``codes[i]`` indexes ``values`` (``ABSENT`` where item i lacks the tag)."""

    codes: np.ndarray
    values: tuple[Any, ...]


@dataclass(frozen=True)
class ItemColumns:
    """The columns of one test's items (row i: item i, in the test's order)."""

    labels: tuple[str, ...]
    correct: np.ndarray  # int8: 1, 0, or NOT_SCORED
    gold: np.ndarray  # int32 label codes (UNKNOWN_LABEL: none or not a label)
    predicted: np.ndarray  # int32 label codes (UNKNOWN_LABEL: none or not a label)
    probabilities: np.ndarray  # float64 (n, labels); rows without probabilities are 0
    has_probabilities: np.ndarray  # bool
    confidence: np.ndarray  # float64, NaN where the item has none
    infra_error: np.ndarray  # bool: the model could not be asked
    scores: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    tags: dict[str, TagColumn] = field(default_factory=dict)
    # Cluster of each item (its ``cluster_by`` tag, else its id), when clustered.
    clusters: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.correct)

    @property
    def scored(self) -> np.ndarray:
        """Mask of the items with a gold label and a prediction."""
        return self.correct != NOT_SCORED

    def subset(self, mask: np.ndarray) -> ItemColumns:
        """The items where ``mask`` holds (a boolean mask or an index array), in order."""
        if mask.dtype == bool and bool(mask.all()):
            return self  # frozen: sharing is safe, and a million-item copy is not free
        return ItemColumns(
            labels=self.labels,
            correct=self.correct[mask],
            gold=self.gold[mask],
            predicted=self.predicted[mask],
            probabilities=self.probabilities[mask],
            has_probabilities=self.has_probabilities[mask],
            confidence=self.confidence[mask],
            infra_error=self.infra_error[mask],
            scores={name: (v[mask], p[mask]) for name, (v, p) in self.scores.items()},
            tags={key: TagColumn(t.codes[mask], t.values) for key, t in self.tags.items()},
            clusters=None if self.clusters is None else self.clusters[mask],
        )

    @classmethod
    def from_items(
        cls, items: Iterable[Any], labels: Sequence[str], cluster_by: str | None = None
    ) -> ItemColumns:
        builder = ColumnsBuilder(labels, cluster_by)
        builder.add(items)
        return builder.build()


class ColumnsBuilder:
    """Appends items chunk by chunk; ``build`` concatenates the chunks' columns.

    Tag values and score names may first appear in any chunk: codes index one table per
    key that grows as values appear, and a score column is back-filled as absent.
    """

    def __init__(self, labels: Sequence[str], cluster_by: str | None = None) -> None:
        self.labels = tuple(labels)
        self.cluster_by = cluster_by
        self._label_index = {label: i for i, label in enumerate(self.labels)}
        self._chunks: list[dict[str, np.ndarray]] = []
        self._score_chunks: dict[str, list[tuple[int, np.ndarray, np.ndarray]]] = {}
        self._tag_chunks: dict[str, list[tuple[int, np.ndarray]]] = {}
        self._tag_values: dict[str, dict[Any, int]] = {}
        self._clusters: list[np.ndarray] = []
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
        scores: dict[str, tuple[np.ndarray, np.ndarray]] = {}
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
                    scores[name] = (np.zeros(n), np.zeros(n, dtype=bool))
                scores[name][0][i] = float(value)
                scores[name][1][i] = True
            for key, value in item.tags.items():
                if key not in tags:
                    tags[key] = np.full(n, ABSENT, dtype=np.int32)
                table = self._tag_values.setdefault(key, {})
                tags[key][i] = table.setdefault(value, len(table))
        self._chunks.append(
            {
                "correct": correct,
                "gold": gold,
                "predicted": predicted,
                "probabilities": probabilities,
                "has_probabilities": has_probabilities,
                "confidence": confidence,
                "infra_error": infra_error,
            }
        )
        for name, (values, present) in scores.items():
            self._score_chunks.setdefault(name, []).append((self._n, values, present))
        for key, codes in tags.items():
            self._tag_chunks.setdefault(key, []).append((self._n, codes))
        if self.cluster_by is not None:
            self._clusters.append(
                np.array([item.tags.get(self.cluster_by, item.id) for item in items])
            )
        self._n += n

    def build(self) -> ItemColumns:
        """The columns of every item added; the builder lets go of its chunks."""
        n, k = self._n, len(self.labels)

        def joined(name: str, empty: np.ndarray) -> np.ndarray:
            parts = [chunk[name] for chunk in self._chunks]
            return np.concatenate(parts) if parts else empty

        scores = {}
        for name, parts in self._score_chunks.items():
            values, present = np.zeros(n), np.zeros(n, dtype=bool)
            for start, part_values, part_present in parts:
                values[start : start + len(part_values)] = part_values
                present[start : start + len(part_present)] = part_present
            scores[name] = (values, present)
        tags = {}
        for key, tag_parts in self._tag_chunks.items():
            codes = np.full(n, ABSENT, dtype=np.int32)
            for start, part in tag_parts:
                codes[start : start + len(part)] = part
            tags[key] = TagColumn(codes, tuple(self._tag_values[key]))
        clusters = None
        if self.cluster_by is not None:
            clusters = np.concatenate(self._clusters) if self._clusters else np.array([])
        columns = ItemColumns(
            labels=self.labels,
            correct=joined("correct", np.zeros(0, dtype=np.int8)),
            gold=joined("gold", np.zeros(0, dtype=np.int32)),
            predicted=joined("predicted", np.zeros(0, dtype=np.int32)),
            probabilities=joined("probabilities", np.zeros((0, k))),
            has_probabilities=joined("has_probabilities", np.zeros(0, dtype=bool)),
            confidence=joined("confidence", np.zeros(0)),
            infra_error=joined("infra_error", np.zeros(0, dtype=bool)),
            scores=scores,
            tags=tags,
            clusters=clusters,
        )
        # Held twice (chunks and columns) only while building, never while metrics run.
        self._chunks, self._score_chunks, self._tag_chunks, self._clusters = [], {}, {}, []
        self._n = 0
        return columns
