"""The example of a kind that a test's own key implies (``attack:``, ``perturb:``,
``prompt_variants:``): its test names no ``kind:``, so the example also shows the
implication at work."""

from __future__ import annotations

from typing import Any

from harness.execution import builtin_sample, example_suite


def implied_example(kind: str, name: str, key: str, value: Any, **suite: Any) -> dict[str, Any]:
    """The suite ``<kind>_example`` with one test ``name`` over the built-in sample that
    has ``key: value`` (the kind's ``implied_by``) and no ``kind:`` (``suite``: as
    ``example_suite``).

    >>> sorted(implied_example("perturbation", "typos", "perturb", ["typo"])["tests"][0])
    ['data', 'name', 'perturb']
    """
    test = {"name": name, "data": builtin_sample(), key: value}
    return example_suite(f"{kind}_example", [test], **suite)
