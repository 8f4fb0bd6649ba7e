"""Multiple-choice rows whose options sit in one column each (A, B, C, D; option_1, ...)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from harness.errors import DataError


def choices_from_columns(
    row: Mapping[str, Any], columns: Sequence[str], *, path: Path | str | None, line: int
) -> list[str]:
    """The row's options in column order; empty trailing columns give fewer options.

    >>> choices_from_columns({"A": "x", "B": "y", "C": ""}, ["A", "B", "C"], path=None, line=1)
    ['x', 'y']
    """
    values: list[str | None] = []
    for column in columns:
        if column not in row:
            raise DataError(
                f"missing choice column '{column}' "
                f"(columns: {', '.join(map(str, row))}); see choice_columns",
                path=path,
                line=line,
            )
        value = row[column]
        empty = value is None or (isinstance(value, float) and value != value)
        values.append(None if empty or not str(value).strip() else str(value))
    while values and values[-1] is None:
        values.pop()  # fewer options in this row
    for column, value in zip(columns, values, strict=False):
        if value is None:
            raise DataError(f"choice column '{column}' is empty", path=path, line=line)
    if len(values) < 2:
        raise DataError(
            f"a multiple-choice row needs at least two options in {', '.join(columns)}",
            path=path,
            line=line,
        )
    return [str(value) for value in values]
