"""Model specs that cannot be right whatever is on disk are refused with one line naming
the file, line and field, by validate, doctor and run alike: a target that the built-in
baselines would ignore, and a ``label_map`` naming labels the model does not have."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.cli import main

HEAD = """\
name: spec_checks
task: nli
labels: [entailment, neutral, contradiction]
"""
TESTS = """\
tests:
  - name: pairs
    data: {source: builtin, name: nli-core, split: test}
"""


def _write(tmp_path: Path, model_block: str) -> Path:
    path = tmp_path / "suite.yaml"
    path.write_text(HEAD + model_block + TESTS, encoding="utf-8")
    return path


def _one_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


@pytest.mark.parametrize("command", ["validate", "doctor", "run"])
def test_a_target_the_reference_model_would_ignore(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = _write(tmp_path, "model: reference:extra\n")
    assert main([command, str(suite), *(["--quiet"] if command == "run" else [])]) == 2
    assert _one_error(capsys) == (
        f"harness: error: {suite}:4: model: the reference model takes no target "
        "(got 'reference:extra'); write 'reference', or name another adapter (harness list models)"
    )
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("command", ["validate", "doctor", "run"])
def test_a_label_map_naming_labels_the_reference_model_lacks(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = _write(
        tmp_path,
        "model:\n  type: reference\n  label_map:\n    entailment: entailment\n    LABEL_9: neutral\n",
    )
    assert main([command, str(suite), *(["--quiet"] if command == "run" else [])]) == 2
    assert _one_error(capsys) == (
        f"harness: error: {suite}:8: model.label_map.LABEL_9: label_map names 'LABEL_9', which "
        "the reference model does not have (its labels: entailment, neutral, contradiction)"
    )


def test_the_same_mistakes_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = _write(tmp_path, "model: reference\n")
    assert main(["run", str(suite), "--model", "reference:extra", "--quiet"]) == 2
    assert _one_error(capsys).startswith("harness: error: --model: the reference model takes no")
    option = ["--model-option", "label_map.ENTAILMNT=entailment"]
    assert main(["run", str(suite), "--model", "reference", *option, "--quiet"]) == 2
    assert _one_error(capsys) == (
        "harness: error: --model: label_map names 'ENTAILMNT', which the reference model does "
        "not have (its labels: entailment, neutral, contradiction) (did you mean 'entailment'?)"
    )
    assert main(["run", str(suite), "--model", "rc-reference:x", "--quiet"]) == 2
    assert "reading-comprehension reference model takes no target" in _one_error(capsys)


def test_a_label_map_key_any_classifier_lacks_is_refused_at_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same class of mistake for an adapter whose labels are known only once it loads."""
    suite = _write(tmp_path, "model: reference\n")
    model = "python:helpers.mock_models:word_rules"
    option = ["--model-option", "label_map.contradicton=contradiction"]
    assert main(["run", str(suite), "--model", model, *option, "--quiet"]) == 2
    line = _one_error(capsys)
    assert line.startswith("harness: error: --model: label_map names 'contradicton', which")
    assert "(did you mean 'contradiction'?)" in line
