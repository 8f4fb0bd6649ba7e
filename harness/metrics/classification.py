"""Classification metrics: each one's value over one run and its paired form, side by side.

* ``accuracy`` (Wilson, or the cluster bootstrap when the test declares ``cluster_by``),
  paired on the per-item ``correct`` score;
* ``macro_f1`` over the test's labels (scikit-learn's number), paired on per-item
  one-hot (true positive, gold, predicted) counts per label;
* ``ece``: expected calibration error of the top label, 10 equal-mass bins, paired on
  index resamples (it is not a function of per-item totals);
* ``brier``: the multiclass Brier score, paired on the per-item ``brier`` score;
* tables (no CI, not gated): ``per_class``, ``confusion_matrix``, ``calibration``.

Intervals are the test's bootstrap resamples (harness.metrics.resampling) unless said.
tests/metrics/test_columns_and_summary.py checks every value against scikit-learn or a
computation written out in the test; tests/metrics/test_paired.py the paired statistics.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from harness.metrics.base import (
    LOWER,
    Metric,
    MetricContext,
    MetricValue,
    PairedColumns,
    PairedInputs,
)
from harness.metrics.columns import ItemColumns
from harness.metrics.intervals import bootstrap_label, wilson_interval
from harness.metrics.resampling import metric_interval, weighted_mean
from harness.metrics.scores import bootstrap_method, clusters_of, paired_mean_score
from harness.metrics.statistics import (
    ECE_BINS,
    ece_from_arrays,
    macro_f1_from_codes,
    macro_f1_from_totals,
    weighted_ece,
    weighted_macro_f1,
)

__all__ = [
    "ACCURACY",
    "BRIER",
    "CALIBRATION",
    "CONFUSION_MATRIX",
    "ECE",
    "MACRO_F1",
    "PER_CLASS",
    "ece_paired_inputs",
    "paired_ece",
]


def _correct(columns: ItemColumns) -> np.ndarray:
    return (columns.correct == 1).astype(float)


def _confidence(columns: ItemColumns) -> np.ndarray:
    # An item without a confidence counts as 0.0 (``item.confidence or 0.0``).
    confidence = columns.confidence()
    return np.where(np.isnan(confidence), 0.0, confidence)


def _all_probabilities(scored: ItemColumns) -> bool:
    return len(scored) > 0 and bool(np.all(scored.has_probabilities))


def _both_scored(pairs: PairedColumns) -> np.ndarray:
    """Positions of the pairs that both runs scored."""
    scored = (pairs.base.correct[pairs.base_rows] != -1) & (
        pairs.candidate.correct[pairs.candidate_rows] != -1
    )
    if scored.all():
        return np.arange(len(scored), dtype=np.int32 if len(scored) < 2**31 else np.int64)
    return np.flatnonzero(scored)


# --- accuracy ----------------------------------------------------------------------------


def accuracy(columns: ItemColumns, labels: Sequence[str], context: MetricContext) -> MetricValue:
    """Fraction correct, Wilson 95% CI (cluster bootstrap when clustered)."""
    scored = columns.subset(columns.scored)
    correct = _correct(scored)
    n = len(correct)
    value = float(correct.mean()) if n else float("nan")
    clusters = clusters_of(scored, context)
    if clusters is not None and n:
        interval = metric_interval(context, n, weighted_mean(correct), clusters)
        method = bootstrap_label(interval, "cluster-bootstrap-percentile")
        return MetricValue(value, *interval, n, method)
    low, high = wilson_interval(int(correct.sum()), n)
    return MetricValue(value, low, high, n, "wilson")


paired_accuracy = paired_mean_score("correct")


# --- macro-F1 ----------------------------------------------------------------------------


def macro_f1(columns: ItemColumns, labels: Sequence[str], context: MetricContext) -> MetricValue:
    """Macro-F1 over the test's labels (scikit-learn's), bootstrap 95% CI."""
    scored = columns.subset(columns.scored)
    if not len(scored):
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    statistic = weighted_macro_f1(scored.gold, scored.predicted, len(labels))
    # The statistic on the items themselves (every weight 1): scikit-learn's macro-F1
    # (tests/metrics/test_columns_and_summary.py), without its copies of a million labels.
    value = float(statistic(np.ones((1, len(scored))))[0])
    interval = metric_interval(context, len(scored), statistic, clusters_of(scored, context))
    method = bootstrap_label(interval, bootstrap_method(context))
    return MetricValue(value, *interval, len(scored), method)


def paired_macro_f1(pairs: PairedColumns, labels: Sequence[str]) -> PairedInputs | None:
    """Per pair, one-hot (true positive, gold, predicted) per label: macro-F1 from totals."""
    keep = _both_scored(pairs)
    if not len(keep) or not labels:
        return None
    k = len(labels)
    # Codes stay narrow (a byte each for a label set under 128); the tally widens once.
    gold = pairs.base.gold[pairs.base_rows[keep]]
    base_predicted = pairs.base.predicted[pairs.base_rows[keep]]
    cand_predicted = pairs.candidate.predicted[pairs.candidate_rows[keep]]
    eye = np.vstack([np.eye(k), np.zeros((1, k))])  # code -1 -> zeros

    def rows(gold: np.ndarray, predicted: np.ndarray) -> np.ndarray:
        is_gold, is_predicted = eye[gold], eye[predicted]
        return np.hstack([is_gold * is_predicted, is_gold, is_predicted])

    def statistic(totals: np.ndarray) -> np.ndarray:
        return macro_f1_from_totals(totals, k)

    counts = None
    if pairs.tally:
        # A pair's rows depend only on (gold, baseline's, candidate's prediction).
        width = k + 1
        code = gold.astype(np.int64) + 1
        code *= width
        code += base_predicted
        code += 1
        code *= width
        code += cand_predicted
        code += 1
        tallies = np.bincount(code, minlength=width**3)
        present = np.flatnonzero(tallies)
        counts = tallies[present]
        g, rest = np.divmod(present, width * width)
        b, c = np.divmod(rest, width)
        base_rows, cand_rows = rows(g - 1, b - 1), rows(g - 1, c - 1)
    else:
        base_rows, cand_rows = rows(gold, base_predicted), rows(gold, cand_predicted)
    return PairedInputs(
        mode="sums",
        base=base_rows,
        candidate=cand_rows,
        statistic=statistic,
        base_value=float(macro_f1_from_codes(gold, base_predicted, k)),
        candidate_value=float(macro_f1_from_codes(gold, cand_predicted, k)),
        discordant=float(np.count_nonzero(base_predicted != cand_predicted)) / len(keep),
        rows=keep,
        counts=counts,
    )


# --- ECE ---------------------------------------------------------------------------------


def ece(columns: ItemColumns, labels: Sequence[str], context: MetricContext) -> MetricValue | None:
    """Expected calibration error (top label, 10 equal-mass bins), bootstrap CI."""
    scored = columns.subset(columns.scored)
    if not _all_probabilities(scored):
        return None
    confidence, correct = _confidence(scored), _correct(scored)
    interval = metric_interval(
        context,
        len(scored),
        weighted_ece(confidence, correct, ECE_BINS),
        clusters_of(scored, context),
    )
    value = float(ece_from_arrays(confidence, correct))
    method = bootstrap_label(interval, bootstrap_method(context))
    return MetricValue(value, *interval, len(scored), method)


def paired_ece(pairs: PairedColumns, labels: Sequence[str]) -> PairedInputs | None:
    """Per pair, (confidence, correct) of both runs: ECE on index resamples."""
    scored = _both_scored(pairs)
    base_rows, cand_rows = pairs.base_rows[scored], pairs.candidate_rows[scored]
    with_probabilities = (
        pairs.base.has_probabilities[base_rows] & pairs.candidate.has_probabilities[cand_rows]
    )
    keep = scored[with_probabilities]
    if not len(keep):
        return None
    base_rows, cand_rows = pairs.base_rows[keep], pairs.candidate_rows[keep]
    raw_base = pairs.base.confidence()[base_rows].astype(np.float64)
    raw_cand = pairs.candidate.confidence()[cand_rows].astype(np.float64)
    same_confidence = (raw_base == raw_cand) | (np.isnan(raw_base) & np.isnan(raw_cand))
    differs = (
        pairs.base.predicted_keys(base_rows) != pairs.candidate.predicted_keys(cand_rows)
    ) | ~same_confidence
    return ece_paired_inputs(
        (np.nan_to_num(raw_base, nan=0.0), (pairs.base.correct[base_rows] == 1).astype(float)),
        (np.nan_to_num(raw_cand, nan=0.0), (pairs.candidate.correct[cand_rows] == 1).astype(float)),
        float(np.mean(differs)),
        keep,
    )


def ece_paired_inputs(
    base: tuple[np.ndarray, np.ndarray],
    candidate: tuple[np.ndarray, np.ndarray],
    discordant: float,
    rows: Any,
) -> PairedInputs:
    """The gate's view of ECE over paired (confidence, correct) arrays: index resamples."""
    return PairedInputs(
        mode="indices",
        base=list(base),
        candidate=list(candidate),
        statistic=lambda confidence, correct, axis=-1: ece_from_arrays(
            confidence, correct, axis=axis
        ),
        base_value=float(ece_from_arrays(*base)),
        candidate_value=float(ece_from_arrays(*candidate)),
        discordant=discordant,
        rows=rows,
    )


# --- Brier -------------------------------------------------------------------------------


def _brier_per_item(scored: ItemColumns, labels: Sequence[str]) -> np.ndarray | None:
    if not _all_probabilities(scored):
        return None
    onehot = np.eye(len(labels))[scored.gold]
    return np.sum((scored.probabilities() - onehot) ** 2, axis=1)


def brier(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    """Multiclass Brier score (lower is better), bootstrap CI."""
    scored = columns.subset(columns.scored)
    per_item = _brier_per_item(scored, labels)
    if per_item is None:
        return None
    interval = metric_interval(
        context, len(scored), weighted_mean(per_item), clusters_of(scored, context)
    )
    method = bootstrap_label(interval, bootstrap_method(context))
    return MetricValue(float(per_item.mean()), *interval, len(scored), method)


# The classification task writes each item's Brier score: the gate pairs on it.
paired_brier = paired_mean_score("brier")


# --- tables ------------------------------------------------------------------------------


def per_class(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> dict[str, Any]:
    """Precision, recall, F1, support per gold label (sklearn's
    ``precision_recall_fscore_support`` with ``zero_division=0``, from the confusion counts:
    importing sklearn.metrics costs a warm re-run more than a second)."""
    scored = columns.subset(columns.scored)
    if not len(scored):
        return {}
    k = len(labels)
    gold, predicted = scored.gold, scored.predicted
    known_gold, known_predicted = (gold >= 0) & (gold < k), (predicted >= 0) & (predicted < k)
    hits = gold[known_gold & (gold == predicted)]
    true_positive = np.bincount(hits, minlength=k).astype(float)
    support = np.bincount(gold[known_gold], minlength=k)
    said = np.bincount(predicted[known_predicted], minlength=k)
    precision = np.divide(true_positive, said, out=np.zeros(k), where=said > 0)
    recall = np.divide(true_positive, support, out=np.zeros(k), where=support > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros(k), where=both > 0)
    return {
        label: {
            "precision": float(precision[i]),
            "recall": float(recall[i]),
            "f1": float(f1[i]),
            "support": int(support[i]),
        }
        for i, label in enumerate(labels)
    }


def confusion_matrix(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> dict[str, Any]:
    """Confusion matrix: rows are gold labels, columns predicted labels."""
    scored = columns.subset(columns.scored)
    k = len(labels)
    matrix = np.zeros((k, k), dtype=np.int64)
    # sklearn's confusion_matrix ignores pairs whose label is outside ``labels``.
    known = (scored.gold >= 0) & (scored.predicted >= 0)
    np.add.at(matrix, (scored.gold[known], scored.predicted[known]), 1)
    return {"labels": list(labels), "matrix": matrix.tolist()}


def calibration(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> dict[str, Any] | None:
    """ECE (10 equal-mass bins), Brier, and the reliability diagram's bins."""
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


# --- declarations ------------------------------------------------------------------------

ACCURACY = Metric(
    "accuracy",
    accuracy,
    "fraction correct, Wilson 95% CI (cluster bootstrap when the test clusters items)",
    paired=paired_accuracy,
    item_score="correct",
    ci_method="wilson",
    per_slice=True,
)
MACRO_F1 = Metric(
    "macro_f1",
    macro_f1,
    "macro-averaged F1 over the test's labels, bootstrap 95% CI",
    paired=paired_macro_f1,
    per_slice=True,
    needs_labels=True,
)
ECE = Metric(
    "ece",
    ece,
    "expected calibration error, 10 equal-mass bins, bootstrap 95% CI (lower is better)",
    direction=LOWER,
    paired=paired_ece,
    needs_labels=True,
    needs_probabilities=True,
)
BRIER = Metric(
    "brier",
    brier,
    "multiclass Brier score, bootstrap 95% CI (lower is better)",
    direction=LOWER,
    paired=paired_brier,
    item_score="brier",
    needs_labels=True,
    needs_probabilities=True,
)
PER_CLASS = Metric(
    "per_class",
    per_class,
    "per-class precision, recall, F1 and support",
    table=True,
    ci_method="none",
    needs_labels=True,
)
CONFUSION_MATRIX = Metric(
    "confusion_matrix",
    confusion_matrix,
    "confusion matrix (gold rows, predicted columns)",
    table=True,
    ci_method="none",
    needs_labels=True,
)
CALIBRATION = Metric(
    "calibration",
    calibration,
    "ECE (10 equal-mass bins), Brier, reliability diagram",
    table=True,
    ci_method="none",
    needs_labels=True,
    needs_probabilities=True,
)
