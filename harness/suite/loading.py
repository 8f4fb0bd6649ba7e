"""Loading a suite: YAML with line numbers, validated against a schema, then frozen.

Each test is validated by the ``Options`` of its test kind, each ``data`` block by
its data source, each generator's ``params`` by the generator. Errors name the
file, the line and the field path, with a did-you-mean for unknown keys.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness.data.base import validate_data_spec
from harness.errors import HarnessError, ModelSpecError, PromptError, SuiteError
from harness.files.yaml_positions import Location, load_yaml_with_lines
from harness.models.base import ModelSpec
from harness.options import SourceMap, component, run_check, validate
from harness.registry import ANALYSES, METRICS, TASKS, TEST_KINDS
from harness.suite.preflight import check_suite_names
from harness.suite.spec import ModelConfig, Suite, SuiteSchema, TestPlan, TestSpec, TestTask
from harness.tasks import TaskSetup, make_task


def infer_kind(raw_test: Mapping[str, Any]) -> str:
    """A test's kind: explicit ``kind:``, else the kind whose key the test has (a kind's
    ``implied_by``: ``attack:`` makes an attack test, ``perturb:`` a perturbation test),
    else the default kind (``TestSpec.kind``)."""
    if "kind" in raw_test:
        return str(raw_test["kind"])
    for name in TEST_KINDS.names():  # sorted: the first kind whose key is present wins
        key = getattr(TEST_KINDS.get(name), "implied_by", None)
        if key is not None and key in raw_test:
            return name
    return str(TestSpec.model_fields["kind"].default)


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
    task_class = component(TASKS, spec.task, (*location, "task"), sources)
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
    task_class = component(TASKS, schema.task, ("task",), sources)
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
        from harness.tasks.prompting.shots import ShotsOptions

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
        kind = component(TEST_KINDS, kind_name, (*location, "kind"), sources)
        spec = validate(kind.Options, {**raw_test, "kind": kind_name}, location, sources)
        if spec.name in seen_names:
            raise sources.error((*location, "name"), f"test name '{spec.name}' is used twice")
        seen_names.add(spec.name)
        test_task = _test_task(spec, location, sources)
        test_task_class = TASKS.get(test_task.name) if test_task else task_class
        for metric_index, metric_name in enumerate(spec.metrics or ()):
            where = (*location, "metrics", metric_index)
            metric = component(METRICS, metric_name, where, sources)
            if metric.needs_labels and not test_task_class.needs_labels:
                raise sources.error(
                    where,
                    f"metric '{metric_name}' needs a label set; task "
                    f"'{test_task.name if test_task else schema.task}' has none "
                    f"(its metrics: {', '.join(test_task_class.default_metrics)})",
                )
        data = validate_data_spec(raw_test["data"], (*location, "data"), sources)
        run_check(kind, spec, location, sources)
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
        analysis = component(ANALYSES, raw_analysis["name"], (*location, "name"), sources)
        options = validate(analysis.Options, dict(raw_analysis), location, sources)
        run_check(analysis, options, location, sources)
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


def _model_spec(model: str | ModelConfig | None, sources: SourceMap) -> ModelSpec | None:
    """The suite's ``model:``: a registered kind with valid options (files are checked later);
    None for ``model: none``, a suite no built-in model fits (every run names ``--model``)."""
    from harness.models.base import validate_model_options
    from harness.registry import MODELS

    if model is None or model == NO_MODEL:
        return None
    try:
        spec = ModelSpec.parse(model) if isinstance(model, str) else model.to_spec()
    except HarnessError as error:
        raise sources.error(("model",), str(error)) from None
    where: Location = ("model",) if isinstance(model, str) else ("model", "type")
    factory = component(MODELS, spec.kind, where, sources)
    try:
        validate_model_options(spec, factory)
    except ModelSpecError as error:
        raise sources.error(_model_field(model, error.location), str(error)) from None
    except HarnessError as error:
        raise sources.error(("model",), str(error)) from None
    return spec


#: ``model: none``: the suite names no model of its own.
NO_MODEL = "none"


def _model_field(model: str | ModelConfig, location: tuple[str, ...]) -> Location:
    """Where in ``model:`` an option lives: ``model.label_map.X`` for the mapping form
    (its line, or the nearest one above it); the one ``model:`` line for the string form."""
    return ("model",) if isinstance(model, str) else ("model", *location)
