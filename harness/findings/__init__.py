"""Ranked findings of a run, contributed by test kinds and analyses (docs/findings.md)."""

from harness.findings._changes import NEW, RESOLVED, finding_changes, run_findings
from harness.findings._collect import collect_candidates, describe, findings_for, terminal_table
from harness.findings._core import (
    ALPHA,
    MATERIAL,
    RATE_TOLERANCE,
    Balance,
    Candidate,
    Estimate,
    Finding,
    FindingSource,
    MatchedGap,
    ProportionGap,
    Rate,
    decide,
)

__all__ = [
    "ALPHA",
    "MATERIAL",
    "NEW",
    "RESOLVED",
    "RATE_TOLERANCE",
    "Balance",
    "Candidate",
    "Estimate",
    "Finding",
    "FindingSource",
    "MatchedGap",
    "ProportionGap",
    "Rate",
    "collect_candidates",
    "decide",
    "describe",
    "finding_changes",
    "findings_for",
    "run_findings",
    "terminal_table",
]
