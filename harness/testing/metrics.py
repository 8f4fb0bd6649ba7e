"""``check_metric``: the contract every metric follows, run on a sample run built here.

A metric (``harness.metrics.base.Metric``) passes when:

* it declares itself: a name, a description, a direction, what it reads; a table is
  neither gated nor shown per slice;
* its value form, over a run's columns (or its cases, for ``reads=CASES``), gives None
  (it does not apply), a JSON-ready table, or a ``MetricValue`` whose n counts the
  items or cases and whose interval holds the value; the same columns give the same
  value twice; the mean of a per-item score (``item_score``) is that mean;
* its paired form, over a run paired with itself, gives the value on both sides (or
  what it declares it gates, ``gated``: a magnitude) and no discordant pair, and the
  paired bootstrap puts the difference at zero.

The sample is a classification run with probabilities, variants of some items, and on
every item each per-item score and tag the metric declares it reads (random 0/1 scores),
the tags the bias metrics read and an attack outcome: a metric that reads more should
pass its own sample as ``items``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from harness.metrics.base import (
    CASES,
    HIGHER,
    ITEMS,
    LOWER,
    NOT_ESTIMABLE_NOTE,
    Metric,
    MetricContext,
    MetricValue,
    PairedColumns,
)
from harness.metrics.cases import paired_cases
from harness.metrics.columns import ItemColumns
from harness.metrics.difference import difference_from_inputs

LABELS = ("entailment", "neutral", "contradiction")

__all__ = ["LABELS", "SampleItem", "check_metric", "sample_items"]


@dataclass(frozen=True)
class SampleItem:
    """One item of a sample run: what ``ItemColumns.from_items`` reads."""

    id: str
    gold: str | None
    predicted: str | None
    correct: bool | None
    probabilities: Mapping[str, float] | None
    confidence: float | None
    scores: Mapping[str, float] = field(default_factory=dict)
    tags: Mapping[str, str] = field(default_factory=dict)
    parent_id: str | None = None
    transform_name: str = ""
    infra_error: str | None = None


def sample_items(
    metric: Metric, labels: Sequence[str] = LABELS, n: int = 60, seed: int = 3
) -> list[SampleItem]:
    """``n`` originals, a variant of every other one, each with what ``metric`` reads."""
    rng = np.random.default_rng(seed)
    scores_read = {name for name in (metric.item_score, *metric.needs_scores) if name}
    scores_read -= {"correct", "brier"}
    items = []
    for i in range(n):
        for variant in (False, True) if i % 2 == 0 else (False,):
            gold = labels[i % len(labels)]
            probabilities = rng.dirichlet(np.ones(len(labels)))
            predicted = labels[int(np.argmax(probabilities))]
            onehot = np.array([label == gold for label in labels], dtype=float)
            scores = {
                "correct": float(predicted == gold),
                "brier": float(np.sum((probabilities - onehot) ** 2)),
                **{name: float(rng.integers(0, 2)) for name in sorted(scores_read)},
            }
            if variant:
                scores.setdefault("flipped", float(rng.integers(0, 2)))
                scores.setdefault("passed", float(rng.integers(0, 2)))
            tags = {
                **{tag: f"v{int(rng.integers(0, 3))}" for tag in metric.needs_tags},
                "group": ("a", "b", "c")[int(rng.integers(0, 3))],
                "family": f"s{i}",
                "stereotype": ("pro", "anti")[i % 2],
                "occupation": f"o{i % 7}",
                "template": f"t{i % 5}",
                "attack_result": ("succeeded", "failed", "skipped")[int(rng.integers(0, 3))],
            }
            items.append(
                SampleItem(
                    id=f"s{i}:v" if variant else f"s{i}",
                    gold=gold,
                    predicted=predicted,
                    correct=predicted == gold,
                    probabilities=dict(zip(labels, probabilities.tolist(), strict=True)),
                    confidence=float(probabilities.max()),
                    scores=scores,
                    tags=tags,
                    parent_id=f"s{i}" if variant else None,
                    transform_name="sample" if variant else "",
                )
            )
    return items


def check_metric(
    metric: Any,
    *,
    name: str | None = None,
    items: Sequence[Any] | None = None,
    labels: Sequence[str] = LABELS,
    resamples: int = 200,
) -> None:
    """Raise ``AssertionError`` naming what ``metric`` breaks of the metric contract.

    ``name``: the name it is registered under; ``items``: a run of its own (objects with
    the attributes ``ItemColumns.from_items`` reads) when the sample does not carry what
    it reads.
    """
    assert isinstance(metric, Metric), f"{metric!r} is not a harness.metrics.base.Metric"
    where = f"metric '{metric.name}'"
    assert metric.name, "a metric has a name"
    assert name is None or metric.name == name, f"{where} is registered as '{name}'"
    assert metric.description.strip(), f"{where} describes itself"
    assert metric.direction in (HIGHER, LOWER), f"{where}: direction {metric.direction!r}"
    assert metric.reads in (ITEMS, CASES), f"{where}: reads {metric.reads!r}"
    if metric.table:
        assert not metric.gateable and not metric.per_slice, f"{where}: a table is shown whole"
    run = list(items) if items is not None else sample_items(metric, labels)
    columns = ItemColumns.from_items(run, labels)
    rows = np.arange(len(columns))
    pairs = PairedColumns(columns, columns, rows, rows)
    given: Any = columns
    units = int(np.count_nonzero(columns.scored))
    if metric.reads == CASES:
        cases = paired_cases(pairs)
        assert cases is not None, f"{where}: the sample has no cases"
        given, units = cases.base, len(cases.base)
    context = MetricContext(resamples=resamples, seed="check")
    value = metric(given, labels, context)
    again = metric(given, labels, context)
    assert _plain(value) == _plain(again), f"{where}: the same items give another value"
    if metric.table:
        json.dumps(value)
        return
    if value is None:
        assert items is None, f"{where} does not apply to the items given"
        return  # it does not apply to the sample: its own test gives it items it reads
    assert isinstance(value, MetricValue), f"{where}: the value form gives {type(value)}"
    assert 0 < value.n <= max(units, len(columns)), f"{where}: n={value.n} of {units}"
    _check_interval(metric, value, where)
    if metric.item_score is not None:
        score = columns.score(metric.item_score)
        assert score is not None, f"{where}: no item carries '{metric.item_score}'"
        expected = float(np.nanmean(score.astype(float)))
        assert math.isclose(value.value, expected, rel_tol=1e-9), (
            f"{where}: {value.value} is not the mean of '{metric.item_score}' ({expected})"
        )
    if metric.paired is None:
        return
    inputs = metric.paired(pairs, labels)
    assert inputs is not None, f"{where}: its paired form does not apply where its value does"
    gated = value.value if metric.gated is None else metric.gated(value.value)
    for side in (inputs.base_value, inputs.candidate_value):
        assert _same(side, gated), f"{where}: paired value {side} is not {gated}"
    assert inputs.discordant == 0, f"{where}: a run paired with itself has discordant pairs"
    difference = difference_from_inputs(
        metric.name, metric, inputs, None, "check", None, resamples=resamples, seed="check"
    )
    assert difference.delta == 0 or math.isnan(difference.delta), f"{where}: Δ of a run to itself"
    finite = difference.replicates[np.isfinite(difference.replicates)]
    assert np.all(np.abs(finite) < 1e-9), f"{where}: a run resampled against itself differs"


def _check_interval(metric: Metric, value: MetricValue, where: str) -> None:
    if math.isnan(value.value):
        assert value.ci_low is None or math.isnan(value.ci_low), f"{where}: NaN with an interval"
        return  # undefined here, and says so (NaN, never a made-up 0)
    if metric.ci_method == "none":
        return  # declared without an interval (an oracle, tuned on the items)
    if value.ci_low is None or value.ci_high is None:
        assert value.method.endswith(NOT_ESTIMABLE_NOTE), f"{where}: no interval, and no reason"
        return  # the data cannot give one here (one cluster, resamples that cannot vary)
    assert value.ci_low - 1e-12 <= value.value <= value.ci_high + 1e-12, (
        f"{where}: {value.value} outside its interval [{value.ci_low}, {value.ci_high}]"
    )


def _same(first: float, second: float) -> bool:
    if math.isnan(first) or math.isnan(second):
        return math.isnan(first) and math.isnan(second)
    return math.isclose(first, second, rel_tol=1e-9, abs_tol=1e-12)


def _plain(value: Any) -> Any:
    if isinstance(value, MetricValue):
        return json.dumps(value.to_json(), sort_keys=True)
    return json.dumps(value, sort_keys=True, default=str)
