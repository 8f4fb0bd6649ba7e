"""Findings of a whole run: ask every registered source, correct once, rank, format."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from harness.errors import UnknownComponentError
from harness.findings._core import ALPHA, Candidate, FindingSource, decide
from harness.metrics.units import number


def _source(name: str) -> FindingSource | None:
    from harness.registry import FINDING_SOURCES

    if name not in FINDING_SOURCES:
        return None
    try:
        return FINDING_SOURCES.get(name)()
    except UnknownComponentError:
        return None


def collect_candidates(results: Mapping[str, Any]) -> list[Candidate]:
    """Every candidate the run's tests (by kind) and analyses (by name) propose."""
    candidates: list[Candidate] = []
    for test in results.get("tests") or []:
        if not isinstance(test, Mapping):
            continue
        source = _source(str(test.get("kind")))
        if source is not None:
            candidates.extend(source.candidates(str(test.get("name")), test, results))
    for name, record in (results.get("analyses") or {}).items():
        source = _source(str(name))
        if source is not None and isinstance(record, Mapping):
            candidates.extend(source.candidates(str(name), record, results))
    return candidates


def findings_for(results: Mapping[str, Any], alpha: float = ALPHA) -> list[dict[str, Any]]:
    """results.json's ``findings``: findings first, then underpowered comparisons."""
    return [finding.to_json() for finding in decide(collect_candidates(results), alpha)]


def describe(finding: Mapping[str, Any]) -> str:
    """One line of plain words with the numbers: what, how much, how sure, on how many.

    >>> describe({"statement": "typos change the answer", "effect_kind": "rate",
    ...           "estimate": 0.47, "ci_low": 0.40, "ci_high": 0.54, "n": 252,
    ...           "comparison": None})
    'typos change the answer: 0.470 [0.400, 0.540], n=252'
    """
    statement = str(finding.get("statement", ""))
    low, high = finding.get("ci_low"), finding.get("ci_high")
    n = finding.get("n")
    if finding.get("effect_kind") == "rate":
        return (
            f"{statement}: {number(finding.get('estimate'))} [{number(low)}, {number(high)}], n={n}"
        )
    comparison = finding.get("comparison") or {}
    if finding.get("effect_kind") == "estimate":
        return (
            f"{statement}: {_signed(finding.get('estimate'))}"
            f" [{_signed(low)}, {_signed(high)}] against {comparison.get('label', 'zero')}, n={n}"
        )
    return (
        f"{statement}: {number(finding.get('value'))} vs {number(comparison.get('value'))}"
        f" on {comparison.get('label', 'the rest')};"
        f" gap {_signed(finding.get('estimate'))} [{_signed(low)}, {_signed(high)}], n={n}"
    )


def _signed(value: Any) -> str:
    return number(value, signed=True)


def terminal_table(findings: Sequence[Mapping[str, Any]], limit: int = 10) -> str:
    """The short table ``harness run`` prints at the end: the top findings, then counts."""
    real = [f for f in findings if f.get("status") == "finding"]
    underpowered = len(findings) - len(real)
    if not real:
        lines = ["findings: none (no gap survives the multiplicity correction)"]
    else:
        confidence = real[0].get("confidence")
        level = f"{confidence:.4%}" if isinstance(confidence, float) else "corrected"
        lines = [f"findings ({len(real)}; CIs at {level}, Bonferroni over the run):"]
        width = len(str(min(limit, len(real))))
        for finding in real[:limit]:
            lines.append(f"  {int(finding.get('rank', 0)):>{width}}. {describe(finding)}")
        if len(real) > limit:
            lines.append(f"  … and {len(real) - limit} more in report.html")
    if underpowered:
        lines.append(
            f"underpowered: {underpowered} comparison(s) with a visible gap that too few"
            " items cannot separate from chance (listed in report.html)"
        )
    return "\n".join(lines)
