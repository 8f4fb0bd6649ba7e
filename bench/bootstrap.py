"""Bootstrap intervals of one test: shared count-weight resamples against scipy per metric.

A test of N three-way items with probabilities gets accuracy (Wilson), macro-F1, ECE
and Brier with 2,000-resample percentile intervals, two ways in one run:

1. harness: ``harness.metrics.summary.compute_metrics``, every interval on the test's one set of
   resamples, held as count weights (``harness.metrics.resampling``);
2. baseline: ``scipy.stats.bootstrap`` (percentile, vectorised, batched as harness did
   before) once per metric, each drawing its own index resamples and gathering the
   items: macro-F1 over label counts, ECE by a stable sort per resample, Brier's mean.

    python bench/bootstrap.py [--n 100000] [--resamples 2000]

Prints both times, their ratio and the intervals side by side (they differ by resampling
noise only: different draws).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from scipy import stats as scipy_stats

from harness.metrics.base import MetricContext
from harness.metrics.columns import InMemoryColumns, ItemColumns
from harness.metrics.statistics import ece_from_arrays, macro_f1_from_codes
from harness.metrics.summary import compute_metrics

LABELS = ("entailment", "neutral", "contradiction")
METRICS = ["accuracy", "macro_f1", "calibration", "per_class", "confusion_matrix"]


def synthetic_columns(n: int) -> ItemColumns:
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 3, n).astype(np.int32)
    # Probabilities leaning to the gold label: a model of ~70% accuracy.
    logits = rng.normal(0, 1, (n, 3))
    logits[np.arange(n), gold] += 1.3
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    predicted = probabilities.argmax(axis=1).astype(np.int32)
    held = {"probabilities": probabilities, "confidence": probabilities.max(axis=1)}
    return ItemColumns(
        labels=LABELS,
        correct=(gold == predicted).astype(np.int8),
        gold=gold,
        predicted=predicted,
        has_probabilities=np.ones(n, dtype=bool),
        infra_error=np.zeros(n, dtype=bool),
        source=InMemoryColumns(held, None),
    )


def scipy_interval(statistic, data, resamples: int, seed: int) -> tuple[float, float]:
    n = len(data[0])
    result = scipy_stats.bootstrap(
        tuple(data),
        statistic,
        n_resamples=resamples,
        method="percentile",
        paired=True,
        vectorized=True,
        random_state=np.random.default_rng(seed),
        batch=max(1, 2_000_000 // n),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def baseline(columns: ItemColumns, resamples: int) -> dict[str, tuple[float, float]]:
    gold, predicted = columns.gold, columns.predicted
    correct = (columns.correct == 1).astype(float)
    onehot = np.eye(3)[gold]
    brier = np.sum((columns.probabilities() - onehot) ** 2, axis=1)
    return {
        "macro_f1": scipy_interval(
            lambda g, p, axis=-1: macro_f1_from_codes(g, p, 3, axis=axis),
            [gold, predicted],
            resamples,
            1,
        ),
        "ece": scipy_interval(
            lambda c, k, axis=-1: ece_from_arrays(c, k, axis=axis),
            [columns.confidence, correct],
            resamples,
            2,
        ),
        "brier": scipy_interval(np.mean, [brier], resamples, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--resamples", type=int, default=2000)
    args = parser.parse_args()
    columns = synthetic_columns(args.n)
    context = MetricContext(resamples=args.resamples, seed="bench")

    start = time.perf_counter()
    headline, _ = compute_metrics(METRICS, columns, LABELS, context)
    harness_seconds = time.perf_counter() - start
    start = time.perf_counter()
    scipy_intervals = baseline(columns, args.resamples)
    scipy_seconds = time.perf_counter() - start

    print(f"{args.n:,} items, {args.resamples:,} resamples")
    print(f"harness (shared count weights, all metrics): {harness_seconds:8.2f} s")
    print(f"scipy.stats.bootstrap per metric:            {scipy_seconds:8.2f} s")
    print(f"ratio scipy / harness: {scipy_seconds / harness_seconds:.1f}x")
    for name, (low, high) in scipy_intervals.items():
        ours = headline[name]
        print(
            f"  {name:9s} harness [{ours.ci_low:.4f}, {ours.ci_high:.4f}]"
            f"   scipy [{low:.4f}, {high:.4f}]"
        )


if __name__ == "__main__":
    main()
