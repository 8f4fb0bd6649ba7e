"""The ``evaluate`` test kind, and ``summarize``, the TestOutcome every test kind reuses.

examples ──task.predict──▶ predictions ──task.score──▶ items
items ──summarize──▶ TestOutcome (headline metrics with CIs, tables, slices: computed
                     by harness.metrics.summary)

Nothing here knows the task: scoring belongs to ``harness.tasks``, and each metric
declares whether it is a table and whether it is shown per slice.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from pydantic import Field, field_validator

from harness.core import Example, ItemResult
from harness.errors import PromptError
from harness.execution import (
    RunContext,
    SpooledItems,
    TestOutcome,
    blank_infra_errors,
    builtin_sample,
    example_suite,
)
from harness.files.jsonio import dumps_json_bytes
from harness.files.yaml_positions import Location
from harness.metrics.base import MetricContext
from harness.metrics.columns import ColumnsBuilder
from harness.metrics.outcomes import OutcomeTally
from harness.metrics.summary import streams, summarize_columns, summarize_items
from harness.options import Options, SourceMap, validate
from harness.predictor import TaskPredictor
from harness.seeding import seed_label
from harness.suite import TestPlan, TestSpec


def metric_setup(
    spec: TestSpec, context: RunContext, metric_names: Sequence[str] | None = None
) -> tuple[MetricContext, list[str]]:
    """The test's metric context (its seed, resamples, clusters) and metric names."""
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


def summarize(
    spec: TestSpec,
    items: list[ItemResult],
    labels: tuple[str, ...],
    context: RunContext,
    *,
    kind: str | None = None,
    metric_names: Sequence[str] | None = None,
) -> TestOutcome:
    """A TestOutcome with the spec's metrics and slices over ``items``
    (harness.metrics.summary)."""
    metric_context, names = metric_setup(spec, context, metric_names)
    summary = summarize_items(
        items,
        labels,
        names,
        spec.slice_by,
        metric_context,
        cluster_by=spec.cluster_by,
        store=context.derived,
    )
    return TestOutcome.of_test(
        spec,
        kind or spec.kind,
        labels,
        blank_infra_errors(items),
        metrics=summary.metrics,
        tables=summary.tables,
        slices=summary.slices,
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


def predicted_and_scored(
    spec: TestSpec, plan: TestPlan, context: RunContext
) -> tuple[tuple[str, ...], list[ItemResult], float]:
    """The test's examples loaded, answered and scored by the suite's task: the labels,
    the items and the seconds loading and answering took (``timings.predict_s``)."""
    started = time.perf_counter()
    examples = context.load_examples(plan.data)
    predictions = context.predictor.predict(examples, description=spec.name)
    predict_s = round(time.perf_counter() - started, 4)
    labels, items = context.score(spec.name, examples, predictions, spec.label_mapping)
    return labels, items, predict_s


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
            _, names = metric_setup(spec, context)
            if streams(names):
                outcome = stream_test(spec, examples, context)
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


def stream_test(spec: TestSpec, examples: Sequence[Example], context: RunContext) -> TestOutcome:
    """Predict, score and spool ``examples`` a chunk at a time; metrics from columns.

    Each chunk's items are written to the run's spool (items.jsonl lines) and added to
    the test's columns, then dropped.
    """
    path = context.spool.new_file(spec.name)
    builder: ColumnsBuilder | None = None
    labels: tuple[str, ...] = ()
    written = infra_errors = 0
    tally = OutcomeTally()
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
            tally.add(items)
    columns = (builder or ColumnsBuilder(labels, spec.cluster_by)).build()
    metric_context, names = metric_setup(spec, context)
    summary = summarize_columns(columns, names, spec.slice_by, metric_context)
    return TestOutcome.of_test(
        spec,
        spec.kind,
        labels,
        [],
        metrics=summary.metrics,
        tables=summary.tables,
        slices=summary.slices,
        spooled=SpooledItems(path, written, infra_errors, tally.counts),
    )
