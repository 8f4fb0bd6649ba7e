"""``python:`` models that answer badly, each in one way; used by the fuzz cases.

harness run suite.yaml --model python:bad_models:nan_probabilities
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

LABELS = ("entailment", "neutral", "contradiction")
Batch = Sequence[Mapping[str, str]]


def _each(batch: Batch, answer: Any) -> list[Any]:
    return [answer for _ in batch]


def nan_probabilities(batch: Batch) -> list[Any]:
    return _each(batch, dict.fromkeys(LABELS, float("nan")))


def infinite_probabilities(batch: Batch) -> list[Any]:
    return _each(batch, {"entailment": float("inf"), "neutral": 0.0, "contradiction": 0.0})


def negative_probabilities(batch: Batch) -> list[Any]:
    return _each(batch, {"entailment": 1.5, "neutral": -0.5, "contradiction": 0.0})


def unnormalised_probabilities(batch: Batch) -> list[Any]:
    return _each(batch, {"entailment": 0.9, "neutral": 0.9, "contradiction": 0.9})


def too_few_answers(batch: Batch) -> list[Any]:
    return _each(batch, "entailment")[:-1]


def too_many_answers(batch: Batch) -> list[Any]:
    return [*_each(batch, "entailment"), "neutral"]


def unknown_label(batch: Batch) -> list[Any]:
    return _each(batch, "maybe")


def none_answers(batch: Batch) -> list[Any]:
    return _each(batch, None)


def string_numbers(batch: Batch) -> list[Any]:
    return _each(batch, {"entailment": "0.5", "neutral": "0.25", "contradiction": "0.25"})


def raises(batch: Batch) -> list[Any]:
    raise RuntimeError("the model server is down")


def not_a_list(batch: Batch) -> Any:
    return 42
