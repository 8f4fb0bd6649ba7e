"""Where the requests that the cache lacks are computed: here, or on Ray actors.

    RequestRunner ──batches to compute──▶ executor.map_batches ──(index, answers)──▶ check, cache

``local`` (the default) computes each batch in this process, in order; ``ray`` shards
them across Ray actors, one model replica each (``harness run --executor ray``; see
docs/scale.md). The predictor cuts the batches and owns the cache whatever the
executor, so results do not depend on where a batch ran.
"""

from typing import Any

from harness.errors import HarnessError
from harness.predictor.executors.base import (
    EXECUTORS,
    BatchCompute,
    BatchExecutor,
    ExecutorOptions,
    LocalExecutor,
)

__all__ = [
    "EXECUTORS",
    "BatchCompute",
    "BatchExecutor",
    "ExecutorOptions",
    "LocalExecutor",
    "make_executor",
]


def make_executor(
    name: str,
    options: ExecutorOptions,
    *,
    spec: Any,
    context: Any,
    fingerprint: str,
) -> BatchExecutor:
    """The executor ``name`` for a model built from ``spec`` in ``context``.

    Workers build their own replica from the spec (never a pickled model), and refuse
    to run when its fingerprint differs from the driver's ``fingerprint``.
    """
    if name == "local":
        return LocalExecutor()
    if name == "ray":
        from harness.predictor.executors.ray_actors import RayExecutor

        return RayExecutor(options, spec=spec, context=context, fingerprint=fingerprint)
    raise HarnessError(f"unknown executor '{name}'; known: {', '.join(EXECUTORS)}")
