"""``check_analysis``: the analysis contract (``harness.execution``), checked end to end.

    from harness.testing import check_analysis
    check_analysis("my_analysis")                 # runs the analysis's own ``example``
    check_analysis("my_analysis", suite={...})    # or a suite of yours (a mapping)

An analysis declares ``description``, ``Options`` (with ``name``) and an ``example``: a
small suite, as a mapping, whose ``analyses`` list holds it, with the tests it reads
and a model that can run them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness.errors import SuiteError
from harness.registry import ANALYSES
from harness.suite import suite_from_mapping
from harness.testing._check import described, require, strict_options
from harness.testing.kinds import UNKNOWN_KEY
from harness.testing.runs import CheckedRun, run_checked

__all__ = ["check_analysis"]


def check_analysis(
    name: str, suite: Mapping[str, Any] | None = None, *, work_dir: Path | None = None
) -> CheckedRun:
    """Check registered analysis ``name`` on ``suite`` (default: the analysis's ``example``).

    Declarations: a one-line description and ``Options`` that refuse unknown keys. The
    suite loads with the analysis and refuses it with an unknown key in one line naming
    it. Run twice (no cache), the analysis gives the same result, a JSON object in
    results.json under ``analyses.<name>``; a run without it writes the same tests and
    items (an analysis only reads the outcomes); the report renders it. Returns the
    first run. Raises ``AssertionError`` naming what is wrong.
    """
    analysis = ANALYSES.get(name)
    component = f"analysis '{name}'"
    described(ANALYSES, name, component)
    strict_options(analysis.Options, component)
    suite = suite if suite is not None else getattr(analysis, "example", None)
    require(suite is not None, component, "declare an example suite, or pass one")
    assert suite is not None
    entries = [entry for entry in suite.get("analyses", ()) if entry.get("name") == name]
    require(entries, component, "the suite's analyses do not include it")
    suite_from_mapping(copy.deepcopy(dict(suite)))
    broken = copy.deepcopy(dict(suite))
    next(e for e in broken["analyses"] if e.get("name") == name)[UNKNOWN_KEY] = 1
    try:
        suite_from_mapping(broken)
    except SuiteError as error:
        require(
            UNKNOWN_KEY in str(error) and "\n" not in str(error),
            component,
            f"an unknown key is refused in one line naming it, got: {error}",
        )
    else:
        raise AssertionError(f"{component}: an entry with an unknown key was accepted")

    first = run_checked(suite, work_dir)
    second = run_checked(suite, work_dir)
    result = first.results["analyses"].get(name)
    require(isinstance(result, dict), component, "its result is a JSON object in results.json")
    require(
        first.stable()["analyses"][name] == second.stable()["analyses"][name],
        component,
        "two runs give the same result",
    )
    without = dict(copy.deepcopy(dict(suite)))
    without["analyses"] = [e for e in without.get("analyses", ()) if e.get("name") != name]
    alone = run_checked(without, work_dir)
    require(
        alone.items_bytes == first.items_bytes
        and alone.stable()["tests"] == first.stable()["tests"],
        component,
        "the tests and items are the same without it (an analysis only reads the outcomes)",
    )
    require(name in first.report, component, "the report shows it (render_report_html)")
    return first
