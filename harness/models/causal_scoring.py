"""Scoring continuations with a causal language model: log P(continuation | context).

    requests ──encode (lm-eval's convention)──▶ (context tokens, continuation tokens)
             ──group by context──▶ single-token groups: one forward pass per context
                                   multi-token groups: the context's key/value cache,
                                                       reused by every continuation
                                   too long for max_length: one pass per request,
                                                       truncated from the left
             ──▶ (log-likelihood, is_greedy, number of continuation tokens)

The tokenisation follows lm-evaluation-harness 0.4 exactly, so numbers are comparable:
trailing whitespace of the context moves to the front of the continuation; the
continuation's tokens are ``enc(context + continuation)[len(enc(context)):]``; an
empty context is replaced by the prefix token (BOS, else EOS). ``score_naive`` is
lm-eval's computation (one forward pass per request over
``(context + continuation)[-(max_length + 1):][:-1]``); ``score_grouped`` gives the
same numbers with one context pass shared by all the continuations after it.

torch is imported inside the functions that need it.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from harness.errors import ModelError
from harness.models.batching import run_in_batches


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
        if self._prefix_text and text.startswith(self._prefix_text):
            return list(self.tokenizer.encode(text, add_special_tokens=False))
        return list(self.tokenizer.encode(text))

    def pair(self, context: str, continuation: str) -> EncodedPair:
        if context == "":
            tokens = list(self.tokenizer.encode(continuation, add_special_tokens=False))
            if not tokens:
                raise ModelError(f"continuation {continuation!r} tokenizes to nothing")
            if self.prefix_token_id is None:
                raise ModelError(
                    "an empty context needs a BOS or EOS token, and the tokenizer has neither"
                )
            if tokens[0] == self.prefix_token_id:
                return EncodedPair(tuple(tokens[:1]), tuple(tokens[1:]))
            return EncodedPair((self.prefix_token_id,), tuple(tokens))
        spaces = len(context) - len(context.rstrip())
        if spaces:
            continuation = context[-spaces:] + continuation
            context = context[:-spaces]
        whole = self.encode(context + continuation)
        context_tokens = self.encode(context)
        continuation_tokens = whole[len(context_tokens) :]
        if not continuation_tokens:
            raise ModelError(f"continuation {continuation!r} tokenizes to nothing")
        if not context_tokens:
            raise ModelError(f"context {context!r} tokenizes to nothing")
        return EncodedPair(tuple(context_tokens), tuple(continuation_tokens))


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


def _pad(rows: Sequence[Sequence[int]], pad_id: int, device: Any) -> tuple[Any, Any]:
    """Right-padded ids and their attention mask. Padding after the real tokens cannot
    change a causal model's logits at the real positions."""
    import torch

    width = max(len(row) for row in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(list(row), dtype=torch.long)
        mask[i, : len(row)] = 1
    return ids.to(device), mask.to(device)


def _last_log_probs(
    model: Any, contexts: Sequence[tuple[int, ...]], pad_id: int, device: Any
) -> Any:
    """log P(next token | context) for each context, in one padded forward pass."""
    import torch

    ids, mask = _pad(contexts, pad_id, device)
    with torch.inference_mode():
        logits = model(input_ids=ids, attention_mask=mask).logits
        last = torch.tensor([len(c) - 1 for c in contexts], device=logits.device)
        rows = logits[torch.arange(len(contexts), device=logits.device), last]
        return torch.log_softmax(rows.float(), dim=-1)


def _score_with_cache(
    model: Any,
    context: tuple[int, ...],
    continuations: Sequence[tuple[int, ...]],
    pad_id: int,
    device: Any,
    batch_size: int,
) -> tuple[list[Score], int]:
    """Continuations after one context: the context runs once, its key/value cache is
    copied for each batch of continuations (each runs all but its last token)."""
    import torch

    with torch.inference_mode():
        out = model(input_ids=torch.tensor([context], device=device), use_cache=True)
        first = torch.log_softmax(out.logits[0, -1].float(), dim=-1)
        cache = out.past_key_values
    scores: list[Score | None] = [None] * len(continuations)
    longer = []
    for i, continuation in enumerate(continuations):
        if len(continuation) == 1:
            scores[i] = _gather(first[None], continuation)
        else:
            longer.append(i)

    def run(batch: list[int]) -> np.ndarray:
        rows = [continuations[i][:-1] for i in batch]
        ids, mask = _pad(rows, pad_id, device)
        full_mask = torch.cat(
            [torch.ones((len(batch), len(context)), dtype=torch.long, device=device), mask], dim=1
        )
        positions = torch.arange(ids.shape[1], device=device)[None].expand(len(batch), -1)
        past = copy.deepcopy(cache)
        past.batch_repeat_interleave(len(batch))
        with torch.inference_mode():
            logits = model(
                input_ids=ids,
                attention_mask=full_mask,
                past_key_values=past,
                position_ids=positions + len(context),
                use_cache=False,
            ).logits
            log_probs = torch.log_softmax(logits.float(), dim=-1)
        answers = np.empty(len(batch), dtype=object)
        for row, i in enumerate(batch):
            continuation = continuations[i]
            answers[row] = _gather(
                torch.cat([first[None], log_probs[row, : len(continuation) - 1]]), continuation
            )
        return answers

    order = sorted(longer, key=lambda i: -len(continuations[i]))
    batches, batch_size = run_in_batches(order, batch_size, run)
    for batch, answers in batches:
        for i, answer in zip(batch, answers, strict=True):
            scores[i] = answer
    assert all(score is not None for score in scores)
    return [score for score in scores if score is not None], batch_size


def score_grouped(
    model: Any,
    pairs: Sequence[EncodedPair],
    *,
    max_length: int,
    batch_size: int,
    pad_id: int,
    device: Any,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[list[Score], int]:
    """Scores for ``pairs`` in order, sharing each context's forward pass; returns the
    scores and the batch size that worked last (the out-of-memory back-off lowers it)."""
    results: list[Score | None] = [None] * len(pairs)
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for index, pair in enumerate(pairs):
        fits = len(pair.context) + len(pair.continuation) - 1 <= max_length
        if fits:
            groups[pair.context].append(index)
        else:
            results[index] = score_naive(model, pair, max_length, _device_of(model, device))
    single = [
        c for c, members in groups.items() if all(len(pairs[i].continuation) == 1 for i in members)
    ]
    multi = [c for c in groups if c not in set(single)]
    single.sort(key=len, reverse=True)
    multi.sort(key=len, reverse=True)

    def run_single(batch: list[int]) -> np.ndarray:
        log_probs = _last_log_probs(model, [single[i] for i in batch], pad_id, device)
        answers = np.empty(len(batch), dtype=object)
        for row, i in enumerate(batch):
            answers[row] = [
                (member, _gather(log_probs[row][None], pairs[member].continuation))
                for member in groups[single[i]]
            ]
        return answers

    done, batch_size = run_in_batches(list(range(len(single))), batch_size, run_single)
    for _, answers in done:
        for answer in answers:
            for member, score in answer:
                results[member] = score
            if on_progress is not None:
                on_progress(len(answer))
    for context in multi:
        members = groups[context]
        scores, batch_size = _score_with_cache(
            model, context, [pairs[i].continuation for i in members], pad_id, device, batch_size
        )
        for member, score in zip(members, scores, strict=True):
            results[member] = score
        if on_progress is not None:
            on_progress(len(members))
    assert all(result is not None for result in results)
    return [result for result in results if result is not None], batch_size


def _device_of(model: Any, device: Any) -> Any:
    return device if device is not None else next(model.parameters()).device
