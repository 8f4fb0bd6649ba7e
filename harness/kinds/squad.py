"""The ``squad`` test kind: extractive QA evaluated as the official SQuAD v2.0 script does.

Like ``evaluate``, plus, when the test names a dev split in ``threshold_from``:

    dev ──predict──▶ no-answer probabilities ──best-F1 sweep──▶ threshold t
    test: an answer whose no-answer probability > t becomes "no answer", then scored

The threshold is tuned on the dev split, never on the test: the test's own
``oracle_best_*`` metrics stay labelled as oracle numbers. The ``squad`` section holds
the script's output keys (×100) for the reported predictions and the dev threshold.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any, ClassVar

from pydantic import Field

from harness.core import ItemResult, Prediction
from harness.data.base import validate_data_spec
from harness.execution import RunContext, TestOutcome, builtin_sample, kind_example
from harness.kinds.evaluate import summarize
from harness.suite import TestPlan, TestSpec
from harness.tasks.squad import squad_scores, sweep_threshold


class SquadOptions(TestSpec):
    kind: str = "squad"
    # A dev split to choose the no-answer threshold on (best F1 there).
    threshold_from: dict[str, Any] | None = None
    # Wrong answers shown in the report with the passage highlighted.
    max_failures: int = Field(default=50, ge=0)


def failure_view(item: ItemResult) -> dict[str, Any]:
    """A wrong answer for the report: the passage with the gold and predicted spans."""
    gold = item.example.target or []
    span = item.prediction.span
    return {
        "id": item.id,
        "question": str(item.example.fields["question"]),
        "context": str(item.example.fields["context"]),
        "gold": [a["text"] for a in gold],
        "gold_spans": [[a["start"], a["start"] + len(a["text"])] for a in gold],
        "prediction": item.predicted,
        "prediction_span": list(span) if span else None,
        "f1": item.scores.get("f1"),
        "tags": {k: v for k, v in item.tags.items() if k in ("reasoning_type", "answer_type")},
    }


def abstain_above(predictions: list[Prediction], threshold: float) -> list[Prediction]:
    """Predictions whose no-answer probability exceeds ``threshold`` become empty."""
    result = []
    for prediction in predictions:
        raw = prediction.raw if isinstance(prediction.raw, dict) else {}
        probability = raw.get("no_answer_probability")
        if isinstance(probability, int | float) and probability > threshold:
            prediction = replace(
                prediction, text="", span=None, raw={**raw, "text": "", "thresholded": True}
            )
        elif isinstance(probability, int | float) and raw.get("best_span_text"):
            # Below the threshold the best span answers, even where the model abstained.
            text = str(raw["best_span_text"])
            prediction = replace(prediction, text=text, raw={**raw, "text": text})
        result.append(prediction)
    return result


def reading_example(kind: str, name: str, **rest: Any) -> dict[str, Any]:
    """A reading-comprehension kind's ``example``: the built-in passages (rc-core) as
    extractive QA, asked of a model that extracts spans (``rest``: as ``kind_example``)."""
    return kind_example(
        kind,
        name,
        builtin_sample("rc-core"),
        task="extractive_qa",
        labels=None,
        serves="extract_span",
        **rest,
    )


def squad_version(plan: TestPlan, context: RunContext) -> str:
    """The SQuAD version the test's task scores by (its own task's, else the suite's)."""
    options = plan.task.options if plan.task is not None else context.suite.task_options
    return str(getattr(options, "squad_version", "2.0"))


class SquadKind:
    """Evaluate extractive QA; optionally pick the no-answer threshold on a dev split."""

    description: ClassVar[str] = (
        "extractive QA as SQuAD v2.0 scores it; no-answer threshold from a dev split"
    )
    example: ClassVar[dict[str, Any]] = reading_example(
        "squad", "extractive", task_options={"squad_version": "2.0"}
    )

    Options = SquadOptions

    @staticmethod
    def check(spec: SquadOptions, location: tuple, sources: Any) -> None:
        if spec.threshold_from is not None:
            validate_data_spec(spec.threshold_from, (*location, "threshold_from"), sources)

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec: SquadOptions = plan.spec  # type: ignore[assignment]
        started = time.perf_counter()
        examples = context.load_examples(plan.data)
        predictions = context.predictor.predict(examples, description=spec.name)
        section: dict[str, Any] = {}
        if spec.threshold_from is not None:
            dev_data = validate_data_spec(spec.threshold_from, (), context.suite.sources)
            dev = context.load_examples(dev_data)
            dev_predictions = context.predictor.predict(dev, description=f"{spec.name} (dev)")
            _, dev_items = context.score(spec.name, dev, dev_predictions)
            carrying = [i for i in dev_items if "no_answer_probability" in i.scores]
            if carrying:
                swept = sweep_threshold(
                    [i.scores["span_f1"] for i in carrying],
                    [bool(i.scores["span_answered"]) for i in carrying],
                    ["has_ans_f1" in i.scores for i in carrying],
                    [i.scores["no_answer_probability"] for i in carrying],
                )
                predictions = abstain_above(list(predictions), swept.threshold)
                section["dev_threshold"] = swept.threshold
                section["dev_best_f1"] = swept.score
                section["dev_n"] = len(carrying)
        predicted = time.perf_counter()
        labels, items = context.score(spec.name, examples, predictions, spec.label_mapping)
        golds = {e.id: [a["text"] for a in (e.target or [])] for e in examples}
        texts = {p.example_id: p.text for p in predictions if p.text is not None}
        # The official script of the version the task scores by: v1.1's keys
        # (exact_match, f1) for a v1.1 data set, v2.0's (exact, f1, HasAns_*, NoAns_*).
        version = squad_version(plan, context)
        section["official"] = {"version": version, **squad_scores(golds, texts, version=version)}
        wrong = [item for item in items if item.correct is False]
        section["n_failures"] = len(wrong)
        section["failures"] = [failure_view(item) for item in wrong[: spec.max_failures]]
        outcome = summarize(spec, items, labels, context)
        outcome.sections = {"squad": section}
        outcome.timings = {
            "predict_s": round(predicted - started, 4),
            "examples_per_s": round(len(examples) / max(predicted - started, 1e-9), 2),
        }
        return outcome
