"""Findings: what a run says about the model, in plain words, ranked by size and evidence.

Each test kind and analysis contributes *candidates* through a ``FindingSource``
(registry ``FINDING_SOURCES``, keyed by test kind or analysis name). A candidate is one
comparison stated in plain words, with the counts behind it:

* ``ProportionGap``: two independent proportions (a slice against the rest of its
  test, a diagnostic slice against an in-distribution reference); the effect is
  ``a − b`` with Newcombe's hybrid score interval; the null is a gap of zero;
* ``Rate``: one proportion against a tolerance (a flip rate against the gate's 2 pp
  tolerance); the effect is the rate with its Wilson interval.

The core then corrects for multiplicity across *all* candidates of the run: every
interval is computed at confidence ``1 − alpha / m`` (Bonferroni, simultaneous, valid
under any dependence between overlapping slices; eval-methods §2.3) with the gate's
family-wise ``alpha = 0.05``. A candidate whose corrected interval excludes its null is
a *finding*; one whose estimate is at least ``MATERIAL`` away from the null but whose
corrected interval does not exclude it is *underpowered* (listed as such, never as a
finding); the rest, and every gap in the harmless direction (a slice doing better than
the rest of its test), are dropped. Findings are ranked by the smallest effect the
corrected interval still supports (the bound nearest the null), so a large effect
measured on few items ranks below a slightly smaller one measured on many.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, Literal, Protocol

from harness.metrics.intervals import newcombe_interval, wilson_interval
from harness.metrics.matched import Stratum, matched_interval, matched_reference

#: Family-wise error rate across all candidates of a run (the gate uses the same).
ALPHA = 0.05
#: The smallest distance from the null worth calling underpowered rather than nothing.
MATERIAL = 0.05
#: The tolerance a rate must exceed (eval-methods §2.7: 0.02 for flip rates).
RATE_TOLERANCE = 0.02


@dataclass(frozen=True)
class ProportionGap:
    """``successes_a / n_a`` against ``successes_b / n_b`` (independent groups)."""

    successes_a: int
    n_a: int
    successes_b: int
    n_b: int
    label_b: str  # what group b is, in words: "the rest of hans"
    # Which direction is a failure: a lower accuracy, a higher flip rate. A slice
    # doing *better* than the rest is not where the model breaks, so it is no finding.
    worse: Literal["lower", "higher"] = "lower"
    # How the interval is found, in words (a source that uses counts where its kind's
    # bootstrap could not be estimated says what the counts assume).
    method: str = "newcombe"

    @property
    def estimate(self) -> float:
        return self.successes_a / self.n_a - self.successes_b / self.n_b

    @property
    def null(self) -> float:
        return 0.0

    def interval(self, confidence: float) -> tuple[float, float]:
        return newcombe_interval(self.successes_a, self.n_a, self.successes_b, self.n_b, confidence)


@dataclass(frozen=True)
class MatchedGap:
    """A slice's accuracy against a reference restricted to the slice's gold labels.

    One stratum per gold label (``harness.metrics.matched``): the reference is
    re-weighted to the slice's own gold mix, so a slice of entailed items is compared
    with the reference's entailed items, never with a pool leaning another way.
    """

    strata: tuple[Stratum, ...]
    label_b: str  # the reference, in words: "the rest of hans with the same gold labels"
    worse: Literal["lower", "higher"] = "lower"

    @property
    def n_a(self) -> int:
        return sum(s.n for s in self.strata)

    @property
    def n_b(self) -> int:
        return sum(s.reference_n for s in self.strata)

    @property
    def reference(self) -> float:
        return matched_reference(self.strata)

    @property
    def method(self) -> str:
        return "mover (gold-matched strata; newcombe for one)"

    @property
    def estimate(self) -> float:
        return sum(s.correct for s in self.strata) / self.n_a - self.reference

    @property
    def null(self) -> float:
        return 0.0

    def interval(self, confidence: float) -> tuple[float, float]:
        return matched_interval(self.strata, confidence)


@dataclass(frozen=True)
class Rate:
    """``successes / n`` against ``tolerance``: a rate that should stay near zero
    (``worse="higher"``), or an accuracy that should not fall below chance
    (``worse="lower"``, ``tolerance`` the accuracy of a model answering at random)."""

    successes: int
    n: int
    tolerance: float = RATE_TOLERANCE
    worse: Literal["lower", "higher"] = "higher"
    # What the null is, in words: "tolerance" (a rate that should stay near zero),
    # "chance" (what a model answering at random gets), "majority label".
    null_label: str = "tolerance"
    method: str = "wilson"

    @property
    def estimate(self) -> float:
        return self.successes / self.n

    @property
    def null(self) -> float:
        return self.tolerance

    def interval(self, confidence: float) -> tuple[float, float]:
        return wilson_interval(self.successes, self.n, confidence)


@dataclass(frozen=True)
class Estimate:
    """A signed difference the test already estimated with its own 95% CI, against 0.

    For effects that are not two independent proportions: a paired drop on the same
    questions, a bias score, a gap between conditions of the same items, bootstrapped by
    the test kind (clustered where the items are). The corrected interval stretches each
    side of the reported one by ``z(corrected) / z(reported)`` (a normal approximation,
    keeping the reported interval's skew). Only for *signed* estimates: the bootstrap
    interval of an absolute value stays above zero even when there is no effect.
    """

    value: float
    reported_low: float
    reported_high: float
    n: int
    label: str  # what the estimate is a difference from, in words: "the original questions"
    worse: Literal["lower", "higher"] = "higher"
    reported_confidence: float = 0.95
    reported_method: str = "bootstrap"  # the method of the reported interval

    @property
    def method(self) -> str:
        return f"{self.reported_method}, widened to the corrected confidence (normal scale)"

    @property
    def estimate(self) -> float:
        return self.value

    @property
    def null(self) -> float:
        return 0.0

    def interval(self, confidence: float) -> tuple[float, float]:
        normal = NormalDist()
        stretch = normal.inv_cdf(0.5 + confidence / 2) / normal.inv_cdf(
            0.5 + self.reported_confidence / 2
        )
        return (
            self.value - (self.value - self.reported_low) * stretch,
            self.value + (self.reported_high - self.value) * stretch,
        )


@dataclass(frozen=True)
class Balance:
    """``(a − b) / n``: of ``n`` answers, ``a`` one way, ``b`` the other, the rest neither
    (BBQ's ambiguous bias score: stereotyped minus anti-stereotyped answers over the
    ambiguous items, ``unknown`` the rest), against 0.

    The interval is the sign test's: given the ``m = a + b`` answers that took a side,
    ``a`` is binomial with share ``q``, and ``(a − b)/n = (m/n)(2q − 1)``; it is Wilson's
    interval of ``q`` mapped through that line. It holds the estimate (Wilson's holds
    ``a/m``) and excludes 0 exactly when Wilson's excludes 1/2. It is conditional on
    ``m`` (the share of side-taking answers is taken as observed) and treats the answers
    as independent.
    """

    a: int
    b: int
    n: int
    label: str  # what 0 means, in words: "as many answers each way"
    worse: Literal["lower", "higher"] = "higher"
    method: str = "wilson on the side-taking answers' share, scaled (sign test)"

    @property
    def estimate(self) -> float:
        return (self.a - self.b) / self.n

    @property
    def null(self) -> float:
        return 0.0

    def interval(self, confidence: float) -> tuple[float, float]:
        sided = self.a + self.b
        low, high = wilson_interval(self.a, sided, confidence)
        return (sided / self.n * (2 * low - 1), sided / self.n * (2 * high - 1))


Effect = ProportionGap | MatchedGap | Rate | Estimate | Balance


@dataclass(frozen=True)
class Candidate:
    """One comparison a source proposes; the core decides whether it is a finding.

    ``key`` is stable across runs of the same suite (compare and the gate match
    findings by it). ``statement`` is plain words without numbers; the core appends
    the effect with its corrected CI and n. ``evidence`` says where the report shows
    the numbers: ``{"test": name}``, ``{"test": name, "slice": [field, value]}`` or
    ``{"analysis": name}``.
    """

    key: str
    statement: str
    metric: str
    effect: Effect
    evidence: Mapping[str, Any]
    # The measured value of the headline quantity (a slice's accuracy), with its
    # 95% CI as the test reported it, shown next to the statement.
    value: float | None = None
    value_ci: tuple[float | None, float | None] = (None, None)
    n: int = 0
    # How many comparisons this candidate was picked from (the worst of k prompt variants
    # against the best stands for k(k-1)/2 pairs): it counts that many in the correction.
    family: int = 1


@dataclass(frozen=True)
class Finding:
    """A candidate with its corrected interval and verdict."""

    candidate: Candidate
    status: Literal["finding", "underpowered"]
    estimate: float
    ci_low: float
    ci_high: float
    confidence: float
    rank: int = 0

    @property
    def support(self) -> float:
        """The smallest distance from the null that the corrected CI still supports."""
        null = self.candidate.effect.null
        return max(self.ci_low - null, null - self.ci_high, 0.0)

    def to_json(self) -> dict[str, Any]:
        candidate = self.candidate
        effect = candidate.effect
        comparison = None
        if isinstance(effect, ProportionGap):
            comparison = {
                "label": effect.label_b,
                "value": effect.successes_b / effect.n_b,
                "n": effect.n_b,
            }
        elif isinstance(effect, MatchedGap):
            comparison = {
                "label": effect.label_b,
                "value": effect.reference,
                "n": effect.n_b,
                "matched_on": "gold label",
            }
        elif isinstance(effect, Estimate | Balance):
            comparison = {"label": effect.label, "value": None, "n": effect.n}
        return {
            "key": candidate.key,
            "status": self.status,
            "rank": self.rank,
            "statement": candidate.statement,
            "metric": candidate.metric,
            "value": candidate.value,
            "value_ci_low": candidate.value_ci[0],
            "value_ci_high": candidate.value_ci[1],
            "n": candidate.n,
            "effect_kind": (
                "gap"
                if isinstance(effect, ProportionGap | MatchedGap)
                else "estimate"
                if isinstance(effect, Estimate | Balance)
                else "rate"
            ),
            "estimate": self.estimate,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            # How the corrected interval was found: the method that produced its numbers.
            "method": effect.method,
            "null": effect.null,
            "null_label": effect.null_label if isinstance(effect, Rate) else None,
            "confidence": self.confidence,
            "comparison": comparison,
            "evidence": dict(candidate.evidence),
        }


class FindingSource(Protocol):
    """Proposes candidates from one test (by kind) or one analysis (by name) of results.json.

    ``record`` is the test's entry of ``results.json["tests"]`` or the analysis's
    ``results.json["analyses"][name]``; ``results`` is the whole file, for references.
    A source reads numbers; it never recomputes an analysis.
    """

    def candidates(
        self, name: str, record: Mapping[str, Any], results: Mapping[str, Any]
    ) -> Iterable[Candidate]: ...


def _usable(candidate: Candidate) -> bool:
    """Whether the candidate's effect can be estimated at all.

    An estimate whose reported interval has no width (a bootstrap over one cluster, a
    resample that cannot vary) is *not estimable*: its uncertainty is unknown, not zero,
    so it never becomes a finding.
    """
    effect = candidate.effect
    if isinstance(effect, ProportionGap):
        return effect.n_a > 0 and effect.n_b > 0
    if isinstance(effect, MatchedGap):
        return bool(effect.strata) and all(s.n > 0 and s.reference_n > 0 for s in effect.strata)
    if isinstance(effect, Estimate):
        bounds = (effect.value, effect.reported_low, effect.reported_high)
        if not (effect.n > 0 and all(math.isfinite(b) for b in bounds)):
            return False
        return effect.reported_low < effect.reported_high
    if isinstance(effect, Balance):
        return effect.n > 0 and effect.a + effect.b > 0
    return effect.n > 0


def decide(candidates: Sequence[Candidate], alpha: float = ALPHA) -> list[Finding]:
    """Findings and underpowered comparisons, ranked; everything else is dropped.

    All usable candidates share the correction: each interval is computed at confidence
    ``1 − alpha / m``, where ``m`` counts every candidate's ``family`` of comparisons.
    """
    usable = [c for c in candidates if _usable(c)]
    if not usable:
        return []
    confidence = 1.0 - alpha / sum(max(c.family, 1) for c in usable)
    decided: list[Finding] = []
    for candidate in usable:
        effect = candidate.effect
        low, high = effect.interval(confidence)
        estimate = effect.estimate
        if effect.worse == "lower":
            significant = high < effect.null
            material = effect.null - estimate >= MATERIAL
        else:
            significant = low > effect.null
            material = estimate - effect.null >= MATERIAL
        if significant:
            status: Literal["finding", "underpowered"] = "finding"
        elif material:
            status = "underpowered"
        else:
            continue
        decided.append(Finding(candidate, status, estimate, low, high, confidence))
    findings = sorted(
        (f for f in decided if f.status == "finding"),
        key=lambda f: (-f.support, -abs(f.estimate), f.candidate.key),
    )
    underpowered = sorted(
        (f for f in decided if f.status == "underpowered"),
        key=lambda f: (-abs(f.estimate - f.candidate.effect.null), f.candidate.key),
    )
    return [
        Finding(f.candidate, f.status, f.estimate, f.ci_low, f.ci_high, f.confidence, rank)
        for rank, f in enumerate(findings + underpowered, start=1)
    ]
