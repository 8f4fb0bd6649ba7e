"""Transforms: map an example to zero or more variants (perturbations).

The contract is in ``harness.transforms.base``; ``make_variant`` builds a variant the
way every transform records it (id, ``parent_id``, ``TransformRecord``), for the
built-in transforms and plugins alike; ``build_variants`` builds a transform's
``Draft``s that way and drops repeats.
"""

from harness.transforms._common import Draft, build_variants, make_variant

__all__ = ["Draft", "build_variants", "make_variant"]
