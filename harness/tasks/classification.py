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
from dataclasses import replace
from typing import Any, ClassVar

import numpy as np

from harness.core import TRUNCATED_INPUT_KEY, Example, ItemResult, Prediction
from harness.errors import DataError, ModelError
from harness.labels import collapse_matrix, model_label_matrix
from harness.options import Options
from harness.requests import CLASSIFY, LOGLIKELIHOOD, Classify, served_kinds
from harness.tasks.base import ItemScore, Runner, TaskSetup, require_requests, text_field
from harness.tasks.label_scores import LabelScorer, LabelScores

#: Metrics a prompted model reports besides the classification defaults.
PROMPTED_METRICS = (
    "acc",
    "acc_char",
    "acc_byte",
    "acc_token",
    "acc_pmi",
    "acc_calibrated",
    "ece_calibrated",
    "brier_calibrated",
)


class DirectLabelScorer:
    """A classifier answers ``Classify`` requests with its own label probabilities."""

    request_kinds: tuple[str, ...] = (CLASSIFY,)

    def model_labels(self, model: Any) -> Sequence[str]:
        return list(model.labels)

    def probabilities(
        self, examples: Sequence[Example], runner: Runner, description: str
    ) -> list[list[float] | LabelScores]:
        requests = [Classify(example=example, example_id=example.id) for example in examples]
        # An input cut to the model's maximum length keeps the mark (its outcome says so).
        return [
            LabelScores(response["probabilities"], raw={TRUNCATED_INPUT_KEY: True})
            if response.get(TRUNCATED_INPUT_KEY) is True
            else response["probabilities"]
            for response in runner.run(requests, description=description)
        ]


class ClassificationTask:
    """Gold is a label name; the model gives a probability per label."""

    description: ClassVar[str] = "a label from a fixed set (Classify requests)"

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
    precomputed_answers: ClassVar[str | None] = None
    explains_failures: ClassVar[bool] = True

    #: The prompt a language model gets when the suite names none (None: it must name one).
    default_prompt: ClassVar[str | None] = None

    class Options(Options):
        # A prompt for language models (harness.tasks.prompting): a template under prompts/
        # ("nli/gpt3") or a .j2 file; models that serve classify ignore it.
        prompt: str | None = None
        # label -> word or words, replacing the template's verbalizers.
        verbalizers: dict[str, str | list[str]] | None = None
        # Few-shot demonstrations (harness.tasks.prompting.shots.ShotsOptions).
        shots: dict[str, Any] | None = None
        # Contextual calibration (content-free inputs) for prompted models.
        calibrate: bool = True

    def __init__(self, setup: TaskSetup, scorer: LabelScorer | None = None) -> None:
        self.setup = setup
        self.labels = setup.labels
        self.scorer: LabelScorer = scorer or DirectLabelScorer()
        self._explicit_scorer = scorer is not None
        self._matrix: np.ndarray | None = None
        self.default_metrics = type(self).default_metrics  # type: ignore[misc]
        options = setup.options
        if options is not None and getattr(options, "prompt", None):
            # Fail at suite load on a template that does not fit the task.
            from harness.tasks.prompting.scorer import check_template_fields, resolve_verbalizers
            from harness.tasks.prompting.templates import check_verbalizers, load_template

            template = load_template(options.prompt, setup.extras.get("base_dir"))
            check_template_fields(template, setup.input_fields)
            check_verbalizers(
                resolve_verbalizers(template, options.verbalizers),
                setup.labels,
                f"prompt '{options.prompt}'",
            )

    def request_kinds(self) -> tuple[str, ...]:
        return tuple(self.scorer.request_kinds)

    def prompted_scorer(self, template: str | None = None, shots: Any = None) -> LabelScorer:
        """The scorer for a language model: the suite's prompt (or ``template``)."""
        from harness.tasks.prompting.scorer import PromptedLabelScorer, make_prompt
        from harness.tasks.prompting.shots import ShotsOptions

        options = self.setup.options
        name = template or getattr(options, "prompt", None) or self.default_prompt
        if name is None:
            raise ModelError(
                f"task '{self.name}' needs a prompt (task_options: prompt) for a model that "
                "serves log-likelihoods but not classify"
            )
        raw_shots = shots if shots is not None else getattr(options, "shots", None)
        return PromptedLabelScorer(
            make_prompt(
                name,
                labels=self.labels,
                input_fields=self.setup.input_fields,
                verbalizers=getattr(options, "verbalizers", None),
                shots=(
                    ShotsOptions.model_validate(raw_shots)
                    if isinstance(raw_shots, Mapping)
                    else raw_shots
                ),
                calibrate_probabilities=bool(getattr(options, "calibrate", True)),
                base_dir=self.setup.extras.get("base_dir"),
                load_examples=self.setup.extras.get("load_examples"),
            )
        )

    def check_model(self, model: Any) -> None:
        served = served_kinds(model)
        if not self._explicit_scorer and CLASSIFY not in served and LOGLIKELIHOOD in served:
            # A language model: classification through a prompt and verbalizers.
            self.scorer = self.prompted_scorer()
            self._explicit_scorer = True
        if CLASSIFY not in served and LOGLIKELIHOOD not in served and not self._explicit_scorer:
            name = model.describe().get("spec") or model.describe().get("name", "?")
            raise ModelError(
                f"task '{self.name}' needs 'classify' requests, or 'loglikelihood' requests for a "
                f"prompt; model '{name}' serves: {', '.join(sorted(served)) or 'nothing'}"
            )
        if LOGLIKELIHOOD in self.scorer.request_kinds:
            self.default_metrics = (*type(self).default_metrics, *PROMPTED_METRICS)  # type: ignore[misc]
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
        for example, row in zip(examples, rows, strict=True):
            details = row if isinstance(row, LabelScores) else None
            raw = [float(p) for p in (row.probabilities if isinstance(row, LabelScores) else row)]
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
                    raw=({"probabilities": raw, **details.raw} if details is not None else raw),
                    request=details.request if details is not None else None,
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
    golds = [_gold_label(test, example, mapping, test_labels) for example in examples]
    # Every prediction with probabilities at once: one matrix product, one argmax.
    with_scores = [i for i, prediction in enumerate(predictions) if prediction.scores is not None]
    collapsed_rows: dict[int, tuple[list[float], str, float | None]] = {}
    if with_scores:
        full = np.array(
            [[_scores(predictions[i]).get(label, 0.0) for label in labels] for i in with_scores]
        )
        collapsed = full @ matrix
        if collapse == "argmax":
            tops = [labels[code] for code in np.argmax(full, axis=1).tolist()]
            chosen = [mapping.get(top, top) for top in tops]
        else:
            chosen = [test_labels[code] for code in np.argmax(collapsed, axis=1).tolist()]
        gold_codes = np.array(
            [test_labels.index(golds[i]) if golds[i] is not None else -1 for i in with_scores]
        )
        onehot = (gold_codes[:, None] == np.arange(len(test_labels))).astype(float)
        briers = np.sum((collapsed - onehot) ** 2, axis=1).tolist()
        for row, (i, vector, label, brier) in enumerate(
            zip(with_scores, collapsed.tolist(), chosen, briers, strict=True)
        ):
            collapsed_rows[i] = (vector, label, brier if gold_codes[row] >= 0 else None)
    items = []
    for index, (example, prediction) in enumerate(zip(examples, predictions, strict=True)):
        gold = golds[index]
        found = collapsed_rows.get(index)
        predicted: str | None
        if found is not None:
            vector, predicted, brier = found
            scores = dict(zip(test_labels, vector, strict=True))
            prediction = replace(prediction, label=predicted, scores=scores)
        else:
            brier = None
            predicted = (
                mapping.get(prediction.label, prediction.label) if prediction.label else None
            )
            prediction = replace(prediction, label=predicted, scores=None)
        correct = None if gold is None else predicted == gold
        item_scores: dict[str, float] = {}
        if correct is not None:
            item_scores["correct"] = float(correct)
            if brier is not None:
                item_scores["brier"] = brier
            if isinstance(prediction.raw, Mapping) and "variants" in prediction.raw and gold:
                from harness.tasks.prompting.itemscores import prompted_item_scores

                item_scores.update(
                    prompted_item_scores(prediction.raw, gold, labels, test_labels, matrix, mapping)
                )
        items.append(
            ItemScore(gold, predicted, correct, item_scores).result(test, example, prediction)
        )
    return test_labels, items


def _scores(prediction: Prediction) -> Mapping[str, float]:
    assert prediction.scores is not None  # only predictions with scores are asked
    return prediction.scores


def _gold_label(
    test: str, example: Example, mapping: Mapping[str, str], test_labels: Sequence[str]
) -> str | None:
    """The example's gold label in the test's labels (None: an unlabeled variant)."""
    if example.target is None:
        return None
    gold = mapping.get(str(example.target), str(example.target))
    if gold not in test_labels:
        raise DataError(
            f"test '{test}': example '{example.id}' has gold label '{example.target}', "
            f"not one of the test's labels ({', '.join(test_labels)}); "
            "map it with the test's label_mapping"
        )
    return gold


class NLITask(ClassificationTask):
    """``nli``: classification over a premise and a hypothesis (entailment, neutral, ...)."""

    description: ClassVar[str] = "classification over premise and hypothesis"

    name: ClassVar[str] = "nli"
    default_input_fields: ClassVar[tuple[str, ...]] = ("premise", "hypothesis")
    default_prompt: ClassVar[str | None] = "nli/gpt3"
