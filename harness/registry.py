"""A small generic registry per kind of component, with lazy entries.

Built-in components are registered by import path (``"harness.models.hf:HFClassifier"``)
so that heavy libraries (torch, transformers, textattack) load only when a suite
uses the component. A component says what it is itself (``description``, read by
``harness list``) and what it needs from the machine (``harness.resources``). Third-party plugins register through the ``harness.plugins``
entry-point group: each entry point is a callable that receives this module and
calls ``register`` on the registries it extends.
"""

from __future__ import annotations

import difflib
import importlib
import sys
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from harness.errors import DuplicateComponentError, UnknownComponentError

T = TypeVar("T")


def did_you_mean(name: str, candidates: list[str] | tuple[str, ...]) -> str:
    """A ' (did you mean 'x'?)' suffix for the closest candidate, or ''."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Registry(Generic[T]):
    """Name -> component, where a component may be given as an import path and loaded on use."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, T | str] = {}
        self._descriptions: dict[str, str] = {}

    def register(self, name: str, component: T | str, description: str = "") -> None:
        if name in self._entries:
            raise DuplicateComponentError(f"{self.kind} '{name}' is registered twice")
        self._entries[name] = component
        self._descriptions[name] = description

    def decorator(self, name: str, description: str = "") -> Callable[[T], T]:
        def wrap(component: T) -> T:
            self.register(name, component, description)
            return component

        return wrap

    def get(self, name: str) -> T:
        _load_plugins()
        if name not in self._entries:
            known = sorted(self._entries)
            raise UnknownComponentError(
                f"unknown {self.kind} '{name}'{did_you_mean(name, known)}; "
                f"known: {', '.join(known) or 'none'}"
            )
        entry = self._entries[name]
        if isinstance(entry, str):
            module_name, _, attribute = entry.partition(":")
            entry = getattr(importlib.import_module(module_name), attribute)
            self._entries[name] = entry
        return entry

    def names(self) -> list[str]:
        _load_plugins()
        return sorted(self._entries)

    def describe(self, name: str) -> str:
        """What ``name`` is, in one line: the component's own ``description`` (a plugin
        may give one when it registers a component that has none)."""
        given = self._descriptions.get(name, "")
        return given or str(getattr(self.get(name), "description", ""))

    def __contains__(self, name: object) -> bool:
        _load_plugins()
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())


_plugins_loaded = False


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from harness.builtins import register_builtins

    this_module = sys.modules[__name__]

    register_builtins(this_module)
    for entry_point in entry_points(group="harness.plugins"):
        entry_point.load()(this_module)


# One registry per kind of component. Built-ins are listed in harness/builtins.py.
DATA_SOURCES: Registry = Registry("data source")
GENERATORS: Registry = Registry("generator")
TRANSFORMS: Registry = Registry("transform")
MODELS: Registry = Registry("model")
METRICS: Registry = Registry("metric")
TEST_KINDS: Registry = Registry("test kind")
ANALYSES: Registry = Registry("analysis")
TASKS: Registry = Registry("task")
# Keyed by test kind or analysis name: harness.findings.FindingSource (docs/findings.md).
FINDING_SOURCES: Registry = Registry("finding source")

ALL_REGISTRIES = {
    "data sources": DATA_SOURCES,
    "generators": GENERATORS,
    "transforms": TRANSFORMS,
    "models": MODELS,
    "metrics": METRICS,
    "test kinds": TEST_KINDS,
    "analyses": ANALYSES,
    "tasks": TASKS,
    "finding sources": FINDING_SOURCES,
}
