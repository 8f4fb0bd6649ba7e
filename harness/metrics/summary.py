"""A test's summary: its headline metrics with CIs, its tables, and its slices.

    items ──ItemColumns──▶ headline metrics (one set of bootstrap resamples for all)
                        ├─▶ tables (per_class, confusion_matrix, calibration)
                        └─▶ slices: per value of each ``slice_by`` tag, the metrics that
                            declare ``per_slice`` (their own resamples), and the gap to
                            the headline value of the first

Nothing here knows the task or the test kind: each metric declares whether it is a
table, whether it is shown per slice and whether it needs labels. Items the model
could not be asked (infrastructure errors) are in no metric.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import numpy as np

from harness.files.jsonio import dumps_json_bytes
from harness.metrics.base import Metric, MetricContext, MetricValue, SliceResult
from harness.metrics.columns import NOT_SCORED, UNKNOWN_LABEL, ItemColumns
from harness.metrics.resampling import on_one_draw
from harness.registry import METRICS
from harness.seeding import seed_label

T = TypeVar("T")

__all__ = [
    "TestSummary",
    "compute_metrics",
    "compute_slices",
    "on_shared_resamples",
    "streams",
    "summarize_columns",
]


@dataclass(frozen=True)
class TestSummary:
    """What a test's items sum up to."""

    __test__ = False  # not a pytest test class, despite the name

    metrics: dict[str, MetricValue]
    tables: dict[str, Any]
    slices: list[SliceResult]


def on_shared_resamples(compute: Callable[[MetricContext], T], context: MetricContext) -> T:
    """``compute(context)`` with all its bootstrap intervals drawn on one set of
    resamples (``harness.metrics.resampling.on_one_draw``)."""
    return on_one_draw(lambda plan: compute(replace(context, plan=plan)))


def _metric(name: str) -> Metric:
    return METRICS.get(name)


def _computed(metric_names: Sequence[str]) -> set[str]:
    """The metrics a summary of ``metric_names`` computes: accuracy always, and the
    calibration table's own metrics with it."""
    names = {*metric_names, "accuracy"}
    if "calibration" in names:
        names |= {"ece", "brier"}
    return names


def streams(metric_names: Sequence[str]) -> bool:
    """Whether every metric a summary of these computes reads columns alone (a metric in
    the item form needs the items held: its test cannot stream)."""
    return not any(_metric(name).needs_items for name in _computed(metric_names))


def compute_metrics(
    metric_names: Sequence[str],
    columns: ItemColumns,
    labels: Sequence[str],
    context: MetricContext,
) -> tuple[dict[str, MetricValue], dict[str, Any]]:
    """Headline metrics (with CIs, on one set of resamples) and tables for ``metric_names``."""

    def compute(context: MetricContext) -> tuple[dict[str, MetricValue], dict[str, Any]]:
        headline: dict[str, MetricValue] = {}
        tables: dict[str, Any] = {}
        for name in metric_names:
            metric = _metric(name)
            if metric.needs_labels and not labels:
                continue  # label metrics do not apply to a task without a label set
            result = metric(columns, labels, context)
            if result is None:
                continue  # e.g. calibration for a model that gives no probabilities
            if metric.table:
                tables[name] = result
                if name == "calibration":
                    # ECE and Brier are headline numbers too: give them their CIs.
                    for scalar in ("ece", "brier"):
                        if scalar not in metric_names:
                            value = _metric(scalar)(columns, labels, context)
                            if value is not None:
                                headline[scalar] = value
            else:
                headline[name] = result
        return headline, tables

    return on_shared_resamples(compute, context)


def compute_slices(
    columns: ItemColumns,
    labels: Sequence[str],
    slice_by: Sequence[str],
    metric_names: Sequence[str],
    overall: Mapping[str, MetricValue],
    context: MetricContext,
) -> list[SliceResult]:
    """Metrics per value of each ``slice_by`` tag, sorted by gap to the overall score."""
    names = [
        m for m in metric_names if _metric(m).per_slice and (labels or not _metric(m).needs_labels)
    ] or ["accuracy"]
    slices = []
    scored = columns.scored
    totals = gold_counts(columns, scored)
    for field in slice_by:
        tag = columns.tags.get(field)
        if tag is None:
            continue
        for code, value in enumerate(tag.values):  # values are sorted
            mask = scored & (tag.codes == code)
            if mask.any():
                found = _slice(field, value, columns.subset(mask), names, labels, overall, context)
                by_gold = gold_counts(columns, mask)
                rest = {
                    gold: (
                        totals[gold][0] - by_gold.get(gold, (0, 0))[0],
                        totals[gold][1] - by_gold.get(gold, (0, 0))[1],
                    )
                    for gold in totals
                }
                slices.append(replace(found, by_gold=by_gold, rest_by_gold=rest))
    return sorted(slices, key=lambda s: (s.gap if s.gap is not None else 0.0, s.field, s.value))


def gold_counts(columns: ItemColumns, mask: np.ndarray) -> dict[str, tuple[int, int]]:
    """Per gold label of the scored items under ``mask``: ``(correct, scored)``."""
    chosen = mask & (columns.correct != NOT_SCORED) & (columns.gold != UNKNOWN_LABEL)
    counts = {}
    for code, label in enumerate(columns.labels):
        of_label = chosen & (columns.gold == code)
        n = int(of_label.sum())
        if n:
            counts[label] = (int((columns.correct[of_label] == 1).sum()), n)
    return counts


def _slice(
    field: str,
    value: str,
    members: ItemColumns,
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
    found = on_shared_resamples(
        lambda context: {name: _metric(name)(members, labels, context) for name in names},
        slice_context,
    )
    # A metric that does not apply to a slice's items (no scored item carries its
    # score) is left out, as it is from the headline.
    metrics = {name: result for name, result in found.items() if result is not None}
    gap = None
    primary = names[0]
    if primary in overall and primary in metrics:
        gap = metrics[primary].value - overall[primary].value
    return SliceResult(field, value, len(members), metrics, gap)


def summarize_columns(
    columns: ItemColumns,
    metric_names: Sequence[str],
    slice_by: Sequence[str],
    context: MetricContext,
) -> TestSummary:
    """Headline metrics, tables and slices of a test's items given as columns."""
    # Items the model could not be asked (infrastructure errors) are in no metric.
    answered = columns.subset(~columns.infra_error)
    labels = columns.labels
    headline, tables = compute_metrics(metric_names, answered, labels, context)
    slices = compute_slices(answered, labels, slice_by, metric_names, headline, context)
    return TestSummary(headline, tables, slices)


def _metric_modules(metric_names: Sequence[str]) -> list[str] | None:
    """The modules whose code computes these metrics (None: one is not harness's own, so
    its imports cannot be followed and its results are not kept)."""
    modules = {__name__}
    for name in _computed(metric_names):
        value = _metric(name).value
        module = getattr(getattr(value, "compute", value), "__module__", None)
        if not isinstance(module, str) or not module.startswith("harness."):
            return None
        modules.add(module)
    return sorted(modules)


def summarize_items(
    items: Sequence[Any],
    labels: Sequence[str],
    metric_names: Sequence[str],
    slice_by: Sequence[str],
    context: MetricContext,
    *,
    cluster_by: str | None = None,
    store: Any = None,
) -> TestSummary:
    """``summarize_columns`` over items held in memory; with ``store`` (a
    ``harness.cache.derived.DerivedStore``), what an identical earlier summary gave.

    Identical means the same items (their JSON records, as items.jsonl holds them), labels,
    metrics, slices, clusters, seed and resamples, and the same code: the summary's module,
    each metric's and everything they import (``source_digest``), so a change to the
    statistics recomputes every interval. A warm re-run then resamples nothing.
    """

    def compute() -> TestSummary:
        columns = ItemColumns.from_items(items, labels, cluster_by)
        return summarize_columns(columns, metric_names, slice_by, context)

    from harness.cache.derived import memoized_by_code

    modules = _metric_modules(metric_names) if store is not None else None
    if modules is None:
        return compute()
    records = hashlib.sha256()
    for item in items:
        records.update(dumps_json_bytes(item.to_json()) + b"\n")
    return memoized_by_code(
        store,
        "summary",
        modules,
        compute,
        _summary_json,
        _summary_from_json,
        items=records.hexdigest(),
        labels=list(labels),
        metrics=list(metric_names),
        slice_by=list(slice_by),
        cluster_by=cluster_by,
        seed=context.seed,
        resamples=context.resamples,
        context_cluster_by=context.cluster_by,
    )


def _summary_json(summary: TestSummary) -> dict[str, Any]:
    return {
        "metrics": {name: value.to_json() for name, value in summary.metrics.items()},
        "tables": summary.tables,
        "slices": [found.to_json() for found in summary.slices],
    }


def _summary_from_json(stored: Mapping[str, Any]) -> TestSummary:
    def slice_from_json(record: Mapping[str, Any]) -> SliceResult:
        return SliceResult(
            field=record["field"],
            value=record["value"],
            n=record["n"],
            metrics={name: MetricValue(**m) for name, m in record["metrics"].items()},
            gap=record["gap"],
            by_gold={g: tuple(c) for g, c in (record.get("by_gold") or {}).items()},
            rest_by_gold={g: tuple(c) for g, c in (record.get("rest_by_gold") or {}).items()},
        )

    return TestSummary(
        metrics={name: MetricValue(**m) for name, m in stored["metrics"].items()},
        tables=dict(stored["tables"]),
        slices=[slice_from_json(record) for record in stored["slices"]],
    )
