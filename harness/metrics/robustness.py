"""Robustness metrics: over a perturbation test's variants, and over its cases.

Over items (the variants carry the score, harness/kinds/perturbation.py):

* ``flip_rate``: share of variants whose prediction differs from their original's;
* ``pass_rate``: share of variants that meet the test's expectation.

Over cases (an original with its variants, harness.metrics.cases), as the perturbation
kind reports them; the value form reads ``CaseColumns``, the paired form the cases the
gate rebuilds from two runs' items:

* the case flip rate (share of cases with a variant whose prediction differs from the
  original's; the report's ``flip_rate`` of a perturbation test) and ``consistency`` =
  1 − that;
* ``accuracy_original`` / ``accuracy_perturbed`` on the same cases (a case's perturbed
  accuracy is the mean over its labeled variants) and ``accuracy_drop`` = their paired
  difference, with a paired bootstrap CI over cases;
* ``worst_case_accuracy`` (HELM) = share of cases whose original and labeled variants
  are all correct;
* ``failure_rate`` (CheckList) = fails / (cases − filtered): a case fails when any of
  its checks fails (harness.kinds.expectations).

Proportions carry Wilson CIs (the cluster bootstrap when cases are clustered), other
means the percentile bootstrap on the test's shared resamples.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from harness.metrics.base import (
    CASES,
    LOWER,
    Metric,
    MetricContext,
    MetricValue,
    PairedColumns,
    PairedInputs,
)
from harness.metrics.cases import Case, CaseColumns, accuracy_drop, paired_cases
from harness.metrics.intervals import bootstrap_label
from harness.metrics.resampling import IntervalPlan, bootstrap, on_one_draw, weighted_mean
from harness.metrics.scores import paired_means, score_mean_metric, wilson_value
from harness.seeding import seed_label

__all__ = [
    "ACCURACY_DROP",
    "ACCURACY_ORIGINAL",
    "ACCURACY_PERTURBED",
    "CASE_METRICS",
    "CONSISTENCY",
    "FAILURE_RATE",
    "FLIP_RATE",
    "PASS_RATE",
    "WORST_CASE_ACCURACY",
    "case_flip_rate",
    "case_metrics",
    "kept_case_metrics",
    "mean_metric",
    "metric_json",
    "paired_difference_metric",
    "robustness_metrics",
]

# --- over variants ------------------------------------------------------------------------

FLIP_RATE = score_mean_metric(
    "flip_rate",
    "flipped",
    "share of variants whose prediction differs from their original's (lower is better)",
    direction=LOWER,
    tolerance=0.02,
)
PASS_RATE = score_mean_metric(
    "pass_rate",
    "passed",
    "share of variants that meet the test's expectation",
    tolerance=0.02,
)


# --- values with confidence intervals -----------------------------------------------------


def mean_metric(
    values: Sequence[float] | np.ndarray,
    *,
    clusters: np.ndarray | None = None,
    resamples: int = 2000,
    seed: int | str = 0,
    plan: IntervalPlan | None = None,
) -> MetricValue:
    """A mean over cases: a proportion (every value 0 or 1) with a Wilson 95% CI, any
    other mean, or cases in clusters, with a percentile (cluster) bootstrap."""
    array = np.asarray(values, dtype=float)
    if len(array) and clusters is None and np.all((array == 0) | (array == 1)):
        return wilson_value(int(array.sum()), len(array))
    if len(array) == 0:
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    return _with_bootstrapped_mean(
        float(array.mean()), array, "bootstrap-percentile", clusters, resamples, seed, plan
    )


def _with_bootstrapped_mean(
    value: float,
    values: np.ndarray,
    method: str,
    clusters: np.ndarray | None,
    resamples: int,
    seed: int | str,
    plan: IntervalPlan | None,
) -> MetricValue:
    """``value`` with the percentile bootstrap interval of ``values``' mean on the test's
    resamples; ``method`` names the interval unless clusters make it a cluster bootstrap."""
    interval = bootstrap(
        len(values),
        weighted_mean(values),
        resamples=resamples,
        seed=seed,
        clusters=clusters,
        plan=plan,
    )
    if clusters is not None:
        method = "cluster-bootstrap-percentile"
    return MetricValue(value, *interval, len(values), bootstrap_label(interval, method))


def paired_difference_metric(
    first: Sequence[float] | np.ndarray,
    second: Sequence[float] | np.ndarray,
    *,
    clusters: np.ndarray | None = None,
    resamples: int = 2000,
    seed: int | str = 0,
    plan: IntervalPlan | None = None,
) -> MetricValue:
    """``mean(first − second)`` with a paired bootstrap CI (the same cases in each resample)."""
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    value = accuracy_drop(a, b)
    if len(a) == 0:
        return MetricValue(value, None, None, 0, "paired-bootstrap-percentile")
    # The mean of the differences on a resample is the difference of the means on it.
    return _with_bootstrapped_mean(
        value, a - b, "paired-bootstrap-percentile", clusters, resamples, seed, plan
    )


# --- over cases: each metric's value and paired form ----------------------------------------


def _interval_options(context: MetricContext) -> dict[str, Any]:
    return {"resamples": context.resamples, "seed": context.seed, "plan": context.plan}


def _everything(cases: CaseColumns) -> np.ndarray:
    return np.ones(len(cases), dtype=bool)


def _paired_accuracy_cases(cases: CaseColumns) -> np.ndarray:
    """Cases whose original and at least one variant are labeled."""
    return (cases.original_correct >= 0) & (cases.labeled > 0)


def _original_and_perturbed(cases: CaseColumns) -> tuple[np.ndarray, np.ndarray]:
    # A case's perturbed accuracy is the mean over its labeled variants (k / n is the
    # same float as the mean of k ones and n - k zeros).
    paired = _paired_accuracy_cases(cases)
    original = cases.original_correct[paired].astype(float)
    perturbed = cases.correct[paired] / cases.labeled[paired]
    return original, perturbed


def _worst_case(cases: CaseColumns) -> tuple[np.ndarray, np.ndarray]:
    """(cases with a labeled original, whether the original and every labeled variant are
    correct) — HELM's worst case over {original} ∪ labeled variants."""
    with_original = cases.original_correct >= 0
    worst = (cases.original_correct == 1) & (cases.correct == cases.labeled)
    return with_original, np.where(worst, 1.0, 0.0)[with_original]


CaseValues = Callable[[CaseColumns], tuple[np.ndarray, np.ndarray]]

# Each per-case quantity: (which cases count, each counted case's value).


def _flips(cases: CaseColumns) -> tuple[np.ndarray, np.ndarray]:
    return _everything(cases), cases.flipped.astype(float)


def _consistent(cases: CaseColumns) -> tuple[np.ndarray, np.ndarray]:
    return _everything(cases), (~cases.flipped).astype(float)


def _originals(cases: CaseColumns) -> tuple[np.ndarray, np.ndarray]:
    return _paired_accuracy_cases(cases), _original_and_perturbed(cases)[0]


def _perturbed(cases: CaseColumns) -> tuple[np.ndarray, np.ndarray]:
    return _paired_accuracy_cases(cases), _original_and_perturbed(cases)[1]


def _drops(cases: CaseColumns) -> tuple[np.ndarray, np.ndarray]:
    original, perturbed = _original_and_perturbed(cases)
    return _paired_accuracy_cases(cases), original - perturbed


def _failures(cases: CaseColumns) -> tuple[np.ndarray, np.ndarray]:
    decided = cases.passed >= 0
    return decided, (cases.passed[decided] == 0).astype(float)


def _case_mean(per_case: CaseValues) -> Callable[..., MetricValue | None]:
    """The value form of a mean over cases (Wilson for a proportion, else the bootstrap
    on the test's resamples); a metric over no case is left out rather than NaN."""

    def value(
        cases: CaseColumns, labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        counted, values = per_case(cases)
        found = mean_metric(
            values, clusters=cases.cluster_ids(counted), **_interval_options(context)
        )
        return found if found.n else None

    return value


case_flip_rate = _case_mean(_flips)
case_flip_rate.__doc__ = (
    "Share of cases with a variant whose prediction differs from the original's."
)


def consistency(
    cases: CaseColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    """1 − the case flip rate, its interval reflected."""
    flip = case_flip_rate(cases, labels, context)
    if flip is None:
        return None
    low = None if flip.ci_high is None else 1 - flip.ci_high
    high = None if flip.ci_low is None else 1 - flip.ci_low
    return MetricValue(1 - flip.value, low, high, flip.n, flip.method)


def accuracy_drop_value(
    cases: CaseColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    """accuracy_original − accuracy_perturbed, paired bootstrap CI over the same cases."""
    original, perturbed = _original_and_perturbed(cases)
    clusters = cases.cluster_ids(_paired_accuracy_cases(cases))
    drop = paired_difference_metric(
        original, perturbed, clusters=clusters, **_interval_options(context)
    )
    return drop if drop.n else None


def _paired_cases_form(
    per_case: CaseValues,
) -> Callable[[PairedColumns, Sequence[str]], PairedInputs | None]:
    """The paired form of a mean over cases: a case counts where it counts in both runs."""

    def paired(pairs: PairedColumns, labels: Sequence[str]) -> PairedInputs | None:
        cases = paired_cases(pairs)
        if cases is None:
            return None
        base_mask, base_values = per_case(cases.base)
        cand_mask, cand_values = per_case(cases.candidate)
        both = base_mask & cand_mask
        base_all = np.full(len(base_mask), np.nan)
        cand_all = np.full(len(cand_mask), np.nan)
        base_all[base_mask], cand_all[cand_mask] = base_values, cand_values
        keep = np.flatnonzero(both)
        return paired_means(base_all[keep], cand_all[keep], cases.originals[keep], pairs.tally)

    return paired


def _case_metric(
    name: str,
    per_case: CaseValues,
    description: str,
    *,
    value: Callable[..., MetricValue | None] | None = None,
    **declared: Any,
) -> Metric:
    """A metric over cases: the mean of ``per_case``, paired over the cases that count in
    both runs; its value form that mean on one run unless ``value`` is its own."""
    return Metric(
        name,
        value or _case_mean(per_case),
        description,
        paired=_paired_cases_form(per_case),
        **{"reads": CASES, "needs_scores": ("flipped",), **declared},
    )


CONSISTENCY = _case_metric(
    "consistency",
    _consistent,
    "share of cases (an original and its variants) whose predictions all agree: 1 − the "
    "case flip rate a perturbation test reports",
    value=consistency,
    tolerance=0.02,
)
ACCURACY_ORIGINAL = _case_metric(
    "accuracy_original",
    _originals,
    "accuracy on the originals of cases with a labeled variant",
)
ACCURACY_PERTURBED = _case_metric(
    "accuracy_perturbed",
    _perturbed,
    "accuracy on the variants, each case's labeled variants averaged, same cases as "
    "accuracy_original",
)
ACCURACY_DROP = _case_metric(
    "accuracy_drop",
    _drops,
    "accuracy_original − accuracy_perturbed on the same cases, paired bootstrap CI "
    "(lower is better)",
    value=accuracy_drop_value,
    direction=LOWER,
)
WORST_CASE_ACCURACY = _case_metric(
    "worst_case_accuracy",
    _worst_case,
    "share of cases whose original and labeled variants are all correct (HELM worst case)",
)
FAILURE_RATE = _case_metric(
    "failure_rate",
    _failures,
    "share of checked cases with a failed check (CheckList; lower is better)",
    direction=LOWER,
    tolerance=0.02,
    needs_scores=("passed",),
)

#: What a perturbation test reports over its cases, in this order (failure_rate: when
#: the test checks an expectation). ``flip_rate`` is the case flip rate.
CASE_METRICS: dict[str, Callable[..., MetricValue | None]] = {
    "flip_rate": case_flip_rate,
    "consistency": CONSISTENCY.value,
    "accuracy_original": ACCURACY_ORIGINAL.value,
    "accuracy_perturbed": ACCURACY_PERTURBED.value,
    "accuracy_drop": ACCURACY_DROP.value,
    "worst_case_accuracy": WORST_CASE_ACCURACY.value,
    "failure_rate": FAILURE_RATE.value,
}


def robustness_metrics(
    cases: Sequence[Case],
    *,
    with_failure_rate: bool,
    cluster_by: str | None = None,
    resamples: int = 2000,
    seed: int | str = 0,
) -> dict[str, MetricValue]:
    """All robustness metrics over ``cases`` (each case has at least one variant).

    Metrics whose sample is empty are left out rather than reported as NaN.
    """
    cases = [case for case in cases if case.variants]
    return case_metrics(
        CaseColumns.from_cases(cases, cluster_by),
        with_failure_rate=with_failure_rate,
        resamples=resamples,
        seed=seed,
    )


def case_metrics(
    columns: CaseColumns,
    *,
    with_failure_rate: bool,
    resamples: int = 2000,
    seed: int | str = 0,
) -> dict[str, MetricValue]:
    """``robustness_metrics`` over cases given as columns (every case has a variant).

    Every interval is drawn on the test's resamples, once (``on_one_draw``): the
    accuracies before and after, the drop and the worst case see the same cases in
    each resample, so their intervals agree with one another.
    """

    def compute(plan: IntervalPlan) -> dict[str, MetricValue]:
        context = MetricContext(resamples=resamples, seed=seed_label(seed, "cases"), plan=plan)
        found = {}
        for name, value in CASE_METRICS.items():
            if name == "failure_rate" and not with_failure_rate:
                continue
            result = value(columns, (), context)
            if result is not None:
                found[name] = result
        return found

    return on_one_draw(compute)


def kept_case_metrics(
    columns: CaseColumns,
    *,
    with_failure_rate: bool,
    resamples: int,
    seed: int | str,
    store: Any = None,
) -> dict[str, MetricValue]:
    """``case_metrics``, or what an identical earlier computation gave (the same case
    columns, options, seed and resamples, and this module's code and its imports; ``store``
    is a ``harness.cache.derived.DerivedStore``, None: always computed)."""

    def compute() -> dict[str, MetricValue]:
        return case_metrics(
            columns, with_failure_rate=with_failure_rate, resamples=resamples, seed=seed
        )

    from harness.cache.derived import memoized_by_code

    if store is None:
        return compute()
    arrays = hashlib.sha256()
    for name in ("flipped", "original_correct", "labeled", "correct", "variants", "passed"):
        column = np.ascontiguousarray(getattr(columns, name))
        arrays.update(f"{name}:{column.dtype.str}:{column.shape}".encode() + column.tobytes())
    return memoized_by_code(
        store,
        "case_metrics",
        [__name__],
        compute,
        lambda found: {name: value.to_json() for name, value in found.items()},
        lambda stored: {name: MetricValue(**value) for name, value in stored.items()},
        columns=arrays.hexdigest(),
        clusters=None if columns.clusters is None else [str(c) for c in columns.clusters],
        with_failure_rate=with_failure_rate,
        resamples=resamples,
        seed=str(seed),
    )


def metric_json(metric: MetricValue | None) -> dict[str, Any] | None:
    """``MetricValue.to_json`` with NaN as None (sections are JSON, and JSON has no NaN)."""
    if metric is None:
        return None
    data = metric.to_json()
    for key in ("value", "ci_low", "ci_high"):
        value = data[key]
        if isinstance(value, float) and value != value:
            data[key] = None
    return data
