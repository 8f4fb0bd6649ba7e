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
from statistics import NormalDist

import numpy as np

from harness.seeding import seed_from_label

__all__ = [
    "CONFIDENCE",
    "Interval",
    "benjamini_hochberg",
    "bootstrap_label",
    "bootstrap_interval",
    "cluster_bootstrap_replicates",
    "paired_bootstrap_replicates",
    "holm",
    "holm_adjusted",
    "newcombe_interval",
    "seed_from_label",
    "wilson_interval",
]

CONFIDENCE = 0.95


def wilson_interval(successes: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson score interval for a proportion (what scipy's
    ``binomtest(...).proportion_ci(method="wilson")`` gives, in closed form: a report asks
    for thousands of these, and the closed form costs a microsecond where scipy's object
    costs a millisecond).

    >>> low, high = wilson_interval(80, 100)
    >>> round(low, 4), round(high, 4)
    (0.7112, 0.8666)
    """
    if n == 0:
        return (float("nan"), float("nan"))
    x, total = float(successes), float(n)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    denominator = total + z * z
    centre = (x + z * z / 2) / denominator
    half = z / denominator * math.sqrt(x * (total - x) / total + z * z / 4)
    # The bounds hold the proportion in exact arithmetic; rounding must not move them
    # past it (0/n and n/n would otherwise fall a hair outside their own interval).
    proportion = x / total
    return (max(0.0, min(centre - half, proportion)), min(1.0, max(centre + half, proportion)))


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


#: The interval of an estimate whose uncertainty the resamples cannot show: too few
#: units to resample (one cluster), a statistic undefined on some resample, resamples
#: that all give one value. Reported as not estimable, never as a point.
NOT_ESTIMABLE = (float("nan"), float("nan"))

#: How a bootstrap interval was found (``Interval.how``).
PERCENTILE = "percentile"
STANDARD = "standard"


class Interval(tuple[float, float]):
    """``(low, high)`` that also says how the resamples gave it (``how``): the percentile
    interval, or the standard one that replaced it where the percentile interval missed
    the estimate. It unpacks and compares as the pair it is."""

    how: str

    def __new__(cls, low: float, high: float, how: str) -> Interval:
        interval = super().__new__(cls, (low, high))
        interval.how = how
        return interval


def bootstrap_label(interval: tuple[float, float], method: str) -> str:
    """``method`` as it names the interval it labels: a bootstrap method recorded as
    "…-percentile" reads "…-standard" where the standard interval replaced it.

    >>> bootstrap_label(Interval(0.1, 0.3, STANDARD), "cluster-bootstrap-percentile")
    'cluster-bootstrap-standard'
    >>> bootstrap_label(Interval(0.1, 0.3, PERCENTILE), "bootstrap-percentile")
    'bootstrap-percentile'
    """
    if getattr(interval, "how", PERCENTILE) == STANDARD:
        return method.replace(PERCENTILE, STANDARD)
    return method


def estimate_interval(
    replicates: np.ndarray, point: float, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """A bootstrap interval that holds ``point``, or ``NOT_ESTIMABLE``.

    The percentile interval (linear interpolation, as scipy's percentile) where it holds
    the point estimate. Where it does not (a statistic biased under resampling: ECE,
    whose resamples' miscalibration exceeds the sample's, gave 0.156 [0.193, 0.371]),
    the standard bootstrap interval ``point ± z·sd(replicates)``, kept within the values
    the statistic took: it is centred on the estimate, so it holds it by construction.
    Not estimable where some resample leaves the statistic undefined or every resample
    gives one value (its uncertainty is unknown, not zero). The ``Interval`` says which
    of the two it is: ``bootstrap_label`` names it in a metric's method.
    """
    replicates = np.asarray(replicates, dtype=float)
    if not len(replicates) or not math.isfinite(point) or not np.all(np.isfinite(replicates)):
        return NOT_ESTIMABLE
    alpha = (1 - confidence) / 2
    low, high = (float(q) for q in np.quantile(replicates, [alpha, 1 - alpha]))
    if low <= point <= high:
        return Interval(low, high, PERCENTILE) if low < high else NOT_ESTIMABLE
    spread = float(np.std(replicates, ddof=1)) if len(replicates) > 1 else 0.0
    if not spread > 0:
        return NOT_ESTIMABLE
    z = NormalDist().inv_cdf(1 - alpha)
    floor = min(float(replicates.min()), point)
    ceiling = max(float(replicates.max()), point)
    return Interval(max(point - z * spread, floor), min(point + z * spread, ceiling), STANDARD)


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
    the replicates are ``scipy.stats.bootstrap``'s (``paired_bootstrap_replicates``); with
    ``clusters`` (one cluster id per item), whole clusters are resampled, because items of
    one template family or passage are not independent (Miller 2024) and i.i.d. intervals
    would be too narrow.
    """
    arrays = [np.asarray(a) for a in data]
    n = len(arrays[0])
    if n == 0:
        return NOT_ESTIMABLE
    rng = np.random.default_rng(seed_from_label(seed))
    point = float(np.asarray(statistic(*arrays, axis=-1)).reshape(-1)[0])
    if clusters is None:
        if n == 1:
            return NOT_ESTIMABLE  # one item: every resample is the data
        with warnings.catch_warnings():
            # A constant sample or an undefined statistic on some resample: estimate_interval
            # reports what cannot be estimated.
            warnings.simplefilter("ignore", RuntimeWarning)
            replicates = paired_bootstrap_replicates(
                statistic, arrays, resamples, rng, batch=max(1, 2_000_000 // max(n, 1))
            )
        return estimate_interval(replicates, point, confidence)
    if len(np.unique(np.asarray(clusters))) < 2:
        return NOT_ESTIMABLE  # one cluster: every resample is the data
    replicates = cluster_bootstrap_replicates(statistic, arrays, clusters, resamples, rng)
    return estimate_interval(replicates, point, confidence)


def paired_bootstrap_replicates(
    statistic: Callable[..., np.ndarray],
    arrays: Sequence[np.ndarray],
    resamples: int,
    rng: np.random.Generator,
    *,
    batch: int,
) -> np.ndarray:
    """The statistic on ``resamples`` i.i.d. resamples of the items, drawn ``batch`` at a time.

    Exactly the bootstrap distribution of ``scipy.stats.bootstrap(arrays, statistic,
    paired=True, vectorized=True, batch=batch, rng=rng)`` for one-dimensional arrays
    (the same draws, in the same order: tested against it), without importing
    ``scipy.stats``, which costs a warm re-run about half a second.
    """
    if resamples < 1 or any(np.ndim(a) != 1 for a in arrays):
        from scipy import stats as scipy_stats  # the general case, as scipy does it

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", scipy_stats.DegenerateDataWarning)
            return np.asarray(
                scipy_stats.bootstrap(
                    tuple(arrays),
                    statistic,
                    n_resamples=resamples,
                    method="percentile",
                    paired=True,
                    vectorized=True,
                    random_state=rng,
                    batch=batch,
                ).bootstrap_distribution
            )
    n = len(arrays[0])
    values = []
    for start in range(0, resamples, batch):
        index = rng.integers(0, n, size=(min(batch, resamples - start), n), dtype=np.int64)
        values.append(np.asarray(statistic(*[a[..., index] for a in arrays], axis=-1)))
    return np.concatenate(values, axis=-1)


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
    """Benjamini–Hochberg at false-discovery rate ``q``: reject where the adjusted p-value
    is at most ``q``.

    The adjusted p-values are computed as ``scipy.stats.false_discovery_control(p,
    method="bh")`` computes them, operation for operation (tested equal bit for bit),
    without importing scipy.stats, which costs a warm re-run about half a second.

    >>> benjamini_hochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06], q=0.05).tolist()
    [True, True, False, False, False, False]
    """
    p = np.asarray(pvalues, dtype=float)
    if len(p) == 0:
        return np.zeros(0, dtype=bool)
    if not np.all((p >= 0) & (p <= 1)):
        raise ValueError("p-values must lie between 0 and 1")
    return bh_adjusted(p) <= q


def bh_adjusted(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values, in the order given (one-dimensional ``p``)."""
    m = len(p)
    if m <= 1:
        return p.copy()
    order = np.argsort(p)
    adjusted = p[order] * (m / np.arange(1, m + 1, dtype=p.dtype))
    np.minimum.accumulate(adjusted[::-1], out=adjusted[::-1])
    restored = np.empty_like(adjusted)
    restored[order] = adjusted
    return np.clip(restored, 0, 1)
