"""``extractive_qa``: a context and a question; the target is answer spans, or unanswerable.

    example ──ExtractSpan(context, question)──▶ {text, start, end, score} ──score──▶ em, f1

A target is a list of answers, each a text with its character offset in the
context (``{"text": "Paris", "start": 31}``; ``answer_start`` is accepted too, as is
the SQuAD/Hugging Face form ``{"text": [...], "answer_start": [...]}``); an empty
list means the question is unanswerable. Every offset is checked against the
context when the data loads. Per item: ``em`` and ``f1`` (maximum over the gold
answers, SQuAD normalisation, ``harness.tasks.answers``) and ``correct`` = exact
match; an empty predicted text means "no answer".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from harness.core import Example, ItemResult, Prediction
from harness.options import Options
from harness.requests import EXTRACT_SPAN, ExtractSpan
from harness.tasks.answers import best_exact_match, best_token_f1
from harness.tasks.base import Runner, TaskSetup, require_requests, slice_tags, text_field


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


class ExtractiveQATask:
    """Find the answer span in the context, or say there is none."""

    name: ClassVar[str] = "extractive_qa"
    default_input_fields: ClassVar[tuple[str, ...]] = ("context", "question")
    target_column: ClassVar[str] = "answers"
    default_metrics: ClassVar[tuple[str, ...]] = ("exact_match", "f1")
    needs_labels: ClassVar[bool] = False

    class Options(Options):
        pass

    def __init__(self, setup: TaskSetup) -> None:
        self.setup = setup
        missing = {"context", "question"} - set(setup.input_fields)
        if missing:
            raise ValueError("an extractive_qa suite needs the input fields context and question")

    def request_kinds(self) -> tuple[str, ...]:
        return (EXTRACT_SPAN,)

    def check_model(self, model: Any) -> None:
        require_requests(self.name, self.request_kinds(), model)

    def parse_field(self, name: str, value: Any) -> Any:
        return text_field(name, value)

    def parse_target(
        self, raw: Any, fields: Mapping[str, Any], label_values: Mapping[str, str]
    ) -> list[dict[str, Any]]:
        return parse_answers(raw, str(fields["context"]))

    def predict(
        self, examples: Sequence[Example], runner: Runner, description: str = ""
    ) -> list[Prediction]:
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
                    span=span,
                    raw=dict(response),
                )
            )
        return predictions

    def score(
        self,
        test: str,
        examples: Sequence[Example],
        predictions: Sequence[Prediction],
        label_mapping: Mapping[str, str] | None = None,
    ) -> tuple[tuple[str, ...], list[ItemResult]]:
        items = []
        for example, prediction in zip(examples, predictions, strict=True):
            predicted = prediction.text or ""
            scores: dict[str, float] = {}
            correct = None
            gold = None
            if example.target is not None:
                answers = [answer["text"] for answer in example.target]
                scores["em"] = best_exact_match(predicted, answers)
                scores["f1"] = best_token_f1(predicted, answers)
                scores["correct"] = scores["em"]
                correct = scores["em"] == 1.0
                gold = answers[0] if answers else ""
            tags = slice_tags(example)
            if example.target is not None:
                tags.setdefault("answerable", "yes" if example.target else "no")
            items.append(
                ItemResult(
                    test=test,
                    example=example,
                    prediction=prediction,
                    gold=gold,
                    predicted=predicted,
                    correct=correct,
                    scores=scores,
                    tags=tags,
                )
            )
        return (), items
