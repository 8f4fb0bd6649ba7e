"""Sharded runs on Ray: the batches the cache lacks, spread over actors with a model each.

    driver (harness run)                         workers (Ray actors, one replica each)
    cut batches, look up the cache  ──batch──▶   build the model from its spec once,
    check answers, write the cache  ◀─answers─   compare fingerprints, compute batches
    write the run directory                      (write nothing)

The driver keeps at most two batches in flight per actor, so an actor has its next
batch while it computes one, and stores each batch's answers in the cache the moment
they arrive: a driver killed mid-run resumes from the cache like a local run.

Failures. An actor whose process dies (killed, out of memory, its node lost) fails
its in-flight batches with ``RayActorError``: those batches go back to the queue for
the other actors, and a replacement actor is started while restarts remain
(``max_restarts``, default one per worker). A batch that has killed ``max_attempts``
actors is an ``ExecutorError`` rather than a loop. An error of the model itself (it
raised, answered in the wrong shape, or could not be built on the worker) comes back
as the same ``HarnessError`` it is in a local run.

Batches are cut by the predictor, not here, so every batch has the composition it has
in a local run and so every floating-point answer is the one a local run computes.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from harness import install_hint
from harness.cache import warn
from harness.errors import ExecutorError, HarnessError, MissingDependencyError, ModelError
from harness.predictor.executors.base import BatchCompute, ExecutorOptions
from harness.requests import Request

#: Batches in flight per actor: one computing, one waiting (hides the round trip).
IN_FLIGHT_PER_WORKER = 2


class ModelReplica:
    """The body of a Ray actor: one model built from its spec, answering batches.

    Nothing raised here kills the actor: a model that cannot be built answers every
    batch with that error, which the driver raises once (not a restart loop).
    """

    def __init__(self, spec: Any, context: Any, fingerprint: str) -> None:
        from harness.models.base import load_model

        self.model: Any = None
        self.problem: HarnessError | None = None
        try:
            model = load_model(spec, context)
            found = model.fingerprint()
        except HarnessError as error:
            self.problem = error
            return
        except Exception as error:  # an adapter's own failure, as a local load reports it
            self.problem = ModelError(
                f"a Ray worker could not build model '{spec}': {type(error).__name__}: {error}"
            )
            return
        if found != fingerprint:
            self.problem = ExecutorError(
                f"a Ray worker built model '{spec}' with fingerprint {found}, but the driver's "
                f"is {fingerprint}: every node must have the same model files and code"
            )
            return
        self.model = model

    def compute(self, kind: str, batch: Sequence[Request]) -> tuple[str, Any]:
        """``("ok", answers)`` or ``("error", HarnessError)`` — an error travels as a value."""
        from harness.predictor.request_runner import answer_batch

        if self.problem is not None:
            return "error", self.problem
        try:
            return "ok", answer_batch(self.model, kind, batch)
        except HarnessError as error:
            return "error", error


_actor_class: Any = None


def _replica_actor() -> Any:
    """``ModelReplica`` as a Ray actor class, made once (importing ray only when needed)."""
    global _actor_class
    if _actor_class is None:
        import ray

        _actor_class = ray.remote(ModelReplica)
    return _actor_class


class _Worker:
    """One actor and the number of its batches in flight."""

    def __init__(self, handle: Any, number: int) -> None:
        self.handle = handle
        self.number = number
        self.in_flight = 0
        self.alive = True


class RayExecutor:
    """Shards batches across ``options.workers`` Ray actors; started on first use."""

    name = "ray"

    def __init__(
        self, options: ExecutorOptions, *, spec: Any, context: Any, fingerprint: str
    ) -> None:
        self.options = options
        self.spec = spec
        self.context = context
        self.fingerprint = fingerprint
        self._workers: list[_Worker] = []
        self._started = False
        self._closed = False
        self._owns_cluster = False
        self._restarts_left = (
            options.workers if options.max_restarts is None else options.max_restarts
        )
        self._actors_made = 0
        self._worker_count = options.workers
        #: Workers whose process died during the run, and batches sent again because of it.
        self.lost_workers = 0
        self.requeued_batches = 0

    # --- the cluster --------------------------------------------------------------------

    def _start(self) -> None:
        try:
            import ray
        except ImportError:
            raise MissingDependencyError(
                f"--executor ray needs Ray: {install_hint('scale')}"
            ) from None
        if not ray.is_initialized():
            where = self.options.address or "a new local cluster"
            if self.options.address:
                check_reachable(self.options.address)
            try:
                ray.init(
                    address=self.options.address,
                    include_dashboard=False,
                    # Workers' output would interleave with the progress bars; the driver
                    # reports what went wrong on a worker itself.
                    log_to_driver=False,
                    logging_level=logging.WARNING,
                )
            except Exception as error:  # Ray raises ConnectionError, ValueError, RuntimeError
                raise ExecutorError(
                    f"cannot start or reach a Ray cluster at {where}: "
                    f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
                ) from None
            self._owns_cluster = True
        self._started = True
        self._worker_count = self._workers_that_fit(ray.cluster_resources())
        self._workers = [self._new_worker() for _ in range(self._worker_count)]

    def _workers_that_fit(self, resources: dict[str, float]) -> int:
        """``options.workers``, or fewer when the cluster is smaller: an actor that can never
        be placed would hold its batches forever."""
        fits = self.options.workers
        for name, each in (("CPU", self.options.num_cpus), ("GPU", self.options.num_gpus)):
            if each > 0:
                fits = min(fits, int(resources.get(name, 0.0) / each + 1e-9))
        if fits < 1:
            raise ExecutorError(
                f"the Ray cluster has {resources.get('CPU', 0):g} CPUs and "
                f"{resources.get('GPU', 0):g} GPUs: not enough for one worker with "
                f"num_cpus={self.options.num_cpus:g} and num_gpus={self.options.num_gpus:g}"
            )
        if fits < self.options.workers:
            warn(
                f"the Ray cluster has room for {fits} of the {self.options.workers} workers "
                f"asked for (num_cpus={self.options.num_cpus:g}, "
                f"num_gpus={self.options.num_gpus:g} each); starting {fits}"
            )
        return fits

    def _new_worker(self) -> _Worker:
        actor = _replica_actor().options(
            num_cpus=self.options.num_cpus,
            num_gpus=self.options.num_gpus,
            # Replacement is the driver's job: it knows which batches were lost.
            max_restarts=0,
        )
        self._actors_made += 1
        return _Worker(actor.remote(self.spec, self.context, self.fingerprint), self._actors_made)

    def _lose(self, worker: _Worker) -> None:
        """Forget a dead worker and start a replacement while restarts remain."""
        if not worker.alive:
            return
        import ray

        worker.alive = False
        self.lost_workers += 1
        self._workers.remove(worker)
        ray.kill(worker.handle, no_restart=True)
        if self._restarts_left > 0:
            self._restarts_left -= 1
            self._workers.append(self._new_worker())

    # --- the batches ---------------------------------------------------------------------

    def map_batches(
        self, kind: str, batches: Sequence[Sequence[Request]], compute: BatchCompute
    ) -> Iterator[tuple[int, list[Any]]]:
        """Answers per batch as they finish; ``compute`` (the local path) is not used."""
        if not batches:
            return
        if self._closed:
            raise ExecutorError("the Ray executor was closed; make a new one")
        if not self._started:
            self._start()
        import ray
        from ray.exceptions import RayActorError, RayError

        queue = deque(range(len(batches)))
        deaths = [0] * len(batches)
        in_flight: dict[Any, tuple[_Worker, int]] = {}

        def dispatch() -> None:
            for worker in list(self._workers):
                while worker.in_flight < IN_FLIGHT_PER_WORKER and queue:
                    index = queue.popleft()
                    reference = worker.handle.compute.remote(kind, list(batches[index]))
                    in_flight[reference] = (worker, index)
                    worker.in_flight += 1

        dispatch()
        while in_flight:
            ready, _ = ray.wait(list(in_flight), num_returns=1)
            worker, index = in_flight.pop(ready[0])
            worker.in_flight -= 1
            try:
                status, value = ray.get(ready[0])
            except RayActorError as error:
                deaths[index] += 1
                self._lose(worker)
                if deaths[index] >= self.options.max_attempts:
                    raise ExecutorError(
                        f"a batch of {len(batches[index])} '{kind}' requests starting with "
                        f"'{_first_id(batches[index])}' was lost with {deaths[index]} Ray "
                        f"workers in a row ({_summary(error)}); is the model running out of "
                        "memory on it?"
                    ) from None
                if not self._workers:
                    raise ExecutorError(
                        f"every Ray worker died and no restarts are left ({_summary(error)})"
                    ) from None
                self.requeued_batches += 1
                queue.appendleft(index)
                dispatch()
                continue
            except RayError as error:
                raise ExecutorError(f"a Ray worker failed: {_summary(error)}") from None
            if status == "error":
                raise value
            yield index, value
            dispatch()

    # --- bookkeeping ---------------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "address": self.options.address or "local",
            "workers": self._worker_count,
            "num_cpus": self.options.num_cpus,
            "num_gpus": self.options.num_gpus,
            "started": self._started,
            "lost_workers": self.lost_workers,
            "requeued_batches": self.requeued_batches,
        }

    def close(self) -> None:
        if not self._started or self._closed:
            return
        self._closed = True
        import ray

        for worker in self._workers:
            ray.kill(worker.handle, no_restart=True)
        self._workers = []
        if self._owns_cluster:
            ray.shutdown()


def check_reachable(address: str, seconds: float = 10.0) -> None:
    """Fail in seconds when nothing listens at ``address``: Ray itself retries for minutes."""
    import socket

    if address in ("auto", "local"):
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        socket.create_connection((host or "127.0.0.1", int(port)), timeout=seconds).close()
    except (OSError, ValueError) as error:
        raise ExecutorError(
            f"cannot reach a Ray cluster at {address}: {getattr(error, 'strerror', None) or error}; "
            "start one with 'ray start --head', or leave out --address for a local cluster"
        ) from None


def _first_id(batch: Sequence[Request]) -> str:
    return str(getattr(batch[0], "example_id", "?")) if batch else "?"


def _summary(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"
