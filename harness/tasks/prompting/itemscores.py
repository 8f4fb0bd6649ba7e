"""A prompted item's per-variant scores, in the test's label space (after label_mapping).

    acc, acc_char, acc_byte, acc_token, acc_pmi   1 when the variant's label is gold
    acc_calibrated, brier_calibrated              the calibrated probabilities' label and Brier
    confidence_calibrated                         the calibrated top-label probability (ECE)

A variant's label is mapped like the main prediction (``neutral`` → ``non-entailment``);
calibrated probabilities of collapsed labels add up, as the main probabilities do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def prompted_item_scores(
    raw: Mapping[str, Any],
    gold: str,
    labels: Sequence[str],
    test_labels: Sequence[str],
    collapse: np.ndarray,
    mapping: Mapping[str, str],
) -> dict[str, float]:
    scores: dict[str, float] = {}
    for name, label in raw.get("variants", {}).items():
        scores[name] = float(mapping.get(label, label) == gold)
    calibrated = raw.get("calibrated")
    if calibrated:
        vector = np.array([float(calibrated.get(label, 0.0)) for label in labels]) @ collapse
        predicted = test_labels[int(np.argmax(vector))]
        onehot = np.array([float(label == gold) for label in test_labels])
        scores["acc_calibrated"] = float(predicted == gold)
        scores["brier_calibrated"] = float(np.sum((vector - onehot) ** 2))
        scores["confidence_calibrated"] = float(vector.max())
    return scores
