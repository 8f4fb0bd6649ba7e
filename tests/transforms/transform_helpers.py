"""Run a registered transform the way the perturbation kind does, for exact-string tests."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from harness.core import Example
from harness.registry import TRANSFORMS

NLI_FIELDS = ("premise", "hypothesis")


def apply(
    name: str,
    fields: Mapping[str, str],
    params: Mapping[str, Any] | None = None,
    *,
    example_id: str = "x",
    target: Any = "entailment",
    perturb: Sequence[str] = NLI_FIELDS,
    seed: int = 0,
) -> list[Example]:
    """``TRANSFORMS[name]`` on one example with the RNG seeded as the kind seeds it."""
    transform = TRANSFORMS.get(name)
    example = Example(id=example_id, fields=dict(fields), target=target, meta={"tag": "t"})
    options = transform.Options.model_validate(dict(params or {}))
    rng = random.Random(f"{seed}:{name}:{example_id}")
    return transform().apply(example, options, rng, list(perturb))


def changed(variant: Example, original: Mapping[str, str]) -> dict[str, str]:
    """The fields a variant changed."""
    return {k: v for k, v in variant.fields.items() if original.get(k) != v}
