"""The on-disk response cache: one SQLite file per model fingerprint.

Responses are stored as they are made (one transaction per batch), keyed by
``(request kind, hash of the canonical payload)`` with the response as JSON, so a
re-run is instant and an interrupted run (Ctrl-C or kill) resumes without
recomputing finished batches. SQLite's journal keeps the file consistent when a
process dies mid-write.

Nothing read from the file is trusted:

* each value carries a digest of the request it answers (the file's fingerprint, the
  kind and the key); a value whose digest is not its row's (rows swapped or copied
  between files on disk) is a miss, counted in ``rejected`` and warned about, never an
  answer;
* a file that cannot be read — truncated, garbage, a foreign schema, a damaged page
  found when it is opened or at any later read or write — is moved aside
  (``<name>.damaged-<time>-<pid>``) with one line naming it, and the run goes on with
  an empty cache that recomputes what it needs;
* a busy file (another run writing, a lock held long) is never taken for a damaged
  one: opening waits and retries, and a read or write that still finds it locked is
  a miss or is skipped, with one warning;
* a full disk is one line naming the file (``CacheDiskFullError``).

The file carries its format version in its name and in a ``meta`` table: a cache of
another format is never read (an older harness's file has another name and is left
alone). The schema is created in one transaction, so a second run opening the file at
the same moment sees either no tables or all of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from harness.errors import HarnessError
from harness.files.jsonio import dumps_json

T = TypeVar("T")

#: Version 3: each value is ``{"request": digest, "response": ...}``.
FORMAT_VERSION = 3
_TABLES = {"responses", "meta"}
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS responses "
    "(kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key))",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
#: How long one SQLite call waits for another process's lock before it gives up.
BUSY_TIMEOUT_S = 30.0
#: How many times opening a busy file is tried again (each try waits ``BUSY_TIMEOUT_S``).
OPEN_ATTEMPTS = 4


def warn(message: str) -> None:
    print(f"harness: warning: {message}", file=sys.stderr)


class CacheDiskFullError(HarnessError):
    """The disk holding the cache is full: one line naming the file."""


class CacheBusyError(HarnessError):
    """Another process held the cache's lock for longer than opening waits."""


def is_busy(error: sqlite3.Error) -> bool:
    """A lock held by another connection: the file is healthy, only busy."""
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def is_disk_full(error: sqlite3.Error, directory: Path) -> bool:
    """SQLite says the disk is full, or says "disk I/O error" (what it says when the
    shared-memory file cannot grow) where a probe file cannot be written either."""
    text = str(error).lower()
    if "disk is full" in text or "disk full" in text:
        return True
    return "i/o error" in text and not room_for(directory)


#: A disk with less room than this for a probe file counts as full.
PROBE_BYTES = 1 << 20


def room_for(directory: Path, size: int = PROBE_BYTES) -> bool:
    """Whether ``size`` bytes can be written in ``directory`` now (the probe is removed)."""
    probe = directory / f".space-probe-{os.getpid()}"
    try:
        with probe.open("wb") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        return False
    finally:
        probe.unlink(missing_ok=True)
    return True


def request_digest(fingerprint: str, kind: str, key: str) -> str:
    """What a stored value must carry to answer ``(kind, key)`` in ``fingerprint``'s file."""
    return hashlib.sha256(f"{fingerprint}\0{kind}\0{key}".encode()).hexdigest()[:32]


class ResponseCache:
    """``(kind, key) -> JSON response`` for one model fingerprint; heals a damaged file."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self.path = directory / f"{fingerprint}.v{FORMAT_VERSION}.sqlite"
        #: Values read whose digest was not their request's (counted misses).
        self.rejected = 0
        self._busy_warned = False
        self._connection = self._open_healing()

    # -- opening --------------------------------------------------------------------

    def _open_healing(self) -> sqlite3.Connection:
        try:
            return self._open_waiting()
        except sqlite3.DatabaseError as error:
            if is_disk_full(error, self.path.parent):
                raise self._disk_full(error) from None
            if is_busy(error):
                raise CacheBusyError(
                    f"{self.path}: the prediction cache stayed locked by another process "
                    f"for {OPEN_ATTEMPTS * BUSY_TIMEOUT_S:g} s; run again when it is done, "
                    "or pass --cache-dir or --no-cache"
                ) from None
            self._move_aside(error)
            try:
                return self._open_waiting()
            except sqlite3.DatabaseError as again:
                if is_disk_full(again, self.path.parent):
                    raise self._disk_full(again) from None
                raise

    def _open_waiting(self) -> sqlite3.Connection:
        """``_open``, tried again while another process holds the file's lock."""
        for attempt in range(OPEN_ATTEMPTS):
            try:
                return self._open()
            except sqlite3.OperationalError as error:
                if not is_busy(error) or attempt == OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            # One write transaction for the check and the schema: a second process
            # opening the file now waits, then sees every table or none.
            connection.execute("BEGIN IMMEDIATE")
            try:
                tables = {
                    name
                    for (name,) in connection.execute(
                        "SELECT name FROM sqlite_master WHERE type='table'"
                    )
                }
                if tables and tables != _TABLES:
                    # Some tables but not ours (one dropped, or another program's):
                    # never filled in silently, moved aside like any damage.
                    raise sqlite3.DatabaseError(f"unexpected tables {sorted(tables)}")
                for statement in _SCHEMA:
                    connection.execute(statement)
                row = connection.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
                if row is None:
                    connection.execute(
                        "INSERT OR IGNORE INTO meta VALUES ('format', ?)", (str(FORMAT_VERSION),)
                    )
                elif row[0] != str(FORMAT_VERSION):
                    raise sqlite3.DatabaseError(
                        f"cache format {row[0]!r}, expected {FORMAT_VERSION}"
                    )
                columns = [r[1] for r in connection.execute("PRAGMA table_info(responses)")]
                if columns != ["kind", "key", "value"]:
                    raise sqlite3.DatabaseError(f"unexpected columns {columns}")
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
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

    def _disk_full(self, error: Exception) -> CacheDiskFullError:
        return CacheDiskFullError(f"{self.path}: no space left on the disk ({error})")

    # -- damage found after opening ---------------------------------------------------

    def _guarded(self, operation: Callable[[], T], when_busy: T, doing: str) -> T:
        """``operation()``; a damaged file found now is moved aside and replaced by an
        empty one (the operation then runs on it), a busy one gives ``when_busy``."""
        try:
            return operation()
        except sqlite3.DatabaseError as error:
            if is_disk_full(error, self.path.parent):
                raise self._disk_full(error) from None
            if is_busy(error):
                if not self._busy_warned:
                    self._busy_warned = True
                    warn(
                        f"{self.path}: the cache is locked by another process; "
                        f"{doing} without it for now (answers are computed, not read)"
                    )
                return when_busy
            self._connection.close()
            self._move_aside(error)
            self._connection = self._open_healing()
            return operation()

    # -- reading and writing ---------------------------------------------------------

    def get_many(self, kind: str, keys: Sequence[str]) -> dict[str, Any]:
        return self._guarded(lambda: self._get_many(kind, keys), {}, "reading")

    def _get_many(self, kind: str, keys: Sequence[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        unique = list(dict.fromkeys(keys))
        damaged = rejected = 0
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            placeholders = ",".join("?" * len(chunk))
            rows = self._connection.execute(
                f"SELECT key, value FROM responses WHERE kind = ? AND key IN ({placeholders})",
                [kind, *chunk],
            ).fetchall()
            for key, value in rows:
                try:
                    stored = json.loads(value)
                except (TypeError, ValueError):
                    damaged += 1
                    continue
                if not isinstance(stored, dict) or stored.keys() != {"request", "response"}:
                    damaged += 1
                elif stored["request"] != request_digest(self.fingerprint, kind, key):
                    rejected += 1
                else:
                    found[key] = stored["response"]
        if damaged:
            warn(f"{self.path}: {damaged} damaged cached responses will be computed again")
        if rejected:
            self.rejected += rejected
            warn(
                f"{self.path}: {rejected} cached responses do not belong to the request "
                "they are stored under (moved or edited on disk); computed again"
            )
        return found

    def put_many(self, kind: str, entries: Iterable[tuple[str, Any]]) -> None:
        rows = [
            (
                kind,
                key,
                dumps_json(
                    {"request": request_digest(self.fingerprint, kind, key), "response": value}
                ),
            )
            for key, value in entries
        ]

        def store() -> None:
            # One transaction: a batch is stored whole or not at all.
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                self._connection.executemany(
                    "INSERT OR REPLACE INTO responses VALUES (?, ?, ?)", rows
                )
                self._connection.execute("COMMIT")
            except BaseException:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise

        self._guarded(store, None, "storing answers")

    def __len__(self) -> int:
        return int(
            self._guarded(
                lambda: self._connection.execute("SELECT COUNT(*) FROM responses").fetchone()[0],
                0,
                "counting",
            )
        )

    def close(self) -> None:
        self._connection.close()
