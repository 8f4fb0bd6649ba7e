"""A suite's name becomes the folder of its runs: it cannot lead outside ``runs/``."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import harness

SUITE = """\
name: "{name}"
task: nli
labels: [entailment, neutral, contradiction]
model: reference
tests:
  - name: t
    data: {{source: inline, examples: [{{premise: a, hypothesis: b, label: entailment}}]}}
"""


@pytest.mark.parametrize("name", ["..", ".", "..."])
def test_a_suite_named_with_dots_alone_is_refused_and_nothing_is_written(
    tmp_path: Path, name: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "suite.yaml").write_text(SUITE.format(name=name))
    result = harness("run", "suite.yaml", "--quiet", cwd=work)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("harness: error: suite.yaml:1: name: ")
    assert "outside runs/" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]
    assert sorted(p.name for p in work.iterdir()) == ["suite.yaml"]


@pytest.mark.parametrize("name", ["../escaped", "a/../../escaped", "/tmp/escaped", "a\\\\..\\\\b"])
def test_a_suite_name_with_a_path_separator_is_refused_and_nothing_is_written(
    tmp_path: Path, name: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "suite.yaml").write_text(SUITE.format(name=name))
    result = harness("run", "suite.yaml", "--quiet", cwd=work)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("harness: error: suite.yaml:1: name: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]
    assert sorted(p.name for p in work.iterdir()) == ["suite.yaml"]
