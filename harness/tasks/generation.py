"""``generation``: prompt fields in, text out; the target is one or more reference texts.

    example ──Generate(prompt, stop, max_tokens)──▶ {text} ──score──▶ em, f1

The prompt is the item's input fields joined by newlines (a ``prompt`` field on its
own for the default input fields). Decoding is greedy; ``task_options`` set the stop
sequences and the token budget. Per item: ``em`` and ``f1`` against the closest
reference (SQuAD normalisation, ``harness.tasks.answers``) and ``correct`` = exact
match. With ``answer_pattern`` the answer is what the pattern picks from the text; a
text it does not match is ``unparseable`` (scored as no answer, counted as such).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from pydantic import Field, field_validator

from harness.core import UNPARSEABLE_KEY, Example, Prediction
from harness.options import Options
from harness.requests import GENERATE, Generate
from harness.tasks.answers import best_exact_match, best_token_f1
from harness.tasks.base import (
    ItemScore,
    ItemwiseTask,
    Runner,
    TaskSetup,
    generate_requests,
    require_requests,
    text_field,
)


class GenerationOptions(Options):
    stop: list[str] = Field(default_factory=lambda: ["\n"])
    max_tokens: int = Field(default=64, ge=1, le=8192)
    # Where the answer is in the generated text: a regular expression whose first group
    # (or whole match) is the answer. Text it does not match is ``unparseable``.
    answer_pattern: str | None = Field(default=None, max_length=1000)

    @field_validator("answer_pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as error:
                raise ValueError(f"not a regular expression: {error}") from None
        return value


class GenerationTask(ItemwiseTask):
    """Generate an answer and compare it with the references."""

    description: ClassVar[str] = "generated text against references; EM and F1 (Generate requests)"

    name: ClassVar[str] = "generation"
    default_input_fields: ClassVar[tuple[str, ...]] = ("prompt",)
    target_column: ClassVar[str] = "references"
    default_metrics: ClassVar[tuple[str, ...]] = ("exact_match", "f1")
    precomputed_answers: ClassVar[str | None] = GENERATE
    Options = GenerationOptions

    def __init__(self, setup: TaskSetup) -> None:
        self.setup = setup
        self.options: GenerationOptions = setup.options or GenerationOptions()

    def request_kinds(self) -> tuple[str, ...]:
        return (GENERATE,)

    def check_model(self, model: Any) -> None:
        require_requests(self.name, self.request_kinds(), model)

    def parse_field(self, name: str, value: Any) -> Any:
        return text_field(name, value)

    def parse_target(
        self, raw: Any, fields: Mapping[str, Any], label_values: Mapping[str, str]
    ) -> list[str]:
        references = [raw] if isinstance(raw, str) else raw
        if not isinstance(references, list) or not references:
            raise ValueError("references must be a text or a non-empty list of texts")
        if not all(isinstance(reference, str) for reference in references):
            raise ValueError("references must be texts")
        return list(references)

    def prompt(self, fields: Mapping[str, Any]) -> str:
        return "\n".join(str(fields[name]) for name in self.setup.input_fields)

    def predict(
        self, examples: Sequence[Example], runner: Runner, description: str = ""
    ) -> list[Prediction]:
        requests = generate_requests(
            examples, self.prompt, self.options.stop, self.options.max_tokens
        )
        responses = runner.run(requests, description=description)
        return [
            self._read(example, request, response)
            for example, request, response in zip(examples, requests, responses, strict=True)
        ]

    def _read(self, example: Example, request: Generate, response: Mapping[str, Any]) -> Prediction:
        """The answer in a generation: the text, or what ``answer_pattern`` picks from it."""
        generated = str(response["text"])
        raw = dict(response)
        answer: str | None = generated
        if self.options.answer_pattern is not None and generated.strip():
            found = re.search(self.options.answer_pattern, generated)
            if found is None:
                answer = None
                raw[UNPARSEABLE_KEY] = True
            else:
                answer = found.group(1) if found.groups() else found.group(0)
            raw["generated"] = generated
        return Prediction(example_id=example.id, text=answer, raw=raw, request=request.payload())

    def score_item(self, example: Example, prediction: Prediction) -> ItemScore:
        text = (prediction.text or "").strip()
        scores: dict[str, float] = {}
        correct = None
        if example.target is not None:
            scores["em"] = best_exact_match(text, example.target)
            scores["f1"] = best_token_f1(text, example.target)
            scores["correct"] = scores["em"]
            correct = scores["em"] == 1.0
        gold = None if example.target is None else example.target[0]
        return ItemScore(gold, text, correct, scores)
