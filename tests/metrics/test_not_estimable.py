"""Every metric's point estimate lies inside its interval, or the interval is reported as
not estimable: never a point, never NaN, never an interval beside its estimate.

The property runs over every registered metric (the metric registry, not a list kept
here) on many small sample runs: few items, clustered and not, one cluster only. The
regression cases are the ones seen in real runs: ECE whose percentile interval lay
above its estimate (0.156 [0.193, 0.371]); a bootstrap over the one cluster left under
``--limit``; a rate no unit reaches (NLI-bias thresholds at n=40), whose resamples
cannot vary.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from harness.metrics.base import (
    CASES,
    NOT_ESTIMABLE_NOTE,
    MetricContext,
    MetricValue,
    PairedColumns,
)
from harness.metrics.cases import paired_cases
from harness.metrics.classification import ece
from harness.metrics.columns import ItemColumns
from harness.metrics.estimates import mean_estimate
from harness.metrics.intervals import NOT_ESTIMABLE, bootstrap_interval, estimate_interval
from harness.metrics.statistics import ece_from_arrays
from harness.registry import METRICS
from harness.testing.metrics import LABELS, sample_items


def _value_of(name: str, n: int, seed: int, cluster_by: str | None) -> MetricValue | None:
    metric = METRICS.get(name)
    items = sample_items(metric, n=n, seed=seed)
    if cluster_by == "one":
        items = [replace(item, tags={**item.tags, "one": "all"}) for item in items]
    columns = ItemColumns.from_items(items, LABELS, cluster_by)
    given: object = columns
    if metric.reads == CASES:
        rows = np.arange(len(columns))
        cases = paired_cases(PairedColumns(columns, columns, rows, rows))
        if cases is None:
            return None
        given = cases.base
    context = MetricContext(resamples=200, seed=f"property-{seed}", cluster_by=cluster_by)
    value = metric(given, LABELS, context)
    return value if isinstance(value, MetricValue) else None


def _holds_or_says_why(value: MetricValue, where: str) -> None:
    if math.isnan(value.value):
        assert value.ci_low is None and value.ci_high is None, where
        return
    if not value.estimable:
        assert value.ci_low is None and value.ci_high is None, where
        assert value.method.endswith(NOT_ESTIMABLE_NOTE), f"{where}: {value.method!r}"
        return
    assert value.ci_low is not None and value.ci_high is not None
    assert value.ci_low < value.ci_high, f"{where}: a point reported as an interval: {value}"
    assert value.ci_low - 1e-12 <= value.value <= value.ci_high + 1e-12, f"{where}: {value}"


@pytest.mark.parametrize("name", [n for n in METRICS.names() if not METRICS.get(n).table])
def test_every_metric_holds_its_estimate_or_says_it_cannot(name: str) -> None:
    checked = 0
    for n in (3, 8, 30):
        for seed in range(4):
            for cluster_by in (None, "template", "one"):
                value = _value_of(name, n, seed, cluster_by)
                if value is None:
                    continue
                _holds_or_says_why(value, f"{name} n={n} seed={seed} clusters={cluster_by}")
                checked += 1
    if checked == 0:
        pytest.skip(f"{name} applies to none of the samples")


def test_one_cluster_left_is_not_estimable() -> None:
    items = [
        replace(item, tags={"family": "only"}) for item in sample_items(METRICS.get("accuracy"))
    ]
    columns = ItemColumns.from_items(items, LABELS, "family")
    value = METRICS.get("accuracy")(columns, LABELS, MetricContext(cluster_by="family"))
    assert value.ci_low is None and value.ci_high is None
    assert value.method.endswith(NOT_ESTIMABLE_NOTE)
    assert value.to_json()["ci_low"] is None  # no NaN, no point in results.json


def test_a_rate_no_unit_reaches_is_not_estimable_rather_than_zero_wide() -> None:
    # 40 families, none above the threshold: every resample gives 0.
    value = mean_estimate(np.zeros(40), resamples=500, seed="bias")
    assert value.value == 0.0
    assert not value.estimable and value.method.endswith(NOT_ESTIMABLE_NOTE)
    # One above it: the resamples vary, and the interval holds the estimate.
    varied = mean_estimate(np.r_[np.zeros(39), 1.0], resamples=500, seed="bias")
    assert varied.estimable and varied.ci_low <= 1 / 40 <= varied.ci_high


def test_estimate_interval_centres_on_an_estimate_the_resamples_lie_beside() -> None:
    rng = np.random.default_rng(0)
    replicates = 0.28 + 0.045 * rng.standard_normal(2000)  # all above 0.156, like the ECE
    low, high = estimate_interval(replicates, 0.156)
    assert low <= 0.156 <= high
    assert math.isclose(high - 0.156, 1.959964 * np.std(replicates, ddof=1), rel_tol=1e-6)
    # Where the percentile interval holds the estimate, it is the percentile interval.
    inside = estimate_interval(replicates, 0.28)
    assert inside == tuple(float(q) for q in np.quantile(replicates, [0.025, 0.975]))
    assert estimate_interval(np.full(100, 0.3), 0.3) == NOT_ESTIMABLE
    assert estimate_interval(np.r_[np.nan, replicates], 0.28) == NOT_ESTIMABLE


def test_ece_interval_holds_the_estimate_where_the_percentile_one_did_not() -> None:
    """A small, well-calibrated sample: resampling adds miscalibration, so the percentile
    interval of ECE lies above the estimate; the reported one holds it."""
    found = 0
    for seed in range(40):
        rng = np.random.default_rng(seed)
        confidence = rng.uniform(0.4, 1.0, 40)
        correct = (rng.uniform(size=40) < confidence).astype(float)
        point = float(ece_from_arrays(confidence, correct))
        items = [
            _calibration_item(i, conf, bool(ok))
            for i, (conf, ok) in enumerate(zip(confidence, correct, strict=True))
        ]
        columns = ItemColumns.from_items(items, LABELS)
        value = ece(columns, LABELS, MetricContext(resamples=500, seed=seed))
        assert value is not None and math.isclose(value.value, point, rel_tol=1e-9)
        _holds_or_says_why(value, f"ece seed={seed}")
        replicates = _ece_replicates(confidence, correct, seed)
        low, _ = np.quantile(replicates, [0.025, 0.975])
        found += bool(low > point)
    assert found, "no sample reproduced a percentile interval beside its estimate"


def _calibration_item(index: int, confidence: float, correct: bool) -> object:
    items = sample_items(METRICS.get("accuracy"), n=1, seed=index)
    gold = LABELS[0]
    predicted = LABELS[0] if correct else LABELS[1]
    rest = (1 - confidence) / 2
    probabilities = {LABELS[0]: rest, LABELS[1]: rest, LABELS[2]: rest}
    probabilities[predicted] = confidence
    return replace(
        items[0],
        id=f"c{index}",
        gold=gold,
        predicted=predicted,
        correct=correct,
        probabilities=probabilities,
        confidence=confidence,
        parent_id=None,
        transform_name="",
    )


def _ece_replicates(confidence: np.ndarray, correct: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(confidence), size=(500, len(confidence)))
    return np.array([ece_from_arrays(confidence[d], correct[d]) for d in draws])


def test_the_gate_kinds_bootstrap_is_not_estimable_on_one_item_or_one_cluster() -> None:
    assert bootstrap_interval(np.mean, [np.array([1.0])], resamples=50, seed=1) == NOT_ESTIMABLE
    one = bootstrap_interval(
        np.mean, [np.array([0.0, 1.0, 1.0])], resamples=50, seed=1, clusters=np.zeros(3)
    )
    assert one == NOT_ESTIMABLE


def test_the_terminal_says_not_estimable_rather_than_an_empty_interval() -> None:
    from harness.cli.terminal import headline_table

    value = MetricValue(0.5, float("nan"), float("nan"), 12, "cluster-bootstrap-percentile")
    table = headline_table([{"name": "t", "metrics": {"accuracy": value.to_json()}}])
    assert "not estimable" in table and "[—" not in table


def test_the_method_names_the_interval_that_was_reported() -> None:
    """Where the standard interval replaced the percentile one (ECE on a small,
    well-calibrated sample), the method says so; where not, it says percentile."""
    from harness.metrics.resampling import Resamples
    from harness.metrics.statistics import weighted_ece

    seen = set()
    for seed in range(40):
        rng = np.random.default_rng(seed)
        confidence = rng.uniform(0.4, 1.0, 40)
        correct = (rng.uniform(size=40) < confidence).astype(float)
        items = [
            _calibration_item(i, conf, bool(ok))
            for i, (conf, ok) in enumerate(zip(confidence, correct, strict=True))
        ]
        columns = ItemColumns.from_items(items, LABELS)
        value = ece(columns, LABELS, MetricContext(resamples=500, seed=seed))
        assert value is not None
        # The very resamples the metric drew (the test's seed, every item its own unit).
        replicates = Resamples(40, 500, seed).replicates(weighted_ece(confidence, correct, 10))
        low, high = np.quantile(replicates, [0.025, 0.975])
        percentile_holds = low <= value.value <= high
        expected = "bootstrap-percentile" if percentile_holds else "bootstrap-standard"
        assert value.method == expected, f"seed={seed}: {value.method}"
        if percentile_holds:
            assert (value.ci_low, value.ci_high) == pytest.approx((low, high), rel=1e-9)
        seen.add(expected)
        assert value.to_json()["method"] == expected  # what results.json records
    assert seen == {"bootstrap-percentile", "bootstrap-standard"}
