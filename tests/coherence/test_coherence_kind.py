"""The coherence kind in process: where paraphrases come from, models that cannot generate,
the cache, and what a run writes for each item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.generators.coherence_prompts import GENRES, CoherencePromptsGenerator
from harness.runner import run_suite

QUESTIONS_SUITE = """\
name: own_questions
task: generation
input_fields: [question]
seed: 1
bootstrap_resamples: 200
tests:
  - name: questions
    kind: coherence
    judge: python:helpers.coherence_models:rule_judge
    data:
      source: inline
      examples:
        - {id: q1, question: "What is the capital of Peru?",
           question_paraphrase: "Which city is Peru's capital?", references: [Lima]}
        - {id: q2, question: "Who wrote Hamlet?", references: [Shakespeare],
           paraphrases: ["Hamlet was written by whom?", "Name the author of Hamlet."]}
        - {id: q3, question: "How many legs does a cat have?", references: ["four"]}
"""


def run(tmp_path: Path, suite: str, model: str, **options) -> dict:
    path = tmp_path / "suite.yaml"
    path.write_text(suite)
    out = run_suite(
        path,
        model=f"python:helpers.coherence_models:{model}",
        model_options={"serves": "generate"},
        out_dir=tmp_path / f"out-{model}",
        progress=False,
        render_report=False,
        **options,
        allow_code=True,
    )
    return {
        "results": json.loads((out / "results.json").read_text()),
        "items": [json.loads(line) for line in (out / "items.jsonl").read_text().splitlines()],
    }


def test_paraphrases_come_from_the_data_or_the_question_paraphrase_transform(tmp_path):
    echoed = run(tmp_path, QUESTIONS_SUITE, "echo")
    items = {item["id"]: item for item in echoed["items"]}
    peru = items["inline:q1"]["response"]["phrasings"]
    assert [p["prompt"] for p in peru] == [
        "What is the capital of Peru?",
        "Which city is Peru's capital?",
    ]
    assert len(items["inline:q2"]["response"]["phrasings"]) == 3
    assert "phrasings" not in items["inline:q3"]["response"]  # asked one way only
    # echo answers every phrasing differently: both sets are inconsistent.
    assert items["inline:q1"]["scores"]["paraphrase_inconsistent"] == 1.0
    assert items["inline:q2"]["scores"]["paraphrase_inconsistent"] == 1.0
    assert "paraphrase_inconsistent" not in items["inline:q3"]["scores"]
    test = echoed["results"]["tests"][0]
    assert test["metrics"]["paraphrase_inconsistency_rate"]["n"] == 2
    failing = test["sections"]["coherence"]["paraphrases"]["examples"][0]["failing"][0]
    assert failing["forward"] == failing["backward"] == "neutral"
    # The same answer to every phrasing is consistent (and needs no judge call).
    constant = run(tmp_path, QUESTIONS_SUITE, "constant")
    metric = constant["results"]["tests"][0]["metrics"]["paraphrase_inconsistency_rate"]
    assert metric["value"] == 0.0 and metric["n"] == 2


def test_a_model_that_cannot_generate_skips_the_test_with_a_note(tmp_path):
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        """\
name: classifier_suite
task: nli
labels: [entailment, neutral, contradiction]
seed: 1
bootstrap_resamples: 200
tests:
  - name: nli
    data:
      source: inline
      examples:
        - {premise: "A man sleeps.", hypothesis: "A man sleeps.", label: entailment}
  - name: coherence
    kind: coherence
    data: {source: generator, name: coherence_prompts, limit: 3}
"""
    )
    out = run_suite(
        suite,
        model="python:helpers.mock_models:word_rules",
        out_dir=tmp_path / "out",
        progress=False,
        render_report=False,
        allow_code=True,
    )
    record = json.loads((out / "results.json").read_text())
    coherence = record["tests"][1]
    assert "serves no 'generate' requests" in coherence["sections"]["coherence"]["skipped"]
    assert coherence["counts"]["skipped"] == 3 and coherence["metrics"] == {}
    assert record["tests"][0]["metrics"]["accuracy"]["value"] == 1.0


def test_a_second_run_is_answered_from_the_caches_with_the_same_numbers(tmp_path):
    first = run(tmp_path, QUESTIONS_SUITE, "echo")
    second = run(tmp_path, QUESTIONS_SUITE, "echo")
    assert first["results"]["tests"][0]["metrics"] == second["results"]["tests"][0]["metrics"]
    counts = second["results"]["tests"][0]["counts"]
    assert counts["computed"] == 0 and counts["cached"] > 0


def test_without_a_judge_only_repetition_is_measured(tmp_path):
    suite = QUESTIONS_SUITE.replace(
        "judge: python:helpers.coherence_models:rule_judge", "judge: null"
    )
    record = run(tmp_path, suite, "echo")["results"]["tests"][0]
    assert set(record["metrics"]) == {"seq_rep_4", "distinct_1", "distinct_2", "loop_rate"}
    assert record["sections"]["coherence"]["judge"] is None


def test_the_built_in_prompts() -> None:
    examples = CoherencePromptsGenerator().generate(CoherencePromptsGenerator.Options(), 0)
    assert len(examples) == 100
    by_genre = {genre: [e for e in examples if e.meta["genre"] == genre] for genre in GENRES}
    assert all(len(members) == 25 for members in by_genre.values())
    for example in by_genre["factual"]:
        paraphrases = example.meta["paraphrases"]
        assert len(paraphrases) == 2 and len({example.fields["prompt"], *paraphrases}) == 3
        assert all(p.startswith("Question: ") and p.endswith("\nAnswer:") for p in paraphrases)
        assert example.fields["prompt"] == f"Question: {example.meta['question']}\nAnswer:"
    assert len({e.fields["prompt"] for e in examples}) == 100
    only = CoherencePromptsGenerator().generate(
        CoherencePromptsGenerator.Options(genres=["story"]), 0
    )
    assert {e.meta["genre"] for e in only} == {"story"} and len(only) == 25


def test_an_unknown_genre_is_a_located_suite_error(tmp_path):
    from harness.errors import SuiteError
    from harness.suite import load_suite

    path = tmp_path / "suite.yaml"
    path.write_text(
        "name: x\ntask: generation\ntests:\n  - name: t\n    kind: coherence\n"
        "    data: {source: generator, name: coherence_prompts, params: {genres: [poems]}}\n"
    )
    with pytest.raises(SuiteError, match=r"suite.yaml:6: tests\[0\]\.data\.params\.genres"):
        load_suite(path)


def test_a_missing_judge_fails_before_any_work(tmp_path):
    from harness.errors import ResourceUnavailableError

    suite = QUESTIONS_SUITE.replace(
        "python:helpers.coherence_models:rule_judge", "python:no_such_judge_module:judge"
    )
    with pytest.raises(ResourceUnavailableError, match=r"test 'questions': judge python:no_such"):
        run(tmp_path, suite, "echo")
    assert not (tmp_path / "out-echo").exists()


def test_the_kind_names_its_judge_as_a_model_resource(tmp_path, monkeypatch):
    from harness.kinds.coherence import CoherenceKind, CoherenceOptions

    monkeypatch.chdir(tmp_path)  # a relative judge path is read from here, as --model's
    data = {"source": "generator", "name": "coherence_prompts"}
    missing = CoherenceOptions(name="t", data=data, judge="hf-classifier:./no-such-dir")
    (found,) = CoherenceKind.resources(missing, "test 't'")
    assert found.kind == "model" and not found.present and found.required
    assert found.what.startswith("test 't': judge hf-classifier:./no-such-dir")
    judge = "python:helpers.coherence_models:rule_judge"
    (present,) = CoherenceKind.resources(CoherenceOptions(name="t", data=data, judge=judge), "")
    assert present.present and judge in present.what
    # No judge: repetition only, nothing to look for.
    assert (
        list(CoherenceKind.resources(CoherenceOptions(name="t", data=data, judge=None), "")) == []
    )
