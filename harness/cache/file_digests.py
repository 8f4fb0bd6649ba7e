"""SHA-256 digests of files, hashed once and remembered by (path, size, modification time).

A run's manifest and a model's fingerprint both digest the model's files; a 10 GB
checkpoint must not be read again on every run. Digests are remembered in the process
and, while a store is open (``open_store``, done by the runner over the cache directory),
in ``file-digests.json`` there, so a later run that finds the same path with the same
size and modification time reads the digest instead of the file. Changing one byte of a
file changes its modification time (or its size), and the file is hashed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

STORE_FILE = "file-digests.json"
#: Entries kept in the store; the oldest go first (a machine rarely holds more checkpoints).
MAX_ENTRIES = 10_000

_lock = threading.Lock()
_memory: dict[str, str] = {}
_store: Path | None = None


def hash_file_bytes(path: Path) -> str:
    """Read ``path`` and return its SHA-256 (the one place a file is actually hashed)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _key(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"


def _read_store(store: Path) -> dict[str, str]:
    try:
        data = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or damaged: digests are recomputed, never trusted half-read
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _write_store(store: Path, entries: dict[str, str]) -> None:
    kept = dict(list(entries.items())[-MAX_ENTRIES:])
    store.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=store.parent, prefix=f".{store.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(kept, out)
        os.replace(temporary, store)
    except OSError:
        # A read-only cache directory costs a re-hash next time, not the run.
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def sha256_file(path: str | Path) -> str:
    """The SHA-256 of the file at ``path``, hashed only when (path, size, mtime) is new."""
    path = Path(path)
    key = _key(path)
    with _lock:
        if key in _memory:
            return _memory[key]
        store = _store
    stored = _read_store(store).get(key) if store is not None else None
    digest = stored if stored is not None else hash_file_bytes(path)
    with _lock:
        _memory[key] = digest
        if store is not None and stored is None:
            entries = _read_store(store)  # another run may have added some meanwhile
            entries[key] = digest
            _write_store(store, entries)
    return digest


@contextlib.contextmanager
def open_store(cache_dir: Path | None) -> Iterator[None]:
    """Remember digests in ``cache_dir/file-digests.json`` while the block runs."""
    global _store
    previous = _store
    _store = Path(cache_dir) / STORE_FILE if cache_dir is not None else None
    try:
        yield
    finally:
        _store = previous


def forget_in_process() -> None:
    """Drop the in-process memory (what a new process starts with); the store stays."""
    with _lock:
        _memory.clear()
