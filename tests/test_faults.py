"""Faults and signals through the real CLI: exit codes that cannot be confused (0 ok,
1 gate failed, 2 bad input, 3 internal error, 130 interrupted), no leftovers, safe
concurrency, consistent permissions and results that do not depend on the cache.

Exit 1 (a failed gate) is driven in test_cli.py (``run --baseline``).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.held_models import is_held
from helpers.processes import WAIT_LIMIT_S, harness_command, wait_until
from helpers.suites import write_suite

from harness import cli
from harness.cli import EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED, INTERRUPTED_MESSAGE, main
from harness.runner import default_run_dir
from harness.suite import load_suite

TESTS_DIR = Path(__file__).resolve().parent
PYTHONPATH = os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])


def test_an_unexpected_error_is_exit_3_with_one_line_pointing_to_debug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    def broken(args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "command_list", broken)
    assert main(["list"]) == EXIT_INTERNAL == 3
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert "internal error (RuntimeError: a bug)" in lines[0] and "--debug" in lines[0]
    with pytest.raises(RuntimeError, match="a bug"):
        main(["--debug", "list"])


def test_a_usage_error_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        main(["run", "suite.yaml", "--allow-code", "--limit", "-1"])
    assert exited.value.code == EXIT_ERROR
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        "harness run: error: argument --limit: must be between 1 and 10000000, got -1 "
        "(see harness run --help)"
    ]


def _start_held_run(tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    """A run that has finished one batch and waits in the next until it is signalled."""
    write_suite(tmp_path, n=60, model="python:helpers.held_models:held_rules")
    batch_log = tmp_path / "batches.log"
    env = {
        **os.environ,
        "PYTHONPATH": PYTHONPATH,
        "HARNESS_CACHE_DIR": str(tmp_path / "cache"),
        "HARNESS_TEST_BATCH_LOG": str(batch_log),
        "HARNESS_TEST_HOLD_AFTER": "1",
    }
    command = harness_command("run", "suite.yaml", "--allow-code", "--quiet", "--out", "out")
    command += ["--model-option", "batch_size=4"]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    wait_until(lambda: is_held(str(batch_log)), process, "the second batch")
    return process, tmp_path / "out"


@pytest.mark.slow
@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
def test_sigint_and_sigterm_exit_130_with_the_same_message(signal_number: int, tmp_path: Path):
    """The run is held in its second batch, so the signal always lands mid-run."""
    process, out = _start_held_run(tmp_path)
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=WAIT_LIMIT_S)
    assert process.returncode == EXIT_INTERRUPTED == 130, stderr
    assert stderr.strip().splitlines() == [INTERRUPTED_MESSAGE]
    assert not out.exists()
    assert not list(tmp_path.glob(".*partial*"))


@pytest.mark.slow
def test_a_killed_runs_staging_directory_is_removed_by_the_next_run(tmp_path: Path):
    """A kill -9 while output is written leaves ``.NAME.partial-PID``; the next run removes it."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)  # fmt: skip
    leftover = tmp_path / f".old-run.partial-{dead.stdout.strip()}"
    (leftover / "results.json").parent.mkdir(parents=True)
    (leftover / "results.json").write_text("{}")
    alive = tmp_path / f".other-run.partial-{os.getpid()}"  # a run still writing: kept
    alive.mkdir()
    write_suite(tmp_path)
    assert (
        main(
            [
                "run",
                str(tmp_path / "suite.yaml"),
                "--allow-code",
                "--quiet",
                "--out",
                str(tmp_path / "new"),
            ]
        )
        == 0
    )
    assert not leftover.exists() and alive.exists()
    # Every output file is written alike: 0644 under the usual umask, report.html included.
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "new").iterdir()}
    assert set(modes) >= {"results.json", "items.jsonl", "report.html", "suite.yaml"}
    assert len(set(modes.values())) == 1, modes


def test_default_run_directories_never_collide(tmp_path: Path):
    suite = load_suite(write_suite(tmp_path))
    made = [default_run_dir(suite, tmp_path / "runs") for _ in range(5)]
    assert len(set(made)) == 5 and all(path.is_dir() for path in made)


@pytest.mark.slow
def test_concurrent_first_uses_of_one_nltk_data_directory(tmp_path: Path):
    code = "from harness.nltk_data import ensure_nltk_data; print(ensure_nltk_data())"
    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "HARNESS_CACHE_DIR": str(tmp_path / "cache")}
    processes = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    errors = [process.communicate(timeout=WAIT_LIMIT_S)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], errors
    stopwords = tmp_path / "cache" / "nltk_data" / "corpora" / "stopwords" / "english"
    assert "the" in stopwords.read_text().split()
    assert not list((tmp_path / "cache").rglob("*.tmp"))


@pytest.mark.slow
def test_concurrent_runs_share_one_cache_directory(tmp_path: Path):
    write_suite(tmp_path)
    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "HARNESS_CACHE_DIR": str(tmp_path / "cache")}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "harness", "run", "suite.yaml", "--allow-code", "--quiet"],
            cwd=tmp_path,
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=WAIT_LIMIT_S) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    runs = sorted((tmp_path / "runs" / "tiny_nli").iterdir())
    assert len(runs) == 2  # started in the same second, two directories
    assert _tests_of(runs[0]) == _tests_of(runs[1])


def _tests_of(run: Path) -> list[dict]:
    tests = json.loads((run / "results.json").read_text())["tests"]
    for test in tests:
        test.get("timings", {}).clear()
        test.get("counts", {}).pop("cached", None)
        test.get("counts", {}).pop("computed", None)
    return tests


def test_results_do_not_depend_on_what_a_dead_run_left_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A model whose last digits depend on batch size (as padding makes them) gives the
    same results.json cold and after a run that died half-way: batches are cut the same."""
    from helpers import batch_models

    suite = str(
        write_suite(tmp_path, n=40, model="python:helpers.batch_models:batch_sensitive_rules")
    )
    options = ["--quiet", "--model-option", "batch_size=7"]
    assert (
        main(
            ["run", suite, "--allow-code", "--out", str(tmp_path / "cold"), "--no-cache", *options]
        )
        == 0
    )
    batch_models.CALLS.clear()
    monkeypatch.setenv("HARNESS_TEST_FAIL_AFTER", "3")
    assert (
        main(["run", suite, "--allow-code", "--out", str(tmp_path / "dead"), *options])
        == EXIT_ERROR
    )
    assert not (tmp_path / "dead").exists()
    monkeypatch.delenv("HARNESS_TEST_FAIL_AFTER")
    assert main(["run", suite, "--allow-code", "--out", str(tmp_path / "warm"), *options]) == 0
    warm = json.loads((tmp_path / "warm" / "results.json").read_text())["tests"]
    assert sum(test["counts"]["cached"] for test in warm) > 0  # the dead run's batches served
    assert _tests_of(tmp_path / "warm") == _tests_of(tmp_path / "cold")
