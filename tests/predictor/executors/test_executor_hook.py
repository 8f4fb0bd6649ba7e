"""The executor hook of the predictor, without Ray: order, caching, errors, options, CLI."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from helpers.processes import WAIT_LIMIT_S
from helpers.suites import nli_rows, write_suite

from harness.cache import ResponseCache
from harness.core import Example
from harness.errors import HarnessError, ModelError, ResourceUnavailableError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.predictor import RequestRunner
from harness.predictor.executors import ExecutorOptions, LocalExecutor
from harness.predictor.executors.base import BatchCompute
from harness.requests import Classify, Request

LABELS = ("entailment", "neutral", "contradiction")
TESTS_DIR = Path(__file__).resolve().parents[2]


def _model(target: str = "helpers.mock_models:word_rules") -> Any:
    context = ModelContext(task="nli", labels=LABELS, input_fields=("premise", "hypothesis"))
    return load_model(ModelSpec.parse(f"python:{target}", {"batch_size": 3}), context)


def _requests(n: int) -> list[Request]:
    requests: list[Request] = []
    for row in nli_rows(n):
        example = Example(
            id=row["id"],
            fields={"premise": row["premise"], "hypothesis": row["hypothesis"]},
            target=row["label"],
        )
        requests.append(Classify(example=example, example_id=row["id"]))
    return requests


class BackwardsExecutor:
    """Finishes batches last to first, as a distributed executor may; records what it saw."""

    name = "backwards"

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def map_batches(
        self, kind: str, batches: Sequence[Sequence[Request]], compute: BatchCompute
    ) -> Iterator[tuple[int, list[Any]]]:
        self.batches.extend([request.example_id for request in batch] for batch in batches)
        for index in reversed(range(len(batches))):
            yield index, compute(kind, batches[index])

    def describe(self) -> dict[str, Any]:
        return {"name": self.name}

    def close(self) -> None:
        pass


def test_local_executor_yields_every_batch_in_order() -> None:
    calls: list[tuple[str, list[int]]] = []

    def compute(kind: str, batch: Sequence[Any]) -> list[Any]:
        calls.append((kind, list(batch)))
        return [value * 10 for value in batch]

    batches = [[1, 2], [3], [4, 5, 6]]
    answers = list(LocalExecutor().map_batches("classify", batches, compute))  # type: ignore[arg-type]
    assert answers == [(0, [10, 20]), (1, [30]), (2, [40, 50, 60])]
    assert calls == [("classify", [1, 2]), ("classify", [3]), ("classify", [4, 5, 6])]


def test_out_of_order_batches_give_the_local_answers_and_cache(tmp_path: Path) -> None:
    requests = _requests(10)
    local_cache = ResponseCache(tmp_path / "local", "f")
    other_cache = ResponseCache(tmp_path / "other", "f")
    local = RequestRunner(_model(), cache=local_cache)
    executor = BackwardsExecutor()
    other = RequestRunner(_model(), cache=other_cache, executor=executor)

    expected = local.run(requests)
    assert other.run(requests) == expected
    # The predictor, not the executor, cuts the batches: sizes 3, 3, 3, 1 in size order.
    assert [len(batch) for batch in executor.batches] == [3, 3, 3, 1]
    assert sorted(sum(executor.batches, [])) == sorted(request.example_id for request in requests)
    keys = [request.key() for request in requests]
    assert other_cache.get_many("classify", keys) == local_cache.get_many("classify", keys)
    assert (other.computed, other.cached) == (local.computed, local.cached) == (10, 0)


def test_batches_that_arrived_before_an_error_are_cached(tmp_path: Path) -> None:
    """The batch holding day 7 fails: the batches the executor finished earlier are stored."""
    requests = _requests(10)
    cache = ResponseCache(tmp_path / "cache", "f")
    executor = BackwardsExecutor()
    runner = RequestRunner(
        _model("helpers.ray_models:fails_on_day_seven"), cache=cache, executor=executor
    )
    with pytest.raises(ModelError, match="cannot read day 7"):
        runner.run(requests)
    failing = next(i for i, batch in enumerate(executor.batches) if "r6" in batch)
    finished_first = [batch for i, batch in enumerate(executor.batches) if i > failing]
    by_id = {request.example_id: request.key() for request in requests}
    stored = cache.get_many("classify", list(by_id.values()))
    assert set(stored) == {by_id[i] for batch in finished_first for i in batch}
    assert finished_first, "the failing batch should not be the last one computed"


def test_executor_options_refuse_what_cannot_work() -> None:
    assert ExecutorOptions.from_mapping({"workers": 3, "num_gpus": 0.5}) == ExecutorOptions(
        workers=3, num_gpus=0.5
    )
    with pytest.raises(HarnessError, match="unknown executor option.*num_gpu\\b"):
        ExecutorOptions.from_mapping({"num_gpu": 1})
    with pytest.raises(HarnessError, match="at least 1"):
        ExecutorOptions.from_mapping({"workers": 0})


def _harness(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])}
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT_LIMIT_S,
    )


def test_ray_options_without_the_ray_executor_are_one_line_errors(tmp_path: Path) -> None:
    write_suite(tmp_path)
    result = _harness(
        "run", "suite.yaml", "--allow-code", "--out", "out", "--workers", "2", cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "harness: error: --address, --workers and --executor-option need --executor ray"
    ]
    result = _harness(
        "run", "suite.yaml", "--allow-code", "--out", "out", "--executor", "ray", "--executor-option",
        "gpus=1", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2 and "unknown executor option(s) gpus" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_without_ray_the_preflight_names_the_scale_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from harness.suite import load_suite
    from harness.suite.doctor import check_suite, require_resources

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *rest: None if name == "ray" else real_find_spec(name, *rest),
    )
    suite = load_suite(write_suite(tmp_path))
    lines = [resource.line() for resource in check_suite(suite, suite.model, executor="ray")]
    assert (
        "MISSING  executor    ray (for --executor ray): pip install 'reasoning-harness[scale]'"
        in lines
    )
    assert not any(
        "executor" in line for line in (r.line() for r in check_suite(suite, suite.model))
    )
    with pytest.raises(ResourceUnavailableError, match=r"harness\[scale\]"):
        require_resources(suite, suite.model, executor="ray")
    require_resources(suite, suite.model)  # a local run does not need ray


def test_ray_workers_are_capped_by_what_the_cluster_can_place(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An actor the cluster can never place would hold its batches forever (no Ray needed)."""
    from harness.errors import ExecutorError
    from harness.predictor.executors.ray_actors import RayExecutor

    def executor(**options: Any) -> RayExecutor:
        return RayExecutor(ExecutorOptions(**options), spec=None, context=None, fingerprint="f")

    assert executor(workers=2)._workers_that_fit({"CPU": 8.0}) == 2
    assert capsys.readouterr().err == ""
    assert executor(workers=4, num_cpus=2)._workers_that_fit({"CPU": 6.0}) == 3
    assert "room for 3 of the 4 workers" in capsys.readouterr().err
    assert executor(workers=4, num_gpus=0.5)._workers_that_fit({"CPU": 8.0, "GPU": 1.0}) == 2
    with pytest.raises(ExecutorError, match="0 GPUs: not enough for one worker"):
        executor(workers=2, num_gpus=1)._workers_that_fit({"CPU": 8.0})


def test_an_address_where_nothing_listens_fails_in_seconds() -> None:
    """Ray retries an unreachable cluster for minutes; the executor looks first."""
    import socket

    from harness.errors import ExecutorError
    from harness.predictor.executors.ray_actors import check_reachable

    with socket.socket() as probe:  # a port that was just free: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ExecutorError, match=f"cannot reach a Ray cluster at 127.0.0.1:{port}"):
        check_reachable(f"127.0.0.1:{port}", seconds=2)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        check_reachable(f"ray://127.0.0.1:{server.getsockname()[1]}", seconds=2)
    with pytest.raises(HarnessError, match="expected HOST:PORT"):
        ExecutorOptions(address="headnode")


def test_ray_is_imported_only_when_a_ray_run_needs_it() -> None:
    code = (
        "import sys, harness.runner, harness.cli, harness.predictor.executors.ray_actors;"
        "print('ray' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
