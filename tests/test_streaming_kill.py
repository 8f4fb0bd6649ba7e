"""A run killed while a large test (evaluate, perturbation) streams its items leaves no
output; a re-run resumes from the prediction cache."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers.suites import nli_rows, write_suite

TESTS_DIR = Path(__file__).resolve().parent

# ``harness run`` with tests streamed in chunks of 8 examples (the threshold is 50,000).
DRIVER = (
    "import sys; import harness.kinds.evaluate as evaluate; evaluate.STREAM_ABOVE = evaluate.STREAM_CHUNK = 8; "
    "from harness.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _run(tmp_path: Path, env: dict[str, str], **kwargs):
    command = [sys.executable, "-c", DRIVER, "run", "suite.yaml", "--out", "out", "--quiet"]
    command += ["--explain", "0", "--model-option", "batch_size=4"]
    return command, dict(cwd=tmp_path, env=env, **kwargs)


def _spooled_lines(tmp_path: Path) -> list[bytes]:
    return [
        line
        for spool in tmp_path.glob(".spool.partial-*")
        for path in spool.glob("*.jsonl")
        for line in path.read_bytes().splitlines()
    ]


def test_a_kill_while_items_stream_leaves_no_output_and_the_rerun_resumes(tmp_path: Path) -> None:
    write_suite(tmp_path, n=40, model="python:helpers.mock_models:slow_rules")
    batch_log = tmp_path / "batches.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)]),
        "HARNESS_TEST_BATCH_LOG": str(batch_log),
        "HARNESS_TEST_BATCH_SECONDS": "0.4",
        "HARNESS_CACHE_DIR": str(tmp_path / "cache"),
    }
    command, options = _run(tmp_path, env)
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options
    )
    deadline = time.monotonic() + 180
    # Kill once the first chunks of the first test are on disk in the spool.
    while time.monotonic() < deadline and len(_spooled_lines(tmp_path)) < 16:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    spooled = _spooled_lines(tmp_path)
    assert 16 <= len(spooled) < 40
    assert all(json.loads(line)["test"] == "pairs" for line in spooled)
    # Nothing reached the output: no run directory, no items.jsonl anywhere.
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.rglob("items.jsonl"))

    batch_log.write_text("")
    command, options = _run(tmp_path, {**env, "HARNESS_TEST_BATCH_SECONDS": "0"})
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, **options)
    assert result.returncode == 0, result.stderr
    # The dead run's spool is cleaned up, and so is this run's.
    assert not list(tmp_path.glob(".spool.partial-*"))
    tests = json.loads((tmp_path / "out" / "results.json").read_text())["tests"]
    # Every item streamed before the kill was predicted before it: served from the cache.
    assert tests[0]["counts"]["cached"] >= len(spooled)
    lines = (tmp_path / "out" / "items.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    assert [row["test"] for row in rows] == ["pairs"] * 40 + ["pairs_binary"] * 40
    assert len({row["id"] for row in rows[:40]}) == 40


PERTURBATION_SUITE = """\
name: tiny_robustness
task: nli
labels: [entailment, neutral, contradiction]
seed: 7
model: "python:helpers.mock_models:slow_rules"
bootstrap_resamples: 200
tests:
  - name: punctuation_invariance
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    perturb: [punctuation]
    fields: [hypothesis]
    slice_by: [phenomenon]
"""


def test_a_kill_while_a_perturbation_test_streams_leaves_no_output_and_the_rerun_resumes(
    tmp_path: Path,
) -> None:
    (tmp_path / "pairs.jsonl").write_text(
        "".join(json.dumps(row) + "\n" for row in nli_rows(40)), encoding="utf-8"
    )
    (tmp_path / "suite.yaml").write_text(PERTURBATION_SUITE, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)]),
        "HARNESS_TEST_BATCH_SECONDS": "0.4",
        "HARNESS_CACHE_DIR": str(tmp_path / "cache"),
    }
    command, options = _run(tmp_path, env)
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options
    )
    deadline = time.monotonic() + 180
    # Chunks of 8 examples, each with its variant: kill once two chunks are spooled.
    while time.monotonic() < deadline and len(_spooled_lines(tmp_path)) < 32:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    spooled = [json.loads(line) for line in _spooled_lines(tmp_path)]
    assert 32 <= len(spooled) < 80
    # Whole chunks: each parent is followed by its variant.
    assert [row["parent_id"] is None for row in spooled] == [True, False] * (len(spooled) // 2)
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.rglob("items.jsonl"))

    command, options = _run(tmp_path, {**env, "HARNESS_TEST_BATCH_SECONDS": "0"})
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, **options)
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob(".spool.partial-*"))
    (test,) = json.loads((tmp_path / "out" / "results.json").read_text())["tests"]
    # Every original and variant spooled before the kill was predicted before it.
    assert test["counts"]["cached"] >= len(spooled)
    assert test["counts"]["cached"] + test["counts"]["computed"] == 80
    assert test["sections"]["robustness"]["metrics"]["flip_rate"]["n"] == 40
    rows = [
        json.loads(line) for line in (tmp_path / "out" / "items.jsonl").read_text().splitlines()
    ]
    assert len(rows) == 80 and len({row["id"] for row in rows}) == 80
    # The re-run wrote what the killed run had spooled, line for line.
    assert rows[: len(spooled)] == spooled
