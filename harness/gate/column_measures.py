"""Gateable metrics over paired rows of two runs' columns (``harness.gate.columns``).

``measure_rows`` computes the built-in metrics' paired inputs straight from the arrays,
with exactly the numbers ``Metric.paired_inputs`` gives on item objects, and tallies
independent items into distinct rows with counts, so that a million pairs are
resampled as a handful of rows (``paired_bootstrap(counts=...)``). Metrics that
declare only an item-level ``paired`` form (the bias metrics) get their items read
back from the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from harness import metrics as builtin_metrics
from harness.gate.columns import ItemColumns
from harness.gate.itemfile import read_back
from harness.gate.measures import (
    MetricDifference,
    difference_from_inputs,
    metric_for,
    unique_count,
)
from harness.metric_context import macro_f1_from_totals
from harness.metrics import (
    Metric,
    PairedInputs,
    ece_paired_inputs,
    macro_f1_from_codes,
)
from harness.records import ItemRecord
from harness.registry import METRICS

__all__ = ["PairedRows", "available_measures_rows", "measure_rows"]


@dataclass(frozen=True)
class PairedRows:
    """Paired items as positions in both runs' columns: pair i is ``base_rows[i]``
    of the baseline and ``candidate_rows[i]`` of the candidate, in the baseline's order."""

    base: ItemColumns
    candidate: ItemColumns
    base_rows: np.ndarray
    candidate_rows: np.ndarray

    def __len__(self) -> int:
        return len(self.base_rows)

    def subset(self, mask: np.ndarray) -> PairedRows:
        return PairedRows(
            self.base, self.candidate, self.base_rows[mask], self.candidate_rows[mask]
        )

    def records(self) -> tuple[list[ItemRecord], list[ItemRecord]]:
        """The paired items read back whole (for metrics declared on item objects)."""
        base, candidate = read_back(
            [(self.base, self.base_rows), (self.candidate, self.candidate_rows)]
        )
        return base, candidate


def _applies(metric: Metric, pairs: PairedRows) -> bool:
    """``Metric.applies_to`` on the baseline's paired items, from their columns."""
    columns, rows = pairs.base, pairs.base_rows
    key = metric.item_score or metric.carried_by
    if key is not None:
        if len(rows) and columns.score_counts.get(key, 0) == len(columns):
            return True  # every item carries it: no need to read the column
        scores = columns.score(key)
        return scores is not None and bool(np.any(~np.isnan(scores[rows])))
    scored = columns.correct[rows] != -1
    if metric.needs_probabilities:
        return bool(np.any(scored & columns.has_probabilities[rows]))
    return bool(np.any(scored))


def available_measures_rows(pairs: PairedRows, labels: Sequence[str]) -> list[str]:
    """``available_measures`` for paired rows: accuracy first, then by name."""
    names = []
    for name in METRICS.names():
        metric = METRICS.get(name)
        if not isinstance(metric, Metric) or not metric.gateable:
            continue
        if metric.needs_labels and not labels:
            continue
        if _applies(metric, pairs):
            names.append(name)
    return sorted(names, key=lambda name: (name != "accuracy", name))


# What a metric's inputs are when they come from columns: the inputs themselves (row
# arrays only when ``tally`` is off), and the count of items per row when tallied.
_Columnar = tuple[PairedInputs, np.ndarray | None]


def _tally(base: np.ndarray, candidate: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (base, candidate) rows and how many items each stands for."""
    distinct, counts = np.unique(np.hstack([base, candidate]), axis=0, return_counts=True)
    k = base.shape[1]
    return distinct[:, :k], distinct[:, k:], counts


def _mean_score_columns(key: str, pairs: PairedRows, tally: bool) -> _Columnar | None:
    base_column, cand_column = pairs.base.score(key), pairs.candidate.score(key)
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
    n = len(keep)
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
        base_rows, cand_rows, counts = _tally(base_scores[:, None], cand_scores[:, None])
        ones = np.ones((len(counts), 1))
        base_rows, cand_rows = np.hstack([base_rows, ones]), np.hstack([cand_rows, ones])
    else:
        count = np.ones(n)
        base_rows = np.column_stack([base_scores.astype(np.float64), count])
        cand_rows = np.column_stack([cand_scores.astype(np.float64), count])
    inputs = PairedInputs(
        mode="sums",
        base=base_rows,
        candidate=cand_rows,
        statistic=_mean_of_totals,
        base_value=base_value,
        candidate_value=candidate_value,
        discordant=float(np.count_nonzero(base_scores != cand_scores)) / n,
        rows=keep,  # type: ignore[arg-type]  # an index array serves as the tuple does
        binary_scores=(base_scores, cand_scores) if binary else None,
    )
    return inputs, counts


def _is_binary(scores: np.ndarray) -> bool:
    """Every score is 0 or 1 (what ``np.isin(scores, (0.0, 1.0))`` says, without its sort)."""
    return bool(np.all((scores == 0.0) | (scores == 1.0)))


def _mean_of_totals(totals: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return totals[..., 0] / totals[..., 1]


def _both_scored(pairs: PairedRows) -> np.ndarray:
    scored = (pairs.base.correct[pairs.base_rows] != -1) & (
        pairs.candidate.correct[pairs.candidate_rows] != -1
    )
    if scored.all():
        return np.arange(len(scored), dtype=np.int32 if len(scored) < 2**31 else np.int64)
    return np.flatnonzero(scored)


def _macro_f1_columns(pairs: PairedRows, labels: Sequence[str], tally: bool) -> _Columnar | None:
    """``macro_f1``'s paired inputs: one-hot (true positive, gold, predicted) per label."""
    keep = _both_scored(pairs)
    if not len(keep) or not labels:
        return None
    k = len(labels)
    # Codes stay narrow (a byte each for a label set under 128); the tally widens once.
    gold = pairs.base.gold_code[pairs.base_rows[keep]]
    base_predicted = pairs.base.predicted_code[pairs.base_rows[keep]]
    cand_predicted = pairs.candidate.predicted_code[pairs.candidate_rows[keep]]
    eye = np.vstack([np.eye(k), np.zeros((1, k))])  # code -1 -> zeros

    def rows(gold: np.ndarray, predicted: np.ndarray) -> np.ndarray:
        is_gold, is_predicted = eye[gold], eye[predicted]
        return np.hstack([is_gold * is_predicted, is_gold, is_predicted])

    def statistic(totals: np.ndarray) -> np.ndarray:
        return macro_f1_from_totals(totals, k)

    counts = None
    if tally:
        # An item's rows depend only on (gold, baseline's, candidate's prediction).
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
    inputs = PairedInputs(
        mode="sums",
        base=base_rows,
        candidate=cand_rows,
        statistic=statistic,
        base_value=float(macro_f1_from_codes(gold, base_predicted, k)),
        candidate_value=float(macro_f1_from_codes(gold, cand_predicted, k)),
        discordant=float(np.count_nonzero(base_predicted != cand_predicted)) / len(keep),
        rows=keep,  # type: ignore[arg-type]
    )
    return inputs, counts


def _ece_columns(pairs: PairedRows) -> _Columnar | None:
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
    base_confidence = np.nan_to_num(raw_base, nan=0.0)
    cand_confidence = np.nan_to_num(raw_cand, nan=0.0)
    base_correct = (pairs.base.correct[base_rows] == 1).astype(float)
    cand_correct = (pairs.candidate.correct[cand_rows] == 1).astype(float)
    same_confidence = (raw_base == raw_cand) | (np.isnan(raw_base) & np.isnan(raw_cand))
    differs = (
        pairs.base.predicted_keys(base_rows) != pairs.candidate.predicted_keys(cand_rows)
    ) | ~same_confidence
    inputs = ece_paired_inputs(
        (base_confidence, base_correct),
        (cand_confidence, cand_correct),
        float(np.mean(differs)),
        keep,
    )
    return inputs, None


def measure_rows(
    metric: str,
    pairs: PairedRows,
    labels: Sequence[str],
    *,
    test: str,
    slice_name: str | None,
    clusters: np.ndarray | None,
    resamples: int,
    seed: int | str,
) -> MetricDifference | None:
    """``measure_difference`` over paired rows of two runs' columns (same numbers).

    ``clusters`` gives each pair's cluster id; None when every pair is its own.
    """
    declared = metric_for(metric)
    if declared is None:
        return None
    # Independent items are tallied into distinct rows (a sums-mode metric's bootstrap
    # depends on nothing else); clustered ones keep one row per item for the grouping.
    independent = clusters is None or unique_count(clusters) == len(clusters)
    columnar: _Columnar | None
    if declared.paired is None and declared.item_score is not None:
        columnar = _mean_score_columns(declared.item_score, pairs, independent)
    elif declared.paired is builtin_metrics.MACRO_F1.paired:
        columnar = _macro_f1_columns(pairs, labels, independent)
    elif declared.paired is builtin_metrics.ECE.paired:
        columnar = _ece_columns(pairs)
    elif declared.paired is not None:
        base_items, cand_items = pairs.records()
        inputs = declared.paired_inputs(base_items, cand_items, list(labels))
        columnar = None if inputs is None else (inputs, None)
    else:
        return None
    if columnar is None:
        return None
    inputs, counts = columnar
    cluster_ids = None if clusters is None else clusters[np.asarray(inputs.rows, dtype=np.int64)]
    return difference_from_inputs(
        metric,
        declared,
        inputs,
        cluster_ids,
        counts,
        test,
        slice_name,
        resamples=resamples,
        seed=seed,
    )
