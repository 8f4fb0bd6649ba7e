"""Metrics against scikit-learn and hand-computed examples."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from harness.core import Example, Prediction
from harness.metrics.base import MetricContext
from harness.metrics.classification import (
    ACCURACY,
    BRIER,
    CALIBRATION,
    CONFUSION_MATRIX,
    MACRO_F1,
    PER_CLASS,
)
from harness.metrics.columns import ItemColumns
from harness.metrics.statistics import ece_from_arrays, macro_f1_from_codes
from harness.tasks.classification import score_classification

LABELS = ("entailment", "neutral", "contradiction")


def random_items(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    gold = rng.integers(0, 3, n)
    logits = rng.normal(size=(n, 3)) + 1.5 * np.eye(3)[gold]
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    examples = [
        Example(id=str(i), fields={"premise": "p", "hypothesis": "h"}, target=LABELS[g])
        for i, g in enumerate(gold)
    ]
    predictions = [
        Prediction(
            example_id=str(i),
            label=LABELS[int(np.argmax(p))],
            scores=dict(zip(LABELS, map(float, p), strict=True)),
        )
        for i, p in enumerate(probabilities)
    ]
    _, items = score_classification("t", examples, predictions, LABELS)
    return gold, probabilities, items


def test_headline_metrics_match_sklearn() -> None:
    gold, probabilities, items = random_items(400)
    predicted = probabilities.argmax(axis=1)
    context = MetricContext(resamples=500, seed=1)
    accuracy = ACCURACY(ItemColumns.from_items(items, LABELS), LABELS, context)
    assert accuracy.value == pytest.approx(accuracy_score(gold, predicted))
    assert accuracy.n == 400 and accuracy.ci_low < accuracy.value < accuracy.ci_high
    macro = MACRO_F1(ItemColumns.from_items(items, LABELS), LABELS, context)
    assert macro.value == pytest.approx(f1_score(gold, predicted, average="macro"))
    assert macro.ci_low < macro.value < macro.ci_high
    brier = BRIER(ItemColumns.from_items(items, LABELS), LABELS, context)
    assert brier.value == pytest.approx(
        np.mean(np.sum((probabilities - np.eye(3)[gold]) ** 2, axis=1))
    )


def test_vectorised_macro_f1_matches_sklearn_row_by_row() -> None:
    rng = np.random.default_rng(3)
    gold = rng.integers(0, 3, size=(20, 30))
    predicted = rng.integers(0, 3, size=(20, 30))
    predicted[0] = 0  # a row where two labels are never predicted (zero division)
    ours = macro_f1_from_codes(gold, predicted, 3)
    expected = [
        f1_score(g, p, labels=[0, 1, 2], average="macro", zero_division=0)
        for g, p in zip(gold, predicted, strict=True)
    ]
    assert ours == pytest.approx(expected)


def test_tables_match_sklearn() -> None:
    gold, probabilities, items = random_items(200, seed=4)
    predicted = probabilities.argmax(axis=1)
    table = PER_CLASS(ItemColumns.from_items(items, LABELS), LABELS, MetricContext())
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=[0, 1, 2]
    )
    for i, label in enumerate(LABELS):
        assert table[label]["precision"] == pytest.approx(precision[i])
        assert table[label]["recall"] == pytest.approx(recall[i])
        assert table[label]["f1"] == pytest.approx(f1[i])
        assert table[label]["support"] == support[i]
    matrix = CONFUSION_MATRIX(ItemColumns.from_items(items, LABELS), LABELS, MetricContext())
    assert matrix["matrix"] == confusion_matrix(gold, predicted, labels=[0, 1, 2]).tolist()


@pytest.mark.parametrize("seed", range(6))
def test_per_class_matches_sklearn_with_unknown_and_unpredicted_labels(seed: int) -> None:
    """Answers outside the label set and labels never predicted (zero division) included."""
    rng = np.random.default_rng(seed)
    n = 60
    gold = rng.integers(0, 3, n)
    said = rng.choice(["entailment", "neutral", "maybe"], size=n)  # never "contradiction"
    examples = [
        Example(id=str(i), fields={"premise": "p", "hypothesis": "h"}, target=LABELS[g])
        for i, g in enumerate(gold)
    ]
    predictions = [Prediction(example_id=str(i), label=str(s)) for i, s in enumerate(said)]
    _, items = score_classification("t", examples, predictions, LABELS)
    table = PER_CLASS(ItemColumns.from_items(items, LABELS), LABELS, MetricContext())
    codes = [LABELS.index(s) if s in LABELS else -1 for s in said]
    expected = precision_recall_fscore_support(gold, codes, labels=[0, 1, 2], zero_division=0)
    for i, label in enumerate(LABELS):
        got = table[label]
        assert [got["precision"], got["recall"], got["f1"]] == pytest.approx(
            [expected[0][i], expected[1][i], expected[2][i]]
        )
        assert got["support"] == expected[3][i]


def test_ece_equal_mass_hand_computed() -> None:
    # Four items, two bins of two: confidences (0.6, 0.7) correct (1, 0) -> |0.5 - 0.65| = 0.15;
    # (0.8, 0.9) correct (1, 1) -> |1 - 0.85| = 0.15; ECE = 0.5*0.15 + 0.5*0.15 = 0.15.
    value = ece_from_arrays(np.array([0.9, 0.6, 0.8, 0.7]), np.array([1, 1, 1, 0]), n_bins=2)
    assert float(value) == pytest.approx(0.15)


def test_calibration_table_bins_cover_all_items() -> None:
    _, _, items = random_items(95, seed=5)
    table = CALIBRATION(ItemColumns.from_items(items, LABELS), LABELS, MetricContext())
    assert table["n_bins"] == 10 and table["binning"] == "equal-mass"
    assert sum(b["count"] for b in table["bins"]) == 95
    assert {b["count"] for b in table["bins"]} <= {9, 10}
    weighted = sum(b["count"] / 95 * abs(b["accuracy"] - b["confidence"]) for b in table["bins"])
    assert table["ece"] == pytest.approx(weighted)


COLLAPSE = {"neutral": "non-entailment", "contradiction": "non-entailment"}


def _collapse_example(collapse: str) -> list:
    # Hand-computed: item a has P(e)=0.40 > P(n)=0.35 > P(c)=0.25, so the 3-way argmax is
    # entailment (HANS: "entailment") while the summed non-entailment is 0.60; item b has
    # P(n)=0.45 as its argmax (both conventions: non-entailment); item c has P(e)=0.55.
    examples = [
        Example(id="a", fields={}, target="neutral"),
        Example(id="b", fields={}, target="entailment"),
        Example(id="c", fields={}, target="contradiction"),
    ]
    predictions = [
        Prediction("a", "entailment", {"entailment": 0.4, "neutral": 0.35, "contradiction": 0.25}),
        Prediction("b", "neutral", {"entailment": 0.3, "neutral": 0.45, "contradiction": 0.25}),
        Prediction("c", "entailment", {"entailment": 0.55, "neutral": 0.2, "contradiction": 0.25}),
    ]
    labels, items = score_classification(
        "t", examples, predictions, LABELS, COLLAPSE, collapse=collapse
    )
    assert labels == ("entailment", "non-entailment")
    return items


def test_label_collapse_default_is_argmax_then_map() -> None:
    items = _collapse_example("argmax")
    assert [item.predicted for item in items] == ["entailment", "non-entailment", "entailment"]
    assert [item.correct for item in items] == [False, False, False]
    # Probabilities still add up (what Brier and calibration see).
    assert items[0].prediction.scores == pytest.approx({"entailment": 0.4, "non-entailment": 0.6})


def test_label_collapse_sum_option_sums_probabilities() -> None:
    items = _collapse_example("sum")
    assert [item.predicted for item in items] == [
        "non-entailment",
        "non-entailment",
        "entailment",
    ]
    assert [item.correct for item in items] == [True, False, False]
    assert items[0].prediction.scores == pytest.approx({"entailment": 0.4, "non-entailment": 0.6})


def test_label_collapse_rejects_an_unknown_convention() -> None:
    with pytest.raises(ValueError, match="argmax"):
        _collapse_example("mean")


def test_clustered_accuracy_interval_is_wider_than_iid() -> None:
    # 40 clusters of 10 identical outcomes: items are not independent, so the
    # cluster bootstrap interval must be wider than Wilson's.
    outcomes = np.repeat(np.random.default_rng(0).integers(0, 2, 40), 10)
    examples = [
        Example(id=str(i), fields={}, target="entailment", meta={"family": str(i // 10)})
        for i in range(400)
    ]
    predictions = [
        Prediction(str(i), "entailment" if o else "neutral", None) for i, o in enumerate(outcomes)
    ]
    _, items = score_classification("t", examples, predictions, LABELS)
    iid = ACCURACY(ItemColumns.from_items(items, LABELS), LABELS, MetricContext(resamples=1000))
    clustered = ACCURACY(
        ItemColumns.from_items(items, LABELS, "family"),
        LABELS,
        MetricContext(resamples=1000, cluster_by="family"),
    )
    assert clustered.value == iid.value
    assert (clustered.ci_high - clustered.ci_low) > 2 * (iid.ci_high - iid.ci_low)
