"""The transform contract.

A transform is a class registered in ``harness.registry.TRANSFORMS`` with

* ``Options``: a ``harness.options.Options`` subclass (its parameters in the suite), and
* ``apply(self, example, options, rng, fields) -> list[Example]``: pure; ``rng`` is
  ``harness.seeding.rng_for(seed, transform name, example.id)`` made by the caller;
  ``fields`` names the example fields it may change. An empty list means the
  transform could not change this example (it is *skipped*, never a pass). Each
  variant keeps ``parent_id`` and records a ``TransformRecord``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, Protocol

from harness.core import Example


class Transform(Protocol):
    Options: type

    def apply(
        self, example: Example, options: Any, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]: ...
