"""Data paths are literal, and only regular files are read.

``b[1].jsonl`` names that file, not ``b1.jsonl``; ``q?.jsonl`` is not three files;
``$HOME`` is not expanded; ``/dev/zero`` and a FIFO are refused at once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.suites import nli_rows
from test_cli import harness

SUITE = """\
name: literal
task: nli
labels: [entailment, neutral, contradiction]
seed: 7
model: "python:helpers.mock_models:word_rules"
bootstrap_resamples: 200
tests:
  - name: pairs
    data: {{source: file, path: {path}, format: {format}}}
"""


def write_rows(path: Path, rows: list[dict], file_format: str) -> None:
    if file_format == "json":
        path.write_text(json.dumps(rows))
    else:
        path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def validate(tmp_path: Path, data_path: str, file_format: str = "jsonl", timeout: float = 600):
    (tmp_path / "suite.yaml").write_text(
        SUITE.format(path=json.dumps(data_path), format=file_format)
    )
    return harness(
        "run",
        "suite.yaml",
        "--allow-code",
        "--out",
        "out",
        "--quiet",
        "--no-cache",
        cwd=tmp_path,
        timeout=timeout,
    )


@pytest.mark.parametrize("file_format", ["jsonl", "json"])
def test_glob_characters_name_one_file(tmp_path: Path, file_format: str) -> None:
    rows = nli_rows(12)
    write_rows(tmp_path / f"b[1].{file_format}", rows[:3], file_format)
    write_rows(tmp_path / f"b1.{file_format}", rows[3:9], file_format)
    for name in ("q1", "q2", "q3"):
        write_rows(tmp_path / f"{name}.{file_format}", rows[:4], file_format)
    result = validate(tmp_path, f"b[1].{file_format}", file_format)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]["n"] == 3
    missing = validate(tmp_path, f"q?.{file_format}", file_format)
    assert missing.returncode == 2 and "file not found" in missing.stderr


def test_a_variable_is_not_expanded(tmp_path: Path) -> None:
    write_rows(tmp_path / "real.jsonl", nli_rows(6), "jsonl")
    (tmp_path / "suite.yaml").write_text(SUITE.format(path='"$DATA_NAME.jsonl"', format="jsonl"))
    run = harness(
        "run", "suite.yaml", "--allow-code", "--out", "out", "--quiet", "--no-cache",
        cwd=tmp_path, env={"DATA_NAME": "real"},
    )  # fmt: skip
    assert run.returncode == 2 and "$DATA_NAME.jsonl" in run.stderr
    assert "file not found" in run.stderr


def test_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    result = validate(tmp_path, "/dev/zero", timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "not a regular file" in result.stderr


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    # Nothing ever writes to the FIFO: a reader would wait forever.
    result = validate(tmp_path, "pipe.jsonl", timeout=120)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stderr
