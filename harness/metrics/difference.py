"""A metric's paired difference between two runs on the same items.

The gate keeps no list of metrics: each ``harness.metrics.base.Metric`` declares its
direction and its paired form, which gives, over two runs' paired columns
(``PairedColumns``), what is resampled (``PairedInputs``):

* the mean of a per-item score (``accuracy`` from ``correct``, ``brier``,
  ``exact_match`` from ``em``, ``flip_rate`` from ``flipped``, ...): per-item rows
  resampled together, identical rows tallied when items are independent; McNemar
  applies when the score is binary;
* metrics recomputed from per-unit sufficient statistics (``macro_f1``, the case
  metrics of robustness, the bias gaps and scores);
* metrics recomputed on index resamples (``ece``: not decomposable).

``measure`` hands those inputs to the paired bootstrap (harness.metrics.paired). Every
difference is *oriented* so that higher = better: Δ < 0 means the candidate is worse,
whatever the metric.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from harness.metrics.base import Metric, PairedColumns, PairedInputs
from harness.metrics.paired import (
    DEFAULT_POWER,
    McNemarResult,
    bootstrap_p_value,
    mcnemar_from_counts,
    minimum_detectable_effect,
    paired_bootstrap,
    paired_bootstrap_indices,
    percentile_interval,
)
from harness.registry import METRICS
from harness.seeding import seed_label

__all__ = [
    "MetricDifference",
    "available_metrics",
    "difference_from_inputs",
    "higher_is_better",
    "measure",
    "metric_for",
    "unique_count",
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


def available_metrics(pairs: PairedColumns, labels: Sequence[str]) -> list[str]:
    """The gateable metrics the paired items support: accuracy first, then by name."""
    names = []
    for name in METRICS.names():
        metric = METRICS.get(name)
        if not isinstance(metric, Metric) or not metric.gateable:
            continue
        if metric.needs_labels and not labels:
            continue
        # What the baseline's paired items carry decides (as the metric's value would).
        if metric.applies_to(pairs.base, pairs.base_rows):
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
        from scipy import stats as scipy_stats  # lazily: slow to import

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


def measure(
    metric: str,
    pairs: PairedColumns,
    labels: Sequence[str],
    *,
    test: str,
    slice_name: str | None,
    clusters: np.ndarray | None,
    resamples: int,
    seed: int | str,
) -> MetricDifference | None:
    """The paired difference of ``metric`` over ``pairs``; None when it does not apply.

    ``clusters`` gives each pair's cluster id; None when every pair is its own.
    """
    declared = metric_for(metric)
    if declared is None or declared.paired is None:
        return None
    # Independent items may be tallied into distinct rows (a sums-mode metric's bootstrap
    # depends on nothing else); clustered ones keep one row per unit for the grouping.
    independent = clusters is None or unique_count(clusters) == len(clusters)
    inputs = declared.paired(pairs.with_tally(independent), list(labels))
    if inputs is None:
        return None
    # Clusters follow the rows the metric kept (a case's: its original's).
    cluster_ids = None if clusters is None else clusters[np.asarray(inputs.rows, dtype=np.int64)]
    return difference_from_inputs(
        metric,
        declared,
        inputs,
        cluster_ids,
        test,
        slice_name,
        resamples=resamples,
        seed=seed,
    )


def unique_count(values: np.ndarray) -> int:
    """How many distinct values (cluster ids) there are."""
    return len(np.unique(values)) if len(values) else 0


def difference_from_inputs(
    metric: str,
    declared: Metric,
    inputs: PairedInputs,
    cluster_ids: np.ndarray | None,
    test: str,
    slice_name: str | None,
    *,
    resamples: int,
    seed: int | str,
) -> MetricDifference:
    """The difference, its bootstrap replicates and McNemar from a metric's paired inputs."""
    n = len(inputs.rows)
    # No cluster ids: every pair is its own cluster.
    clusters = n if cluster_ids is None else unique_count(cluster_ids)
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
    else:
        # Tallied rows (counts) stand for independent units: no clusters with them.
        replicates = paired_bootstrap(
            inputs.base,
            inputs.candidate,
            inputs.statistic,
            resamples=resamples,
            seed=seed,
            clusters=cluster_ids if inputs.counts is None else None,
            counts=inputs.counts,
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
