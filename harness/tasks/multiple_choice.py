"""``multiple_choice``: a context and/or question, a list of choices; the target is a choice index.

    example ──Loglikelihood(prompt, " " + choice) per choice──▶ log-likelihoods
            ──argmax──▶ Prediction ──score──▶ correct

The prompt is ``"{context}\\n"`` (when the item has one) ``+ "Question: {question}\\nAnswer:"``
and each choice is scored as a continuation after a space; the chosen answer is the
choice with the highest summed log-likelihood (ties: the earlier choice). Per item
the scores are ``correct`` and ``gold_loglikelihood``; the response keeps every
choice's log-likelihood.

A model with a multiple-choice head (``hf-mc``, the reading-comprehension reference
baseline) serves ``score_choices`` instead: one request per item, one score per
choice, the highest chosen (ties: the earlier choice). The task uses it when the model
serves it and ``Loglikelihood`` otherwise.

A gold answer may be given as an index (``2``), a letter (``"C"``) or the text of a
choice; it is stored as the index.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from harness.core import Example, Prediction
from harness.options import Options
from harness.requests import (
    LOGLIKELIHOOD,
    SCORE_CHOICES,
    Loglikelihood,
    ScoreChoices,
    served_kinds,
)
from harness.tasks.base import (
    ItemScore,
    ItemwiseTask,
    Runner,
    TaskSetup,
    require_requests,
    text_field,
)

CHOICES = "choices"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def parse_choices(value: Any) -> list[str]:
    """A list of choice texts: a list, or a JSON list written as text (CSV cells)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise ValueError(
                "field 'choices' must be a list of texts (in CSV: a JSON list)"
            ) from None
    if not isinstance(value, list | tuple) or len(value) < 2:
        raise ValueError("field 'choices' must be a list of at least two texts")
    choices = []
    for choice in value:
        if isinstance(choice, list | dict) or choice is None:
            raise ValueError("field 'choices' must hold texts, one per choice")
        choices.append(str(choice))
    return choices


def choice_index(raw: Any, choices: Sequence[str]) -> int:
    """The gold choice's index from an index, a letter or the choice's text."""
    if isinstance(raw, bool):
        raise ValueError(f"answer {raw!r} is not a choice index, letter or choice text")
    if isinstance(raw, int):
        index = raw
    elif isinstance(raw, float) and raw.is_integer():
        index = int(raw)
    elif isinstance(raw, str) and raw.strip().isdigit():
        index = int(raw.strip())
    elif isinstance(raw, str) and len(raw.strip()) == 1 and raw.strip().upper() in LETTERS:
        index = LETTERS.index(raw.strip().upper())
    elif isinstance(raw, str) and raw in choices:
        index = list(choices).index(raw)
    else:
        raise ValueError(f"answer {raw!r} is not a choice index, letter or choice text")
    if not 0 <= index < len(choices):
        raise ValueError(f"answer index {index} is out of range for {len(choices)} choices")
    return index


class MultipleChoiceTask(ItemwiseTask):
    """Pick one of several choices by the model's log-likelihood of each."""

    description: ClassVar[str] = "one of several choices by log-likelihood (Loglikelihood requests)"

    name: ClassVar[str] = "multiple_choice"
    default_input_fields: ClassVar[tuple[str, ...]] = ("question", CHOICES)
    target_column: ClassVar[str] = "answer"
    # The scoring variants (harness.tasks.prompting.variants) appear when items carry them.
    default_metrics: ClassVar[tuple[str, ...]] = (
        "accuracy",
        "acc_char",
        "acc_byte",
        "acc_token",
        "acc_pmi",
    )
    precomputed_answers: ClassVar[str | None] = LOGLIKELIHOOD

    class Options(Options):
        # A prompt template (harness.tasks.prompting): "multiple_choice/lettered" or a .j2 file;
        # None: the built-in "Question: ... Answer:" format.
        prompt: str | None = None

    def __init__(self, setup: TaskSetup) -> None:
        self.setup = setup
        if CHOICES not in setup.input_fields:
            raise ValueError("a multiple_choice suite needs the input field 'choices'")
        self._head = False
        self.template: Any = None
        name = getattr(setup.options, "prompt", None)
        if name:
            from harness.tasks.prompting.scorer import check_template_fields
            from harness.tasks.prompting.templates import load_template

            self.template = load_template(name, setup.extras.get("base_dir"))
            check_template_fields(self.template, setup.input_fields)

    def request_kinds(self) -> tuple[str, ...]:
        return (SCORE_CHOICES,) if self._head else (LOGLIKELIHOOD,)

    def check_model(self, model: Any) -> None:
        self._head = SCORE_CHOICES in served_kinds(model)
        require_requests(self.name, self.request_kinds(), model)

    def parse_field(self, name: str, value: Any) -> Any:
        return parse_choices(value) if name == CHOICES else text_field(name, value)

    def parse_target(
        self, raw: Any, fields: Mapping[str, Any], label_values: Mapping[str, str]
    ) -> int:
        return choice_index(raw, fields[CHOICES])

    @staticmethod
    def prompt(fields: Mapping[str, Any]) -> str:
        context = str(fields.get("context", "") or "")
        question = str(fields.get("question", "") or "")
        prefix = f"{context}\n" if context else ""
        return f"{prefix}Question: {question}\nAnswer:"

    def continuations(self, example: Example) -> list[str]:
        choices = list(example.fields[CHOICES])
        if self.template is not None:
            return list(self.template.choice_continuations(choices))
        return [f" {choice}" for choice in choices]

    def requests(self, example: Example) -> list[Loglikelihood]:
        if self.template is not None:
            prompt = self.template.render(example.fields)
        else:
            prompt = self.prompt(example.fields)
        return [
            Loglikelihood(context=prompt, continuation=continuation, example_id=example.id, index=i)
            for i, continuation in enumerate(self.continuations(example))
        ]

    def predict(
        self, examples: Sequence[Example], runner: Runner, description: str = ""
    ) -> list[Prediction]:
        if self._head:
            return self._predict_with_head(examples, runner, description)
        from harness.tasks.prompting.variants import argmax, variant_scores

        per_example = [self.requests(example) for example in examples]
        flat = [request for requests in per_example for request in requests]
        # log P(choice | "Answer:") for acc_pmi; equal continuations are asked once.
        unconditional_context = self.template.unconditional if self.template else "Answer:"
        # Answers looked up by item (a predictions file) have no unconditional scores.
        unconditional_requests = (
            [
                Loglikelihood(context=unconditional_context, continuation=r.continuation)
                for r in flat
            ]
            if getattr(runner.model, "cacheable", True)
            else []
        )
        responses = runner.run([*flat, *unconditional_requests], description=description)
        unconditional = {
            r.continuation: float(answer["loglikelihood"])
            for r, answer in zip(unconditional_requests, responses[len(flat) :], strict=True)
        }
        answers_iter = iter(responses[: len(flat)])
        predictions = []
        for example, requests in zip(examples, per_example, strict=True):
            answers = [next(answers_iter) for _ in requests]
            loglikelihoods = [float(answer["loglikelihood"]) for answer in answers]
            chosen = max(range(len(loglikelihoods)), key=lambda i: (loglikelihoods[i], -i))
            # One "label" per choice, keyed by position: the continuations may repeat.
            table = {
                str(i): {r.continuation: ll}
                for i, (r, ll) in enumerate(zip(requests, loglikelihoods, strict=True))
            }
            tokens = None
            if all("tokens" in answer for answer in answers):
                tokens = {
                    str(i): {r.continuation: int(answer["tokens"])}
                    for i, (r, answer) in enumerate(zip(requests, answers, strict=True))
                }
            variants = variant_scores(table, tokens=tokens, unconditional=unconditional)
            predictions.append(
                Prediction(
                    example_id=example.id,
                    label=str(chosen),
                    raw={
                        "choice": chosen,
                        "loglikelihoods": loglikelihoods,
                        "is_greedy": [bool(answer.get("is_greedy")) for answer in answers],
                        "variants": {name: argmax(v) for name, v in variants.items()},
                    },
                    request={
                        "prompt": requests[0].context if requests else "",
                        "template": self.template.name if self.template else "",
                        "continuations": [r.continuation for r in requests],
                    },
                )
            )
        return predictions

    def _predict_with_head(
        self, examples: Sequence[Example], runner: Runner, description: str
    ) -> list[Prediction]:
        requests = [
            ScoreChoices(
                context=str(example.fields.get("context", "") or ""),
                question=str(example.fields.get("question", "") or ""),
                choices=tuple(example.fields[CHOICES]),
                example_id=example.id,
            )
            for example in examples
        ]
        predictions = []
        for example, response in zip(
            examples, runner.run(requests, description=description), strict=True
        ):
            scores = [float(value) for value in response["scores"]]
            chosen = max(range(len(scores)), key=lambda i: (scores[i], -i))
            predictions.append(
                Prediction(
                    example_id=example.id,
                    label=str(chosen),
                    raw={"choice": chosen, "choice_scores": scores},
                )
            )
        return predictions

    def score_item(self, example: Example, prediction: Prediction) -> ItemScore:
        choices = example.fields[CHOICES]
        chosen = int(prediction.raw["choice"])
        gold_index = None if example.target is None else int(example.target)
        scores: dict[str, float] = {}
        correct = None
        if gold_index is not None:
            correct = chosen == gold_index
            scores["correct"] = float(correct)
            for name, index in prediction.raw.get("variants", {}).items():
                scores[name] = float(index == gold_index)
            if "loglikelihoods" in prediction.raw:
                gold_loglikelihood = prediction.raw["loglikelihoods"][gold_index]
                if math.isfinite(gold_loglikelihood):
                    scores["gold_loglikelihood"] = gold_loglikelihood
        gold = None if gold_index is None else choices[gold_index]
        return ItemScore(gold, choices[chosen], correct, scores)
