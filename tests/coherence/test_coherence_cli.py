"""``harness run`` on planted generators: each failing is found by its metric, and only it.

Four ``python:`` generators (tests/helpers/coherence_models.py) run through the real CLI
with a rule judge that is reliable on the control set: one loops, one contradicts
itself, one answers paraphrases differently, one is coherent. Then the evidence in the
report, the gate on the coherence metrics, a judge below its floor, and bad input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.coherence_models import MARKUP
from test_cli import harness

PLANTED_SUITE = """\
name: planted_coherence
task: generation
seed: 5
bootstrap_resamples: 300
tests:
  - name: open
    kind: coherence
    data:
      source: generator
      name: coherence_prompts
      params: {genres: [continuation, story]}
      limit: 16
    decoding: {max_tokens: 64}
    judge: python:helpers.coherence_models:rule_judge
    slice_by: [genre]
  - name: factual
    kind: coherence
    data: {source: generator, name: coherence_prompts, params: {genres: [factual]}, limit: 14}
    decoding: {max_tokens: 16, stop: ["\\n"]}
    judge: python:helpers.coherence_models:rule_judge
"""

GATE = """\
checks:
  - {test: open, metric: loop_rate}
  - {test: open, metric: seq_rep_4}
  - {test: open, metric: distinct_2}
  - {test: factual, metric: paraphrase_inconsistency_rate}
"""

#: generator -> the one finding it plants (None: a coherent model, no finding).
PLANTED = {
    "looping": "open/loop_rate",
    "contradicting": "open/self_contradiction_rate",
    "inconsistent": "factual/paraphrase_inconsistency_rate",
    "coherent": None,
}


def run(directory: Path, generator: str, *extra: str):
    return harness(
        "run",
        "suite.yaml",
        "--model",
        f"python:helpers.coherence_models:{generator}",
        "--model-option",
        "serves=generate",
        # The suite's judges are python: callables it names.
        "--allow-code",
        "--out",
        f"out-{generator}",
        "--quiet",
        *extra,
        cwd=directory,
    )


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("planted")
    (directory / "suite.yaml").write_text(PLANTED_SUITE)
    for generator in PLANTED:
        result = run(directory, generator)
        assert result.returncode == 0, result.stderr
    return directory


def results(directory: Path, name: str) -> dict:
    return json.loads((directory / name / "results.json").read_text())


def metric_values(record: dict) -> dict[tuple[str, str], float]:
    return {
        (test["name"], name): metric["value"]
        for test in record["tests"]
        for name, metric in test["metrics"].items()
    }


@pytest.mark.slow
@pytest.mark.parametrize("generator", PLANTED)
def test_each_planted_failing_is_found_by_its_metric_and_only_that_one(planted, generator):
    record = results(planted, f"out-{generator}")
    findings = [f for f in record["findings"] if f["status"] == "finding"]
    expected = PLANTED[generator]
    assert [f["key"] for f in findings] == ([expected] if expected else [])
    values = metric_values(record)
    rates = {
        ("open", "loop_rate"): generator == "looping",
        ("factual", "loop_rate"): False,
        ("open", "self_contradiction_rate"): generator == "contradicting",
        ("factual", "paraphrase_inconsistency_rate"): generator == "inconsistent",
    }
    for key, planted_here in rates.items():
        if key in values:
            assert values[key] == (1.0 if planted_here else 0.0), key
    # Every generation of the looping model repeats; the coherent one never does.
    assert (values[("open", "seq_rep_4")] > 0.5) == (generator == "looping")
    if generator == "coherent":
        assert values[("open", "seq_rep_4")] == 0.0
    # Single-sentence texts cannot contradict themselves: no number, not a zero.
    if generator == "looping":
        assert ("open", "self_contradiction_rate") not in values


@pytest.mark.slow
def test_findings_and_judge_reliability_are_reported_beside_the_judged_numbers(planted):
    record = results(planted, "out-contradicting")
    open_test = record["tests"][0]
    section = open_test["sections"]["coherence"]
    judge = section["judge"]
    assert judge["spec"] == "python:helpers.coherence_models:rule_judge"
    assert judge["reliability"]["accuracy"]["value"] == 1.0 and judge["control_set_size"] == 90
    assert judge["trusted"]["self_contradiction"]["trusted"]
    assert section["contradictions"]["n_contradicting"] == 16
    assert section["contradictions"]["chance"] == 0.0
    pair = section["contradictions"]["examples"][0]["pairs"][0]
    assert pair["first"].endswith("is open at nine in the morning.")
    assert pair["second"].endswith("is not open at nine in the morning.")
    assert pair["directions"] == 2
    finding = record["findings"][0]
    assert finding["n"] == 16 and finding["null"] == pytest.approx(0.02)


@pytest.mark.slow
def test_decoding_settings_are_recorded_with_every_item(planted):
    rows = [
        json.loads(line)
        for line in (planted / "out-inconsistent" / "items.jsonl").read_text().splitlines()
    ]
    open_rows = [row for row in rows if row["test"] == "open"]
    factual = [row for row in rows if row["test"] == "factual"]
    assert len(open_rows) == 16 and len(factual) == 14
    assert all(
        row["request"]["max_tokens"] == 64
        and row["request"]["temperature"] == 0.0
        and row["request"]["stop"] == []
        for row in open_rows
    )
    assert all(row["request"]["stop"] == ["\n"] for row in factual)
    # A factual item keeps its three phrasings and their answers.
    phrasings = factual[0]["response"]["phrasings"]
    assert len(phrasings) == 3 and phrasings[0]["prompt"] == factual[0]["request"]["prompt"]
    assert len({p["text"] for p in phrasings}) > 1
    assert factual[0]["scores"]["paraphrase_inconsistent"] == 1.0
    section = results(planted, "out-inconsistent")["tests"][1]["sections"]["coherence"]
    assert section["decoding"] == {"max_tokens": 16, "temperature": 0.0, "stop": ["\n"]}
    assert section["n_generations"] == 42 and section["n_paraphrase_sets"] == 14


@pytest.mark.slow
def test_the_report_shows_loops_and_contradicting_pairs(planted):
    looping = (planted / "out-looping" / "report.html").read_text()
    assert '<mark class="loop">and the wind kept blowing and the wind kept blowing' in looping
    assert "Most repetitive generations (16 repeat a 4-gram or loop, worst 10 shown)" in looping
    contradicting = (planted / "out-contradicting" / "report.html").read_text()
    assert "Generations that contradict themselves (16 of 16 judged, 10 shown)" in contradicting
    assert contradicting.count('<span class="word-diff-label">sentence 1</span>') == 10
    assert "judged both ways" in contradicting
    assert "How far the judge can be trusted" in contradicting
    inconsistent = (planted / "out-inconsistent" / "report.html").read_text()
    assert "Questions answered differently when asked in other words (14 of 14 sets" in inconsistent


@pytest.mark.slow
def test_the_gate_fails_a_looping_candidate_on_the_coherence_metrics(planted):
    (planted / "gate.yaml").write_text(GATE)
    result = harness(
        "gate",
        "out-coherent",
        "out-looping",
        "--config",
        "gate.yaml",
        "--json",
        "gate.json",
        "--no-html",
        cwd=planted,
    )
    assert result.returncode == 1, result.stderr
    checks = {
        (c["test"], c["metric"]): c["outcome"]
        for c in json.loads((planted / "gate.json").read_text())["checks"]
        if c["slice"] is None
    }
    assert checks[("open", "loop_rate")] == "FAIL"
    assert checks[("open", "seq_rep_4")] == "FAIL"
    assert checks[("open", "distinct_2")] == "FAIL"
    assert checks[("factual", "paraphrase_inconsistency_rate")] == "PASS"
    same = harness(
        "gate", "out-coherent", "out-coherent", "--config", "gate.yaml", "--no-html", cwd=planted
    )
    assert same.returncode == 0, same.stdout + same.stderr


@pytest.mark.slow
def test_a_judge_below_its_floor_shows_its_numbers_but_makes_no_finding(planted):
    result = run(
        planted, "contradicting", "--judge", "python:helpers.coherence_models:always_contradiction"
    )
    assert result.returncode == 0, result.stderr
    record = json.loads((planted / "out-contradicting" / "results.json").read_text())
    section = record["tests"][0]["sections"]["coherence"]
    judge = section["judge"]
    assert judge["spec"] == "python:helpers.coherence_models:always_contradiction"
    assert judge["reliability"]["accuracy"]["value"] == pytest.approx(1 / 3)
    assert not judge["trusted"]["self_contradiction"]["trusted"]
    assert (
        "false-contradiction rate 1.00 > 0.10" in judge["trusted"]["self_contradiction"]["reasons"]
    )
    assert record["tests"][0]["metrics"]["self_contradiction_rate"]["value"] == 1.0
    assert not [f for f in record["findings"] if "contradiction" in f["key"]]
    report = (planted / "out-contradicting" / "report.html").read_text()
    assert "<strong>not a finding</strong>: the judge is below its floor" in report
    assert "Control pairs the judge gets wrong (60)" in report


def test_markup_from_a_model_appears_only_escaped(tmp_path):
    (tmp_path / "suite.yaml").write_text(PLANTED_SUITE.replace("limit: 16", "limit: 2"))
    result = run(tmp_path, "malicious")
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "out-malicious" / "report.html").read_text()
    assert MARKUP not in report and "<img" not in report
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in report
    section = results(tmp_path, "out-malicious")["tests"][0]["sections"]["coherence"]
    assert section["repetition"]["worst"][0]["looped"]
    assert section["contradictions"]["n_contradicting"] == 2


def test_bad_judge_options_fail_in_one_line(tmp_path):
    (tmp_path / "suite.yaml").write_text(PLANTED_SUITE)
    unknown = run(tmp_path, "coherent", "--judge", "hf-clasifier:./x")
    assert unknown.returncode == 2
    assert len(unknown.stderr.strip().splitlines()) == 1
    assert "--judge: " in unknown.stderr and "did you mean 'hf-classifier'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    missing = run(tmp_path, "coherent", "--judge", "hf-classifier:./no-such-judge")
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert "--judge: missing hf-classifier:./no-such-judge" in missing.stderr
    alone = run(tmp_path, "coherent", "--judge-option", "batch_size=4")
    assert alone.returncode == 2 and "--judge-option needs --judge" in alone.stderr
    (tmp_path / "suite.yaml").write_text(
        PLANTED_SUITE.replace(
            "judge: python:helpers.coherence_models:rule_judge", "judge: nope:x", 1
        )
    )
    located = harness("validate", "suite.yaml", "--allow-code", cwd=tmp_path)
    assert located.returncode == 2
    assert "suite.yaml:14: tests[0].judge: unknown model 'nope'" in located.stderr
    assert not (tmp_path / "out-coherent").exists()
