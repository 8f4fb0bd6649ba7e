"""Gateable metrics: their paired difference between two runs on the same items.

The gate keeps no list of metrics: each ``harness.metrics.Metric`` declares its
direction and how it is computed from paired items (``Metric.paired_inputs``):

* the mean of a per-item score (``accuracy`` from ``correct``, ``brier``,
  ``exact_match`` from ``em``, ``flip_rate`` from ``flipped``, ...): per-item rows
  resampled together; McNemar applies when the score is binary;
* metrics recomputed from per-item sufficient statistics (``macro_f1``);
* metrics recomputed on index resamples (``ece``: not decomposable).

The gate reads runs as columns (``harness.gate.columns``): ``measure_rows`` computes the
built-in metrics' paired inputs straight from those arrays, with exactly the numbers
``Metric.paired_inputs`` gives on item objects, and tallies independent items into
distinct rows with counts, so that a million pairs are resampled as a handful of rows.
Metrics that declare only an item-level ``paired`` form (the bias metrics) get their
items read back from the run.

Every difference is *oriented* so that higher = better: Δ < 0 means the candidate
is worse, whatever the metric.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats as scipy_stats

from harness import metrics as builtin_metrics
from harness.gate.columns import ItemColumns, read_back
from harness.gate.paired import (
    DEFAULT_POWER,
    McNemarResult,
    bootstrap_p_value,
    mcnemar_from_counts,
    minimum_detectable_effect,
    paired_bootstrap,
    paired_bootstrap_indices,
    percentile_interval,
)
from harness.metrics import Metric, PairedInputs, ece_from_arrays, macro_f1_from_codes
from harness.records import ItemRecord
from harness.registry import METRICS
from harness.seeding import seed_label

Pair = tuple[ItemRecord, ItemRecord]

__all__ = [
    "MetricDifference",
    "PairedRows",
    "available_measures",
    "available_measures_rows",
    "higher_is_better",
    "measure_difference",
    "measure_rows",
    "metric_for",
]


def metric_for(name: str) -> Metric | None:
    """The metric a gate check names: a registered metric, or the one whose item score it is."""
    if name in METRICS:
        metric = METRICS.get(name)
        return metric if isinstance(metric, Metric) and metric.gateable else None
    for known in METRICS.names():
        metric = METRICS.get(known)
        if isinstance(metric, Metric) and metric.gateable and metric.item_score == name:
            return metric
    return None


def higher_is_better(name: str) -> bool:
    metric = metric_for(name)
    return metric.higher_is_better if metric is not None else True


def available_measures(items: Sequence[ItemRecord], labels: Sequence[str]) -> list[str]:
    """The gateable metrics these items support: accuracy first, then by name."""
    names = []
    for name in METRICS.names():
        metric = METRICS.get(name)
        if not isinstance(metric, Metric) or not metric.gateable:
            continue
        if metric.needs_labels and not labels:
            continue
        if metric.applies_to(items):
            names.append(name)
    return sorted(names, key=lambda name: (name != "accuracy", name))


@dataclass(frozen=True)
class MetricDifference:
    """Candidate minus baseline for one metric on one set of paired items.

    ``delta``, ``ci_low`` and ``ci_high`` are oriented (higher = better); ``base_value``
    and ``candidate_value`` are in the metric's own units. ``discordant`` is the share of
    items on which the two runs differ (for accuracy: one right, the other wrong).
    """

    test: str
    metric: str
    slice: str | None
    n: int
    clusters: int
    base_value: float
    candidate_value: float
    delta: float
    ci_low: float
    ci_high: float
    higher_is_better: bool
    binary: bool
    discordant: float
    standard_error: float
    mcnemar: McNemarResult | None
    # Oriented bootstrap replicates of Δ; kept for p-values at any tolerance.
    replicates: np.ndarray = field(repr=False, compare=False)

    @property
    def iid(self) -> bool:
        return self.clusters == self.n

    def p_value(self, tolerance: float) -> float:
        """One-sided p for H0: Δ ≥ −τ. McNemar for a binary metric at τ = 0.

        Otherwise the paired bootstrap, but never below what an exact test could show
        with this many independent units. The bootstrap alone is blind to tiny samples:
        two items that both got worse resample to Δ* = −1 every time, p = 1/(B+1). The
        floor is McNemar's p for a binary metric on independent items (H0 at τ > 0 is
        wider than at τ = 0, so a regression beyond τ is never better shown than one
        beyond 0), else 2^−units, the smallest one-sided p of an exact sign-flip test.
        """
        if self.binary and tolerance == 0 and self.mcnemar is not None:
            return self.mcnemar.p_worse
        p = bootstrap_p_value(self.replicates, tolerance)
        if self.binary and self.iid and self.mcnemar is not None:
            return max(p, self.mcnemar.p_worse)
        return max(p, 0.5**self.clusters)

    def test_name(self, tolerance: float) -> str:
        if self.binary and tolerance == 0 and self.mcnemar is not None:
            return "mcnemar-exact"
        return "paired-bootstrap" if self.iid else "paired-cluster-bootstrap"

    def mde(self, alpha: float = 0.05, power: float = DEFAULT_POWER) -> float:
        """Minimum detectable effect: √(d/n) for i.i.d. binary items, bootstrap SE otherwise."""
        if self.binary and self.iid:
            return minimum_detectable_effect(self.discordant, self.n, alpha, power)
        z = scipy_stats.norm.ppf(1 - alpha) + scipy_stats.norm.ppf(power)
        return float(z * self.standard_error)

    def to_json(self, alpha: float = 0.05) -> dict[str, Any]:
        return {
            "test": self.test,
            "metric": self.metric,
            "slice": self.slice,
            "n": self.n,
            "clusters": self.clusters,
            "base": self.base_value,
            "candidate": self.candidate_value,
            "delta": self.delta,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "higher_is_better": self.higher_is_better,
            "discordant": self.discordant,
            "mde": self.mde(alpha),
            "mcnemar": self.mcnemar.to_json() if self.mcnemar else None,
        }


def measure_difference(
    metric: str,
    pairs: Sequence[Pair],
    labels: Sequence[str],
    *,
    test: str,
    slice_name: str | None,
    clusters: Sequence[str],
    resamples: int,
    seed: int | str,
) -> MetricDifference | None:
    """The paired difference of ``metric`` over ``pairs``; None when it does not apply.

    ``clusters`` gives each pair's cluster id (its own id for independent items).
    """
    declared = metric_for(metric)
    if declared is None:
        return None
    inputs = declared.paired_inputs([b for b, _ in pairs], [c for _, c in pairs], list(labels))
    if inputs is None:
        return None
    # paired_inputs keeps the items that carry the metric; clusters follow the same rows.
    cluster_ids = np.array(list(clusters))[list(inputs.rows)]
    return _difference(
        metric,
        declared,
        inputs,
        cluster_ids,
        None,
        test,
        slice_name,
        resamples=resamples,
        seed=seed,
    )


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
    if metric.item_score is not None:
        if len(rows) and columns.score_counts.get(metric.item_score, 0) == len(columns):
            return True  # every item carries it: no need to read the column
        scores = columns.score(metric.item_score)
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
        true_positive = totals[..., :k]
        denominator = totals[..., k : 2 * k] + totals[..., 2 * k :]
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = np.where(denominator > 0, 2 * true_positive / np.maximum(denominator, 1), 0.0)
        return f1.mean(axis=-1)

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
    inputs = PairedInputs(
        mode="indices",
        base=[base_confidence, base_correct],
        candidate=[cand_confidence, cand_correct],
        statistic=lambda confidence, correct, axis=-1: ece_from_arrays(
            confidence, correct, axis=axis
        ),
        base_value=float(ece_from_arrays(base_confidence, base_correct)),
        candidate_value=float(ece_from_arrays(cand_confidence, cand_correct)),
        discordant=float(np.mean(differs)),
        rows=keep,
    )
    return inputs, None


def _unique_count(values: np.ndarray) -> int:
    return len(np.unique(values)) if len(values) else 0


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
    independent = clusters is None or _unique_count(clusters) == len(clusters)
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
    return _difference(
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


def _difference(
    metric: str,
    declared: Metric,
    inputs: PairedInputs,
    cluster_ids: np.ndarray | None,
    counts: np.ndarray | None,
    test: str,
    slice_name: str | None,
    *,
    resamples: int,
    seed: int | str,
) -> MetricDifference:
    """The difference, its bootstrap replicates and McNemar from a metric's paired inputs."""
    n = len(inputs.rows)
    # No cluster ids: every pair is its own cluster.
    clusters = n if cluster_ids is None else _unique_count(cluster_ids)
    seed = seed_label(seed, test, metric, slice_name)
    if inputs.mode == "indices":
        replicates = paired_bootstrap_indices(
            inputs.statistic,
            inputs.base,
            inputs.candidate,
            resamples=resamples,
            seed=seed,
            clusters=None if clusters == n else cluster_ids,
        )
    elif counts is not None:
        replicates = paired_bootstrap(
            inputs.base,
            inputs.candidate,
            inputs.statistic,
            resamples=resamples,
            seed=seed,
            counts=counts,
        )
    else:
        replicates = paired_bootstrap(
            inputs.base,
            inputs.candidate,
            inputs.statistic,
            resamples=resamples,
            seed=seed,
            clusters=cluster_ids,
        )
    higher = declared.higher_is_better
    mcnemar_result: McNemarResult | None = None
    if inputs.binary_scores is not None:
        base_scores, cand_scores = inputs.binary_scores
        worse, better = base_scores > cand_scores, base_scores < cand_scores
        if not higher:
            worse, better = better, worse
        mcnemar_result = mcnemar_from_counts(int(worse.sum()), int(better.sum()))

    sign = 1.0 if higher else -1.0
    oriented = sign * replicates
    low, high = percentile_interval(oriented)
    finite = oriented[np.isfinite(oriented)]
    return MetricDifference(
        test=test,
        metric=metric,
        slice=slice_name,
        n=n,
        clusters=clusters,
        base_value=inputs.base_value,
        candidate_value=inputs.candidate_value,
        delta=sign * (inputs.candidate_value - inputs.base_value),
        ci_low=low,
        ci_high=high,
        higher_is_better=higher,
        binary=inputs.binary_scores is not None,
        discordant=inputs.discordant,
        standard_error=float(np.std(finite, ddof=1)) if len(finite) > 1 else 0.0,
        mcnemar=mcnemar_result,
        replicates=oriented,
    )
