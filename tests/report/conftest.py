"""Fixtures for the report tests (builders live in report_fixtures.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import build_items, build_results, write_run


@pytest.fixture
def results() -> dict[str, Any]:
    return build_results()


@pytest.fixture
def items() -> list[dict[str, Any]]:
    return build_items()


@pytest.fixture
def run_dir(tmp_path: Path, results: dict[str, Any], items: list[dict[str, Any]]) -> Path:
    return write_run(tmp_path / "run", results, items)


@pytest.fixture
def make_run(tmp_path: Path) -> Callable[..., Path]:
    def make(results: dict[str, Any], items: list[dict[str, Any]] | None, name: str = "run"):
        return write_run(tmp_path / name, results, items)

    return make
