"""What every form of a metric shares: its context (resamples, seed, clusters), the
test's bootstrap interval, and the vectorised statistics the point values and the gate use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from harness.resampling import IntervalPlan, WeightedStatistic, bootstrap

ECE_BINS = 10


@dataclass(frozen=True)
class MetricContext:
    resamples: int = 2000
    seed: int | str = 0
    cluster_by: str | None = None
    # Set while a test's headline metrics are computed: their bootstrap intervals are
    # then drawn once, on the same resamples (harness.resampling).
    plan: IntervalPlan | None = field(default=None, compare=False, repr=False)


def metric_interval(
    context: MetricContext, n: int, statistic: WeightedStatistic, clusters: np.ndarray | None
) -> tuple[float, float]:
    """A metric's percentile bootstrap interval: the test's resamples (seeded by the
    test, not the metric, so every metric of a test sees the same ones)."""
    return bootstrap(
        n,
        statistic,
        resamples=context.resamples,
        seed=context.seed,
        clusters=clusters,
        plan=context.plan,
    )


def macro_f1_from_codes(
    gold: np.ndarray, predicted: np.ndarray, n_labels: int, axis: int = -1
) -> np.ndarray:
    """Macro-F1 over the last axis, vectorised for the bootstrap.

    Matches ``sklearn.metrics.f1_score(average="macro", labels=range(n_labels),
    zero_division=0)`` on every row (checked in tests/test_metrics.py).
    """
    gold = np.moveaxis(np.asarray(gold), axis, -1)
    predicted = np.moveaxis(np.asarray(predicted), axis, -1)
    scores = []
    for label in range(n_labels):
        is_gold = gold == label
        is_predicted = predicted == label
        true_positive = np.sum(is_gold & is_predicted, axis=-1)
        denominator = np.sum(is_gold, axis=-1) + np.sum(is_predicted, axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = np.where(denominator > 0, 2 * true_positive / np.maximum(denominator, 1), 0.0)
        scores.append(f1)
    return np.mean(scores, axis=0)


def ece_from_arrays(
    confidence: np.ndarray, correct: np.ndarray, n_bins: int = ECE_BINS, axis: int = -1
) -> np.ndarray:
    """ECE with equal-mass bins over the last axis (vectorised for the bootstrap).

    Items are sorted by confidence and cut into ``n_bins`` groups of (nearly) equal
    size, as ``np.array_split`` does; ECE = Σ_b (|B_b|/n)·|acc(B_b) − conf(B_b)|.
    """
    confidence = np.moveaxis(np.asarray(confidence, dtype=float), axis, -1)
    correct = np.moveaxis(np.asarray(correct, dtype=float), axis, -1)
    n = confidence.shape[-1]
    order = np.argsort(confidence, axis=-1, kind="stable")
    confidence = np.take_along_axis(confidence, order, axis=-1)
    correct = np.take_along_axis(correct, order, axis=-1)
    total = np.zeros(confidence.shape[:-1])
    for chunk in np.array_split(np.arange(n), min(n_bins, n)):
        if len(chunk) == 0:
            continue
        gap = np.abs(correct[..., chunk].mean(axis=-1) - confidence[..., chunk].mean(axis=-1))
        total = total + gap * len(chunk) / n
    return total
