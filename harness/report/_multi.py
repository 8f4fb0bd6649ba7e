"""One comparison page for several runs of the same suite: ``harness report RUN RUN ...``.

    runs ──same suite hash?──▶ per test and slice: every run's metrics with 95% CIs, side
    by side ──▶ the gate for every pair of runs (earlier = baseline) ──▶ one HTML page

A fine-tuned classifier, a prompted LM and a served model land in one table. The page
is ``reports/multi.html.j2``, built with the pages' toolkit (``harness.report._html``):
every string from the runs is escaped (Jinja autoescape); it loads nothing from the
network.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness.errors import ComparisonRefusedError, HarnessError
from harness.files.jsonio import write_atomic
from harness.report._html import environment, inline_asset, templates_root
from harness.report._view import _slug
from harness.results import load_results

TEMPLATE = "multi.html.j2"

#: A pair's outcomes, worst first: the page's verdict is the worst pair's.
SEVERITY = ("FAIL", "REFUSED", "WARN", "PASS")


def overall_verdict(pairs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The page's one verdict (the worst pair's) and a sentence counting the pairs.

    >>> overall_verdict([{"outcome": "PASS"}, {"outcome": "FAIL"}, {"outcome": "PASS"}])
    {'outcome': 'FAIL', 'summary': '3 pairs of runs gated: 1 FAIL, 2 PASS.'}
    """
    counts = {outcome: 0 for outcome in SEVERITY}
    for pair in pairs:
        counts[pair["outcome"]] = counts.get(pair["outcome"], 0) + 1
    worst = next((outcome for outcome in SEVERITY if counts[outcome]), "PASS")
    parts = ", ".join(f"{counts[o]} {o}" for o in SEVERITY if counts[o])
    noun = "pair" if len(pairs) == 1 else "pairs"
    return {"outcome": worst, "summary": f"{len(pairs)} {noun} of runs gated: {parts}."}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _rows(test_results: Sequence[dict[str, Any] | None]) -> list[dict[str, Any]]:
    """(slice, metric) rows in first-seen order, one cell per run (None where absent)."""
    keys: list[tuple[str, str]] = []
    cells: dict[tuple[str, str, int], dict[str, Any]] = {}
    for position, test in enumerate(test_results):
        if test is None:
            continue
        blocks = [("all", test.get("metrics", {}))] + [
            (f"{s['field']}={s['value']}", s.get("metrics", {})) for s in test.get("slices", [])
        ]
        for slice_name, metrics in blocks:
            for metric, value in metrics.items():
                if not isinstance(value, dict) or not _number(value.get("value")):
                    continue
                key = (slice_name, metric)
                if key not in keys:
                    keys.append(key)
                cells[(slice_name, metric, position)] = value
    return [
        {
            "slice": slice_name,
            "metric": metric,
            "cells": [cells.get((slice_name, metric, i)) for i in range(len(test_results))],
        }
        for slice_name, metric in keys
    ]


def render_comparison(run_dirs: Sequence[Path], out: Path) -> Path:
    """Write the comparison page of ``run_dirs`` (same suite) to ``out``."""
    from harness.gate.runs import gate_runs

    results = [load_results(run_dir) for run_dir in run_dirs]
    hashes = {r["suite"]["hash"] for r in results}
    if len(hashes) > 1:
        raise ComparisonRefusedError(
            "runs of different suites (suite hashes "
            + ", ".join(sorted(hashes))
            + ") cannot share one comparison page"
        )
    runs = [
        {
            "name": r["model"].get("name") or r["model"].get("spec"),
            "kind": r["model"].get("kind", ""),
            "fingerprint": str(r["model"].get("fingerprint", "")),
            "dir": str(run_dir),
            "dir_name": Path(run_dir).name,
        }
        for r, run_dir in zip(results, run_dirs, strict=True)
    ]
    names: list[str] = []
    for r in results:
        for test in r["tests"]:
            if test["name"] not in names:
                names.append(test["name"])
    tests = []
    taken: set[str] = {"verdict", "runs"}
    for name in names:
        per_run = [next((t for t in r["tests"] if t["name"] == name), None) for r in results]
        tests.append({"name": name, "anchor": "test-" + _slug(name, taken), "rows": _rows(per_run)})
    pairs = []
    for (i, base), (j, candidate) in itertools.combinations(enumerate(run_dirs), 2):
        try:
            verdict = gate_runs(Path(base), Path(candidate))
            outcome, detail = verdict.outcome, verdict.headline()
        except HarnessError as error:
            outcome, detail = "REFUSED", str(error)
        pairs.append(
            {
                "base": f"{i + 1}. {runs[i]['name']}",
                "candidate": f"{j + 1}. {runs[j]['name']}",
                "outcome": outcome,
                "detail": detail,
            }
        )
    root = templates_root()
    html = (
        environment(root)
        .get_template(TEMPLATE)
        .render(
            suite=results[0]["suite"]["name"],
            runs=runs,
            tests=tests,
            pairs=pairs,
            verdict=overall_verdict(pairs),
            # The run report's own style sheet: one look for every page.
            css=inline_asset(root, "report.css", "</style"),
        )
    )
    write_atomic(out, html)
    return out
