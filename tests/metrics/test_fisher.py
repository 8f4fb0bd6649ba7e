"""One-sided Fisher's exact test in exact integers, against a hand count and scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as scipy_stats

from harness.metrics import matched
from harness.metrics.matched import fisher_less


def test_a_hand_counted_table() -> None:
    """[[1, 4], [4, 1]]: P(X <= 1) = (C(5,0) C(5,5) + C(5,1) C(5,4)) / C(10,5) = 26/252."""
    assert fisher_less(1, 5, 4, 5) == 26 / 252


@pytest.mark.parametrize("seed", range(4))
def test_it_agrees_with_scipy_on_random_tables(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(300):
        n, reference_n = int(rng.integers(1, 400)), int(rng.integers(1, 800))
        correct = int(rng.integers(0, n + 1))
        reference_correct = int(rng.integers(0, reference_n + 1))
        table = [[correct, n - correct], [reference_correct, reference_n - reference_correct]]
        expected = scipy_stats.fisher_exact(table, alternative="less").pvalue
        found = fisher_less(correct, n, reference_correct, reference_n)
        assert 0.0 <= found <= 1.0
        assert math.isclose(found, expected, rel_tol=1e-12, abs_tol=1e-300)


@pytest.mark.parametrize(
    "table",
    [(0, 5, 0, 5), (5, 5, 5, 5), (0, 5, 5, 5), (5, 5, 0, 5), (0, 1, 0, 1), (3, 3, 0, 9)],
)
def test_the_edges(table: tuple[int, int, int, int]) -> None:
    correct, n, reference_correct, reference_n = table
    expected = scipy_stats.fisher_exact(
        [[correct, n - correct], [reference_correct, reference_n - reference_correct]],
        alternative="less",
    ).pvalue
    assert math.isclose(fisher_less(*table), expected, rel_tol=1e-12)


def test_large_tables_go_to_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the size where exact integers grow long, the value is scipy's own."""
    monkeypatch.setattr(matched, "EXACT_FISHER_MAX_N", 50)
    expected = scipy_stats.fisher_exact([[30, 10], [25, 5]], alternative="less").pvalue
    assert fisher_less(30, 40, 25, 30) == expected
