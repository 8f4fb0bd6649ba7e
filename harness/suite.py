"""Suites: declarative YAML, validated against a schema, then frozen.

    name, description, task, labels, seed, model, tests[], analyses[], gate

Each test is validated by the ``Options`` of its test kind, each ``data`` block by
its data source, each generator's ``params`` by the generator. Errors name the
file, the line and the field path, with a did-you-mean for unknown keys.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from harness.errors import HarnessError, ModelSpecError, PromptError, SuiteError
from harness.models.base import ModelSpec
from harness.options import Options, SourceMap, validate
from harness.preflight import check_suite_names
from harness.registry import ANALYSES, DATA_SOURCES, METRICS, TASKS, TEST_KINDS, did_you_mean
from harness.tasks import TaskSetup, make_task
from harness.yaml_positions import Location, load_yaml_with_lines


class ModelConfig(Options):
    """``model:`` as a mapping: ``{type: hf-classifier, path: ..., label_map: {...}, ...}``."""

    type: str
    path: str = ""
    label_map: dict[str, str] = Field(default_factory=dict)
    batch_size: int | None = None
    max_length: int | None = None
    device: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)

    def to_spec(self) -> ModelSpec:
        options: dict[str, Any] = dict(self.options)
        for key in ("label_map", "batch_size", "max_length", "device"):
            value = getattr(self, key)
            if value is not None and value != {}:  # 0 is a value (and an error), not "unset"
                options[key] = value
        return ModelSpec(kind=self.type, target=self.path, options=options)


class TestSpec(Options):
    """The keys every test has; test kinds extend this with their own."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    kind: str = "evaluate"
    description: str = ""
    data: dict[str, Any]
    # Collapse or rename gold and predicted labels, e.g. {neutral: non-entailment}.
    label_mapping: dict[str, str] = Field(default_factory=dict)
    # How a prediction is collapsed by label_mapping: "argmax" over the model's labels,
    # then mapped (HANS's convention), or "sum": the argmax of the summed probabilities.
    label_collapse: Literal["argmax", "sum"] = "argmax"
    slice_by: list[str] = Field(default_factory=list)
    # None: the task's default metrics (harness.tasks).
    metrics: list[str] | None = None
    # Items sharing this tag (a template family, a passage) are resampled together.
    cluster_by: str | None = None
    # A task of this test's own (a multiple-choice view in an extractive QA suite):
    # the suite's task, input fields and task options otherwise.
    task: str | None = None
    input_fields: list[str] | None = None
    task_options: dict[str, Any] = Field(default_factory=dict)

    def score_options(self) -> dict[str, Any]:
        """Keyword options for ``task.score`` beyond the label mapping.

        Only a non-default collapse is passed, so tasks without labels keep their
        plain ``score`` signature; the classification task defaults to "argmax".
        """
        return {"collapse": self.label_collapse} if self.label_collapse != "argmax" else {}


class SuiteSchema(BaseModel):
    """The top level of a suite file."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    task: str
    labels: list[str] = Field(default_factory=list)
    input_fields: list[str] | None = None
    # Options of the task (e.g. generation: stop, max_tokens), validated by the task.
    task_options: dict[str, Any] = Field(default_factory=dict)
    seed: StrictInt = Field(default=0, ge=0, le=2**32 - 1)
    model: str | ModelConfig = "reference"
    bootstrap_resamples: int = Field(default=2000, ge=100, le=100_000)
    tests: list[dict[str, Any]] = Field(min_length=1)
    analyses: list[dict[str, Any]] = Field(default_factory=list)
    gate: dict[str, Any] | None = None

    @field_validator("labels")
    @classmethod
    def _unique_labels(cls, labels: list[str]) -> list[str]:
        if len(set(labels)) != len(labels):
            raise ValueError("labels must be unique")
        return labels


class AnalysisSpec(Options):
    """Common keys of an analysis entry; analyses extend this."""

    name: str


@dataclass(frozen=True)
class TestPlan:
    """One validated test: its kind, its options and the validated data spec."""

    spec: TestSpec
    kind: str
    data: Any  # the data source's Options instance
    location: Location
    # The test's own task when it names one (``TestSpec.task``).
    task: TestTask | None = None


@dataclass(frozen=True)
class TestTask:
    """A test's own task: its name, input fields and validated options."""

    name: str
    input_fields: tuple[str, ...]
    options: Any

    def make(self, label_map: Mapping[str, str] | None = None) -> Any:
        return make_task(
            self.name,
            TaskSetup(input_fields=self.input_fields, label_map=label_map, options=self.options),
        )


@dataclass(frozen=True)
class Suite:
    """A loaded, validated, frozen suite."""

    path: Path | None
    name: str
    description: str
    task: str
    labels: tuple[str, ...]
    input_fields: tuple[str, ...]
    seed: int
    model: ModelSpec
    task_options: Any
    bootstrap_resamples: int
    tests: tuple[TestPlan, ...]
    analyses: tuple[tuple[str, Any], ...]
    gate: Mapping[str, Any] | None
    hash: str
    sources: SourceMap

    def make_task(
        self, label_map: Mapping[str, str] | None = None, load_examples: Any = None
    ) -> Any:
        """The suite's task (``harness.tasks``), for a model with this ``label_map``.

        ``load_examples(data_options)`` lets the task read data blocks of its own
        (a prompt's few-shot pool)."""
        return make_task(
            self.task,
            TaskSetup(
                labels=self.labels,
                input_fields=self.input_fields,
                label_map=label_map,
                options=self.task_options,
                extras={"base_dir": self.base_dir, "load_examples": load_examples},
            ),
        )

    @property
    def base_dir(self) -> Path:
        """Relative paths in the suite resolve against the suite file's folder."""
        return self.path.parent if self.path else Path.cwd()

    def test(self, name: str) -> TestPlan:
        for plan in self.tests:
            if plan.spec.name == name:
                return plan
        known = [plan.spec.name for plan in self.tests]
        raise HarnessError(f"suite '{self.name}' has no test '{name}'{did_you_mean(name, known)}")


def infer_kind(raw_test: Mapping[str, Any]) -> str:
    """A test's kind: explicit ``kind:``, else ``attack``/``perturbation`` by their keys."""
    if "kind" in raw_test:
        return str(raw_test["kind"])
    if "attack" in raw_test:
        return "attack"
    if "perturb" in raw_test:
        return "perturbation"
    if "prompt_variants" in raw_test:
        return "prompt_sensitivity"
    return "evaluate"


def _component(registry: Any, name: Any, location: Location, sources: SourceMap) -> Any:
    if not isinstance(name, str) or name not in registry:
        known = registry.names()
        suggestion = did_you_mean(str(name), known)
        raise sources.error(
            location, f"unknown {registry.kind} '{name}'{suggestion}; known: {', '.join(known)}"
        )
    try:
        return registry.get(name)
    except HarnessError as error:
        raise sources.error(location, str(error)) from None


def _run_check(component: Any, options: Any, location: Location, sources: SourceMap) -> None:
    """Call a component's optional load-time ``check(options, location, sources)``."""
    check = getattr(component, "check", None)
    if check is not None:
        check(options, location, sources)


def validate_data_spec(raw: Any, location: Location, sources: SourceMap) -> Any:
    """Validate a ``data:`` block with the options of the source it names."""
    if not isinstance(raw, Mapping):
        raise sources.error(location, "must be a mapping with a 'source' key")
    if "source" not in raw:
        raise sources.error(
            location, f"needs a 'source' key; one of: {', '.join(DATA_SOURCES.names())}"
        )
    source = _component(DATA_SOURCES, raw["source"], (*location, "source"), sources)
    options = validate(source.Options, dict(raw), location, sources)
    _run_check(source, options, location, sources)
    return options


def _suite_hash(raw: Mapping[str, Any]) -> str:
    """Identity of what is evaluated: not the model (runs override it), nor the gate
    (tuning a tolerance must not make a cached baseline run incomparable)."""
    identity = {k: v for k, v in raw.items() if k not in {"model", "description", "gate"}}
    canonical = json.dumps(identity, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _test_task(spec: TestSpec, location: Location, sources: SourceMap) -> TestTask | None:
    """A test's own task (``task:`` in the test), validated like the suite's."""
    if spec.task is None:
        for key in ("input_fields", "task_options"):
            if getattr(spec, key):
                raise sources.error((*location, key), f"'{key}' in a test needs the test's 'task'")
        return None
    task_class = _component(TASKS, spec.task, (*location, "task"), sources)
    if task_class.needs_labels:
        raise sources.error(
            (*location, "task"),
            f"task '{spec.task}' needs the suite's labels; use it as the suite's task",
        )
    input_fields = tuple(spec.input_fields or task_class.default_input_fields)
    options = validate(task_class.Options, spec.task_options, (*location, "task_options"), sources)
    test_task = TestTask(spec.task, input_fields, options)
    try:
        test_task.make()
    except ValueError as error:
        raise sources.error((*location, "input_fields"), str(error)) from None
    return test_task


def load_suite(path: str | Path) -> Suite:
    """Load and validate a suite file; raises ``SuiteError`` naming file, line and field."""
    path = Path(path)
    if path.is_dir():
        raise SuiteError("is a directory, expected a suite YAML file", path=path)
    raw, lines = load_yaml_with_lines(path)
    return suite_from_mapping(raw, SourceMap(path, lines))


def suite_from_mapping(raw: Any, sources: SourceMap | None = None) -> Suite:
    """Validate an already-parsed suite (used by ``load_suite`` and by tests)."""
    sources = sources or SourceMap(None)
    if not isinstance(raw, Mapping):
        raise sources.error((), "a suite must be a YAML mapping (name, task, labels, tests, ...)")
    schema = validate(SuiteSchema, raw, (), sources)
    task_class = _component(TASKS, schema.task, ("task",), sources)
    if task_class.needs_labels and len(schema.labels) < 2:
        raise sources.error(("labels",), f"task '{schema.task}' needs at least two labels")
    input_fields = tuple(schema.input_fields or task_class.default_input_fields)
    task_options = validate(task_class.Options, schema.task_options, ("task_options",), sources)
    try:
        suite_task = make_task(
            schema.task,
            TaskSetup(
                labels=tuple(schema.labels),
                input_fields=input_fields,
                options=task_options,
                extras={"base_dir": sources.path.parent if sources.path else None},
            ),
        )
    except ValueError as error:
        raise sources.error(("input_fields",), str(error)) from None
    except PromptError as error:
        raise sources.error(("task_options", "prompt"), str(error)) from None
    raw_shots = getattr(task_options, "shots", None)
    if raw_shots is not None:
        from harness.prompting.shots import ShotsOptions

        shots = validate(ShotsOptions, raw_shots, ("task_options", "shots"), sources)
        validate_data_spec(shots.source, ("task_options", "shots", "source"), sources)
    model = _model_spec(schema.model, sources)

    plans: list[TestPlan] = []
    seen_names: set[str] = set()
    for index, raw_test in enumerate(schema.tests):
        location: Location = ("tests", index)
        if not isinstance(raw_test, Mapping):
            raise sources.error(location, "each test must be a mapping")
        kind_name = infer_kind(raw_test)
        kind = _component(TEST_KINDS, kind_name, (*location, "kind"), sources)
        spec = validate(kind.Options, {**raw_test, "kind": kind_name}, location, sources)
        if spec.name in seen_names:
            raise sources.error((*location, "name"), f"test name '{spec.name}' is used twice")
        seen_names.add(spec.name)
        test_task = _test_task(spec, location, sources)
        test_task_class = TASKS.get(test_task.name) if test_task else task_class
        for metric_index, metric_name in enumerate(spec.metrics or ()):
            where = (*location, "metrics", metric_index)
            metric = _component(METRICS, metric_name, where, sources)
            if metric.needs_labels and not test_task_class.needs_labels:
                raise sources.error(
                    where,
                    f"metric '{metric_name}' needs a label set; task "
                    f"'{test_task.name if test_task else schema.task}' has none "
                    f"(its metrics: {', '.join(test_task_class.default_metrics)})",
                )
        data = validate_data_spec(raw_test["data"], (*location, "data"), sources)
        _run_check(kind, spec, location, sources)
        check_task = getattr(kind, "check_task", None)
        if check_task is not None:  # a test's options that depend on its task (a prompt)
            check_task(spec, test_task.make() if test_task else suite_task, location, sources)
        plans.append(
            TestPlan(spec=spec, kind=kind_name, data=data, location=location, task=test_task)
        )

    analyses: list[tuple[str, Any]] = []
    for index, raw_analysis in enumerate(schema.analyses):
        location = ("analyses", index)
        if not isinstance(raw_analysis, Mapping) or "name" not in raw_analysis:
            raise sources.error(location, "each analysis needs a 'name'")
        analysis = _component(ANALYSES, raw_analysis["name"], (*location, "name"), sources)
        options = validate(analysis.Options, dict(raw_analysis), location, sources)
        _run_check(analysis, options, location, sources)
        analyses.append((raw_analysis["name"], options))

    if schema.gate is not None:
        from harness.gate.config import gate_config_from_mapping

        gate_config_from_mapping(raw["gate"], sources, ("gate",))

    check_suite_names(
        plans,
        [(("analyses", index), options) for index, (_, options) in enumerate(analyses)],
        schema.labels,
        (*input_fields, task_class.target_column, "id"),
        sources,
    )
    suite = Suite(
        path=sources.path,
        name=schema.name,
        description=schema.description,
        task=schema.task,
        labels=tuple(schema.labels),
        input_fields=input_fields,
        seed=schema.seed,
        model=model,
        task_options=task_options,
        bootstrap_resamples=schema.bootstrap_resamples,
        tests=tuple(plans),
        analyses=tuple(analyses),
        gate=schema.gate,
        hash=_suite_hash(raw),
        sources=sources,
    )
    for plan in plans:
        # Checks that need the whole suite (its labels and fields), e.g. perturbation's
        # only_gold and to_label: a test kind's optional ``check_in_suite(plan, suite)``.
        check_in_suite = getattr(TEST_KINDS.get(plan.kind), "check_in_suite", None)
        if check_in_suite is not None:
            check_in_suite(plan, suite)
    return suite


def _model_spec(model: str | ModelConfig, sources: SourceMap) -> ModelSpec:
    """The suite's ``model:``: a registered kind with valid options (files are checked later)."""
    from harness.models.base import validate_model_options
    from harness.registry import MODELS

    try:
        spec = ModelSpec.parse(model) if isinstance(model, str) else model.to_spec()
    except HarnessError as error:
        raise sources.error(("model",), str(error)) from None
    where: Location = ("model",) if isinstance(model, str) else ("model", "type")
    factory = _component(MODELS, spec.kind, where, sources)
    try:
        validate_model_options(spec, factory)
    except ModelSpecError as error:
        raise sources.error(_model_field(model, error.location), str(error)) from None
    except HarnessError as error:
        raise sources.error(("model",), str(error)) from None
    return spec


def _model_field(model: str | ModelConfig, location: tuple[str, ...]) -> Location:
    """Where in ``model:`` an option lives: ``model.label_map.X`` for the mapping form
    (its line, or the nearest one above it); the one ``model:`` line for the string form."""
    return ("model",) if isinstance(model, str) else ("model", *location)
