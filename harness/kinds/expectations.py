"""CheckList expectations as small pure functions: does a variant meet its test's check?

A check returns True (pass), False (fail) or None (filtered: nothing to check, e.g. no
probabilities for a monotonic check). A case (an original with its variants) passes only
when every decided check passes (``case_outcome``); ``failure_rate`` is CheckList's
fails / (cases − filtered). The perturbation kind records each variant's check on it
(score ``passed``); the robustness metrics (harness.metrics.robustness) read that.

>>> failure_rate([True, False, None, True])
(0.3333333333333333, 1, 3, 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

__all__ = ["case_outcome", "failure_rate", "invariance_check", "label_check", "monotonic_check"]


def label_check(variant_prediction: str | None, expected: str) -> bool:
    """MFT/DIR-to-label: the variant must be predicted as ``expected``."""
    return variant_prediction == expected


def invariance_check(
    original_prediction: str | None,
    original_scores: Mapping[str, float] | None,
    variant_prediction: str | None,
    variant_scores: Mapping[str, float] | None,
    tolerance: float = 0.0,
) -> bool:
    """INV: the prediction must not change.

    With ``tolerance`` > 0 a changed prediction still passes when the probability of the
    original's predicted label moved by at most ``tolerance`` (a near-tie flipping over).
    """
    if variant_prediction == original_prediction:
        return True
    if tolerance <= 0 or original_scores is None or variant_scores is None:
        return False
    label = original_prediction or ""
    moved = abs(variant_scores.get(label, 0.0) - original_scores.get(label, 0.0))
    return moved <= tolerance + 1e-12


def monotonic_check(
    original_scores: Mapping[str, float] | None,
    variant_scores: Mapping[str, float] | None,
    label: str,
    direction: Literal["increasing", "decreasing"],
    tolerance: float = 0.0,
) -> bool | None:
    """DIR monotonic: ``label``'s probability must not move the wrong way by more than ``tolerance``.

    None (filtered) when the model gave no probabilities.
    """
    if original_scores is None or variant_scores is None:
        return None
    change = variant_scores.get(label, 0.0) - original_scores.get(label, 0.0)
    if direction == "increasing":
        return change >= -tolerance - 1e-12
    return change <= tolerance + 1e-12


def case_outcome(checks: Sequence[bool | None]) -> bool | None:
    """A case passes only if all its checks pass; None (filtered) when every check is None."""
    decided = [check for check in checks if check is not None]
    if not decided:
        return None
    return all(decided)


def failure_rate(outcomes: Sequence[bool | None]) -> tuple[float, int, int, int]:
    """``(fails / (cases − filtered), fails, cases − filtered, filtered)`` (CheckList)."""
    filtered = sum(outcome is None for outcome in outcomes)
    considered = len(outcomes) - filtered
    fails = sum(outcome is False for outcome in outcomes)
    rate = fails / considered if considered else float("nan")
    return rate, fails, considered, filtered
