"""What a perturbation test keeps of its items while it runs, and its summary from that.

A perturbation test runs its examples a chunk at a time (a small test: all of them in one
chunk). Each chunk's cases -- an original with the variants a transform made of it -- are
added to a ``PerturbationTally`` and then let go: the tally keeps them as
``CaseColumns`` (per transform, and across transforms), the first ``max_failures``
broken pairs as records, and the variants as ``ItemColumns`` for classification
metrics. Every number of the test is computed from the tally, so a test that streamed
its items to disk reports exactly what the same test held in memory reports.

Cases across transforms are ordered as they always were: by the first transform that
made a case of the parent, then by the parent's position in the data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from harness.core import ItemResult
from harness.execution import RunContext, TestOutcome, answered
from harness.files.jsonio import fields_json
from harness.kinds.expectations import case_outcome
from harness.metrics.base import MetricContext, MetricValue, SliceResult
from harness.metrics.cases import Case, CaseColumns
from harness.metrics.columns import ColumnsBuilder, ItemColumns
from harness.metrics.robustness import kept_case_metrics, metric_json
from harness.metrics.summary import compute_metrics
from harness.seeding import seed_label
from harness.suite import TestPlan

#: The metric that orders slices (gap = slice − overall), as ``accuracy`` does for evaluate.
SLICE_PRIMARY_METRIC = "accuracy_perturbed"

METRIC_NAMES = (
    "flip_rate",
    "consistency",
    "accuracy_original",
    "accuracy_perturbed",
    "accuracy_drop",
    "worst_case_accuracy",
    "failure_rate",
)


class PerturbationTally:
    """Cases, counts and failures of one perturbation test, added a chunk at a time.

    ``keep_variant_items``: one of the test's classification metrics over variants
    reads item objects (``Metric.needs_items``): the tally keeps the variant items
    themselves (a test that cannot stream), else their columns.
    """

    def __init__(
        self,
        spec: Any,  # harness.kinds.perturbation.PerturbationOptions (which imports this module)
        runs: Sequence[Any],  # its transforms, ready to run, in the test's order
        metric_names: Sequence[str],
        *,
        keep_variant_items: bool = False,
    ) -> None:
        self.spec = spec
        self.runs = list(runs)
        self.metric_names = list(metric_names)
        self.keep_variant_items = keep_variant_items
        self.labels: tuple[str, ...] = ()
        self.examples = self.filtered = self.parents = self.variants = 0
        self.skipped: dict[str, int] = dict.fromkeys((r.label for r in runs), 0)
        self.rejected: dict[str, Counter[str]] = {r.label: Counter() for r in runs}
        self._clustered = spec.cluster_by is not None
        self._per_run: dict[str, list[CaseColumns]] = {r.label: [] for r in runs}
        self._merged: list[CaseColumns] = []
        self._first_run: list[np.ndarray] = []
        # slice field -> per chunk, each merged case's code into the field's values
        self._slice_codes: dict[str, list[np.ndarray]] = {f: [] for f in spec.slice_by}
        self._slice_values: dict[str, dict[Any, int]] = {f: {} for f in spec.slice_by}
        # Broken pairs by the index of the first transform that made a case of the parent.
        self._failures: list[list[dict[str, Any]]] = [[] for _ in runs]
        self.n_failures = 0
        self._variant_columns: ColumnsBuilder | None = None
        self._variant_items: list[ItemResult] = []

    def add(
        self,
        labels: tuple[str, ...],
        items: Sequence[ItemResult],
        n_parents: int,
        cases_by_run: Mapping[str, list[Case]],
    ) -> None:
        """One chunk: its scored items (originals and variants) and its cases per transform."""
        self.labels = labels
        self.parents += n_parents
        self.variants += len(items) - n_parents
        cluster_by = self.spec.cluster_by
        for label, cases in cases_by_run.items():
            self._per_run[label].append(CaseColumns.from_cases(cases, cluster_by))
        merged = merge_cases(cases_by_run)
        cases = [case for _, case in merged]
        self._merged.append(CaseColumns.from_cases(cases, cluster_by))
        self._first_run.append(np.array([first for first, _ in merged], dtype=np.int32))
        for field, parts in self._slice_codes.items():
            values = self._slice_values[field]
            parts.append(
                np.array(
                    [
                        values.setdefault(case.original.tags[field], len(values))
                        if field in case.original.tags
                        else -1
                        for case in cases
                    ],
                    dtype=np.int32,
                )
            )
        for first, case in merged:
            for variant in case.variants:
                if _broken(case.original, variant):
                    self.n_failures += 1
                    if len(self._failures[first]) < self.spec.max_failures:
                        self._failures[first].append(_failure_record(case.original, variant))
        if self.metric_names:
            variant_items = [item for item in answered(items) if item.example.parent_id is not None]
            if self.keep_variant_items:
                self._variant_items.extend(variant_items)
            else:
                if self._variant_columns is None:
                    self._variant_columns = ColumnsBuilder(labels, cluster_by)
                self._variant_columns.add(variant_items)

    def counts(self) -> dict[str, int]:
        return {
            **fields_json(self, ("examples", "filtered", "parents", "variants")),
            "skipped": sum(self.skipped.values()),
            **{f"skipped.{label}": n for label, n in self.skipped.items()},
            "rejected": sum(sum(c.values()) for c in self.rejected.values()),
            **{f"rejected.{label}": sum(c.values()) for label, c in self.rejected.items()},
        }

    # --- summary --------------------------------------------------------------------------

    def outcome(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        """The test's outcome without items (the caller adds them or their spool)."""
        spec = self.spec
        with_failure_rate = spec.expect != "augmentation"
        seed = seed_label(context.seed, spec.name)
        resamples = context.bootstrap_resamples

        def metrics_for(cases: CaseColumns, label: str) -> dict[str, MetricValue]:
            return kept_case_metrics(
                cases,
                with_failure_rate=with_failure_rate,
                resamples=resamples,
                seed=seed_label(seed, label),
                store=context.derived,
            )

        order = np.argsort(_joined(self._first_run), kind="stable")
        all_cases = CaseColumns.concat(self._merged, self._clustered).subset(order)
        headline = metrics_for(all_cases, "all")

        per_transform = []
        for run in self.runs:
            cases = CaseColumns.concat(self._per_run[run.label], self._clustered)
            metrics = metrics_for(cases, run.label)
            rejected = self.rejected[run.label]
            per_transform.append(
                {
                    "name": run.label,
                    "transform": run.spec.name,
                    "params": run.options.model_dump(mode="json"),
                    "n_parents": len(cases),
                    "n_variants": int(cases.variants.sum()),
                    "skipped": self.skipped[run.label],
                    "rejected": sum(rejected.values()),
                    "rejected_by_reason": dict(sorted(rejected.items())),
                    "skip_reason": run.unavailable,
                    **{name: metric_json(metrics.get(name)) for name in METRIC_NAMES},
                }
            )

        per_slice, slices = [], []
        for field in spec.slice_by:
            codes = _joined(self._slice_codes[field])[order]
            for value, code in sorted(self._slice_values[field].items()):
                members = all_cases.subset(codes == code)
                metrics = metrics_for(members, f"{field}={value}")
                per_slice.append(
                    {
                        "field": field,
                        "value": value,
                        "n_parents": len(members),
                        "n_variants": int(members.variants.sum()),
                        **{name: metric_json(metrics.get(name)) for name in METRIC_NAMES},
                    }
                )
                gap = None
                if SLICE_PRIMARY_METRIC in metrics and SLICE_PRIMARY_METRIC in headline:
                    gap = metrics[SLICE_PRIMARY_METRIC].value - headline[SLICE_PRIMARY_METRIC].value
                slices.append(SliceResult(field, value, len(members), metrics, gap))
        slices.sort(key=lambda s: (s.gap if s.gap is not None else 0.0, s.field, s.value))

        failures = [record for bucket in self._failures for record in bucket]
        section = {
            "expect": spec.expect,
            "fields": list(spec.fields or context.suite.input_fields),
            "to_label": spec.to_label,
            "monotonic": spec.monotonic.model_dump(mode="json") if spec.monotonic else None,
            "invariance_tolerance": spec.invariance_tolerance,
            "only_gold": list(spec.only_gold),
            "metrics": {name: metric_json(headline.get(name)) for name in METRIC_NAMES},
            "per_transform": per_transform,
            "per_slice": per_slice,
            "n_failures": self.n_failures,
            "failures": failures[: spec.max_failures],
        }

        extra_headline, tables = self._variant_metrics(seed, resamples)
        return TestOutcome.of_test(
            spec,
            plan.kind,
            self.labels,
            [],
            metrics={**{f"perturbed_{k}": v for k, v in extra_headline.items()}, **headline},
            tables=tables,
            slices=slices,
            sections={"robustness": section},
            counts=self.counts(),
        )

    def _variant_metrics(
        self, seed: str, resamples: int
    ) -> tuple[dict[str, MetricValue], dict[str, Any]]:
        """The test's classification metrics and tables over its answered variants."""
        if not self.metric_names:
            return {}, {}
        context = MetricContext(resamples=resamples, seed=seed, cluster_by=self.spec.cluster_by)
        if self.keep_variant_items:
            columns = ItemColumns.from_items(self._variant_items, self.labels, self.spec.cluster_by)
        else:
            builder = self._variant_columns or ColumnsBuilder(self.labels, self.spec.cluster_by)
            columns = builder.build()
        return compute_metrics(self.metric_names, columns, self.labels, context)


def merge_cases(cases_by_run: Mapping[str, list[Case]]) -> list[tuple[int, Case]]:
    """One case per parent across transforms, with the index of the first transform that
    made a case of it: all its variants; it passes if all its checks pass."""
    merged: dict[str, tuple[int, list[Case]]] = {}
    for index, cases in enumerate(cases_by_run.values()):
        for case in cases:
            merged.setdefault(case.original.example.id, (index, []))[1].append(case)
    result = []
    for first, parts in merged.values():
        passed = case_outcome([part.passed for part in parts])
        variants = tuple(v for part in parts for v in part.variants)
        result.append((first, Case(parts[0].original, variants, passed)))
    return result


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)


def _broken(original: ItemResult, variant: ItemResult) -> bool:
    """A failed check (augmentation, which has no check: right → wrong)."""
    if "passed" in variant.scores:
        return variant.scores["passed"] == 0.0
    return original.correct is True and variant.correct is False


def _failure_record(original: ItemResult, variant: ItemResult) -> dict[str, Any]:
    record = variant.example.transform
    return {
        "parent_id": original.example.id,
        "variant_id": variant.example.id,
        "transform": variant.tags.get("transform", record.name if record else ""),
        "description": record.description if record else "",
        "original_fields": dict(original.example.fields),
        "perturbed_fields": dict(variant.example.fields),
        "gold": original.gold,
        "perturbed_gold": variant.gold,
        "original_prediction": original.predicted,
        "original_probabilities": _probabilities(original),
        "perturbed_prediction": variant.predicted,
        "perturbed_probabilities": _probabilities(variant),
    }


def _probabilities(item: ItemResult) -> dict[str, float] | None:
    scores = item.prediction.scores
    return {label: float(p) for label, p in scores.items()} if scores is not None else None
