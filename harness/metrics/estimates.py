"""Point estimates with percentile-bootstrap 95% CIs over independent units' rows.

Bias measures are computed over *families* (a parent item and its counterfactuals, an
occupation's items, a template's items): the unit resampled is the family, because
its members are not independent. Each unit is a row of sufficient statistics (its
members' sums); ``cluster_totals`` sums items' rows into their units' rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from harness.metrics.base import MetricContext, MetricValue, PairedColumns, PairedInputs
from harness.metrics.columns import ItemColumns
from harness.metrics.intervals import CONFIDENCE, bootstrap_label, estimate_interval
from harness.seeding import seed_from_label, seed_label


def bootstrap_estimate(
    statistic: Callable[[np.ndarray], np.ndarray],
    rows: np.ndarray,
    *,
    resamples: int,
    seed: int | str,
    method: str = "bootstrap-percentile",
) -> MetricValue:
    """``statistic`` over ``rows`` (one row per unit) with a percentile-bootstrap CI.

    ``statistic(rows[idx])`` is called with a 3-d array ``(resamples, n, ...)`` and must
    return one value per resample (reducing over axis 1); on the plain ``(1, n, ...)``
    array it gives the point estimate. NaN replicates (an undefined score in a
    resample) are dropped; an undefined point estimate gives NaN with no interval.
    """
    rows = np.asarray(rows, dtype=float)
    n = len(rows)
    if n == 0:
        return MetricValue(float("nan"), None, None, 0, method)
    value = float(statistic(rows[None, ...])[0])
    if math.isnan(value):
        return MetricValue(value, None, None, n, method)
    rng = np.random.default_rng(seed_from_label(seed))
    values: list[np.ndarray] = []
    batch = max(1, 2_000_000 // max(rows.size, 1))
    done = 0
    while done < resamples:
        size = min(batch, resamples - done)
        index = rng.integers(0, n, size=(size, n))
        values.append(np.asarray(statistic(rows[index]), dtype=float))
        done += size
    replicates = np.concatenate(values)
    replicates = replicates[np.isfinite(replicates)]
    # No usable resample, or resamples that cannot vary (a threshold no unit reaches):
    # NaN bounds, which MetricValue reports as not estimable.
    interval = estimate_interval(replicates, value, CONFIDENCE)
    return MetricValue(value, *interval, n, bootstrap_label(interval, method))


def column_mean(column: int) -> Callable[[np.ndarray], np.ndarray]:
    """Statistic: the mean of one column over units."""

    def statistic(rows: np.ndarray) -> np.ndarray:
        return rows[..., column].mean(axis=1)

    return statistic


def ratio_of_sums(numerator: int, denominator: int) -> Callable[[np.ndarray], np.ndarray]:
    """Statistic: Σ numerator column / Σ denominator column (NaN when the sum is 0)."""

    def statistic(rows: np.ndarray) -> np.ndarray:
        top = rows[..., numerator].sum(axis=1)
        bottom = rows[..., denominator].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1), np.nan)

    return statistic


def mean_estimate(values: np.ndarray, *, resamples: int, seed: int | str) -> MetricValue:
    """The mean of ``values`` (one per unit) with a bootstrap CI."""
    return bootstrap_estimate(
        column_mean(0), np.asarray(values, dtype=float)[:, None], resamples=resamples, seed=seed
    )


def cluster_totals(rows: np.ndarray, keys: Sequence[str]) -> np.ndarray:
    """Items' rows summed per unit (``keys[i]``: item i's unit), units in sorted key order."""
    units, unit_of = np.unique(np.asarray(list(keys), dtype=str), return_inverse=True)
    totals = np.zeros((len(units), rows.shape[1]))
    np.add.at(totals, unit_of.reshape(-1), rows)
    return totals


def unit_keys(columns: ItemColumns, rows: np.ndarray, tag: str) -> list[str]:
    """Each item's unit: its ``tag`` value, else its id (an item without one is its own)."""
    values, present = columns.tag_strings(tag, rows)
    ids = columns.ids[rows] if columns.ids is not None else [str(r).encode() for r in rows]
    return [
        (value if has else own).decode("utf-8", "surrogatepass")
        for value, has, own in zip(values, present, ids, strict=True)
    ]


#: Per-item rows of sufficient statistics: (which of the given rows count, their rows).
RowsOf = Callable[..., tuple[np.ndarray, np.ndarray] | None]


def paired_unit_rows(
    rows_of: RowsOf, statistic: Callable[[np.ndarray], np.ndarray]
) -> Callable[[PairedColumns, Sequence[str]], PairedInputs | None]:
    """A paired form: per pair, each run's row of sufficient statistics
    (``rows_of(columns, rows, pairs)``); the metric is ``statistic`` of the rows' totals."""

    def paired(pairs: PairedColumns, labels: Sequence[str]) -> PairedInputs | None:
        base = rows_of(pairs.base, pairs.base_rows, pairs)
        candidate = rows_of(pairs.candidate, pairs.candidate_rows, pairs)
        if base is None or candidate is None:
            return None
        both = base[0] & candidate[0]
        if not both.any():
            return None
        base_rows, cand_rows = base[1][both[base[0]]], candidate[1][both[candidate[0]]]
        return PairedInputs.of_totals(
            base_rows,
            cand_rows,
            statistic,
            discordant=float(np.mean(np.any(base_rows != cand_rows, axis=1))),
            rows=np.flatnonzero(both),
        )

    return paired


def unit_bootstrap(
    label: str,
    rows_of: RowsOf,
    statistic: Callable[[np.ndarray], np.ndarray],
    unit: str,
    *,
    count_items: bool = False,
) -> Callable[..., MetricValue | None]:
    """A value form: ``statistic`` over units' summed rows (the items' ``unit`` tag), the
    units resampled, seeded by ``label``; n counts the units, or the items."""

    def value(
        columns: ItemColumns, labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        everything = np.arange(len(columns))
        found = rows_of(columns, everything)
        if found is None or not found[0].any():
            return None
        counted, rows = found
        estimate = bootstrap_estimate(
            statistic,
            cluster_totals(rows, unit_keys(columns, everything[counted], unit)),
            resamples=context.resamples,
            seed=seed_label(context.seed, label),
            method="cluster-bootstrap-percentile",
        )
        if not count_items:
            return estimate
        return MetricValue(
            estimate.value, estimate.ci_low, estimate.ci_high, len(rows), estimate.method
        )

    return value
