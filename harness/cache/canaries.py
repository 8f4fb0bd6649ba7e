"""The canary answers stored beside a served model's response cache.

A served model's fingerprint is its URL, name and settings: a server that swaps its
weights keeps them. So a few fixed requests (the model's canary) are answered when the
cache is first filled and kept here, in ``<fingerprint>.canary.json`` beside the cache
file; before a later run reuses that cache the canary is asked again
(``harness.predictor.canary``), and answers that moved mean the cache is set aside.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from harness.cache.responses import FORMAT_VERSION


def cache_file(directory: Path, fingerprint: str) -> Path:
    """The response cache's file for ``fingerprint`` (``ResponseCache``'s naming)."""
    return Path(directory) / f"{fingerprint}.v{FORMAT_VERSION}.sqlite"


class CanaryStore:
    """The stored canary answers of one fingerprint."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        self.path = self.directory / f"{fingerprint}.canary.json"

    def load(self) -> list[Any] | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # none yet, or damaged: the next answers become the canary
        return data.get("answers") if isinstance(data, dict) else None

    def save(self, answers: list[Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"answers": answers}), encoding="utf-8")
        os.replace(temporary, self.path)

    def set_cache_aside(self) -> str | None:
        """Move the fingerprint's response cache (and its SQLite side files) aside; the
        new name, or None when there was no cache."""
        source = cache_file(self.directory, self.fingerprint)
        if not source.exists():
            return None
        aside = source.with_name(f"{source.name}.stale-{int(time.time())}-{os.getpid()}")
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{source}{suffix}").exists():
                os.replace(f"{source}{suffix}", f"{aside}{suffix}")
        return aside.name
