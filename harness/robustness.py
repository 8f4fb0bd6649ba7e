"""Robustness metrics: pure functions over predictions of originals and their variants.

Vocabulary (eval-methods.md §3): a *case* is one original example with the variants a
perturbation made from it. Over cases:

* ``flip_rate`` = mean over cases of [∃ variant whose prediction ≠ the original's]
  (label-free); ``consistency`` = 1 − flip rate;
* ``accuracy_original`` / ``accuracy_perturbed`` on the same cases (a case's perturbed
  accuracy is the mean over its labeled variants), ``accuracy_drop`` = their paired
  difference, with a paired bootstrap CI over cases;
* ``worst_case_accuracy`` (HELM) = mean over cases of min correctness over
  {original} ∪ variants;
* ``failure_rate`` (CheckList) = fails / (cases − filtered): a case fails when any of
  its checks fails; a check returns True (pass), False (fail) or None (filtered).

Checks (CheckList expectations as small pure functions): ``invariance_check`` (INV, with
a probability tolerance), ``monotonic_check`` (DIR monotonic), ``label_check`` (the
variant's prediction must be a given label).

>>> flip_indicators(["entailment", "neutral"], [["entailment"], ["neutral", "entailment"]])
array([False,  True])
>>> worst_case_correct([True, True, False], [[True], [False, True], [True]]).tolist()
[1.0, 0.0, 0.0]
>>> failure_rate([True, False, None, True])
(0.3333333333333333, 1, 3, 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from harness.core import ItemResult
from harness.execution import MetricValue
from harness.resampling import IntervalPlan, bootstrap, on_one_draw, weighted_mean
from harness.seeding import seed_label
from harness.stats import wilson_interval

__all__ = [
    "Case",
    "CaseColumns",
    "accuracy_drop",
    "case_metrics",
    "case_outcome",
    "failure_rate",
    "flip_indicators",
    "invariance_check",
    "label_check",
    "mean_metric",
    "metric_json",
    "monotonic_check",
    "paired_accuracies",
    "paired_difference_metric",
    "proportion_metric",
    "robustness_metrics",
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


# --- checks (CheckList expectations) -------------------------------------------------------


def label_check(variant_prediction: str | None, expected: str) -> bool:
    """MFT/DIR-to-label: the variant must be predicted as ``expected``."""
    return variant_prediction == expected


def invariance_check(
    original_prediction: str | None,
    original_scores: Mapping[str, float] | None,
    variant_prediction: str | None,
    variant_scores: Mapping[str, float] | None,
    tolerance: float = 0.0,
) -> bool:
    """INV: the prediction must not change.

    With ``tolerance`` > 0 a changed prediction still passes when the probability of the
    original's predicted label moved by at most ``tolerance`` (a near-tie flipping over).
    """
    if variant_prediction == original_prediction:
        return True
    if tolerance <= 0 or original_scores is None or variant_scores is None:
        return False
    label = original_prediction or ""
    moved = abs(variant_scores.get(label, 0.0) - original_scores.get(label, 0.0))
    return moved <= tolerance + 1e-12


def monotonic_check(
    original_scores: Mapping[str, float] | None,
    variant_scores: Mapping[str, float] | None,
    label: str,
    direction: Literal["increasing", "decreasing"],
    tolerance: float = 0.0,
) -> bool | None:
    """DIR monotonic: ``label``'s probability must not move the wrong way by more than ``tolerance``.

    None (filtered) when the model gave no probabilities.
    """
    if original_scores is None or variant_scores is None:
        return None
    change = variant_scores.get(label, 0.0) - original_scores.get(label, 0.0)
    if direction == "increasing":
        return change >= -tolerance - 1e-12
    return change <= tolerance + 1e-12


def case_outcome(checks: Sequence[bool | None]) -> bool | None:
    """A case passes only if all its checks pass; None (filtered) when every check is None."""
    decided = [check for check in checks if check is not None]
    if not decided:
        return None
    return all(decided)


def failure_rate(outcomes: Sequence[bool | None]) -> tuple[float, int, int, int]:
    """``(fails / (cases − filtered), fails, cases − filtered, filtered)`` (CheckList)."""
    filtered = sum(outcome is None for outcome in outcomes)
    considered = len(outcomes) - filtered
    fails = sum(outcome is False for outcome in outcomes)
    rate = fails / considered if considered else float("nan")
    return rate, fails, considered, filtered


# --- metric values with confidence intervals -----------------------------------------------


def proportion_metric(
    indicators: Sequence[bool] | np.ndarray,
    *,
    clusters: np.ndarray | None = None,
    resamples: int = 2000,
    seed: int | str = 0,
    plan: IntervalPlan | None = None,
) -> MetricValue:
    """A proportion with a Wilson 95% CI (cluster bootstrap when cases are clustered)."""
    values = np.asarray(indicators, dtype=float)
    n = len(values)
    if n == 0:
        return MetricValue(float("nan"), None, None, 0, "wilson")
    value = float(values.mean())
    if clusters is not None:
        low, high = bootstrap(
            n, weighted_mean(values), resamples=resamples, seed=seed, clusters=clusters, plan=plan
        )
        return MetricValue(value, low, high, n, "cluster-bootstrap-percentile")
    low, high = wilson_interval(int(values.sum()), n)
    return MetricValue(value, low, high, n, "wilson")


def mean_metric(
    values: Sequence[float] | np.ndarray,
    *,
    clusters: np.ndarray | None = None,
    resamples: int = 2000,
    seed: int | str = 0,
    plan: IntervalPlan | None = None,
) -> MetricValue:
    """A mean over cases: Wilson when every value is 0 or 1, percentile bootstrap otherwise."""
    array = np.asarray(values, dtype=float)
    if len(array) and np.all((array == 0) | (array == 1)):
        return proportion_metric(
            array, clusters=clusters, resamples=resamples, seed=seed, plan=plan
        )
    if len(array) == 0:
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    low, high = bootstrap(
        len(array),
        weighted_mean(array),
        resamples=resamples,
        seed=seed,
        clusters=clusters,
        plan=plan,
    )
    method = "cluster-bootstrap-percentile" if clusters is not None else "bootstrap-percentile"
    return MetricValue(float(array.mean()), low, high, len(array), method)


def paired_difference_metric(
    first: Sequence[float] | np.ndarray,
    second: Sequence[float] | np.ndarray,
    *,
    clusters: np.ndarray | None = None,
    resamples: int = 2000,
    seed: int | str = 0,
    plan: IntervalPlan | None = None,
) -> MetricValue:
    """``mean(first − second)`` with a paired bootstrap CI (the same cases in each resample)."""
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    value = accuracy_drop(a, b)
    if len(a) == 0:
        return MetricValue(value, None, None, 0, "paired-bootstrap-percentile")
    # The mean of the differences on a resample is the difference of the means on it.
    low, high = bootstrap(
        len(a), weighted_mean(a - b), resamples=resamples, seed=seed, clusters=clusters, plan=plan
    )
    method = (
        "cluster-bootstrap-percentile" if clusters is not None else "paired-bootstrap-percentile"
    )
    return MetricValue(value, low, high, len(a), method)


# --- everything for a set of cases ---------------------------------------------------------


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


def robustness_metrics(
    cases: Sequence[Case],
    *,
    with_failure_rate: bool,
    cluster_by: str | None = None,
    resamples: int = 2000,
    seed: int | str = 0,
) -> dict[str, MetricValue]:
    """All robustness metrics over ``cases`` (each case has at least one variant).

    Metrics whose sample is empty are left out rather than reported as NaN.
    """
    cases = [case for case in cases if case.variants]
    return case_metrics(
        CaseColumns.from_cases(cases, cluster_by),
        with_failure_rate=with_failure_rate,
        resamples=resamples,
        seed=seed,
    )


def case_metrics(
    columns: CaseColumns,
    *,
    with_failure_rate: bool,
    resamples: int = 2000,
    seed: int | str = 0,
) -> dict[str, MetricValue]:
    """``robustness_metrics`` over cases given as columns (every case has a variant).

    Every interval is drawn on the test's resamples, once (``on_one_draw``): the
    accuracies before and after, the drop and the worst case see the same cases in
    each resample, so their intervals agree with one another.
    """
    return on_one_draw(
        lambda plan: _case_metrics(
            columns,
            with_failure_rate=with_failure_rate,
            resamples=resamples,
            seed=seed_label(seed, "cases"),
            plan=plan,
        )
    )


def _case_metrics(
    columns: CaseColumns,
    *,
    with_failure_rate: bool,
    resamples: int,
    seed: str,
    plan: IntervalPlan,
) -> dict[str, MetricValue]:
    def keep(name: str, metric: MetricValue, out: dict[str, MetricValue]) -> None:
        if metric.n:
            out[name] = metric

    everything = np.ones(len(columns), dtype=bool)
    metrics: dict[str, MetricValue] = {}
    flip = proportion_metric(
        columns.flipped,
        clusters=columns.cluster_ids(everything),
        resamples=resamples,
        seed=seed,
        plan=plan,
    )
    keep("flip_rate", flip, metrics)
    if flip.n:
        low = None if flip.ci_high is None else 1 - flip.ci_high
        high = None if flip.ci_low is None else 1 - flip.ci_low
        metrics["consistency"] = MetricValue(1 - flip.value, low, high, flip.n, flip.method)

    # Paired accuracies: cases whose original and at least one variant are labeled; a
    # case's perturbed accuracy is the mean over its labeled variants (k / n is the
    # same float as the mean of k ones and n - k zeros).
    paired = (columns.original_correct >= 0) & (columns.labeled > 0)
    original = columns.original_correct[paired].astype(float)
    perturbed = columns.correct[paired] / columns.labeled[paired]
    paired_clusters = columns.cluster_ids(paired)
    keep(
        "accuracy_original",
        mean_metric(
            original,
            clusters=paired_clusters,
            resamples=resamples,
            seed=seed,
            plan=plan,
        ),
        metrics,
    )
    keep(
        "accuracy_perturbed",
        mean_metric(
            perturbed,
            clusters=paired_clusters,
            resamples=resamples,
            seed=seed,
            plan=plan,
        ),
        metrics,
    )
    keep(
        "accuracy_drop",
        paired_difference_metric(
            original,
            perturbed,
            clusters=paired_clusters,
            resamples=resamples,
            seed=seed,
            plan=plan,
        ),
        metrics,
    )
    # Worst case over {original} ∪ labeled variants, on cases with a labeled original.
    with_original = columns.original_correct >= 0
    worst = np.where(
        (columns.original_correct == 1) & (columns.correct == columns.labeled), 1.0, 0.0
    )[with_original]
    keep(
        "worst_case_accuracy",
        mean_metric(
            worst,
            clusters=columns.cluster_ids(with_original),
            resamples=resamples,
            seed=seed,
            plan=plan,
        ),
        metrics,
    )
    if with_failure_rate:
        decided = columns.passed >= 0
        keep(
            "failure_rate",
            proportion_metric(
                columns.passed[decided] == 0,
                clusters=columns.cluster_ids(decided),
                resamples=resamples,
                seed=seed,
                plan=plan,
            ),
            metrics,
        )
    return metrics


def metric_json(metric: MetricValue | None) -> dict[str, Any] | None:
    """``MetricValue.to_json`` with NaN as None (sections are JSON, and JSON has no NaN)."""
    if metric is None:
        return None
    data = metric.to_json()
    for key in ("value", "ci_low", "ci_high"):
        value = data[key]
        if isinstance(value, float) and value != value:
            data[key] = None
    return data
