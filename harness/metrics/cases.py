"""Cases: an original example with the variants a perturbation made of it, as columns.

Vocabulary (eval-methods.md §3): a *case* is one original with its variants. The
robustness metrics (harness.metrics.robustness) are computed over cases, not items:

* whether any variant's prediction differs from the original's (the case flipped);
* the original's correctness, and how many of its variants are labeled and correct;
* whether the case passed its checks (harness.kinds.expectations).

A run keeps its cases as ``CaseColumns`` (harness/kinds/perturbation_tally.py builds
them from ``Case`` objects); the gate rebuilds the paired cases of two runs from their
items (``paired_cases``): a variant's ``parent_id`` names its original.

>>> flip_indicators(["entailment", "neutral"], [["entailment"], ["neutral", "entailment"]])
array([False,  True])
>>> worst_case_correct([True, True, False], [[True], [False, True], [True]]).tolist()
[1.0, 0.0, 0.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from harness.core import ItemResult
from harness.metrics.base import PairedColumns
from harness.metrics.columns import ItemColumns

__all__ = [
    "Case",
    "CaseColumns",
    "PairedCases",
    "accuracy_drop",
    "flip_indicators",
    "paired_accuracies",
    "paired_cases",
    "worst_case_correct",
]

# --- per-case quantities ---------------------------------------------------------------


def flip_indicators(
    original_predictions: Sequence[str | None],
    variant_predictions: Sequence[Sequence[str | None]],
) -> np.ndarray:
    """Per case: does any variant's predicted label differ from the original's?"""
    return np.array(
        [
            any(variant != original for variant in variants)
            for original, variants in zip(original_predictions, variant_predictions, strict=True)
        ],
        dtype=bool,
    )


def worst_case_correct(
    original_correct: Sequence[bool | None],
    variant_correct: Sequence[Sequence[bool | None]],
) -> np.ndarray:
    """Per case: min correctness over {original} ∪ its labeled variants (HELM worst case).

    Unlabeled members (None) are left out; a case with no labeled member gives NaN.
    """
    values = []
    for original, variants in zip(original_correct, variant_correct, strict=True):
        members = [float(c) for c in (original, *variants) if c is not None]
        values.append(min(members) if members else float("nan"))
    return np.array(values, dtype=float)


def paired_accuracies(
    original_correct: Sequence[bool | None],
    variant_correct: Sequence[Sequence[bool | None]],
) -> tuple[np.ndarray, np.ndarray]:
    """Original correctness and mean variant correctness, over cases where both are labeled."""
    original, perturbed = [], []
    for orig, variants in zip(original_correct, variant_correct, strict=True):
        labeled = [float(c) for c in variants if c is not None]
        if orig is not None and labeled:
            original.append(float(orig))
            perturbed.append(float(np.mean(labeled)))
    return np.array(original, dtype=float), np.array(perturbed, dtype=float)


def accuracy_drop(
    original: Sequence[float] | np.ndarray, perturbed: Sequence[float] | np.ndarray
) -> float:
    """``mean(original) − mean(perturbed)`` over the same cases (positive = worse when perturbed)."""
    original_array, perturbed_array = np.asarray(original, float), np.asarray(perturbed, float)
    if original_array.shape != perturbed_array.shape:
        raise ValueError("accuracy_drop needs paired arrays of the same length")
    if len(original_array) == 0:
        return float("nan")
    return float(np.mean(original_array - perturbed_array))


@dataclass(frozen=True)
class Case:
    """One original with its variants, and whether its checks passed (None: no checks)."""

    original: ItemResult
    variants: tuple[ItemResult, ...]
    passed: bool | None = None


@dataclass(frozen=True)
class CaseColumns:
    """Cases as numpy columns: what the robustness metrics read, about 12 bytes a case.

    Row i is case i: whether any variant flipped the prediction, the original's
    correctness (1, 0, or -1 when unlabeled), how many variants are labeled and how many
    of those are correct, how many variants there are, whether the case passed its
    checks (1, 0, or -1 when filtered), and its cluster (``cluster_by`` tag, else the
    original's id) when cases are clustered. A large perturbation test keeps these
    instead of its items (harness/kinds/perturbation.py).
    """

    flipped: np.ndarray  # bool
    original_correct: np.ndarray  # int8
    labeled: np.ndarray  # int32: variants with a gold label
    correct: np.ndarray  # int32: labeled variants predicted correctly
    variants: np.ndarray  # int32: all variants
    passed: np.ndarray  # int8
    clusters: tuple[Any, ...] | None = None

    def __len__(self) -> int:
        return len(self.flipped)

    @classmethod
    def from_cases(cls, cases: Sequence[Case], cluster_by: str | None = None) -> CaseColumns:
        def code(value: bool | None) -> int:
            return -1 if value is None else int(value)

        return cls(
            flipped=flip_indicators(
                [c.original.predicted for c in cases],
                [[v.predicted for v in c.variants] for c in cases],
            ),
            original_correct=np.array([code(c.original.correct) for c in cases], dtype=np.int8),
            labeled=np.array(
                [sum(v.correct is not None for v in c.variants) for c in cases], dtype=np.int32
            ),
            correct=np.array(
                [sum(v.correct is True for v in c.variants) for c in cases], dtype=np.int32
            ),
            variants=np.array([len(c.variants) for c in cases], dtype=np.int32),
            passed=np.array([code(c.passed) for c in cases], dtype=np.int8),
            clusters=None
            if cluster_by is None
            else tuple(c.original.tags.get(cluster_by, c.original.example.id) for c in cases),
        )

    @classmethod
    def concat(cls, parts: Sequence[CaseColumns], clustered: bool) -> CaseColumns:
        def joined(name: str, dtype: Any) -> np.ndarray:
            arrays = [getattr(part, name) for part in parts]
            return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)

        return cls(
            flipped=joined("flipped", bool),
            original_correct=joined("original_correct", np.int8),
            labeled=joined("labeled", np.int32),
            correct=joined("correct", np.int32),
            variants=joined("variants", np.int32),
            passed=joined("passed", np.int8),
            clusters=tuple(c for part in parts for c in part.clusters or ()) if clustered else None,
        )

    def subset(self, selector: np.ndarray) -> CaseColumns:
        """The cases where a boolean mask holds, or at the given positions, in that order."""
        positions = np.flatnonzero(selector) if selector.dtype == bool else selector
        return CaseColumns(
            flipped=self.flipped[positions],
            original_correct=self.original_correct[positions],
            labeled=self.labeled[positions],
            correct=self.correct[positions],
            variants=self.variants[positions],
            passed=self.passed[positions],
            clusters=None
            if self.clusters is None
            else tuple(self.clusters[i] for i in positions.tolist()),
        )

    def cluster_ids(self, selector: np.ndarray) -> np.ndarray | None:
        """The clusters of the cases where ``selector`` holds, as the bootstrap takes them."""
        if self.clusters is None:
            return None
        # Built from the Python values, as a list of cases would build it (numpy picks
        # the array's type from exactly these values).
        return np.array([self.clusters[i] for i in np.flatnonzero(selector).tolist()])


@dataclass(frozen=True)
class PairedCases:
    """The cases both runs have, as each run's ``CaseColumns`` (row i: the same case).

    ``originals``: the position, among the pairs, of each case's original (its clusters
    are the case's).
    """

    base: CaseColumns
    candidate: CaseColumns
    originals: np.ndarray


def paired_cases(pairs: PairedColumns) -> PairedCases | None:
    """The cases of paired items: each paired variant joins its paired original.

    A variant flipped when its predicted value differs from its original's in the same
    run; its check is its ``passed`` score (none: filtered). None when no paired variant
    has its original among the pairs.
    """
    base, candidate = pairs.base, pairs.candidate
    if base.ids is None or base.parent_ids is None:
        return None
    parents = base.parent_ids[pairs.base_rows]
    is_variant = parents != b""
    if not is_variant.any():
        return None
    ids = base.ids[pairs.base_rows]
    originals = np.flatnonzero(~is_variant)
    order = originals[np.argsort(ids[originals], kind="stable")]
    sorted_ids = ids[order]
    variants = np.flatnonzero(is_variant)
    wanted = parents[variants]
    at = np.searchsorted(sorted_ids, wanted)
    inside = at < len(sorted_ids)
    found = np.zeros(len(variants), dtype=bool)
    found[inside] = sorted_ids[at[inside]] == wanted[inside]
    if not found.any():
        return None
    variants, parent_of = variants[found], order[at[found]]
    case_originals, case_of = np.unique(parent_of, return_inverse=True)
    return PairedCases(
        _side(base, pairs.base_rows, variants, parent_of, case_originals, case_of),
        _side(candidate, pairs.candidate_rows, variants, parent_of, case_originals, case_of),
        case_originals,
    )


def _side(
    columns: ItemColumns,
    rows: np.ndarray,
    variants: np.ndarray,
    parent_of: np.ndarray,
    case_originals: np.ndarray,
    case_of: np.ndarray,
) -> CaseColumns:
    """One run's cases, given the pairs' positions of the variants and their originals."""
    n = len(case_originals)
    variant_rows, parent_rows = rows[variants], rows[parent_of]
    flipped = columns.predicted_keys(variant_rows) != columns.predicted_keys(parent_rows)
    variant_correct = columns.correct[variant_rows]
    passed = columns.score("passed")
    checked = np.zeros(len(variants), dtype=bool)
    failed = np.zeros(len(variants), dtype=bool)
    if passed is not None:
        check = passed[variant_rows].astype(np.float64)
        checked, failed = ~np.isnan(check), check == 0.0

    def per_case(values: np.ndarray) -> np.ndarray:
        return np.bincount(case_of, weights=values.astype(np.float64), minlength=n)

    decided, fails = per_case(checked) > 0, per_case(failed) > 0
    return CaseColumns(
        flipped=per_case(flipped) > 0,
        original_correct=columns.correct[rows[case_originals]].astype(np.int8),
        labeled=per_case(variant_correct != -1).astype(np.int32),
        correct=per_case(variant_correct == 1).astype(np.int32),
        variants=np.bincount(case_of, minlength=n).astype(np.int32),
        passed=np.where(decided, np.where(fails, 0, 1), -1).astype(np.int8),
    )
