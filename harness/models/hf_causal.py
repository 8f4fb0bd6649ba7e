"""``hf-causal``: any ``AutoModelForCausalLM`` (hub id or local directory) as a prompted model.

    harness run suites/nli_prompting.yaml --model hf-causal:./my-gpt2

Serves ``loglikelihood`` (lm-evaluation-harness's tokenisation, see
``harness.models.causal_scoring``; requests sharing a context share its forward pass)
and ``generate`` (greedy, cut at the first stop sequence, ``max_tokens`` new tokens).
Classification suites reach it through a prompt (``harness.tasks.prompting``).

Options: ``dtype`` (auto|float32|bfloat16|float16; auto = bfloat16 on CUDA, float32
elsewhere; the resolved dtype is part of the fingerprint), ``batch_size`` (32; lowered
on out-of-memory), ``max_length`` (the model's position limit, at most 4096; longer
inputs lose tokens from the left, like lm-eval), ``device`` (auto|cpu|cuda|mps),
``chat_template`` (false; true: prompts go through the tokenizer's chat template, see
``harness.models.chat_format``) with ``system_prompt`` and ``add_generation_prompt``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field

from harness.errors import ModelError
from harness.models.base import ModelContext, ModelOptions, ModelSpec, declare_options
from harness.models.batching import resolve_dtype
from harness.models.causal_scoring import PairEncoder, score_grouped
from harness.models.chat_format import ChatFormat
from harness.models.common import option_bool, option_int, sha256_json, sha256_model_directory
from harness.models.hf_loading import (
    HFAdapter,
    build_hf_adapter,
    check_hf_target,
    load_weights,
    local_or_hub_resources,
)
from harness.requests import GENERATE, LOGLIKELIHOOD, Generate, Loglikelihood

DTYPES = ("float32", "bfloat16", "float16")
MAX_LENGTH_CAP = 4096


def dtype_name(name: str, device: Any) -> str:
    """The dtype's name (part of the fingerprint): ``auto`` as ``resolve_dtype`` decides."""
    if name != "auto" and name not in DTYPES:
        raise ModelError(f"model option dtype={name!r}; expected auto, {', '.join(DTYPES)}")
    return str(resolve_dtype(name, device)).removeprefix("torch.")


def causal_max_length(tokenizer: Any, config: Any) -> int:
    """The model's position limit (lm-eval's order of lookups), capped at 4096."""
    for attribute in ("n_positions", "max_position_embeddings", "n_ctx"):
        value = getattr(config, attribute, None)
        if isinstance(value, int) and value > 0:
            return min(value, MAX_LENGTH_CAP)
    limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(limit, int) and 0 < limit < 10**9:
        return min(limit, MAX_LENGTH_CAP)
    return 2048


class HFCausalLM(HFAdapter):
    """A causal language model answering ``Loglikelihood`` and ``Generate`` requests."""

    kind = "hf-causal"

    serves = (LOGLIKELIHOOD, GENERATE)
    #: Requests per call from the predictor: many, so that requests sharing a context
    #: meet in one call; ``batch_size`` bounds the contexts per forward pass.
    request_batch_size = 1024

    def __init__(self, target: str, **loaded: Any) -> None:
        super().__init__(target, **loaded)
        options, tokenizer, config = self.options, self.tokenizer, self.config
        self.batch_size = option_int(options, "batch_size", 32)
        self.max_length = option_int(
            options, "max_length", causal_max_length(tokenizer, config), minimum=2
        )
        self.encoder = PairEncoder(tokenizer)
        self.chat: ChatFormat | None = None
        if option_bool(options, "chat_template"):
            self.chat = ChatFormat.from_tokenizer(
                tokenizer,
                target,
                options.get("system_prompt"),
                option_bool(options, "add_generation_prompt", True),
            )

    @property
    def chat_format(self) -> dict[str, Any] | None:
        """The chat format prompts are sent in (the run manifest's ``chat_format``)."""
        return self.chat.describe() if self.chat is not None else None

    @property
    def dtype(self) -> str:
        return dtype_name(self.dtype_name, self.device)

    @property
    def pad_id(self) -> int:
        for candidate in (self.tokenizer.pad_token_id, self.tokenizer.eos_token_id):
            if candidate is not None:
                return int(candidate)
        return 0

    @property
    def model(self) -> Any:
        """The network, loaded on first use, in eval mode on the chosen device and dtype."""
        if self._model is None:
            import torch
            from transformers import AutoModelForCausalLM

            model = load_weights(AutoModelForCausalLM, self, dtype=getattr(torch, self.dtype))
            self._model = model.to(self.device).eval()
        return self._model

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = sha256_json(
                {
                    "adapter": "hf-causal/1",
                    "files": sha256_model_directory(self.model_dir),
                    "max_length": self.max_length,
                    "dtype": self.dtype,
                    # Only when set: raw-prompt runs keep the fingerprint (and cache) they had.
                    **({"chat": self.chat_format} if self.chat is not None else {}),
                }
            )
        return self._fingerprint

    def describe(self) -> dict[str, Any]:
        return {
            "kind": "hf-causal",
            "name": self.target,
            "spec": self.spec,
            "is_reference": False,
            "description": f"{type(self.config).__name__.removesuffix('Config')} "
            f"causal language model '{self.target}'",
            "device": str(self.device),
            "dtype": self.dtype,
            "max_length": self.max_length,
            "batch_size": self.batch_size,
            "model_type": getattr(self.config, "model_type", None),
            "truncated_count": self.truncated_count,
        }

    # -- requests -------------------------------------------------------------------

    def loglikelihood(self, requests: Sequence[Loglikelihood]) -> list[dict[str, Any]]:
        texts = [(r.context, r.continuation) for r in requests]
        if self.chat is not None:
            texts = [self.chat.scoring_pair(context, answer) for context, answer in texts]
        pairs = [self.encoder.pair(context, answer) for context, answer in texts]
        # The context is cut from the left to fit: say so, so that the test counts it.
        cut = [len(p.context) + len(p.continuation) - 1 > self.max_length for p in pairs]
        self.truncated_count += sum(cut)
        scores, self.batch_size = score_grouped(
            self.model,
            pairs,
            max_length=self.max_length,
            batch_size=self.batch_size,
            pad_id=self.pad_id,
            device=self.device,
        )
        answers = [
            {**score.to_json(), "truncated": True} if was_cut else score.to_json()
            for score, was_cut in zip(scores, cut, strict=True)
        ]
        if self.chat is not None:  # what was scored, kept with each answer
            for answer, (context, _) in zip(answers, texts, strict=True):
                answer["rendered_context"] = context
        return answers

    def generate(self, requests: Sequence[Generate]) -> list[dict[str, Any]]:
        answers = []
        for request in requests:
            before = self.truncated_count
            prompt = request.prompt if self.chat is None else self.chat.render(request.prompt)
            text = self._generate_one(request, prompt)
            answer: dict[str, Any] = {"text": text}
            if self.chat is not None:  # the prompt as the model saw it, kept per item
                answer["rendered_prompt"] = prompt
            if self.truncated_count > before:
                answer["truncated"] = True  # the prompt was cut from the left to fit
            answers.append(answer)
        return answers

    def _generate_one(self, request: Generate, prompt: str) -> str:
        import torch

        if request.temperature > 0:
            raise ModelError(
                f"model '{self.target}' decodes greedily; a request asked for temperature "
                f"{request.temperature} (set temperature: 0)"
            )
        room = max(1, self.max_length - request.max_tokens)
        ids = self.encoder.encode(prompt)
        if len(ids) > room:
            self.truncated_count += 1
            ids = ids[-room:]
        input_ids = torch.tensor([ids], device=self.device)
        extra: dict[str, Any] = {}
        if request.stop:
            extra = {"stop_strings": list(request.stop), "tokenizer": self.tokenizer}
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=input_ids,
                attention_mask=torch.ones_like(input_ids),
                max_new_tokens=request.max_tokens,
                do_sample=False,
                num_beams=1,
                pad_token_id=self.pad_id,
                **extra,
            )
        text = self.tokenizer.decode(output[0, len(ids) :], skip_special_tokens=True)
        return cut_at_stop(text, request.stop)


def cut_at_stop(text: str, stop: Sequence[str]) -> str:
    """The text before the earliest stop sequence.

    >>> cut_at_stop("Paris.\\nQuestion: next", ["\\n", "Question:"])
    'Paris.'
    """
    cut = len(text)
    for sequence in stop:
        position = text.find(sequence) if sequence else -1
        if position >= 0:
            cut = min(cut, position)
    return text[:cut]


def load_hf_causal(spec: ModelSpec, context: ModelContext) -> HFCausalLM:
    """Build the adapter for ``hf-causal:TARGET`` (hub id or local directory)."""
    return build_hf_adapter(HFCausalLM, "hf-causal", "./my-lm", spec, context)


class HFCausalOptions(ModelOptions):
    """Options of ``hf-causal``."""

    max_length: int | None = Field(default=None, ge=2, le=1_000_000)
    device: str = "auto"
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    chat_template: bool = False
    system_prompt: str | None = None
    add_generation_prompt: bool = True


declare_options(
    load_hf_causal,
    HFCausalOptions,
    check_hf_target,
    description="AutoModelForCausalLM, hub id or local path (loglikelihood, generate)",
    resources=local_or_hub_resources,
)
