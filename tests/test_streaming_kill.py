"""A run killed while a large test (evaluate, perturbation) streams its items leaves no
output; a re-run resumes from the prediction cache."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from helpers.held_models import is_held, logged_batches
from helpers.processes import WAIT_LIMIT_S, wait_until
from helpers.suites import nli_rows, write_suite

TESTS_DIR = Path(__file__).resolve().parent

# ``harness run`` with tests streamed in chunks of 8 examples (the threshold is 50,000).
DRIVER = (
    "import sys; import harness.kinds.evaluate as evaluate; evaluate.STREAM_ABOVE = evaluate.STREAM_CHUNK = 8; "
    "from harness.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _run(tmp_path: Path, env: dict[str, str], **kwargs):
    command = [
        sys.executable,
        "-c",
        DRIVER,
        "run",
        "suite.yaml",
        "--allow-code",
        "--out",
        "out",
        "--quiet",
    ]
    command += ["--explain", "0", "--model-option", "batch_size=4"]
    return command, dict(cwd=tmp_path, env=env, **kwargs)


def _spooled_lines(tmp_path: Path) -> list[bytes]:
    """The complete lines the spool has on disk (a buffered write may end mid-line)."""
    lines: list[bytes] = []
    for spool in tmp_path.glob(".spool.partial-*"):
        for path in spool.glob("*.jsonl"):
            data = path.read_bytes()
            lines += data[: data.rfind(b"\n") + 1].splitlines()
    return lines


def _spool_files(tmp_path: Path) -> list[Path]:
    return [path for spool in tmp_path.glob(".spool.partial-*") for path in spool.glob("*.jsonl")]


def test_a_kill_while_items_stream_leaves_no_output_and_the_rerun_resumes(tmp_path: Path) -> None:
    write_suite(tmp_path, n=40, model="python:helpers.held_models:held_rules")
    batch_log = tmp_path / "batches.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)]),
        "HARNESS_TEST_BATCH_LOG": str(batch_log),
        "HARNESS_CACHE_DIR": str(tmp_path / "cache"),
    }
    # Chunks of 8 examples in batches of 4: the model holds the run in its third chunk,
    # after two were scored and spooled, and the test kills it there.
    command, options = _run(tmp_path, {**env, "HARNESS_TEST_HOLD_AFTER": "4"})
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **options
    )
    wait_until(lambda: is_held(str(batch_log)), process, "the third chunk")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT_LIMIT_S)
    assert logged_batches(str(batch_log)) == 4 and len(_spool_files(tmp_path)) == 1
    # What reached the disk of the two spooled chunks (the rest was in the write buffer).
    spooled = _spooled_lines(tmp_path)
    assert len(spooled) <= 16
    assert all(json.loads(line)["test"] == "pairs" for line in spooled)
    # Nothing reached the output: no run directory, no items.jsonl anywhere.
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.rglob("items.jsonl"))

    batch_log.write_text("")
    command, options = _run(tmp_path, env)
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=WAIT_LIMIT_S, **options
    )
    assert result.returncode == 0, result.stderr
    # The dead run's spool is cleaned up, and so is this run's.
    assert not list(tmp_path.glob(".spool.partial-*"))
    tests = json.loads((tmp_path / "out" / "results.json").read_text())["tests"]
    # The four batches predicted before the kill are served from the cache, nothing else.
    assert tests[0]["counts"]["cached"] == 16
    lines = (tmp_path / "out" / "items.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    assert [row["test"] for row in rows] == ["pairs"] * 40 + ["pairs_binary"] * 40
    assert len({row["id"] for row in rows[:40]}) == 40


PERTURBATION_SUITE = """\
name: tiny_robustness
task: nli
labels: [entailment, neutral, contradiction]
seed: 7
model: "python:helpers.held_models:held_rules"
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
    batch_log = tmp_path / "batches.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)]),
        "HARNESS_TEST_BATCH_LOG": str(batch_log),
        "HARNESS_CACHE_DIR": str(tmp_path / "cache"),
    }
    # Chunks of 8 examples, each with its variant (4 batches of 4 a chunk): the model
    # holds the run in its third chunk, and the test kills it there.
    command, options = _run(tmp_path, {**env, "HARNESS_TEST_HOLD_AFTER": "8"})
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **options
    )
    wait_until(lambda: is_held(str(batch_log)), process, "the third chunk")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT_LIMIT_S)
    assert logged_batches(str(batch_log)) == 8 and len(_spool_files(tmp_path)) == 1
    spooled = [json.loads(line) for line in _spooled_lines(tmp_path)]
    assert len(spooled) <= 32
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.rglob("items.jsonl"))

    command, options = _run(tmp_path, env)
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=WAIT_LIMIT_S, **options
    )
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob(".spool.partial-*"))
    (test,) = json.loads((tmp_path / "out" / "results.json").read_text())["tests"]
    # The eight batches predicted before the kill are served from the cache, nothing else.
    assert test["counts"]["cached"] == 32
    assert test["counts"]["cached"] + test["counts"]["computed"] == 80
    assert test["sections"]["robustness"]["metrics"]["flip_rate"]["n"] == 40
    rows = [
        json.loads(line) for line in (tmp_path / "out" / "items.jsonl").read_text().splitlines()
    ]
    assert len(rows) == 80 and len({row["id"] for row in rows}) == 80
    # Whole chunks: each parent is followed by its variant.
    assert [row["parent_id"] is None for row in rows] == [True, False] * 40
    # The re-run wrote what the killed run had spooled, line for line.
    assert rows[: len(spooled)] == spooled
