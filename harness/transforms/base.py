"""The transform contract.

A transform is a class registered in ``harness.registry.TRANSFORMS`` with

* ``Options``: a ``harness.options.Options`` subclass (its parameters in the suite), and
* ``apply(self, example, options, rng, fields) -> list[Example]``: pure; ``rng`` is
  ``harness.seeding.rng_for(seed, transform name, example.id)`` made by the caller;
  ``fields`` names the example fields it may change. An empty list means the
  transform could not change this example (it is *skipped*, never a pass). Each
  variant keeps ``parent_id`` and records a ``TransformRecord``.

A transform that guards what it preserves (a synonym must keep the meaning, a number
must not be tied to another by arithmetic) returns ``Variants``: the kept variants
plus how many candidates its guards *rejected*, and why. Rejections are counted per
transform beside the skips in results.json and the report, so a transform that
rejects most of what it makes is visible. An example whose every candidate was
rejected is skipped too (no variant), and also counted as rejected.

A transform whose options switch between different behaviours (``number_change``'s
``fields_mode``, ``typo``'s ``kind``) names that option in a ``mode_option`` class
attribute: its validity is judged per mode (``harness.transforms.validity``).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from harness.core import Example


class Variants(list[Example]):
    """The variants a transform kept, and the candidates its guards rejected (by reason)."""

    def __init__(self, kept: Sequence[Example] = (), rejected: Counter[str] | None = None):
        super().__init__(kept)
        self.rejected: Counter[str] = Counter(rejected or {})


def rejections(made: Sequence[Example]) -> Counter[str]:
    """Rejected candidates by reason (none for a plain list)."""
    found = getattr(made, "rejected", None)
    return found if isinstance(found, Counter) else Counter()


class Transform(Protocol):
    Options: type

    def apply(
        self, example: Example, options: Any, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]: ...
