"""python: a callable named by import path, defined in this test module."""

from __future__ import annotations

import numpy as np
import pytest

from harness.core import Example
from harness.errors import LabelMappingError, ModelError
from harness.models.base import ModelContext, ModelSpec, load_model

NLI = ("entailment", "neutral", "contradiction")
CONTEXT = ModelContext(task="nli", labels=NLI, input_fields=("premise", "hypothesis"))
EXAMPLES = [
    Example(id="a", fields={"premise": "A man sleeps.", "hypothesis": "Nobody sleeps."}),
    Example(id="b", fields={"premise": "A man sleeps.", "hypothesis": "A man sleeps."}),
    Example(id="c", fields={"premise": "A man sleeps.", "hypothesis": "A man dreams."}),
]
CALLS: list[int] = []


def negation_rule(rows):
    """Contradiction when only the hypothesis has 'nobody'; entailment on equal texts."""
    CALLS.append(len(rows))
    answers = []
    for row in rows:
        if "nobody" in row["hypothesis"].lower():
            answers.append("contradiction")
        elif row["premise"] == row["hypothesis"]:
            answers.append({"entailment": 0.9, "neutral": 0.1})
        else:
            answers.append({"entailment": 0.25, "neutral": 0.5, "contradiction": 0.25})
    return answers


def scores_rule(rows):
    """Scores, not probabilities: refused rather than renormalised."""
    return [{"entailment": 1, "neutral": 2, "contradiction": 1} for _ in rows]


def binary_rule(rows):
    return ["yes" for _ in rows]


def wrong_length(rows):
    return ["neutral"]


def spec(function: str, **options) -> ModelSpec:
    return ModelSpec.parse(f"python:{__name__}:{function}", options)


def test_answers_become_probabilities_in_label_order():
    CALLS.clear()
    model = load_model(spec("negation_rule", batch_size=2), CONTEXT)
    assert tuple(model.labels) == NLI
    probabilities = model.classify(EXAMPLES)
    np.testing.assert_allclose(probabilities, [[0, 0, 1], [0.9, 0.1, 0], [0.25, 0.5, 0.25]])
    assert CALLS == [2, 1]
    facts = model.describe()
    assert facts["kind"] == "python" and facts["is_reference"] is False
    assert facts["description"].startswith("Contradiction when")


def test_labels_option_and_label_map():
    with pytest.raises(LabelMappingError):
        load_model(spec("binary_rule", labels=["yes", "no"]), CONTEXT)
    label_map = {"yes": "entailment", "no": "contradiction", "maybe": "neutral"}
    model = load_model(spec("binary_rule", labels="yes,no,maybe", label_map=label_map), CONTEXT)
    assert tuple(model.labels) == ("yes", "no", "maybe")
    np.testing.assert_allclose(model.classify(EXAMPLES[:1]), [[1, 0, 0]])


def test_bad_answers_are_model_errors():
    with pytest.raises(ModelError, match="returned 1 answers for 3 examples"):
        load_model(spec("wrong_length"), CONTEXT).classify(EXAMPLES)
    with pytest.raises(ModelError, match="answered label 'yes'"):
        load_model(spec("binary_rule"), CONTEXT).classify(EXAMPLES)
    with pytest.raises(ModelError, match="example 'a' probabilities that sum to 4, not 1"):
        load_model(spec("scores_rule"), CONTEXT).classify(EXAMPLES)


def test_import_errors_are_one_line_model_errors():
    for target in ("no_such_module_for_harness:predict", f"{__name__}:absent", "nocolon"):
        with pytest.raises(ModelError) as caught:
            load_model(ModelSpec.parse(f"python:{target}"), CONTEXT)
        assert "\n" not in str(caught.value)


def test_fingerprint_names_the_callable_and_its_module():
    first = load_model(spec("negation_rule"), CONTEXT).fingerprint()
    assert load_model(spec("negation_rule"), CONTEXT).fingerprint() == first
    assert load_model(spec("binary_rule", labels=list(NLI)), CONTEXT).fingerprint() != first
