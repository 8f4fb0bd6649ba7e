"""What every metric is and returns: ``Metric``, ``MetricValue``, ``MetricContext``,
``PairedInputs``.

A ``Metric`` is a declaration with exactly two hand-written forms:

* ``value(columns, labels, context)``: its value over one run's items, given as
  ``harness.metrics.columns.ItemColumns`` (or, for the robustness metrics, as
  ``harness.metrics.cases.CaseColumns``): a ``MetricValue`` (value, 95% CI, n), a
  JSON-ready table (``table=True``), or None when the items do not carry what it reads;
* ``paired(pairs, labels)``: its paired difference's inputs over two runs' columns
  (``PairedColumns``: row i of both runs is one item): a ``PairedInputs``, or None.

The gate, compare, the summary of a test and the report read these declarations and
keep no list of their own. A metric without ``paired`` is shown but cannot be gated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from harness.files.jsonio import fields_json

if TYPE_CHECKING:
    from harness.metrics.columns import ItemColumns
    from harness.metrics.resampling import IntervalPlan

#: What a value's method says when its interval cannot be estimated.
NOT_ESTIMABLE_NOTE = " (interval not estimable)"
HIGHER = "higher"
LOWER = "lower"
#: What a metric's value form reads: one run's items, or its cases (an original with its
#: variants, harness.metrics.cases).
ITEMS = "items"
CASES = "cases"

__all__ = [
    "CASES",
    "HIGHER",
    "ITEMS",
    "LOWER",
    "ItemForm",
    "Metric",
    "MetricContext",
    "MetricValue",
    "NOT_ESTIMABLE_NOTE",
    "PairedColumns",
    "PairedInputs",
    "SliceResult",
    "item_form",
]


@dataclass(frozen=True)
class MetricValue:
    """A headline number with its sample size and 95% confidence interval."""

    value: float
    ci_low: float | None
    ci_high: float | None
    n: int
    method: str = ""

    def __post_init__(self) -> None:
        # An interval that cannot be estimated comes as NaN bounds (or one bound): it is
        # reported as not estimable, with no bounds, never as a point or as NaN.
        bounds = (self.ci_low, self.ci_high)
        if any(b is not None and b != b for b in bounds) or (
            None in bounds and bounds != (None, None)
        ):
            object.__setattr__(self, "ci_low", None)
            object.__setattr__(self, "ci_high", None)
            if not self.method.endswith(NOT_ESTIMABLE_NOTE) and self.value == self.value:
                object.__setattr__(self, "method", f"{self.method}{NOT_ESTIMABLE_NOTE}")

    @property
    def estimable(self) -> bool:
        """Whether the value has an interval (not one the data cannot give)."""
        return self.ci_low is not None and self.ci_high is not None

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)


@dataclass(frozen=True)
class SliceResult:
    """Metrics of the items whose tag ``field`` equals ``value``; ``gap`` = slice − overall."""

    field: str
    value: str
    n: int
    metrics: Mapping[str, MetricValue]
    gap: float | None
    # Per gold label, ``[correct, scored]`` in the slice and in the rest of its test: a
    # finding compares a slice with the rest restricted to the same gold labels
    # (harness.metrics.matched). Empty where items have no gold label.
    by_gold: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    rest_by_gold: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        record = {
            **fields_json(self, exclude={"by_gold", "rest_by_gold"}),
            "metrics": {name: m.to_json() for name, m in self.metrics.items()},
        }
        if self.by_gold:
            record["by_gold"] = {gold: list(counts) for gold, counts in self.by_gold.items()}
            record["rest_by_gold"] = {
                gold: list(counts) for gold, counts in self.rest_by_gold.items()
            }
        return record


@dataclass(frozen=True)
class MetricContext:
    resamples: int = 2000
    seed: int | str = 0
    cluster_by: str | None = None
    # Set while a test's headline metrics are computed: their bootstrap intervals are
    # then drawn once, on the same resamples (harness.metrics.resampling).
    plan: IntervalPlan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PairedColumns:
    """Paired items as positions in both runs' columns: pair i is ``base_rows[i]``
    of the baseline and ``candidate_rows[i]`` of the candidate, in the baseline's order.

    ``tally``: the pairs are independent items (no clusters), so a paired form may
    tally identical rows into one with a count (``PairedInputs.counts``).
    """

    base: ItemColumns
    candidate: ItemColumns
    base_rows: np.ndarray
    candidate_rows: np.ndarray
    tally: bool = False

    def __len__(self) -> int:
        return len(self.base_rows)

    def subset(self, mask: np.ndarray) -> PairedColumns:
        return PairedColumns(
            self.base, self.candidate, self.base_rows[mask], self.candidate_rows[mask], self.tally
        )

    def with_tally(self, tally: bool) -> PairedColumns:
        return PairedColumns(self.base, self.candidate, self.base_rows, self.candidate_rows, tally)


@dataclass(frozen=True)
class PairedInputs:
    """What the gate resamples for one metric over paired items (harness.metrics.difference).

    ``mode`` is ``"sums"`` (per-unit rows whose column totals give the metric through
    ``statistic``; a mean is rows ``(score, 1)``) or ``"indices"`` (the metric is not
    decomposable: ``statistic(*arrays, axis=-1)`` over index resamples).
    """

    mode: str
    base: Any
    candidate: Any
    statistic: Callable[..., np.ndarray]
    base_value: float
    candidate_value: float
    discordant: float
    # Which of the given pairs each row stands for (a unit's first pair when a row is a
    # case of several); the pairs' clusters follow these rows.
    rows: Any = ()
    # Per-unit 0/1 scores, when the metric is the mean of a binary score (McNemar applies).
    binary_scores: tuple[np.ndarray, np.ndarray] | None = None
    # How many independent units each row stands for, when identical rows were tallied.
    counts: np.ndarray | None = None

    @classmethod
    def of_totals(
        cls,
        base: np.ndarray,
        candidate: np.ndarray,
        statistic: Callable[..., np.ndarray],
        *,
        discordant: float,
        rows: Any,
        tally: bool = False,
    ) -> PairedInputs:
        """``sums`` inputs whose values are ``statistic`` of each run's column totals;
        ``tally``: identical rows kept once, with how many units each stands for."""
        base_value = float(statistic(base.sum(axis=0)))
        candidate_value = float(statistic(candidate.sum(axis=0)))
        counts = None
        if tally:
            base, candidate, counts = tally_rows(base, candidate)
        return cls(
            mode="sums",
            base=base,
            candidate=candidate,
            statistic=statistic,
            base_value=base_value,
            candidate_value=candidate_value,
            discordant=discordant,
            rows=rows,
            counts=counts,
        )


def tally_rows(
    base: np.ndarray, candidate: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (base, candidate) rows and how many units each stands for."""
    distinct, counts = np.unique(np.hstack([base, candidate]), axis=0, return_counts=True)
    k = base.shape[1]
    return distinct[:, :k], distinct[:, k:], counts


ValueForm = Callable[[Any, Sequence[str], MetricContext], Any]


class ItemForm:
    """The one adapter for a metric written over item objects, the form before columns:
    ``compute(items, labels, context)`` where items have ``correct``, ``gold``,
    ``predicted``, ``probabilities``, ``confidence``, ``scores`` and ``tags``.

        Metric("my_metric", item_form(my_metric_over_items), "...")

    Its value is computed from the items the columns were built from, so a test with
    such a metric keeps its items in memory (it never streams), and the metric has no
    paired form unless it declares one over columns (docs/architecture.md).
    """

    def __init__(self, compute: Callable[[Sequence[Any], Sequence[str], MetricContext], Any]):
        self.compute = compute
        self.__doc__ = compute.__doc__

    def __call__(self, columns: ItemColumns, labels: Sequence[str], context: MetricContext) -> Any:
        return self.compute(columns.records(np.arange(len(columns))), labels, context)


def item_form(compute: Callable[[Sequence[Any], Sequence[str], MetricContext], Any]) -> ItemForm:
    """Adapt a value form written over item objects (see ``ItemForm``)."""
    return ItemForm(compute)


PairedForm = Callable[[PairedColumns, Sequence[str]], PairedInputs | None]


@dataclass(frozen=True)
class Metric:
    """A metric and what it declares about itself; call it like its value form."""

    name: str
    value: ValueForm
    description: str = ""
    direction: str = HIGHER
    # The paired form; None: the metric is shown, never gated.
    paired: PairedForm | None = None
    # The per-item score this metric is the mean of (a gate check may name the score).
    item_score: str | None = None
    ci_method: str = "bootstrap-percentile"
    per_slice: bool = False
    table: bool = False
    # The gate's default tolerance τ for this metric's headline value (slices: 0.02).
    tolerance: float = 0.01
    # Only meaningful with gold labels from a label set (classification).
    needs_labels: bool = False
    # Needs probabilities (calibration).
    needs_probabilities: bool = False
    # Per-item scores and tags it reads: it applies where some item carries them.
    needs_scores: tuple[str, ...] = ()
    needs_tags: tuple[str, ...] = ()
    # ITEMS or CASES: what its value form reads.
    reads: str = ITEMS
    # What the paired form compares when it is not the value itself (a bias score gated
    # on its magnitude: ``abs``): the paired value of a run is ``gated(value)``.
    gated: Callable[[float], float] | None = None

    def __call__(self, columns: Any, labels: Sequence[str], context: MetricContext) -> Any:
        return self.value(columns, labels, context)

    @property
    def needs_items(self) -> bool:
        """Whether its value form reads item objects (``item_form``): a test that holds
        its items only as columns (a streamed one) cannot compute it."""
        return isinstance(self.value, ItemForm)

    @property
    def higher_is_better(self) -> bool:
        return self.direction == HIGHER

    @property
    def gateable(self) -> bool:
        return not self.table and self.paired is not None

    def applies_to(self, columns: ItemColumns, rows: np.ndarray | None = None) -> bool:
        """Whether the items at ``rows`` (all: None) carry what the metric reads."""
        rows = np.arange(len(columns)) if rows is None else rows
        scored = columns.correct[rows] != -1
        for key in (self.item_score, *self.needs_scores):
            if key is None:
                continue
            if len(rows) and columns.score_counts.get(key, 0) == len(columns):
                continue  # every item carries it: no need to read the column
            column = columns.score(key)
            if column is None or not bool(np.any(~np.isnan(column[rows]))):
                return False
        for tag in self.needs_tags:
            codes = columns.tag_codes(tag)
            if codes is None or not bool(np.any(codes[rows] >= 0)):
                return False
        if self.item_score is not None or self.needs_scores or self.needs_tags:
            return True
        if self.needs_probabilities:
            return bool(np.any(scored & columns.has_probabilities[rows]))
        return bool(np.any(scored))
