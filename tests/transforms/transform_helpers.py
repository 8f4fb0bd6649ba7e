"""Run a registered transform the way the perturbation kind does, for exact-string tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from harness.core import Example
from harness.testing.transforms import apply_transform

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
    """``TRANSFORMS[name]`` on one example with the RNG seeded as the kind seeds it
    (``harness.testing.transforms.apply_transform``); NLI fields perturbed by default."""
    return apply_transform(
        name, fields, params, example_id=example_id, target=target, perturb=perturb, seed=seed
    )


def changed(variant: Example, original: Mapping[str, str]) -> dict[str, str]:
    """The fields a variant changed."""
    return {k: v for k, v in variant.fields.items() if original.get(k) != v}
