"""``harness run --executor ray`` on a local Ray cluster that these tests start.

The cluster (``ray.init(num_cpus=2)``) is started once for the module and shut down
after it; every test compares a Ray run with a local run of the same suite and model.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.processes import WAIT_LIMIT_S, wait_until
from helpers.ray_models import ARM_DIRECTORY_VARIABLE, ARM_FILE
from helpers.suites import nli_rows, write_suite

from harness.core import Example
from harness.errors import ModelError
from harness.requests import Classify
from harness.runner import run_suite

ray = pytest.importorskip("ray", reason="the scale extra (ray) is not installed")

pytestmark = [pytest.mark.ray, pytest.mark.slow]

TESTS_DIR = Path(__file__).resolve().parents[2]
#: What legitimately differs between two runs of one suite: when, how long, where.
VOLATILE = {"created_at", "timings", "environment"}


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A local two-CPU cluster whose workers import the tests' helper models."""
    arm_directory = tmp_path_factory.mktemp("ray-arm")
    context = ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={
            "env_vars": {
                "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), str(TESTS_DIR.parent)]),
                ARM_DIRECTORY_VARIABLE: str(arm_directory),
            }
        },
    )
    try:
        yield {"address": context.address_info["gcs_address"], "arm_directory": arm_directory}
    finally:
        ray.shutdown()


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


def _run(tmp_path: Path, name: str, model: str, **options: Any) -> Path:
    return run_suite(
        tmp_path / "suite.yaml",
        model=model,
        model_options={"batch_size": 4},
        out_dir=tmp_path / name,
        cache_dir=tmp_path / f"cache-{name}",
        progress=False,
        explain_failures=0,
        **options,
        allow_code=True,
    )


def _assert_same_results(local: Path, distributed: Path, resumed: bool = False) -> dict[str, Any]:
    """results.json equal apart from timings and environment; items.jsonl byte for byte.

    A resumed run differs in how many answers came from the cache, and only there.
    """
    local_results = json.loads((local / "results.json").read_text())
    ray_results = json.loads((distributed / "results.json").read_text())
    if resumed:
        for results in (local_results, ray_results):
            for test in results["tests"]:
                test["counts"].pop("cached")
                test["counts"].pop("computed")
    assert _comparable(ray_results) == _comparable(local_results)
    assert (distributed / "items.jsonl").read_bytes() == (local / "items.jsonl").read_bytes()
    assert "executor" not in local_results["environment"]
    return dict(ray_results["environment"]["executor"])


def test_a_tiny_transformer_on_two_actors_matches_a_local_run(
    ray_cluster: dict[str, Any], tmp_path: Path, tiny_bert: Path
) -> None:
    write_suite(tmp_path, n=30)
    model = f"hf-classifier:{tiny_bert}"
    local = _run(tmp_path, "local", model)
    distributed = _run(tmp_path, "ray", model, executor="ray", executor_options={"workers": 2})
    executor = _assert_same_results(local, distributed)
    assert executor["name"] == "ray" and executor["workers"] == 2 and executor["started"]
    assert executor["lost_workers"] == 0
    tests = json.loads((distributed / "results.json").read_text())["tests"]
    # The second test asks what the first asked: answered from the driver's cache.
    assert [t["counts"]["computed"] for t in tests] == [30, 0]


def test_a_killed_worker_is_replaced_and_its_batches_requeued(
    ray_cluster: dict[str, Any], tmp_path: Path
) -> None:
    write_suite(tmp_path, n=30)
    model = "python:helpers.ray_models:dies_once"
    local = _run(tmp_path, "local", model)  # the driver's environment never arms the model
    arm = ray_cluster["arm_directory"] / ARM_FILE
    arm.write_text("")
    distributed = _run(tmp_path, "ray", model, executor="ray", executor_options={"workers": 2})
    assert not arm.exists(), "no worker ran the model that dies"
    executor = _assert_same_results(local, distributed)
    assert executor["lost_workers"] == 1
    # The dead actor had one or two batches in flight; each went to another actor.
    assert 1 <= executor["requeued_batches"] <= 2


def test_a_model_error_on_a_worker_is_the_local_error(
    ray_cluster: dict[str, Any], tmp_path: Path
) -> None:
    write_suite(tmp_path, n=30)
    model = "python:helpers.ray_models:fails_on_day_seven"
    with pytest.raises(ModelError) as local_error:
        _run(tmp_path, "local", model)
    with pytest.raises(ModelError) as ray_error:
        _run(tmp_path, "ray", model, executor="ray", executor_options={"workers": 2})
    assert "ValueError: cannot read day 7" in str(local_error.value)
    assert str(ray_error.value) == str(local_error.value)
    assert not (tmp_path / "ray").exists()


# A model in its own file beside the suite: the killed driver's workers import it from
# the driver's working directory, which Ray puts on every worker's path.
SLOW_MODEL = """\
import os
import time
from pathlib import Path

LOG = Path(__file__).with_name("computed.log")
HOLD = Path(__file__).with_name("hold")
HELD = Path(__file__).with_name("held.log")


def classify(batch):
    # While the file "hold" exists, a worker waits once four items are computed (and says
    # so in held.log): the test kills the driver when every worker waits, so how far the
    # run got never depends on how fast the machine is, and no worker writes afterwards.
    if HOLD.exists() and LOG.exists() and len(LOG.read_text().splitlines()) >= 4:
        with HELD.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\\n")
        time.sleep(600)
    with LOG.open("a", encoding="utf-8") as handle:
        handle.writelines(fields["premise"] + "\\n" for fields in batch)
    return [
        {"entailment": 0.1, "neutral": 0.2, "contradiction": 0.7}
        if " not " in fields["hypothesis"]
        else {"entailment": 0.6, "neutral": 0.3, "contradiction": 0.1}
        for fields in batch
    ]
"""


def _cached_keys(cache_dir: Path) -> set[str]:
    keys: set[str] = set()
    for path in (cache_dir / "predictions").glob("*.sqlite"):
        connection = sqlite3.connect(path, timeout=5)
        try:
            keys.update(key for (key,) in connection.execute("SELECT key FROM responses"))
        except sqlite3.OperationalError:  # the driver has not created the table yet
            pass
        finally:
            connection.close()
    return keys


def test_a_killed_driver_resumes_from_the_cache(
    ray_cluster: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 30
    write_suite(tmp_path, n=n)
    (tmp_path / "slow_ray_model.py").write_text(SLOW_MODEL, encoding="utf-8")
    (tmp_path / "hold").touch()
    log = tmp_path / "computed.log"
    model = "python:slow_ray_model:classify"
    command = [
        sys.executable, "-m", "harness", "run", "suite.yaml", "--model", model,
        "--model-option", "batch_size=2", "--out", "ray", "--cache-dir", "cache-ray",
        "--quiet", "--explain", "0", "--executor", "ray", "--workers", "2",
        "--address", ray_cluster["address"],
    ]  # fmt: skip
    stderr = tmp_path / "stderr.txt"
    # The model module lies beside the suite: on the import path only where named.
    pythonpath = os.pathsep.join(p for p in (str(tmp_path), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": pythonpath}
    with stderr.open("w") as stderr_file:
        process = subprocess.Popen(
            command,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=stderr_file,
            env=env,
        )
    held = tmp_path / "held.log"

    def both_workers_held() -> bool:
        return held.exists() and len(set(held.read_text().split())) >= 2

    wait_until(both_workers_held, process, "both workers wait")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT_LIMIT_S)
    (tmp_path / "hold").unlink()
    cached = _cached_keys(tmp_path / "cache-ray")
    assert 4 <= len(cached) < n, "the run should have been killed mid-way"
    assert not (tmp_path / "ray").exists()

    keys = {
        Classify(
            example=Example(
                id=row["id"], fields={"premise": row["premise"], "hypothesis": row["hypothesis"]}
            )
        ).key(): row["premise"]
        for row in nli_rows(n)
    }
    cached_premises = {keys[key] for key in cached}
    assert len(cached_premises) == len(cached)

    log.unlink(missing_ok=True)
    resumed = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=WAIT_LIMIT_S
    )
    assert resumed.returncode == 0, resumed.stderr
    recomputed = log.read_text(encoding="utf-8").splitlines()
    assert set(recomputed).isdisjoint(cached_premises)
    assert sorted(recomputed) == sorted(set(keys.values()) - cached_premises)
    counts = json.loads((tmp_path / "ray" / "results.json").read_text())["tests"][0]["counts"]
    assert (counts["cached"], counts["computed"]) == (len(cached), n - len(cached))

    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)  # results.json records the suite's path as given
    local = run_suite(
        "suite.yaml",
        model=model,
        model_options={"batch_size": 2},
        out_dir=tmp_path / "local",
        cache_dir=tmp_path / "cache-local",
        progress=False,
        explain_failures=0,
        allow_code=True,
    )
    _assert_same_results(local, tmp_path / "ray", resumed=True)


def test_doctor_checks_ray_when_the_ray_executor_is_asked_for(tmp_path: Path) -> None:
    from importlib import metadata

    write_suite(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])}

    def doctor(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "harness", "doctor", "suite.yaml", "--allow-code", *extra],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=WAIT_LIMIT_S,
        )

    asked = doctor("--executor", "ray")
    assert asked.returncode == 0, asked.stderr
    line = f"ok       executor    ray {metadata.version('ray')} (for --executor ray)"
    assert line in [text.strip() for text in asked.stdout.splitlines()]
    plain = doctor()
    assert plain.returncode == 0 and "executor" not in plain.stdout
