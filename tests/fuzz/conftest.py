"""The whole fuzz set runs only when asked for: ``python -m pytest -m fuzz_full tests/fuzz``.

The default run (CI) takes a seeded subset of at least 300 cases (test_fuzz.py).
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "fuzz_full" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="the whole fuzz set runs with -m fuzz_full")
    for item in items:
        if item.get_closest_marker("fuzz_full") is not None:
            item.add_marker(skip)
