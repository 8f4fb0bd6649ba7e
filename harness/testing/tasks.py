"""``check_task``: the task contract (``harness.tasks.base``), checked.

from harness.testing import check_task
check_task("my_task")
"""

from __future__ import annotations

from collections.abc import Sequence

from harness.registry import METRICS, TASKS
from harness.requests import REQUEST_KINDS
from harness.tasks import TaskSetup
from harness.testing._check import described, require, strict_options

__all__ = ["check_task"]


def check_task(
    name: str, *, labels: Sequence[str] = ("entailment", "neutral", "contradiction")
) -> None:
    """Check registered task ``name``, built with its default options (and ``labels``
    when it needs them).

    It is registered under its own ``name``, describes itself, refuses unknown options,
    declares its input fields, target column and default metrics (registered metrics it
    can report: a metric that needs labels only for a task with labels), whether its
    failures can be explained, and the request a file of precomputed answers serves (a
    known request kind, or None for a task with labels); built, it asks for known
    request kinds. Raises ``AssertionError`` naming what is wrong.
    """
    task_class = TASKS.get(name)
    component = f"task '{name}'"
    require(task_class.name == name, component, f"its name is '{task_class.name}'")
    described(TASKS, name, component)
    strict_options(task_class.Options, component)
    require(
        task_class.default_input_fields and isinstance(task_class.target_column, str),
        component,
        "declares default_input_fields and a target_column",
    )
    require(task_class.default_metrics, component, "declares default_metrics")
    for metric in task_class.default_metrics:
        require(metric in METRICS, component, f"default metric '{metric}' is not registered")
        require(
            not METRICS.get(metric).needs_labels or task_class.needs_labels,
            component,
            f"default metric '{metric}' needs labels this task does not have",
        )
    require(
        isinstance(getattr(task_class, "explains_failures", None), bool),
        component,
        "declares explains_failures (True when harness.explain can attribute its failures)",
    )
    answers = getattr(task_class, "precomputed_answers", "missing")
    require(
        answers in REQUEST_KINDS or (answers is None and task_class.needs_labels),
        component,
        "declares precomputed_answers: the request kind a predictions file serves "
        "(None only for a task with labels, whose file holds label probabilities)",
    )
    setup = TaskSetup(
        labels=tuple(labels) if task_class.needs_labels else (),
        input_fields=task_class.default_input_fields,
        options=task_class.Options(),
    )
    task = task_class(setup)
    require(
        task.request_kinds() and set(task.request_kinds()) <= set(REQUEST_KINDS),
        component,
        f"asks for known request kinds, got {task.request_kinds()}",
    )
