"""Running a small suite for a check: twice, into a temporary directory, no cache."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.files.jsonio import dumps_json

#: What legitimately differs between two runs of one suite (clocks, the machine, paths).
VOLATILE_KEYS = frozenset({"created_at", "timings", "environment", "path"})


@dataclass(frozen=True)
class CheckedRun:
    """A run's results.json (parsed), its items.jsonl (bytes and rows) and its report."""

    results: dict[str, Any]
    items_bytes: bytes
    items: list[dict[str, Any]]
    report: str

    def stable(self) -> Any:
        """results.json without what legitimately differs between runs."""
        return _blank(self.results)

    def test(self, name: str) -> dict[str, Any]:
        return next(t for t in self.results["tests"] if t["name"] == name)


def _blank(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: None if k in VOLATILE_KEYS else _blank(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_blank(v) for v in value]
    return value


def run_checked(suite: Mapping[str, Any], work_dir: Path | None = None) -> CheckedRun:
    """Run ``suite`` (a mapping as a suite file holds it) and read back what it wrote.

    Relative data paths resolve against ``work_dir`` (a temporary directory by default).
    The report is rendered from the run directory as ``harness report`` would.
    """
    from harness.report import render_report_html
    from harness.runner import run_suite

    with tempfile.TemporaryDirectory(prefix="harness-check-") as temporary:
        base = Path(work_dir) if work_dir is not None else Path(temporary)
        path = base / f"{suite.get('name', 'check')}.check-suite.yaml"
        path.write_text(dumps_json(dict(suite), indent=2), encoding="utf-8")  # JSON is YAML
        try:
            run_dir = run_suite(
                path,
                out_dir=Path(temporary) / "run",
                use_cache=False,
                progress=False,
                # The suite is the caller's own mapping, given in code as on a command line.
                allow_code=True,
                render_report=False,
                explain_failures=0,
            )
        finally:
            path.unlink(missing_ok=True)
        results = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
        items_bytes = (run_dir / "items.jsonl").read_bytes()
    items = [json.loads(line) for line in items_bytes.splitlines() if line.strip()]
    return CheckedRun(results, items_bytes, items, render_report_html(results, items))
