"""The built-in finding sources: evaluate, perturbation and attack tests; reasoning gaps.

Each reads the numbers its test kind or analysis already wrote to results.json and
turns them into counts (``round(value * n)`` recovers a proportion's numerator).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Literal

from harness.findings._core import Candidate, MatchedGap, ProportionGap, Rate
from harness.metrics.matched import Stratum, strata


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _proportion(metric: Any) -> tuple[int, int] | None:
    """``(successes, n)`` of a proportion metric record, or ``None`` when undefined."""
    metric = _dict(metric)
    value, n = metric.get("value"), metric.get("n")
    if not isinstance(value, int | float) or not isinstance(n, int) or n <= 0:
        return None
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        return None
    return round(value * n), n


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


def _slice_gaps(
    test: str,
    record: Mapping[str, Any],
    metric: str,
    overall: Any,
    what: str,
    worse: Literal["lower", "higher"],
    matched: bool = False,
) -> Iterator[Candidate]:
    """Each slice against the rest of its test (disjoint, hence independent, groups).

    ``matched``: the metric is accuracy over gold labels, so the rest is restricted to
    the slice's gold labels where the slice records them (``by_gold``).
    """
    total = _proportion(overall)
    if total is None:
        return
    for row in record.get("slices") or []:
        row = _dict(row)
        part = _proportion(_dict(row.get("metrics")).get(metric))
        if part is None:
            continue
        successes_rest, n_rest = total[0] - part[0], total[1] - part[1]
        if n_rest <= 0 or not 0 <= successes_rest <= n_rest:
            continue
        field, value = str(row.get("field")), str(row.get("value"))
        effect: ProportionGap | MatchedGap = ProportionGap(
            *part, successes_rest, n_rest, f"the rest of {test}", worse
        )
        if matched and isinstance(row.get("by_gold"), dict):
            # Like with like: the rest of the test restricted to the slice's gold labels.
            # A slice of one gold label where the rest has none is not compared at all.
            parts = strata(_counts(row.get("by_gold")), _counts(row.get("rest_by_gold")))
            if parts is None:
                continue
            effect = MatchedGap(tuple(parts), f"the rest of {test} with the same gold labels")
        yield Candidate(
            key=f"{test}/slice/{field}={value}/{metric}",
            statement=f"{test}: {what} where {field} = {value}",
            metric=metric,
            effect=effect,
            evidence={"test": test, "slice": [field, value]},
            value=part[0] / part[1],
            value_ci=_ci(_dict(row.get("metrics")).get(metric)),
            n=part[1],
        )


class EvaluateFindings:
    """Slices whose accuracy differs from the rest of the test."""

    description: ClassVar[str] = "slice accuracy vs the rest"

    def candidates(
        self, name: str, record: Mapping[str, Any], results: Mapping[str, Any]
    ) -> Iterator[Candidate]:
        overall = _dict(record.get("metrics")).get("accuracy")
        yield from _slice_gaps(name, record, "accuracy", overall, "accuracy", "lower", matched=True)


class PerturbationFindings:
    """How often edits that should not matter (or should) change the prediction."""

    description: ClassVar[str] = "flip or failure rate, and per slice vs the rest"

    def candidates(
        self, name: str, record: Mapping[str, Any], results: Mapping[str, Any]
    ) -> Iterator[Candidate]:
        section = _dict(_dict(record.get("sections")).get("robustness"))
        metrics = _dict(record.get("metrics"))
        transforms = [
            str(_dict(row).get("name")) for row in section.get("per_transform") or []
        ] or ["the edits"]
        fields = " and ".join(str(f) for f in section.get("fields") or []) or "the input"
        edits = ", ".join(transforms)
        if section.get("expect") == "directional":
            metric = "failure_rate"
            target = section.get("to_label") or "the expected direction"
            statement = f"{name}: {edits} on the {fields} does not move the answer to {target}"
            what = "the rate of answers not moved"
        else:
            metric = "flip_rate"
            statement = f"{name}: {edits} on the {fields} changes the answer"
            what = "flip rate"
        counts = _proportion(metrics.get(metric))
        if counts is not None:
            yield Candidate(
                key=f"{name}/{metric}",
                statement=statement,
                metric=metric,
                effect=Rate(*counts),
                evidence={"test": name},
                value=counts[0] / counts[1],
                value_ci=_ci(metrics.get(metric)),
                n=counts[1],
            )
        yield from _slice_gaps(name, record, metric, metrics.get(metric), what, "higher")


class AttackFindings:
    """How often an adversarial search changes a correct answer."""

    description: ClassVar[str] = "attack success rate"

    def candidates(
        self, name: str, record: Mapping[str, Any], results: Mapping[str, Any]
    ) -> Iterator[Candidate]:
        section = _dict(_dict(record.get("sections")).get("attack"))
        metric = _dict(record.get("metrics")).get("attack_success_rate")
        counts = _proportion(metric)
        if counts is None:
            return
        recipe = section.get("recipe") or "the attack"
        field = section.get("field") or "the input"
        yield Candidate(
            key=f"{name}/attack_success_rate",
            statement=f"{name}: {recipe} edits to the {field} overturn correct answers",
            metric="attack_success_rate",
            effect=Rate(*counts),
            evidence={"test": name},
            value=counts[0] / counts[1],
            value_ci=_ci(metric),
            n=counts[1],
        )


class ReasoningGapFindings:
    """Diagnostic slices (HANS heuristic × gold label, capabilities) vs in-distribution,
    each against the reference restricted to the slice's gold labels."""

    description: ClassVar[str] = "diagnostic slices vs gold-matched in-distribution accuracy"

    def candidates(
        self, name: str, record: Mapping[str, Any], results: Mapping[str, Any]
    ) -> Iterator[Candidate]:
        for row in record.get("slices") or []:
            row = _dict(row)
            reference_test = str(row.get("reference_test"))
            correct, n = row.get("correct"), row.get("n")
            reference = row.get("reference_strata")
            if not isinstance(correct, int) or not isinstance(n, int) or n <= 0:
                continue
            if not row.get("comparable", True) or not isinstance(reference, list):
                continue  # no like-with-like reference: no comparison
            parts = _strata_of(row, reference)
            if parts is None:
                continue
            accuracy = _dict(row.get("accuracy"))
            slice_name = str(row.get("slice"))
            where = f"{row.get('key')} = {row.get('value')}"
            if row.get("gold") is not None:
                where += f" and gold = {row.get('gold')}"
            yield Candidate(
                key=f"{name}/{slice_name}",
                statement=f"diagnostics: accuracy where {where}",
                metric="accuracy",
                effect=MatchedGap(
                    parts, f"in-distribution {reference_test} with the same gold labels"
                ),
                evidence={
                    "analysis": name,
                    "row": slice_name,
                    # The items the row is about (explanations pick their failures).
                    "items": _items(record, {str(row.get("key")): str(row.get("value"))}, row),
                },
                value=correct / n,
                value_ci=_ci(accuracy),
                n=n,
            )


def _strata_of(row: Mapping[str, Any], reference: list[Any]) -> tuple[Stratum, ...] | None:
    """The row's strata: its own per-gold counts against ``[gold, correct, n]`` triples."""
    slice_counts = _counts(row.get("by_gold"))
    reference_counts = {}
    for entry in reference:
        if isinstance(entry, list) and len(entry) == 3:
            gold, c, total = entry
            if isinstance(c, int) and isinstance(total, int):
                reference_counts[str(gold)] = (c, total)
    parts = strata(slice_counts, reference_counts)
    return tuple(parts) if parts else None
