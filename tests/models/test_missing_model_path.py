"""A model path that does not exist is reported as a missing path, before anything else
runs, whether it comes from ``--model`` or the suite, and by run, validate and doctor alike:
never as a hub model that could not be downloaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from harness.cli import main
from harness.models.hf_loading import could_be_hub_id, local_model_problem

HF_KINDS = ["hf-classifier", "hf-causal", "hf-masked", "hf-qa", "hf-mc"]


def _suite(tmp_path: Path, model: str) -> Path:
    """A suite whose data file is missing too: the model's error must come first."""
    suite = {
        "name": "missing_model",
        "task": "nli",
        "labels": ["entailment", "neutral", "contradiction"],
        "model": model,
        "tests": [{"name": "pairs", "data": {"source": "file", "path": "absent.jsonl"}}],
    }
    path = tmp_path / "suite.yaml"
    path.write_text(yaml.safe_dump(suite, sort_keys=False))
    return path


@pytest.mark.parametrize("kind", HF_KINDS)
def test_run_with_a_missing_local_path_on_model_says_so_first(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = _suite(tmp_path, "reference")
    code = main(["run", str(suite), "--model", f"{kind}:./checkpoints/my-nli-model", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        "harness: error: --model: ./checkpoints/my-nli-model: no such model directory"
    ]


def test_the_same_spec_in_the_suite_names_the_suite_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = _suite(tmp_path, "hf-classifier:./checkpoints/my-nli-model")
    line = 1 + suite.read_text().splitlines().index(
        "model: hf-classifier:./checkpoints/my-nli-model"
    )
    for command in (["run", str(suite), "--quiet"], ["validate", str(suite)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err.splitlines()[-1] == (
            f"harness: error: {suite}:{line}: model: ./checkpoints/my-nli-model: no such model directory"
        )
        assert "huggingface-cli" not in err and "hub" not in err


def test_doctor_reports_a_missing_path_without_blaming_the_hub(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = _suite(tmp_path, "reference")
    code = main(["doctor", str(suite), "--model", "hf-classifier:./checkpoints/my-nli-model"])
    out = capsys.readouterr().out
    assert code == 2
    (model,) = [line.strip() for line in out.splitlines() if line.split()[1:2] == ["model"]]
    assert model.split() == [
        "MISSING",
        "model",
        "hf-classifier:./checkpoints/my-nli-model:",
        "no",
        "such",
        "model",
        "directory",
    ]


def test_a_directory_without_a_saved_model_and_a_file_are_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "weights.bin").write_bytes(b"\0")
    assert "no config.json" in str(local_model_problem(str(tmp_path / "empty")))
    assert "a file, not a model directory" in str(
        local_model_problem(str(tmp_path / "weights.bin"))
    )
    # A name that could be a hub id is left to the hub lookup (and its offline message).
    assert local_model_problem("roberta-large-mnli") is None


@pytest.mark.parametrize(
    ("target", "hub"),
    [
        ("roberta-large-mnli", True),
        ("facebook/bart-large-mnli", True),
        ("bert_base.v2", True),
        ("./ckpt", False),
        ("../ckpt", False),
        ("/models/nli", False),
        ("~/models/nli", False),
        ("runs/checkpoints/nli", False),
        ("my model", False),
        ("org/-name", False),
        ("a--b", False),
        ("x" * 97, False),
    ],
)
def test_what_can_be_a_hub_id(target: str, hub: bool) -> None:
    assert could_be_hub_id(target) is hub
