"""The gate's error rates, power and CI coverage by simulation (seeded, vectorised, fast)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers.rundirs import simulate_paired_correctness

from harness.gate.compare import compare_runs
from harness.gate.config import gate_config_from_mapping
from harness.gate.gate import FAIL, evaluate_gate
from harness.gate.rundir import ItemRecord, RunRecord, TestRecord
from harness.metrics.columns import ItemColumns
from harness.metrics.paired import mean_statistic, paired_bootstrap, percentile_interval

ALPHA = 0.05
PHENOMENA = ("negation", "quantifier", "lexical")


def _record(i: int, ok: bool) -> ItemRecord:
    return ItemRecord(
        test="nli",
        id=f"x{i}",
        parent_id=None,
        transform=None,
        fields={},
        gold="entailment",
        predicted="entailment" if ok else "neutral",
        probabilities=None,
        confidence=None,
        correct=ok,
        scores={"correct": float(ok)},
        tags={"phenomenon": PHENOMENA[i % 3]},
    )


# Every item is either right or wrong: build both records once, pick per repetition.
_RECORDS = [(_record(i, False), _record(i, True)) for i in range(2000)]


def _run(correct: np.ndarray, name: str) -> RunRecord:
    labels = ("entailment", "neutral")
    items = [_RECORDS[i][int(ok)] for i, ok in enumerate(correct)]
    columns = ItemColumns.from_items(items, labels)
    test = TestRecord("nli", "evaluate", labels, {"accuracy": {}}, ("phenomenon",), None, columns)
    suite = {"name": "sim", "hash": "h", "labels": ["entailment", "neutral"], "seed": 0}
    return RunRecord(Path(name), 1, suite, {"spec": name}, {"nli": test}, {})


def _gate_fails(
    rng: np.random.Generator, n: int, base: float, cand: float, config, rho: float = 0.5
) -> bool:
    base_correct, cand_correct = simulate_paired_correctness(rng, n, base, cand, rho=rho)
    comparison = compare_runs(
        _run(base_correct, "base"), _run(cand_correct, "cand"), resamples=1000
    )
    return evaluate_gate(comparison, config).outcome == FAIL


def _mc_bound(rate: float, reps: int) -> float:
    return rate + 3 * np.sqrt(rate * (1 - rate) / reps)


def test_equal_models_rarely_fail_the_default_gate() -> None:
    rng = np.random.default_rng(20240601)
    config = gate_config_from_mapping({"resamples": 1000})
    reps = 150
    failures = sum(_gate_fails(rng, 2000, 0.80, 0.80, config) for _ in range(reps))
    assert failures / reps <= _mc_bound(ALPHA, reps)


def test_false_failure_rate_at_the_tolerance_boundary_is_about_alpha() -> None:
    # True Δ = −τ exactly: the least favourable null. Rejections ≈ α, not more.
    rng = np.random.default_rng(7)
    config = gate_config_from_mapping(
        {"resamples": 1000, "checks": [{"test": "nli", "metric": "accuracy", "tolerance": 0.02}]}
    )
    reps = 250
    failures = sum(_gate_fails(rng, 2000, 0.80, 0.78, config) for _ in range(reps))
    assert 0.01 <= failures / reps <= _mc_bound(ALPHA, reps)


def test_a_model_five_points_worse_fails_the_gate() -> None:
    # Default gate (headline + 3 slices, Holm over 4). rho = 0.8 gives d ≈ 0.16, typical
    # of two fine-tunes of one model; power follows Δ − τ against MDE ≈ 0.022 at n = 2000.
    rng = np.random.default_rng(11)
    config = gate_config_from_mapping({"resamples": 1000})
    reps = 100
    failures = sum(_gate_fails(rng, 2000, 0.80, 0.75, config, rho=0.8) for _ in range(reps))
    assert failures / reps >= 0.95


def _coverage(rng: np.random.Generator, reps: int, clustered: bool, use_clusters: bool) -> float:
    covered = 0
    n_clusters, size = 100, 10
    for rep in range(reps):
        if clustered:
            # Items of a cluster share an effect common to both models, and each model has
            # its own per-cluster shift (same law for both, so the true Δ is exactly 0):
            # the per-item differences are dependent within clusters.
            effect = np.repeat(rng.normal(0, 1.0, n_clusters), size)
            shift_base = np.repeat(rng.normal(0, 0.7, n_clusters), size)
            shift_cand = np.repeat(rng.normal(0, 0.7, n_clusters), size)
            base = effect + shift_base + rng.normal(0, 1, n_clusters * size) < 0.8
            cand = effect + shift_cand + rng.normal(0, 1, n_clusters * size) < 0.8
            truth = 0.0
        else:
            # (base, cand) per item from a fixed joint distribution: Δ = P(01) − P(10).
            cells = rng.choice(4, size=1000, p=[0.70, 0.10, 0.06, 0.14])
            base, cand = np.isin(cells, (0, 1)), np.isin(cells, (0, 2))
            truth = 0.76 - 0.80
        clusters = np.repeat(np.arange(n_clusters), size) if use_clusters else None
        replicates = paired_bootstrap(
            np.column_stack([base, np.ones(len(base))]),
            np.column_stack([cand, np.ones(len(cand))]),
            mean_statistic,
            resamples=1000,
            seed=rep,
            clusters=clusters,
        )
        low, high = percentile_interval(replicates)
        covered += low <= truth <= high
    return covered / reps


def test_paired_bootstrap_ci_covers_the_true_difference() -> None:
    rate = _coverage(np.random.default_rng(3), reps=600, clustered=False, use_clusters=False)
    assert rate == pytest.approx(0.95, abs=3 * np.sqrt(0.95 * 0.05 / 600))


def test_cluster_resampling_keeps_coverage_where_iid_does_not() -> None:
    rng = np.random.default_rng(5)
    clustered = _coverage(rng, reps=300, clustered=True, use_clusters=True)
    iid = _coverage(np.random.default_rng(5), reps=300, clustered=True, use_clusters=False)
    assert clustered == pytest.approx(0.95, abs=0.04)
    assert iid < 0.90
