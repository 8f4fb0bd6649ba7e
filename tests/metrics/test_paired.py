"""Paired statistics: McNemar against scipy, the bootstrap against hand enumeration, MDE."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.stats import binomtest
from sklearn.metrics import f1_score

from harness.metrics.intervals import holm, holm_adjusted
from harness.metrics.paired import (
    bootstrap_p_value,
    mcnemar,
    mcnemar_from_counts,
    mean_statistic,
    minimum_detectable_effect,
    paired_bootstrap,
    percentile_interval,
)


@pytest.mark.parametrize("worse,better", [(0, 0), (5, 0), (0, 5), (12, 3), (30, 41), (100, 80)])
def test_mcnemar_matches_binomtest(worse: int, better: int) -> None:
    result = mcnemar_from_counts(worse, better)
    if worse + better == 0:
        assert (result.p_worse, result.p_two_sided) == (1.0, 1.0)
        return
    total = worse + better
    assert result.p_worse == pytest.approx(
        binomtest(worse, total, 0.5, alternative="greater").pvalue
    )
    assert result.p_two_sided == pytest.approx(binomtest(worse, total, 0.5).pvalue)


def test_mcnemar_counts_discordant_pairs() -> None:
    base = [True, True, True, False, False, True]
    cand = [False, False, True, True, False, True]
    result = mcnemar(base, cand)
    assert (result.worse, result.better) == (2, 1)


@pytest.mark.parametrize(
    "n,d,expected",
    [(500, 0.05, 0.025), (1000, 0.10, 0.025), (1000, 0.20, 0.035), (5000, 0.05, 0.008)],
)
def test_minimum_detectable_effect_matches_reference_table(
    n: int, d: float, expected: float
) -> None:
    # eval-methods §2.4: one-sided α = 0.05, 80% power, rounded to 0.1 pp.
    assert minimum_detectable_effect(d, n) == pytest.approx(expected, abs=0.0006)


def _correct_rows(values: list[int]) -> np.ndarray:
    return np.column_stack([np.array(values, dtype=float), np.ones(len(values))])


def test_paired_bootstrap_matches_enumeration_of_all_resamples() -> None:
    # Three items: the candidate loses item 0 and ties on the others (δ = −1, 0, 0).
    base, cand = [1, 1, 0], [0, 1, 0]
    exact: dict[float, float] = {}
    for index in itertools.product(range(3), repeat=3):  # all 27 equally likely resamples
        delta = round(np.mean([cand[i] - base[i] for i in index]), 6)
        exact[delta] = exact.get(delta, 0.0) + 1 / 27
    # By hand: Δ* = −k/3 with k ~ Bin(3, 1/3): P = 8/27, 12/27, 6/27, 1/27.
    assert exact == pytest.approx(
        {0.0: 8 / 27, -0.333333: 12 / 27, -0.666667: 6 / 27, -1.0: 1 / 27}
    )

    replicates = paired_bootstrap(
        _correct_rows(base), _correct_rows(cand), mean_statistic, resamples=40_000, seed=3
    )
    for value, probability in exact.items():
        observed = np.mean(np.isclose(replicates, value, atol=1e-6))
        assert observed == pytest.approx(probability, abs=0.01)
    # p for H0: Δ ≥ 0 is P(Δ* ≥ 0) = 8/27 up to Monte-Carlo error.
    assert bootstrap_p_value(replicates, 0.0) == pytest.approx(8 / 27, abs=0.01)


def test_cluster_bootstrap_resamples_whole_clusters() -> None:
    # Cluster A: two items the candidate loses (δ sum −2, size 2); cluster B: one tie.
    base, cand, clusters = [1, 1, 1], [0, 0, 1], np.array(["A", "A", "B"])
    # By hand, drawing 2 clusters: AA → −4/4, AB/BA → −2/3, BB → 0 with P 1/4, 1/2, 1/4.
    replicates = paired_bootstrap(
        _correct_rows(base),
        _correct_rows(cand),
        mean_statistic,
        resamples=40_000,
        seed=5,
        clusters=clusters,
    )
    for value, probability in ((-1.0, 0.25), (-2 / 3, 0.5), (0.0, 0.25)):
        assert np.mean(np.isclose(replicates, value)) == pytest.approx(probability, abs=0.01)


def test_bootstrap_is_seeded() -> None:
    rng = np.random.default_rng(0)
    base, cand = (
        _correct_rows(list(rng.integers(0, 2, 50))),
        _correct_rows(list(rng.integers(0, 2, 50))),
    )
    first = paired_bootstrap(base, cand, mean_statistic, resamples=500, seed="s")
    again = paired_bootstrap(base, cand, mean_statistic, resamples=500, seed="s")
    other = paired_bootstrap(base, cand, mean_statistic, resamples=500, seed="t")
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


def test_bootstrap_p_value_is_ci_inversion() -> None:
    replicates = np.array([-0.05, -0.03, -0.02, -0.01, 0.0, 0.02])
    # #{Δ* ≥ −0.02} = 4 → (4 + 1) / (6 + 1)
    assert bootstrap_p_value(replicates, 0.02) == pytest.approx(5 / 7)
    assert bootstrap_p_value(replicates, 0.0) == pytest.approx(3 / 7)
    assert percentile_interval(np.arange(101) / 100) == pytest.approx((0.025, 0.975))


def test_macro_f1_sufficient_statistics_match_sklearn() -> None:
    from types import SimpleNamespace

    from harness.metrics.base import PairedColumns
    from harness.metrics.classification import MACRO_F1
    from harness.metrics.columns import ItemColumns

    rng = np.random.default_rng(1)
    labels = ["a", "b", "c"]
    gold = rng.integers(0, 3, 200)
    predicted = np.where(rng.random(200) < 0.7, gold, rng.integers(-1, 3, 200))

    def item(i: int, g: int, p: int) -> SimpleNamespace:
        predicted = labels[p] if p >= 0 else "other"
        return SimpleNamespace(
            id=f"i{i}",
            gold=labels[g],
            predicted=predicted,
            correct=g == p,
            probabilities=None,
            confidence=None,
            scores={},
            tags={},
        )

    base = ItemColumns.from_items([item(i, g, g) for i, g in enumerate(gold)], labels)
    candidate = ItemColumns.from_items(
        [item(i, g, p) for i, (g, p) in enumerate(zip(gold, predicted, strict=True))], labels
    )
    rows = np.arange(200)
    paired = MACRO_F1.paired(PairedColumns(base, candidate, rows, rows), labels)
    assert paired is not None and paired.mode == "sums"
    expected = f1_score(gold, predicted, labels=[0, 1, 2], average="macro", zero_division=0)
    assert paired.statistic(paired.candidate.sum(axis=0)) == pytest.approx(expected)
    assert paired.candidate_value == pytest.approx(expected)
    assert paired.statistic(paired.base.sum(axis=0)) == pytest.approx(1.0)


def test_holm_against_hand_computed_values() -> None:
    p = [0.01, 0.04, 0.03, 0.005]
    # Sorted: 0.005 ≤ .05/4 ✓, 0.01 ≤ .05/3 ✓, 0.03 ≤ .05/2 ✗ → stop.
    assert holm(p, 0.05).tolist() == [True, False, False, True]
    # Adjusted: 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, max(1·0.04, 0.06) = 0.06.
    assert holm_adjusted(p) == pytest.approx([0.03, 0.06, 0.06, 0.02])
