"""Attack metrics (TextAttack's conventions): each one's value and paired form, side by side.

The attack kind tags each attacked original with what the attack did to it
(``attack_result``): *skipped* ones were misclassified before the attack, *failed* ones
kept their (correct) prediction, *succeeded* ones were flipped. Of the N originals with
one of these three:

    original_accuracy     = (succeeded + failed) / N
    accuracy_under_attack = failed / N
    attack_success_rate   = succeeded / (succeeded + failed)

each with a Wilson 95% CI. Originals a time budget left unattacked (``not_attacked``) or
whose attack a failing server cut short (``infra_error``) are in none of them. The gate
pairs the originals both runs attacked (the adversarial examples themselves are
specific to each model and never paired); success rate is a ratio of per-item sums
(succeeded, attacked), the other two are means of 0/1 per-item values (McNemar applies).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from harness.metrics.base import (
    LOWER,
    Metric,
    MetricContext,
    MetricValue,
    PairedColumns,
    PairedInputs,
)
from harness.metrics.columns import ItemColumns
from harness.metrics.intervals import wilson_interval
from harness.metrics.scores import paired_means

SUCCEEDED = "succeeded"
FAILED = "failed"
SKIPPED = "skipped"
NOT_ATTACKED = "not_attacked"
INFRA_ERROR = "infra_error"
STATUSES = (SUCCEEDED, FAILED, SKIPPED, NOT_ATTACKED, INFRA_ERROR)
#: The item tag that says what the attack did to an original.
TAG = "attack_result"

__all__ = [
    "ACCURACY_UNDER_ATTACK",
    "ATTACK_SUCCESS_RATE",
    "FAILED",
    "INFRA_ERROR",
    "NOT_ATTACKED",
    "ORIGINAL_ACCURACY",
    "SKIPPED",
    "STATUSES",
    "SUCCEEDED",
    "TAG",
    "attack_proportions",
    "wilson_proportion",
]


def wilson_proportion(successes: int, n: int) -> MetricValue:
    value = successes / n if n else float("nan")
    low, high = wilson_interval(successes, n)
    return MetricValue(value, low, high, n, "wilson")


def attack_proportions(succeeded: int, failed: int, skipped: int) -> dict[str, MetricValue]:
    """The three headline proportions from the counts of each outcome."""
    n = succeeded + failed + skipped
    return {
        "original_accuracy": wilson_proportion(succeeded + failed, n),
        "accuracy_under_attack": wilson_proportion(failed, n),
        "attack_success_rate": wilson_proportion(succeeded, succeeded + failed),
    }


def _statuses(columns: ItemColumns, rows: np.ndarray | None = None) -> dict[str, np.ndarray] | None:
    """Per item (at ``rows``): is its attack outcome each of the three counted ones."""
    tag = columns.tags.get(TAG)
    if tag is None:
        return None
    codes = tag.codes if rows is None else tag.codes[rows]
    return {
        status: codes == (tag.values.index(status) if status in tag.values else -2)
        for status in (SUCCEEDED, FAILED, SKIPPED)
    }


def _value(name: str) -> Callable[..., MetricValue | None]:
    def value(
        columns: ItemColumns, labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        statuses = _statuses(columns.subset(~columns.infra_error))
        if statuses is None:
            return None
        counts = {status: int(mask.sum()) for status, mask in statuses.items()}
        if not sum(counts.values()):
            return None
        return attack_proportions(counts[SUCCEEDED], counts[FAILED], counts[SKIPPED])[name]

    return value


def _counted(
    pairs: PairedColumns,
) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, np.ndarray]] | None:
    """Pairs whose outcome is counted in both runs, and each run's outcome masks there."""
    base = _statuses(pairs.base, pairs.base_rows)
    candidate = _statuses(pairs.candidate, pairs.candidate_rows)
    if base is None or candidate is None:
        return None
    counted = (base[SUCCEEDED] | base[FAILED] | base[SKIPPED]) & (
        candidate[SUCCEEDED] | candidate[FAILED] | candidate[SKIPPED]
    )
    keep = np.flatnonzero(counted)
    if not len(keep):
        return None
    return (
        keep,
        {status: mask[keep] for status, mask in base.items()},
        {status: mask[keep] for status, mask in candidate.items()},
    )


def _paired_share(*statuses: str) -> Callable[..., PairedInputs | None]:
    """Paired form of the share of counted originals whose outcome is one of ``statuses``."""

    def paired(pairs: PairedColumns, labels: Sequence[str]) -> PairedInputs | None:
        counted = _counted(pairs)
        if counted is None:
            return None
        keep, base, candidate = counted
        base_values = np.any([base[s] for s in statuses], axis=0).astype(np.float64)
        cand_values = np.any([candidate[s] for s in statuses], axis=0).astype(np.float64)
        return paired_means(base_values, cand_values, keep, pairs.tally)

    return paired


def _success_ratio(totals: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return totals[..., 0] / totals[..., 1]


def paired_attack_success_rate(pairs: PairedColumns, labels: Sequence[str]) -> PairedInputs | None:
    """Per pair, (succeeded, attacked) in each run: the success rate is Σ / Σ."""
    counted = _counted(pairs)
    if counted is None:
        return None
    keep, base, candidate = counted

    def rows(masks: dict[str, np.ndarray]) -> np.ndarray:
        attacked = masks[SUCCEEDED] | masks[FAILED]
        return np.column_stack([masks[SUCCEEDED], attacked]).astype(np.float64)

    base_rows, cand_rows = rows(base), rows(candidate)
    if not base_rows[:, 1].any() or not cand_rows[:, 1].any():
        return None
    discordant = float(np.mean(np.any(base_rows != cand_rows, axis=1)))
    return PairedInputs.of_totals(
        base_rows, cand_rows, _success_ratio, discordant=discordant, rows=keep, tally=pairs.tally
    )


ORIGINAL_ACCURACY = Metric(
    "original_accuracy",
    _value("original_accuracy"),
    "attack tests: accuracy on the attacked originals before the attack, Wilson 95% CI",
    paired=_paired_share(SUCCEEDED, FAILED),
    ci_method="wilson",
    needs_tags=(TAG,),
)
ACCURACY_UNDER_ATTACK = Metric(
    "accuracy_under_attack",
    _value("accuracy_under_attack"),
    "attack tests: share of originals still right after the attack, Wilson 95% CI",
    paired=_paired_share(FAILED),
    ci_method="wilson",
    needs_tags=(TAG,),
)
ATTACK_SUCCESS_RATE = Metric(
    "attack_success_rate",
    _value("attack_success_rate"),
    "attack tests: share of attacked (correct) originals the attack flipped, Wilson 95% "
    "CI (lower is better)",
    direction=LOWER,
    paired=paired_attack_success_rate,
    ci_method="wilson",
    tolerance=0.02,
    needs_tags=(TAG,),
)
