"""Paired statistics: a candidate and its baseline scored on the same items.

* ``paired_bootstrap`` — replicates of Δ* = m(candidate*) − m(baseline*) where both
  runs are resampled with the *same* item (or cluster) indices (Koehn 2004;
  Berg-Kirkpatrick et al. 2012), for any metric that is a function of per-item
  sufficient statistics (accuracy, mean scores, macro-F1, Brier);
* ``paired_bootstrap_indices`` — the same for metrics that are not (ECE);
* ``bootstrap_p_value`` — one-sided p for H0: Δ ≥ −τ by CI inversion,
  ``(#{Δ*_b ≥ −τ} + 1) / (B + 1)``;
* ``mcnemar`` — exact McNemar test on discordant pairs (scipy's ``binomtest``);
* ``minimum_detectable_effect`` — ``(z_{1−α} + z_{1−β})·√(d/n)`` (Connor 1987).

Why the bootstrap is fast: a resample only matters through how many times each
*distinct* row of (baseline stats, candidate stats) is drawn, so we draw those counts
from a multinomial instead of drawing n indices. For accuracy that is at most four
distinct rows (✓✓, ✓✗, ✗✓, ✗✗) whatever n is, and the distribution of Δ* is exactly
that of the index bootstrap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from harness.metrics.intervals import seed_from_label

DEFAULT_RESAMPLES = 10_000
DEFAULT_POWER = 0.8
_BATCH_CELLS = 2_000_000

__all__ = [
    "DEFAULT_RESAMPLES",
    "McNemarResult",
    "bootstrap_p_value",
    "mcnemar",
    "mcnemar_from_counts",
    "minimum_detectable_effect",
    "paired_bootstrap",
    "paired_bootstrap_indices",
    "percentile_interval",
    "mean_statistic",
]


@dataclass(frozen=True)
class McNemarResult:
    """Exact McNemar test. ``worse`` = b = #(baseline ✓, candidate ✗); ``better`` = c."""

    worse: int
    better: int
    p_worse: float  # one-sided: the candidate is worse (b large)
    p_two_sided: float

    def to_json(self) -> dict[str, float | int]:
        return {
            "worse": self.worse,
            "better": self.better,
            "p_worse": self.p_worse,
            "p_two_sided": self.p_two_sided,
        }


def mcnemar_from_counts(worse: int, better: int) -> McNemarResult:
    """McNemar's exact test from the discordant counts: under H0, b ~ Bin(b + c, ½).

    >>> result = mcnemar_from_counts(12, 3)
    >>> round(result.p_worse, 4), round(result.p_two_sided, 4)
    (0.0176, 0.0352)
    """
    from scipy import stats as scipy_stats  # lazily: scipy.stats takes a second to import

    worse, better = int(worse), int(better)
    total = worse + better
    if total == 0:
        return McNemarResult(worse, better, 1.0, 1.0)
    one_sided = scipy_stats.binomtest(worse, total, 0.5, alternative="greater").pvalue
    two_sided = scipy_stats.binomtest(worse, total, 0.5, alternative="two-sided").pvalue
    return McNemarResult(worse, better, float(one_sided), float(two_sided))


def mcnemar(base_correct: Sequence[bool], candidate_correct: Sequence[bool]) -> McNemarResult:
    """McNemar's exact test on paired correctness arrays (same items, same order)."""
    base = np.asarray(base_correct, dtype=bool)
    candidate = np.asarray(candidate_correct, dtype=bool)
    return mcnemar_from_counts(int(np.sum(base & ~candidate)), int(np.sum(~base & candidate)))


def minimum_detectable_effect(
    discordant: float, n: int, alpha: float = 0.05, power: float = DEFAULT_POWER
) -> float:
    """Smallest paired difference a one-sided level-``alpha`` test finds with ``power``.

    ``MDE ≈ (z_{1−α} + z_{power})·√(d/n)`` for a paired binary metric with discordant
    fraction ``d`` (eval-methods §2.4).

    >>> round(minimum_detectable_effect(0.10, 1000), 3)
    0.025
    """
    from scipy import stats as scipy_stats  # lazily: scipy.stats takes a second to import

    if n <= 0:
        return float("inf")
    z = scipy_stats.norm.ppf(1 - alpha) + scipy_stats.norm.ppf(power)
    return float(z * np.sqrt(max(discordant, 0.0) / n))


def mean_statistic(totals: np.ndarray) -> np.ndarray:
    """Statistic for a mean: totals ``(..., 2)`` = (Σ score, Σ count)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return totals[..., 0] / totals[..., 1]


def _group_rows(rows: np.ndarray, clusters: np.ndarray | None) -> np.ndarray:
    """Per-cluster sums of per-item rows (clusters are resampled whole)."""
    if clusters is None:
        return rows
    _, inverse = np.unique(np.asarray(clusters), return_inverse=True)
    grouped = np.zeros((int(inverse.max()) + 1, rows.shape[1]))
    np.add.at(grouped, inverse.ravel(), rows)
    return grouped


def paired_bootstrap(
    base: np.ndarray,
    candidate: np.ndarray,
    statistic: Callable[[np.ndarray], np.ndarray],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int | str = 0,
    clusters: np.ndarray | None = None,
    counts: np.ndarray | None = None,
) -> np.ndarray:
    """Replicates of ``statistic(candidate*) − statistic(base*)`` on shared resamples.

    ``base`` and ``candidate`` are ``(n, k)`` arrays of per-item sufficient statistics
    (row i of both is item i); ``statistic`` maps column totals ``(..., k)`` to the
    metric. With ``clusters`` (one id per item), whole clusters are drawn. ``counts``
    says how many independent items each row stands for (rows already tallied, so a
    million items need not be spelled out); the replicates are those of the rows
    repeated that many times.

    >>> base = np.array([[1, 1], [0, 1], [1, 1]], dtype=float)  # (correct, count)
    >>> cand = np.array([[1, 1], [1, 1], [0, 1]], dtype=float)
    >>> reps = paired_bootstrap(base, cand, mean_statistic, resamples=5, seed=1)
    >>> reps.shape
    (5,)
    """
    base = np.asarray(base, dtype=float)
    candidate = np.asarray(candidate, dtype=float)
    if base.ndim == 1:
        base, candidate = base[:, None], candidate[:, None]
    k = base.shape[1]
    if len(base) == 0:
        return np.full(resamples, np.nan)
    if counts is None:
        rows = _group_rows(np.hstack([base, candidate]), clusters)
        distinct, counts = np.unique(rows, axis=0, return_counts=True)
    else:
        if clusters is not None:
            raise ValueError("tallied rows are independent items: no clusters with counts")
        distinct, inverse = np.unique(np.hstack([base, candidate]), axis=0, return_inverse=True)
        counts = np.bincount(inverse.ravel(), weights=counts, minlength=len(distinct))
        # A row drawn with probability 0 would still change the multinomial's draws.
        kept = counts > 0
        distinct, counts = distinct[kept], counts[kept].astype(np.int64)
    units = int(counts.sum())
    probabilities = counts / units
    rng = np.random.default_rng(seed_from_label(seed))
    batch = max(1, min(resamples, _BATCH_CELLS // max(len(distinct), 1)))
    replicates = np.empty(resamples)
    for start in range(0, resamples, batch):
        size = min(batch, resamples - start)
        weights = rng.multinomial(units, probabilities, size=size).astype(float)
        totals = weights @ distinct
        with np.errstate(divide="ignore", invalid="ignore"):
            replicates[start : start + size] = statistic(totals[:, k:]) - statistic(totals[:, :k])
    return replicates


def paired_bootstrap_indices(
    statistic: Callable[..., np.ndarray],
    base: Sequence[np.ndarray],
    candidate: Sequence[np.ndarray],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int | str = 0,
    clusters: np.ndarray | None = None,
) -> np.ndarray:
    """Index-resampling paired bootstrap for metrics without sufficient statistics (ECE).

    ``statistic(*arrays, axis=-1)`` is vectorised over leading axes.
    """
    base = [np.asarray(a) for a in base]
    candidate = [np.asarray(a) for a in candidate]
    n = len(base[0])
    if n == 0:
        return np.full(resamples, np.nan)
    rng = np.random.default_rng(seed_from_label(seed))
    replicates = np.empty(resamples)
    if clusters is None:
        batch = max(1, min(resamples, _BATCH_CELLS // n))
        for start in range(0, resamples, batch):
            size = min(batch, resamples - start)
            index = rng.integers(0, n, size=(size, n))
            replicates[start : start + size] = statistic(
                *[a[index] for a in candidate], axis=-1
            ) - statistic(*[a[index] for a in base], axis=-1)
        return replicates
    _, inverse = np.unique(np.asarray(clusters), return_inverse=True)
    members = [np.flatnonzero(inverse == c) for c in range(int(inverse.max()) + 1)]
    for b in range(resamples):
        chosen = rng.integers(0, len(members), size=len(members))
        index = np.concatenate([members[c] for c in chosen])
        replicates[b] = float(statistic(*[a[index] for a in candidate], axis=-1)) - float(
            statistic(*[a[index] for a in base], axis=-1)
        )
    return replicates


def percentile_interval(replicates: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    """Two-sided percentile interval of bootstrap replicates (NaN replicates dropped)."""
    finite = replicates[np.isfinite(replicates)]
    if len(finite) == 0:
        return (float("nan"), float("nan"))
    tail = (1 - confidence) / 2
    return (float(np.quantile(finite, tail)), float(np.quantile(finite, 1 - tail)))


def bootstrap_p_value(replicates: np.ndarray, tolerance: float) -> float:
    """One-sided p for H0: Δ ≥ −τ (higher = better), by CI inversion.

    ``p = (#{Δ*_b ≥ −τ} + 1) / (B + 1)``: small when almost every resample puts the
    candidate more than τ below the baseline.

    >>> bootstrap_p_value(np.array([-0.05, -0.04, -0.03, 0.01]), tolerance=0.02)
    0.4
    """
    finite = replicates[np.isfinite(replicates)]
    # Float rounding of a replicate that equals −τ exactly must count as "≥ −τ".
    at_least = int(np.sum(finite >= -tolerance - 1e-12))
    return (at_least + 1) / (len(finite) + 1)
