"""The data-source contract.

A data source is a class registered in ``harness.registry.DATA_SOURCES`` with

* ``Options``: a ``harness.options.Options`` subclass with ``source: Literal[name]``;
* ``load(self, options, context: LoadContext) -> list[Example]``;
* optionally ``check(options, location, sources)``: cheap checks at suite-load time
  (``harness validate``), raising ``sources.error(location, message)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from harness.core import Example


@dataclass(frozen=True)
class LoadContext:
    base_dir: Path
    labels: tuple[str, ...]
    input_fields: tuple[str, ...]
    seed: int
    task: str
    # Where generated examples are kept between runs (harness.derived.DerivedStore; None: not).
    derived: Any = None


class DataSource(Protocol):
    Options: type

    def load(self, options: Any, context: LoadContext) -> list[Example]: ...
