"""The seam between the classification task and what scores labels.

A ``LabelScorer`` turns examples into probabilities over a model's labels: a
classifier through ``Classify`` requests (``DirectLabelScorer`` in
harness/tasks/classification.py), a language model through a prompt and verbalizers
(``harness.tasks.prompting.scorer``). Both sides import this module and not each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from harness.core import Example
from harness.tasks.base import Runner


@dataclass(frozen=True)
class LabelScores:
    """A row of label probabilities with what produced it (a prompted model's details)."""

    probabilities: Sequence[float]
    # JSON-ready: verbalizer log-likelihoods, each variant's label, calibrated probabilities.
    raw: Mapping[str, Any] = field(default_factory=dict)
    # What the model was asked (the exact prompt), for items.jsonl and the report.
    request: Mapping[str, Any] | None = None


class LabelScorer(Protocol):
    """Turns examples into probabilities over the model's labels (one row per example)."""

    request_kinds: tuple[str, ...]

    def model_labels(self, model: Any) -> Sequence[str]: ...

    def probabilities(
        self, examples: Sequence[Example], runner: Runner, description: str
    ) -> Sequence[Sequence[float] | LabelScores]: ...
