"""``harness export SUITE``: every item a suite will ask a model about, as JSONL.

A ``predictions:FILE`` model answers by example id, and generated or perturbed items
have ids no one can know in advance. ``export`` runs the suite's tests against a
stand-in that answers every request neutrally and records what it is asked — through
the same loading, sampling, generation and perturbation code as ``harness run``, so the
ids are exactly the ones a run asks for — and writes one line per example id:

    {"id": "nli-core/test:nc-test-0001", "tests": ["nli_core", "typo_invariance"],
     "fields": {"premise": "...", "hypothesis": "..."}}
    {"id": "b1b74dbef265", "tests": ["typo_invariance"], "fields": {...},
     "parent_id": "nli-core/test:nc-test-0001", "transform": "typo"}

A predictions file answers each line's ``id`` (``docs/predictions.md``). The stand-in
serves what a predictions file serves for the suite's task, so the tests a file cannot
answer — an attack, which makes its inputs as it goes, or a test of another task — are
left out with a note, as ``run`` skips them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from harness.core import Example, Prediction
from harness.errors import ModelError
from harness.execution import RunContext
from harness.predictor import RequestRunner, TaskPredictor
from harness.registry import TEST_KINDS
from harness.requests import CLASSIFY, Classify, Request, span_response
from harness.results import RunSpool
from harness.suite import Suite, load_suite
from harness.suite.preflight import load_all_data

#: Resamples for the metrics the kinds compute on the stand-in's answers (discarded).
_RESAMPLES = 10


@dataclass
class AskedItems:
    """The example ids a suite asks about, in first-asked order, with their fields."""

    known: dict[str, Example] = field(default_factory=dict)
    asked: dict[str, tuple[list[str], dict[str, Any]]] = field(default_factory=dict)

    def remember(self, examples: Sequence[Example]) -> None:
        for example in examples:
            self.known.setdefault(example.id, example)

    def record(self, test: str, request: Request) -> None:
        if not request.example_id:  # not about one example (a calibration prompt)
            return
        if isinstance(request, Classify):
            self.remember([request.example])
        tests, _ = self.asked.setdefault(request.example_id, ([], request.payload()))
        if test not in tests:
            tests.append(test)

    def rows(self) -> Iterator[dict[str, Any]]:
        for example_id, (tests, payload) in self.asked.items():
            example = self.known.get(example_id)
            row: dict[str, Any] = {
                "id": example_id,
                "tests": tests,
                "fields": dict(example.fields) if example is not None else payload,
            }
            if example is not None and example.parent_id is not None:
                row["parent_id"] = example.parent_id
                row["transform"] = example.transform.name if example.transform else None
            yield row


class StandInModel:
    """Answers like a predictions file that has every row: neutrally, and nothing else."""

    cacheable = False
    answers_only_listed_ids = True
    truncated_count = 0
    batch_size = 1024

    def __init__(self, labels: Sequence[str], serves: str) -> None:
        self.labels = tuple(labels)
        self.serves = (serves,)

    def fingerprint(self) -> str:
        return "export-stand-in"

    def describe(self) -> dict[str, Any]:
        return {"kind": "predictions", "name": "a predictions file", "spec": "a predictions file"}

    def classify(self, examples: Sequence[Example]) -> np.ndarray:
        return np.full((len(examples), len(self.labels)), 1.0 / max(len(self.labels), 1))

    def loglikelihood(self, requests: Sequence[Any]) -> list[tuple[float, bool]]:
        return [(0.0, False) for _ in requests]

    def extract_span(self, requests: Sequence[Any]) -> list[Any]:
        return [span_response("", 0, 0) for _ in requests]

    def generate(self, requests: Sequence[Any]) -> list[dict[str, str]]:
        return [{"text": ""} for _ in requests]


class _RecordingRunner(RequestRunner):
    """Every request of every path (task predictors, kinds asking directly) is recorded."""

    def __init__(self, model: Any, asked: AskedItems) -> None:
        super().__init__(model)
        self.asked = asked
        self.test = ""

    def run(self, requests: Sequence[Request], description: str = "") -> list[Any]:
        for request in requests:
            self.asked.record(self.test, request)
        return super().run(requests, description)


class _RememberingPredictor(TaskPredictor):
    """Keeps the examples it is given (variants included) for their fields."""

    def __init__(self, task: Any, runner: _RecordingRunner) -> None:
        super().__init__(task, runner)
        self.asked = runner.asked

    def predict(self, examples: Sequence[Example], description: str = "") -> list[Prediction]:
        self.asked.remember(examples)
        return super().predict(examples, description)


#: How a predictions row answers, by the suite's task (docs/predictions.md).
ANSWER_FORMS = {
    "multiple_choice": '{"id": ..., "choice": 2}',
    "extractive_qa": '{"id": ..., "answer": "..."}',
    "generation": '{"id": ..., "text": "..."}',
}
LABEL_FORM = '{"id": ..., "label": ...}'


@dataclass(frozen=True)
class Export:
    """What ``export_items`` found: the rows, the tests they come from, what was left out,
    and the form of a predictions row that answers them."""

    rows: list[dict[str, Any]]
    tests: list[str]
    notes: list[str]
    answer_form: str = LABEL_FORM


def stand_in_for(suite: Suite) -> StandInModel:
    """A stand-in serving what ``predictions:FILE`` serves for the suite's task."""
    from harness.tasks import task_class

    # A task without labels says which request its precomputed answers serve.
    answers = getattr(task_class(suite.task), "precomputed_answers", None)
    if answers is not None:
        return StandInModel((), answers)
    return StandInModel(suite.labels, CLASSIFY)


def export_items(
    suite_path: str | Path, *, limit: int | None = None, tests: Sequence[str] | None = None
) -> Export:
    """The items ``harness run SUITE [--limit N] [--tests ...]`` asks a predictions file about."""
    from harness.runner import make_loader
    from harness.suite.selection import select_tests

    selection = select_tests(load_suite(suite_path), tests)
    suite = selection.suite
    asked = AskedItems()

    def remembering(load: Callable[[Any], list[Example]]) -> Callable[[Any], list[Example]]:
        def load_and_remember(data: Any) -> list[Example]:
            examples = load(data)
            asked.remember(examples)
            return examples

        return load_and_remember

    load_examples = remembering(make_loader(suite, limit))
    load_all_data(suite, load_examples)
    model = stand_in_for(suite)
    task = suite.make_task(load_examples=make_loader(suite, None))
    runner = _RecordingRunner(model, asked)
    # Analyses are not run: they read the tests' answers and ask a predictions file nothing.
    notes: list[str] = []
    exported: list[str] = []
    with tempfile.TemporaryDirectory(prefix="harness-export-") as spool_dir:
        spool = RunSpool(Path(spool_dir))
        context = RunContext(
            suite=suite,
            predictor=_RememberingPredictor(task, runner),
            model=model,
            load_examples=load_examples,
            bootstrap_resamples=_RESAMPLES,
            task=task,
            requests=runner,
            spool=spool,
        )
        for plan in suite.tests:
            name = plan.spec.name
            own = context
            if plan.task is not None:
                test_task = plan.task.make()
                try:
                    test_task.check_model(model)
                except ModelError as error:
                    notes.append(f"test {name} is left out: {error}")
                    continue
                own = replace(
                    context,
                    task=test_task,
                    predictor=_RememberingPredictor(test_task, runner),
                    load_examples=remembering(make_loader(suite, limit, plan.task)),
                )
            kind = TEST_KINDS.get(plan.kind)()
            if getattr(kind, "makes_new_inputs", False):
                notes.append(
                    f"test {name} is left out: it asks about inputs it makes as it goes, which "
                    "a predictions file cannot answer (run skips it with a predictions file)"
                )
                continue
            runner.test = name
            asked_before = dict(asked.asked)
            try:
                kind.run(plan, own)
            except ModelError as error:  # what a predictions file cannot serve (prompt variants)
                asked.asked = asked_before
                notes.append(f"test {name} is left out: {_without_test(str(error), name)}")
                continue
            exported.append(name)
        spool.discard()
    return Export(
        rows=list(asked.rows()),
        tests=exported,
        notes=notes,
        answer_form=ANSWER_FORMS.get(suite.task, LABEL_FORM),
    )


def _without_test(message: str, name: str) -> str:
    """``"test 'x': why"`` -> ``"why"`` (the note names the test already)."""
    prefix = f"test '{name}': "
    return message[len(prefix) :] if message.startswith(prefix) else message
