"""``hf-masked``: any ``AutoModelForMaskedLM`` scoring ``Loglikelihood`` requests, PET style.

    harness run suites/multiple_choice.yaml --model hf-masked:bert-base-uncased

A masked LM has no left-to-right probability, so a continuation is scored as a cloze:

* the context and the continuation are tokenized separately (no special tokens),
  joined, and wrapped in the model's special tokens ([CLS] context continuation [SEP]);
* a single-token continuation is masked and scored by the log-softmax at its mask
  position: ``log P([MASK] = token | context)`` — PET's verbalizer score;
* a multi-token continuation is scored by its pseudo-log-likelihood (Salazar et al.
  2020): each of its tokens is masked in turn, the others stay visible, and the
  log-probabilities of the masked tokens are summed. A one-token continuation is the
  special case of this with one position, so both paths are one formula;
* with an empty context, ``Loglikelihood("", sentence)`` is the sentence's
  pseudo-log-likelihood (CrowS-Pairs-style minimal pairs compare these);
* with a ``counterpart`` (the other sentence of a minimal pair), only the continuation
  tokens the two share are masked and scored, while the tokens that differ stay
  visible: CrowS-Pairs' conditional pseudo-log-likelihood (Nangia et al. 2020),
  score(S) = Σ_{u∈U} log P(u | U\\u, M), with U the shared tokens and M the modified ones.
  The tokens are aligned by a token-level diff (``shared_positions``), so both
  sentences of a pair score the same number of tokens; a pair with nothing in common
  scores 0 over 0 tokens.

Every answer says how many tokens it scored (``tokens``), for per-token normalisation.

``is_greedy`` is true when every scored token is the argmax at its mask position.
When context + continuation do not fit ``max_length``, the context is cut from the
left (the continuation is what is scored) and the request is counted as truncated.

Options: ``batch_size`` (masked rows per forward pass, 32), ``max_tokens_per_batch``
(also cut batches by padded tokens), ``max_length`` (min(tokenizer limit, positions,
512)), ``device`` (auto|cpu|cuda|mps), ``dtype`` (auto|float32|bfloat16|float16; auto =
bfloat16 on CUDA, float32 elsewhere; the log-softmax is always taken in float32).

The pipeline is the classifier's (``harness.models.batching``): every distinct text is
tokenized in one call of the tokenizer, the masked rows are sorted by length and cut
into batches, a worker thread pads batch i+1 and copies it to the device while the
model runs batch i, and each batch's (log-probability, is-argmax) pairs stay on the
device until one copy to the host at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import Field

from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec
from harness.models.batching import (
    BatchPipeline,
    default_max_length,
    length_sorted_order,
)
from harness.models.hf_loading import (
    BatchedHFOptions,
    HFAdapter,
    build_hf_adapter,
    declare_hf_adapter,
    load_weights,
)
from harness.requests import LOGLIKELIHOOD, Loglikelihood

DTYPES = ("auto", "float32", "bfloat16", "float16")


class MaskedRow:
    """One forward-pass row: token ids with one position masked, and what to read there."""

    __slots__ = ("request", "ids", "position", "target")

    def __init__(self, request: int, ids: list[int], position: int, target: int) -> None:
        self.request = request
        self.ids = ids
        self.position = position
        self.target = target


def shared_positions(tokens: Sequence[int], counterpart: Sequence[int]) -> list[int]:
    """The positions in ``tokens`` of the tokens a token-level diff finds in ``counterpart`` too.

    >>> shared_positions([5, 6, 7, 8], [5, 9, 7, 8])
    [0, 2, 3]
    """
    import difflib

    # autojunk off: a long sentence's frequent tokens must still align.
    matcher = difflib.SequenceMatcher(None, list(tokens), list(counterpart), autojunk=False)
    return [start + k for start, _, size in matcher.get_matching_blocks() for k in range(size)]


class HFMaskedLM(HFAdapter):
    """Cloze scoring with a masked language model (see the module docstring)."""

    kind = "hf-masked"

    serves = (LOGLIKELIHOOD,)
    # Honours Loglikelihood.counterpart: CrowS-Pairs' conditional pseudo-log-likelihood.
    scores_shared_tokens = True
    labels: tuple[str, ...] = ()

    def __init__(self, target: str, **loaded: Any) -> None:
        super().__init__(target, **loaded)
        options, tokenizer, config = self.options, self.tokenizer, self.config
        self.read_sizes(32, default_max_length(tokenizer, config), minimum=3)
        if tokenizer.mask_token_id is None:
            raise ModelError(f"model '{target}' has no mask token; hf-masked needs a masked LM")
        self.mask_id = int(tokenizer.mask_token_id)
        max_tokens = options.get("max_tokens_per_batch")
        self.max_tokens_per_batch = int(max_tokens) if max_tokens else None

    def load_model(self) -> Any:
        """The network in eval mode, on the chosen device and dtype."""
        from transformers import AutoModelForMaskedLM

        model = load_weights(AutoModelForMaskedLM, self)
        # Cast after loading: the loading keyword for a dtype changed name across
        # the transformers versions this project supports.
        return model.to(device=self.device, dtype=self.dtype).eval()

    def fingerprinted_settings(self) -> dict[str, Any]:
        return {"dtype": str(self.dtype)}

    def describe(self) -> dict[str, Any]:
        return self.described(
            f"masked LM '{self.target}' (cloze scoring, pseudo-log-likelihood for several tokens)",
            **self.loaded_details(),
        )

    # -- scoring ------------------------------------------------------------------

    def _encode_all(self, requests: Sequence[Loglikelihood]) -> dict[str, list[int]]:
        """Token ids (no special tokens) of every distinct text the requests name, in one
        call of the tokenizer (``verbose=False``: long contexts are cut, and counted)."""
        texts = sorted(
            {
                text
                for request in requests
                for text in (request.context, request.continuation, request.counterpart)
                if text
            }
        )
        if not texts:
            return {"": []}
        ids = self.tokenizer(
            texts, add_special_tokens=False, return_attention_mask=False, verbose=False
        )["input_ids"]
        return {"": [], **{text: list(row) for text, row in zip(texts, ids, strict=True)}}

    def rows_for(
        self, index: int, request: Loglikelihood, encoded: dict[str, list[int]] | None = None
    ) -> list[MaskedRow]:
        """The masked rows that score one request: one per continuation token."""
        encoded = encoded if encoded is not None else self._encode_all([request])
        continuation = encoded[request.continuation]
        if not continuation:
            raise ModelError(
                f"model '{self.target}': continuation {request.continuation!r} of example "
                f"'{request.example_id or '?'}' tokenizes to nothing; nothing to score"
            )
        context = encoded[request.context]
        specials = len(self.tokenizer.build_inputs_with_special_tokens([])) or 0
        room = self.max_length - specials - len(continuation)
        if room < 0:
            raise ModelError(
                f"model '{self.target}': continuation of example '{request.example_id or '?'}' "
                f"is {len(continuation)} tokens, longer than max_length={self.max_length}"
            )
        if len(context) > room:
            self.truncated_count += 1
            context = context[len(context) - room :] if room else []
        body = context + continuation
        ids = list(self.tokenizer.build_inputs_with_special_tokens(body))
        # build_inputs_with_special_tokens only adds tokens around the body: find where it starts.
        offset = _body_offset(ids, body)
        positions: Sequence[int] = range(len(context), len(body))
        if request.counterpart:
            shared = shared_positions(continuation, encoded[request.counterpart])
            positions = [len(context) + k for k in shared]
        rows = []
        for position in positions:
            masked = list(ids)
            masked[offset + position] = self.mask_id
            rows.append(MaskedRow(index, masked, offset + position, body[position]))
        return rows

    def loglikelihood(self, requests: Sequence[Loglikelihood]) -> list[dict[str, Any]]:
        import torch

        encoded = self._encode_all(requests)
        per_request = [
            self.rows_for(index, request, encoded) for index, request in enumerate(requests)
        ]
        rows = [row for request_rows in per_request for row in request_rows]
        totals = [0.0] * len(requests)
        greedy = [True] * len(requests)
        if rows:
            lengths = [len(row.ids) for row in rows]
            on_cuda = self.device.type == "cuda"

            def prepare(batch: list[int]) -> dict[str, Any]:
                tensors = self._tensors([rows[i] for i in batch])
                if on_cuda:
                    tensors = {k: v.pin_memory() for k, v in tensors.items()}
                return {k: v.to(self.device, non_blocking=on_cuda) for k, v in tensors.items()}

            batches, self.batch_size = BatchPipeline(prepare, self._forward).run_all(
                length_sorted_order(lengths), lengths, self.batch_size, self.max_tokens_per_batch
            )
            order = [index for batch, _ in batches for index in batch]
            values = torch.cat([outputs for _, outputs in batches]).cpu().numpy()
            for row_index, (logprob, is_argmax) in zip(order, values, strict=True):
                request = rows[row_index].request
                totals[request] += float(logprob)
                greedy[request] = greedy[request] and bool(is_argmax)
        return [
            {"loglikelihood": total, "is_greedy": is_greedy, "tokens": len(request_rows)}
            for total, is_greedy, request_rows in zip(totals, greedy, per_request, strict=True)
        ]

    def _tensors(self, rows: Sequence[MaskedRow]) -> dict[str, Any]:
        """One batch's CPU tensors: right-padded ids, the mask, positions and targets."""
        import torch

        width = max(len(row.ids) for row in rows)
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        input_ids = torch.full((len(rows), width), int(pad), dtype=torch.long)
        attention = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            input_ids[i, : len(row.ids)] = torch.tensor(row.ids, dtype=torch.long)
            attention[i, : len(row.ids)] = 1
        return {
            "input_ids": input_ids,
            "attention_mask": attention,
            "positions": torch.tensor([row.position for row in rows], dtype=torch.long),
            "targets": torch.tensor([row.target for row in rows], dtype=torch.long),
        }

    def _forward(self, batch: dict[str, Any]) -> Any:
        """(log-prob of the target at the mask, whether it is the argmax) per row, on the
        device (float64, the flag as 0/1)."""
        import torch

        with torch.inference_mode():
            logits = self.model(
                input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]
            ).logits
            rows = torch.arange(logits.shape[0], device=logits.device)
            at_mask = logits[rows, batch["positions"]].float()
            logprobs = torch.log_softmax(at_mask, dim=-1)
            chosen = logprobs.gather(1, batch["targets"][:, None])[:, 0]
            is_argmax = logprobs.argmax(dim=-1) == batch["targets"]
        return torch.stack([chosen.double(), is_argmax.double()], dim=1)


def _body_offset(ids: Sequence[int], body: Sequence[int]) -> int:
    """Where ``body`` starts in ``ids`` (after the leading special tokens)."""
    for offset in range(len(ids) - len(body) + 1):
        if list(ids[offset : offset + len(body)]) == list(body):
            return offset
    raise ModelError("the tokenizer's special tokens change the text's tokens; cannot mask them")


def load_hf_masked(spec: ModelSpec, context: ModelContext) -> HFMaskedLM:
    """Build the adapter for ``hf-masked:TARGET`` (hub id or local directory)."""
    return build_hf_adapter(HFMaskedLM, "hf-masked", "./my-masked-lm", spec, context)


class HFMaskedOptions(BatchedHFOptions):
    """Options of ``hf-masked``."""

    max_length: int | None = Field(default=None, ge=3, le=1_000_000)


declare_hf_adapter(
    load_hf_masked,
    HFMaskedOptions,
    description="AutoModelForMaskedLM: cloze log-likelihoods, pseudo-log-likelihood (PET style)",
    serves=HFMaskedLM.serves,
)
