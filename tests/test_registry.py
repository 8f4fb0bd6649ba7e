"""Registries: lazy entries, did-you-mean errors, and components that describe themselves."""

from __future__ import annotations

from typing import ClassVar

import pytest

from harness.errors import DuplicateComponentError, UnknownComponentError
from harness.registry import ALL_REGISTRIES, ANALYSES, METRICS, Registry


class Shout:
    """A stand-in component."""

    description: ClassVar[str] = "upper-cases every field"


def test_a_component_describes_itself_and_a_registration_may_describe_one_that_does_not() -> None:
    registry: Registry = Registry("transform")
    registry.register("shout", Shout)
    registry.register("plain", object, "given when registered")
    registry.register("bare", object)
    assert registry.describe("shout") == "upper-cases every field"
    assert registry.describe("plain") == "given when registered"
    assert registry.describe("bare") == ""


def test_a_lazy_entry_is_described_once_loaded() -> None:
    registry: Registry = Registry("transform")
    registry.register("shout", f"{__name__}:Shout")
    assert registry.describe("shout") == "upper-cases every field"


def test_unknown_and_duplicate_names_are_one_line_errors() -> None:
    registry: Registry = Registry("transform")
    registry.register("shout", Shout)
    with pytest.raises(DuplicateComponentError, match="registered twice"):
        registry.register("shout", Shout)
    with pytest.raises(UnknownComponentError, match="did you mean 'shout'"):
        registry.get("shoutt")


@pytest.mark.parametrize(
    "registry,name",
    [
        (registry, name)
        for registry in ALL_REGISTRIES.values()
        if registry is not METRICS  # metrics still carry their listed descriptions
        for name in registry.names()
        # described where it is registered until its module carries the description
        if (registry, name) != (ANALYSES, "reasoning_gap")
    ],
)
def test_every_built_in_component_describes_itself(registry: Registry, name: str) -> None:
    description = getattr(registry.get(name), "description", "")
    assert isinstance(description, str) and description.strip(), f"{registry.kind} {name}"
    assert registry.describe(name) == description


def test_harness_list_shows_every_description() -> None:
    for registry in ALL_REGISTRIES.values():
        for name in registry.names():
            assert registry.describe(name).strip(), f"{registry.kind} {name}"
