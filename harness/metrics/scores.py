"""Metrics that are the mean of a per-item score: the two forms every one of them shares.

A task or test kind writes the score on each item (``ItemResult.scores``: ``correct``,
``em``, ``flipped``, ...); the metric is its mean over the items that carry it.

* ``mean_score(score)``: the value over one run's columns, with the test's bootstrap CI;
* ``paired_mean_score(score)``: the paired inputs over two runs' columns, one row
  ``(score, 1)`` per pair; a 0/1 score tallies into at most four distinct rows (so a
  million pairs resample as four), and McNemar applies to it.

``score_mean_metric`` declares one (``harness.metrics.qa``, ``harness.metrics.prompting``,
``harness.metrics.robustness`` and the bias metrics use it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from harness.metrics.base import (
    Metric,
    MetricContext,
    MetricValue,
    PairedColumns,
    PairedForm,
    PairedInputs,
    ValueForm,
    tally_rows,
)
from harness.metrics.columns import ItemColumns
from harness.metrics.intervals import bootstrap_label, wilson_interval
from harness.metrics.paired import mean_statistic
from harness.metrics.resampling import metric_interval, weighted_mean

__all__ = [
    "bootstrap_method",
    "clusters_of",
    "mean_score",
    "paired_mean_score",
    "paired_means",
    "score_mean_metric",
    "wilson_value",
]


def wilson_value(successes: int, n: int) -> MetricValue:
    """The proportion ``successes / n`` with its Wilson 95% interval; NaN and no interval
    when there is nothing to count.

    >>> wilson_value(1, 4).value, wilson_value(0, 0).ci_low
    (0.25, None)
    """
    if n == 0:
        return MetricValue(float("nan"), None, None, 0, "wilson")
    low, high = wilson_interval(successes, n)
    return MetricValue(successes / n, low, high, n, "wilson")


def bootstrap_method(context: MetricContext) -> str:
    return "cluster-bootstrap-percentile" if context.cluster_by else "bootstrap-percentile"


def clusters_of(columns: ItemColumns, context: MetricContext) -> np.ndarray | None:
    """The items' clusters when the test declares ``cluster_by`` (else None: i.i.d.)."""
    return columns.clusters if context.cluster_by is not None else None


def mean_score(score: str) -> ValueForm:
    """The mean of the per-item score ``score`` over the items that carry it, bootstrap CI."""

    def value(
        columns: ItemColumns, labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        column = columns.score(score)
        if column is None:
            return None
        present = ~np.isnan(column)
        if not present.any():
            return None
        carrying = columns.subset(present)
        values = column[present].astype(np.float64)
        interval = metric_interval(
            context, len(values), weighted_mean(values), clusters_of(carrying, context)
        )
        method = bootstrap_label(interval, bootstrap_method(context))
        return MetricValue(float(values.mean()), *interval, len(values), method)

    value.__doc__ = f"Mean of the per-item score '{score}' with a bootstrap 95% CI."
    return value


def paired_mean_score(score: str) -> PairedForm:
    """Paired rows ``(score, 1)`` of the pairs where both runs carry ``score``."""

    def paired(pairs: PairedColumns, labels: Sequence[str]) -> PairedInputs | None:
        base_column, cand_column = pairs.base.score(score), pairs.candidate.score(score)
        if base_column is None or cand_column is None:
            return None
        # Scores stay in their stored (exact) type until a float64 copy is needed.
        base_all, cand_all = base_column[pairs.base_rows], cand_column[pairs.candidate_rows]
        carried = ~np.isnan(base_all) & ~np.isnan(cand_all)
        if carried.all():  # the usual case: no copy of a million scores
            keep = np.arange(len(carried), dtype=np.int32 if len(carried) < 2**31 else np.int64)
            base_scores, cand_scores = base_all, cand_all
        else:
            keep = np.flatnonzero(carried)
            base_scores, cand_scores = base_all[keep], cand_all[keep]
        del carried, base_all, cand_all
        return paired_means(base_scores, cand_scores, keep, pairs.tally)

    return paired


def paired_means(
    base_scores: np.ndarray, cand_scores: np.ndarray, rows: Any, tally: bool
) -> PairedInputs | None:
    """The paired inputs of a mean of per-unit values (one unit per row of ``rows``)."""
    n = len(base_scores)
    if not n:
        return None
    binary = _is_binary(base_scores) and _is_binary(cand_scores)
    counts = None
    base_rows: np.ndarray
    cand_rows: np.ndarray
    if binary:
        # 0/1 scores: sums are exact counts, so the means are count / n to the last bit.
        base_scores, cand_scores = base_scores.astype(np.int8), cand_scores.astype(np.int8)
        base_value = float(np.count_nonzero(base_scores)) / n
        candidate_value = float(np.count_nonzero(cand_scores)) / n
    else:
        base_scores = base_scores.astype(np.float64)
        cand_scores = cand_scores.astype(np.float64)
        base_value, candidate_value = float(base_scores.mean()), float(cand_scores.mean())
    if tally and binary:
        # Four possible rows: (0, 0), (0, 1), (1, 0), (1, 1), in np.unique's order.
        tallies = np.bincount(2 * base_scores.astype(np.int64) + cand_scores, minlength=4)
        present = np.flatnonzero(tallies)
        counts = tallies[present]
        ones = np.ones((len(counts), 1))
        base_rows = np.hstack([(present // 2).astype(float)[:, None], ones])
        cand_rows = np.hstack([(present % 2).astype(float)[:, None], ones])
    elif tally:
        base_rows, cand_rows, counts = tally_rows(base_scores[:, None], cand_scores[:, None])
        ones = np.ones((len(counts), 1))
        base_rows, cand_rows = np.hstack([base_rows, ones]), np.hstack([cand_rows, ones])
    else:
        count = np.ones(n)
        base_rows = np.column_stack([base_scores.astype(np.float64), count])
        cand_rows = np.column_stack([cand_scores.astype(np.float64), count])
    return PairedInputs(
        mode="sums",
        base=base_rows,
        candidate=cand_rows,
        statistic=mean_statistic,
        base_value=base_value,
        candidate_value=candidate_value,
        discordant=float(np.count_nonzero(base_scores != cand_scores)) / n,
        rows=rows,
        binary_scores=(base_scores, cand_scores) if binary else None,
        counts=counts,
    )


def _is_binary(scores: np.ndarray) -> bool:
    """Every score is 0 or 1 (what ``np.isin(scores, (0.0, 1.0))`` says, without its sort)."""
    return bool(np.all((scores == 0.0) | (scores == 1.0)))


def score_mean_metric(name: str, score: str, description: str, **declared: Any) -> Metric:
    """A metric that is the mean of the per-item score ``score``: both forms, declared."""
    return Metric(
        name,
        mean_score(score),
        description,
        paired=paired_mean_score(score),
        item_score=score,
        **declared,
    )
