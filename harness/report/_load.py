"""Reading a run directory: ``results.json`` (required) and ``items.jsonl`` (optional).

The checks live in ``harness.results``; the report only differs in tolerating a
missing ``items.jsonl`` (the failure browser says so instead).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from harness import results
from harness.results import load_results

__all__ = ["load_items", "load_results"]


def load_items(run_dir: str | Path) -> list[dict[str, Any]] | None:
    """The rows of ``items.jsonl``, or ``None`` when the file is absent (the report says so)."""
    return results.load_items(run_dir, required=False)
