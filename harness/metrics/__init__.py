"""Metrics: the one home of aggregation, from a test's items to every number a run reports.

Each metric is a ``Metric`` declaration with two forms side by side in the module of its
family: its value over one run's columns and its paired form over two runs' columns.

    base            Metric, MetricValue, MetricContext, PairedColumns, PairedInputs
    columns         ItemColumns: a test's items as numpy columns (one class)
    item_file       items.jsonl read as columns, and read back item by item
    classification  accuracy, macro_f1, ece, brier, per_class, confusion_matrix, calibration
    scores          the mean of a per-item score: the two forms they all share
    qa              exact_match, f1, SQuAD v2.0 splits, abstention, oracle sweeps
    prompting       prompted classifiers' variants, ece_calibrated, prompt spread
    cases           an original and its variants (cases) as columns
    robustness      flip_rate, pass_rate, consistency, accuracy_drop, worst case, failures
    attack          original_accuracy, accuracy_under_attack, attack_success_rate
    bias, bbq       counterfactual and pro/anti gaps, NLI bias, stereotype preference, BBQ
    summary         a test's headline metrics, tables and slices
    resampling      a test's shared bootstrap resamples, as count weights
    statistics      vectorised macro-F1 and ECE
    intervals       Wilson, Newcombe, bootstrap intervals, Holm, Benjamini–Hochberg
    estimates       bootstrap estimates over units' rows (families, templates)
    paired          paired bootstrap, McNemar, minimum detectable effect
    difference      one metric's paired difference between two runs (the gate's unit)

The names below load on first use (PEP 562): building the command line must not pull in
scipy with this package.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, eagerly, for the type checker
    from harness.metrics.base import (
        HIGHER,
        LOWER,
        Metric,
        MetricContext,
        MetricValue,
        PairedColumns,
        PairedInputs,
        SliceResult,
        item_form,
    )
    from harness.metrics.columns import ItemColumns
    from harness.metrics.intervals import newcombe_interval, wilson_interval
    from harness.metrics.scores import (
        mean_score,
        paired_mean_score,
        paired_means,
        score_mean_metric,
    )

_HOME = {
    "HIGHER": "harness.metrics.base",
    "LOWER": "harness.metrics.base",
    "Metric": "harness.metrics.base",
    "MetricContext": "harness.metrics.base",
    "MetricValue": "harness.metrics.base",
    "PairedColumns": "harness.metrics.base",
    "PairedInputs": "harness.metrics.base",
    "SliceResult": "harness.metrics.base",
    "item_form": "harness.metrics.base",
    "ItemColumns": "harness.metrics.columns",
    "newcombe_interval": "harness.metrics.intervals",
    "wilson_interval": "harness.metrics.intervals",
    "mean_score": "harness.metrics.scores",
    "paired_mean_score": "harness.metrics.scores",
    "paired_means": "harness.metrics.scores",
    "score_mean_metric": "harness.metrics.scores",
}

__all__ = [
    "HIGHER",
    "ItemColumns",
    "LOWER",
    "Metric",
    "MetricContext",
    "MetricValue",
    "PairedColumns",
    "PairedInputs",
    "SliceResult",
    "item_form",
    "mean_score",
    "newcombe_interval",
    "paired_mean_score",
    "paired_means",
    "score_mean_metric",
    "wilson_interval",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'harness.metrics' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
