"""``--tests NAME ...``: part of a suite, and the analyses that still make sense on it.

    harness run suites/reading_comprehension.yaml --tests multiple_choice --model hf-mc:PATH

An unknown name is an error with a did-you-mean. An analysis is kept when every test it
reads is selected (``test``, ``tests``, ``reference_test``, ``references``); otherwise it
is left out with a note saying which of its tests were not selected.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from harness.errors import HarnessError
from harness.registry import did_you_mean

if TYPE_CHECKING:  # the CLI imports this module to build its parser: keep it light
    from harness.suite import Suite


@dataclass(frozen=True)
class Selection:
    """The suite with only the selected tests (and the analyses they allow), and notes."""

    suite: Suite
    notes: tuple[str, ...] = ()


def tests_read_by(options: Any) -> list[str]:
    """The test names an analysis's options name."""
    from harness.suite.preflight import ANALYSIS_TEST_FIELDS

    named: list[str] = []
    for field in ANALYSIS_TEST_FIELDS:
        value = getattr(options, field, None)
        if isinstance(value, str):
            named.append(value)
        elif isinstance(value, Mapping):
            named.extend(str(v) for v in value.values())
        elif isinstance(value, list | tuple):
            named.extend(str(v) for v in value)
    return named


def select_tests(suite: Suite, names: Sequence[str] | None) -> Selection:
    """``suite`` cut to ``names`` (in the suite's order); ``None`` or empty: all of it."""
    if not names:
        return Selection(suite)
    known = [plan.spec.name for plan in suite.tests]
    for name in names:
        if name not in known:
            raise HarnessError(
                f"--tests: suite '{suite.name}' has no test '{name}'{did_you_mean(name, known)}; "
                f"its tests: {', '.join(known)}"
            )
    chosen = set(names)
    notes = []
    analyses = []
    for name, options in suite.analyses:
        absent = [test for test in dict.fromkeys(tests_read_by(options)) if test not in chosen]
        if absent:
            notes.append(
                f"analysis {name} is left out: it reads test(s) {', '.join(absent)}, "
                "not selected by --tests"
            )
        else:
            analyses.append((name, options))
    tests = tuple(plan for plan in suite.tests if plan.spec.name in chosen)
    return Selection(replace(suite, tests=tests, analyses=tuple(analyses)), tuple(notes))


def add_tests_option(parser: argparse.ArgumentParser) -> None:
    """``--tests NAME ...`` on a subcommand (run, validate, doctor, export)."""
    parser.add_argument(
        "--tests",
        nargs="+",
        metavar="NAME",
        help="only these tests of the suite (analyses reading other tests are left out)",
    )
