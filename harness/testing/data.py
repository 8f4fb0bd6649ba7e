"""``check_data_source`` and ``check_generator``: where examples come from, checked.

from harness.testing import check_data_source, check_generator
check_data_source({"source": "my_source", "table": "rows.csv"}, base_dir=tmp_path)
check_generator("my_generator")
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from harness.core import Example
from harness.registry import DATA_SOURCES, GENERATORS
from harness.tasks import load_context
from harness.testing._check import described, require, strict_options

__all__ = ["check_data_source", "check_generator"]

_NLI_LABELS = ("entailment", "neutral", "contradiction")


def check_data_source(
    data: Mapping[str, Any],
    *,
    base_dir: Path,
    task: str = "nli",
    labels: Sequence[str] = _NLI_LABELS,
    targets: Sequence[Any] | None = None,
) -> list[Example]:
    """Check the source a ``data:`` block names, loading it for ``task``.

    The source describes itself and refuses unknown keys; loading twice gives the same
    examples, with distinct ids, exactly the task's input fields as non-empty text, and
    targets among ``targets`` (default: the labels and HANS's ``non-entailment``).
    Returns the examples.
    """
    name = str(data["source"])
    source = DATA_SOURCES.get(name)
    component = f"data source '{name}'"
    described(DATA_SOURCES, name, component)
    strict_options(source.Options, component)
    options = source.Options.model_validate(dict(data))
    context = load_context(task, base_dir=base_dir, labels=labels)
    first, second = source().load(options, context), source().load(options, context)
    require(first, component, "loads some examples")
    require(first == second, component, "loading twice gives the same examples")
    require(len({e.id for e in first}) == len(first), component, "example ids are distinct")
    allowed = set(targets if targets is not None else (*labels, "non-entailment"))
    for example in first:
        require(
            set(example.fields) == set(context.input_fields),
            component,
            f"an example has the input fields {list(context.input_fields)}",
        )
        require(
            all(isinstance(value, str) and value for value in example.fields.values()),
            component,
            "input fields are non-empty text",
        )
        require(example.target in allowed, component, f"target {example.target!r} not in {allowed}")
    return first


def check_generator(
    name: str, params: Mapping[str, Any] | None = None, *, labels: Sequence[str] = _NLI_LABELS
) -> list[Example]:
    """Check registered generator ``name`` with ``params`` (default: its defaults).

    It describes itself and refuses unknown parameters; the same seed gives the same
    examples; ids are distinct; a text target is a label
    (or HANS's ``non-entailment``), any other target, the fields and the slice tags are
    plain JSON. Returns the examples.
    """
    generator = GENERATORS.get(name)
    component = f"generator '{name}'"
    described(GENERATORS, name, component)
    strict_options(generator.Options, component)
    options = generator.Options.model_validate(dict(params or {}))
    first = generator().generate(options, 7)
    second = generator().generate(options, 7)
    require(first, component, "generates some examples")
    require(
        [dataclasses.astuple(e) for e in first] == [dataclasses.astuple(e) for e in second],
        component,
        "the same seed gives the same examples (draw from harness.seeding.rng_for)",
    )
    require(len({e.id for e in first}) == len(first), component, "example ids are distinct")
    for example in first:
        # NLI generators give labels; others their task's target (a choice index) or
        # none (minimal pairs are compared, not labelled).
        if isinstance(example.target, str):
            require(
                example.target in (*labels, "non-entailment"),
                component,
                f"target {example.target!r} is not a label",
            )
        else:
            _json(example.target, component, "a target")
        require(all(v is not None for v in example.fields.values()), component, "no field is None")
        _json(dict(example.fields), component, "the fields")
        _json(dict(example.meta), component, "the slice tags")
    return first


def _json(value: Any, component: str, what: str) -> None:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        raise AssertionError(f"{component}: {what} must be plain JSON") from None
