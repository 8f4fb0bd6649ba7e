"""The transform contract.

A transform is a class registered in ``harness.registry.TRANSFORMS`` with

* ``description``: one line for ``harness list transforms``;
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

A transform that needs something from the machine (WordNet) has a static
``unavailable_reason() -> str | None``: what is missing and how to provide it, or None.
The perturbation kind then skips it with that reason, and ``harness doctor`` lists it.

A directional transform (the variant's relation is another: ``negation``,
``number_change``'s ``one_field``) extends ``Directional``: it declares ``sets_target``,
and each variant's label is ``target_map[the parent's label]`` (a ``TargetMap`` option).

A transform whose options switch between different behaviours (``number_change``'s
``fields_mode``, ``typo``'s ``kind``) names that option in a ``mode_option`` class
attribute: its validity is judged per mode (``harness.transforms.validity``).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, ClassVar, Protocol

from pydantic import Field

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


#: A directional transform's option: the parent's label -> the variant's label.
TargetMap = Annotated[
    dict[str, str], Field(default_factory=lambda: {"entailment": "contradiction"})
]


class Directional:
    """A transform that changes the relation: it writes each variant's label, so a
    directional test needs no ``to_label``."""

    sets_target: ClassVar[bool] = True


def mapped_target(parent: Example, target_map: Mapping[str, str]) -> str | None:
    """A directional variant's label: ``target_map[the parent's label]``; none where the
    map has no entry."""
    return None if parent.target is None else target_map.get(str(parent.target))


class Transform(Protocol):
    description: ClassVar[str]
    Options: type

    def apply(
        self, example: Example, options: Any, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]: ...
