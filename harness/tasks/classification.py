"""``classification``: a label from a fixed set (NLI is classification over premise/hypothesis).

    examples ──Classify──▶ model-label probabilities ──label matrix──▶ suite-label Predictions
    predictions ──score──▶ items: correct, brier (with probabilities)

Model labels are mapped onto suite labels by name (``harness.labels``); a model
whose labels cannot be mapped is refused at load. A model's answer is checked
before it is used: NaN, infinite, negative or non-normalised probabilities and
vectors of the wrong length are errors naming the model and the first bad item,
never silent labels.

The seam for a *prompted classifier* (a language model serving a classification
test through a prompt template and verbalizers) is ``LabelScorer``: the direct
scorer sends ``Classify`` requests; a prompted scorer sends ``Loglikelihood``
requests and returns the same label probabilities, so every metric, slice,
perturbation and gate works unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Protocol

import numpy as np

from harness.core import Example, ItemResult, Prediction
from harness.errors import DataError
from harness.labels import collapse_matrix, model_label_matrix
from harness.options import Options
from harness.requests import CLASSIFY, Classify
from harness.tasks.base import Runner, TaskSetup, require_requests, slice_tags, text_field


class LabelScorer(Protocol):
    """Turns examples into probabilities over the model's labels (one row per example)."""

    request_kinds: tuple[str, ...]

    def model_labels(self, model: Any) -> Sequence[str]: ...

    def probabilities(
        self, examples: Sequence[Example], runner: Runner, description: str
    ) -> list[list[float]]: ...


class DirectLabelScorer:
    """A classifier answers ``Classify`` requests with its own label probabilities."""

    request_kinds: tuple[str, ...] = (CLASSIFY,)

    def model_labels(self, model: Any) -> Sequence[str]:
        return list(model.labels)

    def probabilities(
        self, examples: Sequence[Example], runner: Runner, description: str
    ) -> list[list[float]]:
        requests = [Classify(example=example, example_id=example.id) for example in examples]
        return [
            response["probabilities"] for response in runner.run(requests, description=description)
        ]


class ClassificationTask:
    """Gold is a label name; the model gives a probability per label."""

    name: ClassVar[str] = "classification"
    default_input_fields: ClassVar[tuple[str, ...]] = ("text",)
    target_column: ClassVar[str] = "label"
    default_metrics: ClassVar[tuple[str, ...]] = (
        "accuracy",
        "macro_f1",
        "per_class",
        "confusion_matrix",
        "calibration",
    )
    needs_labels: ClassVar[bool] = True

    class Options(Options):
        pass

    def __init__(self, setup: TaskSetup, scorer: LabelScorer | None = None) -> None:
        self.setup = setup
        self.labels = setup.labels
        self.scorer: LabelScorer = scorer or DirectLabelScorer()
        self._matrix: np.ndarray | None = None

    def request_kinds(self) -> tuple[str, ...]:
        return tuple(self.scorer.request_kinds)

    def check_model(self, model: Any) -> None:
        require_requests(self.name, self.request_kinds(), model)
        self._matrix = model_label_matrix(
            list(self.scorer.model_labels(model)),
            self.labels,
            self.setup.label_map,
            model_name=f"model '{model.describe().get('name', '')}'",
        )

    def parse_field(self, name: str, value: Any) -> Any:
        return text_field(name, value)

    def parse_target(
        self, raw: Any, fields: Mapping[str, Any], label_values: Mapping[str, str]
    ) -> str:
        if str(raw) in label_values:
            label = label_values[str(raw)]
            if label not in self.labels:
                raise ValueError(
                    f"label_values maps '{raw}' to '{label}', which is not a suite label "
                    f"({', '.join(self.labels)})"
                )
            return label
        by_name = {label.lower(): label for label in self.labels}
        matched = by_name.get(str(raw).strip().lower())
        if matched is None:
            raise ValueError(
                f"label '{raw}' is not one of the suite's labels ({', '.join(self.labels)}); "
                "map it with label_values"
            )
        return matched

    def predict(
        self, examples: Sequence[Example], runner: Runner, description: str = ""
    ) -> list[Prediction]:
        if self._matrix is None:
            self.check_model(runner.model)
        assert self._matrix is not None
        rows = self.scorer.probabilities(examples, runner, description)
        predictions = []
        for example, raw in zip(examples, rows, strict=True):
            suite_probabilities = np.asarray(raw, dtype=float) @ self._matrix
            scores = {
                label: float(p) for label, p in zip(self.labels, suite_probabilities, strict=True)
            }
            label = self.labels[int(np.argmax(suite_probabilities))]
            predictions.append(
                Prediction(
                    example_id=example.id,
                    label=label,
                    scores=scores,
                    raw=[float(p) for p in raw],
                )
            )
        return predictions

    def score(
        self,
        test: str,
        examples: Sequence[Example],
        predictions: Sequence[Prediction],
        label_mapping: Mapping[str, str] | None = None,
        collapse: str = "argmax",
    ) -> tuple[tuple[str, ...], list[ItemResult]]:
        return score_classification(
            test, examples, predictions, self.labels, label_mapping, collapse=collapse
        )


def score_classification(
    test: str,
    examples: Sequence[Example],
    predictions: Sequence[Prediction],
    labels: Sequence[str],
    label_mapping: Mapping[str, str] | None = None,
    *,
    collapse: str = "argmax",
) -> tuple[tuple[str, ...], list[ItemResult]]:
    """Score predictions against gold labels, after collapsing labels by ``label_mapping``.

    Returns the test's label set and one ``ItemResult`` per example. Probabilities
    of collapsed labels add up (what Brier and calibration see). The predicted label
    follows ``collapse``: ``argmax`` (the default, HANS's convention) takes the argmax
    over the model's own labels and then maps it ("neutral" → "non-entailment");
    ``sum`` takes the argmax of the summed probabilities: with P(entailment) = 0.4 and
    P(neutral) = P(contradiction) = 0.3, "argmax" says entailment, "sum" says
    non-entailment (0.6). Ties go to the earlier label. Examples with ``target=None`` (unlabeled
    variants) get ``gold=None`` and ``correct=None``. Per-item scores: ``correct``,
    and ``brier`` (Σ_k (p_k − y_k)²) when the model gives probabilities.
    """
    if collapse not in ("argmax", "sum"):
        raise ValueError(f"collapse must be 'argmax' or 'sum', not {collapse!r}")
    test_labels, matrix = collapse_matrix(labels, label_mapping or {})
    mapping = dict(label_mapping or {})
    items = []
    for example, prediction in zip(examples, predictions, strict=True):
        gold = None
        if example.target is not None:
            gold = mapping.get(str(example.target), str(example.target))
            if gold not in test_labels:
                raise DataError(
                    f"test '{test}': example '{example.id}' has gold label '{example.target}', "
                    f"not one of the test's labels ({', '.join(test_labels)}); "
                    "map it with the test's label_mapping"
                )
        vector = None
        if prediction.scores is not None:
            vector = np.array([prediction.scores.get(label, 0.0) for label in labels]) @ matrix
            scores = {label: float(p) for label, p in zip(test_labels, vector, strict=True)}
            predicted: str | None = test_labels[int(np.argmax(vector))]
            if collapse == "argmax":
                full = [prediction.scores.get(label, 0.0) for label in labels]
                top = labels[int(np.argmax(full))]
                predicted = mapping.get(top, top)
            prediction = Prediction(
                example_id=prediction.example_id,
                label=predicted,
                scores=scores,
                text=prediction.text,
                span=prediction.span,
                raw=prediction.raw,
            )
        else:
            predicted = (
                mapping.get(prediction.label, prediction.label) if prediction.label else None
            )
            prediction = Prediction(
                example_id=prediction.example_id, label=predicted, raw=prediction.raw
            )
        correct = None if gold is None else predicted == gold
        item_scores: dict[str, float] = {}
        if correct is not None:
            item_scores["correct"] = float(correct)
            if vector is not None:
                onehot = np.array([float(label == gold) for label in test_labels])
                item_scores["brier"] = float(np.sum((vector - onehot) ** 2))
        items.append(
            ItemResult(
                test=test,
                example=example,
                prediction=prediction,
                gold=gold,
                predicted=predicted,
                correct=correct,
                scores=item_scores,
                tags=slice_tags(example),
            )
        )
    return test_labels, items


class NLITask(ClassificationTask):
    """``nli``: classification over a premise and a hypothesis (entailment, neutral, ...)."""

    name: ClassVar[str] = "nli"
    default_input_fields: ClassVar[tuple[str, ...]] = ("premise", "hypothesis")
