"""Metrics over per-item results: pure functions, scikit-learn for the arithmetic.

Two kinds, told apart by the ``table`` attribute:

* headline metrics return a ``MetricValue`` (value, 95% CI, n): ``accuracy``
  (Wilson), ``macro_f1``, ``ece``, ``brier`` (percentile bootstrap over items, or
  over clusters when the test declares ``cluster_by``);
* table metrics return JSON-ready structures: ``per_class``, ``confusion_matrix``,
  ``calibration`` (ECE with 10 equal-mass bins, Brier, reliability diagram).

Signature: ``metric(items, labels, context: MetricContext)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from harness.core import ItemResult
from harness.execution import MetricValue
from harness.stats import bootstrap_interval, wilson_interval

ECE_BINS = 10


@dataclass(frozen=True)
class MetricContext:
    resamples: int = 2000
    seed: int | str = 0
    cluster_by: str | None = None


def _scored(items: Sequence[ItemResult]) -> list[ItemResult]:
    """Items with a gold label and a prediction (unlabeled variants are not scored)."""
    return [item for item in items if item.correct is not None]


def _clusters(items: Sequence[ItemResult], context: MetricContext) -> np.ndarray | None:
    if context.cluster_by is None:
        return None
    return np.array([item.tags.get(context.cluster_by, item.example.id) for item in items])


def _label_codes(
    items: Sequence[ItemResult], labels: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    index = {label: i for i, label in enumerate(labels)}
    gold = np.array([index[str(item.gold)] for item in items], dtype=np.int64)
    predicted = np.array([index.get(str(item.predicted), -1) for item in items], dtype=np.int64)
    return gold, predicted


def _probabilities(items: Sequence[ItemResult], labels: Sequence[str]) -> np.ndarray | None:
    rows = [item.prediction.scores for item in items]
    if not rows or any(scores is None for scores in rows):
        return None
    return np.array([[scores.get(label, 0.0) for label in labels] for scores in rows if scores])


# --- headline metrics -----------------------------------------------------------------


def accuracy_metric(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> MetricValue:
    """Fraction correct with a Wilson 95% CI (cluster bootstrap when items are clustered)."""
    scored = _scored(items)
    correct = np.array([float(bool(item.correct)) for item in scored])
    n = len(correct)
    value = float(correct.mean()) if n else float("nan")
    clusters = _clusters(scored, context)
    if clusters is not None and n:
        low, high = bootstrap_interval(
            np.mean, [correct], resamples=context.resamples, seed=context.seed, clusters=clusters
        )
        return MetricValue(value, low, high, n, "cluster-bootstrap-percentile")
    low, high = wilson_interval(int(correct.sum()), n)
    return MetricValue(value, low, high, n, "wilson")


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


def macro_f1_metric(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> MetricValue:
    """Macro-F1 over the test's labels (sklearn), percentile-bootstrap 95% CI."""
    from sklearn.metrics import f1_score

    scored = _scored(items)
    if not scored:
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    gold, predicted = _label_codes(scored, labels)
    value = float(
        f1_score(gold, predicted, labels=list(range(len(labels))), average="macro", zero_division=0)
    )

    def statistic(g: np.ndarray, p: np.ndarray, axis: int = -1) -> np.ndarray:
        return macro_f1_from_codes(g, p, len(labels), axis=axis)

    low, high = bootstrap_interval(
        statistic,
        [gold, predicted],
        resamples=context.resamples,
        seed=f"{context.seed}:macro_f1",
        clusters=_clusters(scored, context),
    )
    method = "cluster-bootstrap-percentile" if context.cluster_by else "bootstrap-percentile"
    return MetricValue(value, low, high, len(scored), method)


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


def _confidence_and_correct(items: Sequence[ItemResult]) -> tuple[np.ndarray, np.ndarray]:
    confidence = np.array([item.prediction.confidence or 0.0 for item in items])
    correct = np.array([float(bool(item.correct)) for item in items])
    return confidence, correct


def ece_metric(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    """Expected calibration error (top-label, 10 equal-mass bins) with a bootstrap CI."""
    scored = _scored(items)
    if _probabilities(scored, labels) is None:
        return None
    confidence, correct = _confidence_and_correct(scored)
    value = float(ece_from_arrays(confidence, correct))
    low, high = bootstrap_interval(
        lambda c, k, axis=-1: ece_from_arrays(c, k, axis=axis),
        [confidence, correct],
        resamples=context.resamples,
        seed=f"{context.seed}:ece",
        clusters=_clusters(scored, context),
    )
    return MetricValue(value, low, high, len(scored), "bootstrap-percentile")


def brier_per_item(items: Sequence[ItemResult], labels: Sequence[str]) -> np.ndarray | None:
    """Σ_k (p_k − y_k)² for each item: the multiclass Brier score's summands (range [0, 2])."""
    probabilities = _probabilities(items, labels)
    if probabilities is None:
        return None
    gold, _ = _label_codes(items, labels)
    onehot = np.eye(len(labels))[gold]
    return np.sum((probabilities - onehot) ** 2, axis=1)


def brier_metric(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    """Multiclass Brier score (lower is better) with a bootstrap CI."""
    scored = _scored(items)
    per_item = brier_per_item(scored, labels)
    if per_item is None:
        return None
    low, high = bootstrap_interval(
        np.mean,
        [per_item],
        resamples=context.resamples,
        seed=f"{context.seed}:brier",
        clusters=_clusters(scored, context),
    )
    return MetricValue(float(per_item.mean()), low, high, len(scored), "bootstrap-percentile")


# --- tables ------------------------------------------------------------------------------


def per_class_table(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> dict[str, Any]:
    """Precision, recall, F1 and support per gold label (sklearn)."""
    from sklearn.metrics import precision_recall_fscore_support

    scored = _scored(items)
    if not scored:
        return {}
    gold, predicted = _label_codes(scored, labels)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=list(range(len(labels))), zero_division=0
    )
    return {
        label: {
            "precision": float(precision[i]),
            "recall": float(recall[i]),
            "f1": float(f1[i]),
            "support": int(support[i]),
        }
        for i, label in enumerate(labels)
    }


def confusion_table(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> dict[str, Any]:
    """Confusion matrix: rows are gold labels, columns predicted labels (sklearn)."""
    from sklearn.metrics import confusion_matrix

    scored = _scored(items)
    gold, predicted = _label_codes(scored, labels)
    matrix = (
        confusion_matrix(gold, predicted, labels=list(range(len(labels))))
        if scored
        else np.zeros((len(labels),) * 2)
    )
    return {"labels": list(labels), "matrix": np.asarray(matrix, dtype=int).tolist()}


def calibration_table(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> dict[str, Any] | None:
    """ECE (10 equal-mass bins), Brier, and the reliability diagram's bins."""
    scored = _scored(items)
    per_item_brier = brier_per_item(scored, labels)
    if per_item_brier is None or not scored:
        return None
    confidence, correct = _confidence_and_correct(scored)
    order = np.argsort(confidence, kind="stable")
    bins = []
    for chunk in np.array_split(order, min(ECE_BINS, len(order))):
        if len(chunk) == 0:
            continue
        bins.append(
            {
                "lower": float(confidence[chunk].min()),
                "upper": float(confidence[chunk].max()),
                "confidence": float(confidence[chunk].mean()),
                "accuracy": float(correct[chunk].mean()),
                "count": int(len(chunk)),
            }
        )
    return {
        "ece": float(ece_from_arrays(confidence, correct)),
        "brier": float(per_item_brier.mean()),
        "n_bins": ECE_BINS,
        "binning": "equal-mass",
        "bins": bins,
    }


for _table in (per_class_table, confusion_table, calibration_table):
    _table.table = True  # type: ignore[attr-defined]

#: Metrics computed per slice (calibration on small slices is too noisy to show).
SLICE_METRICS = ("accuracy", "macro_f1")


def is_table(metric: Callable[..., Any]) -> bool:
    return bool(getattr(metric, "table", False))
