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

from typing import Any, ClassVar, Protocol

from harness.core import Example


class Generator(Protocol):
    description: ClassVar[str]
    Options: type

    def generate(self, options: Any, seed: int) -> list[Example]: ...
