"""What ``harness run`` prints about a run's tests.

Numbers follow one unit rule (``harness.metrics.units``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from harness.core import OUTCOMES
from harness.metrics.outcomes import denominator, not_measured_reason
from harness.metrics.units import number


def headline_metric(test: Mapping[str, Any]) -> str | None:
    """The metric a test leads with: its kind's ``headline_metric`` when it declares one
    and the test has it, else the first metric the test lists with a value."""
    metrics = test.get("metrics") or {}
    from harness.errors import UnknownComponentError
    from harness.registry import TEST_KINDS

    try:
        declared = getattr(TEST_KINDS.get(str(test.get("kind"))), "headline_metric", None)
    except UnknownComponentError:  # a plugin's kind that is not installed here
        declared = None
    if declared in metrics and _value(metrics[declared]) is not None:
        return str(declared)
    return next((name for name, record in metrics.items() if _value(record) is not None), None)


def _value(record: Any) -> Any:
    return record.get("value") if isinstance(record, Mapping) else None


def headline_table(tests: Sequence[Mapping[str, Any]]) -> str:
    """One row per test: its headline metric, value, 95% CI and n (or why it has none),
    then how many of its items were answered and what became of the others.

    >>> print(headline_table([{"name": "nli", "kind": "evaluate", "metrics": {"accuracy":
    ...     {"value": 0.5, "ci_low": 0.4, "ci_high": 0.6, "n": 100}},
    ...     "outcomes": {"scored": 99, "empty": 1, "infra_error": 2}}]))
    tests (headline metric with its 95% CI and n):
      test  metric    value  95% CI            n  answered
      nli   accuracy  0.500  [0.400, 0.600]  100  100/102 (2 infra_error, 1 empty)
    """
    rows = [("test", "metric", "value", "95% CI", "n", "answered")]
    for test in tests:
        name = str(test.get("name", "?"))
        answered = answered_cell(test.get("outcomes") or {})
        metric = headline_metric(test)
        if metric is None:
            counts = test.get("counts") or {}
            why = "skipped (see its note)" if any(k.startswith("skipped_") for k in counts) else ""
            rows.append((name, why or "nothing scored", "", "", "", answered))
            continue
        record = test["metrics"][metric]
        interval = f"[{number(record.get('ci_low'))}, {number(record.get('ci_high'))}]"
        if record.get("ci_low") is None and "not estimable" in str(record.get("method", "")):
            interval = "not estimable"
        rows.append(
            (
                name,
                metric,
                number(record.get("value")),
                interval,
                str(record.get("n", "")),
                answered,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(6)]
    lines = ["tests (headline metric with its 95% CI and n):"]
    for row in rows:
        cells = [
            cell.rjust(width) if column == 4 else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)


def answered_cell(outcomes: Mapping[str, Any]) -> str:
    """``"98/100 (2 infra_error)"``: the items every metric counts, of all, and the rest
    that are not plain answers; empty for a run written before outcomes were counted."""
    counts = {str(k): int(v) for k, v in outcomes.items() if isinstance(v, int)}
    if not counts:
        return ""
    total = denominator(counts)
    others = [
        f"{counts[name]} {name}" for name in OUTCOMES if name != "scored" and counts.get(name)
    ]
    cell = f"{total['counted']}/{total['items']}"
    return cell + (f" ({', '.join(others)})" if others else "")


def not_measured_tests(
    tests: Sequence[Mapping[str, Any]], max_infra_error_share: float
) -> list[tuple[str, str]]:
    """``(test, why)`` for each test the run did not measure (``harness.metrics.outcomes``)."""
    found = []
    for test in tests:
        counts = {str(k): int(v) for k, v in (test.get("outcomes") or {}).items()}
        reason = not_measured_reason(counts, max_infra_error_share)
        if reason is not None:
            found.append((str(test.get("name", "?")), reason))
    return found


#: ``validate`` lists a test's targets one by one only when they are this few labels.
MAX_LISTED_TARGETS = 12


def target_counts(examples: Sequence[Any]) -> str:
    """``"contradiction 84, entailment 84, neutral 84"`` for labels (or choice indices);
    answers and references are not listed, only counted (a QA test has one per item).

    >>> target_counts([])
    ''
    """
    targets = [example.target for example in examples]
    if not targets or any(t is None or isinstance(t, bool) for t in targets):
        return ""
    if not all(isinstance(t, str | int) for t in targets):
        answerable = sum(1 for t in targets if t)
        return f"{answerable} with an answer, {len(targets) - answerable} without"
    counts: dict[str, int] = {}
    for target in targets:
        counts[str(target)] = counts.get(str(target), 0) + 1
    if len(counts) > MAX_LISTED_TARGETS:
        return f"{len(counts)} distinct targets"
    return ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
