"""``check_transform``: the transform contract (``harness.transforms.base``), checked.

from harness.testing import check_transform
check_transform("my_swap")                    # a registered transform
check_transform("my_swap", fields={"text": "Ana met Omar in Rome."})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from harness.core import Example
from harness.registry import TRANSFORMS
from harness.seeding import rng_for
from harness.testing._check import described, require, strict_options

__all__ = ["RICH_NLI_FIELDS", "apply_transform", "check_transform"]

#: A premise and hypothesis with names, a place, numbers, a negation and content words:
#: something for every built-in transform to change.
RICH_NLI_FIELDS = {
    "premise": "Mary and John are in Paris with 3 friends and they do not like the car.",
    "hypothesis": "Mary is driving the car quickly with 3 friends.",
}


def apply_transform(
    name: str,
    fields: Mapping[str, str],
    params: Mapping[str, Any] | None = None,
    *,
    example_id: str = "x",
    target: Any = "entailment",
    perturb: Sequence[str] | None = None,
    seed: int = 0,
) -> list[Example]:
    """Registered transform ``name`` on one example, its RNG seeded as the perturbation
    kind seeds it (``rng_for(seed, name, example_id)``); ``perturb`` defaults to every
    field. The example carries the slice tag ``{"tag": "t"}``."""
    transform = TRANSFORMS.get(name)
    example = Example(id=example_id, fields=dict(fields), target=target, meta={"tag": "t"})
    options = transform.Options.model_validate(dict(params or {}))
    rng = rng_for(seed, name, example_id)
    return transform().apply(example, options, rng, list(perturb or fields))


def check_transform(
    name: str,
    *,
    fields: Mapping[str, str] = RICH_NLI_FIELDS,
    target: Any = "entailment",
    example_id: str = "nli:7",
) -> None:
    """Check registered transform ``name`` on one example with its default options.

    Strict options and a description; the same variants, with the same ids, every time;
    each variant keeps its parent's id as ``parent_id``, records the transform (name,
    parameters, a description of what changed), changes some field but keeps the field
    names and the slice tags, and has an id of its own; no two variants share an id; a
    transform that does not declare ``sets_target`` keeps the gold ``target``. Raises
    ``AssertionError`` naming what is wrong.
    """
    transform = TRANSFORMS.get(name)
    component = f"transform '{name}'"
    described(TRANSFORMS, name, component)
    strict_options(transform.Options, component)
    first = apply_transform(name, fields, example_id=example_id, target=target)
    again = apply_transform(name, fields, example_id=example_id, target=target)
    require(
        [v.fields for v in first] == [v.fields for v in again],
        component,
        "the same example and seed must give the same variants (draw from the rng given)",
    )
    require([v.id for v in first] == [v.id for v in again], component, "variant ids must be stable")
    params = transform.Options().model_dump(mode="json")
    for variant in first:
        record = variant.transform
        require(variant.parent_id == example_id, component, "a variant keeps its parent's id")
        require(
            record is not None and record.name == name and record.params == params,
            component,
            "a variant records the transform's name and parameters (make_variant does)",
        )
        require(bool(record and record.description), component, "a variant says what changed")
        require(variant.fields != dict(fields), component, "a variant changes some field")
        require(set(variant.fields) == set(fields), component, "a variant keeps the field names")
        require(variant.meta == {"tag": "t"}, component, "a variant keeps the slice tags")
        require(
            variant.id != example_id and len(variant.id) == 12,
            component,
            "a variant has an id of its own (harness.core.stable_id)",
        )
    require(len({v.id for v in first}) == len(first), component, "variant ids must be distinct")
    if first and not getattr(transform, "sets_target", False):
        require(
            {v.target for v in first} == {target},
            component,
            "a transform that keeps the relation keeps the gold target (else declare sets_target)",
        )
