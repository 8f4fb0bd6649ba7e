"""The built-in finding sources: evaluate, perturbation and attack tests; reasoning gaps.

Each reads the numbers its test kind or analysis already wrote to results.json and
turns them into counts (``round(value * n)`` recovers a proportion's numerator).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal

from harness.findings._core import Candidate, MatchedGap, ProportionGap, Rate
from harness.findings._reading import (
    Record,
    Section,
    _candidate,
    _counts,
    _dict,
    _items,
    _proportion,
    _proposed,
    record_source,
    section_source,
)
from harness.metrics.matched import Stratum, strata


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
        yield _candidate(
            f"{test}/slice/{field}={value}/{metric}",
            f"{test}: {what} where {field} = {value}",
            metric,
            effect,
            {"test": test, "slice": [field, value]},
            _dict(row.get("metrics")).get(metric),
            headline=part,
        )


@record_source("slice accuracy vs the rest")
def evaluate_findings(name: str, record: Record, results: Record) -> Iterator[Candidate]:
    """Slices whose accuracy differs from the rest of the test."""
    overall = _dict(record.get("metrics")).get("accuracy")
    yield from _slice_gaps(name, record, "accuracy", overall, "accuracy", "lower", matched=True)


@section_source("robustness", "flip or failure rate, and per slice vs the rest")
def perturbation_findings(name: str, section: Section, record: Record) -> Iterator[Candidate]:
    """How often edits that should not matter (or should) change the prediction."""
    metrics = _dict(record.get("metrics"))
    per_transform = section.get("per_transform") or []
    transforms = [str(_dict(row).get("name")) for row in per_transform] or ["the edits"]
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
    rate = Rate(*counts) if counts else None
    yield from _proposed(
        f"{name}/{metric}", statement, metric, rate, {"test": name}, metrics.get(metric)
    )
    yield from _slice_gaps(name, record, metric, metrics.get(metric), what, "higher")


@section_source("attack", "attack success rate")
def attack_findings(name: str, section: Section, record: Record) -> Iterator[Candidate]:
    """How often an adversarial search changes a correct answer."""
    metric = _dict(record.get("metrics")).get("attack_success_rate")
    counts = _proportion(metric)
    recipe = section.get("recipe") or "the attack"
    field = section.get("field") or "the input"
    yield from _proposed(
        f"{name}/attack_success_rate",
        f"{name}: {recipe} edits to the {field} overturn correct answers",
        "attack_success_rate",
        Rate(*counts) if counts else None,
        {"test": name},
        metric,
    )


@record_source("diagnostic slices vs gold-matched in-distribution accuracy")
def reasoning_gap_findings(name: str, record: Record, results: Record) -> Iterator[Candidate]:
    """Diagnostic slices (HANS heuristic × gold label, capabilities) vs in-distribution,
    each against the reference restricted to the slice's gold labels."""
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
        yield _candidate(
            f"{name}/{slice_name}",
            f"diagnostics: accuracy where {where}",
            "accuracy",
            MatchedGap(parts, f"in-distribution {reference_test} with the same gold labels"),
            {
                "analysis": name,
                "row": slice_name,
                # The items the row is about (explanations pick their failures).
                "items": _items(record, {str(row.get("key")): str(row.get("value"))}, row),
            },
            accuracy,
            headline=(correct, n),
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
