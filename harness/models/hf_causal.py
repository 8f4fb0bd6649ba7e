"""``hf-causal``: any ``AutoModelForCausalLM`` (hub id or local directory) as a prompted model.

    harness run suites/nli_prompting.yaml --model hf-causal:./my-gpt2

Serves ``loglikelihood`` (lm-evaluation-harness's tokenisation, see
``harness.models.causal_scoring``; requests sharing a context share its forward pass)
and ``generate`` (greedy, cut at the first stop sequence, ``max_tokens`` new tokens).
Classification suites reach it through a prompt (``harness.tasks.prompting``).

Options: ``dtype`` (auto|float32|bfloat16|float16; auto = bfloat16 on CUDA, float32
elsewhere; the resolved dtype is part of the fingerprint), ``batch_size`` (contexts per
forward pass, 32; lowered on out-of-memory), ``max_tokens_per_batch`` (also cut batches
by padded tokens), ``max_length`` (the model's position limit, at most 4096; longer
inputs lose tokens from the left, like lm-eval, and are counted as truncated),
``device`` (auto|cpu|cuda|mps), ``chat_template`` (false; true: prompts go through the
tokenizer's chat template, see ``harness.models.chat_format``) with ``system_prompt``
and ``add_generation_prompt``.

A checkpoint that is not a causal LM (a BERT classifier, an encoder-decoder) is refused
in one line: by its config where it says so, else by a check after loading that the
model's outputs at a position do not depend on later tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import Field

from harness.core import HIT_MAX_TOKENS_KEY
from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec
from harness.models.batching import resolve_dtype
from harness.models.causal_pipeline import score_grouped
from harness.models.causal_scoring import PairEncoder, fit_to_length
from harness.models.chat_format import ChatFormat
from harness.models.common import option_bool
from harness.models.hf_loading import (
    BatchedHFOptions,
    HFAdapter,
    build_hf_adapter,
    declare_hf_adapter,
    load_weights,
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
        self.read_sizes(32, causal_max_length(tokenizer, config), minimum=2)
        max_tokens = options.get("max_tokens_per_batch")
        self.max_tokens_per_batch = int(max_tokens) if max_tokens else None
        refuse_non_causal(target, config)
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

    def load_model(self) -> Any:
        """The network in eval mode, on the chosen device and dtype."""
        import torch
        from transformers import AutoModelForCausalLM

        model = load_weights(AutoModelForCausalLM, self, dtype=getattr(torch, self.dtype))
        model = model.to(self.device).eval()
        check_causal(self.target, model, self.device)
        return model

    def fingerprinted_settings(self) -> dict[str, Any]:
        # The chat format only when set: raw-prompt runs keep the fingerprint they had.
        return {
            "dtype": self.dtype,
            **({"chat": self.chat_format} if self.chat is not None else {}),
        }

    def describe(self) -> dict[str, Any]:
        return self.described(
            f"causal language model '{self.target}'",
            **self.loaded_details(),
        )

    # -- requests -------------------------------------------------------------------

    def loglikelihood(self, requests: Sequence[Loglikelihood]) -> list[dict[str, Any]]:
        texts = [(r.context, r.continuation) for r in requests]
        if self.chat is not None:
            texts = [self.chat.scoring_pair(context, answer) for context, answer in texts]
        pairs = self.encoder.pairs(texts)
        # The context is cut from the left to fit: say so, so that the test counts it.
        cut = [fit_to_length(pair, self.max_length)[1] for pair in pairs]
        self.truncated_count += sum(cut)
        scores, self.batch_size = score_grouped(
            self.model,
            pairs,
            max_length=self.max_length,
            batch_size=self.batch_size,
            pad_id=self.pad_id,
            device=self.device,
            max_tokens=self.max_tokens_per_batch,
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
            text, hit_limit = self._generate_one(request, prompt)
            answer: dict[str, Any] = {"text": text}
            if self.chat is not None:  # the prompt as the model saw it, kept per item
                answer["rendered_prompt"] = prompt
            if self.truncated_count > before:
                answer["truncated"] = True  # the prompt was cut from the left to fit
            if hit_limit:
                answer[HIT_MAX_TOKENS_KEY] = True
            answers.append(answer)
        return answers

    def _generate_one(self, request: Generate, prompt: str) -> tuple[str, bool]:
        """The generated text, and whether generation stopped at ``max_tokens``."""
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
        new_ids = output[0, len(ids) :]
        text = self.tokenizer.decode(new_ids, skip_special_tokens=True)
        cut = cut_at_stop(text, request.stop)
        # At the limit without an end-of-text token or a stop sequence: cut short.
        ended = bool(len(new_ids)) and int(new_ids[-1]) == self.tokenizer.eos_token_id
        hit_limit = len(new_ids) >= request.max_tokens and not ended and cut == text
        return cut, hit_limit


#: Suffixes of the model classes that score text left to right.
_CAUSAL_SUFFIXES = ("ForCausalLM", "Model")


def refuse_non_causal(target: str, config: Any) -> None:
    """A checkpoint whose config says it is no causal LM is refused in one line: an
    encoder-decoder, or one saved as a classifier, tagger, QA or masked-LM model."""
    architectures = [str(name) for name in getattr(config, "architectures", None) or []]
    if getattr(config, "is_encoder_decoder", False):
        what = f"an encoder-decoder ({', '.join(architectures) or config.model_type})"
    elif architectures and not any(name.endswith(_CAUSAL_SUFFIXES) for name in architectures):
        what = f"a {', '.join(architectures)} checkpoint"
    else:
        return
    raise ModelError(
        f"model '{target}' is {what}, not a causal language model; hf-causal scores text "
        "left to right (GPT-2, Llama, ...): use hf-classifier for a classifier, hf-masked "
        "for a masked LM"
    )


def check_causal(target: str, model: Any, device: Any) -> None:
    """Refuse a model whose output at a position depends on later tokens: an encoder
    loaded as a language model (BERT as ``BertLMHeadModel`` without ``is_decoder``)
    would score every continuation with the answer in view."""
    import torch

    vocabulary = int(getattr(model.config, "vocab_size", 0) or 0)
    if vocabulary < 3:
        return
    ids = torch.tensor([[1, 2, 1], [1, 2, 2]], device=device)
    with torch.inference_mode():
        logits = model(input_ids=ids).logits.float()
    if not torch.allclose(logits[0, :2], logits[1, :2], atol=1e-3, rtol=1e-2):
        raise ModelError(
            f"model '{target}' is not a causal language model (its output at a position "
            f"depends on later tokens: {type(model).__name__} is an encoder); use "
            "hf-classifier for a classifier, hf-masked for a masked LM"
        )


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


class HFCausalOptions(BatchedHFOptions):
    """Options of ``hf-causal``."""

    max_length: int | None = Field(default=None, ge=2, le=1_000_000)
    chat_template: bool = False
    system_prompt: str | None = None
    add_generation_prompt: bool = True


declare_hf_adapter(
    load_hf_causal,
    HFCausalOptions,
    description="AutoModelForCausalLM, hub id or local path (loglikelihood, generate)",
    serves=HFCausalLM.serves,
)
