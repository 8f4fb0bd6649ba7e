"""Like-with-like gaps: a slice's accuracy against a reference with the slice's gold labels.

Accuracy depends on the mix of gold labels a set of items has: a uniform three-way
model collapsed to entailment / non-entailment is right 1/3 of the time on entailed
items and 2/3 on the others (eval-methods §6.1). A slice of one gold label compared
with a reference pooled over labels measures that mix, not the model. So a slice is
compared with the reference *restricted to the same gold label*, and a slice of
several labels with the reference re-weighted to the slice's own mix (direct
standardisation):

    gap = Σ_g w_g · (p_slice,g − p_ref,g),   w_g = n_slice,g / n_slice

which is the slice's accuracy minus ``Σ_g w_g · p_ref,g`` (the gold-matched
reference). Where the reference has no item of one of the slice's gold labels the
comparison cannot be made, and is not (``matched_reference`` returns ``None``).

The interval is the MOVER construction (Zou & Donner 2008) from each proportion's
Wilson interval; for one stratum it is exactly Newcombe's hybrid score interval, the
one the rest of the project uses for two proportions. The one-sided test is Fisher's
exact test for one stratum and the Mantel–Haenszel test (normal, continuity-corrected)
for several.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import NormalDist

from harness.metrics.intervals import CONFIDENCE, wilson_interval

__all__ = [
    "Stratum",
    "matched_interval",
    "matched_one_sided_p",
    "matched_reference",
    "strata",
]


@dataclass(frozen=True)
class Stratum:
    """One gold label: the slice's and the reference's correct answers and items."""

    gold: str
    correct: int
    n: int
    reference_correct: int
    reference_n: int


def strata(
    slice_counts: Mapping[str, Sequence[int]], reference_counts: Mapping[str, Sequence[int]]
) -> list[Stratum] | None:
    """The strata of a slice (gold → (correct, n)) against a reference (gold → (correct, n)).

    ``None`` when the slice is empty or the reference lacks one of the slice's gold labels:
    no like-with-like comparison exists.

    >>> strata({"entailment": (7, 20)}, {"entailment": (52, 100), "neutral": (80, 100)})
    [Stratum(gold='entailment', correct=7, n=20, reference_correct=52, reference_n=100)]
    >>> strata({"entailment": (7, 20)}, {"neutral": (80, 100)}) is None
    True
    """
    found = []
    for gold, (correct, n) in sorted(slice_counts.items()):
        if n <= 0:
            continue
        reference_correct, reference_n = reference_counts.get(gold, (0, 0))
        if reference_n <= 0:
            return None
        found.append(Stratum(gold, int(correct), int(n), int(reference_correct), int(reference_n)))
    return found or None


def _total(parts: Sequence[Stratum]) -> int:
    return sum(s.n for s in parts)


def matched_reference(parts: Sequence[Stratum]) -> float:
    """The reference's accuracy re-weighted to the slice's gold mix."""
    total = _total(parts)
    return sum(s.n / total * s.reference_correct / s.reference_n for s in parts)


def matched_interval(
    parts: Sequence[Stratum], confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """MOVER interval of ``slice accuracy − gold-matched reference``.

    >>> from harness.metrics.intervals import newcombe_interval
    >>> one = [Stratum("entailment", 56, 70, 48, 80)]
    >>> [round(x, 6) for x in matched_interval(one)] == [
    ...     round(x, 6) for x in newcombe_interval(56, 70, 48, 80)]
    True
    """
    total = _total(parts)
    estimate = 0.0
    below = above = 0.0
    for s in parts:
        weight = s.n / total
        p, q = s.correct / s.n, s.reference_correct / s.reference_n
        low_p, high_p = wilson_interval(s.correct, s.n, confidence)
        low_q, high_q = wilson_interval(s.reference_correct, s.reference_n, confidence)
        estimate += weight * (p - q)
        below += (weight * (p - low_p)) ** 2 + (weight * (high_q - q)) ** 2
        above += (weight * (high_p - p)) ** 2 + (weight * (q - low_q)) ** 2
    return estimate - math.sqrt(below), estimate + math.sqrt(above)


#: Above this many items in all, Fisher's test is scipy's (floating point); up to it, exact.
EXACT_FISHER_MAX_N = 20_000


def fisher_less(correct: int, n: int, reference_correct: int, reference_n: int) -> float:
    """One-sided Fisher's exact test that the first group's success rate is lower:
    ``P(X <= correct)`` for X hypergeometric (``n`` drawn from ``n + reference_n`` items of
    which ``correct + reference_correct`` are successes).

    Summed in exact integers and rounded once, so it is the correctly rounded p-value
    (scipy's ``fisher_exact(..., alternative="less")`` agrees to about 1e-15, tested) and
    needs no scipy.stats import, which costs a warm re-run about half a second. Large
    tables, where the integers would grow long, go to scipy.

    >>> fisher_less(1, 5, 4, 5)  # 26 of the 252 ways to draw 5 of 10 with 5 successes
    0.10317460317460317
    """
    total, successes = n + reference_n, correct + reference_correct
    if total > EXACT_FISHER_MAX_N:
        from scipy.stats import fisher_exact

        table = [[correct, n - correct], [reference_correct, reference_n - reference_correct]]
        return float(fisher_exact(table, alternative="less").pvalue)
    lowest = max(0, successes - reference_n)
    # term(k) = C(successes, k) C(total - successes, n - k): ways to draw k successes.
    term = math.comb(successes, correct) * math.comb(total - successes, n - correct)
    tail = 0
    for k in range(correct, lowest - 1, -1):
        tail += term
        if k > lowest:  # term(k - 1) from term(k), exactly
            term = term * k * (total - successes - n + k)
            term //= (successes - k + 1) * (n - k + 1)
    return float(Fraction(tail, math.comb(total, n)))


def matched_one_sided_p(parts: Sequence[Stratum]) -> float:
    """p-value for "the slice is less accurate than the reference, label by label".

    One stratum: Fisher's exact test. Several: the Mantel–Haenszel test with continuity
    correction, the stratified test of a common difference.
    """
    if len(parts) == 1:
        s = parts[0]
        return fisher_less(s.correct, s.n, s.reference_correct, s.reference_n)
    observed = expected = variance = 0.0
    for s in parts:
        total = s.n + s.reference_n
        right = s.correct + s.reference_correct
        observed += s.correct
        expected += s.n * right / total
        if total > 1:
            variance += s.n * s.reference_n * right * (total - right) / (total**2 * (total - 1))
    if variance <= 0:
        return 1.0
    z = (observed - expected + 0.5) / math.sqrt(variance)
    return NormalDist().cdf(z)
