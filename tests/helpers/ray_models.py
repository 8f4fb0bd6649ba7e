"""Models for the Ray executor tests: one whose worker dies once, one that fails on a batch.

    harness run suite.yaml --executor ray --model python:helpers.ray_models:dies_once

Kept apart from ``mock_models`` so that other runs' model fingerprints (a hash of the
module's source) do not change when this file does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from helpers.mock_models import word_rules

#: Set in the Ray workers' environment by the tests' cluster (never in the driver).
ARM_DIRECTORY_VARIABLE = "HARNESS_RAY_TEST_DIR"
ARM_FILE = "die-once"


def dies_once(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """``word_rules``, except that the first worker to see an armed file ends its process.

    Removing the file is atomic, so exactly one process claims it and dies the way a
    worker killed by the kernel (out of memory) does: no exception, no clean-up.
    """
    directory = os.environ.get(ARM_DIRECTORY_VARIABLE)
    if directory:
        try:
            (Path(directory) / ARM_FILE).unlink()
        except FileNotFoundError:
            pass
        else:
            os._exit(1)
    return word_rules(batch)


def fails_on_day_seven(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """``word_rules``, but a batch holding the premise of day 7 raises (a bug in the model)."""
    if any(fields["premise"].endswith("on day 7.") for fields in batch):
        raise ValueError("cannot read day 7")
    return word_rules(batch)
