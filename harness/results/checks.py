"""Checks of a run directory beyond its schema: what a damaged or edited one gives away.

``harness report``, ``harness compare`` and ``harness gate`` read run directories that
may have been edited, cut or copied badly. The schema (``records``) refuses wrong
types (a metric written as a numeric string); these checks refuse what is well-typed
but cannot be a run's record: a non-finite number, a negative count, a proportion
outside its own Wilson interval, outcome counts that do not add up
to the test's items, and an items.jsonl whose items per test are not the counts
results.json gives (a file cut at a line boundary). Each is one ``RunDirectoryError``
line naming the file and the field.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness.errors import RunDirectoryError

#: CI methods whose interval is of a proportion and always holds its point estimate.
PROPORTION_METHODS = frozenset({"wilson"})
#: Rounding room when a value is compared with its interval.
EPSILON = 1e-9


def check_results(path: Path, results: Any) -> None:
    """Refuse a well-typed ``results.json`` (a ``ResultsFile``) that cannot be a run's."""
    for index, test in enumerate(results.tests):
        where = f"{path}: tests[{index}] ({test.name})"
        if test.n < 0:
            raise RunDirectoryError(f"{where}.n: {test.n} is not a count")
        for name, count in test.counts.items():
            if count < 0:
                raise RunDirectoryError(f"{where}.counts.{name}: {count} is not a count")
        if test.outcomes:
            if any(count < 0 for count in test.outcomes.values()):
                raise RunDirectoryError(f"{where}.outcomes: a negative count")
            total = sum(test.outcomes.values())
            if total != test.n:
                raise RunDirectoryError(
                    f"{where}.outcomes: they add up to {total} items, the test has {test.n}; "
                    "the run directory was edited or damaged"
                )
        for name, metric in test.metrics.items():
            check_metric(f"{where}.metrics.{name}", metric)
        for position, slice_ in enumerate(test.slices):
            for name, metric in slice_.metrics.items():
                check_metric(f"{where}.slices[{position}].metrics.{name}", metric)


def check_metric(where: str, metric: Any) -> None:
    """A metric record's numbers: finite, a count that is one, a proportion in range."""
    numbers = {"value": metric.value, "ci_low": metric.ci_low, "ci_high": metric.ci_high}
    for key, number in numbers.items():
        if number is not None and not math.isfinite(number):
            raise RunDirectoryError(f"{where}.{key}: {number} is not a finite number")
    if metric.n < 0:
        raise RunDirectoryError(f"{where}.n: {metric.n} is not a count")
    if metric.method not in PROPORTION_METHODS or metric.value is None:
        return
    # (Not [0, 1]: a metric may report its proportion on another scale, in percent.)
    low, high = metric.ci_low, metric.ci_high
    if low is not None and high is not None and not low - EPSILON <= metric.value <= high + EPSILON:
        raise RunDirectoryError(
            f"{where}.value: {metric.value} lies outside its own 95% CI [{low}, {high}]; "
            "the run directory was edited or damaged"
        )


def check_item_counts(
    items_path: Path, listed: Mapping[str, int], counts: Mapping[str, int]
) -> None:
    """Refuse an items file whose items per test (``counts``) are not those results.json
    gives (``listed``: each test's ``n``)."""
    for name, count in counts.items():
        if count and name not in listed:
            raise RunDirectoryError(
                f"{items_path}: items of test '{name}', which results.json does not list"
            )
    for name, expected in listed.items():
        found = int(counts.get(name, 0))
        if found != expected:
            raise RunDirectoryError(
                f"{items_path}: {found} items of test '{name}' where results.json counts "
                f"{expected}; the run directory was cut or edited (re-run it, or copy it again)"
            )
