"""A sampling classifier with a known run-to-run flip rate, for the noise-floor tests.

    harness run suite.yaml --model python:helpers.noisy_models:sampled_nli --repeats 3

Each time an item is asked, the gold-looking answer comes with probability 1 − q and one
fixed wrong label with probability q (q = ``WRONG_SHARE``), independently per request:
two runs disagree on an item with probability 2·q·(1 − q). The draws come from one
generator seeded when the module loads, so a process's whole run (its repeats included)
is reproducible while each repeat sees fresh draws.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from helpers.mock_models import word_rules

WRONG_SHARE = 0.2
#: Two runs disagree on an item with this probability.
EXPECTED_FLIP_RATE = 2 * WRONG_SHARE * (1 - WRONG_SHARE)

_draws = random.Random(20261207)


def sampled_nli(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """``word_rules``'s top label, replaced by a fixed other label with probability q."""
    answers = []
    for probabilities in word_rules(batch):
        top = max(probabilities, key=probabilities.__getitem__)
        if _draws.random() < WRONG_SHARE:
            labels = sorted(probabilities)
            top = labels[(labels.index(top) + 1) % len(labels)]
        answers.append({label: 0.9 if label == top else 0.05 for label in probabilities})
    return answers
