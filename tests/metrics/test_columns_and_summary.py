"""The built-in metrics' values over columns against scikit-learn and computations written
out here, on random items; a test's summary (headline and slices) against the same metrics
computed on each slice's items by hand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from harness.core import Example, Prediction
from harness.metrics.base import MetricContext
from harness.metrics.columns import ColumnsBuilder, ItemColumns
from harness.metrics.intervals import wilson_interval
from harness.metrics.resampling import Resamples, weighted_mean
from harness.metrics.statistics import weighted_ece, weighted_macro_f1
from harness.metrics.summary import compute_metrics, compute_slices, on_shared_resamples
from harness.registry import METRICS
from harness.seeding import seed_label
from harness.tasks.classification import score_classification

LABELS = ("entailment", "neutral", "contradiction")
CLASSIFICATION_METRICS = [
    "accuracy",
    "macro_f1",
    "ece",
    "brier",
    "per_class",
    "confusion_matrix",
    "calibration",
]


def random_items(n: int, seed: int, *, unscored: float = 0.1, no_probabilities: bool = False):
    """Scored NLI items with tags, some unlabeled (``correct`` None), random confidences."""
    rng = np.random.default_rng(seed)
    gold = rng.integers(0, 3, n)
    logits = rng.normal(size=(n, 3)) + 1.0 * np.eye(3)[gold]
    # Rounded probabilities: ties in confidence, as a real model's equal-mass bins see.
    probabilities = np.round(np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True), 2)
    examples = []
    for i, g in enumerate(gold):
        target = None if rng.random() < unscored else LABELS[g]
        meta = {"phenomenon": ["negation", "overlap", "lexical"][int(rng.integers(0, 3))]}
        if rng.random() < 0.7:  # a tag only some items carry
            meta["template"] = f"t{int(rng.integers(0, 5))}"
        examples.append(
            Example(
                id=f"e{i}", fields={"premise": "p", "hypothesis": "h"}, target=target, meta=meta
            )
        )
    predictions = [
        Prediction(
            example_id=f"e{i}",
            label=LABELS[int(np.argmax(p))],
            scores=None if no_probabilities else dict(zip(LABELS, map(float, p), strict=True)),
        )
        for i, p in enumerate(probabilities)
    ]
    _, items = score_classification("t", examples, predictions, LABELS)
    tagged = [
        replace(item, tags={str(k): str(v) for k, v in item.example.meta.items()}) for item in items
    ]
    return tagged


def _as_json(value):
    return value.to_json() if hasattr(value, "to_json") else value


def _named(method: str, drawn: Resamples, statistic, point: float) -> str:
    """The method that gave the interval: percentile where it holds the estimate, else the
    standard interval that replaced it (harness.metrics.intervals.estimate_interval)."""
    low, high = np.quantile(drawn.replicates(statistic), [0.025, 0.975])
    return method if low <= point <= high else method.replace("percentile", "standard")


def reference_metrics(items, context: MetricContext) -> dict:
    """Every classification metric computed from the items, written out here: counts,
    scikit-learn and the test's resamples drawn directly (tests/metrics/test_resampling.py
    checks the weighted statistics against index resamples)."""
    scored = [item for item in items if item.correct is not None]
    n = len(scored)
    correct = np.array([float(item.correct) for item in scored])
    gold = np.array([LABELS.index(item.gold) for item in scored])
    predicted = np.array([LABELS.index(item.predicted) for item in scored])
    probabilities = np.array([[item.probabilities[label] for label in LABELS] for item in scored])
    confidence = np.array([item.confidence for item in scored])
    brier = np.sum((probabilities - np.eye(3)[gold]) ** 2, axis=1)
    clusters = None
    if context.cluster_by is not None:
        clusters = np.array([item.tags.get(context.cluster_by, item.id) for item in scored])
    drawn = Resamples(n, context.resamples, context.seed, clusters)
    method = "cluster-bootstrap-percentile" if clusters is not None else "bootstrap-percentile"
    if clusters is None:
        accuracy = {
            "value": correct.mean(),
            "interval": wilson_interval(int(correct.sum()), n),
            "method": "wilson",
        }
    else:
        accuracy = {
            "value": correct.mean(),
            "interval": drawn.interval(weighted_mean(correct)),
            "method": _named(method, drawn, weighted_mean(correct), correct.mean()),
        }
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=[0, 1, 2], zero_division=0
    )
    order = np.argsort(confidence, kind="stable")
    bins = [
        {
            "lower": confidence[chunk].min(),
            "upper": confidence[chunk].max(),
            "confidence": confidence[chunk].mean(),
            "accuracy": correct[chunk].mean(),
            "count": len(chunk),
        }
        for chunk in np.array_split(order, 10)
    ]
    ece = float(sum(abs(b["accuracy"] - b["confidence"]) * b["count"] / n for b in bins))
    macro_f1 = f1_score(gold, predicted, labels=[0, 1, 2], average="macro", zero_division=0)
    return {
        "accuracy": accuracy,
        "macro_f1": {
            "value": macro_f1,
            "interval": drawn.interval(weighted_macro_f1(gold, predicted, 3)),
            "method": _named(method, drawn, weighted_macro_f1(gold, predicted, 3), macro_f1),
        },
        # ECE, Brier: the same bootstrap as the others, clustered where the test is.
        "ece": {
            "value": ece,
            "interval": drawn.interval(weighted_ece(confidence, correct, 10)),
            "method": _named(method, drawn, weighted_ece(confidence, correct, 10), ece),
        },
        "brier": {
            "value": brier.mean(),
            "interval": drawn.interval(weighted_mean(brier)),
            "method": _named(method, drawn, weighted_mean(brier), brier.mean()),
        },
        "per_class": {
            label: {
                "precision": precision[i],
                "recall": recall[i],
                "f1": f1[i],
                "support": support[i],
            }
            for i, label in enumerate(LABELS)
        },
        "confusion_matrix": confusion_matrix(gold, predicted, labels=[0, 1, 2]).tolist(),
        "calibration": {"ece": ece, "brier": brier.mean(), "bins": bins},
    }


@pytest.mark.parametrize("cluster_by", [None, "template"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_classification_metric_equals_a_reference(seed: int, cluster_by) -> None:
    items = random_items(300 + 50 * seed, seed)
    context = MetricContext(resamples=200, seed=seed, cluster_by=cluster_by)
    columns = ItemColumns.from_items(items, LABELS, cluster_by)
    expected = reference_metrics(items, context)
    for name in ("accuracy", "macro_f1", "ece", "brier"):
        value = METRICS.get(name)(columns, LABELS, context)
        reference = expected[name]
        assert value.value == pytest.approx(reference["value"], rel=1e-12), name
        assert (value.ci_low, value.ci_high) == pytest.approx(reference["interval"], rel=1e-12)
        assert value.method == reference["method"], name
        assert value.n == sum(item.correct is not None for item in items)
    per_class = METRICS.get("per_class")(columns, LABELS, context)
    for label in LABELS:
        assert per_class[label] == pytest.approx(expected["per_class"][label], rel=1e-12)
    confusion = METRICS.get("confusion_matrix")(columns, LABELS, context)
    assert confusion == {"labels": list(LABELS), "matrix": expected["confusion_matrix"]}
    calibration = METRICS.get("calibration")(columns, LABELS, context)
    assert calibration["ece"] == pytest.approx(expected["calibration"]["ece"], rel=1e-12)
    assert calibration["brier"] == pytest.approx(expected["calibration"]["brier"], rel=1e-12)
    assert len(calibration["bins"]) == len(expected["calibration"]["bins"]) == 10
    for got, want in zip(calibration["bins"], expected["calibration"]["bins"], strict=True):
        assert got == pytest.approx(want, rel=1e-12)


def test_means_of_item_scores_carry_only_the_items_with_the_score() -> None:
    items = random_items(400, 5)
    rng = np.random.default_rng(9)
    # Per-item scores only some items carry (flip rate: variants only).
    items = [
        replace(item, scores={**item.scores, "flipped": float(rng.random() < 0.3)})
        if i % 3
        else item
        for i, item in enumerate(items)
    ]
    context = MetricContext(resamples=300, seed=4)
    carrying = np.array([item.scores["flipped"] for item in items if "flipped" in item.scores])
    columns = ItemColumns.from_items(items, LABELS)
    flip = METRICS.get("flip_rate")(columns, LABELS, context)
    assert flip.n == len(carrying) == sum(1 for i in range(400) if i % 3)
    assert flip.value == pytest.approx(carrying.mean(), rel=1e-12)
    interval = Resamples(len(carrying), 300, 4).interval(weighted_mean(carrying))
    assert (flip.ci_low, flip.ci_high) == pytest.approx(interval, rel=1e-12)
    assert METRICS.get("exact_match")(columns, LABELS, context) is None


def test_columns_metrics_agree_with_scikit_learn() -> None:
    items = random_items(500, 11, unscored=0.0)
    columns = ItemColumns.from_items(items, LABELS)
    gold = [LABELS.index(item.gold) for item in items]
    predicted = [LABELS.index(item.predicted) for item in items]
    context = MetricContext(resamples=100, seed=0)
    macro = METRICS.get("macro_f1")(columns, LABELS, context)
    assert macro.value == pytest.approx(f1_score(gold, predicted, average="macro"))
    table = METRICS.get("confusion_matrix")(columns, LABELS, context)
    assert table["matrix"] == confusion_matrix(gold, predicted, labels=[0, 1, 2]).tolist()


def test_without_probabilities_calibration_metrics_are_left_out() -> None:
    items = random_items(100, 3, no_probabilities=True)
    columns = ItemColumns.from_items(items, LABELS)
    context = MetricContext(resamples=100, seed=0)
    for name in ("ece", "brier", "calibration"):
        assert METRICS.get(name)(columns, LABELS, context) is None


@pytest.mark.parametrize("cluster_by", [None, "phenomenon"])
def test_headline_on_shared_resamples_and_each_slice_on_its_own_items(cluster_by) -> None:
    items = random_items(600, 21)
    names = ["accuracy", "macro_f1", "calibration", "confusion_matrix"]
    context = MetricContext(resamples=150, seed="suite:test", cluster_by=cluster_by)
    columns = ItemColumns.from_items(items, LABELS, cluster_by)
    headline, tables = compute_metrics(names, columns, LABELS, context)
    # A metric computed alone draws the same resamples: the shared draw changes nothing.
    for name in ("accuracy", "macro_f1", "ece", "brier"):
        alone = METRICS.get(name)(columns, LABELS, context)
        assert headline[name].to_json() == alone.to_json()
    assert set(tables) == {"calibration", "confusion_matrix"}
    slice_by = ["phenomenon", "template", "missing_tag"]
    slices = compute_slices(columns, LABELS, slice_by, names, headline, context)
    assert {s.field for s in slices} == {"phenomenon", "template"}
    for found in slices:
        members = [
            item
            for item in items
            if item.correct is not None and item.tags.get(found.field) == found.value
        ]
        own = ItemColumns.from_items(members, LABELS, cluster_by)
        slice_context = MetricContext(
            resamples=150,
            seed=seed_label("suite:test", f"{found.field}={found.value}"),
            cluster_by=cluster_by,
        )
        expected = on_shared_resamples(
            lambda c, own=own: {
                n: METRICS.get(n)(own, LABELS, c) for n in ("accuracy", "macro_f1")
            },
            slice_context,
        )
        assert found.n == len(members)
        assert {k: v.to_json() for k, v in found.metrics.items()} == {
            k: v.to_json() for k, v in expected.items()
        }
        assert found.gap == pytest.approx(expected["accuracy"].value - headline["accuracy"].value)
    gaps = [s.gap for s in slices]
    assert gaps == sorted(gaps)


def test_columns_built_in_chunks_equal_columns_built_at_once() -> None:
    items = random_items(250, 8)
    # A tag and a score that first appear in a later chunk are back-filled as absent.
    items[200] = replace(items[200], tags={**items[200].tags, "late": "yes"})
    items[201] = replace(items[201], scores={**items[201].scores, "late_score": 0.5})
    builder = ColumnsBuilder(LABELS, "template")
    for start in range(0, 250, 64):
        builder.add(items[start : start + 64])
    chunked, whole = builder.build(), ItemColumns.from_items(items, LABELS, "template")
    for name in ("correct", "gold", "predicted", "clusters"):
        np.testing.assert_array_equal(getattr(chunked, name), getattr(whole, name))
    np.testing.assert_array_equal(chunked.probabilities(), whole.probabilities())
    np.testing.assert_array_equal(chunked.confidence(), whole.confidence())
    assert chunked.tags["late"].codes.tolist() == [-1] * 200 + [0] + [-1] * 49
    late = chunked.score("late_score")
    assert np.count_nonzero(~np.isnan(late)) == 1 and late[201] == 0.5
    for key, tag in whole.tags.items():
        decoded = [tag.values[c] if c >= 0 else None for c in tag.codes]
        chunked_tag = chunked.tags[key]
        assert [chunked_tag.values[c] if c >= 0 else None for c in chunked_tag.codes] == decoded


def test_a_metric_in_the_item_form_runs_through_the_one_adapter() -> None:
    """A plugin metric written over item objects still computes, per test and per slice,
    from the items the columns were built from, and keeps its test from streaming."""
    from harness import registry
    from harness.metrics.base import Metric, MetricValue, item_form
    from harness.metrics.summary import streams

    def share_confident(items, labels, context):
        confident = [item for item in items if (item.confidence or 0) >= 0.6]
        return MetricValue(len(confident) / len(items), None, None, len(items), "count")

    metric = Metric("share_confident", item_form(share_confident), "share with confidence ≥ 0.6")
    registry.METRICS.register("share_confident", metric)
    try:
        items = random_items(200, 2)
        columns = ItemColumns.from_items(items, LABELS)
        context = MetricContext(resamples=50, seed=0)
        headline, _ = compute_metrics(["accuracy", "share_confident"], columns, LABELS, context)
        expected = sum((item.confidence or 0) >= 0.6 for item in items) / len(items)
        assert headline["share_confident"].value == pytest.approx(expected)
        assert metric.needs_items and not streams(["share_confident"]) and streams(["accuracy"])
        phenomenon = columns.tags["phenomenon"]
        subset = columns.subset(phenomenon.codes == 0)
        members = [item for item in items if item.tags["phenomenon"] == phenomenon.values[0]]
        value = metric(subset, LABELS, context)
        assert value.n == len(members)
    finally:
        registry.METRICS._entries.pop("share_confident", None)
        registry.METRICS._descriptions.pop("share_confident", None)
