"""What became of a test's items: the count of each outcome, and the denominator.

Every item has one outcome (``harness.core.OUTCOMES``). The rule for denominators is
made here, once, for every metric: an item the model could not be asked
(``infra_error``) is in no metric; every other outcome is an answer the model gave and
stays in the denominator of each metric that reads it (a generation cut at its token
limit, an unparseable, empty or abstaining answer is scored as what it is, usually
wrong, never dropped). A metric's ``n`` is therefore at most ``denominator.counted``;
it is less where a metric reads a subset (``has_ans_*`` reads answerable questions).

A run *did not measure* a test when no item of it was counted, or when the share of
its items that were infrastructure errors exceeds a threshold
(``harness run --max-infra-error-share``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from harness.core import OUTCOMES

#: Outcomes that are in no metric's denominator.
LEFT_OUT = ("infra_error",)

#: Default of ``--max-infra-error-share``: above it, a test did not measure the model.
DEFAULT_MAX_INFRA_ERROR_SHARE = 0.05


class OutcomeTally:
    """Counts of each outcome, added to as items are scored (streamed tests included)."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(OUTCOMES, 0)

    def add(self, items: Iterable[Any]) -> None:
        for item in items:
            self.counts[item.outcome] += 1

    def add_outcomes(self, outcomes: Iterable[str]) -> None:
        for outcome in outcomes:
            self.counts[outcome] += 1


def count_outcomes(items: Iterable[Any]) -> dict[str, int]:
    """``{outcome: count}`` for every outcome in ``OUTCOMES`` (zeros included).

    >>> from harness.core import Prediction
    >>> class Item:
    ...     def __init__(self, outcome): self.outcome = outcome
    >>> count_outcomes([Item("scored"), Item("empty"), Item("scored")])["scored"]
    2
    """
    tally = OutcomeTally()
    tally.add(items)
    return tally.counts


def denominator(counts: Mapping[str, int]) -> dict[str, Any]:
    """How many items there are, how many every metric may count, and which are left out.

    >>> denominator({"scored": 8, "infra_error": 2, "empty": 1})
    {'items': 11, 'counted': 9, 'left_out': {'infra_error': 2}}
    """
    items = sum(int(value) for value in counts.values())
    left_out = {name: int(counts.get(name, 0)) for name in LEFT_OUT}
    return {"items": items, "counted": items - sum(left_out.values()), "left_out": left_out}


def not_measured_reason(
    counts: Mapping[str, int], max_infra_error_share: float = DEFAULT_MAX_INFRA_ERROR_SHARE
) -> str | None:
    """Why a test with these outcome counts did not measure the model, or None.

    >>> not_measured_reason({"scored": 0, "infra_error": 12})
    '0 of 12 items answered (12 infra_error)'
    >>> not_measured_reason({"scored": 90, "infra_error": 10})
    '90 of 100 items answered (10 infra_error: 10% > 5%)'
    >>> not_measured_reason({"scored": 99, "infra_error": 1}) is None
    True
    """
    total = denominator(counts)
    items, counted = total["items"], total["counted"]
    if items == 0:
        return None  # a test without items (skipped) says why elsewhere
    errors = int(counts.get("infra_error", 0))
    if counted == 0:
        return f"0 of {items} items answered ({errors} infra_error)"
    share = errors / items
    if share > max_infra_error_share:
        return (
            f"{counted} of {items} items answered ({errors} infra_error: "
            f"{share:.0%} > {max_infra_error_share:.0%})"
        )
    return None


def outcome_summary(counts: Mapping[str, int]) -> str:
    """``"98 of 100 answered; 2 infra_error"``: the counted items and every other outcome.

    >>> outcome_summary({"scored": 7, "infra_error": 2, "empty": 1, "abstained": 0})
    '8 of 10 answered; 2 infra_error, 1 empty'
    """
    total = denominator(counts)
    others = [
        f"{int(counts[name])} {name}"
        for name in OUTCOMES
        if name != "scored" and int(counts.get(name, 0))
    ]
    head = f"{total['counted']} of {total['items']} answered"
    return head + ("; " + ", ".join(others) if others else "")
