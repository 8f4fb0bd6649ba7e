"""A task (NLI that writes a per-item ``confident_error`` score) and the metric over it.

The metric is the mean of a per-item score, declared with ``item_score``: it streams
over a run's columns and the gate pairs it item by item.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from harness.core import Example, ItemResult, Prediction
from harness.metrics.base import LOWER
from harness.metrics.scores import score_mean_metric
from harness.tasks.classification import NLITask

#: A wrong answer given with at least this confidence is a confident error.
THRESHOLD = 0.6


class ConfidenceNLITask(NLITask):
    """NLI whose items also carry ``confident_error``: 1 for a wrong answer with confidence
    at least ``THRESHOLD``, else 0 (items without probabilities carry none)."""

    name: ClassVar[str] = "example_nli"
    description: ClassVar[str] = "NLI, each item also scored for a confident error"
    default_metrics: ClassVar[tuple[str, ...]] = ("accuracy", "example_confident_error_rate")

    def score(
        self,
        test: str,
        examples: Sequence[Example],
        predictions: Sequence[Prediction],
        label_mapping: Mapping[str, str] | None = None,
        collapse: str = "argmax",
    ) -> tuple[tuple[str, ...], list[ItemResult]]:
        labels, items = super().score(test, examples, predictions, label_mapping, collapse)
        return labels, [_with_confident_error(item) for item in items]


def _with_confident_error(item: ItemResult) -> ItemResult:
    if item.correct is None or item.confidence is None:
        return item
    confident_error = float(not item.correct and item.confidence >= THRESHOLD)
    return replace(item, scores={**item.scores, "confident_error": confident_error})


CONFIDENT_ERROR_RATE: Any = score_mean_metric(
    "example_confident_error_rate",
    "confident_error",
    f"share of items wrong with confidence >= {THRESHOLD}, bootstrap 95% CI (lower is better)",
    direction=LOWER,
    per_slice=True,
)
