"""predictions: precomputed JSONL/CSV predictions looked up by example id."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from harness.core import Example
from harness.errors import LabelMappingError, ModelError
from harness.labels import model_label_matrix
from harness.models.base import ModelContext, ModelSpec, load_model

NLI = ("entailment", "neutral", "contradiction")
CONTEXT = ModelContext(task="nli", labels=NLI, input_fields=("premise", "hypothesis"))


def examples(*ids: str) -> list[Example]:
    return [Example(id=i, fields={"premise": "p", "hypothesis": "h"}) for i in ids]


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def load(path: Path, **options):
    return load_model(ModelSpec.parse(f"predictions:{path}", options), CONTEXT)


def suite_probabilities(model, ids) -> np.ndarray:
    return model.classify(examples(*ids)) @ model_label_matrix(model.labels, NLI)


def test_jsonl_labels_probability_objects_and_columns(tmp_path):
    path = write_jsonl(
        tmp_path / "preds.jsonl",
        [
            {"id": "a", "label": "entailment"},
            {"id": "b", "probabilities": {"entailment": 0.1, "neutral": 0.7, "contradiction": 0.2}},
            {"id": "c", "entailment": 0.2, "neutral": 0.2, "contradiction": 0.6},
        ],
    )
    model = load(path)
    assert model.cacheable is False
    assert tuple(model.labels) == ("contradiction", "entailment", "neutral")
    np.testing.assert_allclose(
        suite_probabilities(model, ["c", "a", "b"]),
        [[0.2, 0.2, 0.6], [1.0, 0.0, 0.0], [0.1, 0.7, 0.2]],
    )


def test_csv_probability_columns_are_scaled_to_one(tmp_path):
    path = tmp_path / "preds.csv"
    path.write_text("id,ENTAILMENT,NEUTRAL,CONTRADICTION\nx,2,1,1\ny,0,0,5\n", encoding="utf-8")
    model = load(path)
    np.testing.assert_allclose(
        suite_probabilities(model, ["x", "y"]), [[0.5, 0.25, 0.25], [0, 0, 1]]
    )


def test_csv_label_column(tmp_path):
    path = tmp_path / "preds.csv"
    path.write_text("id,label\nx,neutral\ny,contradiction\n", encoding="utf-8")
    model = load(path)
    # entailment is never predicted but still gets a column, so the mapping covers the suite.
    assert tuple(model.labels) == ("contradiction", "entailment", "neutral")
    np.testing.assert_allclose(suite_probabilities(model, ["y", "x"]), [[0, 0, 1], [0, 1, 0]])


def test_a_missing_id_names_the_file_the_first_id_and_the_count(tmp_path):
    path = write_jsonl(tmp_path / "preds.jsonl", [{"id": "a", "label": "neutral"}])
    model = load(path)
    with pytest.raises(ModelError) as caught:
        model.classify(examples("a", "b", "c"))
    message = str(caught.value)
    assert str(path) in message and "'b'" in message and "2 of 3" in message


def test_unknown_labels_need_a_label_map(tmp_path):
    path = write_jsonl(tmp_path / "preds.jsonl", [{"id": "a", "label": "LABEL_0"}])
    with pytest.raises(LabelMappingError):
        load(path)


def test_bad_rows_are_errors_with_a_line_number(tmp_path):
    duplicate = write_jsonl(
        tmp_path / "dup.jsonl", [{"id": "a", "label": "neutral"}, {"id": "a", "label": "neutral"}]
    )
    with pytest.raises(ModelError, match=r"dup.jsonl:2: example id 'a' occurs more than once"):
        load(duplicate)
    negative = write_jsonl(tmp_path / "neg.jsonl", [{"id": "a", "probabilities": {"neutral": -1}}])
    with pytest.raises(ModelError, match="neg.jsonl:1"):
        load(negative)
    no_id = write_jsonl(tmp_path / "noid.jsonl", [{"label": "neutral"}])
    with pytest.raises(ModelError, match="noid.jsonl:1: no 'id'"):
        load(no_id)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "label": "neutral"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ModelError, match="broken.jsonl:2"):
        load(broken)


def test_fingerprint_is_the_file_content(tmp_path):
    path = write_jsonl(tmp_path / "preds.jsonl", [{"id": "a", "label": "neutral"}])
    first = load(path).fingerprint()
    assert load(path).fingerprint() == first
    write_jsonl(path, [{"id": "a", "label": "entailment"}])
    assert load(path).fingerprint() != first
