"""The task contract: what is specific to a kind of item.

A task (registry ``harness.registry.TASKS``) is a class built with a ``TaskSetup``.
It owns:

* its input fields and target: ``parse_field`` / ``parse_target`` turn a data row's
  raw values into the example's ``fields`` and ``target`` (a ``ValueError`` becomes
  one line naming the file, row and field);
* the requests it sends a model (``request_kinds``; ``check_model`` refuses a model
  that cannot serve them at load, before any work);
* ``predict``: examples → requests → the predictor → ``Prediction``s;
* ``score``: examples + predictions → ``ItemResult``s with per-item ``scores``
  (``correct``, ``em``, ``f1``, ``brier``, ...);
* ``default_metrics``: what a test reports when it names none;
* what else is known about it: its ``description`` (``harness list tasks``), the
  request kind a file of precomputed answers serves (``precomputed_answers``), whether
  its failures can be explained word by word (``explains_failures``).

Tasks are pure apart from ``predict``, whose only door to a model is the
predictor (``harness.predictor.RequestRunner``): batching, caching and progress
happen there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from harness.core import Example, ItemResult, Prediction
from harness.errors import ModelError
from harness.requests import Generate, served_kinds


@dataclass(frozen=True)
class TaskSetup:
    """What a task is built with: the suite's labels and input fields, and options."""

    labels: tuple[str, ...] = ()
    input_fields: tuple[str, ...] = ()
    # The model's label -> suite label overrides (classification).
    label_map: Mapping[str, str] | None = None
    # The suite's ``task_options``, validated by the task's ``Options``.
    options: Any = None
    extras: Mapping[str, Any] = field(default_factory=dict)


class Runner(Protocol):
    """The predictor as tasks see it: typed requests in, JSON responses out."""

    model: Any

    def run(self, requests: Sequence[Any], description: str = "") -> list[Any]: ...


class Task(Protocol):
    name: ClassVar[str]
    #: The input fields of an item when the suite does not name them.
    default_input_fields: ClassVar[tuple[str, ...]]
    #: The data column that holds the target when the suite maps none.
    target_column: ClassVar[str]
    default_metrics: ClassVar[tuple[str, ...]]
    #: Whether the suite must declare ``labels`` (classification).
    needs_labels: ClassVar[bool]
    #: The request kind a file of precomputed answers serves for this task (``predictions:``
    #: a model of its own); None: the file holds label probabilities (classification).
    precomputed_answers: ClassVar[str | None]
    #: Whether a failure can be explained by word attributions (``harness.explain``).
    explains_failures: ClassVar[bool]
    description: ClassVar[str]
    Options: ClassVar[type]

    def request_kinds(self) -> tuple[str, ...]: ...

    def check_model(self, model: Any) -> None: ...

    def parse_field(self, name: str, value: Any) -> Any: ...

    def parse_target(
        self, raw: Any, fields: Mapping[str, Any], label_values: Mapping[str, str]
    ) -> Any: ...

    def predict(
        self, examples: Sequence[Example], runner: Runner, description: str = ""
    ) -> list[Prediction]: ...

    def score(
        self,
        test: str,
        examples: Sequence[Example],
        predictions: Sequence[Prediction],
        label_mapping: Mapping[str, str] | None = None,
    ) -> tuple[tuple[str, ...], list[ItemResult]]: ...


@dataclass(frozen=True)
class ItemScore:
    """What a task makes of one answer: an ``ItemResult`` less the test, example and
    prediction it belongs to (``result`` puts them together)."""

    gold: str | None
    predicted: str | None
    correct: bool | None
    scores: dict[str, float]
    # None: the example's own slice tags (``slice_tags``).
    tags: dict[str, str] | None = None

    def result(self, test: str, example: Example, prediction: Prediction) -> ItemResult:
        return ItemResult(
            test=test,
            example=example,
            prediction=prediction,
            gold=self.gold,
            predicted=self.predicted,
            correct=self.correct,
            scores=self.scores,
            tags=slice_tags(example) if self.tags is None else self.tags,
        )


class ItemwiseTask:
    """A task without a label set that scores each answer on its own (``score_item``):
    its suites need not declare labels (``needs_labels``), its tests report none, and
    its failures are not explained word by word (``explains_failures``)."""

    needs_labels: ClassVar[bool] = False
    explains_failures: ClassVar[bool] = False

    def score(
        self,
        test: str,
        examples: Sequence[Example],
        predictions: Sequence[Prediction],
        label_mapping: Mapping[str, str] | None = None,
    ) -> tuple[tuple[str, ...], list[ItemResult]]:
        return (), [
            self.score_item(example, prediction).result(test, example, prediction)
            for example, prediction in zip(examples, predictions, strict=True)
        ]

    def score_item(self, example: Example, prediction: Prediction) -> ItemScore:
        raise NotImplementedError


def generate_requests(
    examples: Sequence[Example],
    prompt: Callable[[Mapping[str, Any]], str],
    stop: Sequence[str],
    max_tokens: int,
) -> list[Generate]:
    """One ``Generate`` request per example: the prompt of its fields, with the task's
    stop sequences and token limit."""
    return [
        Generate(
            prompt=prompt(example.fields),
            stop=tuple(stop),
            max_tokens=max_tokens,
            example_id=example.id,
        )
        for example in examples
    ]


def require_requests(task_name: str, needed: Sequence[str], model: Any) -> None:
    """Refuse, in one line, a model that cannot serve the requests a task needs."""
    served = served_kinds(model)
    missing = [kind for kind in needed if kind not in served]
    if missing:
        name = model.describe().get("spec") or model.describe().get("name", "?")
        raise ModelError(
            f"task '{task_name}' needs '{missing[0]}' requests, which model '{name}' does not "
            f"serve (it serves: {', '.join(sorted(served)) or 'nothing'})"
        )


def text_field(name: str, value: Any) -> str:
    """A plain text input: strings as they are, numbers as text; lists are an error."""
    if isinstance(value, list | dict | tuple):
        raise ValueError(f"field '{name}' must be text, got a {type(value).__name__}")
    return str(value)


def slice_tags(example: Example) -> dict[str, str]:
    """Slice tags are strings; lists and dicts in ``meta`` are not slice keys."""
    return {
        key: str(value)
        for key, value in example.meta.items()
        if isinstance(value, str | int | float | bool)
    }
