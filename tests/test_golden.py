"""A golden results.json: any change to metrics, CIs, slices or layout shows up as a diff.

Regenerate after an intended change with ``HARNESS_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from helpers.suites import write_suite

from harness.runner import run_suite

GOLDEN = Path(__file__).resolve().parent / "golden" / "tiny_results.json"
VOLATILE = {"created_at", "timings", "environment", "path", "harness_version", "source_digest"}


def blank(value):
    """Remove what legitimately differs between runs: timestamps, timings, machine, paths."""
    if isinstance(value, dict):
        return {k: ("<blank>" if k in VOLATILE else blank(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [blank(v) for v in value]
    return value


def test_results_json_matches_golden(tmp_path: Path) -> None:
    suite = write_suite(tmp_path)
    run_dir = run_suite(
        suite, out_dir=tmp_path / "run", progress=False, render_report=False, allow_code=True
    )
    results = blank(json.loads((run_dir / "results.json").read_text()))
    for test in results["tests"]:
        test["counts"] = "<blank>"  # cached vs computed depends on what ran before
    if os.environ.get("HARNESS_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    expected = json.loads(GOLDEN.read_text())
    assert results == expected
