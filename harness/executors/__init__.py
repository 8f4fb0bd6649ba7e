"""Where the requests that the cache lacks are computed: here, or on Ray actors.

    RequestRunner ──batches to compute──▶ executor.map_batches ──(index, answers)──▶ check, cache

``local`` (the default) computes each batch in this process, in order; ``ray`` shards
them across Ray actors, one model replica each (``harness run --executor ray``; see
docs/scale.md). The predictor cuts the batches and owns the cache whatever the
executor, so results do not depend on where a batch ran.
"""

from harness.executors.base import (
    EXECUTORS,
    BatchCompute,
    BatchExecutor,
    ExecutorOptions,
    LocalExecutor,
    make_executor,
)

__all__ = [
    "EXECUTORS",
    "BatchCompute",
    "BatchExecutor",
    "ExecutorOptions",
    "LocalExecutor",
    "make_executor",
]
