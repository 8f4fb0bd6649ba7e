"""Coherence through real generators: a tiny GPT-2 built here (hf-causal, the shipped suite
and its reference judge), and the same model served on the loopback OpenAI-format server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.openai_server import OpenAIServer
from helpers.tiny_language_models import build_tiny_gpt2
from test_cli import TESTS_DIR, harness

SHIPPED = TESTS_DIR.parent / "suites" / "generation_coherence.yaml"


def read_items(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]


def greedy(path: Path, prompt: str, max_new_tokens: int) -> str:
    """What transformers itself generates greedily for ``prompt``."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path).eval()
    ids = tokenizer(prompt, return_tensors="pt")["input_ids"]
    with torch.no_grad():
        output = model.generate(
            input_ids=ids,
            attention_mask=torch.ones_like(ids),
            max_new_tokens=max_new_tokens,
            do_sample=False,
            pad_token_id=tokenizer.eos_token_id,
        )
    return tokenizer.decode(output[0, ids.shape[1] :], skip_special_tokens=True)


@pytest.mark.slow
def test_the_shipped_suite_on_a_tiny_gpt2_with_the_reference_judge(tmp_path):
    path = build_tiny_gpt2(tmp_path / "gpt2", n_positions=512)
    result = harness(
        "run",
        str(SHIPPED),
        "--model",
        f"hf-causal:{path}",
        "--limit",
        "4",
        "--out",
        "out",
        "--quiet",
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "out" / "results.json").read_text())
    tests = {test["name"]: test for test in record["tests"]}
    for name in ("open_ended", "factual"):
        metrics = tests[name]["metrics"]
        for metric in ("distinct_1", "distinct_2", "loop_rate"):
            value = metrics[metric]
            assert value["n"] == 4
            if value["ci_low"] is None:  # four identical generations: nothing to resample
                assert "not estimable" in value["method"]
            else:
                assert value["ci_low"] <= value["value"] <= value["ci_high"]
        judge = tests[name]["sections"]["coherence"]["judge"]
        assert judge["spec"] == "reference" and judge["is_reference"]
        assert judge["reliability"]["n"] == 90
        assert set(judge["trusted"]) == {"self_contradiction", "paraphrase_consistency"}
    assert "paraphrase_inconsistency_rate" in tests["factual"]["metrics"]
    assert tests["factual"]["sections"]["coherence"]["n_generations"] == 12
    # What the run recorded is what transformers generates greedily, item by item.
    items = [item for item in read_items(tmp_path / "out") if item["test"] == "open_ended"]
    first = items[0]
    assert first["request"]["max_tokens"] == 128 and first["request"]["temperature"] == 0.0
    assert first["predicted"] == greedy(path, first["request"]["prompt"], 128).strip()
    assert first["scores"]["token_count"] > 0 and "looped" in first["scores"]
    report = (tmp_path / "out" / "report.html").read_text()
    assert "How far the judge can be trusted" in report


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with OpenAIServer(build_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))) as running:
        yield running


SERVED_SUITE = """\
name: served_coherence
task: generation
seed: 3
bootstrap_resamples: 200
tests:
  - name: open
    kind: coherence
    data: {source: generator, name: coherence_prompts, params: {genres: [continuation]}, limit: 5}
    decoding: {max_tokens: 24}
    judge: python:helpers.coherence_models:rule_judge
  - name: factual
    kind: coherence
    data: {source: generator, name: coherence_prompts, params: {genres: [factual]}, limit: 3}
    decoding: {max_tokens: 8, stop: ["\\n"]}
    judge: python:helpers.coherence_models:rule_judge
"""


@pytest.mark.slow
def test_coherence_of_a_served_model_with_failing_requests(server, tmp_path):
    (tmp_path / "suite.yaml").write_text(SERVED_SUITE)
    server.clear()
    server.fail_when("lighthouse")  # the first continuation: an infrastructure error
    server.fail_when("France's capital")  # one paraphrase of the first question
    result = harness(
        "run",
        "suite.yaml",
        "--model",
        "openai-compatible:tiny",
        "--model-option",
        f"base_url={server.url}",
        "--model-option",
        "backoff_s=0.01",
        "--model-option",
        "max_retries=1",
        # One of five continuations fails on purpose: above the default share.
        "--max-infra-error-share",
        "0.5",
        "--allow-code",  # the suite's judge is a python: callable it names
        "--out",
        "out",
        "--quiet",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "out" / "results.json").read_text())
    open_test, factual = record["tests"]
    assert open_test["counts"]["infra_errors"] == 1
    assert open_test["metrics"]["loop_rate"]["n"] == 4  # the failed prompt is in no number
    assert open_test["sections"]["coherence"]["infra_errors"] == 1
    # The question whose paraphrase failed has no consistency verdict; the others do.
    assert factual["metrics"]["paraphrase_inconsistency_rate"]["n"] == 2
    bodies = [r.body for r in server.received if r.path.endswith("/completions")]
    # Besides the canary's scoring requests (max_tokens 0, docs/served-models.md).
    assert {b["max_tokens"] for b in bodies if b["max_tokens"]} == {24, 8}
    assert all(b["temperature"] == 0.0 for b in bodies)
    assert all(b["stop"] == ["\n"] for b in bodies if b["max_tokens"] == 8)
    items = {item["id"]: item for item in read_items(tmp_path / "out")}
    answered = [i for i in items.values() if i["test"] == "open" and "infra_error" not in i]
    assert len(answered) == 4
    for item in answered:
        assert item["response"]["text"] == item["predicted"]
