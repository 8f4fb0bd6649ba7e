"""harness doctor: every resource a suite needs, present or missing, before any work."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from harness.cli import main


def write_suite(tmp_path: Path, model: str, data_path: str, use_wordnet: str = "yes") -> Path:
    suite = {
        "name": "doctor_demo",
        "task": "nli",
        "labels": ["entailment", "neutral", "contradiction"],
        "model": model,
        "tests": [
            {"name": "from_file", "data": {"source": "file", "path": data_path}},
            {
                "name": "capabilities",
                "data": {
                    "source": "generator",
                    "name": "capabilities",
                    "params": {"use_wordnet": use_wordnet},
                },
            },
            {
                "name": "synonyms",
                "data": {"source": "builtin", "name": "nli-core", "split": "test"},
                "perturb": ["synonym"],
            },
        ],
    }
    path = tmp_path / "suite.yaml"
    path.write_text(yaml.safe_dump(suite, sort_keys=False))
    return path


@pytest.fixture
def no_wordnet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-wordnet"
    empty.mkdir()
    monkeypatch.setenv("HARNESS_WORDNET_DIR", str(empty))


def test_doctor_lists_missing_model_wordnet_and_data(tmp_path: Path, no_wordnet, capsys) -> None:
    suite = write_suite(tmp_path, "hf-classifier:no-such-org/no-such-model", "missing.jsonl")
    code = main(["doctor", str(suite), "--allow-code"])
    out = capsys.readouterr().out
    assert code == 2
    missing = [line.strip() for line in out.splitlines() if line.strip().startswith("MISSING")]
    assert len(missing) == 4, out
    model, data, wordnet_generator, wordnet_transform = missing
    assert "hf-classifier:no-such-org/no-such-model" in model and "HF_HUB_OFFLINE=1" in model
    assert f"{tmp_path / 'missing.jsonl'}: file not found" in data
    assert "capabilities generator" in wordnet_generator and "wordnet-base" in wordnet_generator
    assert "transform synonym" in wordnet_transform and "wordnet-base" in wordnet_transform
    assert "4 required resource(s) missing" in out
    # What is there is listed as present.
    assert any(
        line.strip().startswith("ok") and "nli-core/test" in line for line in out.splitlines()
    )


def test_optional_wordnet_is_reported_but_not_fatal(tmp_path: Path, no_wordnet, capsys) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text('{"premise": "a", "hypothesis": "b", "label": "neutral"}\n')
    suite = write_suite(tmp_path, "python:helpers.mock_models:word_rules", str(data), "auto")
    suite_data = yaml.safe_load(suite.read_text())
    suite_data["tests"] = suite_data["tests"][:2]  # no synonym transform
    suite.write_text(yaml.safe_dump(suite_data))
    assert main(["doctor", str(suite), "--allow-code"]) == 0
    out = capsys.readouterr().out
    assert "absent   wordnet" in out and "everything this suite needs is here" in out


def test_run_stops_before_any_work_with_one_line_per_missing_resource(
    tmp_path: Path, no_wordnet, capsys
) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text('{"premise": "a", "hypothesis": "b", "label": "neutral"}\n')
    # use_wordnet: auto — WordNet is optional for the generator, required by the transform.
    suite = write_suite(tmp_path, "hf-classifier:no-such-org/no-such-model", str(data), "auto")
    out_dir = tmp_path / "run"
    code = main(["run", str(suite), "--allow-code", "--out", str(out_dir), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert not out_dir.exists()
    lines = err.strip().splitlines()
    # The model is not loaded yet (loading reports its own, located error): WordNet first.
    assert len(lines) == 1, err
    assert lines[0].startswith("harness: error: missing test 'synonyms': transform synonym: ")
    assert "wordnet-base" in lines[0]


def test_doctor_with_everything_present(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text('{"premise": "a", "hypothesis": "b", "label": "neutral"}\n')
    suite = write_suite(tmp_path, "python:helpers.mock_models:word_rules", str(data), "no")
    from harness.nltk_data import system_wordnet_dir

    if system_wordnet_dir() is None:
        pytest.skip("WordNet is not installed here")
    assert main(["doctor", str(suite), "--allow-code"]) == 0
    out = capsys.readouterr().out
    assert "MISSING" not in out
    assert "module helpers.mock_models importable" in out


def test_a_missing_local_directory_is_a_missing_model_not_an_internal_error(
    tmp_path: Path, capsys
) -> None:
    # "./no-such-dir" can only be a path: the hub cache is not asked about it.
    suite = write_suite(tmp_path, "hf-classifier:./no-such-dir", "missing.jsonl")
    code = main(["doctor", str(suite), "--allow-code"])
    out = capsys.readouterr().out
    assert code == 2
    model = next(
        line for line in out.splitlines() if line.strip().startswith("MISSING") and "model" in line
    )
    assert "hf-classifier:./no-such-dir" in model
    assert "no such model directory" in model
