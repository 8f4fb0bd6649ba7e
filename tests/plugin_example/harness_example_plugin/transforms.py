"""A transform that keeps the relation: every perturbed field in upper case."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, ClassVar

from harness.core import Example
from harness.options import Options
from harness.transforms import make_variant


class Shout:
    """The perturbed fields upper-cased (an invariance test: the gold label stays)."""

    description: ClassVar[str] = "the perturbed fields in upper case"

    class Options(Options):
        pass

    def apply(
        self, example: Example, options: Any, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        changed = {name: example.fields[name].upper() for name in fields if name in example.fields}
        if all(example.fields[name] == text for name, text in changed.items()):
            return []
        return [
            make_variant(
                example,
                name="example_shout",
                options=options,
                index=0,
                fields=changed,
                description=f"upper case in {', '.join(changed)}",
            )
        ]
