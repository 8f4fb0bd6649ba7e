"""Scoring continuations with a causal language model: log P(continuation | context).

    requests ──encode (lm-eval's convention; one call of the fast tokenizer)──▶
             (context tokens, continuation tokens); a context too long for max_length
             loses tokens from the left, as lm-eval cuts its input
             ──group by context──▶ contexts sharing a long prefix (few-shot demonstrations,
                                   an instruction): one pass over each distinct prefix
             ──length-sorted batches (contexts per batch, optionally a token budget)──▶
               the prefetch worker pads batch i+1 and copies it to the device while the
               model runs batch i (``harness.models.batching.BatchPipeline``):
                 pass 1 over the contexts, or what follows their prefix (their last
                 position scores every first continuation token), pass 2 over the longer
                 continuations' remaining tokens after their context's key/value rows
             ──▶ per request (log-likelihood, is_greedy), gathered on the device: one copy
                 to the host per batch; the token counts are known beforehand

The tokenisation follows lm-evaluation-harness 0.4 exactly, so numbers are comparable:
trailing whitespace of the context moves to the front of the continuation; the
continuation's tokens are ``enc(context + continuation)[len(enc(context)):]``; an
empty context is replaced by the prefix token (BOS, else EOS). ``score_naive`` is
lm-eval's computation (one forward pass per request over
``(context + continuation)[-(max_length + 1):][:-1]``);
``harness.models.causal_pipeline.score_grouped`` gives the same numbers, batched: cutting that input from the left is the same as cutting the
context to ``max_length + 1 − len(continuation)`` tokens, so long requests are batched
like the others. Positions of padding are clamped below the model's position limit
(their values are masked out), so no batch asks for a position the model lacks.

torch is imported inside the functions that need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from harness.errors import ModelError


@dataclass(frozen=True)
class EncodedPair:
    """One request in tokens: the context (never empty) and the continuation (never empty)."""

    context: tuple[int, ...]
    continuation: tuple[int, ...]


@dataclass(frozen=True)
class Score:
    """log P(continuation | context), whether greedy decoding produces it, its token count."""

    loglikelihood: float
    is_greedy: bool
    tokens: int

    def to_json(self) -> dict[str, Any]:
        return {
            "loglikelihood": self.loglikelihood,
            "is_greedy": self.is_greedy,
            "tokens": self.tokens,
        }


class PairEncoder:
    """lm-evaluation-harness's ``_encode_pair`` and empty-context rule, for one tokenizer."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        prefix = tokenizer.bos_token_id
        self.prefix_token_id: int | None = prefix if prefix is not None else tokenizer.eos_token_id
        self._prefix_text = (
            tokenizer.decode(self.prefix_token_id) if self.prefix_token_id is not None else None
        )

    def encode(self, text: str) -> list[int]:
        """The tokenizer's own special tokens, unless the text already starts with BOS."""
        return self.encode_many([text])[0]

    def encode_many(self, texts: Sequence[str]) -> list[list[int]]:
        """``encode`` of each text, in at most two calls of the tokenizer (with and without
        its special tokens); ``verbose=False``: a long text is cut later, and counted."""
        plain = [bool(self._prefix_text and text.startswith(self._prefix_text)) for text in texts]
        encoded: list[list[int]] = [[] for _ in texts]
        for without_specials in (False, True):
            positions = [i for i, flag in enumerate(plain) if flag == without_specials]
            if not positions:
                continue
            ids = self.tokenizer(
                [texts[i] for i in positions],
                add_special_tokens=not without_specials,
                return_attention_mask=False,
                verbose=False,
            )["input_ids"]
            for position, row in zip(positions, ids, strict=True):
                encoded[position] = list(row)
        return encoded

    def pair(self, context: str, continuation: str) -> EncodedPair:
        return self.pairs([(context, continuation)])[0]

    def pairs(self, requests: Sequence[tuple[str, str]]) -> list[EncodedPair]:
        """lm-eval's ``_encode_pair`` for every (context, continuation), each distinct text
        tokenized once, all in a few calls of the tokenizer."""
        moved: list[tuple[str, str] | None] = []  # None: an empty context
        for context, continuation in requests:
            if context == "":
                moved.append(None)
                continue
            spaces = len(context) - len(context.rstrip())
            if spaces:
                continuation = context[-spaces:] + continuation
                context = context[:-spaces]
            moved.append((context, continuation))
        texts = sorted({text for entry in moved if entry for text in (entry[0], "".join(entry))})
        ids = dict(zip(texts, self.encode_many(texts), strict=True))
        alone = sorted(
            {cont for (_, cont), entry in zip(requests, moved, strict=True) if entry is None}
        )
        bare = {}
        if alone:
            rows = self.tokenizer(
                alone, add_special_tokens=False, return_attention_mask=False, verbose=False
            )["input_ids"]
            bare = {text: list(row) for text, row in zip(alone, rows, strict=True)}
        pairs = []
        for (_, original), entry in zip(requests, moved, strict=True):
            if entry is None:
                tokens = bare[original]
                if not tokens:
                    raise ModelError(f"continuation {original!r} tokenizes to nothing")
                if self.prefix_token_id is None:
                    raise ModelError(
                        "an empty context needs a BOS or EOS token, and the tokenizer has neither"
                    )
                if tokens[0] == self.prefix_token_id:
                    pairs.append(EncodedPair(tuple(tokens[:1]), tuple(tokens[1:])))
                else:
                    pairs.append(EncodedPair((self.prefix_token_id,), tuple(tokens)))
                continue
            context, continuation = entry
            context_tokens = ids[context]
            continuation_tokens = ids[context + continuation][len(context_tokens) :]
            if not continuation_tokens:
                raise ModelError(f"continuation {continuation!r} tokenizes to nothing")
            if not context_tokens:
                raise ModelError(f"context {context!r} tokenizes to nothing")
            pairs.append(EncodedPair(tuple(context_tokens), tuple(continuation_tokens)))
        return pairs


def _gather(log_probs: Any, continuation: Sequence[int]) -> Score:
    """Sum the continuation's log-probabilities; ``log_probs`` has one row per token."""
    import torch

    targets = torch.tensor(list(continuation), device=log_probs.device)
    picked = log_probs.gather(-1, targets[:, None])[:, 0]
    greedy = bool((log_probs.argmax(dim=-1) == targets).all())
    return Score(float(picked.double().sum()), greedy, len(continuation))


def score_naive(model: Any, pair: EncodedPair, max_length: int, device: Any) -> Score:
    """lm-eval's computation for one request: one forward pass, left-truncated."""
    import torch

    n = len(pair.continuation)
    if n > max_length:
        raise ModelError(
            f"a continuation of {n} tokens is longer than max_length={max_length}; raise the "
            "model option max_length or shorten the answer"
        )
    whole = (pair.context + pair.continuation)[-(max_length + 1) :][:-1]
    with torch.inference_mode():
        logits = model(input_ids=torch.tensor([whole], device=device)).logits[0, -n:]
        log_probs = torch.log_softmax(logits.float(), dim=-1)
    return _gather(log_probs, pair.continuation)


#: Contexts sharing at least this many leading tokens (a few-shot block, an instruction,
#: a passage asked several questions) run those tokens once per batch.
MIN_SHARED_PREFIX = 32


def shared_prefixes(
    contexts: Sequence[tuple[int, ...]], minimum: int = MIN_SHARED_PREFIX
) -> dict[tuple[int, ...], int]:
    """For each context that shares ``minimum``+ leading tokens with another, how many.

    Contexts are sorted so that those with a common start are neighbours; a run of
    neighbours whose common prefix stays at least ``minimum`` long is one group. Every
    context keeps at least one token of its own (its last position scores the first
    continuation token).

    >>> shared_prefixes([(1, 2, 3, 4), (1, 2, 3, 5), (9, 9)], minimum=2)
    {(1, 2, 3, 4): 3, (1, 2, 3, 5): 3}
    """
    splits: dict[tuple[int, ...], int] = {}
    ordered = sorted(set(contexts))
    group: list[tuple[int, ...]] = []
    common = 0

    def close() -> None:
        if len(group) > 1:
            split = min(common, min(len(c) for c in group) - 1)
            if split >= minimum:
                splits.update((c, split) for c in group)

    for context in ordered:
        if group:
            shared = _common_length(group[-1], context, common)
            if shared >= minimum:
                group.append(context)
                common = shared
                continue
            close()
        group, common = [context], len(context)
    close()
    return splits


def _common_length(a: tuple[int, ...], b: tuple[int, ...], limit: int) -> int:
    """Length of the common prefix of ``a`` and ``b``, at most ``limit``."""
    n = min(len(a), len(b), limit)
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def fit_to_length(pair: EncodedPair, max_length: int) -> tuple[EncodedPair, bool]:
    """The pair with its context cut from the left so that context + continuation − 1
    tokens fit ``max_length`` (lm-eval's left truncation), and whether it was cut.

    lm-eval runs ``(context + continuation)[-(max_length + 1):][:-1]``: the same tokens as
    the last ``max_length + 1 − len(continuation)`` context tokens and the continuation.
    """
    n = len(pair.continuation)
    if n > max_length:
        raise ModelError(
            f"a continuation of {n} tokens is longer than max_length={max_length}; raise the "
            "model option max_length or shorten the answer"
        )
    if len(pair.context) + n - 1 <= max_length:
        return pair, False
    return EncodedPair(pair.context[-(max_length + 1 - n) :], pair.continuation), True
