"""The ``evaluate`` test kind, and the scoring and summarising every classification kind reuses.

examples ──predictor──▶ predictions ──score_classification──▶ items
items ──summarize──▶ TestOutcome (headline metrics with CIs, tables, slices)
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from harness.core import Example, ItemResult, Prediction
from harness.errors import DataError
from harness.execution import MetricValue, RunContext, SliceResult, TestOutcome
from harness.labels import collapse_matrix
from harness.metrics import SLICE_METRICS, MetricContext, is_table
from harness.registry import METRICS
from harness.suite import TestPlan, TestSpec


def _tag_value(value: Any) -> str | None:
    """Slice tags are strings; lists and dicts are not slice keys."""
    if isinstance(value, str | int | float | bool):
        return str(value)
    return None


def score_classification(
    test: str,
    examples: Sequence[Example],
    predictions: Sequence[Prediction],
    labels: Sequence[str],
    label_mapping: Mapping[str, str] | None = None,
) -> tuple[tuple[str, ...], list[ItemResult]]:
    """Score predictions against gold labels, after collapsing labels by ``label_mapping``.

    Returns the test's label set and one ``ItemResult`` per example. Probabilities
    of collapsed labels add up; the predicted label is the argmax over the test's
    labels (ties go to the earlier label). Examples with ``target=None`` (unlabeled
    variants) get ``gold=None`` and ``correct=None``.
    """
    test_labels, collapse = collapse_matrix(labels, label_mapping or {})
    mapping = dict(label_mapping or {})
    items = []
    for example, prediction in zip(examples, predictions, strict=True):
        gold = None
        if example.target is not None:
            gold = mapping.get(str(example.target), str(example.target))
            if gold not in test_labels:
                raise DataError(
                    f"test '{test}': example '{example.id}' has gold label '{example.target}', "
                    f"not one of the test's labels ({', '.join(test_labels)}); "
                    "map it with the test's label_mapping"
                )
        if prediction.scores is not None:
            vector = np.array([prediction.scores.get(label, 0.0) for label in labels]) @ collapse
            scores = {label: float(p) for label, p in zip(test_labels, vector, strict=True)}
            predicted: str | None = test_labels[int(np.argmax(vector))]
            prediction = Prediction(
                example_id=prediction.example_id,
                label=predicted,
                scores=scores,
                text=prediction.text,
                span=prediction.span,
                raw=prediction.raw,
            )
        else:
            predicted = (
                mapping.get(prediction.label, prediction.label) if prediction.label else None
            )
            prediction = Prediction(
                example_id=prediction.example_id, label=predicted, raw=prediction.raw
            )
        correct = None if gold is None else predicted == gold
        tags = {
            key: tag
            for key, value in example.meta.items()
            if (tag := _tag_value(value)) is not None
        }
        items.append(
            ItemResult(
                test=test,
                example=example,
                prediction=prediction,
                gold=gold,
                predicted=predicted,
                correct=correct,
                scores={} if correct is None else {"correct": float(correct)},
                tags=tags,
            )
        )
    return test_labels, items


def compute_metrics(
    metric_names: Sequence[str],
    items: Sequence[ItemResult],
    labels: Sequence[str],
    context: MetricContext,
) -> tuple[dict[str, MetricValue], dict[str, Any]]:
    """Headline metrics (with CIs) and tables for ``metric_names``."""
    headline: dict[str, MetricValue] = {}
    tables: dict[str, Any] = {}
    for name in metric_names:
        metric = METRICS.get(name)
        result = metric(items, labels, context)
        if result is None:
            continue  # e.g. calibration for a model that gives no probabilities
        if is_table(metric):
            tables[name] = result
            if name == "calibration":
                # ECE and Brier are headline numbers too: give them their CIs.
                for scalar in ("ece", "brier"):
                    if scalar not in metric_names:
                        value = METRICS.get(scalar)(items, labels, context)
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
    slice_metric_names = [m for m in metric_names if m in SLICE_METRICS] or ["accuracy"]
    primary = slice_metric_names[0]
    slices = []
    for field in slice_by:
        groups: dict[str, list[ItemResult]] = defaultdict(list)
        for item in items:
            if item.correct is not None and field in item.tags:
                groups[item.tags[field]].append(item)
        for value, members in sorted(groups.items()):
            metrics = {
                name: METRICS.get(name)(
                    members,
                    labels,
                    MetricContext(
                        resamples=context.resamples,
                        seed=f"{context.seed}:{field}={value}",
                        cluster_by=context.cluster_by,
                    ),
                )
                for name in slice_metric_names
            }
            gap = None
            if primary in overall:
                gap = metrics[primary].value - overall[primary].value
            slices.append(SliceResult(field, value, len(members), metrics, gap))
    return sorted(slices, key=lambda s: (s.gap if s.gap is not None else 0.0, s.field, s.value))


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
    metric_context = MetricContext(
        resamples=context.bootstrap_resamples,
        seed=f"{context.seed}:{spec.name}",
        cluster_by=spec.cluster_by,
    )
    names = list(metric_names if metric_names is not None else spec.metrics)
    headline, tables = compute_metrics(names, items, labels, metric_context)
    slices = compute_slices(items, labels, spec.slice_by, names, headline, metric_context)
    return TestOutcome(
        name=spec.name,
        kind=kind or spec.kind,
        description=spec.description,
        labels=labels,
        items=items,
        metrics=headline,
        tables=tables,
        slices=slices,
    )


class EvaluateKind:
    """Predict each example and score it against its gold label."""

    Options = TestSpec

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec = plan.spec
        started = time.perf_counter()
        examples = context.load_examples(plan.data)
        loaded = time.perf_counter()
        predictions = context.predictor.predict(examples, description=spec.name)
        predicted = time.perf_counter()
        labels, items = score_classification(
            spec.name, examples, predictions, context.suite.labels, spec.label_mapping
        )
        outcome = summarize(spec, items, labels, context)
        outcome.timings = {
            "load_s": round(loaded - started, 4),
            "predict_s": round(predicted - loaded, 4),
            "examples_per_s": round(len(examples) / max(predicted - loaded, 1e-9), 2),
        }
        return outcome
