"""Tasks: what is specific to a kind of item (fields, target, requests, scoring).

* ``classification``: a label from a fixed set; ``nli`` is classification over
  premise and hypothesis;
* ``multiple_choice``: choices scored by log-likelihood; the target is an index;
* ``extractive_qa``: an answer span in a context, or none; scored by EM and F1;
* ``generation``: generated text against reference texts; scored by EM and F1.

The contract is in ``harness.tasks.base``; ``make_task`` builds the task a suite names.
"""

from __future__ import annotations

from typing import Any

from harness.tasks.base import Task, TaskSetup

__all__ = ["Task", "TaskSetup", "make_task", "task_class"]


def task_class(name: str) -> Any:
    """The task class registered as ``name`` (``harness list tasks``)."""
    from harness.registry import TASKS

    return TASKS.get(name)


def make_task(name: str, setup: TaskSetup) -> Task:
    task: Task = task_class(name)(setup)
    return task
