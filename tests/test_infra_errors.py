"""Infrastructure errors: one mechanism for every adapter, task and test kind.

A mock adapter raises ``InfraError`` for every batch that holds a premise about the
pilot (batch_size=1: exactly those items). Those items must be in no metric, no
slice, no perturbation case and no gate pair, and be counted per test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.suites import nli_rows, write_suite
from test_cli import TESTS_DIR, harness

from harness.errors import SuiteError
from harness.gate.compare import compare_dirs
from harness.gate.config import gate_config_from_mapping
from harness.gate.gate import evaluate_gate
from harness.report import render_compare_html

# This checkout's package first, whatever an installed copy points to.
ENV = {"PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])}

PERTURBATION = """\
  - name: pairs_typos
    kind: perturbation
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    perturb: [{name: typo, params: {kind: mix, rate: 0.2, max_edits: 2, n_variants: 2}}]
    fields: [hypothesis]
    expect: invariance
"""


def run_suite(tmp_path: Path, model: str, out: str) -> tuple[dict, list[dict]]:
    result = harness(
        "run",
        "suite.yaml",
        "--model",
        model,
        "--model-option",
        "batch_size=1",
        "--out",
        out,
        "--quiet",
        "--no-cache",
        # A sixth of the items fail here: above the default share, a run did not measure.
        "--max-infra-error-share",
        "0.5",
        cwd=tmp_path,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    results = json.loads((tmp_path / out / "results.json").read_text())
    items = [json.loads(line) for line in (tmp_path / out / "items.jsonl").read_text().splitlines()]
    return results, items


def test_infra_errors_are_counted_and_kept_out_of_metrics_slices_and_cases(tmp_path, monkeypatch):
    write_suite(tmp_path, n=30, extra=PERTURBATION)
    pilots = sum(1 for row in nli_rows(30) if "pilot" in row["premise"])
    assert pilots == 5
    healthy, healthy_items = run_suite(tmp_path, "python:helpers.mock_models:word_rules", "ok")
    broken, broken_items = run_suite(
        tmp_path, "python:helpers.flaky_models:unreachable_pilot", "broken"
    )
    by_name = {test["name"]: test for test in broken["tests"]}
    pairs = by_name["pairs"]
    assert pairs["counts"]["infra_errors"] == pilots
    failed = [i for i in broken_items if i["test"] == "pairs" and i.get("infra_error")]
    assert len(failed) == pilots and all("503 after 5 attempts" in i["infra_error"] for i in failed)
    assert all(i["correct"] is None and i["predicted"] is None for i in failed)
    # Accuracy over the answered items equals the healthy run's accuracy on the same items.
    kept = {i["id"] for i in broken_items if i["test"] == "pairs" and not i.get("infra_error")}
    expected = [i["correct"] for i in healthy_items if i["test"] == "pairs" and i["id"] in kept]
    assert pairs["metrics"]["accuracy"]["n"] == 25
    assert pairs["metrics"]["accuracy"]["value"] == pytest.approx(sum(expected) / 25)
    assert sum(s["n"] for s in pairs["slices"]) == 25
    assert "infra_error" not in json.dumps(healthy_items)

    # Perturbation: a pilot original and its two variants (the premise is kept) are in no case.
    typos = by_name["pairs_typos"]
    assert typos["counts"]["infra_errors"] == pilots * 3
    healthy_typos = next(t for t in healthy["tests"] if t["name"] == "pairs_typos")
    assert healthy_typos["metrics"]["flip_rate"]["n"] == 30
    assert typos["metrics"]["flip_rate"]["n"] == 25
    assert "pilot" in json.dumps(healthy_typos["sections"])  # failures listed when answered
    assert "pilot" not in json.dumps(typos["sections"])

    # The gate: the broken run fails it on its infrastructure errors alone.
    gate = harness("gate", "ok", "broken", cwd=tmp_path, env=ENV)
    assert gate.returncode == 1
    # pairs, pairs_binary and pairs_typos: 5 + 5 + 15 of 30 + 30 + 90 items.
    assert "candidate python:helpers.flaky_models:unreachable_pilot: 25 of 150 items" in gate.stdout

    # In process: pairs leave the failed items out, and the comparison page says why it failed.
    comparison = compare_dirs(tmp_path / "ok", tmp_path / "broken", resamples=200)
    assert len(comparison.test("pairs").pairs) == 25
    verdict = evaluate_gate(comparison, gate_config_from_mapping({"resamples": 200}))
    assert verdict.outcome == "FAIL" and len(verdict.infra_failures) == 1
    relaxed = evaluate_gate(
        comparison, gate_config_from_mapping({"resamples": 200, "max_infra_error_share": 0.2})
    )
    assert relaxed.infra_failures == ()
    page = render_compare_html(comparison, verdict)
    assert "25 of 150 items are infrastructure errors" in page


def test_max_infra_error_share_is_validated_in_the_gate_config():
    assert gate_config_from_mapping({}).max_infra_error_share == 0.0
    assert gate_config_from_mapping({"max_infra_error_share": 0.05}).max_infra_error_share == 0.05
    with pytest.raises(SuiteError, match="max_infra_error_share"):
        gate_config_from_mapping({"max_infra_error_share": 1.5})
