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


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("..", "outside runs/"),
        (".", "outside runs/"),
        ("...", "outside runs/"),
        # A path separator never reaches the folder: the name's pattern refuses it.
        ("../escaped", "should match pattern"),
        ("a/../../escaped", "should match pattern"),
        ("/tmp/escaped", "should match pattern"),
        ("a\\\\..\\\\b", "should match pattern"),
    ],
)
def test_a_suite_name_that_would_leave_runs_is_refused_and_nothing_is_written(
    tmp_path: Path, name: str, why: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "suite.yaml").write_text(SUITE.format(name=name))
    result = harness("run", "suite.yaml", "--quiet", cwd=work)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("harness: error: suite.yaml:1: name: ")
    assert why in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]
    assert sorted(p.name for p in work.iterdir()) == ["suite.yaml"]
