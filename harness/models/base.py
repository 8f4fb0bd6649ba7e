"""The model-adapter contract.

A model adapter declares what it can do by the methods it has; a test asks for
what it needs. Today the evaluator needs ``classify``; ``loglikelihood``,
``generate`` and ``extract_span`` are the contracts for prompted LMs and QA models.

Adapters are built by a factory registered in ``harness.registry.MODELS``::

    factory(spec: ModelSpec, context: ModelContext) -> adapter

Constructors store what they are given and load lazily where they can.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from harness.core import Example
from harness.errors import ModelError


@dataclass(frozen=True)
class ModelSpec:
    """Which adapter to build and with what: ``kind`` is a registry name.

    >>> ModelSpec.parse("hf-classifier:roberta-large-mnli")
    ModelSpec(kind='hf-classifier', target='roberta-large-mnli', options={})
    >>> ModelSpec.parse("reference").kind
    'reference'
    """

    kind: str
    target: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, options: Mapping[str, Any] | None = None) -> ModelSpec:
        kind, _, target = text.partition(":")
        if not kind:
            raise ModelError(f"model spec '{text}' has no kind; expected KIND[:TARGET]")
        return cls(kind=kind, target=target, options=dict(options or {}))

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}" if self.target else self.kind


@dataclass(frozen=True)
class ModelContext:
    """What an adapter may need to know about the suite it runs in."""

    task: str
    labels: tuple[str, ...]
    input_fields: tuple[str, ...]
    seed: int = 0
    # Where adapters may cache what they build (the reference model's fitted head).
    cache_dir: Path = Path(".harness-cache")
    # Explicit opt-ins for loads that can execute code.
    allow_pickle: bool = False
    trust_remote_code: bool = False


@runtime_checkable
class ClassifierModel(Protocol):
    """Gives, for each example, a probability for each of the model's own labels."""

    #: The model's own label names, in the column order of ``classify``'s output.
    labels: Sequence[str]
    #: False when predictions are already precomputed (nothing to gain by caching).
    cacheable: bool
    #: The batch size the runner should send (adapters may lower it on out-of-memory).
    batch_size: int
    #: How many inputs were truncated to the model's maximum length so far.
    truncated_count: int

    def fingerprint(self) -> str:
        """A hash that changes whenever the model's predictions could change."""
        ...

    def describe(self) -> Mapping[str, Any]:
        """Name, kind, spec and facts for results.json (``is_reference``, device, ...)."""
        ...

    def classify(self, examples: Sequence[Example]) -> np.ndarray:
        """Probabilities, shape (len(examples), len(labels)); rows sum to 1."""
        ...


@runtime_checkable
class LoglikelihoodModel(Protocol):
    """A causal LM scoring continuations: ``[(context, continuation)] -> log-probs``."""

    def loglikelihood(self, requests: Sequence[tuple[str, str]]) -> list[float]: ...


@runtime_checkable
class GenerativeModel(Protocol):
    """A causal LM completing prompts greedily."""

    def generate(self, prompts: Sequence[str], max_new_tokens: int) -> list[str]: ...


@runtime_checkable
class SpanExtractionModel(Protocol):
    """An extractive QA model: the answer span in each example's context."""

    def extract_span(self, examples: Sequence[Example]) -> list[tuple[int, int, str]]: ...


def load_model(spec: ModelSpec, context: ModelContext) -> ClassifierModel:
    """Build the adapter that ``spec.kind`` names (see ``harness list``)."""
    from harness.registry import MODELS

    factory = MODELS.get(spec.kind)
    return factory(spec, context)
