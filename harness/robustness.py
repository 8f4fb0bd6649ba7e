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
from harness.seeding import seed_label
from harness.stats import bootstrap_interval, wilson_interval

__all__ = [
    "Case",
    "accuracy_drop",
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
) -> MetricValue:
    """A proportion with a Wilson 95% CI (cluster bootstrap when cases are clustered)."""
    values = np.asarray(indicators, dtype=float)
    n = len(values)
    if n == 0:
        return MetricValue(float("nan"), None, None, 0, "wilson")
    value = float(values.mean())
    if clusters is not None:
        low, high = bootstrap_interval(
            np.mean, [values], resamples=resamples, seed=seed, clusters=clusters
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
) -> MetricValue:
    """A mean over cases: Wilson when every value is 0 or 1, percentile bootstrap otherwise."""
    array = np.asarray(values, dtype=float)
    if len(array) and np.all((array == 0) | (array == 1)):
        return proportion_metric(array, clusters=clusters, resamples=resamples, seed=seed)
    if len(array) == 0:
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    low, high = bootstrap_interval(
        np.mean, [array], resamples=resamples, seed=seed, clusters=clusters
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
) -> MetricValue:
    """``mean(first − second)`` with a paired bootstrap CI (the same cases in each resample)."""
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    value = accuracy_drop(a, b)
    if len(a) == 0:
        return MetricValue(value, None, None, 0, "paired-bootstrap-percentile")

    def difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
        return np.mean(x - y, axis=axis)

    low, high = bootstrap_interval(
        difference, [a, b], resamples=resamples, seed=seed, clusters=clusters
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

    def clusters_of(selected: Sequence[Case]) -> np.ndarray | None:
        if cluster_by is None:
            return None
        return np.array([c.original.tags.get(cluster_by, c.original.example.id) for c in selected])

    def keep(name: str, metric: MetricValue, out: dict[str, MetricValue]) -> None:
        if metric.n:
            out[name] = metric

    metrics: dict[str, MetricValue] = {}
    flips = flip_indicators(
        [c.original.predicted for c in cases], [[v.predicted for v in c.variants] for c in cases]
    )
    clusters = clusters_of(cases)
    flip = proportion_metric(
        flips, clusters=clusters, resamples=resamples, seed=seed_label(seed, "flip")
    )
    keep("flip_rate", flip, metrics)
    if flip.n:
        low = None if flip.ci_high is None else 1 - flip.ci_high
        high = None if flip.ci_low is None else 1 - flip.ci_low
        metrics["consistency"] = MetricValue(1 - flip.value, low, high, flip.n, flip.method)

    labeled = [
        c
        for c in cases
        if c.original.correct is not None and any(v.correct is not None for v in c.variants)
    ]
    original, perturbed = paired_accuracies(
        [c.original.correct for c in labeled], [[v.correct for v in c.variants] for c in labeled]
    )
    paired_clusters = clusters_of(labeled)
    keep(
        "accuracy_original",
        mean_metric(
            original,
            clusters=paired_clusters,
            resamples=resamples,
            seed=seed_label(seed, "original"),
        ),
        metrics,
    )
    keep(
        "accuracy_perturbed",
        mean_metric(
            perturbed,
            clusters=paired_clusters,
            resamples=resamples,
            seed=seed_label(seed, "perturbed"),
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
            seed=seed_label(seed, "drop"),
        ),
        metrics,
    )
    with_original = [c for c in cases if c.original.correct is not None]
    worst = worst_case_correct(
        [c.original.correct for c in with_original],
        [[v.correct for v in c.variants] for c in with_original],
    )
    keep(
        "worst_case_accuracy",
        mean_metric(
            worst,
            clusters=clusters_of(with_original),
            resamples=resamples,
            seed=seed_label(seed, "worst"),
        ),
        metrics,
    )
    if with_failure_rate:
        decided = [c for c in cases if c.passed is not None]
        fails = np.array([not c.passed for c in decided], dtype=bool)
        keep(
            "failure_rate",
            proportion_metric(
                fails,
                clusters=clusters_of(decided),
                resamples=resamples,
                seed=seed_label(seed, "fail"),
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
