"""The flagship suites, unchanged, with a tiny random causal LM (a few items per test)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from helpers.tiny_models import build_tiny_causal_lm

from harness.runner import run_suite

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
@pytest.mark.attack
def test_nli_robustness_runs_unchanged_with_hf_causal(tmp_path):
    # Not importorskip: importing textattack before harness prepares NLTK data fails.
    if importlib.util.find_spec("textattack") is None:
        pytest.skip("needs the attack extra (textattack)")
    model = build_tiny_causal_lm(tmp_path / "lm", "gpt2")
    out = run_suite(
        ROOT / "suites" / "nli_robustness.yaml",
        model=f"hf-causal:{model}",
        out_dir=tmp_path / "run",
        # Enough items for every analysis (the artifact probe needs two labels).
        limit=6,
        progress=False,
        cache_dir=tmp_path / "cache",
    )
    results = json.loads((out / "results.json").read_text())
    kinds = {test["kind"] for test in results["tests"]}
    assert {"evaluate", "perturbation", "attack"} <= kinds
    assert results["model"]["serves"] == ["generate", "loglikelihood"]
    items = [json.loads(line) for line in (out / "items.jsonl").read_text().splitlines()]
    originals = [item for item in items if item["test"] == "nli_core"]
    assert originals and all(
        item["request"]["template"] == "nli/gpt3"
        and item["request"]["prompt"].endswith("True, False or Neither?\nAnswer:")
        and abs(sum(item["probabilities"].values()) - 1) < 1e-6
        for item in originals
    )
    assert (out / "report.html").is_file()
