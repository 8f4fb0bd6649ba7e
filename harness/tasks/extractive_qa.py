"""``extractive_qa``: a context and a question; the target is answer spans, or unanswerable.

    example ──ExtractSpan(context, question)──▶ {text, start, end, score} ──score──▶ em, f1
    example ──Generate(template, stop)──▶ {text} ──abstention mapping──▶ ... ──score──▶ em, f1

A target is a list of answers, each a text with its character offset in the
context (``{"text": "Paris", "start": 31}``; ``answer_start`` is accepted too, as is
the SQuAD/Hugging Face form ``{"text": [...], "answer_start": [...]}``); an empty
list means the question is unanswerable. Every offset is checked against the
context when the data loads. Per item: ``em`` and ``f1`` (maximum over the gold
answers, SQuAD normalisation, ``harness.tasks.answers``) and ``correct`` = exact
match; an empty predicted text means "no answer". ``squad_version`` (``"2.0"``, or
``"1.1"``) picks the official script's rules (``harness.tasks.answers``).

A model that serves ``extract_span`` (``hf-qa``, the reference baseline) answers with
a span. A model that only serves ``generate`` (a prompted LM, a ``python:`` callable)
is asked with ``prompt_template`` and ``stop``; its answer is stripped, and an answer
that is one of the ``abstentions`` ("unanswerable", "no answer", ... compared after
SQuAD normalisation; ``abstention_match: prefix`` also catches "No answer: the passage
does not say") becomes the empty answer before scoring. ``mode`` forces one path.

Per item, besides ``em``/``f1``/``correct``: ``has_ans_em``/``has_ans_f1`` (answerable
items) or ``no_ans_em``/``no_ans_f1`` (unanswerable ones), ``abstained``, and when the
model gives a no-answer probability, ``no_answer_probability`` with the scores of its
best non-empty span (``span_em``/``span_f1``) for the oracle threshold sweep
(``harness.tasks.squad``). A missing prediction (no text at all) is wrong, never
dropped: ``em = f1 = 0`` and the item is tagged ``missing``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness.core import OUTCOME_FLAGS, Example, Prediction
from harness.options import Options
from harness.requests import EXTRACT_SPAN, GENERATE, ExtractSpan, served_kinds
from harness.tasks.answers import best_exact_match, best_token_f1, normalize_answer
from harness.tasks.base import (
    ItemScore,
    ItemwiseTask,
    Runner,
    TaskSetup,
    generate_requests,
    require_requests,
    slice_tags,
    text_field,
)
from harness.tasks.squad import has_answer

#: What a generative model says when it abstains; each maps to the empty answer.
DEFAULT_ABSTENTIONS = (
    "unanswerable",
    "no answer",
    "not answerable",
    "cannot be answered",
    "cannot be determined",
    "cannot answer",
    "not stated",
    "not mentioned",
    "not in the passage",
    "unknown",
    "none",
)

DEFAULT_TEMPLATE = (
    "Answer the question with a short span copied from the passage, or say "
    '"unanswerable" if the passage does not answer it.\n\n'
    "Passage: {context}\nQuestion: {question}\nAnswer:"
)


class ExtractiveQAOptions(Options):
    """``task_options`` of an extractive_qa suite."""

    squad_version: Literal["1.1", "2.0"] = "2.0"
    # auto: spans from a model that serves extract_span, else generation.
    mode: Literal["auto", "extract", "generate"] = "auto"
    prompt_template: str = DEFAULT_TEMPLATE
    stop: list[str] = Field(default_factory=lambda: ["\n"])
    max_tokens: int = Field(default=32, ge=1, le=8192)
    abstentions: list[str] = Field(default_factory=lambda: list(DEFAULT_ABSTENTIONS))
    abstention_match: Literal["exact", "prefix"] = "exact"


def map_abstention(text: str, abstentions: Sequence[str], match: str = "exact") -> tuple[str, bool]:
    """``(answer, abstained)``: the empty answer when ``text`` is an abstention.

    >>> map_abstention("Unanswerable.", DEFAULT_ABSTENTIONS)
    ('', True)
    >>> map_abstention("No answer: it is not said", ["no answer"], "prefix")
    ('', True)
    >>> map_abstention(" Paris ", DEFAULT_ABSTENTIONS)
    ('Paris', False)
    """
    answer = text.strip()
    normalised = normalize_answer(answer)
    if not normalised:
        return "", True
    for phrase in abstentions:
        target = normalize_answer(phrase)
        if normalised == target or (match == "prefix" and normalised.startswith(target + " ")):
            return "", True
    return answer, False


def parse_answers(raw: Any, context: str) -> list[dict[str, Any]]:
    """``[{"text", "start"}]`` from the accepted forms, each offset checked against ``context``."""
    if raw is None or raw == "":
        return []
    if isinstance(raw, Mapping) and isinstance(raw.get("text"), list):
        starts = raw.get("answer_start", raw.get("start"))
        if not isinstance(starts, list) or len(starts) != len(raw["text"]):
            raise ValueError("answers: 'text' and 'answer_start' must be lists of equal length")
        raw = [{"text": t, "start": s} for t, s in zip(raw["text"], starts, strict=True)]
    if isinstance(raw, Mapping):
        raw = [raw]
    if not isinstance(raw, list):
        raise ValueError("answers must be a list of {text, start} (an empty list: unanswerable)")
    answers = []
    for index, answer in enumerate(raw):
        if not isinstance(answer, Mapping) or not isinstance(answer.get("text"), str):
            raise ValueError(f"answers[{index}] must be an object with a 'text'")
        start = answer.get("start", answer.get("answer_start"))
        if isinstance(start, bool) or not isinstance(start, int):
            raise ValueError(f"answers[{index}] needs an integer 'start' (character offset)")
        text = answer["text"]
        if context[start : start + len(text)] != text:
            found = context[start : start + len(text)]
            raise ValueError(
                f"answers[{index}]: the context at offset {start} reads {found!r}, not {text!r}"
            )
        answers.append({"text": text, "start": start})
    return answers


def answer_position(answers: Sequence[Mapping[str, Any]], context: str) -> str:
    """Where the first gold answer starts: the first, middle or last third of the context.

    >>> answer_position([{"text": "c", "start": 8}], "aaa bbb c")
    'last third'
    """
    if not answers or not context:
        return "none"
    third = min(int(3 * int(answers[0]["start"]) / len(context)), 2)
    return ("first third", "middle third", "last third")[third]


class ExtractiveQATask(ItemwiseTask):
    """Find the answer span in the context, or say there is none."""

    description: ClassVar[str] = (
        "an answer span in a context, or none; EM and F1 (ExtractSpan requests)"
    )

    name: ClassVar[str] = "extractive_qa"
    default_input_fields: ClassVar[tuple[str, ...]] = ("context", "question")
    target_column: ClassVar[str] = "answers"
    #: Tags this task adds to every item when it scores (slices may name them).
    score_tags: ClassVar[tuple[str, ...]] = ("answerable", "answer_position", "missing")
    default_metrics: ClassVar[tuple[str, ...]] = (
        "exact_match",
        "f1",
        "has_ans_exact",
        "has_ans_f1",
        "no_ans_exact",
        "no_ans_f1",
        "abstention_rate",
    )
    precomputed_answers: ClassVar[str | None] = EXTRACT_SPAN
    Options = ExtractiveQAOptions

    def __init__(self, setup: TaskSetup) -> None:
        self.setup = setup
        self.options: ExtractiveQAOptions = setup.options or ExtractiveQAOptions()
        missing = {"context", "question"} - set(setup.input_fields)
        if missing:
            raise ValueError("an extractive_qa suite needs the input fields context and question")
        self._generative = self.options.mode == "generate"

    def request_kinds(self) -> tuple[str, ...]:
        return (GENERATE,) if self._generative else (EXTRACT_SPAN,)

    def check_model(self, model: Any) -> None:
        if self.options.mode == "auto":
            served = served_kinds(model)
            self._generative = EXTRACT_SPAN not in served and GENERATE in served
        require_requests(self.name, self.request_kinds(), model)

    def parse_field(self, name: str, value: Any) -> Any:
        return text_field(name, value)

    def parse_target(
        self, raw: Any, fields: Mapping[str, Any], label_values: Mapping[str, str]
    ) -> list[dict[str, Any]]:
        return parse_answers(raw, str(fields["context"]))

    def prompt(self, fields: Mapping[str, Any]) -> str:
        return self.options.prompt_template.format_map(
            {name: str(value) for name, value in fields.items()}
        )

    def predict(
        self, examples: Sequence[Example], runner: Runner, description: str = ""
    ) -> list[Prediction]:
        if self._generative:
            return self._generate(examples, runner, description)
        requests = [
            ExtractSpan(
                context=str(example.fields["context"]),
                question=str(example.fields["question"]),
                example_id=example.id,
            )
            for example in examples
        ]
        responses = runner.run(requests, description=description)
        predictions = []
        for example, response in zip(examples, responses, strict=True):
            start, end = response.get("start"), response.get("end")
            span = (
                (int(start), int(end)) if isinstance(start, int) and isinstance(end, int) else None
            )
            predictions.append(
                Prediction(
                    example_id=example.id,
                    text=str(response["text"]),
                    span=span if response["text"] else None,
                    raw=dict(response),
                )
            )
        return predictions

    def _generate(
        self, examples: Sequence[Example], runner: Runner, description: str
    ) -> list[Prediction]:
        requests = generate_requests(
            examples, self.prompt, self.options.stop, self.options.max_tokens
        )
        responses = runner.run(requests, description=description)
        predictions = []
        for example, request, response in zip(examples, requests, responses, strict=True):
            generated = str(response["text"])
            # Adapters should stop at the stop sequences; cut here too for those that do not.
            cut = generated.lstrip()
            for stop in self.options.stop:
                if stop:
                    cut = cut.split(stop)[0]
            answer, abstained = map_abstention(
                cut, self.options.abstentions, self.options.abstention_match
            )
            # Where the answer occurs in the passage, for the report's highlighting.
            start = str(example.fields["context"]).find(answer) if answer else -1
            predictions.append(
                Prediction(
                    example_id=example.id,
                    text=answer,
                    span=(start, start + len(answer)) if start >= 0 else None,
                    raw={
                        "text": answer,
                        "generated": generated,
                        "abstained": abstained,
                        # What the adapter said about cutting the prompt or the answer.
                        **{k: True for k in OUTCOME_FLAGS if response.get(k) is True},
                    },
                    request=request.payload(),
                )
            )
        return predictions

    def score_item(self, example: Example, prediction: Prediction) -> ItemScore:
        version = self.options.squad_version
        missing = prediction.text is None
        predicted = prediction.text or ""
        scores: dict[str, float] = {}
        correct = None
        gold = None
        tags = slice_tags(example)
        if example.target is not None:
            answers = [answer["text"] for answer in example.target]
            answerable = has_answer(answers)
            if missing:
                scores["em"] = scores["f1"] = 0.0
                tags["missing"] = "yes"
            else:
                scores["em"] = best_exact_match(predicted, answers, version)
                scores["f1"] = best_token_f1(predicted, answers, version)
            prefix = "has_ans" if answerable else "no_ans"
            scores[f"{prefix}_em"] = scores["em"]
            scores[f"{prefix}_f1"] = scores["f1"]
            scores["correct"] = scores["em"]
            scores["abstained"] = float(not missing and not normalize_answer(predicted))
            raw = prediction.raw if isinstance(prediction.raw, Mapping) else {}
            probability = raw.get("no_answer_probability")
            if isinstance(probability, int | float) and not missing:
                best_span = str(raw.get("best_span_text", predicted))
                scores["no_answer_probability"] = float(probability)
                scores["span_em"] = best_exact_match(best_span, answers, version)
                scores["span_f1"] = best_token_f1(best_span, answers, version)
                scores["span_answered"] = float(bool(best_span))
            correct = scores["em"] == 1.0
            gold = answers[0] if answers else ""
            tags.setdefault("answerable", "yes" if answerable else "no")
            tags.setdefault(
                "answer_position",
                answer_position(example.target, str(example.fields["context"])),
            )
        return ItemScore(gold, predicted, correct, scores, tags)
