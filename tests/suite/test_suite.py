"""Suite schema: errors name the file, line and field, with a did-you-mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.errors import SuiteError
from harness.suite import load_suite

VALID = """\
name: tiny
task: nli
labels: [entailment, neutral, contradiction]
seed: 3
tests:
  - name: inline_test
    data:
      source: inline
      examples:
        - {premise: A man sleeps., hypothesis: A man is asleep., label: entailment}
        - {premise: A man sleeps., hypothesis: A man runs., label: contradiction}
    slice_by: [phenomenon]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "suite.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> SuiteError:
    with pytest.raises(SuiteError) as caught:
        load_suite(write(tmp_path, text))
    return caught.value


def test_valid_suite_loads_with_defaults(tmp_path: Path) -> None:
    suite = load_suite(write(tmp_path, VALID))
    assert suite.name == "tiny"
    assert suite.input_fields == ("premise", "hypothesis")
    assert suite.model.kind == "reference"
    assert suite.tests[0].kind == "evaluate"
    assert suite.tests[0].spec.metrics is None  # the task's defaults
    assert suite.make_task().default_metrics[0] == "accuracy"
    assert len(suite.hash) == 16


def test_typo_in_top_level_key_names_line_and_suggestion(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("seed: 3", "sede: 3"))
    assert error.line == 4
    assert "unknown key 'sede'" in str(error)
    assert "did you mean 'seed'" in str(error)
    assert str(error).startswith(f"{tmp_path / 'suite.yaml'}:4: sede: ")


def test_typo_in_test_key_points_into_the_test(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("slice_by:", "slice_bye:"))
    assert error.line == 12
    assert error.field == "tests[0].slice_bye"
    assert "did you mean 'slice_by'" in str(error)


def test_typo_in_data_key_uses_the_source_schema(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("examples:", "exampels:"))
    assert error.line == 9
    assert "did you mean 'examples'" in str(error)


def test_unknown_source_and_metric_suggest_names(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("source: inline", "source: inlne"))
    assert error.line == 8 and "did you mean 'inline'" in str(error)
    text = VALID + "    metrics: [accuracy, macro_f2]\n"
    error = error_for(tmp_path, text)
    assert error.line == 13 and "did you mean 'macro_f1'" in str(error)


def test_missing_key_and_bad_value(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("task: nli\n", ""))
    assert "task" in str(error) and "required" in str(error)
    error = error_for(tmp_path, VALID.replace("task: nli", "task: poetry"))
    assert error.line == 2 and "unknown task 'poetry'" in str(error)


def test_invalid_yaml_and_duplicate_keys(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("contradiction]\nseed", "contradiction\nseed"))
    assert error.line is not None and "invalid YAML" in str(error)
    error = error_for(tmp_path, VALID.replace("seed: 3", "seed: 3\nseed: 4"))
    assert error.line == 5 and "duplicate key 'seed'" in str(error)


def test_duplicate_test_names_are_rejected(tmp_path: Path) -> None:
    test_block = VALID.split("tests:\n")[1]
    error = error_for(tmp_path, VALID + test_block)
    assert "used twice" in str(error)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="file not found"):
        load_suite(tmp_path / "nope.yaml")


def test_hash_ignores_model_but_not_tests(tmp_path: Path) -> None:
    base = load_suite(write(tmp_path, VALID)).hash
    other_model = load_suite(write(tmp_path, VALID + "model: hf-classifier:x\n")).hash
    other_seed = load_suite(write(tmp_path, VALID.replace("seed: 3", "seed: 4"))).hash
    assert base == other_model
    assert base != other_seed


def test_shipped_suites_validate() -> None:
    root = Path(__file__).resolve().parents[2] / "suites"
    paths = sorted(root.glob("*.yaml"))
    assert paths, root
    for path in paths:
        suite = load_suite(path)
        assert suite.tests, path
