"""Statistics: interval coverage by simulation, multiplicity against hand computation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as scipy_stats

from harness.metrics.intervals import (
    benjamini_hochberg,
    bootstrap_interval,
    holm,
    holm_adjusted,
    paired_bootstrap_replicates,
    wilson_interval,
)
from harness.metrics.statistics import macro_f1_from_codes


def test_wilson_matches_formula() -> None:
    successes, n, z = 37, 50, scipy_stats.norm.ppf(0.975)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert wilson_interval(successes, n) == pytest.approx((centre - half, centre + half))


@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_wilson_equals_scipy_at_every_count(confidence: float) -> None:
    """The closed form equals scipy's binomtest proportion_ci, edges (0 and n) included."""
    for n in (*range(1, 61), 997):
        for successes in range(0, n + 1, 1 if n <= 60 else 53):
            expected = scipy_stats.binomtest(successes, n).proportion_ci(
                confidence_level=confidence, method="wilson"
            )
            low, high = wilson_interval(successes, n, confidence)
            assert (low, high) == pytest.approx((expected.low, expected.high), abs=1e-12)
            assert 0.0 <= low <= successes / n <= high <= 1.0


def _ratio(correct: np.ndarray, weights: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.sum(correct * weights, axis=axis) / np.sum(weights, axis=axis)


@pytest.mark.parametrize(
    ("statistic", "n", "resamples", "batch"),
    [
        (np.mean, 2, 50, 7),
        (np.mean, 37, 1000, 1000),
        (np.mean, 250, 999, 64),
        (_ratio, 120, 500, 33),
    ],
)
def test_paired_replicates_are_scipys_bootstrap_distribution(
    statistic: object, n: int, resamples: int, batch: int
) -> None:
    """The same draws in the same order as scipy.stats.bootstrap(paired=True): equal bit
    for bit, so intervals did not move when scipy.stats stopped being imported for them."""
    rng = np.random.default_rng(n)
    arrays = [(rng.random(n) < 0.6).astype(float), rng.random(n) + 0.5]
    arrays = arrays[: 2 if statistic is _ratio else 1]
    ours = paired_bootstrap_replicates(
        statistic, arrays, resamples, np.random.default_rng(3), batch=batch
    )
    theirs = scipy_stats.bootstrap(
        tuple(arrays),
        statistic,
        n_resamples=resamples,
        paired=True,
        vectorized=True,
        method="percentile",
        batch=batch,
        random_state=np.random.default_rng(3),
    ).bootstrap_distribution
    assert ours.shape == (resamples,)
    assert np.array_equal(ours, theirs)


def test_bootstrap_mean_interval_covers_about_95_percent() -> None:
    """Percentile bootstrap of a mean: coverage over 300 simulated samples near 0.95."""
    rng = np.random.default_rng(11)
    true_mean, covered = 0.7, 0
    repetitions = 300
    for r in range(repetitions):
        sample = (rng.random(200) < true_mean).astype(float)
        low, high = bootstrap_interval(np.mean, [sample], resamples=1000, seed=r)
        covered += low <= true_mean <= high
    # Binomial(300, 0.95) lies in [0.91, 0.985] with probability > 0.99.
    assert 0.91 <= covered / repetitions <= 0.985


def test_bootstrap_macro_f1_interval_covers_population_value() -> None:
    """Coverage for a non-decomposable metric, against its value on a huge population."""
    rng = np.random.default_rng(5)
    confusion = np.array([[0.25, 0.05, 0.03], [0.06, 0.2, 0.07], [0.02, 0.05, 0.27]])
    flat = confusion.ravel() / confusion.sum()
    population = rng.choice(9, size=400_000, p=flat)
    true_value = float(macro_f1_from_codes(population // 3, population % 3, 3))
    covered, repetitions = 0, 150
    for r in range(repetitions):
        cells = rng.choice(9, size=300, p=flat)
        low, high = bootstrap_interval(
            lambda g, p, axis=-1: macro_f1_from_codes(g, p, 3, axis=axis),
            [cells // 3, cells % 3],
            resamples=1000,
            seed=r,
        )
        covered += low <= true_value <= high
    assert 0.89 <= covered / repetitions <= 0.99


def test_bootstrap_is_seeded_and_handles_constant_samples() -> None:
    sample = np.random.default_rng(0).random(50)
    assert bootstrap_interval(np.mean, [sample], resamples=500, seed=7) == bootstrap_interval(
        np.mean, [sample], resamples=500, seed=7
    )
    # A constant sample: resamples that cannot vary, so no interval (never [1, 1]).
    low, high = bootstrap_interval(np.mean, [np.ones(30)], resamples=500, seed=1)
    assert np.isnan(low) and np.isnan(high)


def test_holm_by_hand() -> None:
    # Sorted p: 0.005 (<= .05/4 = .0125 reject), 0.01 (<= .05/3 = .0167 reject),
    # 0.03 (> .05/2 = .025 stop): the last two are kept.
    p = [0.01, 0.04, 0.03, 0.005]
    assert holm(p, 0.05).tolist() == [True, False, False, True]
    # Adjusted: 4*.005=.02, 3*.01=.03, 2*.03=.06, max(.06, 1*.04)=.06.
    assert holm_adjusted(p).tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_benjamini_hochberg_by_hand() -> None:
    # m = 6, q = 0.05: thresholds i*q/m = .0083, .0167, .025, .0333, .0417, .05.
    # Largest i with p(i) <= threshold: i = 2 (0.008 <= .0167); 0.039 > .025.
    p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06]
    assert benjamini_hochberg(p, 0.05).tolist() == [True, True, False, False, False, False]
    assert benjamini_hochberg([0.01, 0.02, 0.03], 0.05).tolist() == [True, True, True]


def test_benjamini_hochberg_adjusts_exactly_as_scipy() -> None:
    """The same adjusted p-values as scipy's false_discovery_control, bit for bit,
    ties and the edges 0 and 1 included."""
    from harness.metrics.intervals import bh_adjusted

    rng = np.random.default_rng(4)
    for m in (2, 3, 7, 50, 400):
        for _ in range(20):
            p = rng.random(m) ** 3
            p[rng.integers(0, m, size=m // 3)] = p[0]  # ties
            if m > 3:
                p[1], p[2] = 0.0, 1.0
            expected = scipy_stats.false_discovery_control(p, method="bh")
            assert np.array_equal(bh_adjusted(p), expected)
            for q in (0.01, 0.1):
                assert np.array_equal(benjamini_hochberg(p, q=q), expected <= q)
    with pytest.raises(ValueError):
        benjamini_hochberg([0.2, float("nan")])
