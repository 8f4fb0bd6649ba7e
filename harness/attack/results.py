"""Attack outcomes -> counts and metrics, with TextAttack's conventions (pure functions).

Of N attacked examples, *skipped* ones were misclassified before the attack,
*failed* ones kept their (correct) prediction, *succeeded* ones were flipped; the three
headline proportions (original accuracy, accuracy under attack, attack success rate)
are the gateable metrics of ``harness.metrics.attack``.

Examples a whole-test time budget left unattacked are counted apart (``not_attacked``)
and are not part of N; nor are examples whose attack a failing model server cut short
(``infra_error``: counted, in no metric). Words perturbed are averaged over successful attacks, queries
over attacked, not skipped, examples (TextAttack's ``AttackSummary``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from harness.metrics.attack import (
    FAILED,
    INFRA_ERROR,
    SKIPPED,
    STATUSES,
    SUCCEEDED,
    attack_proportions,
)
from harness.metrics.base import MetricValue
from harness.metrics.intervals import bootstrap_interval, bootstrap_label
from harness.seeding import seed_label

__all__ = [
    "AttackRecord",
    "attack_metrics",
    "count_statuses",
    "metrics_json",
]


@dataclass(frozen=True)
class AttackRecord:
    """What the attack did to one example."""

    example_id: str
    status: str
    words_perturbed: int = 0
    words_total: int = 0
    queries: int = 0
    original_fields: Mapping[str, str] = field(default_factory=dict)
    perturbed_fields: Mapping[str, str] | None = None
    #: Why the model could not be asked (status ``infra_error``).
    infra_error: str | None = None


def count_statuses(records: Sequence[AttackRecord]) -> dict[str, int]:
    """Examples per status; ``infra_error`` only when some example has it."""
    counts = {status: 0 for status in STATUSES}
    for record in records:
        counts[record.status] += 1
    if not counts[INFRA_ERROR]:
        del counts[INFRA_ERROR]
    return counts


def _mean(values: Sequence[float], resamples: int, seed: str) -> MetricValue:
    array = np.asarray(values, dtype=float)
    if not len(array):
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    interval = bootstrap_interval(np.mean, [array], resamples=resamples, seed=seed)
    method = bootstrap_label(interval, "bootstrap-percentile")
    return MetricValue(float(array.mean()), *interval, len(array), method)


def attack_metrics(
    records: Sequence[AttackRecord], *, resamples: int = 2000, seed: str = "attack"
) -> dict[str, MetricValue]:
    """Headline attack metrics, each with its n and a 95% CI.

    >>> records = [AttackRecord("a", "succeeded", 1, 4, 10), AttackRecord("b", "failed", 0, 5, 20),
    ...            AttackRecord("c", "skipped")]
    >>> metrics = attack_metrics(records, resamples=100)
    >>> round(metrics["original_accuracy"].value, 3), metrics["attack_success_rate"].value
    (0.667, 0.5)
    """
    counts = count_statuses(records)
    successful = [r for r in records if r.status == SUCCEEDED]
    attacked = [r for r in records if r.status in (SUCCEEDED, FAILED)]
    return {
        # The gateable three (harness.metrics.attack), from the same counts.
        **attack_proportions(counts[SUCCEEDED], counts[FAILED], counts[SKIPPED]),
        "average_words_perturbed_percent": _mean(
            [100.0 * r.words_perturbed / max(r.words_total, 1) for r in successful],
            resamples,
            seed_label(seed, "words_percent"),
        ),
        "average_words_perturbed": _mean(
            [float(r.words_perturbed) for r in successful], resamples, seed_label(seed, "words")
        ),
        "average_queries": _mean(
            [float(r.queries) for r in attacked], resamples, seed_label(seed, "queries")
        ),
    }


def metrics_json(metrics: Mapping[str, MetricValue]) -> dict[str, Any]:
    return {name: metric.to_json() for name, metric in metrics.items()}
