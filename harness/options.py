"""Validating component options (pydantic, ``extra="forbid"``) into one-line errors.

Every component that takes options from a suite (data sources, generators,
transforms, test kinds, analyses) declares them as a subclass of ``Options``.
``validate`` turns pydantic's errors into a ``SuiteError`` that names the file,
line and field path, with a did-you-mean for unknown keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from harness.errors import HarnessError, SuiteError
from harness.files.yaml_positions import Location, format_location, line_for
from harness.registry import did_you_mean

#: The largest number a component option takes unless the field sets its own ``le``: a
#: count beyond this (resamples, variants, examples) is a typo or an attack, not a plan.
MAX_NUMBER = 10_000_000


class Options(BaseModel):
    """Base for component options: unknown keys are errors, values are immutable, ``true``
    is not a number, and numbers are bounded (``MAX_NUMBER`` unless a field says otherwise)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_as_number(cls, value: Any, info: ValidationInfo) -> Any:
        field = _field(cls, info)
        if isinstance(value, bool) and field is not None and not _accepts_bool(field.annotation):
            raise ValueError(f"expected {_expected(field.annotation)}, got {str(value).lower()}")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _bounded_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        field = _field(cls, info)
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and abs(value) > MAX_NUMBER
            and field is not None
            and not _has_upper_bound(field)
        ):
            raise ValueError(f"must be at most {MAX_NUMBER:_} in size, got {value:_}")
        return value


def _accepts_bool(annotation: Any) -> bool:
    if annotation is bool or annotation is Any:
        return True
    return any(_accepts_bool(arg) for arg in getattr(annotation, "__args__", ()))


def _has_upper_bound(field: Any) -> bool:
    return any(hasattr(item, "le") or hasattr(item, "lt") for item in field.metadata)


def _field(model: Any, info: ValidationInfo) -> Any:
    return model.model_fields.get(info.field_name or "")


def _expected(annotation: Any) -> str:
    names = [getattr(arg, "__name__", str(arg)) for arg in getattr(annotation, "__args__", ())]
    return " or ".join(n for n in names if n != "NoneType") or getattr(
        annotation, "__name__", "another type"
    )


OptionsT = TypeVar("OptionsT", bound=BaseModel)


class SourceMap:
    """Where a suite came from: its file and the line of each key path."""

    def __init__(self, path: Path | None, lines: dict[Location, int] | None = None) -> None:
        self.path = path
        self.lines = lines or {}

    def error(self, location: Location, message: str) -> SuiteError:
        return SuiteError(
            message,
            path=self.path,
            line=line_for(self.lines, location),
            field=format_location(location) or None,
        )


def _fields_of(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``loc`` within ``model`` (best effort, for suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        candidates = [annotation, *getattr(annotation, "__args__", ())]
        nested = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        if not nested:
            for candidate in candidates:
                for inner in getattr(candidate, "__args__", ()):
                    if isinstance(inner, type) and issubclass(inner, BaseModel):
                        nested.append(inner)
        if not nested:
            return []
        current = nested[0]
    return list(getattr(current, "model_fields", {}))


def validate(model: type[OptionsT], data: Any, where: Location, sources: SourceMap) -> OptionsT:
    """``model.model_validate(data)``, with errors located in the suite file."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        errors = error.errors()
        # An unknown key usually explains the "missing" error beside it (a typo): report it first.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = tuple(first["loc"])
        location = (*where, *loc)
        if first["type"] == "extra_forbidden":
            key = str(loc[-1])
            allowed = _fields_of(model, loc[:-1])
            message = f"unknown key '{key}'{did_you_mean(key, allowed)}"
            if allowed:
                message += f"; allowed: {', '.join(sorted(allowed))}"
        elif first["type"] == "missing":
            message = "required key is missing"
        else:
            message = first["msg"].removeprefix("Value error, ")
            if first["type"] in {"literal_error", "enum"} and "input" in first:
                expected = first.get("ctx", {}).get("expected", "")
                message = f"'{first['input']}' is not allowed; expected {expected}"
        raise sources.error(location, message) from None


def component(registry: Any, name: Any, location: Location, sources: SourceMap) -> Any:
    """``registry.get(name)``, or an error at the suite line naming the unknown component
    (with a did-you-mean and the known names)."""
    if not isinstance(name, str) or name not in registry:
        known = registry.names()
        suggestion = did_you_mean(str(name), known)
        raise sources.error(
            location, f"unknown {registry.kind} '{name}'{suggestion}; known: {', '.join(known)}"
        )
    try:
        return registry.get(name)
    except HarnessError as error:
        raise sources.error(location, str(error)) from None


def run_check(component: Any, options: Any, location: Location, sources: SourceMap) -> None:
    """Call a component's optional load-time ``check(options, location, sources)``."""
    check = getattr(component, "check", None)
    if check is not None:
        check(options, location, sources)
