"""Which (transform, mode, source) the shipped suites use, with the settings they use.

Each test kind that applies transforms has a reader in ``USAGE_READERS``: given a suite
and one of its tests, the usages it implies. The ``perturbation`` kind's reader turns
each ``perturb:`` entry into one usage per source: the test's data source (a built-in
data set or a generator), and, for an NLI suite, SICK too (real third-party pairs, the
closest thing to a user's data the tests have).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from harness.transforms.validity.fixtures import Usage
from harness.transforms.validity.populations import SOURCES, mode_of

#: Sources added to every usage of a task's suites (third-party data, tests only).
EXTRA_SOURCES = {"nli": ("sick",)}

UsageReader = Callable[[Mapping[str, Any], Mapping[str, Any]], list[Usage]]


def kind_of_test(test: Mapping[str, Any]) -> str:
    """The kind of a suite test as written (``kind:``, else ``perturbation`` for a test
    with ``perturb:``)."""
    if test.get("kind"):
        return str(test["kind"])
    return "perturbation" if test.get("perturb") else "evaluate"


def data_sources(suite: Mapping[str, Any], test: Mapping[str, Any]) -> list[tuple[str, dict]]:
    """``(source name, source params)`` for a test's data, plus the task's extra sources."""
    data = test.get("data") or {}
    found: list[tuple[str, dict]] = []
    if data.get("source") in ("builtin", "generator") and data.get("name") in SOURCES:
        params = dict(data.get("params") or {}) if data["source"] == "generator" else {}
        found.append((str(data["name"]), params))
    found.extend((name, {}) for name in EXTRA_SOURCES.get(str(suite.get("task")), ()))
    return found


def _test_fields(suite: Mapping[str, Any], test: Mapping[str, Any]) -> tuple[str, ...]:
    if test.get("fields"):
        return tuple(test["fields"])
    if suite.get("input_fields"):
        return tuple(suite["input_fields"])
    from harness.tasks import task_class

    return tuple(task_class(str(suite["task"])).default_input_fields)


def perturbation_usages(suite: Mapping[str, Any], test: Mapping[str, Any]) -> list[Usage]:
    usages = []
    for entry in test.get("perturb") or ():
        entry = {"name": entry} if isinstance(entry, str) else dict(entry)
        params = dict(entry.get("params") or {})
        for source, source_params in data_sources(suite, test):
            usages.append(
                Usage(
                    transform=str(entry["name"]),
                    mode=mode_of(str(entry["name"]), params),
                    source=source,
                    params=params,
                    fields=_test_fields(suite, test),
                    suite_seed=int(suite.get("seed", 0)),
                    kind="perturbation",
                    only_gold=tuple(test.get("only_gold") or ()),
                    source_params=source_params,
                )
            )
    return usages


USAGE_READERS: dict[str, UsageReader] = {"perturbation": perturbation_usages}


def shipped_usages(suite_paths: Iterable[Path]) -> dict[tuple[str, str, str], Usage]:
    """``(transform, mode, source) -> usage`` over the suites' tests (the first suite and
    test that uses a combination gives its settings)."""
    found: dict[tuple[str, str, str], Usage] = {}
    for path in sorted(suite_paths):
        suite = yaml.safe_load(path.read_text(encoding="utf-8"))
        for test in suite.get("tests") or ():
            reader = USAGE_READERS.get(kind_of_test(test))
            for usage in reader(suite, test) if reader else ():
                found.setdefault(usage.key, usage)
    return found
