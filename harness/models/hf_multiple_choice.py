"""``hf-mc``: any ``AutoModelForMultipleChoice`` (hub id or local directory), serving choice scores.

    harness run suites/reading_comprehension.yaml --model hf-mc:./my-race-model

Each choice is encoded as the pair ``(context, question + " " + choice)`` (the way
RACE and SWAG heads are fine-tuned), the pairs of one item go through the head
together, and the response is the head's logit for each choice. Inputs longer than
``max_length`` are truncated from the context first (and counted).

Options: ``max_length`` (min(tokenizer limit, 512)), ``batch_size`` (8 items),
``device``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import Field

from harness.models.base import ModelContext, ModelOptions, ModelSpec
from harness.models.batching import default_max_length
from harness.models.hf_loading import (
    HFAdapter,
    build_hf_adapter,
    declare_hf_adapter,
    load_weights,
)
from harness.requests import SCORE_CHOICES, ScoreChoices


class HFMultipleChoice(HFAdapter):
    """A multiple-choice head; see the module docstring."""

    kind = "hf-mc"
    serves = (SCORE_CHOICES,)

    def __init__(self, target: str, **loaded: Any) -> None:
        super().__init__(target, **loaded)
        self.read_sizes(8, default_max_length(self.tokenizer, self.config), minimum=8)

    def load_model(self) -> Any:
        from transformers import AutoModelForMultipleChoice

        return load_weights(AutoModelForMultipleChoice, self).to(self.device).eval()

    def describe(self) -> dict[str, Any]:
        return self.described(f"multiple-choice head '{self.target}'", max_length=self.max_length)

    def encode(self, request: ScoreChoices) -> Any:
        """The (context, question + choice) pairs of one item, padded to one length."""
        firsts = [request.context] * len(request.choices)
        seconds = [f"{request.question} {choice}".strip() for choice in request.choices]
        lengths = self.tokenizer(firsts, seconds, truncation=False)["input_ids"]
        if any(len(ids) > self.max_length for ids in lengths):
            self.truncated_count += 1
        return self.tokenizer(
            firsts,
            seconds,
            truncation="longest_first",
            max_length=self.max_length,
            padding="max_length",
            return_tensors="pt",
        )

    def score_choices(self, requests: Sequence[ScoreChoices]) -> list[dict[str, Any]]:
        import torch

        model = self.model
        answers = []
        for request in requests:
            encoded = self.encode(request)
            inputs = {
                name: tensor.unsqueeze(0).to(self._device) for name, tensor in encoded.items()
            }
            with torch.inference_mode():
                logits = model(**inputs).logits[0].float().cpu().tolist()
            answers.append({"scores": [float(value) for value in logits]})
        return answers


def load_hf_multiple_choice(spec: ModelSpec, context: ModelContext) -> HFMultipleChoice:
    """Build the adapter for ``hf-mc:TARGET`` (hub id or local directory)."""
    return build_hf_adapter(HFMultipleChoice, "hf-mc", "./my-model", spec, context)


class HFMultipleChoiceOptions(ModelOptions):
    """Options of ``hf-mc``."""

    max_length: int | None = Field(default=None, ge=8, le=1_000_000)
    device: str = "auto"


declare_hf_adapter(
    load_hf_multiple_choice,
    HFMultipleChoiceOptions,
    description="AutoModelForMultipleChoice, hub id or local path (score_choices)",
    serves=HFMultipleChoice.serves,
)
