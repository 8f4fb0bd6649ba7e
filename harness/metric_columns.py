"""The built-in metrics, computed over ``ItemColumns`` (numpy arrays, no object per item).

These are the only definitions: ``harness.metrics`` gives each its item form (the
items' columns, then the form here) and declares it. ``harness.metrics.columns_metric``
finds the form of a registered metric, or ``None`` when it has none (a plugin's
metric, the oracle sweeps): ``summarize`` then computes that test from its items.
tests/test_metric_columns.py checks every form against scikit-learn or a computation
written out in the test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from harness.execution import MetricValue
from harness.item_columns import ItemColumns
from harness.metric_context import (
    ECE_BINS,
    MetricContext,
    ece_from_arrays,
    metric_interval,
    weighted_ece,
    weighted_macro_f1,
)
from harness.resampling import weighted_mean
from harness.stats import wilson_interval

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


def accuracy_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue:
    scored = columns.subset(columns.scored)
    correct = _correct(scored)
    n = len(correct)
    value = float(correct.mean()) if n else float("nan")
    clusters = _clusters(scored, context)
    if clusters is not None and n:
        low, high = metric_interval(context, n, weighted_mean(correct), clusters)
        return MetricValue(value, low, high, n, "cluster-bootstrap-percentile")
    low, high = wilson_interval(int(correct.sum()), n)
    return MetricValue(value, low, high, n, "wilson")


def macro_f1_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue:
    scored = columns.subset(columns.scored)
    if not len(scored):
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    statistic = weighted_macro_f1(scored.gold, scored.predicted, len(labels))
    # The statistic on the items themselves (every weight 1): scikit-learn's macro-F1
    # (tests/test_metric_columns.py), without its copies of a million labels.
    value = float(statistic(np.ones((1, len(scored))))[0])
    low, high = metric_interval(context, len(scored), statistic, _clusters(scored, context))
    return MetricValue(value, low, high, len(scored), _method(context))


def ece_columns(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    scored = columns.subset(columns.scored)
    if not _all_probabilities(scored):
        return None
    confidence, correct = _confidence(scored), _correct(scored)
    low, high = metric_interval(
        context,
        len(scored),
        weighted_ece(confidence, correct, ECE_BINS),
        _clusters(scored, context),
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
    low, high = metric_interval(
        context, len(scored), weighted_mean(per_item), _clusters(scored, context)
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
        low, high = metric_interval(
            context, len(values), weighted_mean(values), _clusters(carrying, context)
        )
        return MetricValue(float(values.mean()), low, high, len(values), _method(context))

    return compute
