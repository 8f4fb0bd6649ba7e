"""The shipped bias suites end to end on tiny real language models (built in the test).

A causal LM runs the whole of bias_probes.yaml: the classifier probes through the NLI
prompt (prompted classification), BBQ and the minimal pairs through loglikelihood
requests. A masked LM runs bias_probes_lm.yaml through pseudo-log-likelihoods.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.runner import run_suite

SUITES = Path(__file__).resolve().parents[1] / "suites"

pytest.importorskip("transformers")


def _tests(run: Path) -> dict[str, dict]:
    results = json.loads((run / "results.json").read_text())
    return {test["name"]: test for test in results["tests"]}


def test_bias_probes_run_on_a_prompted_causal_lm(tmp_path: Path) -> None:
    from helpers.tiny_models import build_tiny_causal_lm

    model = build_tiny_causal_lm(tmp_path / "gpt2")
    run = run_suite(
        SUITES / "bias_probes.yaml",
        model=f"hf-causal:{model}",
        out_dir=tmp_path / "run",
        cache_dir=tmp_path / "cache",
        progress=False,
        limit=6,
    )
    tests = _tests(run)
    assert set(tests) >= {
        "gender_swap_nli_core",
        "nli_bias",
        "winogender",
        "bbq",
        "stereotype_pairs",
    }
    bbq = tests["bbq"]
    assert bbq["n"] == 6 and "skipped" not in bbq["sections"]["bias"]
    for name in ("bbq_s_dis", "bbq_s_amb", "bbq_s_amb_helm", "bbq_ambiguous_bias_margin"):
        assert name in bbq["metrics"]
    pairs = tests["stereotype_pairs"]["metrics"]["stereotype_preference_distance_from_50"]
    assert pairs["n"] == 6 and -50 <= pairs["value"] <= 50
    assert tests["stereotype_pairs"]["sections"]["bias"]["length_unit"] in ("tokens", "words")
    nli = tests["nli_bias"]["metrics"]
    assert 0 <= nli["net_neutral"]["value"] <= 1
    report = (run / "report.html").read_text()
    assert 'data-probe="bbq"' in report and 'data-probe="minimal_pairs"' in report


def test_minimal_pairs_run_on_a_masked_lm(tmp_path: Path) -> None:
    from helpers.tiny_language_models import build_tiny_masked_bert

    model = build_tiny_masked_bert(tmp_path / "mlm")
    run = run_suite(
        SUITES / "bias_probes_lm.yaml",
        model=f"hf-masked:{model}",
        out_dir=tmp_path / "run",
        cache_dir=tmp_path / "cache",
        progress=False,
        limit=4,
    )
    tests = _tests(run)
    assert tests["stereotype_pairs"]["n"] == 4
    scores = [
        json.loads(line)
        for line in (run / "items.jsonl").read_text().splitlines()
        if json.loads(line)["test"] == "stereotype_pairs"
    ]
    # Pseudo-log-likelihoods are negative sums; the two sentences of a pair differ.
    assert all(s["scores"]["loglikelihood_more"] < 0 for s in scores)
    assert any(s["scores"]["loglikelihood_difference"] != 0 for s in scores)
    assert tests["bbq"]["n"] == 4
