"""Scriptable mock models for fast tests, used through the real ``python`` adapter.

    harness run suite.yaml --model python:helpers.mock_models:word_rules

``word_rules`` is deterministic and gives graded probabilities, so metrics,
calibration and caching can be checked without a neural model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

CALLS: list[int] = []  # batch sizes seen, for tests that count model calls


def _words(text: str) -> set[str]:
    return {word.strip(".,!?;:").lower() for word in text.split()}


def word_rules(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """Contradiction when the hypothesis adds a negation, entailment when it only reuses
    premise words, neutral otherwise; confidence grows with word overlap."""
    CALLS.append(len(batch))
    answers = []
    for fields in batch:
        premise, hypothesis = _words(fields["premise"]), _words(fields["hypothesis"])
        overlap = len(premise & hypothesis) / max(len(hypothesis), 1)
        if ({"not", "no", "never", "nobody"} & hypothesis) - premise:
            top, other = "contradiction", ("entailment", "neutral")
        elif hypothesis <= premise:
            top, other = "entailment", ("neutral", "contradiction")
        else:
            top, other = "neutral", ("entailment", "contradiction")
        confidence = 0.4 + 0.5 * overlap
        rest = (1 - confidence) / 2
        answers.append({top: confidence, other[0]: rest, other[1]: rest})
    return answers


def always_entailment(batch: Sequence[Mapping[str, str]]) -> list[str]:
    return ["entailment" for _ in batch]


def slow_rules(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """``word_rules`` that takes its time and leaves a mark per batch (for kill/resume tests)."""
    import os
    import time

    marker = os.environ.get("HARNESS_TEST_BATCH_LOG")
    time.sleep(float(os.environ.get("HARNESS_TEST_BATCH_SECONDS", "0.3")))
    answers = word_rules(batch)
    if marker:
        with open(marker, "a", encoding="utf-8") as handle:
            handle.write(f"{len(batch)}\n")
    return answers
