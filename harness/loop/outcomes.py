"""Per finding, before → after: the paired effect on the same test items, and a verdict.

Each finding of the run before fine-tuning names a test (and a slice) and a quantity
(a flip rate, a failure rate, an accuracy gap). Its before → after is the paired
difference that the gate's comparison computes for that test: of the metrics the
comparison reports for the test, the one whose baseline value and n reproduce the
finding's own number (a perturbation test's ``flip_rate`` finding is the case-level
``failure_rate`` of the comparison), else the finding's metric when it is gateable,
else the test's accuracy. No statistic is computed here: the difference, its bootstrap
replicates and McNemar's test come from ``harness.metrics.difference``; the interval is
widened to Bonferroni over the findings (``percentile_interval`` at 1 − α/k on the same
replicates), as the findings' own intervals are.

Verdicts (Δ oriented so that positive is better):

* ``fixed``: the corrected CI of Δ lies above 0 and the finding is no longer a finding
  after fine-tuning;
* ``improved``: the corrected CI lies above 0 but it is still a finding;
* ``worse``: the corrected CI lies below 0;
* ``unchanged``: the corrected CI contains 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.files.jsonio import fields_json
from harness.metrics.difference import MetricDifference
from harness.metrics.paired import percentile_interval

FIXED, IMPROVED, UNCHANGED, WORSE = "fixed", "improved", "unchanged", "worse"
#: Family-wise error rate of the per-finding intervals.
ALPHA = 0.05


@dataclass(frozen=True)
class FindingOutcome:
    """One finding's before → after."""

    key: str
    statement: str
    test: str
    slice: str | None
    metric: str
    before: float | None
    after: float | None
    delta: float | None  # oriented: positive is better
    ci_low: float | None
    ci_high: float | None
    confidence: float
    n: int
    mcnemar_p: float | None
    after_status: str  # "finding", "underpowered" or "not a finding"
    verdict: str

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)


def _slice_name(evidence: Mapping[str, Any]) -> str | None:
    found = evidence.get("slice")
    if isinstance(found, Sequence) and not isinstance(found, str) and len(found) == 2:
        return f"{found[0]}={found[1]}"
    return None


def matching_difference(comparison: Any, finding: Mapping[str, Any]) -> MetricDifference | None:
    """The comparison's paired difference that measures ``finding`` (see the module doc)."""
    evidence = finding.get("evidence") or {}
    test = evidence.get("test")
    if not isinstance(test, str) or test not in comparison.tests:
        return None
    slice_name = _slice_name(evidence)
    pairing = comparison.tests[test]
    names = list(dict.fromkeys([str(finding.get("metric")), *pairing.headline_metrics]))
    differences = []
    for name in names:
        try:
            difference = comparison.difference(test, name, slice_name)
        except (KeyError, ValueError):
            continue
        if difference is not None:
            differences.append(difference)
    estimate, n = finding.get("estimate"), finding.get("n")
    for difference in differences:
        if (
            isinstance(estimate, int | float)
            and abs(difference.base_value - float(estimate)) < 1e-9
            and difference.n == n
        ):
            return difference
    for difference in differences:
        if difference.metric in (finding.get("metric"), "accuracy"):
            return difference
    return differences[0] if differences else None


def finding_outcomes(
    comparison: Any,
    before: Sequence[Mapping[str, Any]],
    after: Sequence[Mapping[str, Any]],
    alpha: float = ALPHA,
) -> list[FindingOutcome]:
    """Before → after for every finding of the run before (status ``finding``)."""
    findings = [f for f in before if f.get("status") == "finding"]
    after_by_key = {str(f.get("key")): f for f in after}
    confidence = 1 - alpha / max(len(findings), 1)
    outcomes = []
    for finding in findings:
        key = str(finding.get("key"))
        evidence = finding.get("evidence") or {}
        later = after_by_key.get(key)
        after_status = str(later.get("status")) if later else "not a finding"
        difference = matching_difference(comparison, finding)
        if difference is None:
            outcomes.append(
                FindingOutcome(
                    key,
                    str(finding.get("statement", "")),
                    str(evidence.get("test", evidence.get("analysis", ""))),
                    _slice_name(evidence),
                    str(finding.get("metric", "")),
                    None, None, None, None, None,
                    confidence, 0, None, after_status, UNCHANGED,
                )
            )  # fmt: skip
            continue
        low, high = percentile_interval(difference.replicates, confidence)
        if low > 0:
            verdict = FIXED if after_status != "finding" else IMPROVED
        elif high < 0:
            verdict = WORSE
        else:
            verdict = UNCHANGED
        outcomes.append(
            FindingOutcome(
                key=key,
                statement=str(finding.get("statement", "")),
                test=difference.test,
                slice=difference.slice,
                metric=difference.metric,
                before=difference.base_value,
                after=difference.candidate_value,
                delta=difference.delta,
                ci_low=float(low),
                ci_high=float(high),
                confidence=confidence,
                n=difference.n,
                mcnemar_p=difference.mcnemar.p_two_sided if difference.mcnemar else None,
                after_status=after_status,
                verdict=verdict,
            )
        )
    return outcomes
