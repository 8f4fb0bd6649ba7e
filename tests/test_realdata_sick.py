"""SICK (third-party, test-only data beside the repository) through the local-files path.

Loads the SICK test file (TSV with a byte-order mark, upper-case labels) with the
reference model and checks every metric in results.json against an independent
scikit-learn computation from items.jsonl.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from harness.runner import run_suite

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def sick_suite(directory: Path, sick_dir: Path) -> Path:
    suite = directory / "sick.yaml"
    suite.write_text(
        f"""\
name: sick_reference
task: nli
labels: [entailment, neutral, contradiction]
seed: 1
model: reference
bootstrap_resamples: 1000
tests:
  - name: sick_test
    data:
      source: file
      path: {sick_dir / "SICK_test_annotated.txt"}
      format: tsv
      columns: {{premise: sentence_A, hypothesis: sentence_B, label: entailment_judgment, id: pair_ID}}
"""
    )
    return suite


def test_sick_metrics_match_sklearn(tmp_path: Path, sick_dir: Path) -> None:
    run_dir = run_suite(sick_suite(tmp_path, sick_dir), out_dir=tmp_path / "run", progress=False)
    results = json.loads((run_dir / "results.json").read_text())
    items = [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]
    test = results["tests"][0]
    labels = test["labels"]
    assert len(items) == test["n"] == 4927
    assert items[0]["id"] == "SICK_test_annotated:6"  # pair_ID of the first row, after the BOM
    gold = [item["gold"] for item in items]
    predicted = [item["predicted"] for item in items]
    metrics = test["metrics"]
    assert metrics["accuracy"]["value"] == pytest.approx(accuracy_score(gold, predicted))
    assert metrics["macro_f1"]["value"] == pytest.approx(f1_score(gold, predicted, average="macro"))
    precision, recall, f1, support = precision_recall_fscore_support(gold, predicted, labels=labels)
    for i, label in enumerate(labels):
        row = test["tables"]["per_class"][label]
        assert (row["precision"], row["recall"], row["f1"]) == pytest.approx(
            (precision[i], recall[i], f1[i])
        )
        assert row["support"] == support[i]
    assert (
        test["tables"]["confusion_matrix"]["matrix"]
        == confusion_matrix(gold, predicted, labels=labels).tolist()
    )
    probabilities = np.array([[item["probabilities"][label] for label in labels] for item in items])
    onehot = np.array([[float(g == label) for label in labels] for g in gold])
    assert metrics["brier"]["value"] == pytest.approx(
        np.mean(np.sum((probabilities - onehot) ** 2, axis=1))
    )
    confidence = probabilities.max(axis=1)
    correct = np.array([g == p for g, p in zip(gold, predicted, strict=True)], dtype=float)
    order = np.argsort(confidence, kind="stable")
    ece = sum(
        len(b) / len(order) * abs(correct[b].mean() - confidence[b].mean())
        for b in np.array_split(order, 10)
    )
    assert metrics["ece"]["value"] == pytest.approx(ece)
    for name in ("accuracy", "macro_f1", "ece", "brier"):
        assert metrics[name]["ci_low"] <= metrics[name]["value"] <= metrics[name]["ci_high"]
    # The reference model must beat the majority-class baseline on real data.
    majority = Counter(gold).most_common(1)[0][1] / len(gold)
    assert metrics["accuracy"]["value"] > majority
    print(
        f"SICK test: accuracy {metrics['accuracy']['value']:.3f} macro-F1 {metrics['macro_f1']['value']:.3f} majority {majority:.3f}"
    )
