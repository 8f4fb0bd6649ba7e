"""The dev split: carved from the training data, never from a test.

Early stopping and every choice made while training look at the dev split only. An
augmented variant goes to the same side as the example it was made from (its *root*),
so a typo'd copy of a dev pair never sits in the training portion.
"""

from __future__ import annotations

from collections.abc import Sequence

from harness.core import Example
from harness.seeding import rng_for


def root_id(example: Example) -> str:
    """The training example a variant was made from (itself for an original)."""
    return str(example.parent_id or example.meta.get("parent_id") or example.id)


def carve_dev(
    examples: Sequence[Example], fraction: float, seed: int
) -> tuple[list[Example], list[Example]]:
    """``(train, dev)``: a seeded ``fraction`` of the roots, with all their variants, is dev.

    At least one root goes to each side when there are two or more roots.
    """
    roots = sorted({root_id(example) for example in examples})
    rng = rng_for(seed, "dev-split")
    rng.shuffle(roots)
    size = round(len(roots) * fraction)
    if len(roots) >= 2:
        size = min(max(size, 1), len(roots) - 1)
    dev_roots = set(roots[:size])
    train = [e for e in examples if root_id(e) not in dev_roots]
    dev = [e for e in examples if root_id(e) in dev_roots]
    return train, dev
