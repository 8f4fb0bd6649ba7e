"""The real ``harness`` command in a temporary directory: output, exit codes, errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from helpers.held_models import is_held, logged_batches
from helpers.processes import WAIT_LIMIT_S, wait_until
from helpers.suites import write_suite

TESTS_DIR = Path(__file__).resolve().parent


def harness(
    *args: str, cwd: Path, env: dict | None = None, timeout: float = WAIT_LIMIT_S
) -> subprocess.CompletedProcess:
    # The checkout under test first: an installed harness elsewhere must not answer.
    pythonpath = os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])
    environment = {**os.environ, "PYTHONPATH": pythonpath, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_run_prints_report_path_and_writes_the_run(tmp_path: Path) -> None:
    write_suite(tmp_path)
    result = harness("run", "suite.yaml", "--allow-code", "--out", "out", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"report:  {Path('out') / 'report.html'}" in result.stdout
    for name in ("results.json", "items.jsonl", "report.html", "suite.yaml"):
        assert (tmp_path / "out" / name).exists()


def test_default_run_directory_is_runs_suite_timestamp(tmp_path: Path) -> None:
    write_suite(tmp_path)
    result = harness("run", "suite.yaml", "--allow-code", "--quiet", "--limit", "5", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    runs = list((tmp_path / "runs" / "tiny_nli").iterdir())
    assert len(runs) == 1 and (runs[0] / "results.json").exists()
    results = json.loads((runs[0] / "results.json").read_text())
    assert results["tests"][0]["n"] == 5


def test_typo_in_suite_is_one_line_with_file_line_and_suggestion(tmp_path: Path) -> None:
    suite = write_suite(tmp_path)
    suite.write_text(suite.read_text().replace("slice_by:", "slice_bye:"))
    result = harness("run", "suite.yaml", "--allow-code", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("harness: error: suite.yaml:11: tests[0].slice_bye: unknown key")
    assert "did you mean 'slice_by'" in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = harness("--debug", "validate", "missing.yaml", cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_unknown_model_kind_and_missing_data_file(tmp_path: Path) -> None:
    write_suite(tmp_path)
    result = harness("run", "suite.yaml", "--model", "hf-clasifier:x", cwd=tmp_path)
    assert result.returncode == 2 and "did you mean 'hf-classifier'" in result.stderr
    (tmp_path / "pairs.jsonl").unlink()
    result = harness("validate", "suite.yaml", "--allow-code", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("pairs.jsonl: file not found")


def test_unavailable_hub_model_is_one_line(tmp_path: Path) -> None:
    write_suite(tmp_path)
    result = harness(
        "run",
        "suite.yaml",
        "--model",
        "hf-classifier:someone/not-a-local-model",
        "--quiet",
        cwd=tmp_path,
        env={"HF_HUB_OFFLINE": "1"},
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "someone/not-a-local-model" in result.stderr


def test_validate_prints_counts_and_list_shows_components(tmp_path: Path) -> None:
    write_suite(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = harness("validate", "suite.yaml", "--allow-code", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        "test pairs [evaluate]: 30 examples (contradiction 10, entailment 10, neutral 10)"
        in result.stdout
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    listing = harness("list", cwd=tmp_path)
    assert (
        "hf-classifier" in listing.stdout
        and "macro_f1" in listing.stdout
        and "nli-core" in listing.stdout
    )


def test_report_rerenders_a_run(tmp_path: Path) -> None:
    write_suite(tmp_path)
    assert (
        harness(
            "run", "suite.yaml", "--allow-code", "--out", "out", "--quiet", cwd=tmp_path
        ).returncode
        == 0
    )
    (tmp_path / "out" / "report.html").unlink()
    result = harness("report", "out", cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / "out" / "report.html").exists()
    assert harness("report", "nowhere", cwd=tmp_path).returncode == 2


def test_killed_run_resumes_without_recomputing(tmp_path: Path) -> None:
    """Kill a run mid-way: no output appears, and the re-run only computes what was missing.

    The model holds the run after its third batch, so the kill always lands there."""
    write_suite(tmp_path, n=40, model="python:helpers.held_models:held_rules")
    batch_log = tmp_path / "batches.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)]),
        "HARNESS_TEST_BATCH_LOG": str(batch_log),
    }
    command = [
        sys.executable,
        "-m",
        "harness",
        "run",
        "suite.yaml",
        "--allow-code",
        "--out",
        "out",
        "--quiet",
    ]
    command += ["--model-option", "batch_size=4"]
    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        env={**env, "HARNESS_TEST_HOLD_AFTER": "3"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_until(lambda: is_held(str(batch_log)), process, "the fourth batch")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT_LIMIT_S)
    assert logged_batches(str(batch_log)) == 3
    assert not (tmp_path / "out").exists()

    batch_log.write_text("")
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=WAIT_LIMIT_S
    )
    assert result.returncode == 0, result.stderr
    recomputed = sum(int(n) for n in batch_log.read_text().split())
    counts = json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]["counts"]
    # The three batches finished before the kill were stored as they finished (the model
    # was held in the fourth): served from the cache, nothing else.
    assert counts["cached"] == 3 * 4
    assert recomputed == counts["computed"] == 40 - counts["cached"]
    assert len((tmp_path / "out" / "items.jsonl").read_text().splitlines()) == 80


def test_diagnostics_suite_runs_any_local_nli_checkpoint(tmp_path: Path, tiny_bert: Path) -> None:
    """`harness run suites/nli_diagnostics.yaml --model hf-classifier:PATH` with a real
    (tiny, random) BERT checkpoint saved with save_pretrained."""
    suite = TESTS_DIR.parent / "suites" / "nli_diagnostics.yaml"
    result = harness(
        "run",
        str(suite),
        "--model",
        f"hf-classifier:{tiny_bert}",
        "--limit",
        "12",
        "--out",
        "out",
        "--quiet",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    assert results["model"]["kind"] == "hf-classifier"
    assert results["model"]["is_reference"] is False
    assert all(test["n"] >= 12 for test in results["tests"])
    assert {"heuristic_agreement", "reasoning_gap"} <= set(results["analyses"])
    assert "hans" in (tmp_path / "out" / "report.html").read_text()


def test_run_with_baseline_gates_in_one_step(tmp_path: Path) -> None:
    """`harness run SUITE --baseline RUN_DIR`: 0 when nothing regressed, 1 on a real
    regression, 2 when the baseline is of another suite."""
    suite = write_suite(tmp_path, n=60)
    assert (
        harness(
            "run", "suite.yaml", "--allow-code", "--out", "base", "--quiet", cwd=tmp_path
        ).returncode
        == 0
    )

    same = harness(
        "run",
        "suite.yaml",
        "--allow-code",
        "--out",
        "same",
        "--quiet",
        "--baseline",
        "base",
        "--junit",
        "same.xml",
        "--markdown",
        "same.md",
        cwd=tmp_path,
    )
    assert same.returncode == 0, same.stdout + same.stderr
    assert "gate PASS" in same.stdout
    assert "FAIL" not in (tmp_path / "same.md").read_text().split("\n", 1)[0]
    assert 'failures="0"' in (tmp_path / "same.xml").read_text()

    worse = harness(
        "run",
        "suite.yaml",
        "--out",
        "worse",
        "--quiet",
        "--baseline",
        "base",
        "--model",
        "python:helpers.mock_models:always_entailment",
        cwd=tmp_path,
    )
    assert worse.returncode == 1, worse.stdout + worse.stderr
    assert "gate FAIL" in worse.stdout

    suite.write_text(suite.read_text().replace("seed: 7", "seed: 8"))
    refused = harness(
        "run",
        "suite.yaml",
        "--allow-code",
        "--out",
        "other",
        "--quiet",
        "--baseline",
        "base",
        cwd=tmp_path,
    )
    assert refused.returncode == 2
    assert "cannot compare" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_reference_test_option_parses_plain_and_keyed_names() -> None:
    from harness.cli import _parse_reference_tests, build_parser

    args = build_parser().parse_args(
        ["run", "s.yaml", "--reference-test", "sick", "--reference-test", "heuristic=sick_bin"]
    )
    assert _parse_reference_tests(args.reference_test) == {"": "sick", "heuristic": "sick_bin"}
    assert _parse_reference_tests([]) is None


def test_run_ends_with_the_findings_table_that_results_json_holds(tmp_path: Path) -> None:
    # Right on the mixed rows, "entailment" elsewhere: worse on the negation and addition
    # pairs than on mixed pairs of the same gold label. (A model answering "entailment"
    # everywhere is not: it fails every non-entailed pair alike, so its slices are no
    # finding once compared like with like.)
    write_suite(tmp_path, n=90, model="python:helpers.mock_models:entailment_outside_mixed")
    result = harness("run", "suite.yaml", "--allow-code", "--out", "out", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    findings = json.loads((tmp_path / "out" / "results.json").read_text())["findings"]
    real = [f for f in findings if f["status"] == "finding"]
    assert {f["key"] for f in real} == {
        "pairs/slice/phenomenon=negation/accuracy",
        "pairs/slice/phenomenon=addition/accuracy",
    }
    # After the table of the tests' headline numbers (tests/test_terminal.py), in rank
    # order, one line each, with the same numbers as the file.
    assert lines[0] == "tests (headline metric with its 95% CI and n):"
    start = lines.index(next(line for line in lines if line.startswith("findings (")))
    assert start == 2 + 2  # the table's title and header, then a row per test (2)
    assert lines[start].startswith(f"findings ({len(real)}; CIs at ")
    from harness.findings import describe

    assert lines[start + 1 : start + 1 + len(real)] == [
        f"  {f['rank']}. {describe(f)}" for f in sorted(real, key=lambda f: f["rank"])
    ]
    assert "accuracy where phenomenon = negation: 0.000 vs 1.000" in result.stdout
    assert lines[-2].startswith("results: ") and lines[-1].startswith("report: ")
