"""The reading_comprehension suite end to end with scriptable models (no encoder).

``last_capitalised_word`` answers with the passage's last capitalised word outside
the question, so a distractor placed after the gold sentence can only lower its
score: the adversarial F1 never exceeds the original per question.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.runner import run_suite

SUITE = Path(__file__).resolve().parents[2] / "suites" / "reading_comprehension.yaml"


def _results(run_dir: Path) -> dict:
    return json.loads((run_dir / "results.json").read_text())


def test_suite_runs_with_a_span_model(tmp_path):
    run_dir = run_suite(
        SUITE,
        model="python:helpers.rc_mock_models:last_capitalised_word",
        model_options={"serves": "extract_span"},
        out_dir=tmp_path / "run",
        limit=25,
        progress=False,
        allow_code=True,
    )
    tests = {t["name"]: t for t in _results(run_dir)["tests"]}
    # A python span model serves no multiple choice: that test is skipped, not failed.
    assert tests["multiple_choice"]["counts"]["skipped_model_cannot_serve"] == 1
    extractive = tests["extractive"]
    official = extractive["sections"]["squad"]["official"]
    assert official["f1"] == pytest.approx(100 * extractive["metrics"]["f1"]["value"])
    distractor = tests["distractor"]
    section = distractor["sections"]["distractor"]
    assert section["n_with_distractor"] > 0
    # Every question without a distractor is counted under a reason, unanswerable ones too.
    excluded = section["excluded"]
    assert sum(excluded.values()) == section["n_questions"] - section["n_with_distractor"]
    assert excluded.get("unanswerable", 0) > 0
    items = [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]
    by_parent: dict[str, list[float]] = {}
    originals = {}
    for item in items:
        if item["test"] != "distractor":
            continue
        if item["parent_id"] is None:
            originals[item["id"]] = item["scores"]["f1"]
        else:
            by_parent.setdefault(item["parent_id"], []).append(item["scores"]["f1"])
    adversarial = [min(v) for v in by_parent.values()]
    expected_drop = sum(originals[p] for p in by_parent) / len(by_parent) - sum(adversarial) / len(
        adversarial
    )
    assert distractor["metrics"]["f1_drop"]["value"] == pytest.approx(expected_drop)
    report = (run_dir / "report.html").read_text()
    assert 'class="distractor"' in report
    assert "Without a distractor: " in report
    assert {s["field"] for s in extractive["slices"]} >= {"reasoning_type", "answer_position"}


def test_generative_path_maps_abstentions(tmp_path):
    suite = tmp_path / "gen.yaml"
    suite.write_text(
        """\
name: gen
task: extractive_qa
model: python:helpers.rc_mock_models:generative_reader
tests:
  - name: qa
    data:
      source: inline
      examples:
        - {context: "Paris is the capital of France.", question: "What is the capital?", answers: []}
        - {context: "Paris is large.", question: "Which city is large?", answers: [{text: Paris, start: 0}]}
""",
        encoding="utf-8",
    )
    run_dir = run_suite(
        suite,
        model_options={"serves": "generate"},
        out_dir=tmp_path / "run",
        progress=False,
        allow_code=True,
    )
    [test] = _results(run_dir)["tests"]
    assert test["metrics"]["exact_match"]["value"] == 1.0
    assert test["metrics"]["abstention_rate"]["value"] == 0.5


def test_suite_runs_with_a_local_hf_qa_checkpoint(tmp_path):
    from helpers.tiny_models import build_tiny_bert_qa

    path = build_tiny_bert_qa(tmp_path / "qa")
    run_dir = run_suite(
        SUITE,
        model=f"hf-qa:{path}",
        model_options={"max_length": 64, "stride": 16},
        out_dir=tmp_path / "run",
        limit=4,
        progress=False,
        allow_code=True,
    )
    results = _results(run_dir)
    tests = {t["name"]: t for t in results["tests"]}
    assert results["model"]["kind"] == "hf-qa"
    assert tests["multiple_choice"]["counts"]["skipped_model_cannot_serve"] == 1
    items = [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]
    extractive = [i for i in items if i["test"] == "extractive"]
    assert len(extractive) == 4
    for item in extractive:
        response = item["response"]
        # Every non-empty answer is the context's text at its offsets.
        if response["text"]:
            context = item["fields"]["context"]
            assert context[response["start"] : response["end"]] == response["text"]
        assert 0.0 <= response["no_answer_probability"] <= 1.0


def test_failure_view_highlights_and_escapes(tmp_path):
    suite = tmp_path / "esc.yaml"
    suite.write_text(
        """\
name: esc
task: extractive_qa
model: python:helpers.rc_mock_models:last_capitalised_word
tests:
  - name: qa
    kind: squad
    data:
      source: inline
      examples:
        - context: "<b>Ada</b> met Lord Byron in London."
          question: "Who met Lord Byron?"
          answers: [{text: "<b>Ada</b>", start: 0}]
""",
        encoding="utf-8",
    )
    run_dir = run_suite(
        suite,
        model_options={"serves": "extract_span"},
        out_dir=tmp_path / "run",
        progress=False,
        allow_code=True,
    )
    report = (run_dir / "report.html").read_text()
    [failure] = _results(run_dir)["tests"][0]["sections"]["squad"]["failures"]
    assert failure["prediction"] == "London"
    assert '<mark class="gold">&lt;b&gt;Ada&lt;/b&gt;</mark>' in report
    assert '<mark class="predicted">London</mark>' in report
    assert "<b>Ada</b>" not in report


def test_suite_runs_with_a_local_hf_causal_checkpoint(tmp_path):
    from helpers.tiny_models import build_tiny_causal_lm

    path = build_tiny_causal_lm(tmp_path / "lm", "gpt2")
    run_dir = run_suite(
        SUITE,
        model=f"hf-causal:{path}",
        out_dir=tmp_path / "run",
        limit=2,
        progress=False,
        allow_code=True,
    )
    results = _results(run_dir)
    assert results["model"]["kind"] == "hf-causal"
    tests = {t["name"]: t for t in results["tests"]}
    # A prompted LM serves every test of the suite: extractive and distractor questions
    # by generation, multiple choice by the log-likelihood of each option.
    assert not any("skipped_model_cannot_serve" in t["counts"] for t in tests.values())
    items = [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]
    extractive = [i for i in items if i["test"] == "extractive"]
    assert len(extractive) == 2 and all("generated" in i["response"] for i in extractive)
    choices = [i for i in items if i["test"] == "multiple_choice"]
    assert choices and all(len(i["response"]["loglikelihoods"]) == 4 for i in choices)
    assert tests["distractor"]["sections"]["distractor"]["n_with_distractor"] >= 1


@pytest.mark.parametrize(
    ("version", "keys", "absent"),
    [
        ("1.1", {"exact_match", "f1"}, {"exact", "HasAns_exact"}),
        ("2.0", {"exact", "f1"}, {"exact_match"}),
    ],
)
def test_the_official_section_follows_the_tasks_squad_version(
    tmp_path: Path, version: str, keys: set[str], absent: set[str]
) -> None:
    """v1.1 data gets the v1.1 script's keys (exact_match, f1), v2.0 data the v2.0 ones."""
    suite = tmp_path / "squad.yaml"
    suite.write_text(
        "name: squad_version\n"
        "task: extractive_qa\n"
        "seed: 17\n"
        f'task_options: {{squad_version: "{version}"}}\n'
        "tests:\n"
        "  - name: extractive\n"
        "    kind: squad\n"
        "    data: {source: builtin, name: rc-core, split: test}\n"
        "    metrics: [exact_match, f1]\n",
        encoding="utf-8",
    )
    run_dir = run_suite(
        suite,
        model="python:helpers.rc_mock_models:last_capitalised_word",
        model_options={"serves": "extract_span"},
        out_dir=tmp_path / "run",
        limit=12,
        progress=False,
        render_report=False,
        allow_code=True,
    )
    (test,) = _results(run_dir)["tests"]
    official = test["sections"]["squad"]["official"]
    assert official["version"] == version
    assert keys <= official.keys() and not absent & official.keys()
    main_key = "exact_match" if version == "1.1" else "exact"
    assert official[main_key] == pytest.approx(100 * test["metrics"]["exact_match"]["value"])
