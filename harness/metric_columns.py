"""The built-in metrics over ``ItemColumns``: the same numbers as ``harness.metrics``
computes from item objects, without a Python object per item.

``columns_metric(metric)`` gives the columns form of a registered metric, or ``None``
when it has none (a plugin's metric, the oracle sweeps): ``summarize`` then computes
that test from its items as before. Each form here reads the same values, draws the
same bootstrap resamples (same seed labels) and returns the same ``MetricValue`` or
table as its item form; tests/test_metric_columns.py checks both on random items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from harness.execution import MetricValue
from harness.item_columns import ItemColumns
from harness.metrics import (
    ECE_BINS,
    Metric,
    MetricContext,
    accuracy_metric,
    brier_metric,
    calibration_table,
    confusion_table,
    ece_from_arrays,
    ece_metric,
    macro_f1_from_codes,
    macro_f1_metric,
    per_class_table,
)
from harness.seeding import seed_label
from harness.stats import bootstrap_interval, wilson_interval

ColumnsMetric = Callable[[ItemColumns, Sequence[str], MetricContext], Any]


def _method(context: MetricContext) -> str:
    return "cluster-bootstrap-percentile" if context.cluster_by else "bootstrap-percentile"


def _clusters(columns: ItemColumns, context: MetricContext) -> np.ndarray | None:
    return columns.clusters if context.cluster_by is not None else None


def _correct(columns: ItemColumns) -> np.ndarray:
    return (columns.correct == 1).astype(float)


def _confidence(columns: ItemColumns) -> np.ndarray:
    # The item form reads ``item.confidence or 0.0``.
    return np.where(np.isnan(columns.confidence), 0.0, columns.confidence)


def _all_probabilities(scored: ItemColumns) -> bool:
    return len(scored) > 0 and bool(np.all(scored.has_probabilities))


def macro_f1_by_counts(gold: np.ndarray, predicted: np.ndarray, n_labels: int) -> np.ndarray:
    """``macro_f1_from_codes`` over the last axis, from one bincount per row.

    The same integer counts and the same float operations in the same order, so the
    same floats; predicted codes outside the labels (-1) count as no label's.
    """
    gold = np.asarray(gold)
    predicted = np.asarray(predicted)
    rows = int(np.prod(gold.shape[:-1], dtype=np.int64))
    width = n_labels + 1
    predicted = np.where((predicted >= 0) & (predicted < n_labels), predicted, n_labels)
    codes = (gold * width + predicted).reshape(rows, -1)
    codes = codes + (np.arange(rows) * n_labels * width)[:, None]
    counts = np.bincount(codes.ravel(), minlength=rows * n_labels * width)
    counts = counts.reshape(rows, n_labels, width)
    gold_totals = counts.sum(axis=2)
    predicted_totals = counts.sum(axis=1)[:, :n_labels]
    scores = []
    for label in range(n_labels):
        true_positive = counts[:, label, label]
        denominator = gold_totals[:, label] + predicted_totals[:, label]
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = np.where(denominator > 0, 2 * true_positive / np.maximum(denominator, 1), 0.0)
        scores.append(f1)
    return np.mean(scores, axis=0).reshape(gold.shape[:-1])


def ece_by_ranks(
    confidence: np.ndarray, correct: np.ndarray, ranks: np.ndarray, n_bins: int = ECE_BINS
) -> np.ndarray:
    """``ece_from_arrays`` over the last axis, sorting integers instead of floats.

    ``ranks`` are the confidences' dense ranks (equal confidences, equal ranks). A
    stable sort by confidence orders items by (confidence, position); the integer key
    ``rank * n + position`` is unique and sorts the same way, so an unstable integer
    sort gives the same order, and the bins the same items.
    """
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    n = confidence.shape[-1]
    keys = np.asarray(ranks, dtype=np.int64) * n + np.arange(n)
    order = np.sort(keys, axis=-1) % n
    confidence = np.take_along_axis(confidence, order, axis=-1)
    correct = np.take_along_axis(correct, order, axis=-1)
    total = np.zeros(confidence.shape[:-1])
    for chunk in np.array_split(np.arange(n), min(n_bins, n)):
        if len(chunk) == 0:
            continue
        gap = np.abs(correct[..., chunk].mean(axis=-1) - confidence[..., chunk].mean(axis=-1))
        total = total + gap * len(chunk) / n
    return total


def accuracy_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue:
    scored = columns.subset(columns.scored)
    correct = _correct(scored)
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


def macro_f1_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue:
    from sklearn.metrics import f1_score

    scored = columns.subset(columns.scored)
    if not len(scored):
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    gold, predicted = scored.gold.astype(np.int64), scored.predicted.astype(np.int64)
    value = float(
        f1_score(gold, predicted, labels=list(range(len(labels))), average="macro", zero_division=0)
    )

    def statistic(g: np.ndarray, p: np.ndarray, axis: int = -1) -> np.ndarray:
        if axis not in (-1, g.ndim - 1):
            return macro_f1_from_codes(g, p, len(labels), axis=axis)
        return macro_f1_by_counts(g, p, len(labels))

    low, high = bootstrap_interval(
        statistic,
        [gold, predicted],
        resamples=context.resamples,
        seed=seed_label(context.seed, "macro_f1"),
        clusters=_clusters(scored, context),
    )
    return MetricValue(value, low, high, len(scored), _method(context))


def ece_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    scored = columns.subset(columns.scored)
    if not _all_probabilities(scored):
        return None
    confidence, correct = _confidence(scored), _correct(scored)
    # Resampled with the confidences: their dense ranks, for an integer sort.
    ranks = np.unique(confidence, return_inverse=True)[1].reshape(-1)

    def statistic(c: np.ndarray, k: np.ndarray, r: np.ndarray, axis: int = -1) -> np.ndarray:
        if axis not in (-1, c.ndim - 1):
            return ece_from_arrays(c, k, axis=axis)
        return ece_by_ranks(c, k, r)

    low, high = bootstrap_interval(
        statistic,
        [confidence, correct, ranks],
        resamples=context.resamples,
        seed=seed_label(context.seed, "ece"),
        clusters=_clusters(scored, context),
    )
    value = float(ece_from_arrays(confidence, correct))
    return MetricValue(value, low, high, len(scored), "bootstrap-percentile")


def _brier_per_item(scored: ItemColumns, labels: Sequence[str]) -> np.ndarray | None:
    if not _all_probabilities(scored):
        return None
    onehot = np.eye(len(labels))[scored.gold]
    return np.sum((scored.probabilities - onehot) ** 2, axis=1)


def brier_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    scored = columns.subset(columns.scored)
    per_item = _brier_per_item(scored, labels)
    if per_item is None:
        return None
    low, high = bootstrap_interval(
        np.mean,
        [per_item],
        resamples=context.resamples,
        seed=seed_label(context.seed, "brier"),
        clusters=_clusters(scored, context),
    )
    return MetricValue(float(per_item.mean()), low, high, len(scored), "bootstrap-percentile")


def per_class_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> dict[str, Any]:
    from sklearn.metrics import precision_recall_fscore_support

    scored = columns.subset(columns.scored)
    if not len(scored):
        return {}
    precision, recall, f1, support = precision_recall_fscore_support(
        scored.gold, scored.predicted, labels=list(range(len(labels))), zero_division=0
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


def confusion_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> dict[str, Any]:
    scored = columns.subset(columns.scored)
    k = len(labels)
    matrix = np.zeros((k, k), dtype=np.int64)
    # sklearn's confusion_matrix ignores pairs whose label is outside ``labels``.
    known = (scored.gold >= 0) & (scored.predicted >= 0)
    np.add.at(matrix, (scored.gold[known], scored.predicted[known]), 1)
    return {"labels": list(labels), "matrix": matrix.tolist()}


def calibration_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> dict[str, Any] | None:
    scored = columns.subset(columns.scored)
    per_item_brier = _brier_per_item(scored, labels)
    if per_item_brier is None:
        return None
    confidence, correct = _confidence(scored), _correct(scored)
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


def mean_score_columns(score: str) -> ColumnsMetric:
    """The columns form of ``harness.metrics.mean_score(score)``."""

    def compute(
        columns: ItemColumns, labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        if score not in columns.scores:
            return None
        values, present = columns.scores[score]
        if not present.any():
            return None
        carrying = columns.subset(present)
        values = values[present]
        low, high = bootstrap_interval(
            np.mean,
            [values],
            resamples=context.resamples,
            seed=seed_label(context.seed, score),
            clusters=_clusters(carrying, context),
        )
        return MetricValue(float(values.mean()), low, high, len(values), _method(context))

    return compute


_BY_ITEM_FORM: dict[Callable[..., Any], ColumnsMetric] = {
    accuracy_metric: accuracy_columns,
    macro_f1_metric: macro_f1_columns,
    ece_metric: ece_columns,
    brier_metric: brier_columns,
    per_class_table: per_class_columns,
    confusion_table: confusion_columns,
    calibration_table: calibration_columns,
}


def columns_metric(metric: Metric) -> ColumnsMetric | None:
    """The columns form of ``metric``, or None when only its item form exists."""
    found = _BY_ITEM_FORM.get(metric.compute)
    if found is not None:
        return found
    score = getattr(metric.compute, "mean_of", None)
    return mean_score_columns(score) if isinstance(score, str) else None
