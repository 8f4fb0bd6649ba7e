"""The public conformance checks fail on components that break their contracts.

Each check passes on every built-in component (tests/test_conformance.py); here each is
handed a component with one planted fault and must name it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, ClassVar

import pytest

from harness import execution
from harness.analyses.consistency import LogicalConsistencyAnalysis
from harness.core import Example
from harness.execution import RunContext
from harness.kinds.evaluate import EvaluateKind
from harness.models.base import ModelOptions, ModelSpec, declare_options
from harness.models.python_callable import load_python_model
from harness.options import Options
from harness.registry import ANALYSES, MODELS, TASKS, TEST_KINDS, TRANSFORMS
from harness.tasks.generation import GenerationTask
from harness.testing import (
    check_analysis,
    check_model_adapter,
    check_task,
    check_test_kind,
    check_transform,
)
from harness.transforms import make_variant


def plant(monkeypatch: pytest.MonkeyPatch, registry: Any, name: str, component: Any) -> None:
    """Register ``component`` as ``name`` for one test (the registry is restored after)."""
    registry.names()  # built-ins first, so they are not registered over the planted one
    monkeypatch.setitem(registry._entries, name, component)
    monkeypatch.setitem(registry._descriptions, name, "")


# --- transforms ---------------------------------------------------------------------------


class UpperTransform:
    """Upper-cases every field it may change (a transform that keeps its contract)."""

    description: ClassVar[str] = "upper-cases the fields"

    class Options(Options):
        pass

    def apply(
        self, example: Example, options: Any, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        changed = {name: example.fields[name].upper() for name in fields}
        return [
            make_variant(
                example,
                name=self.name,
                options=options,
                index=0,
                fields=changed,
                description="upper case",
            )
        ]

    name = "planted"


class GlobalRandomTransform(UpperTransform):
    """Draws from the global random state instead of the rng it is given."""

    def apply(
        self, example: Example, options: Any, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        [variant] = super().apply(example, options, rng, fields)
        first = fields[0]
        changed = {first: f"{variant.fields[first]} {random.random()}"}
        return [replace(variant, fields={**variant.fields, **changed})]


class RelabellingTransform(UpperTransform):
    """Changes the gold target without declaring ``sets_target``."""

    def apply(
        self, example: Example, options: Any, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        return [replace(v, target="neutral") for v in super().apply(example, options, rng, fields)]


class LaxOptionsTransform(UpperTransform):
    """Options that accept any key."""

    class Options(Options):
        model_config = {"extra": "allow", "frozen": True}


def test_check_transform_passes_a_transform_that_keeps_the_contract(monkeypatch) -> None:
    plant(monkeypatch, TRANSFORMS, "planted", UpperTransform)
    check_transform("planted")


@pytest.mark.parametrize(
    "component,message",
    [
        (GlobalRandomTransform, "same example and seed must give the same variants"),
        (RelabellingTransform, "keeps the gold target"),
        (LaxOptionsTransform, "refuse unknown keys"),
    ],
)
def test_check_transform_names_a_planted_fault(monkeypatch, component, message) -> None:
    plant(monkeypatch, TRANSFORMS, "planted", component)
    with pytest.raises(AssertionError, match=message):
        check_transform("planted")


# --- model adapters -----------------------------------------------------------------------


def coin_flips(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """A classifier whose answers change from call to call."""
    answers = []
    for _ in batch:
        p = random.random()
        answers.append({"entailment": p, "neutral": 1 - p, "contradiction": 0.0})
    return answers


def test_check_model_adapter_passes_the_scripted_classifier() -> None:
    check_model_adapter("python:harness.testing.models:nli_word_rules")


def test_check_model_adapter_names_answers_that_change() -> None:
    with pytest.raises(AssertionError, match="the same classify requests get the same answers"):
        check_model_adapter(f"python:{__name__}:coin_flips")


def load_without_options(spec: ModelSpec, context: Any) -> Any:
    return load_python_model(spec, context)


load_without_options.description = "a factory that declares no options"  # type: ignore[attr-defined]


def test_check_model_adapter_names_a_factory_without_options(monkeypatch) -> None:
    plant(monkeypatch, MODELS, "planted", load_without_options)
    with pytest.raises(AssertionError, match="declares a ModelOptions model"):
        check_model_adapter(ModelSpec.parse("planted:harness.testing.models:nli_word_rules"))


def load_undescribed(spec: ModelSpec, context: Any) -> Any:
    return load_python_model(spec, context)


declare_options(load_undescribed, ModelOptions)


def test_check_model_adapter_names_a_factory_without_a_description(monkeypatch) -> None:
    plant(monkeypatch, MODELS, "planted", load_undescribed)
    with pytest.raises(AssertionError, match="needs a one-line description"):
        check_model_adapter(ModelSpec.parse("planted:harness.testing.models:nli_word_rules"))


# --- tasks --------------------------------------------------------------------------------


class UndeclaredTask(GenerationTask):
    """A label-free task that says nothing about precomputed answers."""

    precomputed_answers: ClassVar[Any] = None


def test_check_task_names_an_undeclared_precomputed_request(monkeypatch) -> None:
    plant(monkeypatch, TASKS, "generation", UndeclaredTask)
    with pytest.raises(AssertionError, match="declares precomputed_answers"):
        check_task("generation")


# --- test kinds ---------------------------------------------------------------------------

SUITE = {
    "name": "planted",
    "task": "nli",
    "labels": ["entailment", "neutral", "contradiction"],
    "model": "python:harness.testing.models:nli_word_rules",
    "tests": [
        {
            "name": "core",
            "kind": "planted",
            "data": {"source": "builtin", "name": "nli-core", "limit": 8},
        }
    ],
}


class NoisyKind(EvaluateKind):
    """Reports a number drawn from the global random state."""

    def run(self, plan: Any, context: RunContext) -> execution.TestOutcome:
        outcome = super().run(plan, context)
        outcome.sections = {**outcome.sections, "noise": {"draw": random.random()}}
        return outcome


class DoubledKind(EvaluateKind):
    """Writes its first item twice."""

    def run(self, plan: Any, context: RunContext) -> execution.TestOutcome:
        outcome = super().run(plan, context)
        outcome.items = [*outcome.items, outcome.items[0]]
        return outcome


class LaxKind(EvaluateKind):
    class Options(EvaluateKind.Options):  # type: ignore[name-defined,misc]
        model_config = {"extra": "allow", "frozen": True}


def test_check_test_kind_passes_a_kind_that_keeps_the_contract(monkeypatch) -> None:
    plant(monkeypatch, TEST_KINDS, "planted", EvaluateKind)
    run = check_test_kind("planted", SUITE)
    assert run.test("core")["n"] == 8


@pytest.mark.parametrize(
    "component,message",
    [
        (NoisyKind, "same results.json"),
        (DoubledKind, "item ids are distinct"),
        (LaxKind, "refuse unknown keys"),
    ],
)
def test_check_test_kind_names_a_planted_fault(monkeypatch, component, message) -> None:
    plant(monkeypatch, TEST_KINDS, "planted", component)
    with pytest.raises(AssertionError, match=message):
        check_test_kind("planted", SUITE)


def test_check_test_kind_needs_a_suite_with_the_kind(monkeypatch) -> None:
    plant(monkeypatch, TEST_KINDS, "planted", EvaluateKind)
    other = {**SUITE, "tests": [{**SUITE["tests"][0], "kind": "evaluate"}]}
    with pytest.raises(AssertionError, match="no test of this kind"):
        check_test_kind("planted", other)


# --- analyses -----------------------------------------------------------------------------


class MeddlingAnalysis(LogicalConsistencyAnalysis):
    """Deletes the metrics of the tests it reads."""

    def run(
        self, options: Any, outcomes: Mapping[str, execution.TestOutcome], context: RunContext
    ) -> dict[str, Any]:
        result = super().run(options, outcomes, context)
        for name in options.tests:
            outcomes[name].metrics.clear()
        return result


def test_check_analysis_names_an_analysis_that_changes_what_it_reads(monkeypatch) -> None:
    plant(monkeypatch, ANALYSES, "logical_consistency", MeddlingAnalysis)
    with pytest.raises(AssertionError, match="only reads the outcomes"):
        check_analysis("logical_consistency")
