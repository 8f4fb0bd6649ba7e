"""The executor interface and the local executor (the path every run took before Ray).

An executor receives the batches of one request kind that must be computed — already
cut by the predictor, in its order — and yields ``(index, answers)`` for each batch as
it finishes, in any order. It never sees the cache or the run directory: the predictor
checks each batch's answers and stores them as they arrive, so an interrupted run
resumes from the cache whichever executor computed them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol

from harness.errors import HarnessError
from harness.requests import Request

#: Computes one batch of one kind in this process: ``harness.predictor.answer_batch``.
BatchCompute = Callable[[str, Sequence[Request]], list[Any]]

EXECUTORS = ("local", "ray")


class BatchExecutor(Protocol):
    """Runs batches somewhere and yields their answers as they finish."""

    name: str

    def map_batches(
        self, kind: str, batches: Sequence[Sequence[Request]], compute: BatchCompute
    ) -> Iterator[tuple[int, list[Any]]]:
        """``(index into batches, JSON answers in the batch's order)``, once per batch."""
        ...

    def describe(self) -> dict[str, Any]:
        """What results.json records under ``environment.executor``."""
        ...

    def close(self) -> None:
        """Release workers; the executor is not used afterwards."""
        ...


class LocalExecutor:
    """Each batch in this process, in order, with the driver's own model."""

    name = "local"

    def map_batches(
        self, kind: str, batches: Sequence[Sequence[Request]], compute: BatchCompute
    ) -> Iterator[tuple[int, list[Any]]]:
        for index, batch in enumerate(batches):
            yield index, compute(kind, batch)

    def describe(self) -> dict[str, Any]:
        return {"name": self.name}

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class ExecutorOptions:
    """How a distributed executor places its workers (the local executor has none)."""

    # A running cluster ("ray://host:10001", "host:6379", "auto"); None starts a local one.
    address: str | None = None
    # Model replicas, one per actor.
    workers: int = 2
    num_cpus: float = 1.0
    num_gpus: float = 0.0
    # Replacement actors started for workers that die; None: as many as ``workers``.
    max_restarts: int | None = None
    # A batch that killed this many workers is an error rather than re-queued again.
    max_attempts: int = 3

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise HarnessError(f"--workers must be at least 1, got {self.workers}")
        if self.num_cpus < 0 or self.num_gpus < 0:
            raise HarnessError("num_cpus and num_gpus per worker cannot be negative")
        if self.address is not None and self.address not in ("auto", "local"):
            host, separator, port = self.address.removeprefix("ray://").rpartition(":")
            if not separator or not host or not port.isdigit():
                raise HarnessError(
                    f"--address '{self.address}': expected HOST:PORT, ray://HOST:PORT or auto"
                )
        if self.max_attempts < 1:
            raise HarnessError(f"max_attempts must be at least 1, got {self.max_attempts}")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> ExecutorOptions:
        """From ``--executor-option key=value`` pairs and flags; an unknown key is an error."""
        values = dict(values or {})
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise HarnessError(
                f"unknown executor option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        try:
            return cls(**values)
        except TypeError as error:
            raise HarnessError(f"executor options: {error}") from None
