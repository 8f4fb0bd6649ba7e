"""The generator contract.

A generator is a class registered in ``harness.registry.GENERATORS`` with

* ``Options``: a ``harness.options.Options`` subclass (its parameters in the suite), and
* ``generate(self, options, seed: int) -> list[Example]``: pure and deterministic;
  every random choice draws from ``harness.seeding.rng_for(seed, name, ...)``, never
  global state; ids are stable across runs (``harness.core.stable_id`` of the
  generator name, seed-independent template coordinates, and index), and every
  example carries its slice tags in ``meta``.

A suite uses one as a data source: ``data: {source: generator, name: hans, params: {...}}``.
"""

from __future__ import annotations

from typing import Any, Protocol

from harness.core import Example


class Generator(Protocol):
    Options: type

    def generate(self, options: Any, seed: int) -> list[Example]: ...
