"""Validating component options (pydantic, ``extra="forbid"``) into one-line errors.

Every component that takes options from a suite (data sources, generators,
transforms, test kinds, analyses) declares them as a subclass of ``Options``.
``validate`` turns pydantic's errors into a ``SuiteError`` that names the file,
line and field path, with a did-you-mean for unknown keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from harness.errors import SuiteError
from harness.registry import did_you_mean
from harness.yaml_positions import Location, format_location, line_for


class Options(BaseModel):
    """Base for component options: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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
            message = first["msg"]
            if first["type"] in {"literal_error", "enum"} and "input" in first:
                expected = first.get("ctx", {}).get("expected", "")
                message = f"'{first['input']}' is not allowed; expected {expected}"
        raise sources.error(location, message) from None
