"""Tasks: what is specific to a kind of item (fields, target, requests, scoring).

* ``classification``: a label from a fixed set; ``nli`` is classification over
  premise and hypothesis;
* ``multiple_choice``: choices scored by log-likelihood; the target is an index;
* ``extractive_qa``: an answer span in a context, or none; scored by EM and F1;
* ``generation``: generated text against reference texts; scored by EM and F1.

The contract is in ``harness.tasks.base``; ``make_task`` builds the task a suite names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness.data.base import LoadContext
from harness.tasks.base import Task, TaskSetup

__all__ = [
    "Task",
    "TaskSetup",
    "explains_failures",
    "load_context",
    "make_task",
    "task_class",
]


def task_class(name: str) -> Any:
    """The task class registered as ``name`` (``harness list tasks``)."""
    from harness.registry import TASKS

    return TASKS.get(name)


def explains_failures(name: str) -> bool:
    """Whether failures of task ``name`` are explained word by word (``harness.explain``);
    False for a task this installation does not know (a run made with a plugin)."""
    from harness.registry import TASKS

    return name in TASKS and bool(getattr(TASKS.get(name), "explains_failures", False))


def make_task(name: str, setup: TaskSetup) -> Task:
    task: Task = task_class(name)(setup)
    return task


def load_context(
    task: str,
    *,
    base_dir: Path,
    labels: Sequence[str] = (),
    input_fields: Sequence[str] | None = None,
    seed: int = 0,
    derived: Any = None,
) -> LoadContext:
    """What a data source loads ``task``'s rows with: the task parses each row's fields
    and target (``input_fields`` defaults to the task's own)."""
    fields = tuple(input_fields or task_class(task).default_input_fields)
    parser = make_task(task, TaskSetup(labels=tuple(labels), input_fields=fields))
    return LoadContext(
        base_dir=base_dir,
        labels=tuple(labels),
        input_fields=fields,
        seed=seed,
        task=parser,
        derived=derived,
    )
