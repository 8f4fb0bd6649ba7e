"""Reading a run directory: ``results.json`` (required) and ``items.jsonl`` (optional)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.errors import RunDirectoryError

SUPPORTED_SCHEMA_VERSIONS = (1,)


def load_results(run_dir: Path) -> dict[str, Any]:
    """The parsed ``results.json`` of ``run_dir``; one-line ``RunDirectoryError`` otherwise."""
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise RunDirectoryError(f"{run_dir}: not a directory (expected a run directory)")
    path = run_dir / "results.json"
    if not path.is_file():
        raise RunDirectoryError(
            f"{path}: missing; the run is incomplete or this is not a run directory"
        )
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise RunDirectoryError(f"{path}: not UTF-8 text ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise RunDirectoryError(
            f"{path}:{error.lineno}: not valid JSON ({error.msg}, column {error.colno})"
        ) from None
    if not isinstance(results, dict):
        raise RunDirectoryError(f"{path}: expected a JSON object, got {type(results).__name__}")
    version = results.get("schema_version", 1)
    if version not in SUPPORTED_SCHEMA_VERSIONS:
        raise RunDirectoryError(
            f"{path}: schema_version {version!r} is not supported by this harness "
            f"(supported: {', '.join(map(str, SUPPORTED_SCHEMA_VERSIONS))}); upgrade harness"
        )
    if not isinstance(results.get("tests", []), list):
        raise RunDirectoryError(f"{path}: 'tests' must be a list")
    return results


def load_items(run_dir: Path) -> list[dict[str, Any]] | None:
    """The rows of ``items.jsonl``, or ``None`` when the file is absent (the report says so)."""
    path = Path(run_dir) / "items.jsonl"
    if not path.is_file():
        return None
    items: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise RunDirectoryError(
                    f"{path}:{line_number}: not valid JSON ({error.msg})"
                ) from None
            if not isinstance(row, dict):
                raise RunDirectoryError(f"{path}:{line_number}: expected a JSON object")
            items.append(row)
    return items
