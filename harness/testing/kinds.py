"""``check_test_kind``: the test-kind contract (``harness.execution``), checked end to end.

    from harness.testing import check_test_kind
    check_test_kind("my_kind")                  # runs the kind's own ``example`` suite
    check_test_kind("my_kind", suite={...})     # or a suite of yours (a mapping)

A test kind declares ``description``, ``Options`` (extending ``harness.suite.TestSpec``),
optionally the key that implies it (``implied_by``) and an ``example``: a small suite,
as a mapping, with a test of this kind and a model that can run it (the scripted
models of ``harness.testing.models`` answer in milliseconds).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness.errors import SuiteError
from harness.registry import TEST_KINDS
from harness.suite import TestSpec, suite_from_mapping
from harness.testing._check import described, require, strict_options
from harness.testing.runs import CheckedRun, run_checked

__all__ = ["check_test_kind"]

#: A key no test kind takes: a test carrying it must be refused at load.
UNKNOWN_KEY = "no_such_key_for_the_check"


def check_test_kind(
    name: str, suite: Mapping[str, Any] | None = None, *, work_dir: Path | None = None
) -> CheckedRun:
    """Check registered test kind ``name`` on ``suite`` (default: the kind's ``example``).

    Declarations: a one-line description; ``Options`` that extend ``TestSpec`` and refuse
    unknown keys; ``implied_by`` (if declared) is one of its own keys. The suite loads,
    holds a test of this kind, and refuses that test with an unknown key in one line
    naming it. Run twice (no cache), the kind gives byte-identical items.jsonl and the
    same results.json apart from clocks and paths; each of its tests records its kind,
    ``n`` equal to its rows in items.jsonl, distinct item ids, and metrics whose value
    lies within its 95% CI with a non-negative ``n``; the report renders each test.
    Returns the first run. Raises ``AssertionError`` naming what is wrong.
    """
    kind = TEST_KINDS.get(name)
    component = f"test kind '{name}'"
    described(TEST_KINDS, name, component)
    require(
        isinstance(kind.Options, type) and issubclass(kind.Options, TestSpec),
        component,
        "its Options extend harness.suite.TestSpec (name, data, slices, metrics)",
    )
    strict_options(kind.Options, component)
    implied_by = getattr(kind, "implied_by", None)
    if implied_by is not None:
        require(
            implied_by in kind.Options.model_fields,
            component,
            f"implied_by names '{implied_by}', which is not one of its keys",
        )
    suite = suite if suite is not None else getattr(kind, "example", None)
    require(suite is not None, component, "declare an example suite, or pass one")
    assert suite is not None
    loaded = suite_from_mapping(copy.deepcopy(dict(suite)))
    names = [plan.spec.name for plan in loaded.tests if plan.kind == name]
    require(names, component, "the suite has no test of this kind")
    _refuses_an_unknown_key(suite, name, component)

    first = run_checked(suite, work_dir)
    second = run_checked(suite, work_dir)
    require(
        first.items_bytes == second.items_bytes,
        component,
        "two runs write the same items.jsonl (every random draw from context.rng or rng_for)",
    )
    require(
        first.stable() == second.stable(),
        component,
        "two runs write the same results.json apart from clocks and paths",
    )
    for test_name in names:
        _check_test_record(first, test_name, name, component)
    return first


def _refuses_an_unknown_key(suite: Mapping[str, Any], name: str, component: str) -> None:
    broken = copy.deepcopy(dict(suite))
    loaded = suite_from_mapping(copy.deepcopy(dict(suite)))
    index = next(i for i, plan in enumerate(loaded.tests) if plan.kind == name)
    broken["tests"][index][UNKNOWN_KEY] = 1
    try:
        suite_from_mapping(broken)
    except SuiteError as error:
        message = str(error)
        require(
            UNKNOWN_KEY in message and "\n" not in message,
            component,
            f"an unknown key is refused in one line naming it, got: {message}",
        )
        return
    raise AssertionError(f"{component}: a test with an unknown key '{UNKNOWN_KEY}' was accepted")


def _check_test_record(run: CheckedRun, test_name: str, kind: str, component: str) -> None:
    test = run.test(test_name)
    where = f"{component}, test '{test_name}'"
    require(test["kind"] == kind, where, f"records kind '{test['kind']}'")
    rows = [row for row in run.items if row["test"] == test_name]
    require(test["n"] == len(rows), where, f"n={test['n']} but {len(rows)} rows in items.jsonl")
    require(len({row["id"] for row in rows}) == len(rows), where, "item ids are distinct")
    blocks = [("", test["metrics"])] + [
        (f"[{s['field']}={s['value']}]", s.get("metrics", {})) for s in test["slices"]
    ]
    for place, metrics in blocks:
        for metric, value in metrics.items():
            _check_metric_value(value, f"{where}, metric {metric}{place}")
    require(f"{test_name}" in run.report, where, "the report shows the test (render_report_html)")


def _check_metric_value(value: Any, where: str) -> None:
    if not isinstance(value, Mapping) or "value" not in value:
        return  # a table (per_class, confusion_matrix), not a value with a CI
    n = value.get("n")
    require(isinstance(n, int) and n >= 0, where, f"n must be a count, got {n!r}")
    number, low, high = value["value"], value.get("ci_low"), value.get("ci_high")
    if all(isinstance(x, (int, float)) and math.isfinite(x) for x in (number, low, high)):
        assert low is not None and high is not None
        require(
            low - 1e-9 <= number <= high + 1e-9,
            where,
            f"value {number} lies outside its CI [{low}, {high}]",
        )
