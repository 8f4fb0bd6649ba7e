"""The run directory: results.json, items.jsonl, suite.yaml and report.html.

The records in both files are typed in ``harness.results.records``; this module reads and
writes run directories through them.

Everything is staged in a sibling temporary directory and moved into place at the
end, so a failed or interrupted run leaves no half-written output behind.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from pydantic import BaseModel, ValidationError

from harness.errors import RunDirectoryError
from harness.files.jsonio import read_jsonl
from harness.results.checks import check_item_counts as check_item_counts
from harness.results.checks import check_results
from harness.results.records import SCHEMA_VERSION, ItemRecord, ResultsFile

RecordT = TypeVar("RecordT", bound=BaseModel)

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


STAGING_MARK = ".partial-"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def remove_dead_staging(directory: Path) -> None:
    """Remove staging directories (``.NAME.partial-PID``) left by runs that were killed."""
    for path in directory.glob(f".*{STAGING_MARK}*"):
        pid = path.name.rpartition(STAGING_MARK)[2]
        if path.is_dir() and pid.isdigit() and not _process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


class RunStaging:
    """A temporary directory beside the final one; ``commit`` moves it into place."""

    def __init__(self, final: Path) -> None:
        self.final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        remove_dead_staging(final.parent)
        self.path = final.parent / f".{final.name}{STAGING_MARK}{os.getpid()}"
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


class RunSpool:
    """Files that large tests stream their items to while the run goes on.

    The directory (``.spool.partial-PID`` in the run directory's parent) is made on first
    use; ``discard`` removes it, and a later run removes one left by a killed run, as it
    does a staging directory.
    """

    def __init__(self, parent: Path) -> None:
        self.parent = Path(parent)
        self.path: Path | None = None
        self._files = 0

    def new_file(self, name: str) -> Path:
        if self.path is None:
            self.parent.mkdir(parents=True, exist_ok=True)
            remove_dead_staging(self.parent)
            self.path = self.parent / f".spool{STAGING_MARK}{os.getpid()}"
            shutil.rmtree(self.path, ignore_errors=True)
            self.path.mkdir()
        self._files += 1
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:64]
        return self.path / f"{self._files:04d}-{safe}.jsonl"

    def discard(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None


RESULTS_FILE = "results.json"
ITEMS_FILE = "items.jsonl"
#: Version 2 runs are read too: their items' outcomes follow from ``infra_error``.
SUPPORTED_SCHEMA_VERSIONS = (2, SCHEMA_VERSION)


def load_results_file(run_dir: str | Path) -> ResultsFile:
    """The typed ``results.json`` of ``run_dir``; one-line ``RunDirectoryError`` otherwise.

    The single reader of results.json: the report and the gate both call it.
    """
    run_dir = Path(run_dir)
    if not run_dir.exists():
        raise RunDirectoryError(f"{run_dir}: run directory not found")
    if not run_dir.is_dir():
        raise RunDirectoryError(f"{run_dir}: not a directory (expected a run directory)")
    path = run_dir / RESULTS_FILE
    if not path.is_file():
        raise RunDirectoryError(
            f"{path}: missing; the run is incomplete or this is not a run directory"
        )
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise RunDirectoryError(f"{path}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise RunDirectoryError(f"{path}: cannot read: {error}") from None
    except json.JSONDecodeError as error:
        raise RunDirectoryError(
            f"{path}:{error.lineno}: not valid JSON ({error.msg}, column {error.colno})"
        ) from None
    if not isinstance(results, dict):
        raise RunDirectoryError(f"{path}: expected a JSON object, got {type(results).__name__}")
    version = results.get("schema_version")
    if version not in SUPPORTED_SCHEMA_VERSIONS:
        supported = ", ".join(str(v) for v in SUPPORTED_SCHEMA_VERSIONS)
        newer = isinstance(version, int) and version > max(SUPPORTED_SCHEMA_VERSIONS)
        advice = (
            "upgrade harness"
            if newer
            else "re-run the suite with this harness version to get a comparable run"
        )
        raise RunDirectoryError(
            f"{path}: unsupported schema_version {version!r} "
            f"(this harness reads {supported}); {advice}"
        )
    record = _validated(ResultsFile, results, str(path))
    check_results(path, record)
    return record


def load_results(run_dir: str | Path) -> dict[str, Any]:
    """``load_results_file`` as plain JSON data (what templates read)."""
    return load_results_file(run_dir).model_dump(mode="json")


@overload
def load_numbered_items(
    run_dir: str | Path, *, required: Literal[True] = ...
) -> list[tuple[int, ItemRecord]]: ...
@overload
def load_numbered_items(
    run_dir: str | Path, *, required: bool
) -> list[tuple[int, ItemRecord]] | None: ...
def load_numbered_items(
    run_dir: str | Path, *, required: bool = True
) -> list[tuple[int, ItemRecord]] | None:
    """``(line number, item)`` for each non-blank line of ``items.jsonl``.

    A missing file raises ``RunDirectoryError`` when ``required``, else gives ``None``.
    """
    path = Path(run_dir) / ITEMS_FILE
    if not path.is_file():
        if required:
            raise RunDirectoryError(f"{path}: missing; the run is incomplete")
        return None
    return list(iter_numbered_items(path))


def iter_numbered_items(path: Path) -> Iterator[tuple[int, ItemRecord]]:
    """``(line number, item)`` for each line of the items file at ``path``, as a stream.

    A line that is not JSON or not an item raises ``RunDirectoryError`` naming the line.
    """
    for number, row in read_jsonl(path, RunDirectoryError):
        yield number, item_record(path, number, row)


def item_record(path: Path, number: int, row: dict[str, Any]) -> ItemRecord:
    """``row`` (line ``number`` of the items file ``path``) checked against the items schema."""
    return _validated(ItemRecord, row, f"{path}:{number}")


def _validated(schema: type[RecordT], data: Any, location: str) -> RecordT:
    """``schema.model_validate(data)``; its first error as one line at ``location`` (a file,
    or a file and line) naming the field."""
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RunDirectoryError(f"{location}: {where}: {first['msg']}") from None


@overload
def load_items(run_dir: str | Path, *, required: Literal[True] = ...) -> list[dict[str, Any]]: ...
@overload
def load_items(run_dir: str | Path, *, required: bool) -> list[dict[str, Any]] | None: ...
def load_items(run_dir: str | Path, *, required: bool = True) -> list[dict[str, Any]] | None:
    """The rows of ``items.jsonl`` as plain JSON data; see ``load_numbered_items``."""
    numbered = load_numbered_items(run_dir, required=required)
    return None if numbered is None else [item.to_json() for _, item in numbered]
