"""The generator contract.

A generator is a class registered in ``harness.registry.GENERATORS`` with

* ``description``: one line for ``harness list generators``;
* ``Options``: a ``harness.options.Options`` subclass (its parameters in the suite), and
* ``generate(self, options, seed: int) -> list[Example]``: pure and deterministic;
  every random choice draws from ``harness.seeding.rng_for(seed, name, ...)``, never
  global state; ids are stable across runs (``harness.core.stable_id`` of the
  generator name, seed-independent template coordinates, and index), and every
  example carries its slice tags in ``meta``;
* optionally ``resources(options, where)``: what it reads from the machine (WordNet),
  as ``harness.resources.Resource``s for ``harness doctor``.

A suite uses one as a data source: ``data: {source: generator, name: hans, params: {...}}``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Protocol, TypeVar

from pydantic import AfterValidator

from harness.core import Example
from harness.errors import DataError
from harness.registry import did_you_mean

NamesT = TypeVar("NamesT", bound=Sequence[str] | None)
DrawnT = TypeVar("DrawnT")


class Generator(Protocol):
    description: ClassVar[str]
    Options: type

    def generate(self, options: Any, seed: int) -> list[Example]: ...


def known_names(kind: str, names: NamesT, known: Sequence[str]) -> NamesT:
    """``names`` as given, when each is in ``known``; for an options validator that
    restricts a generator to some of its templates (relations, capabilities, ...).

    >>> known_names("relation", ["antonymy"], ("hypernymy", "antonymy"))
    ['antonymy']
    >>> known_names("relation", ["antonym"], ("hypernymy", "antonymy"))
    Traceback (most recent call last):
    ValueError: unknown relation 'antonym' (did you mean 'antonymy'?); known: hypernymy, antonymy
    """
    for name in names if names is not None else ():
        if name not in known:
            raise ValueError(
                f"unknown {kind} '{name}'{did_you_mean(name, list(known))}; "
                f"known: {', '.join(known)}"
            )
    return names


def among(kind: str, known: Sequence[str]) -> AfterValidator:
    """The validator of an options field that restricts a generator to some of its
    templates: ``relations: Annotated[list[str], among("relation", RELATIONS)]``
    accepts only names in ``known`` (``known_names``)."""
    return AfterValidator(lambda names: known_names(kind, names, known))


#: Draws per item before a generator gives up finding one unlike those it already made.
MAX_ATTEMPTS = 200


def draw_new(
    draw: Callable[[], DrawnT], keys: Callable[[DrawnT], set[Any]], seen: set[Any], too_few: str
) -> DrawnT:
    """``draw()`` again until none of its ``keys`` (the texts it makes) is in ``seen``, then
    add them to ``seen``: a repeated text would tie two items together in the model's
    answers. After ``MAX_ATTEMPTS`` draws, a ``DataError`` saying ``too_few`` (the
    templates cannot make that many distinct items)."""
    for _ in range(MAX_ATTEMPTS):
        drawn = draw()
        made = keys(drawn)
        if seen.isdisjoint(made):
            seen.update(made)
            return drawn
    raise DataError(too_few)
