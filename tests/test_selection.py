"""``--tests NAME ...`` through the real CLI: part of a suite runs, unknown names get a
did-you-mean, analyses reading a test left out are left out with a note, and a model
that serves only one test's task (``hf-mc`` on the reading-comprehension suite) runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.suites import write_suite

from harness.cli import main

SUITES = Path(__file__).resolve().parent.parent / "suites"

ANALYSES = """\
analyses:
  - {name: heuristic_agreement, tests: [pairs_binary]}
"""


def test_run_only_the_named_tests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    suite = write_suite(tmp_path, extra=ANALYSES)
    out = tmp_path / "out"
    assert (
        main(["run", str(suite), "--allow-code", "--tests", "pairs", "--out", str(out), "--quiet"])
        == 0
    )
    err = capsys.readouterr().err
    results = json.loads((out / "results.json").read_text())
    assert [test["name"] for test in results["tests"]] == ["pairs"]
    assert results["analyses"] == {}
    assert (
        "harness: note: analysis heuristic_agreement is left out: it reads test(s) "
        "pairs_binary, not selected by --tests"
    ) in err.splitlines()
    rows = [json.loads(line) for line in (out / "items.jsonl").read_text().splitlines()]
    assert {row["test"] for row in rows} == {"pairs"}


def test_an_analysis_whose_tests_are_selected_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = write_suite(tmp_path, extra=ANALYSES)
    out = tmp_path / "out"
    assert (
        main(
            [
                "run",
                str(suite),
                "--allow-code",
                "--tests",
                "pairs_binary",
                "--out",
                str(out),
                "--quiet",
            ]
        )
        == 0
    )
    assert "left out" not in capsys.readouterr().err
    assert list(json.loads((out / "results.json").read_text())["analyses"]) == [
        "heuristic_agreement"
    ]


@pytest.mark.parametrize("command", ["run", "validate", "doctor", "export"])
def test_an_unknown_test_name_is_one_line_with_a_suggestion(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = write_suite(tmp_path)
    assert main([command, str(suite), "--tests", "pairs", "pairs_binay"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "harness: error: --tests: suite 'tiny_nli' has no test 'pairs_binay' (did you mean "
        "'pairs_binary'?); its tests: pairs, pairs_binary"
    ]
    assert not (tmp_path / "runs").exists()


def test_hf_mc_runs_the_reading_comprehension_suites_multiple_choice_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpers.tiny_models import build_tiny_bert_multiple_choice

    model = f"hf-mc:{build_tiny_bert_multiple_choice(tmp_path / 'mc')}"
    suite = str(SUITES / "reading_comprehension.yaml")
    # The whole suite: refused, naming the test the model can run and how.
    assert main(["run", suite, "--model", model, "--limit", "4", "--quiet"]) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("harness: error: --model: task 'extractive_qa' needs 'extract_span'")
    assert error.endswith(
        "it can run this suite's test(s) multiple_choice: --tests multiple_choice"
    )
    out = tmp_path / "out"
    argv = ["run", suite, "--tests", "multiple_choice", "--model", model, "--limit", "4"]
    assert main([*argv, "--out", str(out), "--quiet"]) == 0
    (test,) = json.loads((out / "results.json").read_text())["tests"]
    assert test["name"] == "multiple_choice" and test["metrics"]["accuracy"]["n"] == 4
