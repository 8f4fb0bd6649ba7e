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

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import Field

from harness.errors import ModelError
from harness.models.base import ModelContext, ModelOptions, ModelSpec, declare_options
from harness.models.batching import default_max_length, resolve_device
from harness.models.common import option_int, sha256_json, sha256_model_directory
from harness.models.hf import _load_config, _remote_code_error, load_tokenizer
from harness.requests import SCORE_CHOICES, ScoreChoices


class HFMultipleChoice:
    """A multiple-choice head; see the module docstring."""

    cacheable = True
    serves = (SCORE_CHOICES,)

    def __init__(
        self,
        target: str,
        *,
        model_dir: Path,
        config: Any,
        tokenizer: Any,
        options: Mapping[str, Any],
        trust_remote_code: bool = False,
        spec: str = "",
    ) -> None:
        self.target = target
        self.model_dir = model_dir
        self.config = config
        self.tokenizer = tokenizer
        self.trust_remote_code = trust_remote_code
        self.spec = spec or f"hf-mc:{target}"
        self.batch_size = option_int(options, "batch_size", 8)
        self.max_length = option_int(
            options, "max_length", default_max_length(tokenizer, config), minimum=8
        )
        self.device_name = str(options.get("device", "auto"))
        self.truncated_count = 0
        self._model: Any = None
        self._device: Any = None

    @property
    def model(self) -> Any:
        if self._model is None:
            from transformers import AutoModelForMultipleChoice

            try:
                model = AutoModelForMultipleChoice.from_pretrained(
                    str(self.model_dir),
                    config=self.config,
                    local_files_only=True,
                    trust_remote_code=self.trust_remote_code,
                )
            except ValueError as error:
                unsafe = _remote_code_error(self.target, error)
                raise (unsafe or ModelError(f"model '{self.target}': {error}")) from None
            except OSError as error:
                raise ModelError(
                    f"model '{self.target}' weights cannot be loaded: {error}"
                ) from None
            self._device = resolve_device(self.device_name)
            self._model = model.to(self._device).eval()
        return self._model

    def fingerprint(self) -> str:
        return sha256_json(
            {
                "adapter": "hf-mc/1",
                "files": sha256_model_directory(self.model_dir),
                "max_length": self.max_length,
            }
        )

    def describe(self) -> dict[str, Any]:
        return {
            "kind": "hf-mc",
            "name": self.target,
            "spec": self.spec,
            "is_reference": False,
            "description": f"{type(self.config).__name__.removesuffix('Config')} "
            f"multiple-choice head '{self.target}'",
            "max_length": self.max_length,
        }

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
    if not spec.target:
        raise ModelError("hf-mc needs a hub id or a local directory, e.g. hf-mc:./my-model")
    config, model_dir = _load_config(spec.target, context.trust_remote_code)
    tokenizer = load_tokenizer(spec.target, model_dir, context.trust_remote_code)
    return HFMultipleChoice(
        spec.target,
        model_dir=model_dir,
        config=config,
        tokenizer=tokenizer,
        options=spec.options,
        trust_remote_code=context.trust_remote_code,
        spec=str(spec),
    )


class HFMultipleChoiceOptions(ModelOptions):
    """Options of ``hf-mc``."""

    max_length: int | None = Field(default=None, ge=8, le=1_000_000)
    device: str = "auto"


declare_options(load_hf_multiple_choice, HFMultipleChoiceOptions)
