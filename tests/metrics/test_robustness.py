"""Robustness metrics against hand-computed examples."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from harness.core import Example, ItemResult, Prediction
from harness.kinds.expectations import (
    case_outcome,
    failure_rate,
    invariance_check,
    label_check,
    monotonic_check,
)
from harness.metrics.cases import (
    Case,
    CaseColumns,
    accuracy_drop,
    flip_indicators,
    paired_accuracies,
    worst_case_correct,
)
from harness.metrics.robustness import (
    case_metrics,
    mean_metric,
    metric_json,
    paired_difference_metric,
    robustness_metrics,
)
from harness.metrics.scores import wilson_value


def item(example_id: str, gold: str | None, predicted: str, tags: dict | None = None) -> ItemResult:
    correct = None if gold is None else gold == predicted
    return ItemResult(
        test="t",
        example=Example(id=example_id, fields={"text": example_id}),
        prediction=Prediction(example_id, label=predicted),
        gold=gold,
        predicted=predicted,
        correct=correct,
        tags=tags or {},
    )


def test_flip_indicators() -> None:
    flips = flip_indicators(["a", "b", "a"], [["a", "a"], ["b", "a"], ["a"]])
    assert flips.tolist() == [False, True, False]


def test_worst_case_is_the_min_over_original_and_labeled_variants() -> None:
    worst = worst_case_correct(
        [True, True, False, None], [[True, None], [True, False], [True], [None]]
    )
    assert worst[:3].tolist() == [1.0, 0.0, 0.0]
    assert math.isnan(worst[3])


def test_paired_accuracies_average_variants_within_a_case() -> None:
    original, perturbed = paired_accuracies(
        [True, True, False, True], [[True, False], [True], [True, True], [None]]
    )
    assert original.tolist() == [1.0, 1.0, 0.0]  # the last case has no labeled variant
    assert perturbed.tolist() == [0.5, 1.0, 1.0]
    assert accuracy_drop(original, perturbed) == pytest.approx(2 / 3 - 2.5 / 3)


def test_accuracy_drop_needs_pairs() -> None:
    with pytest.raises(ValueError, match="paired"):
        accuracy_drop([1.0, 0.0], [1.0])
    assert math.isnan(accuracy_drop([], []))


def test_invariance_check_with_and_without_tolerance() -> None:
    before = {"entailment": 0.52, "neutral": 0.48}
    after = {"entailment": 0.47, "neutral": 0.53}
    assert invariance_check("entailment", before, "entailment", before) is True
    assert invariance_check("entailment", before, "neutral", after) is False
    # The original label's probability moved by 0.05.
    assert invariance_check("entailment", before, "neutral", after, tolerance=0.05) is True
    assert invariance_check("entailment", before, "neutral", after, tolerance=0.04) is False
    assert invariance_check("entailment", None, "neutral", None, tolerance=0.5) is False


def test_monotonic_check() -> None:
    before = {"contradiction": 0.30}
    assert monotonic_check(before, {"contradiction": 0.60}, "contradiction", "increasing") is True
    assert monotonic_check(before, {"contradiction": 0.25}, "contradiction", "increasing") is False
    assert (
        monotonic_check(before, {"contradiction": 0.25}, "contradiction", "increasing", 0.05)
        is True
    )
    assert (
        monotonic_check(before, {"contradiction": 0.36}, "contradiction", "decreasing", 0.05)
        is False
    )
    assert monotonic_check(None, before, "contradiction", "decreasing") is None


def test_label_check_and_case_outcome() -> None:
    assert label_check("contradiction", "contradiction") and not label_check(
        "neutral", "contradiction"
    )
    assert case_outcome([True, True]) is True
    assert case_outcome([True, False, None]) is False
    assert case_outcome([None, None]) is None
    assert case_outcome([]) is None


def test_failure_rate_excludes_filtered_cases() -> None:
    assert failure_rate([True, False, False, None, True, None]) == (0.5, 2, 4, 2)
    rate, fails, considered, filtered = failure_rate([None])
    assert math.isnan(rate) and (fails, considered, filtered) == (0, 0, 1)


def test_mean_metric_of_a_proportion_is_wilson() -> None:
    metric = mean_metric([True] * 8 + [False] * 2)
    assert metric.value == 0.8 and metric.n == 10 and metric.method == "wilson"
    assert metric.ci_low == pytest.approx(0.4902, abs=1e-4)
    assert metric.ci_high == pytest.approx(0.9433, abs=1e-4)
    assert mean_metric([]).n == 0


def test_mean_metric_bootstraps_fractions() -> None:
    metric = mean_metric([0.5, 1.0, 0.0, 1.0], resamples=500, seed=1)
    assert metric.value == 0.625 and metric.method == "bootstrap-percentile"
    assert metric.ci_low is not None and metric.ci_high is not None
    assert 0.0 <= metric.ci_low <= 0.625 <= metric.ci_high <= 1.0
    assert mean_metric([1.0, 0.0]).method == "wilson"


def test_paired_difference_is_paired() -> None:
    # Every case drops by exactly 0.5: the paired resamples cannot vary (an unpaired
    # interval would be wide), so the interval is not estimable rather than a point.
    first = np.array([1.0, 1.0, 0.5, 0.5, 1.0, 0.5])
    metric = paired_difference_metric(first, first - 0.5, resamples=500, seed=0)
    assert metric.value == 0.5 and (metric.ci_low, metric.ci_high) == (None, None)
    assert metric.method == "paired-bootstrap-percentile (interval not estimable)"
    varied = np.array([1.0, 1.0, 0.5, 0.5, 1.0, 0.5])
    drops = paired_difference_metric(
        varied, varied - [0.5, 0.5, 0.5, 0.5, 0.0, 0.5], resamples=500, seed=0
    )
    assert drops.ci_low is not None and drops.ci_high is not None
    assert drops.ci_low <= drops.value <= drops.ci_high <= 0.5
    assert drops.method == "paired-bootstrap-percentile"


def test_robustness_metrics_hand_computed() -> None:
    # 4 cases (gold in brackets), predictions:
    #   c0 [a]: a | variants a, a      -> no flip, correct throughout
    #   c1 [a]: a | variants b, a      -> flip, worst 0, perturbed acc 0.5
    #   c2 [b]: a | variants a         -> no flip, original wrong
    #   c3 [b]: b | variants a         -> flip, perturbed acc 0
    cases = [
        Case(item("c0", "a", "a"), (item("v0", "a", "a"), item("v1", "a", "a")), True),
        Case(item("c1", "a", "a"), (item("v2", "a", "b"), item("v3", "a", "a")), False),
        Case(item("c2", "b", "a"), (item("v4", "b", "a"),), True),
        Case(item("c3", "b", "b"), (item("v5", "b", "a"),), None),
    ]
    metrics = robustness_metrics(cases, with_failure_rate=True, resamples=200, seed=0)
    assert metrics["flip_rate"].value == 0.5 and metrics["flip_rate"].n == 4
    assert metrics["consistency"].value == 0.5
    assert metrics["accuracy_original"].value == 0.75
    assert metrics["accuracy_perturbed"].value == pytest.approx((1 + 0.5 + 0 + 0) / 4)
    assert metrics["accuracy_drop"].value == pytest.approx(0.75 - 0.375)
    assert metrics["worst_case_accuracy"].value == 0.25
    # c3 is filtered: 1 failure among 3 decided cases.
    assert metrics["failure_rate"].value == pytest.approx(1 / 3) and metrics["failure_rate"].n == 3
    flip = metrics["flip_rate"]
    consistency = metrics["consistency"]
    assert consistency.ci_low == pytest.approx(1 - flip.ci_high)
    without = robustness_metrics(cases, with_failure_rate=False, resamples=200, seed=0)
    assert "failure_rate" not in without


def test_robustness_metrics_cluster_bootstrap_and_empty_samples() -> None:
    cases = [
        Case(item(f"c{i}", "a", "a", {"family": str(i // 2)}), (item(f"v{i}", "a", "ab"[i % 2]),))
        for i in range(6)
    ]
    metrics = robustness_metrics(
        cases, with_failure_rate=True, cluster_by="family", resamples=200, seed=0
    )
    # Each family of two holds one flip: every cluster resample gives 0.5, which the
    # resamples cannot show the uncertainty of: not estimable.
    assert metrics["flip_rate"].method == "cluster-bootstrap-percentile (interval not estimable)"
    assert metrics["flip_rate"].value == 0.5
    assert "failure_rate" not in metrics  # no case had checks
    unlabeled = [Case(item("u", None, "a"), (item("uv", None, "b"),))]
    only_flips = robustness_metrics(unlabeled, with_failure_rate=False)
    assert set(only_flips) == {"flip_rate", "consistency"}
    assert robustness_metrics([], with_failure_rate=True) == {}


def reference_metrics(
    cases: list[Case], cluster_by: str | None, resamples: int, seed: str
) -> dict[str, Any]:
    """The robustness metrics computed case by case from the per-case functions above
    (how ``robustness_metrics`` computed them before cases became columns)."""
    from harness.seeding import seed_label

    def clusters_of(selected: list[Case]) -> np.ndarray | None:
        if cluster_by is None:
            return None
        return np.array([c.original.tags.get(cluster_by, c.original.example.id) for c in selected])

    options: dict[str, Any] = {"resamples": resamples}
    flips = flip_indicators(
        [c.original.predicted for c in cases], [[v.predicted for v in c.variants] for c in cases]
    )
    out = {
        "flip_rate": mean_metric(
            flips, clusters=clusters_of(cases), seed=seed_label(seed, "cases"), **options
        )
    }
    labeled = [
        c
        for c in cases
        if c.original.correct is not None and any(v.correct is not None for v in c.variants)
    ]
    original, perturbed = paired_accuracies(
        [c.original.correct for c in labeled], [[v.correct for v in c.variants] for c in labeled]
    )
    paired = clusters_of(labeled)
    out["accuracy_original"] = mean_metric(
        original, clusters=paired, seed=seed_label(seed, "cases"), **options
    )
    out["accuracy_perturbed"] = mean_metric(
        perturbed, clusters=paired, seed=seed_label(seed, "cases"), **options
    )
    out["accuracy_drop"] = paired_difference_metric(
        original, perturbed, clusters=paired, seed=seed_label(seed, "cases"), **options
    )
    with_original = [c for c in cases if c.original.correct is not None]
    worst = worst_case_correct(
        [c.original.correct for c in with_original],
        [[v.correct for v in c.variants] for c in with_original],
    )
    out["worst_case_accuracy"] = mean_metric(
        worst, clusters=clusters_of(with_original), seed=seed_label(seed, "cases"), **options
    )
    decided = [c for c in cases if c.passed is not None]
    out["failure_rate"] = mean_metric(
        np.array([not c.passed for c in decided], dtype=bool),
        clusters=clusters_of(decided),
        seed=seed_label(seed, "cases"),
        **options,
    )
    return {name: metric for name, metric in out.items() if metric.n}


def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
    """Cases with unlabeled golds, unlabeled variants, filtered checks and integer tags."""
    cases = []
    for i in range(n):
        gold = [None, "a", "b"][int(rng.integers(3))]
        tags = {"family": int(rng.integers(4))} if rng.random() < 0.8 else {}
        original = item(f"c{i}", gold, "ab"[int(rng.integers(2))], tags)
        variants = tuple(
            item(f"c{i}v{j}", None if rng.random() < 0.2 else gold, "abc"[int(rng.integers(3))])
            for j in range(int(rng.integers(1, 4)))
        )
        cases.append(Case(original, variants, [None, True, False][int(rng.integers(3))]))
    return cases


@pytest.mark.parametrize("cluster_by", [None, "family"])
def test_case_columns_give_the_case_by_case_metrics_in_any_order_and_chunking(
    cluster_by: str | None,
) -> None:
    rng = np.random.default_rng(3)
    cases = random_cases(rng, 60)
    order = rng.permutation(len(cases))
    # Three chunks, concatenated, then reordered (what a streamed perturbation test does).
    parts = [CaseColumns.from_cases(cases[a:b], cluster_by) for a, b in ((0, 7), (7, 7), (7, 60))]
    columns = CaseColumns.concat(parts, clustered=cluster_by is not None).subset(order)
    reordered = [cases[i] for i in order]
    expected = reference_metrics(reordered, cluster_by, resamples=300, seed="s")
    got = case_metrics(columns, with_failure_rate=True, resamples=300, seed="s")
    assert {name: got[name] for name in expected} == expected
    assert set(got) == {*expected, "consistency"}
    assert (
        robustness_metrics(
            reordered, with_failure_rate=True, cluster_by=cluster_by, resamples=300, seed="s"
        )
        == got
    )
    # A mask keeps the cases in order, as a list comprehension over them would.
    mask = np.array([c.original.correct is not None for c in reordered])
    masked = reference_metrics(
        [c for c, keep in zip(reordered, mask, strict=True) if keep], cluster_by, 300, "m"
    )
    assert {
        name: value
        for name, value in case_metrics(
            columns.subset(mask), with_failure_rate=True, resamples=300, seed="m"
        ).items()
        if name in masked
    } == masked


def test_case_columns_hand_computed() -> None:
    cases = [
        Case(item("c0", "a", "a"), (item("v0", "a", "b"), item("v1", None, "a")), False),
        Case(item("c1", None, "b"), (item("v2", "b", "b"),), None),
    ]
    columns = CaseColumns.from_cases(cases, "family")
    assert columns.flipped.tolist() == [True, False]
    assert columns.original_correct.tolist() == [1, -1]
    assert columns.labeled.tolist() == [1, 1]
    assert columns.correct.tolist() == [0, 1]
    assert columns.variants.tolist() == [2, 1]
    assert columns.passed.tolist() == [0, -1]
    assert columns.clusters == ("c0", "c1")  # no family tag: the original's id


def test_metric_json_replaces_nan() -> None:
    assert metric_json(wilson_value(0, 0)) == {
        "value": None,
        "ci_low": None,
        "ci_high": None,
        "n": 0,
        "method": "wilson",
    }
    assert metric_json(None) is None
