"""A mock model whose numbers depend on batch composition, for cache-independence tests.

Kept apart from mock_models.py: the golden results.json holds that module's fingerprint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers.mock_models import word_rules

CALLS: list[int] = []


def batch_sensitive_rules(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """``word_rules`` whose last digits depend on the batch's size, as padding does in a
    real network; fails after ``HARNESS_TEST_FAIL_AFTER`` batches when that is set (a
    run that dies half-way, leaving its finished batches in the cache)."""
    import os

    limit = os.environ.get("HARNESS_TEST_FAIL_AFTER")
    if limit is not None:
        CALLS.append(len(batch))
        if len(CALLS) > int(limit):
            raise RuntimeError("the model died half-way")
    answers = word_rules(batch)
    shifted = []
    for answer in answers:
        top = max(answer, key=answer.__getitem__)
        nudge = 1e-7 * (len(batch) % 5)
        row = {label: value - nudge / 2 for label, value in answer.items()}
        row[top] = answer[top] + nudge
        shifted.append(row)
    return shifted
