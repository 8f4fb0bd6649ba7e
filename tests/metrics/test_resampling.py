"""Shared bootstrap resamples as count weights (harness.metrics.resampling).

Each weighted statistic must equal the plain statistic on the resampled items
(gathered by index); the interval must cover at its level (by simulation); and a
test's metrics must be computed on one set of draws.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from harness.metrics.base import MetricContext
from harness.metrics.columns import ItemColumns
from harness.metrics.resampling import IntervalPlan, Resamples, metric_interval, weighted_mean
from harness.metrics.scores import mean_score
from harness.metrics.statistics import (
    ece_from_arrays,
    macro_f1_from_codes,
    weighted_ece,
    weighted_macro_f1,
)
from harness.metrics.summary import compute_metrics, on_shared_resamples


def gathered(n: int, rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Index resamples and their count weights."""
    index = np.random.default_rng(seed).integers(0, n, size=(rows, n))
    weights = np.stack([np.bincount(row, minlength=n) for row in index]).astype(float)
    return index, weights


@pytest.mark.parametrize("n", [1, 2, 5, 9, 10, 11, 37, 300])
def test_weighted_statistics_equal_the_statistic_on_the_resampled_items(n: int) -> None:
    rng = np.random.default_rng(n)
    confidence = rng.random(n)
    correct = (rng.random(n) < confidence).astype(float)
    gold = rng.integers(0, 3, n)
    predicted = rng.integers(-1, 3, n)  # -1: an answer outside the labels
    index, weights = gathered(n, 40, seed=n)

    f1 = weighted_macro_f1(gold, predicted, 3)(weights)
    np.testing.assert_array_equal(f1, macro_f1_from_codes(gold[index], predicted[index], 3))
    mean = weighted_mean(confidence)(weights)
    np.testing.assert_allclose(mean, confidence[index].mean(axis=1), rtol=1e-12)
    ece = weighted_ece(confidence, correct, 10)(weights)
    expected = ece_from_arrays(confidence[index], correct[index])
    np.testing.assert_allclose(ece, expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", range(4))
def test_weighted_ece_with_ties_orders_them_by_item(seed: int) -> None:
    """Few distinct confidences: ties straddle bin edges, and which item of a tie falls
    in which bin is decided by item order, as a stable sort of the resample taken in
    item order decides it."""
    rng = np.random.default_rng(seed)
    confidence = np.round(rng.uniform(0.3, 1.0, size=120), 1)
    correct = (rng.random(120) < confidence).astype(float)
    index, weights = gathered(120, 30, seed=seed)
    in_item_order = np.sort(index, axis=1)
    expected = ece_from_arrays(confidence[in_item_order], correct[in_item_order])
    got = weighted_ece(confidence, correct, 10)(weights)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)
    assert np.ptp(got) > 0  # the resamples differ: the comparison is not trivial


def test_count_weights_are_resamples_of_n_items() -> None:
    drawn = Resamples(n=57, resamples=300, seed="t")
    weights = np.concatenate(list(drawn.weights()))
    assert weights.shape == (300, 57)
    assert np.all(weights.sum(axis=1) == 57) and np.all(weights == np.round(weights))
    # Each item is drawn Binomial(57, 1/57) times: mean 1 per resample.
    assert weights.mean() == pytest.approx(1.0)
    assert 0.9 < weights.var() < 1.1
    again = np.concatenate(list(Resamples(n=57, resamples=300, seed="t").weights()))
    np.testing.assert_array_equal(weights, again)
    other = np.concatenate(list(Resamples(n=57, resamples=300, seed="u").weights()))
    assert not np.array_equal(weights, other)


def test_clustered_weights_draw_whole_clusters() -> None:
    clusters = np.array(["a", "a", "a", "b", "c", "c", "d", "d", "d", "d"])
    weights = np.concatenate(list(Resamples(10, 500, "c", clusters).weights()))
    for name in "abcd":
        members = weights[:, clusters == name]
        assert np.all(members == members[:, :1])  # a cluster is drawn whole
    per_cluster = np.stack([weights[:, clusters == name][:, 0] for name in "abcd"], axis=1)
    assert np.all(per_cluster.sum(axis=1) == 4)  # four clusters drawn per resample


def test_a_plan_gives_the_intervals_drawn_alone() -> None:
    rng = np.random.default_rng(2)
    values, other = rng.random(80), rng.random(80)
    alone = Resamples(80, 400, "s").interval(weighted_mean(values))
    plan = IntervalPlan()
    for _ in range(2):  # record, then replay
        first = plan.interval(Resamples(80, 400, "s"), weighted_mean(values))
        second = plan.interval(Resamples(80, 400, "s"), weighted_mean(other))
        if plan.solved is None:
            assert np.isnan(first[0]) and np.isnan(second[0])
            plan.solve()
            plan.read = 0
    assert first == alone
    assert second == Resamples(80, 400, "s").interval(weighted_mean(other))


def test_a_tests_metrics_share_their_resamples() -> None:
    """Brier is the mean of a per-item score: given that score as ``brier_item``, the
    mean metric's interval and Brier's are the same numbers, because both are drawn
    on the test's resamples (seeded by the test, not by the metric)."""
    rng = np.random.default_rng(4)
    labels = ("yes", "no")
    items = []
    for i in range(150):
        p_yes = float(rng.random())
        gold = "yes" if rng.random() < p_yes else "no"
        brier = (p_yes - (gold == "yes")) ** 2 + ((1 - p_yes) - (gold == "no")) ** 2
        items.append(
            SimpleNamespace(  # the fields metrics read, as the gate's records have them
                id=f"i{i}",
                gold=gold,
                predicted="yes" if p_yes >= 0.5 else "no",
                correct=(p_yes >= 0.5) == (gold == "yes"),
                probabilities={"yes": p_yes, "no": 1 - p_yes},
                confidence=max(p_yes, 1 - p_yes),
                scores={"brier_item": brier},
                tags={},
            )
        )
    columns = ItemColumns.from_items(items, labels)
    context = MetricContext(resamples=500, seed="test-a")
    headline, _ = compute_metrics(["brier", "macro_f1", "ece"], columns, labels, context)
    mean = on_shared_resamples(lambda c: mean_score("brier_item")(columns, labels, c), context)
    assert (headline["brier"].ci_low, headline["brier"].ci_high) == pytest.approx(
        (mean.ci_low, mean.ci_high), rel=1e-12
    )
    # Another test's seed draws other resamples.
    other = mean_score("brier_item")(columns, labels, MetricContext(resamples=500, seed="test-b"))
    assert (other.ci_low, other.ci_high) != (mean.ci_low, mean.ci_high)
    # Without a plan every metric draws the same resamples itself: the same numbers.
    for name in ("brier", "macro_f1", "ece"):
        from harness.registry import METRICS

        alone = METRICS.get(name)(columns, labels, context)
        assert (alone.ci_low, alone.ci_high) == (headline[name].ci_low, headline[name].ci_high)


def test_mean_interval_covers_about_95_percent() -> None:
    rng = np.random.default_rng(11)
    covered, repetitions = 0, 300
    for r in range(repetitions):
        sample = (rng.random(200) < 0.7).astype(float)
        low, high = Resamples(200, 1000, r).interval(weighted_mean(sample))
        covered += low <= 0.7 <= high
    # Binomial(300, 0.95) lies in [0.91, 0.985] with probability > 0.99.
    assert 0.91 <= covered / repetitions <= 0.985


def test_clustered_interval_covers_where_an_iid_one_does_not() -> None:
    """Items share a cluster effect: the cluster bootstrap covers near 95%, the i.i.d.
    bootstrap on the same data covers far less (too narrow), as Miller 2024 says."""
    rng = np.random.default_rng(3)
    clustered = iid = 0
    repetitions, n_clusters, size = 200, 30, 10
    clusters = np.repeat(np.arange(n_clusters), size)
    for r in range(repetitions):
        effects = rng.normal(0, 1, n_clusters)
        values = np.repeat(effects, size) + rng.normal(0, 0.3, n_clusters * size)
        statistic = weighted_mean(values)
        low, high = Resamples(len(values), 1000, r, clusters).interval(statistic)
        clustered += low <= 0.0 <= high
        low, high = Resamples(len(values), 1000, r).interval(statistic)
        iid += low <= 0.0 <= high
    assert 0.88 <= clustered / repetitions <= 0.99
    assert iid / repetitions < 0.6


def test_macro_f1_interval_covers_the_population_value() -> None:
    rng = np.random.default_rng(5)
    confusion = np.array([[0.25, 0.05, 0.03], [0.06, 0.2, 0.07], [0.02, 0.05, 0.27]])
    flat = confusion.ravel() / confusion.sum()
    population = rng.choice(9, size=400_000, p=flat)
    true_value = float(macro_f1_from_codes(population // 3, population % 3, 3))
    covered, repetitions = 0, 150
    for r in range(repetitions):
        cells = rng.choice(9, size=300, p=flat)
        statistic = weighted_macro_f1(cells // 3, cells % 3, 3)
        low, high = metric_interval(MetricContext(resamples=1000, seed=r), 300, statistic, None)
        covered += low <= true_value <= high
    assert 0.89 <= covered / repetitions <= 0.99


def test_constant_and_empty_samples() -> None:
    # Resamples that cannot vary (a constant sample, one item) give no interval: not
    # estimable, never a point.
    for constant in (np.ones(30), np.array([0.25])):
        low, high = Resamples(len(constant), 200, 1).interval(weighted_mean(constant))
        assert np.isnan(low) and np.isnan(high)
    low, high = Resamples(0, 200, 1).interval(weighted_mean(np.zeros(0)))
    assert np.isnan(low) and np.isnan(high)
