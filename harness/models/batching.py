"""Tokenising and batching for the transformer-based adapters (hf-classifier, reference).

Inputs are tuples of texts (one text, or a premise/hypothesis pair). ``TextBatcher``
measures their token lengths once (counting what truncation will cut), orders them
by length so each batch pads little, and runs a batch function with dynamic padding.
On an out-of-memory error the batch is halved and retried, down to one input.

torch and transformers are imported inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from harness.errors import ModelError

Inputs = Sequence[tuple[str, ...]]


def resolve_device(name: str = "auto") -> Any:
    """A ``torch.device``: ``auto`` picks cuda if available, else mps, else cpu."""
    import torch

    if name != "auto":
        try:
            return torch.device(name)
        except RuntimeError as error:
            raise ModelError(f"model option device={name!r} is not a device: {error}") from None
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def is_out_of_memory(error: BaseException) -> bool:
    """True for CUDA/MPS out-of-memory errors (torch raises several kinds)."""
    import torch

    oom_type = getattr(torch.cuda, "OutOfMemoryError", None)
    if oom_type is not None and isinstance(error, oom_type):
        return True
    return isinstance(error, RuntimeError) and "out of memory" in str(error).lower()


def _release_cached_memory() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def length_sorted_order(lengths: Sequence[int]) -> list[int]:
    """Indices ordered by length, longest first (ties keep input order).

    >>> length_sorted_order([3, 9, 1, 9])
    [1, 3, 0, 2]
    """
    return sorted(range(len(lengths)), key=lambda index: -lengths[index])


def run_in_batches(
    order: Sequence[int],
    batch_size: int,
    run: Callable[[list[int]], np.ndarray],
) -> tuple[list[tuple[list[int], np.ndarray]], int]:
    """Call ``run`` on consecutive slices of ``order``; halve the slice on out-of-memory.

    Returns the (indices, outputs) of each batch and the batch size that worked last,
    which callers keep so later calls start from it.

    >>> calls = []
    >>> def run(batch):
    ...     if len(batch) > 2:
    ...         raise RuntimeError("CUDA out of memory")
    ...     calls.append(batch)
    ...     return np.zeros((len(batch), 1))
    >>> _, size = run_in_batches([0, 1, 2, 3, 4], 4, run)
    >>> size, calls
    (2, [[0, 1], [2, 3], [4]])
    """
    results: list[tuple[list[int], np.ndarray]] = []
    position = 0
    while position < len(order):
        batch = list(order[position : position + batch_size])
        try:
            outputs = run(batch)
        except Exception as error:
            if not is_out_of_memory(error):
                raise
            if batch_size == 1:
                raise ModelError(
                    "the model runs out of memory even on a single input; use a smaller "
                    "max_length or another device (model option device=cpu)"
                ) from error
            _release_cached_memory()
            batch_size = max(1, batch_size // 2)
            continue
        results.append((batch, outputs))
        position += len(batch)
    return results, batch_size


class TextBatcher:
    """Encodes single texts or text pairs with a Hugging Face tokenizer, in padded batches."""

    def __init__(self, tokenizer: Any, max_length: int) -> None:
        self.tokenizer = tokenizer
        self.max_length = max_length

    def _columns(self, inputs: Inputs) -> list[list[str]]:
        widths = {len(item) for item in inputs}
        if not widths <= {1} and not widths <= {2}:
            raise ModelError(
                "a sequence classifier takes one text or a pair of texts per example; "
                f"got inputs of {sorted(widths)} fields"
            )
        width = widths.pop() if widths else 1
        return [[item[column] for item in inputs] for column in range(width)]

    def token_lengths(self, inputs: Inputs) -> list[int]:
        """Token counts with special tokens and without truncation."""
        if not inputs:
            return []
        encoded = self.tokenizer(
            *self._columns(inputs),
            add_special_tokens=True,
            truncation=False,
            return_attention_mask=False,
            return_token_type_ids=False,
            # The lengths are only measured here; truncation happens in ``encode``.
            verbose=False,
        )
        return [len(ids) for ids in encoded["input_ids"]]

    def encode(self, inputs: Inputs, device: Any = None) -> Any:
        """A padded batch (pad to the longest input), truncated to ``max_length`` tokens."""
        encoded = self.tokenizer(
            *self._columns(inputs),
            padding="longest",
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
        )
        return encoded.to(device) if device is not None else encoded

    def plan(self, inputs: Inputs) -> tuple[list[int], list[bool]]:
        """The length-sorted order of ``inputs`` and which of them will be truncated."""
        lengths = self.token_lengths(inputs)
        truncated = [length > self.max_length for length in lengths]
        return length_sorted_order(lengths), truncated


def default_max_length(tokenizer: Any, config: Any = None, cap: int = 512) -> int:
    """min(tokenizer.model_max_length, the model's position limit, ``cap``)."""
    limits = [cap]
    model_max_length = getattr(tokenizer, "model_max_length", None)
    if isinstance(model_max_length, int) and model_max_length > 0:
        limits.append(model_max_length)
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        limits.append(positions)
    return min(limits)
