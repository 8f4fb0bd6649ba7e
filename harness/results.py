"""The run directory: results.json, items.jsonl, suite.yaml and report.html (schema v1).

Everything is staged in a sibling temporary directory and moved into place at the
end, so a failed or interrupted run leaves no half-written output behind.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from harness.errors import RunDirectoryError

SCHEMA_VERSION = 1
TRACKED_PACKAGES = (
    "torch",
    "transformers",
    "datasets",
    "scikit-learn",
    "scipy",
    "numpy",
    "textattack",
)


def environment() -> dict[str, Any]:
    """Facts that explain a difference between two runs of the same suite and model."""
    packages = {}
    for name in TRACKED_PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "executable": Path(sys.executable).name,
        "packages": packages,
    }


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _clean(value: Any) -> Any:
    """JSON has no NaN: undefined numbers (a CI of an empty slice) become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return _clean(value.item())
    return value


def write_json_atomic(path: Path, data: Any) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(
        json.dumps(_clean(data), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    os.replace(temporary, path)


def write_jsonl_atomic(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(_clean(row), ensure_ascii=False) + "\n")
    os.replace(temporary, path)


class RunStaging:
    """A temporary directory beside the final one; ``commit`` moves it into place."""

    def __init__(self, final: Path) -> None:
        self.final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        self.path = final.parent / f".{final.name}.partial-{os.getpid()}"
        if self.path.exists():
            shutil.rmtree(self.path)
        self.path.mkdir()

    def commit(self) -> Path:
        if self.final.exists():
            # --out pointed at an existing run directory: replace its files one by one.
            for item in self.path.iterdir():
                os.replace(item, self.final / item.name)
            self.path.rmdir()
        else:
            os.replace(self.path, self.final)
        return self.final

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def load_results(run_dir: Path) -> dict[str, Any]:
    """results.json of a finished run, checked for its schema version."""
    path = Path(run_dir) / "results.json"
    if not path.exists():
        raise RunDirectoryError(f"{run_dir}: no results.json (not a finished harness run)")
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise RunDirectoryError(f"{path}:{error.lineno}: corrupt JSON ({error.msg})") from None
    version = results.get("schema_version") if isinstance(results, dict) else None
    if version != SCHEMA_VERSION:
        raise RunDirectoryError(
            f"{path}: unsupported schema_version {version!r} (expected {SCHEMA_VERSION})"
        )
    return results


def load_items(run_dir: Path) -> list[dict[str, Any]]:
    path = Path(run_dir) / "items.jsonl"
    if not path.exists():
        raise RunDirectoryError(f"{run_dir}: no items.jsonl")
    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise RunDirectoryError(
                        f"{path}:{number}: corrupt JSON ({error.msg})"
                    ) from None
    return items
