"""Scoring continuations with a causal language model: log P(continuation | context).

    requests ──encode (lm-eval's convention)──▶ (context tokens, continuation tokens)
             ──group by context──▶ contexts sharing a long prefix (few-shot demonstrations,
                                   an instruction): one pass over each distinct prefix
                                 ──▶ batches of contexts: one pass over the contexts, or
                                   what follows their prefix (their last position scores
                                   every first continuation token),
                                   one pass over the longer continuations' remaining
                                   tokens after their context's key/value cache rows
                                   too long for max_length: one pass per request,
                                                       truncated from the left
             ──▶ (log-likelihood, is_greedy, number of continuation tokens)

The tokenisation follows lm-evaluation-harness 0.4 exactly, so numbers are comparable:
trailing whitespace of the context moves to the front of the continuation; the
continuation's tokens are ``enc(context + continuation)[len(enc(context)):]``; an
empty context is replaced by the prefix token (BOS, else EOS). ``score_naive`` is
lm-eval's computation (one forward pass per request over
``(context + continuation)[-(max_length + 1):][:-1]``); ``score_grouped`` gives the
same numbers with one context pass shared by all the continuations after it, and one
pass over a prefix shared by several contexts per batch they are in.

torch is imported inside the functions that need it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
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


def _score_contexts(
    model: Any,
    contexts: Sequence[tuple[int, ...]],
    continuations: Sequence[Sequence[tuple[int, ...]]],
    pad_id: int,
    device: Any,
    splits: Sequence[int] | None = None,
) -> list[list[Score]]:
    """Scores of each context's continuations, in two or three forward passes per batch.

    With ``splits`` (a shared prefix length per context, all > 0), pass 0 runs each
    distinct prefix once and every context continues from its prefix's key/value rows.
    Pass 1 runs the (right-padded) contexts, or what follows their prefix, keeping their
    key/value cache; the last real position gives every continuation's first token.
    Pass 2 runs all but the last token of every longer continuation after its own
    context's cache rows (the padding between them is masked; positions continue from
    the context's length).
    """
    import torch

    longer = [
        (b, j)
        for b, group in enumerate(continuations)
        for j, continuation in enumerate(group)
        if len(continuation) > 1
    ]
    with torch.inference_mode():
        past: Any = None
        past_mask: Any = None
        offsets = [0] * len(contexts)
        if splits is not None:
            offsets = list(splits)
            prefixes = sorted({c[:s] for c, s in zip(contexts, offsets, strict=True)})
            prefix_ids, prefix_mask = _pad(prefixes, pad_id, device)
            past = model(input_ids=prefix_ids, attention_mask=prefix_mask, use_cache=True)
            past = past.past_key_values
            row_of_prefix = {prefix: row for row, prefix in enumerate(prefixes)}
            which = torch.tensor(
                [row_of_prefix[c[:s]] for c, s in zip(contexts, offsets, strict=True)],
                device=device,
            )
            past.batch_select_indices(which)
            past_mask = prefix_mask[which]
        ids, mask = _pad([c[s:] for c, s in zip(contexts, offsets, strict=True)], pad_id, device)
        rows = torch.arange(len(contexts), device=device)
        last = torch.tensor([len(c) - s - 1 for c, s in zip(contexts, offsets, strict=True)])
        if past is None:
            # Right padding cannot change a causal model's logits at the real positions,
            # so pass 1 needs no mask (and the attention takes its causal fast path).
            out = model(input_ids=ids, use_cache=bool(longer))
            full_mask = mask
        else:
            full_mask = torch.cat([past_mask, mask], dim=1)
            start = torch.tensor(offsets, device=device)
            out = model(
                input_ids=ids,
                attention_mask=full_mask,
                past_key_values=past,
                position_ids=start[:, None] + torch.arange(ids.shape[1], device=device)[None],
                use_cache=bool(longer),
            )
        first = torch.log_softmax(out.logits[rows, last.to(device)].float(), dim=-1)
        rest = None
        if longer:
            index = torch.tensor([b for b, _ in longer], device=device)
            cache = out.past_key_values
            cache.batch_select_indices(index)
            tails, tail_mask = _pad([continuations[b][j][:-1] for b, j in longer], pad_id, device)
            lengths = torch.tensor([len(contexts[b]) for b, _ in longer], device=device)
            positions = lengths[:, None] + torch.arange(tails.shape[1], device=device)[None]
            logits = model(
                input_ids=tails,
                attention_mask=torch.cat([full_mask[index], tail_mask], dim=1),
                past_key_values=cache,
                position_ids=positions,
                use_cache=False,
            ).logits
            rest = torch.log_softmax(logits.float(), dim=-1)
    scores: list[list[Score]] = []
    row_of = {pair: row for row, pair in enumerate(longer)}
    for b, group in enumerate(continuations):
        group_scores = []
        for j, continuation in enumerate(group):
            log_probs = first[b][None]
            if len(continuation) > 1:
                assert rest is not None
                log_probs = torch.cat(
                    [log_probs, rest[row_of[(b, j)], : len(continuation) - 1]], dim=0
                )
            group_scores.append(_gather(log_probs, continuation))
        scores.append(group_scores)
    return scores


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


def score_grouped(
    model: Any,
    pairs: Sequence[EncodedPair],
    *,
    max_length: int,
    batch_size: int,
    pad_id: int,
    device: Any,
) -> tuple[list[Score], int]:
    """Scores for ``pairs`` in order, sharing each context's forward pass; returns the
    scores and the batch size that worked last (the out-of-memory back-off lowers it).

    Requests are grouped by context tokens; ``batch_size`` contexts (longest first) go
    through ``_score_contexts`` together. When every continuation of a batch is one
    token, that is one forward pass per batch of contexts.
    """
    results: list[Score | None] = [None] * len(pairs)
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for index, pair in enumerate(pairs):
        if len(pair.context) + len(pair.continuation) - 1 <= max_length:
            groups[pair.context].append(index)
        else:
            results[index] = score_naive(model, pair, max_length, device)
    splits = shared_prefixes(list(groups))
    # Contexts with a shared prefix are batched next to the others of their group (and
    # never with contexts that have none, so pass 0 runs only where it pays).
    alone = sorted((c for c in groups if c not in splits), key=lambda c: (-len(c), c))
    shared = sorted(splits, key=lambda c: (c[: splits[c]], -len(c), c))

    def runner(contexts: list[tuple[int, ...]], prefixed: bool) -> Any:
        def run(batch: list[int]) -> np.ndarray:
            chosen = [contexts[i] for i in batch]
            scores = _score_contexts(
                model,
                chosen,
                [[pairs[m].continuation for m in groups[c]] for c in chosen],
                pad_id,
                device,
                [splits[c] for c in chosen] if prefixed else None,
            )
            answers = np.empty(len(batch), dtype=object)
            for row, (context, group_scores) in enumerate(zip(chosen, scores, strict=True)):
                answers[row] = list(zip(groups[context], group_scores, strict=True))
            return answers

        return run

    for contexts, prefixed in ((alone, False), (shared, True)):
        if not contexts:
            continue
        done, batch_size = run_in_batches(
            list(range(len(contexts))), batch_size, runner(contexts, prefixed)
        )
        for _, answers in done:
            for answer in answers:
                for member, score in answer:
                    results[member] = score
    assert all(result is not None for result in results)
    return [result for result in results if result is not None], batch_size
