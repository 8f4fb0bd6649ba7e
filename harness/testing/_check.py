"""How a conformance check fails: an ``AssertionError`` that names the component."""

from __future__ import annotations

from typing import Any


def require(condition: Any, component: str, message: str) -> None:
    """Fail the check unless ``condition`` holds; the message says what the contract asks.

    An ``AssertionError`` (not ``assert``, which ``python -O`` removes), so pytest reports
    it as a failed test.
    """
    if not condition:
        raise AssertionError(f"{component}: {message}")


def strict_options(options: Any, component: str) -> None:
    """Options are pydantic models that refuse unknown keys (a misspelt key is an error)."""
    config = getattr(options, "model_config", None)
    require(
        isinstance(config, dict) and config.get("extra") == "forbid",
        component,
        'its Options must refuse unknown keys (extra="forbid"; extend harness.options.Options)',
    )


def described(registry: Any, name: str, component: str) -> None:
    """A one-line description, what ``harness list`` shows: the component's own
    ``description`` (or one given where it is registered)."""
    description = registry.describe(name)
    require(
        description.strip() and "\n" not in description,
        component,
        "needs a one-line description (a description attribute; what harness list shows)",
    )
