"""The on-disk response cache: one SQLite file per model fingerprint.

Responses are stored as they are made (one transaction per batch), keyed by
``(request kind, hash of the canonical payload)`` with the response as JSON, so a
re-run is instant and an interrupted run (Ctrl-C or kill) resumes without
recomputing finished batches. SQLite's journal keeps the file consistent when a
process dies mid-write.

The file carries its format version in its name and in a ``meta`` table: a cache of
another format is never read (an older harness's file has another name and is left
alone). A file that cannot be read — truncated, garbage, a foreign schema — is moved
aside with a one-line warning and the run starts from an empty cache; a row whose JSON
does not parse counts as missing and is computed again.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from harness.files.jsonio import dumps_json

FORMAT_VERSION = 2
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS responses "
    "(kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key))",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


def warn(message: str) -> None:
    print(f"harness: warning: {message}", file=sys.stderr)


class ResponseCache:
    """``(kind, key) -> JSON response`` for one model fingerprint; heals a damaged file."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / f"{fingerprint}.v{FORMAT_VERSION}.sqlite"
        try:
            self._connection = self._open()
        except sqlite3.DatabaseError as error:
            self._move_aside(error)
            self._connection = self._open()

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            tables = {
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'"
                )
            }
            if tables and tables != {"responses", "meta"}:
                # A file that has some tables but not ours (one dropped, or another
                # program's): never filled in silently, moved aside like any damage.
                raise sqlite3.DatabaseError(f"unexpected tables {sorted(tables)}")
            for statement in _SCHEMA:
                connection.execute(statement)
            connection.commit()
            row = connection.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
            if row is None:
                with connection:
                    connection.execute(
                        "INSERT OR IGNORE INTO meta VALUES ('format', ?)", (str(FORMAT_VERSION),)
                    )
            elif row[0] != str(FORMAT_VERSION):
                raise sqlite3.DatabaseError(f"cache format {row[0]!r}, expected {FORMAT_VERSION}")
            columns = [r[1] for r in connection.execute("PRAGMA table_info(responses)")]
            if columns != ["kind", "key", "value"]:
                raise sqlite3.DatabaseError(f"unexpected columns {columns}")
            connection.execute("SELECT COUNT(*) FROM responses").fetchone()
        except BaseException:
            connection.close()
            raise
        return connection

    def _move_aside(self, error: Exception) -> None:
        aside = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}-{os.getpid()}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                os.replace(source, Path(f"{aside}{suffix}"))
        warn(f"{self.path}: unreadable prediction cache ({error}); moved to {aside.name}")

    def get_many(self, kind: str, keys: Sequence[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        unique = list(dict.fromkeys(keys))
        damaged = 0
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            placeholders = ",".join("?" * len(chunk))
            rows = self._connection.execute(
                f"SELECT key, value FROM responses WHERE kind = ? AND key IN ({placeholders})",
                [kind, *chunk],
            )
            for key, value in rows:
                try:
                    found[key] = json.loads(value)
                except (TypeError, ValueError):
                    damaged += 1
        if damaged:
            warn(f"{self.path}: {damaged} damaged cached responses will be computed again")
        return found

    def put_many(self, kind: str, entries: Iterable[tuple[str, Any]]) -> None:
        with self._connection:  # one transaction: a batch is stored whole or not at all
            self._connection.executemany(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?)",
                [(kind, key, dumps_json(value)) for key, value in entries],
            )

    def __len__(self) -> int:
        return int(self._connection.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        self._connection.close()
