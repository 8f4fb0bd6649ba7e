"""The pytest plugin: one item per gated check; a no-op without its options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers.processes import WAIT_LIMIT_S
from helpers.rundirs import item, write_run_dir

LABELS = ("entailment", "neutral", "contradiction")


def _rows(wrong: set[int], n: int = 600) -> list[dict]:
    return [
        item("nli", f"x{i}", LABELS[i % 3], LABELS[(i + 1) % 3] if i in wrong else LABELS[i % 3])
        for i in range(n)
    ]


def _pytest(
    directory: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    # An empty ini file keeps the repository's pytest configuration out of the run.
    (directory / "pytest.ini").write_text("[pytest]\n")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", *args],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=WAIT_LIMIT_S,
    )


@pytest.fixture
def runs(tmp_path: Path) -> dict[str, Path]:
    return {
        "base": write_run_dir(tmp_path / "base", _rows(set(range(0, 600, 8)))),
        "worse": write_run_dir(tmp_path / "worse", _rows(set(range(0, 600, 2))), model="w"),
        "other": write_run_dir(tmp_path / "other", _rows(set()), seed=1),
    }


def test_plugin_is_a_no_op_without_options(tmp_path: Path) -> None:
    (tmp_path / "test_plain.py").write_text("def test_ok():\n    assert True\n")
    result = _pytest(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "harness-gate" not in result.stdout and "harness gate" not in result.stdout
    assert "1 passed" in result.stdout


def test_plugin_passes_and_fails_checks(tmp_path: Path, runs: dict[str, Path]) -> None:
    work = tmp_path / "work"
    work.mkdir()
    base = str(runs["base"])
    same = _pytest(work, f"--harness-baseline={base}", f"--harness-candidate={base}")
    assert same.returncode == 0, same.stdout
    assert "PASSED ::harness-gate::nli/accuracy" in same.stdout
    worse = _pytest(work, f"--harness-baseline={base}", f"--harness-candidate={runs['worse']}")
    assert worse.returncode == 1, worse.stdout
    assert "FAIL nli/accuracy: Δ=" in worse.stdout
    assert "gate FAIL" in worse.stdout  # the terminal summary section


def test_plugin_reports_refused_comparisons_as_one_failing_item(
    tmp_path: Path, runs: dict[str, Path]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    result = _pytest(
        work, f"--harness-baseline={runs['base']}", f"--harness-candidate={runs['other']}"
    )
    assert result.returncode == 1
    assert "harness-gate::error" in result.stdout and "different seeds" in result.stdout


def test_plugin_needs_a_suite_or_candidate(tmp_path: Path, runs: dict[str, Path]) -> None:
    result = _pytest(tmp_path, f"--harness-baseline={runs['base']}")
    assert result.returncode == 4
    assert "--harness-baseline needs --harness-suite" in result.stderr


def test_harness_run_fixture_runs_a_suite_and_loads_it(harness_run, tmp_path: Path) -> None:
    """The fixture teams use to run a suite inside their own tests."""
    from helpers.suites import write_suite

    suite = write_suite(tmp_path)
    run = harness_run(suite, progress=False, render_report=False, allow_code=True)
    assert (run.path / "results.json").exists()
    assert run.suite["name"] == "tiny_nli"
    assert set(run.tests) == {"pairs", "pairs_binary"}
    pairs = run.tests["pairs"]
    assert len(pairs.items) == 30
    correct = sum(1 for item in pairs.items.values() if item.correct)
    assert pairs.metrics["accuracy"]["value"] == pytest.approx(correct / 30)
    other = harness_run(suite, model="python:helpers.mock_models:always_entailment", progress=False)
    assert other.model["spec"] == "python:helpers.mock_models:always_entailment"
    assert other.tests["pairs"].metrics["accuracy"]["value"] == pytest.approx(10 / 30)


def test_a_gated_suite_that_names_code_needs_harness_allow_code(tmp_path: Path) -> None:
    """``--harness-suite`` runs the suite as ``harness run`` does: its python: model only
    with ``--harness-allow-code``; without it, one error item with the refusal."""
    import os

    from helpers.suites import write_suite

    from harness.runner import run_suite

    tests_dir = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tests_dir.parent), str(tests_dir)]),
        "HARNESS_CACHE_DIR": str(tmp_path / "cache"),
    }
    suite = write_suite(tmp_path, n=12)
    base = run_suite(
        suite, out_dir=tmp_path / "base", progress=False, render_report=False, allow_code=True
    )
    work = tmp_path / "work"
    work.mkdir()
    gated = (f"--harness-suite={suite}", f"--harness-baseline={base}")
    refused = _pytest(work, *gated, f"--harness-out={tmp_path / 'refused'}", env=env)
    assert refused.returncode == 1, refused.stdout
    assert "harness-gate::error" in refused.stdout and "--allow-code" in refused.stdout
    assert not (tmp_path / "refused").exists()
    allowed = _pytest(
        work, *gated, f"--harness-out={tmp_path / 'allowed'}", "--harness-allow-code", env=env
    )
    assert allowed.returncode == 0, allowed.stdout
    assert "harness-gate::error" not in allowed.stdout
    assert (tmp_path / "allowed" / "results.json").is_file()
