"""Scriptable mock models for fast tests, used through the real ``python`` adapter.

    harness run suite.yaml --model python:helpers.mock_models:word_rules

``word_rules`` is deterministic and gives graded probabilities, so metrics,
calibration and caching can be checked without a neural model.
"""

from __future__ import annotations

import re
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


# --- other tasks: answers that a test can work out by hand ------------------------------


def _content_words(text: str) -> list[str]:
    return [word.strip(".,!?;:").lower() for word in text.split() if word.strip(".,!?;:")]


def overlap_loglikelihood(batch: Sequence[Mapping[str, str]]) -> list[tuple[float, bool]]:
    """log P(continuation | context) := −(continuation words absent from the context).

    A choice that the context mentions scores 0 and wins; greedy when it scores 0.
    """
    answers = []
    for request in batch:
        context = set(_content_words(request["context"]))
        missing = sum(1 for word in _content_words(request["continuation"]) if word not in context)
        answers.append((-float(missing), missing == 0))
    return answers


def shortest_choice_loglikelihood(batch: Sequence[Mapping[str, str]]) -> list[float]:
    """A worse multiple-choice model: prefers the shortest continuation, ignoring the context."""
    return [-float(len(request["continuation"])) for request in batch]


def last_word_span(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """Extractive QA: the context's last word, without its punctuation."""
    return [request["context"].split()[-1].strip(".,!?;:") for request in batch]


def echo_last_line(batch: Sequence[Mapping[str, object]]) -> list[str]:
    """Generation: the prompt's last line, upper-cased (case is normalised away by EM)."""
    return [str(request["prompt"]).splitlines()[-1].upper() for request in batch]


def not_detector(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """Contradiction (0.9) exactly when the hypothesis contains the word "not", else
    entailment (0.9): a decision that rests on one known word, for occlusion tests."""
    CALLS.append(len(batch))
    answers = []
    for fields in batch:
        negated = "not" in _words(fields["hypothesis"])
        top = "contradiction" if negated else "entailment"
        other = ("entailment", "neutral") if negated else ("neutral", "contradiction")
        answers.append({top: 0.9, other[0]: 0.05, other[1]: 0.05})
    return answers


def entailment_outside_mixed(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """``word_rules`` on the "mixed" rows of ``helpers.suites.nli_rows`` (day 1, 5, 9,
    ...), "entailment" elsewhere: worse on the negation and addition rows than on
    mixed rows of the same gold label, so their slices are findings like with like."""
    answers = word_rules(batch)
    for index, fields in enumerate(batch):
        day = re.search(r"day (\d+)", fields.get("premise", ""))
        if day is None or (int(day.group(1)) - 1) % 4:
            answers[index] = {"entailment": 0.9, "neutral": 0.05, "contradiction": 0.05}
    return answers
