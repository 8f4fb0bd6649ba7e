"""``hf-qa``: any ``AutoModelForQuestionAnswering`` (hub id or local directory), serving spans.

    harness run suites/reading_comprehension.yaml --model hf-qa:./my-squad2-model

Per request the question and the context are tokenised together; a context longer
than ``max_length`` is cut into windows that overlap by ``stride`` tokens. In every
window each pair of context tokens (start ≤ end, at most ``max_answer_length``
tokens) is a candidate scored ``start_logit + end_logit``; the search is exhaustive,
so the best span is the true maximum over the logits. The ``n_best`` highest
candidates over all windows are kept in the response, with character offsets into the
original context (the tokenizer's offset mapping; a fast tokenizer is required). A
question longer than half the window is cut to that length (and counted), and the
stride shrinks when a long question leaves the context less room than the stride.

"No answer" is the [CLS] token's score, ``start_logit[0] + end_logit[0]``, minimised
over windows (as SQuAD 2.0 models are trained and as Hugging Face's
``run_qa.py`` post-processes). The answer is empty when ``null − best >
null_threshold`` (option, default 0.0). The response also carries
``no_answer_probability = sigmoid(null − best)``, monotone in that difference, for
the v2.0 threshold sweep, and the best non-empty span (``best_span_text``).

Options: ``max_length`` (384), ``stride`` (128), ``max_answer_length`` (30),
``n_best`` (5), ``null_threshold`` (0.0), ``batch_size`` (16), ``device``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from pydantic import Field

from harness.errors import ModelError
from harness.files.jsonio import fields_json
from harness.models.base import ModelContext, ModelOptions, ModelSpec
from harness.models.batching import default_max_length
from harness.models.common import option_int
from harness.models.hf_loading import (
    HFAdapter,
    build_hf_adapter,
    declare_hf_adapter,
    load_weights,
)
from harness.requests import EXTRACT_SPAN, ExtractSpan


def best_spans(
    start_logits: np.ndarray,
    end_logits: np.ndarray,
    context_mask: np.ndarray,
    max_answer_length: int,
    n_best: int,
) -> list[tuple[float, int, int]]:
    """The ``n_best`` (score, start token, end token) over valid context spans, best first.

    Valid: both tokens in the context, start ≤ end, at most ``max_answer_length`` tokens.
    Ties keep the earlier start, then the earlier end.

    >>> best_spans(np.array([0., 3., 1.]), np.array([0., 1., 2.]), np.array([0, 1, 1]), 2, 2)
    [(5.0, 1, 2), (4.0, 1, 1)]
    """
    n = len(start_logits)
    scores = start_logits[:, None] + end_logits[None, :]
    positions = np.arange(n)
    valid = (
        (positions[:, None] <= positions[None, :])
        & (positions[None, :] - positions[:, None] < max_answer_length)
        & context_mask.astype(bool)[:, None]
        & context_mask.astype(bool)[None, :]
    )
    flat = np.where(valid, scores, -np.inf).ravel()
    count = int(valid.sum())
    if count == 0:
        return []
    # Stable sort on the negated score keeps row-major (start, end) order among ties.
    order = np.argsort(-flat, kind="stable")[: min(n_best, count)]
    return [(float(flat[i]), int(i // n), int(i % n)) for i in order]


class HFQuestionAnswering(HFAdapter):
    """An extractive QA model; see the module docstring."""

    kind = "hf-qa"
    serves = (EXTRACT_SPAN,)

    def __init__(self, target: str, **loaded: Any) -> None:
        super().__init__(target, **loaded)
        options, tokenizer, config = self.options, self.tokenizer, self.config
        # 384/128 as in SQuAD fine-tuning, but never past the model's position limit.
        self.read_sizes(16, default_max_length(tokenizer, config, cap=384), minimum=8)
        self.stride = option_int(options, "stride", min(128, self.max_length // 4), minimum=0)
        self.max_answer_length = option_int(options, "max_answer_length", 30)
        self.n_best = option_int(options, "n_best", 5)
        self.null_threshold = float(options.get("null_threshold", 0.0))
        if self.stride >= self.max_length // 2:
            raise ModelError(
                f"model '{target}': stride {self.stride} must be below half of max_length "
                f"{self.max_length}, or windows would not advance"
            )
        self.questions_truncated = 0

    def load_model(self) -> Any:
        from transformers import AutoModelForQuestionAnswering

        return load_weights(AutoModelForQuestionAnswering, self).to(self.device).eval()

    def fingerprinted_settings(self) -> dict[str, Any]:
        return fields_json(self, ("stride", "max_answer_length", "n_best", "null_threshold"))

    def describe(self) -> dict[str, Any]:
        return self.described(
            f"extractive question answering '{self.target}'",
            max_length=self.max_length,
            **self.fingerprinted_settings(),
            questions_truncated=self.questions_truncated,
        )

    def features(self, request: ExtractSpan) -> Any:
        """The tokenised windows of one (question, context) pair, with offsets."""
        pad_right = getattr(self.tokenizer, "padding_side", "right") == "right"
        question = request.question.lstrip()
        # A question may take at most half the window, so that the context always has
        # room for more than the stride (the tokenizer refuses otherwise).
        question_ids = self.tokenizer(question, add_special_tokens=False)["input_ids"]
        if len(question_ids) > self.max_length // 2:
            self.questions_truncated += 1
            question = self.tokenizer.decode(question_ids[: self.max_length // 2])
            question_ids = question_ids[: self.max_length // 2]
        special = self.tokenizer.num_special_tokens_to_add(pair=True)
        room = self.max_length - len(question_ids) - special
        pair = (question, request.context) if pad_right else (request.context, question)
        return self.tokenizer(
            *pair,
            truncation="only_second" if pad_right else "only_first",
            max_length=self.max_length,
            stride=max(0, min(self.stride, room - 1)),
            return_overflowing_tokens=True,
            return_offsets_mapping=True,
            padding="max_length",
            return_tensors="np",
        )

    def extract_span(self, requests: Sequence[ExtractSpan]) -> list[dict[str, Any]]:
        if not getattr(self.tokenizer, "is_fast", False):
            raise ModelError(
                f"model '{self.target}': hf-qa needs a fast tokenizer (offset mapping) to map "
                "answers back to the text"
            )
        return [self._answer(request) for request in requests]

    def _logits(self, encoded: Any) -> tuple[np.ndarray, np.ndarray]:
        import torch

        model = self.model
        names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in encoded]
        starts, ends = [], []
        total = len(encoded["input_ids"])
        for first in range(0, total, self.batch_size):
            batch = {
                name: torch.as_tensor(encoded[name][first : first + self.batch_size]).to(
                    self._device
                )
                for name in names
            }
            with torch.inference_mode():
                output = model(**batch)
            starts.append(output.start_logits.float().cpu().numpy())
            ends.append(output.end_logits.float().cpu().numpy())
        return np.concatenate(starts), np.concatenate(ends)

    def _answer(self, request: ExtractSpan) -> dict[str, Any]:
        encoded = self.features(request)
        start_logits, end_logits = self._logits(encoded)
        context_id = 1 if getattr(self.tokenizer, "padding_side", "right") == "right" else 0
        if len(encoded["input_ids"]) > 1:
            self.truncated_count += 1  # windows: the context did not fit in one
        candidates: list[tuple[float, int, int]] = []
        null_score = math.inf
        for window in range(len(encoded["input_ids"])):
            sequence_ids = encoded.sequence_ids(window)
            mask = np.array([sid == context_id for sid in sequence_ids])
            offsets = encoded["offset_mapping"][window]
            null_score = min(null_score, float(start_logits[window][0] + end_logits[window][0]))
            for score, start, end in best_spans(
                start_logits[window], end_logits[window], mask, self.max_answer_length, self.n_best
            ):
                candidates.append((score, int(offsets[start][0]), int(offsets[end][1])))
        # The same characters can win in two overlapping windows: keep the best score.
        best_by_span: dict[tuple[int, int], float] = {}
        for score, start, end in candidates:
            if score > best_by_span.get((start, end), -math.inf):
                best_by_span[(start, end)] = score
        ranked = sorted(best_by_span.items(), key=lambda kv: (-kv[1], kv[0]))[: self.n_best]
        n_best = [
            {"text": request.context[s:e], "start": s, "end": e, "score": score}
            for (s, e), score in ranked
        ]
        if not n_best:
            return {
                "text": "",
                "start": None,
                "end": None,
                "score": null_score,
                "no_answer_probability": 1.0,
                "best_span_text": "",
                "n_best": [],
            }
        best = n_best[0]
        best_score = ranked[0][1]
        difference = null_score - best_score
        no_answer_probability = 1.0 / (1.0 + math.exp(-max(min(difference, 50.0), -50.0)))
        abstain = difference > self.null_threshold
        return {
            "text": "" if abstain else best["text"],
            "start": None if abstain else best["start"],
            "end": None if abstain else best["end"],
            "score": null_score if abstain else best_score,
            "null_score": null_score,
            "no_answer_probability": no_answer_probability,
            "best_span_text": best["text"],
            "n_best": n_best,
        }


def load_hf_qa(spec: ModelSpec, context: ModelContext) -> HFQuestionAnswering:
    """Build the adapter for ``hf-qa:TARGET`` (hub id or local directory)."""
    return build_hf_adapter(HFQuestionAnswering, "hf-qa", "./my-model", spec, context)


class HFQAOptions(ModelOptions):
    """Options of ``hf-qa``."""

    max_length: int | None = Field(default=None, ge=8, le=1_000_000)
    stride: int = Field(default=128, ge=0)
    max_answer_length: int = Field(default=30, ge=1)
    n_best: int = Field(default=5, ge=1, le=100)
    # Abstain when null score − best span score exceeds this.
    null_threshold: float = 0.0
    device: str = "auto"


declare_hf_adapter(
    load_hf_qa,
    HFQAOptions,
    description="AutoModelForQuestionAnswering, hub id or local path (extract_span)",
    serves=HFQuestionAnswering.serves,
)
