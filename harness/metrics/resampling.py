"""One test's bootstrap resamples, shared by its metrics, as count weights.

A resample of ``n`` items drawn with replacement is the same thing as a count per
item (how often it was drawn). Every bootstrapped metric of a test (macro-F1, ECE,
Brier, the means of per-item scores, clustered accuracy) is evaluated on the *same*
resamples: they are drawn from the test's seed, so two metrics of one test never
disagree because their draws did, and each statistic is a product of a weight matrix
with a column or a cumulative sum instead of a gather of ``n × B`` values:

* a mean is ``W @ x / W.sum()`` (``weighted_mean`` here);
* macro-F1 needs the weighted count of each (gold, predicted) pair: ``W @ onehot``;
* ECE with equal-mass bins needs the items in confidence order, which is the same
  for every resample (the data are sorted once); a bin's sums are differences of the
  cumulative weighted sums at its edges (both in ``harness.metrics.statistics``).

Clusters (``cluster_by``) are drawn whole, and each item takes its cluster's count,
so a clustered bootstrap costs the same as an i.i.d. one.

The draws depend only on (seed, n, resamples, clusters). A test's headline metrics
are computed through an ``IntervalPlan``: a first pass records every interval they
ask for, all of them are computed in one pass over the resamples (drawn once), and a
second pass reads them back. Without a plan a metric draws its resamples itself: the
same draws, so the same numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

import numpy as np

from harness.metrics.intervals import CONFIDENCE, NOT_ESTIMABLE, estimate_interval
from harness.seeding import seed_from_label

#: Count weights held per batch of resamples (rows × items): 16 MB of float64.
BATCH_ELEMENTS = 2_000_000

T = TypeVar("T")

#: A statistic of count weights: (rows × n) weights → one value per row.
WeightedStatistic = Callable[[np.ndarray], np.ndarray]


def _counts(draws: np.ndarray, width: int) -> np.ndarray:
    """How often each of ``width`` values occurs in each row of ``draws`` (rows × width).

    One bincount over all rows: row r's values are moved to [r·width, (r+1)·width),
    in place (a batch holds at most ``BATCH_ELEMENTS`` + width draws: int32 is enough).
    """
    rows = draws.shape[0]
    draws += (np.arange(rows, dtype=draws.dtype) * width)[:, None]
    return np.bincount(draws.ravel(), minlength=rows * width).reshape(rows, width)


@dataclass
class Resamples:
    """``resamples`` bootstrap resamples of ``n`` items, drawn from ``seed``."""

    n: int
    resamples: int
    seed: int | str
    clusters: np.ndarray | None = None

    def __post_init__(self) -> None:
        clusters_digest = None
        if self.clusters is not None:
            _, cluster_of = np.unique(np.asarray(self.clusters), return_inverse=True)
            self._cluster_of = cluster_of.reshape(-1).astype(np.int64)
            self._width = int(self._cluster_of.max()) + 1 if self.n else 0
            clusters_digest = hashlib.sha256(self._cluster_of.tobytes()).hexdigest()
        else:
            self._width = self.n
        self._key = (self.n, self.resamples, str(self.seed), clusters_digest)

    def key(self) -> tuple[object, ...]:
        """What the draws depend on: equal keys, equal resamples."""
        return self._key

    def _drawn(self) -> Iterator[np.ndarray]:
        rng = np.random.default_rng(seed_from_label(self.seed))
        rows = max(1, BATCH_ELEMENTS // max(self.n, 1))
        for start in range(0, self.resamples, rows):
            shape = (min(rows, self.resamples - start), self._width)
            draws = rng.integers(0, self._width, size=shape, dtype=np.int32)
            counts = _counts(draws, self._width)
            if self.clusters is not None:
                counts = counts[:, self._cluster_of]  # an item counts as often as its cluster
            yield counts

    def weights(self) -> Iterator[np.ndarray]:
        """The count weights, a batch of rows at a time (float64, rows × n)."""
        for counts in self._drawn():
            yield counts.astype(float)

    def replicates(self, statistic: WeightedStatistic) -> np.ndarray:
        """The statistic on every resample."""
        return np.concatenate([statistic(weights) for weights in self.weights()])

    def interval(
        self, statistic: WeightedStatistic, confidence: float = CONFIDENCE
    ) -> tuple[float, float]:
        """The bootstrap interval of one statistic (``estimate_interval``)."""
        if self.n == 0:
            return NOT_ESTIMABLE
        return self.intervals([statistic], confidence)[0]

    def intervals(
        self, statistics: Sequence[WeightedStatistic], confidence: float = CONFIDENCE
    ) -> list[tuple[float, float]]:
        """Intervals of several statistics (``estimate_interval``), on one pass over the
        resamples; ``NOT_ESTIMABLE`` where the resamples cannot show the uncertainty."""
        if self.n == 0:
            return [NOT_ESTIMABLE] * len(statistics)
        if self._width < 2:
            return [NOT_ESTIMABLE] * len(statistics)  # one unit: every resample is the data
        replicates: list[list[np.ndarray]] = [[] for _ in statistics]
        for weights in self.weights():
            for values, statistic in zip(replicates, statistics, strict=True):
                values.append(statistic(weights))
        found = []
        for values, statistic in zip(replicates, statistics, strict=True):
            point = float(statistic(np.ones((1, self.n)))[0])
            found.append(estimate_interval(np.concatenate(values), point, confidence))
        return found


@dataclass
class IntervalPlan:
    """Record, then compute in one pass per set of resamples, then replay.

    A test's metrics run twice with the same plan: the first run records what each
    interval needs and gets NaN; ``solve`` draws each set of resamples once and
    evaluates every recorded statistic on it; the second run gets the intervals in
    the order it asks for them (the same order: metrics are deterministic).
    """

    recorded: list[tuple[Resamples, WeightedStatistic]] = field(default_factory=list)
    solved: list[tuple[float, float]] | None = None
    read: int = 0

    def interval(self, resamples: Resamples, statistic: WeightedStatistic) -> tuple[float, float]:
        if self.solved is None:
            self.recorded.append((resamples, statistic))
            return (float("nan"), float("nan"))
        answer = self.solved[self.read]
        self.read += 1
        return answer

    def solve(self) -> None:
        groups: dict[tuple[object, ...], list[int]] = {}
        for position, (resamples, _) in enumerate(self.recorded):
            groups.setdefault(resamples.key(), []).append(position)
        solved: list[tuple[float, float]] = [(float("nan"), float("nan"))] * len(self.recorded)
        for positions in groups.values():
            resamples = self.recorded[positions[0]][0]
            found = resamples.intervals([self.recorded[p][1] for p in positions])
            for position, interval in zip(positions, found, strict=True):
                solved[position] = interval
        self.solved = solved


def on_one_draw(compute: Callable[[IntervalPlan], T]) -> T:
    """``compute(plan)`` with every interval it asks ``plan`` for drawn on one pass: run
    once to record them, draw each set of resamples once, run again to read them."""
    plan = IntervalPlan()
    recorded = compute(plan)
    if not plan.recorded:
        return recorded  # nothing was bootstrapped: the first run's answer is final
    plan.solve()
    return compute(plan)


def bootstrap(
    n: int,
    statistic: WeightedStatistic,
    *,
    resamples: int,
    seed: int | str,
    clusters: np.ndarray | None,
    plan: IntervalPlan | None = None,
) -> tuple[float, float]:
    """The percentile interval of ``statistic`` over ``n`` items: through ``plan`` when
    there is one (shared draws), else drawn here (the same draws)."""
    drawn = Resamples(n, resamples, seed, clusters)
    if plan is not None:
        return plan.interval(drawn, statistic)
    return drawn.interval(statistic)


# --- statistics of count weights ---------------------------------------------------------


def weighted_mean(values: np.ndarray) -> WeightedStatistic:
    """The mean of ``values`` on each resample."""
    values = np.asarray(values, dtype=float)

    def statistic(weights: np.ndarray) -> np.ndarray:
        return (weights @ values) / weights.sum(axis=1)

    return statistic


class DrawContext(Protocol):
    """What a test's resamples are drawn from (``harness.metrics.base.MetricContext``)."""

    @property
    def resamples(self) -> int: ...

    @property
    def seed(self) -> int | str: ...

    @property
    def plan(self) -> IntervalPlan | None: ...


def metric_interval(
    context: DrawContext, n: int, statistic: WeightedStatistic, clusters: np.ndarray | None
) -> tuple[float, float]:
    """A metric's percentile bootstrap interval: the test's resamples (seeded by the
    test, not the metric, so every metric of a test sees the same ones)."""
    return bootstrap(
        n,
        statistic,
        resamples=context.resamples,
        seed=context.seed,
        clusters=clusters,
        plan=context.plan,
    )
