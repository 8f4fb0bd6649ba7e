"""The on-disk prediction cache: one SQLite file per model fingerprint.

Predictions are stored as they are made (one transaction per batch), keyed by a
hash of the example's input fields, so a re-run is instant and an interrupted run
(Ctrl-C or kill) resumes without recomputing finished batches. SQLite's journal
keeps the file consistent when a process dies mid-write.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np


def input_key(fields: Mapping[str, str]) -> str:
    """The cache key of an input: its fields, not its id (variants may share text)."""
    canonical = json.dumps(dict(fields), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class PredictionCache:
    """``key -> probability vector`` for one model fingerprint."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / f"{fingerprint}.sqlite"
        self._connection = sqlite3.connect(self.path, timeout=30)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS predictions (key TEXT PRIMARY KEY, probabilities TEXT)"
        )
        self._connection.commit()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            placeholders = ",".join("?" * len(chunk))
            rows = self._connection.execute(
                f"SELECT key, probabilities FROM predictions WHERE key IN ({placeholders})", chunk
            )
            for key, probabilities in rows:
                found[key] = np.array(json.loads(probabilities))
        return found

    def put_many(self, entries: Iterable[tuple[str, np.ndarray]]) -> None:
        with self._connection:  # one transaction: a batch is stored whole or not at all
            self._connection.executemany(
                "INSERT OR REPLACE INTO predictions VALUES (?, ?)",
                [(key, json.dumps([float(p) for p in probs])) for key, probs in entries],
            )

    def __len__(self) -> int:
        return int(self._connection.execute("SELECT COUNT(*) FROM predictions").fetchone()[0])

    def close(self) -> None:
        self._connection.close()
