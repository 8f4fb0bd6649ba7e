"""What changed between two runs' findings: "new finding" and "finding resolved".

Findings are matched by their ``key`` (stable for a suite: a test and slice, or an
analysis row), so compare and the gate can lead with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from harness.findings._collect import describe, findings_for

NEW = "new finding"
RESOLVED = "finding resolved"


def run_findings(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A run's findings: as written in results.json, or worked out from it for a run
    written before findings were recorded (the same module decides either way)."""
    stored = results.get("findings")
    if isinstance(stored, list) and stored:
        return [dict(f) for f in stored if isinstance(f, Mapping)]
    return findings_for(results)


def finding_changes(
    base: Sequence[Mapping[str, Any]], candidate: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """New findings (candidate rank order), then resolved ones (baseline rank order)."""
    base_by_key = {str(f.get("key")): f for f in base}
    candidate_by_key = {str(f.get("key")): f for f in candidate}

    def is_finding(finding: Mapping[str, Any] | None) -> bool:
        return finding is not None and finding.get("status") == "finding"

    def change(kind: str, key: str) -> dict[str, Any]:
        before, after = base_by_key.get(key), candidate_by_key.get(key)
        shown = after if kind == NEW else before
        assert shown is not None
        return {
            "change": kind,
            "key": key,
            "statement": shown.get("statement"),
            "text": describe(shown),
            "base": describe(before) if before else None,
            "base_status": before.get("status") if before else None,
            "candidate": describe(after) if after else None,
            "candidate_status": after.get("status") if after else None,
        }

    def rank(finding: Mapping[str, Any]) -> int:
        value = finding.get("rank")
        return int(value) if isinstance(value, int) else 0

    new = [
        change(NEW, key)
        for key, finding in sorted(candidate_by_key.items(), key=lambda kv: rank(kv[1]))
        if is_finding(finding) and not is_finding(base_by_key.get(key))
    ]
    resolved = [
        change(RESOLVED, key)
        for key, finding in sorted(base_by_key.items(), key=lambda kv: rank(kv[1]))
        if is_finding(finding) and not is_finding(candidate_by_key.get(key))
    ]
    return new + resolved
