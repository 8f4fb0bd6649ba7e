"""``harness run`` / ``harness gate`` through the CLI against the loopback OpenAI-format server.

The multiple_choice and generation suites send Loglikelihood and Generate requests;
the server serves a tiny GPT-2 built here, and fails every prompt that names the
doctor, so those items become infrastructure errors.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.openai_server import OpenAIServer
from helpers.tiny_language_models import build_tiny_gpt2
from test_cli import TESTS_DIR, harness

from harness.models.openai_compatible import CANARY
from harness.report import _render as report_rendering
from harness.report import render_report

# This checkout's package first, whatever an installed copy points to.
PYTHONPATH = os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])

SECRET = "sk-e2e-fedcba9876543210"

CHOICE_ROWS = [
    ("Who cooked dinner for the guests?", ["the chef", "the cat", "a bicycle"], 0),
    ("What is the man playing on the stage?", ["a guitar", "football", "the exam"], 0),
    ("Who saw the lawyer before the meeting?", ["the doctor", "the girl", "a dog"], 0),
    ("Where is the cat sleeping?", ["on the sofa", "in the snow", "at a table"], 0),
    ("What did Mary give John?", ["a red apple", "a book", "nothing"], 0),
    ("Who was seen by the doctor?", ["the lawyer", "the chef", "two dogs"], 0),
    ("What are the children playing outside?", ["football", "chess", "a guitar"], 0),
    ("When was the old bridge built?", ["in 1920", "yesterday", "on day 3"], 0),
]


def write_choice_suite(directory: Path) -> Path:
    rows = [
        {
            "id": f"q{i}",
            "question": q,
            "choices": c,
            "answer": a,
            "topic": "people" if i % 2 else "things",
        }
        for i, (q, c, a) in enumerate(CHOICE_ROWS)
    ]
    (directory / "choices.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    suite = directory / "choices.yaml"
    suite.write_text(
        """\
name: served_choices
task: multiple_choice
seed: 3
bootstrap_resamples: 200
tests:
  - name: choices
    data: {source: file, path: choices.jsonl, meta_columns: [topic]}
    slice_by: [topic]
"""
    )
    return suite


def write_generation_suite(directory: Path) -> Path:
    rows = [
        {"id": "g0", "prompt": "The chef cooked dinner for", "references": ["the guests."]},
        {"id": "g1", "prompt": "The doctor saw the lawyer", "references": ["before the meeting."]},
        {"id": "g2", "prompt": "Birds are flying over", "references": ["the quiet lake."]},
    ]
    (directory / "prompts.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    suite = directory / "generation.yaml"
    suite.write_text(
        """\
name: served_generation
task: generation
seed: 3
bootstrap_resamples: 200
task_options: {stop: ["."], max_tokens: 6}
tests:
  - name: completions
    data: {source: file, path: prompts.jsonl}
"""
    )
    return suite


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with OpenAIServer(build_tiny_gpt2(tmp_path_factory.mktemp("gpt2")), api_key=SECRET) as running:
        yield running


def run(server: OpenAIServer, suite: Path, out: str, cache: Path, *extra: str):
    return harness(
        "run",
        suite.name,
        "--model",
        "openai-compatible:tiny",
        "--model-option",
        f"base_url={server.url}",
        "--model-option",
        "api_key_env=TINY_KEY",
        "--model-option",
        "backoff_s=0.01",
        "--model-option",
        "max_retries=1",
        "--out",
        out,
        "--quiet",
        *extra,
        cwd=suite.parent,
        env={"TINY_KEY": SECRET, "HARNESS_CACHE_DIR": str(cache), "PYTHONPATH": PYTHONPATH},
    )


def read_items(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]


def no_secret_anywhere(*roots: Path) -> None:
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path


def test_multiple_choice_through_the_server_with_infra_errors_and_the_gate(
    server, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    suite = write_choice_suite(tmp_path)
    server.clear()
    server.fail_when("doctor", status=503)
    # A quarter of the items fail: above the default share, the run did not measure.
    result = run(server, suite, "broken", cache, "--max-infra-error-share", "0.3")
    assert result.returncode == 0, result.stderr
    results = json.loads((tmp_path / "broken" / "results.json").read_text())
    (test,) = results["tests"]
    items = read_items(tmp_path / "broken")
    failed = [item for item in items if item.get("infra_error")]
    # The two questions that mention the doctor (in the question or a choice).
    assert sorted(item["id"] for item in failed) == ["choices:q2", "choices:q5"]
    assert test["counts"]["infra_errors"] == 2
    assert all(item["correct"] is None and item["scores"] == {} for item in failed)
    answered = [item for item in items if not item.get("infra_error")]
    accuracy = test["metrics"]["accuracy"]
    assert accuracy["n"] == len(answered) == 6
    assert accuracy["value"] == pytest.approx(sum(i["correct"] for i in answered) / 6)
    assert sum(s["n"] for s in test["slices"] if s["field"] == "topic") == 6
    # Rendered here with this checkout's templates (an installed copy may map elsewhere).
    monkeypatch.setattr(report_rendering, "templates_root", lambda: TESTS_DIR.parent / "reports")
    report = render_report(tmp_path / "broken", tmp_path / "broken.html").read_text()
    assert "2 infrastructure errors" in report

    # The server recovers: the same cache answers the six, and only the failed two are asked.
    server.clear()
    result = run(server, suite, "healthy", cache)
    assert result.returncode == 0, result.stderr
    healthy = json.loads((tmp_path / "healthy" / "results.json").read_text())["tests"][0]
    assert healthy["counts"]["infra_errors"] == 0
    assert healthy["metrics"]["accuracy"]["n"] == 8
    # Failed requests were never cached: q2's "the doctor" choice, q5's three choices
    # (its question names the doctor) and the unconditional "the doctor" (for acc_pmi)
    # are asked again, and nothing else is.
    assert healthy["counts"]["computed"] == 5
    # and the canary, asked before the cache is reused (harness.predictor.canary)
    assert server.count() == 5 + len(CANARY)

    # The gate refuses a run with infrastructure errors, unless the config allows their share.
    gate = harness("gate", "healthy", "broken", cwd=tmp_path, env={"PYTHONPATH": PYTHONPATH})
    assert gate.returncode == 1, gate.stdout + gate.stderr
    assert "2 of 8 items are infrastructure errors" in gate.stdout
    assert "not paired" in gate.stdout
    (tmp_path / "gate.yaml").write_text("gate: {max_infra_error_share: 0.3}\n")
    gate = harness(
        "gate",
        "healthy",
        "broken",
        "--config",
        "gate.yaml",
        cwd=tmp_path,
        env={"PYTHONPATH": PYTHONPATH},
    )
    assert "infrastructure errors (" not in gate.stdout
    assert gate.returncode in (0, 1)  # decided by the paired checks on the six shared items

    no_secret_anywhere(tmp_path)
    assert SECRET not in result.stdout + result.stderr + gate.stdout + gate.stderr


def test_generation_through_the_server(server, tmp_path):
    suite = write_generation_suite(tmp_path)
    server.clear()
    result = run(
        server, suite, "out", tmp_path / "cache", "--model-option", "generate_endpoint=chat"
    )
    assert result.returncode == 0, result.stderr
    test = json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]
    assert test["counts"]["infra_errors"] == 0 and test["metrics"]["exact_match"]["n"] == 3
    items = read_items(tmp_path / "out")
    # What the server generated (greedy, cut at the stop) is what the items record.
    assert server.count("/chat/completions") == 3
    assert all("." not in item["predicted"] for item in items)
    bodies = [r.body for r in server.received if r.path.endswith("/chat/completions")]
    assert all(
        b["stop"] == ["."] and b["max_tokens"] == 6 and b["temperature"] == 0.0 for b in bodies
    )
    no_secret_anywhere(tmp_path)


def test_a_server_without_logprobs_fails_the_run_in_one_line(tmp_path):
    suite = write_choice_suite(tmp_path)
    with OpenAIServer(build_tiny_gpt2(tmp_path / "gpt2"), logprobs=False) as plain:
        result = harness(
            "run",
            suite.name,
            "--model",
            "openai-compatible:tiny",
            "--model-option",
            f"base_url={plain.url}",
            "--out",
            "out",
            "--quiet",
            cwd=tmp_path,
            env={"HARNESS_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": PYTHONPATH},
        )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "does not support log-likelihoods" in lines[0], result.stderr
    assert not (tmp_path / "out" / "results.json").exists()


@pytest.mark.slow
def test_nli_prompting_through_the_server_has_the_prompt_spread_and_calibration(tmp_path):
    # The shipped suite, unchanged, cut to a few items per test with --limit; a model
    # with room for 4-shot prompts (the module's server has 256 positions).
    with OpenAIServer(build_tiny_gpt2(tmp_path / "gpt2", n_positions=2048)) as long_server:
        run_nli_prompting(long_server, tmp_path)


def run_nli_prompting(server: OpenAIServer, tmp_path: Path) -> None:
    suite = Path(__file__).resolve().parents[1] / "suites" / "nli_prompting.yaml"
    cache = tmp_path / "cache"
    result = harness(
        "run",
        str(suite),
        "--model",
        "openai-compatible:tiny",
        "--model-option",
        f"base_url={server.url}",
        "--limit",
        "3",
        "--out",
        str(tmp_path / "run"),
        "--quiet",
        cwd=tmp_path,
        env={"HARNESS_CACHE_DIR": str(cache), "PYTHONPATH": PYTHONPATH},
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "run"
    results = json.loads((out / "results.json").read_text())
    tests = {test["name"]: test for test in results["tests"]}
    assert results["model"]["spec"].startswith("openai-compatible:tiny")
    # Zero-shot scoring variants and contextual calibration, before and after.
    core = tests["nli_core"]
    for name in ("accuracy", "acc_pmi", "acc_calibrated", "ece_calibrated", "brier_calibrated"):
        assert name in core["metrics"], name
    assert "calibration" in core["tables"]
    # 4-shot: 3 templates x 2 shot seeds x 2 orders, each scored on the same items.
    spread = tests["nli_core_4_shot_prompts"]["sections"]["prompt_sensitivity"]
    assert len(spread["variants"]) == 12
    accuracies = [variant["accuracy"] for variant in spread["variants"]]
    assert spread["spread"] == pytest.approx(max(accuracies) - min(accuracies))
    assert {v["template"] for v in spread["variants"]} == {
        "nli/gpt3",
        "nli/instruction",
        "nli/yes_maybe_no",
    }
    # Every item's exact prompt is stored; the 4-shot ones carry four demonstrations.
    shot_items = [i for i in read_items(out) if i["test"] == "nli_core_4_shot_prompts"]
    assert shot_items and all(
        i["request"]["prompt"].count("True, False or Neither?") == 5 for i in shot_items
    )
    assert not any(i.get("infra_error") for i in read_items(out))
    html = (out / "report.html").read_text()
    assert "prompt variants" in html and "spread" in html
    assert "calibration-numbers" in html
