"""Tokenising and batching for the transformer-based adapters (hf-classifier, reference).

Inputs are tuples of texts (one text, or a premise/hypothesis pair). ``TextBatcher``
measures their token lengths once (counting what truncation will cut), orders them
by length so each batch pads little, and runs a batch function with dynamic padding.
On an out-of-memory error the batch is halved and retried, down to one input.

``largest_fitting`` is the search behind automatic batch sizing on a GPU: the largest
batch that fits, by doubling then bisecting, each probe a forward pass that may run
out of memory.

The pipeline at the end of the module is what ``hf-classifier`` runs: every input
tokenized by one call of the fast tokenizer (``tokenize_once``), batches planned by
count and, optionally, by a padded-token budget (``plan_batches``), and a worker
thread that pads and copies batch i+1 while the device runs batch i
(``BatchPipeline``).

torch and transformers are imported inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
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


def torch_is_cpu_only() -> bool:
    """True when the installed torch is a CPU-only build, read from ``torch/version.py``
    without importing torch (which takes seconds)."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec("torch")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        try:
            tree = ast.parse(Path(location, "version.py").read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            return False
        backends: dict[str, Any] = {}
        for node in tree.body:
            targets: list[ast.expr] = []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            elif isinstance(node, ast.Assign):
                targets = list(node.targets)
            value = getattr(node, "value", None)
            for target in targets:
                if isinstance(target, ast.Name) and isinstance(value, ast.Constant):
                    backends[target.id] = value.value
        return all(backends.get(name, "unknown") is None for name in ("cuda", "hip", "xpu"))
    return False


def device_name(name: str = "auto") -> str:
    """``str(resolve_device(name))``, without importing torch where the answer is certain:
    ``auto`` is ``cpu`` with a CPU-only torch build off macOS (no CUDA, ROCm, XPU or MPS).

    Describing a model whose every answer is cached should not cost a torch import.
    """
    import sys

    if name == "cpu" or (name == "auto" and sys.platform != "darwin" and torch_is_cpu_only()):
        return "cpu"
    return str(resolve_device(name))


def resolve_dtype(name: str, device: Any) -> Any:
    """A ``torch.dtype``: ``auto`` is bfloat16 on a CUDA device that supports it, else float32."""
    import torch

    if name == "auto":
        if device.type == "cuda" and torch.cuda.is_bf16_supported():
            return torch.bfloat16
        return torch.float32
    return {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[name]


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


def halved_after_out_of_memory(error: Exception, batch_size: int) -> int:
    """The batch size to try after ``error``: half of ``batch_size`` (its cached memory
    released) when the model ran out of memory on more than one input; ``error`` itself
    when it is another error, a ``ModelError`` when one input is already too many."""
    if not is_out_of_memory(error):
        raise error
    if batch_size == 1:
        raise ModelError(
            "the model runs out of memory even on a single input; use a smaller "
            "max_length or another device (model option device=cpu)"
        ) from error
    _release_cached_memory()
    return max(1, batch_size // 2)


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
            batch_size = halved_after_out_of_memory(error, batch_size)
            continue
        results.append((batch, outputs))
        position += len(batch)
    return results, batch_size


def largest_fitting(fits: Callable[[int], bool], start: int, limit: int) -> tuple[int, list[int]]:
    """The largest ``n`` in ``[1, limit]`` with ``fits(n)``, and the sizes probed.

    Assumes what fits at ``n`` fits at any smaller size (memory grows with the batch).
    Doubles from ``start`` while it fits (or halves while it does not), then bisects
    between the largest size that fit and the smallest that did not, so a search over
    ``limit`` sizes costs about ``2 log2(limit)`` probes.

    >>> largest_fitting(lambda n: n <= 37, start=8, limit=4096)
    (37, [8, 16, 32, 64, 48, 40, 36, 38, 37])
    """
    probed: list[int] = []

    def probe(n: int) -> bool:
        probed.append(n)
        return fits(n)

    size = max(1, min(start, limit))
    if probe(size):
        good, bad = size, None
        while bad is None and good < limit:
            candidate = min(good * 2, limit)
            if probe(candidate):
                good = candidate
            else:
                bad = candidate
    else:
        good, bad = 0, size
        while good == 0 and bad > 1:
            candidate = bad // 2
            if probe(candidate):
                good = candidate
            else:
                bad = candidate
        if good == 0:
            raise ModelError(
                "the model runs out of memory even on a single input; use a smaller "
                "max_length or another device (model option device=cpu)"
            )
    while bad is not None and bad - good > 1:
        middle = (good + bad) // 2
        if probe(middle):
            good = middle
        else:
            bad = middle
    return good, probed


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


# --- the pipeline: tokenize once, batch by a token budget, prepare the next batch early ---


@dataclass(frozen=True)
class Tokenized:
    """Token ids of every input, made by one batch call of the fast tokenizer.

    ``lengths`` are the lengths before truncation (what batches are sorted by);
    ``truncated`` says which inputs were cut to ``max_length``.
    """

    input_ids: list[list[int]]
    token_type_ids: list[list[int]] | None
    lengths: list[int]
    truncated: list[bool]


def tokenize_once(batcher: TextBatcher, inputs: Inputs) -> Tokenized:
    """Ids for all ``inputs``: one tokenizer call, a second only for the inputs too long.

    The ids equal what ``batcher.encode`` gives each input (same truncation), so
    batches padded from them give the same numbers as encoding each batch anew.
    """
    columns = batcher._columns(inputs)
    full = batcher.tokenizer(
        *columns,
        add_special_tokens=True,
        truncation=False,
        return_attention_mask=False,
        verbose=False,
    )
    input_ids = [list(ids) for ids in full["input_ids"]]
    types = full.get("token_type_ids")
    token_type_ids = [list(row) for row in types] if types is not None else None
    lengths = [len(ids) for ids in input_ids]
    too_long = [index for index, length in enumerate(lengths) if length > batcher.max_length]
    if too_long:
        cut = batcher.tokenizer(
            *[[column[index] for index in too_long] for column in columns],
            truncation=True,
            max_length=batcher.max_length,
            return_attention_mask=False,
        )
        for position, index in enumerate(too_long):
            input_ids[index] = list(cut["input_ids"][position])
            if token_type_ids is not None:
                token_type_ids[index] = list(cut["token_type_ids"][position])
    truncated = [length > batcher.max_length for length in lengths]
    return Tokenized(input_ids, token_type_ids, lengths, truncated)


def pad_batch(tokenizer: Any, tokenized: Tokenized, indices: Sequence[int]) -> dict[str, Any]:
    """CPU tensors for ``indices``, padded to the longest (on the tokenizer's padding side)."""
    import torch

    rows = [tokenized.input_ids[index] for index in indices]
    width = max(len(row) for row in rows)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    left = getattr(tokenizer, "padding_side", "right") == "left"
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    types = torch.zeros((len(rows), width), dtype=torch.long)
    for row_number, (index, row) in enumerate(zip(indices, rows, strict=True)):
        span = slice(width - len(row), width) if left else slice(0, len(row))
        ids[row_number, span] = torch.tensor(row, dtype=torch.long)
        mask[row_number, span] = 1
        if tokenized.token_type_ids is not None:
            types[row_number, span] = torch.tensor(tokenized.token_type_ids[index])
    batch = {"input_ids": ids, "attention_mask": mask}
    if tokenized.token_type_ids is not None:
        batch["token_type_ids"] = types
    return batch


def plan_batches(
    order: Sequence[int],
    lengths: Sequence[int],
    batch_size: int,
    max_tokens: int | None = None,
    max_length: int | None = None,
) -> list[list[int]]:
    """Consecutive batches of ``order`` (longest first) of at most ``batch_size`` inputs
    and, with ``max_tokens``, at most that many padded tokens (inputs × longest input).

    >>> plan_batches([0, 1, 2, 3, 4], [9, 8, 3, 2, 2], batch_size=4, max_tokens=16)
    [[0], [1], [2, 3, 4]]
    """
    batches: list[list[int]] = []
    position = 0
    while position < len(order):
        longest = lengths[order[position]]
        if max_length is not None:
            longest = min(longest, max_length)
        size = batch_size
        if max_tokens is not None:
            size = max(1, min(batch_size, max_tokens // max(longest, 1)))
        batches.append(list(order[position : position + size]))
        position += size
    return batches


class BatchPipeline:
    """Run planned batches on a device while a worker thread prepares the next one.

    ``prepare(indices)`` builds a batch's tensors (pad, pin, copy without blocking),
    ``run(prepared)`` returns the batch's outputs. On an out-of-memory error the rest is
    planned again with half the batch size and token budget. An exception in the worker
    surfaces as the same exception from ``run_all``.
    """

    def __init__(
        self,
        prepare: Callable[[list[int]], Any],
        run: Callable[[Any], Any],
        *,
        prefetch: bool = True,
    ) -> None:
        self.prepare = prepare
        self.run = run
        self.prefetch = prefetch

    def run_all(
        self,
        order: Sequence[int],
        lengths: Sequence[int],
        batch_size: int,
        max_tokens: int | None = None,
        max_length: int | None = None,
    ) -> tuple[list[tuple[list[int], Any]], int]:
        """(indices, outputs) per batch, and the batch size that worked last."""
        from concurrent.futures import Future, ThreadPoolExecutor

        results: list[tuple[list[int], Any]] = []
        remaining = list(order)
        with ThreadPoolExecutor(max_workers=1) as worker:
            while remaining:
                batches = plan_batches(remaining, lengths, batch_size, max_tokens, max_length)
                pending: Future[Any] | None = None
                done = 0
                try:
                    for number, batch in enumerate(batches):
                        prepared = pending.result() if pending is not None else self.prepare(batch)
                        pending = None
                        if self.prefetch and number + 1 < len(batches):
                            pending = worker.submit(self.prepare, batches[number + 1])
                        results.append((batch, self.run(prepared)))
                        done += len(batch)
                except Exception as error:
                    if pending is not None:
                        pending.cancel()
                    batch_size = halved_after_out_of_memory(error, batch_size)
                    max_tokens = max(1, max_tokens // 2) if max_tokens else None
                remaining = remaining[done:]
        return results, batch_size
