"""Confidence intervals and multiple-testing corrections: the one set that metrics, slices,
analyses, findings, attack, bias and the gate use.

Defaults follow the project's reference (eval-methods.md §2): Wilson intervals for
proportions, Newcombe's hybrid score interval for a difference of two independent
proportions, percentile bootstrap for everything else (clusters resampled whole when
items are grouped), Holm for gating (any dependence), Benjamini–Hochberg for flagging.
Paired statistics of two runs (bootstrap, McNemar, MDE) are in
``harness.metrics.paired``; a test's shared bootstrap resamples in
``harness.metrics.resampling``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence

import numpy as np
from scipy import stats as scipy_stats

from harness.seeding import seed_from_label

__all__ = [
    "CONFIDENCE",
    "benjamini_hochberg",
    "bootstrap_interval",
    "cluster_bootstrap_replicates",
    "holm",
    "holm_adjusted",
    "newcombe_interval",
    "seed_from_label",
    "wilson_interval",
]

CONFIDENCE = 0.95


def wilson_interval(successes: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson score interval for a proportion (scipy's ``binomtest(...).proportion_ci``).

    >>> low, high = wilson_interval(80, 100)
    >>> round(low, 4), round(high, 4)
    (0.7112, 0.8666)
    """
    if n == 0:
        return (float("nan"), float("nan"))
    interval = scipy_stats.binomtest(int(successes), int(n)).proportion_ci(
        confidence_level=confidence, method="wilson"
    )
    return (float(interval.low), float(interval.high))


def newcombe_interval(
    successes_a: int, n_a: int, successes_b: int, n_b: int, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """CI of ``p_a − p_b`` by Newcombe's hybrid score method (his method 10).

    Built from the two Wilson intervals; unlike the Wald interval it behaves at 0 and 1.

    >>> low, high = newcombe_interval(56, 70, 48, 80)
    >>> round(low, 4), round(high, 4)
    (0.0524, 0.3339)
    """
    p_a, p_b = successes_a / n_a, successes_b / n_b
    low_a, high_a = wilson_interval(successes_a, n_a, confidence)
    low_b, high_b = wilson_interval(successes_b, n_b, confidence)
    difference = p_a - p_b
    lower = difference - math.sqrt((p_a - low_a) ** 2 + (high_b - p_b) ** 2)
    upper = difference + math.sqrt((high_a - p_a) ** 2 + (p_b - low_b) ** 2)
    return lower, upper


def bootstrap_interval(
    statistic: Callable[..., np.ndarray],
    data: Sequence[np.ndarray],
    *,
    resamples: int,
    seed: int | str,
    clusters: np.ndarray | None = None,
    confidence: float = CONFIDENCE,
) -> tuple[float, float]:
    """Percentile bootstrap CI of ``statistic`` over items (paired across ``data`` arrays).

    ``statistic(*arrays, axis=-1)`` must be vectorised: it receives arrays whose last
    axis indexes items and returns one value per leading index. Without ``clusters``
    this is ``scipy.stats.bootstrap``; with ``clusters`` (one cluster id per item),
    whole clusters are resampled, because items of one template family or passage are
    not independent (Miller 2024) and i.i.d. intervals would be too narrow.
    """
    arrays = [np.asarray(a) for a in data]
    n = len(arrays[0])
    if n == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed_from_label(seed))
    alpha = (1 - confidence) / 2
    if clusters is None:
        if n == 1:
            value = float(statistic(*arrays, axis=-1))
            return (value, value)
        with warnings.catch_warnings():
            # A constant sample (e.g. every item correct) gives a degenerate interval,
            # which is the honest answer: report it as [value, value].
            warnings.simplefilter("ignore", scipy_stats.DegenerateDataWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            result = scipy_stats.bootstrap(
                tuple(arrays),
                statistic,
                n_resamples=resamples,
                confidence_level=confidence,
                method="percentile",
                paired=True,
                vectorized=True,
                random_state=rng,
                batch=max(1, 2_000_000 // max(n, 1)),
            )
        low, high = float(result.confidence_interval.low), float(result.confidence_interval.high)
        if np.isnan(low) or np.isnan(high):
            value = float(statistic(*arrays, axis=-1))
            return (value, value)
        return (low, high)
    replicates = cluster_bootstrap_replicates(statistic, arrays, clusters, resamples, rng)
    return (float(np.quantile(replicates, alpha)), float(np.quantile(replicates, 1 - alpha)))


def cluster_bootstrap_replicates(
    statistic: Callable[..., np.ndarray],
    arrays: Sequence[np.ndarray],
    clusters: np.ndarray,
    resamples: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """The statistic on ``resamples`` cluster-bootstrap samples (clusters drawn with replacement)."""
    cluster_ids, inverse = np.unique(np.asarray(clusters), return_inverse=True)
    members = [np.flatnonzero(inverse == c) for c in range(len(cluster_ids))]
    values = np.empty(resamples)
    for b in range(resamples):
        chosen = rng.integers(0, len(members), size=len(members))
        index = np.concatenate([members[c] for c in chosen])
        values[b] = float(statistic(*[a[index] for a in arrays], axis=-1))
    return values


def holm(pvalues: Sequence[float], alpha: float = 0.05) -> np.ndarray:
    """Holm's step-down procedure: which hypotheses to reject at family-wise level ``alpha``.

    Valid under any dependence between tests (overlapping slices are dependent).

    >>> holm([0.01, 0.04, 0.03, 0.005], alpha=0.05).tolist()
    [True, False, False, True]
    """
    p = np.asarray(pvalues, dtype=float)
    m = len(p)
    rejected = np.zeros(m, dtype=bool)
    for rank, index in enumerate(np.argsort(p, kind="stable")):
        if p[index] <= alpha / (m - rank):
            rejected[index] = True
        else:
            break
    return rejected


def holm_adjusted(pvalues: Sequence[float]) -> np.ndarray:
    """Holm-adjusted p-values (reject where adjusted ≤ alpha), monotone and capped at 1."""
    p = np.asarray(pvalues, dtype=float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    adjusted = np.empty(m)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[index]))
        adjusted[index] = running
    return adjusted


def benjamini_hochberg(pvalues: Sequence[float], q: float = 0.10) -> np.ndarray:
    """Benjamini–Hochberg at false-discovery rate ``q`` (scipy's ``false_discovery_control``).

    >>> benjamini_hochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06], q=0.05).tolist()
    [True, True, False, False, False, False]
    """
    p = np.asarray(pvalues, dtype=float)
    if len(p) == 0:
        return np.zeros(0, dtype=bool)
    return scipy_stats.false_discovery_control(p, method="bh") <= q
