"""The data-source contract.

A data source is a class registered in ``harness.registry.DATA_SOURCES`` with

* ``Options``: a ``harness.options.Options`` subclass with ``source: Literal[name]``;
* ``load(self, options, context: LoadContext) -> list[Example]``;
* optionally ``check(options, location, sources)``: cheap checks at suite-load time
  (``harness validate``), raising ``sources.error(location, message)``.

It declares its one-line ``description`` (``harness list data``) and, when it reads
something from the machine, ``resources(options, where, base_dir)`` for ``harness
doctor`` (files, data sets in a local cache; see ``harness.resources``).

``validate_data_spec`` validates a ``data:`` block (a test's, a prompt's few-shot pool,
an analysis's training data) with the options of the source it names.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from harness.core import Example
from harness.files.yaml_positions import Location
from harness.options import SourceMap, component, run_check, validate
from harness.registry import DATA_SOURCES
from harness.resources import Resource


class RowParser(Protocol):
    """What a data source asks of the task whose rows it reads (a ``harness.tasks.Task``):
    the column that holds the target, and each raw value turned into a field or a target
    (a ``ValueError`` names what is wrong; the source adds the file, line and field)."""

    @property
    def target_column(self) -> str: ...

    def parse_field(self, name: str, value: Any) -> Any: ...

    def parse_target(
        self, raw: Any, fields: Mapping[str, Any], label_values: Mapping[str, str]
    ) -> Any: ...


@dataclass(frozen=True)
class LoadContext:
    """What a data source loads with (``harness.tasks.load_context`` builds one)."""

    base_dir: Path
    labels: tuple[str, ...]
    input_fields: tuple[str, ...]
    seed: int
    task: RowParser
    # Where generated examples are kept between runs (harness.cache.derived.DerivedStore; None: not).
    derived: Any = None


class DataSource(Protocol):
    Options: type

    def load(self, options: Any, context: LoadContext) -> list[Example]: ...


def validate_data_spec(raw: Any, location: Location, sources: SourceMap) -> Any:
    """Validate a ``data:`` block with the options of the source it names."""
    if not isinstance(raw, Mapping):
        raise sources.error(location, "must be a mapping with a 'source' key")
    if "source" not in raw:
        raise sources.error(
            location, f"needs a 'source' key; one of: {', '.join(DATA_SOURCES.names())}"
        )
    source = component(DATA_SOURCES, raw["source"], (*location, "source"), sources)
    options = validate(source.Options, dict(raw), location, sources)
    run_check(source, options, location, sources)
    return options


def data_resources(options: Any, where: str, base_dir: Path) -> Iterator[Resource]:
    """What a validated ``data:`` block needs from the machine, as its source says; a
    source that says nothing (inline examples) needs nothing."""
    source = DATA_SOURCES.get(options.source)
    needs = getattr(source, "resources", None)
    if needs is None:
        yield Resource("data", f"{where}: {options.source} data", True)
        return
    yield from needs(options, where, base_dir)
