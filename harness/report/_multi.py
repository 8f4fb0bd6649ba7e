"""One comparison page for several runs of the same suite: ``harness report RUN RUN ...``.

    runs ──same suite hash?──▶ per test and slice: every run's metrics with 95% CIs, side
    by side ──▶ the gate for every pair of runs (earlier = baseline) ──▶ one HTML page

A fine-tuned classifier, a prompted LM and a served model land in one table. Every
string from the runs is escaped (Jinja autoescape); the page loads nothing from the
network.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness.errors import ComparisonRefusedError, HarnessError
from harness.files.jsonio import write_atomic
from harness.results import load_results

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{ suite }}: {{ runs|length }} runs compared</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}
td.num{font-variant-numeric:tabular-nums}
.ci{color:#777}.PASS{color:#217a21}.WARN{color:#a66a00}.FAIL{color:#b00020;font-weight:bold}
</style></head><body>
<h1>Suite {{ suite }}: {{ runs|length }} runs</h1>
<table><thead><tr><th>#</th><th>model</th><th>kind</th><th>fingerprint</th><th>run directory</th></tr></thead><tbody>
{% for run in runs %}<tr><td>{{ loop.index }}</td><td>{{ run.name }}</td><td>{{ run.kind }}</td><td>{{ run.fingerprint[:12] }}</td><td>{{ run.dir }}</td></tr>{% endfor %}
</tbody></table>
{% for test in tests %}
<h2>{{ test.name }}</h2>
<table><thead><tr><th>slice</th><th>metric</th>{% for run in runs %}<th>{{ loop.index }}. {{ run.name }}</th>{% endfor %}</tr></thead><tbody>
{% for row in test.rows %}<tr><td>{{ row.slice }}</td><td>{{ row.metric }}</td>
{% for cell in row.cells %}<td class="num">{% if cell %}{{ "%.3f"|format(cell.value) }}{% if cell.ci_low is not none and cell.ci_high is not none %} <span class="ci">[{{ "%.3f"|format(cell.ci_low) }}, {{ "%.3f"|format(cell.ci_high) }}]</span>{% endif %} <span class="ci">n={{ cell.n }}</span>{% else %}—{% endif %}</td>{% endfor %}
</tr>{% endfor %}
</tbody></table>
{% endfor %}
<h2>Gate verdicts, pairwise (baseline → candidate)</h2>
<table><thead><tr><th>baseline</th><th>candidate</th><th>verdict</th><th>summary</th></tr></thead><tbody>
{% for pair in pairs %}<tr><td>{{ pair.base }}</td><td>{{ pair.candidate }}</td><td class="{{ pair.outcome }}">{{ pair.outcome }}</td><td>{{ pair.detail }}</td></tr>{% endfor %}
</tbody></table>
</body></html>
"""


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
    from jinja2 import Environment

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
        }
        for r, run_dir in zip(results, run_dirs, strict=True)
    ]
    names: list[str] = []
    for r in results:
        for test in r["tests"]:
            if test["name"] not in names:
                names.append(test["name"])
    tests = []
    for name in names:
        per_run = [next((t for t in r["tests"] if t["name"] == name), None) for r in results]
        tests.append({"name": name, "rows": _rows(per_run)})
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
    html = (
        Environment(autoescape=True)
        .from_string(PAGE)
        .render(suite=results[0]["suite"]["name"], runs=runs, tests=tests, pairs=pairs)
    )
    write_atomic(out, html)
    return out
