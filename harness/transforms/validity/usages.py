"""Which (transform, mode, source) the shipped suites use, with the settings they use.

Each test kind that applies transforms has a reader in ``USAGE_READERS``: given a suite
and one of its tests, the usages it implies. The ``perturbation`` kind's reader turns
each ``perturb:`` entry into one usage per source: the test's data source (a built-in
data set or a generator), and, for an NLI suite, SICK too (real third-party pairs, the
closest thing to a user's data the tests have). The ``distractor`` kind applies
``add_one_sent``; the ``counterfactual`` kind's swaps are the transform
``counterfactual`` with the attributes swapped together as its mode ("age",
"gender+ethnicity").
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


def distractor_usages(suite: Mapping[str, Any], test: Mapping[str, Any]) -> list[Usage]:
    """The ``distractor`` kind applies ``add_one_sent`` to the passage."""
    params = {"n_variants": int(test.get("n_variants", 1))}
    return [
        Usage(
            transform="add_one_sent",
            mode=mode_of("add_one_sent", params),
            source=source,
            params=params,
            fields=("context",),
            suite_seed=int(suite.get("seed", 0)),
            kind="distractor",
            source_params=source_params,
        )
        for source, source_params in data_sources(suite, test)
    ]


def counterfactual_usage(
    swap: list[str],
    source: str,
    *,
    groups: Mapping[str, Any] | None = None,
    fields: tuple[str, ...] = ("premise", "hypothesis"),
    suite_seed: int = 0,
    source_params: Mapping[str, Any] | None = None,
) -> Usage:
    """The ``counterfactual`` kind's swap of ``swap`` on ``source``: the transform is
    ``counterfactual`` and the mode the attributes swapped together ("gender+ethnicity")."""
    return Usage(
        transform="counterfactual",
        mode="+".join(swap),
        source=source,
        params={"swap": list(swap), "groups": dict(groups or {})},
        fields=fields,
        suite_seed=suite_seed,
        kind="counterfactual",
        source_params=dict(source_params or {}),
    )


def counterfactual_usages(suite: Mapping[str, Any], test: Mapping[str, Any]) -> list[Usage]:
    return [
        counterfactual_usage(
            [str(a) for a in test["swap"]],
            source,
            groups=test.get("groups"),
            fields=_test_fields(suite, test),
            suite_seed=int(suite.get("seed", 0)),
            source_params=source_params,
        )
        for source, source_params in data_sources(suite, test)
    ]


USAGE_READERS: dict[str, UsageReader] = {
    "perturbation": perturbation_usages,
    "distractor": distractor_usages,
    "counterfactual": counterfactual_usages,
}


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
