"""The ``evaluate`` test kind, and the summarising every test kind reuses.

examples ──task.predict──▶ predictions ──task.score──▶ items
items ──summarize──▶ TestOutcome (headline metrics with CIs, tables, slices)

Nothing here knows the task: scoring belongs to ``harness.tasks``, and each metric
declares whether it is a table and whether it is shown per slice.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import Any, ClassVar, TypeVar

from pydantic import Field, field_validator

from harness.core import Example, ItemResult
from harness.errors import PromptError
from harness.execution import (
    MetricValue,
    RunContext,
    SliceResult,
    SpooledItems,
    TestOutcome,
    answered,
    blank_infra_errors,
    builtin_sample,
    example_suite,
)
from harness.files.jsonio import dumps_json_bytes
from harness.files.yaml_positions import Location
from harness.item_columns import ColumnsBuilder, ItemColumns
from harness.metric_columns import ColumnsMetric
from harness.metrics import MetricContext, columns_metric
from harness.options import Options, SourceMap, validate
from harness.predictor import TaskPredictor
from harness.registry import METRICS
from harness.resampling import on_one_draw
from harness.seeding import seed_label
from harness.suite import TestPlan, TestSpec

T = TypeVar("T")


def on_shared_resamples(compute: Callable[[MetricContext], T], context: MetricContext) -> T:
    """``compute(context)`` with all its bootstrap intervals drawn on one set of
    resamples (``harness.resampling.on_one_draw``)."""
    return on_one_draw(lambda plan: compute(replace(context, plan=plan)))


def compute_metrics(
    metric_names: Sequence[str],
    items: Sequence[ItemResult],
    labels: Sequence[str],
    context: MetricContext,
) -> tuple[dict[str, MetricValue], dict[str, Any]]:
    """Headline metrics (with CIs) and tables for ``metric_names``."""
    return on_shared_resamples(
        partial(_headline_and_tables, metric_names, METRICS.get, items, labels), context
    )


def _headline_and_tables(
    metric_names: Sequence[str],
    metric_named: Callable[[str], Callable[..., Any]],
    members: Any,
    labels: Sequence[str],
    context: MetricContext,
) -> tuple[dict[str, MetricValue], dict[str, Any]]:
    """The headline metrics and tables of ``members`` (items, or their columns, as
    ``metric_named`` gives each metric's form for them)."""
    headline: dict[str, MetricValue] = {}
    tables: dict[str, Any] = {}
    for name in metric_names:
        metric = METRICS.get(name)
        if metric.needs_labels and not labels:
            continue  # label metrics do not apply to a task without a label set
        result = metric_named(name)(members, labels, context)
        if result is None:
            continue  # e.g. calibration for a model that gives no probabilities
        if metric.table:
            tables[name] = result
            if name == "calibration":
                # ECE and Brier are headline numbers too: give them their CIs.
                for scalar in ("ece", "brier"):
                    if scalar not in metric_names:
                        value = metric_named(scalar)(members, labels, context)
                        if value is not None:
                            headline[scalar] = value
        else:
            headline[name] = result
    return headline, tables


def compute_slices(
    items: Sequence[ItemResult],
    labels: Sequence[str],
    slice_by: Sequence[str],
    metric_names: Sequence[str],
    overall: Mapping[str, MetricValue],
    context: MetricContext,
) -> list[SliceResult]:
    """Metrics per value of each ``slice_by`` tag, sorted by gap to the overall score."""
    slice_metric_names = _slice_metric_names(metric_names, labels)
    slices = []
    for field in slice_by:
        groups: dict[str, list[ItemResult]] = defaultdict(list)
        for item in items:
            if item.correct is not None and field in item.tags:
                groups[item.tags[field]].append(item)
        for value, members in sorted(groups.items()):
            slices.append(
                _slice_result(
                    field, value, members, METRICS.get, slice_metric_names, labels, overall, context
                )
            )
    return sorted(slices, key=lambda s: (s.gap if s.gap is not None else 0.0, s.field, s.value))


def _each_metric(
    names: Sequence[str],
    metric_named: Callable[[str], Callable[..., Any]],
    members: Any,
    labels: Sequence[str],
    context: MetricContext,
) -> dict[str, Any]:
    return {name: metric_named(name)(members, labels, context) for name in names}


def _slice_result(
    field: str,
    value: str,
    members: Any,
    metric_named: Callable[[str], Callable[..., Any]],
    names: Sequence[str],
    labels: Sequence[str],
    overall: Mapping[str, MetricValue],
    context: MetricContext,
) -> SliceResult:
    """One slice's metrics (its own seed and resamples) and its gap to the headline."""
    slice_context = MetricContext(
        resamples=context.resamples,
        seed=seed_label(context.seed, f"{field}={value}"),
        cluster_by=context.cluster_by,
    )
    metrics = on_shared_resamples(
        partial(_each_metric, names, metric_named, members, labels), slice_context
    )
    # A metric that does not apply to a slice's items (no scored item carries its
    # score) is left out, as it is from the headline.
    metrics = {name: result for name, result in metrics.items() if result is not None}
    gap = None
    primary = names[0]
    if primary in overall and primary in metrics:
        gap = metrics[primary].value - overall[primary].value
    return SliceResult(field, value, len(members), metrics, gap)


def _slice_metric_names(metric_names: Sequence[str], labels: Sequence[str]) -> list[str]:
    return [
        m
        for m in metric_names
        if METRICS.get(m).per_slice and (labels or not METRICS.get(m).needs_labels)
    ] or ["accuracy"]


def columns_forms(metric_names: Sequence[str]) -> dict[str, ColumnsMetric] | None:
    """The columns form of every metric a summary may compute, or None if one has none."""
    names = {*metric_names, "accuracy"}
    if "calibration" in names:
        names |= {"ece", "brier"}
    forms = {}
    for name in names:
        form = columns_metric(METRICS.get(name))
        if form is None:
            return None
        forms[name] = form
    return forms


def compute_metrics_from_columns(
    metric_names: Sequence[str],
    columns: ItemColumns,
    labels: Sequence[str],
    context: MetricContext,
    forms: Mapping[str, ColumnsMetric],
) -> tuple[dict[str, MetricValue], dict[str, Any]]:
    """``compute_metrics`` over columns: the same headline metrics and tables."""
    return on_shared_resamples(
        partial(_headline_and_tables, metric_names, forms.__getitem__, columns, labels), context
    )


def compute_slices_from_columns(
    columns: ItemColumns,
    labels: Sequence[str],
    slice_by: Sequence[str],
    metric_names: Sequence[str],
    overall: Mapping[str, MetricValue],
    context: MetricContext,
    forms: Mapping[str, ColumnsMetric],
) -> list[SliceResult]:
    """``compute_slices`` over columns: a boolean mask per tag value, no item lists."""
    slice_metric_names = _slice_metric_names(metric_names, labels)
    slices = []
    scored = columns.scored
    for field in slice_by:
        tag = columns.tags.get(field)
        if tag is None:
            continue
        groups = []
        for code, value in enumerate(tag.values):
            mask = scored & (tag.codes == code)
            if mask.any():
                groups.append((value, mask))
        for value, mask in sorted(groups, key=lambda group: group[0]):
            slices.append(
                _slice_result(
                    field,
                    value,
                    columns.subset(mask),
                    forms.__getitem__,
                    slice_metric_names,
                    labels,
                    overall,
                    context,
                )
            )
    return sorted(slices, key=lambda s: (s.gap if s.gap is not None else 0.0, s.field, s.value))


def _metric_setup(
    spec: TestSpec, context: RunContext, metric_names: Sequence[str] | None
) -> tuple[MetricContext, list[str]]:
    metric_context = MetricContext(
        resamples=context.bootstrap_resamples,
        seed=seed_label(context.seed, spec.name),
        cluster_by=spec.cluster_by,
    )
    if metric_names is not None:
        names = list(metric_names)
    else:
        names = list(spec.metrics if spec.metrics is not None else context.task.default_metrics)
    return metric_context, names


def summarize_columns(
    spec: TestSpec,
    columns: ItemColumns,
    context: RunContext,
    forms: Mapping[str, ColumnsMetric],
    metric_names: Sequence[str] | None = None,
) -> tuple[dict[str, MetricValue], dict[str, Any], list[SliceResult]]:
    """Headline metrics, tables and slices of a test's items given as columns."""
    metric_context, names = _metric_setup(spec, context, metric_names)
    # Items the model could not be asked (infrastructure errors) are in no metric.
    answered_columns = columns.subset(~columns.infra_error)
    labels = columns.labels
    headline, tables = compute_metrics_from_columns(
        names, answered_columns, labels, metric_context, forms
    )
    slices = compute_slices_from_columns(
        answered_columns, labels, spec.slice_by, names, headline, metric_context, forms
    )
    return headline, tables, slices


def summarize(
    spec: TestSpec,
    items: list[ItemResult],
    labels: tuple[str, ...],
    context: RunContext,
    *,
    kind: str | None = None,
    metric_names: Sequence[str] | None = None,
) -> TestOutcome:
    """A TestOutcome with the spec's metrics and slices over ``items``."""
    metric_context, names = _metric_setup(spec, context, metric_names)
    forms = columns_forms(names)
    if forms is not None:
        # Every metric has a columns form: one pass over the items, then numpy.
        columns = ItemColumns.from_items(items, labels, spec.cluster_by)
        headline, tables, slices = summarize_columns(spec, columns, context, forms, names)
    else:
        # Items the model could not be asked (infrastructure errors) are in no metric.
        scored = answered(items)
        headline, tables = compute_metrics(names, scored, labels, metric_context)
        slices = compute_slices(scored, labels, spec.slice_by, names, headline, metric_context)
    return TestOutcome(
        name=spec.name,
        kind=kind or spec.kind,
        description=spec.description,
        labels=labels,
        items=blank_infra_errors(items),
        metrics=headline,
        tables=tables,
        slices=slices,
    )


class TestPrompt(Options):
    """A test's own prompt for language models (the suite's ``task_options`` otherwise)."""

    # A template under prompts/ ("nli/instruction") or a .j2 file next to the suite.
    template: str = Field(min_length=1)
    # label -> word or words; None: the template's own verbalizers.
    verbalizers: dict[str, str | list[str]] | None = None
    # Few-shot demonstrations (harness.tasks.prompting.shots.ShotsOptions); None: the suite's.
    shots: dict[str, Any] | None = None
    # Contextual calibration; None: the suite's setting.
    calibrate: bool | None = None

    def overrides(self) -> dict[str, Any]:
        """The task options this prompt replaces (verbalizers always: they belong to
        the template)."""
        replaced: dict[str, Any] = {"prompt": self.template, "verbalizers": self.verbalizers}
        if self.shots is not None:
            replaced["shots"] = self.shots
        if self.calibrate is not None:
            replaced["calibrate"] = self.calibrate
        return replaced


class EvaluateOptions(TestSpec):
    # ``prompt: nli/instruction`` or ``prompt: {template, verbalizers, shots, calibrate}``;
    # applies when the model is a language model (a classifier ignores prompts).
    prompt: TestPrompt | None = None

    @field_validator("prompt", mode="before")
    @classmethod
    def _template_name(cls, value: Any) -> Any:
        return {"template": value} if isinstance(value, str) else value


def task_with_prompt(task: Any, prompt: TestPrompt) -> Any:
    """``task`` rebuilt with ``prompt`` in place of the suite's prompt options."""
    options = task.setup.options.model_copy(update=prompt.overrides())
    return type(task)(replace(task.setup, options=options))


#: Tests with more examples than this stream: predicted, scored and written a chunk at
#: a time, so memory holds one chunk of items and the test's columns, not every item.
STREAM_ABOVE = 50_000
#: Examples per chunk of a streamed test: each chunk's items live until it is spooled.
STREAM_CHUNK = 8_192


class EvaluateKind:
    """Predict each example and score it against its gold label."""

    description: ClassVar[str] = "predict each example and score it against its gold label"
    example: ClassVar[dict[str, Any]] = example_suite(
        "evaluate_example",
        [{"name": "nli_core", "data": builtin_sample(), "slice_by": ["phenomenon"]}],
    )

    Options = EvaluateOptions

    @staticmethod
    def check_task(
        spec: EvaluateOptions,
        task: Any,
        location: Location,
        sources: SourceMap,
    ) -> None:
        """At load: the test's prompt fits the suite's task (fields, verbalizers, shots)."""
        if spec.prompt is None:
            return
        where = (*location, "prompt")
        if not hasattr(task.setup.options, "prompt") or not hasattr(task, "prompted_scorer"):
            raise sources.error(where, f"task '{task.name}' takes no prompt")
        try:
            task_with_prompt(task, spec.prompt)
        except PromptError as error:
            raise sources.error(where, str(error)) from None
        if spec.prompt.shots is not None:
            from harness.data.base import validate_data_spec
            from harness.tasks.prompting.shots import ShotsOptions

            checked = validate(ShotsOptions, spec.prompt.shots, (*where, "shots"), sources)
            validate_data_spec(checked.source, (*where, "shots", "source"), sources)

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec = plan.spec
        started = time.perf_counter()
        prompt = getattr(spec, "prompt", None)
        if prompt is not None:
            # The test's own prompt: a task of its own over the same model and cache
            # (a model that serves classify keeps its direct scorer).
            task = task_with_prompt(context.task, prompt)
            task.check_model(context.model)
            context = replace(context, task=task, predictor=TaskPredictor(task, context.requests))
        examples = context.load_examples(plan.data)
        loaded = time.perf_counter()
        if len(examples) > STREAM_ABOVE and context.spool is not None:
            _, names = _metric_setup(spec, context, None)
            forms = columns_forms(names)
            if forms is not None:
                outcome = stream_test(spec, examples, context, forms)
                predicted = time.perf_counter()
                outcome.timings = {
                    "load_s": round(loaded - started, 4),
                    "predict_and_score_s": round(predicted - loaded, 4),
                    "examples_per_s": round(len(examples) / max(predicted - loaded, 1e-9), 2),
                }
                return outcome
        predictions = context.predictor.predict(examples, description=spec.name)
        predicted = time.perf_counter()
        labels, items = context.score(
            spec.name, examples, predictions, spec.label_mapping, **spec.score_options()
        )
        outcome = summarize(spec, items, labels, context)
        outcome.timings = {
            "load_s": round(loaded - started, 4),
            "predict_s": round(predicted - loaded, 4),
            "examples_per_s": round(len(examples) / max(predicted - loaded, 1e-9), 2),
        }
        return outcome


def stream_test(
    spec: TestSpec,
    examples: Sequence[Example],
    context: RunContext,
    forms: Mapping[str, ColumnsMetric],
) -> TestOutcome:
    """Predict, score and spool ``examples`` a chunk at a time; metrics from columns.

    Each chunk's items are written to the run's spool (items.jsonl lines) and added to
    the test's columns, then dropped.
    """
    path = context.spool.new_file(spec.name)
    builder: ColumnsBuilder | None = None
    labels: tuple[str, ...] = ()
    written = infra_errors = 0
    with path.open("wb") as spool:
        for start in range(0, len(examples), STREAM_CHUNK):
            chunk = list(examples[start : start + STREAM_CHUNK])
            predictions = context.predictor.predict(chunk, description=spec.name)
            labels, items = context.score(
                spec.name, chunk, predictions, spec.label_mapping, **spec.score_options()
            )
            if builder is None:
                builder = ColumnsBuilder(labels, spec.cluster_by)
            builder.add(items)
            rows = blank_infra_errors(items)
            spool.write(b"".join(dumps_json_bytes(item.to_json()) + b"\n" for item in rows))
            written += len(items)
            infra_errors += sum(1 for item in items if item.infra_error)
    columns = (builder or ColumnsBuilder(labels, spec.cluster_by)).build()
    headline, tables, slices = summarize_columns(spec, columns, context, forms)
    return TestOutcome(
        name=spec.name,
        kind=spec.kind,
        description=spec.description,
        labels=labels,
        items=[],
        metrics=headline,
        tables=tables,
        slices=slices,
        spooled=SpooledItems(path, written, infra_errors),
    )
