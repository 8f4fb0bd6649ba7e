"""What every finding source shares: reading results.json records into counts and
estimates, and a headline candidate from an effect.

Sources read numbers their test kind or analysis already wrote; a proportion's counts
come back as ``round(value * n)``. Everything here accepts malformed input (a missing
section, a ``None`` where a number was expected) and answers ``None`` or an empty dict,
so a source proposes nothing rather than failing on an old or partial results.json.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar, Literal

from harness.findings._core import (
    Balance,
    Candidate,
    Estimate,
    MatchedGap,
    ProportionGap,
    Rate,
)

#: An effect a source proposes (``harness.findings._core``).
Proposed = ProportionGap | MatchedGap | Rate | Estimate | Balance


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _section(record: Mapping[str, Any], part: str) -> dict[str, Any]:
    """``record["sections"][part]``, or ``{}``."""
    return _dict(_dict(record.get("sections")).get(part))


def _proportion(metric: Any) -> tuple[int, int] | None:
    """``(successes, n)`` of a proportion metric record, or ``None`` when undefined."""
    metric = _dict(metric)
    value, n = metric.get("value"), metric.get("n")
    if not isinstance(value, int | float) or not isinstance(n, int) or n <= 0:
        return None
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        return None
    return round(value * n), n


def _count_pair(pair: Any) -> tuple[int, int] | None:
    """``(successes, n)`` from ``[successes, n]`` in results.json, or ``None``."""
    if isinstance(pair, list | tuple) and len(pair) == 2:
        successes, n = pair
        if isinstance(successes, int) and isinstance(n, int) and 0 <= successes <= n and n > 0:
            return successes, n
    return None


def _counts(value: Any) -> dict[str, tuple[int, int]]:
    """``{gold: [correct, n]}`` from results.json, malformed entries left out."""
    counts = {}
    for gold, pair in _dict(value).items():
        if (
            isinstance(pair, list | tuple)
            and len(pair) == 2
            and all(isinstance(x, int) for x in pair)
        ):
            counts[str(gold)] = (int(pair[0]), int(pair[1]))
    return counts


def _ci(metric: Any) -> tuple[float | None, float | None]:
    metric = _dict(metric)
    return metric.get("ci_low"), metric.get("ci_high")


def _items(
    record: Mapping[str, Any], where: Mapping[str, str], row: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """``evidence.items`` of an analysis finding: which tests' items, with which tags
    (and gold label), the compared group is made of."""
    items: dict[str, Any] = {"tests": [str(t) for t in record.get("tests") or []]}
    if where:
        items["where"] = dict(where)
    if row is not None and row.get("gold") is not None:
        items["gold"] = str(row["gold"])
    return items


def _estimate(
    metric: Any, label: str, worse: Literal["lower", "higher"] = "higher"
) -> Estimate | None:
    """A signed estimate with its 95% CI from a metric record, or ``None`` when undefined."""
    metric = _dict(metric)
    value, low, high, n = (metric.get(k) for k in ("value", "ci_low", "ci_high", "n"))
    numbers = (value, low, high)
    if not all(isinstance(x, int | float) and math.isfinite(x) for x in numbers):
        return None
    if not isinstance(n, int) or n <= 0:
        return None
    method = str(metric.get("method") or "bootstrap")
    return Estimate(float(value), float(low), float(high), n, label, worse, 0.95, method)


def _counted(interval: str, unit: str) -> str:
    """The method of a count-based interval standing in for a ``unit`` bootstrap."""
    return (
        f"{interval} on item counts: the {unit} bootstrap was not estimable (its resamples"
        f" cannot vary); assumes independent items, which items of one {unit} are not"
    )


def _estimate_or_counts(estimate: Estimate | None, counted: Proposed | None) -> Proposed | None:
    """The kind's own estimate where its bootstrap gave an interval with some width, else
    the same effect from counts (``None`` when there are none to fall back on)."""
    if estimate is not None and estimate.reported_low < estimate.reported_high:
        return estimate
    return counted


def _candidate(
    key: str,
    statement: str,
    metric: str,
    effect: Proposed,
    evidence: Mapping[str, Any],
    record: Any = None,
    family: int = 1,
    headline: tuple[int, int] | None = None,
) -> Candidate:
    """A candidate whose headline value is the effect's first group, its rate or its
    estimate (``headline``: the ``(successes, n)`` shown instead), with the 95% CI of
    ``record`` (an estimate's own reported CI)."""
    if headline is not None:
        value, n = headline[0] / headline[1], headline[1]
    elif isinstance(effect, ProportionGap):
        value, n = effect.successes_a / effect.n_a, effect.n_a
    elif isinstance(effect, Rate):
        value, n = effect.successes / effect.n, effect.n
    elif isinstance(effect, MatchedGap):
        value, n = sum(s.correct for s in effect.strata) / effect.n_a, effect.n_a
    else:
        value, n = effect.estimate, effect.n
    value_ci = _ci(record) if record is not None else (None, None)
    if isinstance(effect, Estimate):
        value_ci = (effect.reported_low, effect.reported_high)
    return Candidate(key, statement, metric, effect, evidence, value, value_ci, n, family)


def _proposed(
    key: str,
    statement: str,
    metric: str,
    effect: Proposed | None,
    evidence: Mapping[str, Any],
    record: Any = None,
) -> Iterator[Candidate]:
    """The candidate of ``effect``, or nothing where the record gave none."""
    if effect is not None:
        yield _candidate(key, statement, metric, effect, evidence, record)


#: A test's entry of ``results.json["tests"]``, an analysis's of ``["analyses"]``, or the
#: whole file: what a finding source reads.
Record = Mapping[str, Any]
#: One section of a test's record (``record["sections"][part]``, ``{}`` where absent).
Section = dict[str, Any]
#: What a declared source's function answers: the candidates of one test or analysis.
Proposals = Iterator[Candidate]


class DeclaredSource:
    """A finding source declared by the one function it runs (``record_source``,
    ``section_source``); the registry instantiates it like any source class."""

    description: ClassVar[str] = ""
    propose: ClassVar[Callable[[str, Record, Record], Proposals]]

    def candidates(self, name: str, record: Record, results: Record) -> Proposals:
        return type(self).propose(name, record, results)


def record_source(
    description: str,
) -> Callable[[Callable[[str, Record, Record], Proposals]], type[DeclaredSource]]:
    """Declares a finding source by the function that proposes candidates from a whole
    record: ``propose(name, record, results)``. ``description`` is the line ``harness
    list`` prints; the source's name and docstring are the function's."""

    def declare(propose: Callable[[str, Record, Record], Proposals]) -> type[DeclaredSource]:
        namespace = {
            "__doc__": propose.__doc__,
            "__module__": propose.__module__,
            "__qualname__": propose.__qualname__,
            "description": description,
            "propose": staticmethod(propose),
        }
        return type(propose.__name__, (DeclaredSource,), namespace)

    return declare


def section_source(
    part: str, description: str
) -> Callable[[Callable[[str, Section, Record], Proposals]], type[DeclaredSource]]:
    """Declares a finding source by the function that proposes candidates from one section
    of a test's record: ``propose(name, record["sections"][part], record)``."""

    def declare(propose: Callable[[str, Section, Record], Proposals]) -> type[DeclaredSource]:
        @functools.wraps(propose)
        def read_section(name: str, record: Record, results: Record) -> Proposals:
            return propose(name, _section(record, part), record)

        return record_source(description)(read_section)

    return declare
