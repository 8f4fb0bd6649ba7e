"""Batches of contexts through a causal LM: the pipeline behind ``score_grouped``.

Requests (already encoded and fitted to ``max_length``) are grouped by context;
contexts that share a long prefix are batched together so the prefix runs once per
batch (``shared_prefixes``). Batches are consecutive runs of the length-sorted contexts
(``plan_context_batches``: at most ``batch_size`` contexts and, optionally, a padded-token
budget). A worker thread pads batch i+1 and copies it to the device while the model runs
batch i; each batch's answers are gathered on the device and come to the host in one
copy. On an out-of-memory error the rest is planned again with half the batch size and
token budget.

torch is imported inside the functions that need it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any

import numpy as np

from harness.errors import ModelError
from harness.models.causal_scoring import EncodedPair, Score, fit_to_length, shared_prefixes


@dataclass(frozen=True)
class _Batch:
    """One batch of contexts as CPU tensors (built by the prefetch worker)."""

    requests: list[int]  # the requests answered, in row order of the outputs
    tensors: dict[str, Any]
    prefixed: bool
    longer: bool


def _padded(rows: Sequence[Sequence[int]], pad_id: int) -> tuple[Any, Any]:
    """Right-padded ids and their attention mask (CPU). Padding after the real tokens
    cannot change a causal model's logits at the real positions."""
    import torch

    width = max(len(row) for row in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(list(row), dtype=torch.long)
        mask[i, : len(row)] = 1
    return ids, mask


@dataclass(eq=False)
class _Scorer:
    """Prepares (worker thread) and runs (device) batches of contexts; see the module doc."""

    model: Any
    pairs: Sequence[EncodedPair]
    groups: dict[tuple[int, ...], list[int]]
    splits: dict[tuple[int, ...], int]
    _: KW_ONLY
    pad_id: int
    device: Any
    max_position: int

    def prepare(self, contexts: Sequence[tuple[int, ...]], prefixed: bool) -> _Batch:
        import torch

        pairs, groups, pad_id = self.pairs, self.groups, self.pad_id
        offsets = [self.splits[c] if prefixed else 0 for c in contexts]
        tensors: dict[str, Any] = {}
        if prefixed:
            prefixes = sorted({c[:s] for c, s in zip(contexts, offsets, strict=True)})
            tensors["prefix_ids"], tensors["prefix_mask"] = _padded(prefixes, pad_id)
            row_of_prefix = {prefix: row for row, prefix in enumerate(prefixes)}
            tensors["which"] = torch.tensor(
                [row_of_prefix[c[:s]] for c, s in zip(contexts, offsets, strict=True)]
            )
            starts = torch.tensor(offsets)
        rests = [c[s:] for c, s in zip(contexts, offsets, strict=True)]
        tensors["ids"], tensors["mask"] = _padded(rests, pad_id)
        if prefixed:
            positions = starts[:, None] + torch.arange(tensors["ids"].shape[1])[None]
            # Padding may sit past the position limit; its value is masked out.
            tensors["positions"] = positions.clamp(max=self.max_position)
        tensors["last"] = torch.tensor([len(r) - 1 for r in rests])
        requests, context_row, first = [], [], []
        tails: list[tuple[int, ...]] = []
        tail_of: list[int] = []  # per request: its row in the tails, or -1
        tail_context: list[int] = []
        for row, context in enumerate(contexts):
            for member in groups[context]:
                continuation = pairs[member].continuation
                requests.append(member)
                context_row.append(row)
                first.append(continuation[0])
                if len(continuation) > 1:
                    tail_of.append(len(tails))
                    tails.append(continuation)
                    tail_context.append(row)
                else:
                    tail_of.append(-1)
        tensors["context_row"] = torch.tensor(context_row)
        tensors["first"] = torch.tensor(first)
        if tails:
            # Inputs: every token but the last; targets: every token but the first.
            tensors["tail_ids"], tensors["tail_mask"] = _padded([t[:-1] for t in tails], pad_id)
            targets, target_mask = _padded([t[1:] for t in tails], 0)
            tensors["tail_targets"], tensors["tail_target_mask"] = targets, target_mask.bool()
            tensors["tail_context"] = torch.tensor(tail_context)
            lengths = torch.tensor([len(contexts[row]) for row in tail_context])
            positions = lengths[:, None] + torch.arange(tensors["tail_ids"].shape[1])[None]
            tensors["tail_positions"] = positions.clamp(max=self.max_position)
            tensors["tail_of"] = torch.tensor(tail_of)
        if getattr(self.device, "type", "cpu") == "cuda":
            tensors = {k: v.pin_memory() for k, v in tensors.items()}
        on_cuda = getattr(self.device, "type", "cpu") == "cuda"
        tensors = {k: v.to(self.device, non_blocking=on_cuda) for k, v in tensors.items()}
        return _Batch(requests, tensors, prefixed, bool(tails))

    def run(self, batch: _Batch) -> tuple[list[int], Any]:
        """(requests, a device tensor of (log-likelihood, is_greedy) per request)."""
        import torch

        model, t = self.model, batch.tensors
        with torch.inference_mode():
            if batch.prefixed:
                past = model(
                    input_ids=t["prefix_ids"], attention_mask=t["prefix_mask"], use_cache=True
                ).past_key_values
                past.batch_select_indices(t["which"])
                full_mask = torch.cat([t["prefix_mask"][t["which"]], t["mask"]], dim=1)
                out = model(
                    input_ids=t["ids"],
                    attention_mask=full_mask,
                    past_key_values=past,
                    position_ids=t["positions"],
                    use_cache=batch.longer,
                )
            else:
                # Right padding cannot change a causal model's logits at the real
                # positions, so pass 1 needs no mask (the attention's causal fast path).
                full_mask = t["mask"]
                out = model(input_ids=t["ids"], use_cache=batch.longer)
            rows = torch.arange(t["ids"].shape[0], device=t["ids"].device)
            first = torch.log_softmax(out.logits[rows, t["last"]].float(), dim=-1)
            first = first[t["context_row"]]
            loglikelihood = first.gather(-1, t["first"][:, None])[:, 0].double()
            greedy = first.argmax(dim=-1) == t["first"]
            if batch.longer:
                cache = out.past_key_values
                cache.batch_select_indices(t["tail_context"])
                logits = model(
                    input_ids=t["tail_ids"],
                    attention_mask=torch.cat([full_mask[t["tail_context"]], t["tail_mask"]], dim=1),
                    past_key_values=cache,
                    position_ids=t["tail_positions"],
                    use_cache=False,
                ).logits
                rest = torch.log_softmax(logits.float(), dim=-1)
                targets, mask = t["tail_targets"], t["tail_target_mask"]
                picked = rest.gather(-1, targets[..., None])[..., 0].double() * mask
                tail_sum = picked.sum(dim=1)
                tail_greedy = ((rest.argmax(dim=-1) == targets) | ~mask).all(dim=1)
                has_tail = t["tail_of"] >= 0
                index = t["tail_of"].clamp(min=0)
                loglikelihood = loglikelihood + torch.where(
                    has_tail, tail_sum[index], torch.zeros_like(loglikelihood)
                )
                greedy = greedy & (tail_greedy[index] | ~has_tail)
            return batch.requests, torch.stack([loglikelihood, greedy.double()], dim=1)


def plan_context_batches(
    contexts: Sequence[tuple[int, ...]], batch_size: int, max_tokens: int | None
) -> list[list[int]]:
    """Consecutive runs of ``contexts`` of at most ``batch_size`` contexts and, with
    ``max_tokens``, at most that many padded tokens (contexts × the longest so far).

    >>> plan_context_batches([(1,) * 8, (1,) * 7, (1,) * 2, (1,) * 2], 3, max_tokens=16)
    [[0, 1], [2, 3]]
    """
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for index, context in enumerate(contexts):
        widest = max(longest, len(context))
        full = len(current) >= batch_size
        over = max_tokens is not None and current and (len(current) + 1) * widest > max_tokens
        if current and (full or over):
            batches.append(current)
            current, widest = [], len(context)
        current.append(index)
        longest = widest
    if current:
        batches.append(current)
    return batches


def score_grouped(
    model: Any,
    pairs: Sequence[EncodedPair],
    *,
    max_length: int,
    batch_size: int,
    pad_id: int,
    device: Any,
    max_tokens: int | None = None,
    prefetch: bool = True,
) -> tuple[list[Score], int]:
    """Scores for ``pairs`` in order, sharing each context's forward pass; returns the
    scores and the batch size that worked last (the out-of-memory back-off lowers it).

    Every pair is first fitted to ``max_length`` (``fit_to_length``). Requests are grouped
    by context tokens; up to ``batch_size`` contexts (longest first; at most
    ``max_tokens`` padded tokens) go through one or a few forward passes together. When
    every continuation of a batch is one token, that is one forward pass per batch.
    """
    from harness.models.batching import is_out_of_memory

    fitted = [fit_to_length(pair, max_length)[0] for pair in pairs]
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for index, pair in enumerate(fitted):
        groups[pair.context].append(index)
    splits = shared_prefixes(list(groups))
    # Contexts with a shared prefix are batched next to the others of their group (and
    # never with contexts that have none, so pass 0 runs only where it pays).
    alone = sorted((c for c in groups if c not in splits), key=lambda c: (-len(c), c))
    shared = sorted(splits, key=lambda c: (c[: splits[c]], -len(c), c))
    scorer = _Scorer(
        model, fitted, groups, splits, pad_id=pad_id, device=device, max_position=max_length - 1
    )
    answers = np.zeros((len(pairs), 2), dtype=np.float64)
    for contexts, prefixed in ((alone, False), (shared, True)):
        remaining = list(contexts)
        while remaining:
            batches = plan_context_batches(remaining, batch_size, max_tokens)
            try:
                done = _run_pipelined(scorer, remaining, batches, prefixed, prefetch)
            except Exception as error:
                if not is_out_of_memory(error) or batch_size == 1:
                    if is_out_of_memory(error):
                        raise ModelError(
                            "the model runs out of memory even on a single context; use a "
                            "smaller max_length or another device (model option device=cpu)"
                        ) from error
                    raise
                _release()
                batch_size = max(1, batch_size // 2)
                max_tokens = max(1, max_tokens // 2) if max_tokens else None
                continue
            for requests, values in done:
                answers[requests] = values
            remaining = []
    return [
        Score(float(value), bool(greedy), len(pair.continuation))
        for (value, greedy), pair in zip(answers, pairs, strict=True)
    ], batch_size


def _run_pipelined(
    scorer: _Scorer,
    contexts: Sequence[tuple[int, ...]],
    batches: Sequence[Sequence[int]],
    prefixed: bool,
    prefetch: bool,
) -> list[tuple[list[int], np.ndarray]]:
    """Run ``batches``; the worker prepares batch i+1 while the device runs batch i.
    Each batch's answers come to the host in one copy."""
    from concurrent.futures import Future, ThreadPoolExecutor

    def prepare(batch: Sequence[int]) -> _Batch:
        return scorer.prepare([contexts[i] for i in batch], prefixed)

    done: list[tuple[list[int], np.ndarray]] = []
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending: Future[_Batch] | None = None
        try:
            for number, batch in enumerate(batches):
                prepared = pending.result() if pending is not None else prepare(batch)
                pending = None
                if prefetch and number + 1 < len(batches):
                    pending = worker.submit(prepare, batches[number + 1])
                requests, values = scorer.run(prepared)
                done.append((requests, values.cpu().numpy()))
        finally:
            if pending is not None:
                pending.cancel()
    return done


def _release() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.empty_cache()
