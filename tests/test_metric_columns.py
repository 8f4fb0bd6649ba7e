"""Metrics over columns equal the per-item metrics (and scikit-learn) on random items."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix, f1_score

from harness.core import Example, Prediction
from harness.item_columns import ColumnsBuilder, ItemColumns
from harness.kinds.evaluate import (
    columns_forms,
    compute_metrics,
    compute_metrics_from_columns,
    compute_slices,
    compute_slices_from_columns,
)
from harness.metric_columns import columns_metric
from harness.metrics import MetricContext
from harness.registry import METRICS
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


@pytest.mark.parametrize("cluster_by", [None, "template"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_classification_metric_equals_its_item_form(seed: int, cluster_by) -> None:
    items = random_items(300 + 50 * seed, seed)
    context = MetricContext(resamples=200, seed=seed, cluster_by=cluster_by)
    columns = ItemColumns.from_items(items, LABELS, cluster_by)
    for name in CLASSIFICATION_METRICS:
        metric = METRICS.get(name)
        form = columns_metric(metric)
        assert form is not None, name
        expected = metric(items, LABELS, context)
        actual = form(columns, LABELS, context)
        # Exactly the same floats: the same arrays and the same bootstrap draws.
        assert _as_json(actual) == _as_json(expected), name


def test_means_of_item_scores_equal_their_item_form() -> None:
    items = random_items(400, 5)
    rng = np.random.default_rng(9)
    # Per-item scores only some items carry (flip rate: variants only), some NaN-free floats.
    items = [
        replace(item, scores={**item.scores, "flipped": float(rng.random() < 0.3)})
        if i % 3
        else item
        for i, item in enumerate(items)
    ]
    columns = ItemColumns.from_items(items, LABELS)
    context = MetricContext(resamples=300, seed=4)
    for name in ("flip_rate", "exact_match"):
        metric = METRICS.get(name)
        form = columns_metric(metric)
        assert form is not None
        expected, actual = metric(items, LABELS, context), form(columns, LABELS, context)
        assert _as_json(actual) == _as_json(expected), name
    assert columns_metric(METRICS.get("exact_match"))(columns, LABELS, context) is None


def test_columns_metrics_agree_with_scikit_learn() -> None:
    items = random_items(500, 11, unscored=0.0)
    columns = ItemColumns.from_items(items, LABELS)
    gold = [LABELS.index(item.gold) for item in items]
    predicted = [LABELS.index(item.predicted) for item in items]
    context = MetricContext(resamples=100, seed=0)
    macro = columns_metric(METRICS.get("macro_f1"))(columns, LABELS, context)
    assert macro.value == pytest.approx(f1_score(gold, predicted, average="macro"))
    table = columns_metric(METRICS.get("confusion_matrix"))(columns, LABELS, context)
    assert table["matrix"] == confusion_matrix(gold, predicted, labels=[0, 1, 2]).tolist()


def test_without_probabilities_calibration_metrics_are_left_out() -> None:
    items = random_items(100, 3, no_probabilities=True)
    columns = ItemColumns.from_items(items, LABELS)
    context = MetricContext(resamples=100, seed=0)
    for name in ("ece", "brier", "calibration"):
        assert columns_metric(METRICS.get(name))(columns, LABELS, context) is None


@pytest.mark.parametrize("cluster_by", [None, "phenomenon"])
def test_headline_and_slices_from_columns_equal_the_item_path(cluster_by) -> None:
    items = random_items(600, 21)
    names = ["accuracy", "macro_f1", "calibration", "confusion_matrix"]
    forms = columns_forms(names)
    assert forms is not None
    context = MetricContext(resamples=150, seed="suite:test", cluster_by=cluster_by)
    columns = ItemColumns.from_items(items, LABELS, cluster_by)
    expected = compute_metrics(names, items, LABELS, context)
    actual = compute_metrics_from_columns(names, columns, LABELS, context, forms)
    assert {k: v.to_json() for k, v in actual[0].items()} == {
        k: v.to_json() for k, v in expected[0].items()
    }
    assert actual[1] == expected[1]
    slice_by = ["phenomenon", "template", "missing_tag"]
    expected_slices = compute_slices(items, LABELS, slice_by, names, expected[0], context)
    actual_slices = compute_slices_from_columns(
        columns, LABELS, slice_by, names, actual[0], context, forms
    )
    assert [s.to_json() for s in actual_slices] == [s.to_json() for s in expected_slices]
    assert {s.field for s in actual_slices} == {"phenomenon", "template"}


def test_columns_built_in_chunks_equal_columns_built_at_once() -> None:
    items = random_items(250, 8)
    # A tag and a score that first appear in a later chunk are back-filled as absent.
    items[200] = replace(items[200], tags={**items[200].tags, "late": "yes"})
    items[201] = replace(items[201], scores={**items[201].scores, "late_score": 0.5})
    builder = ColumnsBuilder(LABELS, "template")
    for start in range(0, 250, 64):
        builder.add(items[start : start + 64])
    chunked, whole = builder.build(), ItemColumns.from_items(items, LABELS, "template")
    for name in ("correct", "gold", "predicted", "probabilities", "confidence", "clusters"):
        np.testing.assert_array_equal(getattr(chunked, name), getattr(whole, name))
    assert chunked.tags["late"].codes.tolist() == [-1] * 200 + [0] + [-1] * 49
    values, present = chunked.scores["late_score"]
    assert present.sum() == 1 and values[201] == 0.5
    for key, tag in whole.tags.items():
        decoded = [tag.values[c] if c >= 0 else None for c in tag.codes]
        chunked_tag = chunked.tags[key]
        assert [chunked_tag.values[c] if c >= 0 else None for c in chunked_tag.codes] == decoded
