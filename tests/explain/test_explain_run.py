"""Explanations of a whole run: what a run explains by default, ``harness explain RUN_DIR``,
warm re-runs, collapsed labels end to end, and an explanation's size on a huge input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import mock_models
from helpers.suites import write_suite
from test_cli import harness

from harness.explain import TOP_WORDS_PER_FIELD, IntegratedGradientsAttributor, words_of
from harness.runner import run_suite


def sections(run: Path) -> dict[str, Any]:
    results = json.loads((run / "results.json").read_text())
    return {t["name"]: t["sections"].get("explanations") for t in results["tests"]}


COLLAPSED = """\
name: collapsed
task: nli
labels: [entailment, neutral, contradiction]
seed: 3
model: "python:helpers.mock_models:not_detector"
tests:
  - name: binary
    label_mapping: {neutral: non-entailment, contradiction: non-entailment}
    data:
      source: inline
      examples:
        - {id: a, premise: "The cat sleeps.", hypothesis: "The cat is not awake.", label: entailment}
        - {id: b, premise: "A man sings.", hypothesis: "A man is not silent.", label: entailment}
        - {id: c, premise: "A dog runs.", hypothesis: "A dog runs.", label: entailment}
"""


def test_a_collapsed_label_is_explained_as_the_sum_of_its_members(tmp_path: Path) -> None:
    # not_detector answers contradiction (0.9) on "not": the test's "non-entailment" is
    # neutral + contradiction (0.95), and without "not" it falls to 0.1.
    (tmp_path / "suite.yaml").write_text(COLLAPSED, encoding="utf-8")
    run = run_suite(
        tmp_path / "suite.yaml", out_dir=tmp_path / "run", progress=False, allow_code=True
    )
    section = sections(run)["binary"]
    assert section["n_failing"] == 2 and section["n_explained"] == 2
    for item in section["items"]:
        assert item["label"] == "non-entailment"
        assert item["members"] == ["neutral", "contradiction"]
        scores = {word: score for word, score, _ in item["fields"]["hypothesis"]}
        assert scores.pop("not") == pytest.approx(0.95 - 0.1)
        assert set(scores.values()) == {0.0}


def _litotes(n: int) -> str:
    """Entailed pairs whose hypothesis says "not" (not_detector gets them wrong), and
    plain ones it gets right, tagged by kind."""
    rows = []
    for i in range(n):
        if i % 3:
            rows.append(
                f'{{id: l{i}, premise: "Cat {i} sleeps.", hypothesis: "Cat {i} is not awake.",'
                f" label: entailment, kind: litotes}}"
            )
        else:
            rows.append(
                f'{{id: p{i}, premise: "Dog {i} runs.", hypothesis: "Dog {i} moves.",'
                f" label: entailment, kind: plain}}"
            )
    return "\n".join(f"        - {row}" for row in rows)


def litotes_suite(directory: Path, n: int = 30) -> Path:
    suite = directory / "suite.yaml"
    suite.write_text(
        f"""\
name: litotes
task: nli
labels: [entailment, neutral, contradiction]
seed: 3
model: "python:helpers.mock_models:not_detector"
tests:
  - name: pairs
    slice_by: [kind]
    data:
      source: inline
      examples:
{_litotes(n)}
  - name: pairs_binary
    slice_by: [kind]
    label_mapping: {{neutral: non-entailment, contradiction: non-entailment}}
    data:
      source: inline
      examples:
{_litotes(n)}
""",
        encoding="utf-8",
    )
    return suite


def test_harness_explain_adds_what_a_run_would_have_explained(tmp_path: Path) -> None:
    suite = litotes_suite(tmp_path)
    made_with = run_suite(
        suite,
        out_dir=tmp_path / "with",
        progress=False,
        cache_dir=tmp_path / "cache-a",
        allow_code=True,
    )
    without = run_suite(
        suite,
        out_dir=tmp_path / "without",
        progress=False,
        explain_failures=0,
        cache_dir=tmp_path / "cache-b",
        allow_code=True,
    )
    assert all(s is None for s in sections(without).values())
    assert all(s["n_failing"] == 20 for s in sections(made_with).values())
    report_before = (without / "report.html").read_text()
    assert "No word attributions in this run" in report_before
    result = harness(
        "explain",
        str(without),
        "--allow-code",
        "--quiet",
        "--cache-dir",
        str(tmp_path / "cache-b"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "failures explained" in result.stdout
    assert sections(without) == sections(made_with)
    # The report was rendered again from the new results.
    report = (without / "report.html").read_text()
    assert "No word attributions in this run" not in report and "explained-item" in report
    # More on request: --n 20 for one test; failures explained before stay explained.
    result = harness(
        "explain",
        str(without),
        "--allow-code",
        "--test",
        "pairs",
        "--n",
        "20",
        "--quiet",
        "--cache-dir",
        str(tmp_path / "cache-b"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    after = sections(without)
    assert after["pairs"]["n_explained"] == min(20, after["pairs"]["n_failing"])
    assert after["pairs"]["n_explained"] > sections(made_with)["pairs"]["n_explained"]
    assert after["pairs_binary"] == sections(made_with)["pairs_binary"]
    before_ids = {i["id"] for i in sections(made_with)["pairs"]["items"]}
    assert before_ids <= {i["id"] for i in after["pairs"]["items"]}


def test_harness_explain_refuses_another_model_and_unknown_tests(tmp_path: Path) -> None:
    suite = litotes_suite(tmp_path, n=6)
    run = run_suite(
        suite, out_dir=tmp_path / "run", progress=False, explain_failures=0, allow_code=True
    )
    unknown = harness("explain", str(run), "--allow-code", "--test", "nope", cwd=tmp_path)
    assert unknown.returncode == 2 and "no such test" in unknown.stderr
    other = harness(
        "explain", str(run), "--allow-code", "--model-option", "label_map.x=y", cwd=tmp_path
    )
    assert other.returncode == 2 and "harness: error:" in other.stderr
    assert len(other.stderr.strip().splitlines()) == 1
    missing = harness("explain", str(tmp_path / "nowhere"), "--allow-code", cwd=tmp_path)
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_a_warm_rerun_computes_no_attribution(
    tmp_path: Path, tiny_bert: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = write_suite(tmp_path, n=24, model=f"hf-classifier:{tiny_bert}")
    options: dict[str, Any] = {"progress": False, "render_report": False}
    options["cache_dir"] = tmp_path / "cache"
    cold = run_suite(
        suite, out_dir=tmp_path / "cold", explain_gradients=2, **options, allow_code=True
    )
    methods = {name: s["methods"] for name, s in sections(cold).items() if s}
    assert any("integrated_gradients" in m for m in methods.values()), methods
    assert any("occlusion" in m for m in methods.values()), methods

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an attribution was computed again in a warm run")

    monkeypatch.setattr(IntegratedGradientsAttributor, "compute", refuse)
    from harness.models.hf import HFClassifier

    monkeypatch.setattr(HFClassifier, "classify_inputs", refuse)  # occlusion's variants too
    warm = run_suite(
        suite, out_dir=tmp_path / "warm", explain_gradients=2, **options, allow_code=True
    )
    assert sections(warm) == sections(cold)


def test_an_explanation_is_bounded_whatever_the_input_length(tmp_path: Path) -> None:
    # A 40,000-word premise: occlusion scores its first words (a million would cost a
    # million predictions), the explanation keeps the largest few, and counts the rest.
    premise = " ".join(f"w{i}" for i in range(40_000))
    rows = [
        {"id": "long", "premise": premise, "hypothesis": "It is not so.", "label": "entailment"}
    ]
    (tmp_path / "long.jsonl").write_text(json.dumps(rows[0]) + "\n")
    (tmp_path / "suite.yaml").write_text(
        "name: long\ntask: nli\nlabels: [entailment, neutral, contradiction]\nseed: 1\n"
        'model: "python:helpers.mock_models:not_detector"\n'
        "tests:\n  - name: t\n    data: {source: file, path: long.jsonl}\n"
    )
    calls = len(mock_models.CALLS)
    run = run_suite(
        tmp_path / "suite.yaml", out_dir=tmp_path / "run", progress=False, allow_code=True
    )
    assert len(mock_models.CALLS) > calls
    (item,) = sections(run)["t"]["items"]
    assert len(item["fields"]["premise"]) == TOP_WORDS_PER_FIELD
    assert item["omitted"]["premise"] == 40_000 - TOP_WORDS_PER_FIELD
    hypothesis = item["fields"]["hypothesis"]
    assert [w for w, _, _ in hypothesis] == [w for w, _, _ in words_of("It is not so.")]
    assert "hypothesis" not in item.get("omitted", {})
    size = len(json.dumps(sections(run)["t"]))
    assert size < 20_000, size
    # The report shows the kept words with a gap mark for the rest.
    report = (run / "report.html").read_text()
    assert "attr-gap" in report
