"""A mock model that holds a run where a test wants it stopped (kill and signal tests).

    harness run suite.yaml --model python:helpers.held_models:held_rules

Kept apart from ``helpers.mock_models``, whose source is part of the golden run's model
fingerprint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers.mock_models import word_rules

#: How long a held run waits at most (a test that forgot to stop it still ends).
HOLD_LIMIT_S = 600.0


def held_rules(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """``word_rules`` that leaves a mark per batch and can hold the run (kill/resume tests).

    ``HARNESS_TEST_BATCH_LOG``: a file that gets a line (the batch size) per finished batch.
    ``HARNESS_TEST_HOLD_AFTER``: once that many batches are logged, the next one creates
    ``<log>.held`` and waits until the process is interrupted or killed. So the test
    decides when the run stops, however slow or loaded the machine is: nothing depends on
    a pause racing the test's polling.
    """
    import os
    import time

    marker = os.environ.get("HARNESS_TEST_BATCH_LOG")
    hold_after = os.environ.get("HARNESS_TEST_HOLD_AFTER")
    if marker and hold_after is not None and logged_batches(marker) >= int(hold_after):
        with open(f"{marker}.held", "w", encoding="utf-8"):
            pass
        time.sleep(HOLD_LIMIT_S)
    answers = word_rules(batch)
    if marker:
        with open(marker, "a", encoding="utf-8") as handle:
            handle.write(f"{len(batch)}\n")
    return answers


def is_held(marker: str) -> bool:
    """Whether ``held_rules`` is holding the run (everything before the held batch is done)."""
    import os

    return os.path.exists(f"{marker}.held")


def logged_batches(marker: str) -> int:
    """Batches ``held_rules`` has finished (lines of its log; 0 before the first)."""
    try:
        with open(marker, encoding="utf-8") as handle:
            return sum(1 for line in handle if line.strip())
    except FileNotFoundError:
        return 0
