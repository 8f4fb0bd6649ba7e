"""``harness report``, ``compare`` and ``gate`` refuse a damaged run folder with one line.

An edited results.json (a proportion of 7.5, a number written as a string, outcome
counts that do not add up) and an items.jsonl cut at a line boundary (it still parses)
are refused before anything is shown or compared; never read as if whole.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers.suites import write_suite
from test_cli import harness


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("runs")
    write_suite(root, n=60)
    result = harness(
        "run", "suite.yaml", "--allow-code", "--out", "good", "--quiet", "--no-cache", cwd=root
    )
    assert result.returncode == 0, result.stderr
    return root / "good"


def copy_of(run_dir: Path, tmp_path: Path, name: str = "copy") -> Path:
    target = tmp_path / name
    shutil.copytree(run_dir, target)
    return target


def edit_results(run_dir: Path, edit) -> None:
    path = run_dir / "results.json"
    results = json.loads(path.read_text())
    edit(results)
    path.write_text(json.dumps(results))


def refused_everywhere(tmp_path: Path, good: Path, damaged: Path, expected: str) -> None:
    """report, compare and gate (also with --allow-subset) each exit 2 with one line."""
    for args in (
        ("report", str(damaged), "--out", str(tmp_path / "page.html")),
        ("compare", str(good), str(damaged)),
        ("gate", str(good), str(damaged)),
        ("gate", str(good), str(damaged), "--allow-subset"),
    ):
        result = harness(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("harness: error: "), (args, lines)
        assert expected in lines[0] and str(damaged) in lines[0], (args, lines)
        assert "--allow-subset" not in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "page.html").exists()


def test_an_edited_proportion_is_refused(run_dir: Path, tmp_path: Path) -> None:
    damaged = copy_of(run_dir, tmp_path)
    edit_results(damaged, lambda r: r["tests"][0]["metrics"]["accuracy"].update(value=7.5))
    refused_everywhere(
        tmp_path, run_dir, damaged, "accuracy.value: 7.5 lies outside its own 95% CI"
    )


def test_a_value_outside_its_own_wilson_interval_is_refused(run_dir: Path, tmp_path: Path) -> None:
    damaged = copy_of(run_dir, tmp_path)

    def edit(results: dict) -> None:
        metric = results["tests"][0]["metrics"]["accuracy"]
        metric["value"] = 0.99 if metric["ci_high"] < 0.99 else 0.01

    edit_results(damaged, edit)
    refused_everywhere(tmp_path, run_dir, damaged, "outside its own 95% CI")


def test_a_metric_written_as_a_numeric_string_is_refused(run_dir: Path, tmp_path: Path) -> None:
    damaged = copy_of(run_dir, tmp_path)
    edit_results(damaged, lambda r: r["tests"][0]["metrics"]["accuracy"].update(value="0.5"))
    refused_everywhere(tmp_path, run_dir, damaged, "metrics.accuracy.value")


def test_outcomes_that_do_not_add_up_are_refused(run_dir: Path, tmp_path: Path) -> None:
    damaged = copy_of(run_dir, tmp_path)
    edit_results(damaged, lambda r: r["tests"][0]["outcomes"].update(scored=1))
    refused_everywhere(tmp_path, run_dir, damaged, "outcomes: they add up to 1 items")


def test_items_cut_at_a_line_boundary_are_refused_not_blamed_on_the_runs(
    run_dir: Path, tmp_path: Path
) -> None:
    damaged = copy_of(run_dir, tmp_path)
    lines = (damaged / "items.jsonl").read_text().splitlines(keepends=True)
    (damaged / "items.jsonl").write_text("".join(lines[:-7]))
    refused_everywhere(tmp_path, run_dir, damaged, "the run directory was cut or edited")


def test_a_whole_copy_is_read(run_dir: Path, tmp_path: Path) -> None:
    copy = copy_of(run_dir, tmp_path)
    gate = harness("gate", str(run_dir), str(copy), cwd=tmp_path)
    assert gate.returncode == 0, gate.stdout + gate.stderr


def test_a_version_2_run_folder_is_still_read(run_dir: Path, tmp_path: Path) -> None:
    """A run written before outcomes: no outcome counts, items without ``outcome``."""
    old = copy_of(run_dir, tmp_path, "old")

    def downgrade(results: dict) -> None:
        results["schema_version"] = 2
        for test in results["tests"]:
            del test["outcomes"], test["denominator"]

    edit_results(old, downgrade)
    rows = [json.loads(line) for line in (old / "items.jsonl").read_text().splitlines()]
    for row in rows:
        row.pop("outcome", None)
        row.pop("outcome_detail", None)
    (old / "items.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    gate = harness("gate", str(old), str(run_dir), cwd=tmp_path)
    assert gate.returncode == 0, gate.stdout + gate.stderr
    from harness.results import load_numbered_items

    assert {item.outcome for _, item in load_numbered_items(old)} == {"scored"}
