"""Scriptable reading-comprehension models for the python: adapter (kept apart from
mock_models.py, whose file hash is part of the golden results' model fingerprint)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def last_capitalised_word(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """An extract_span callable: the passage's last capitalised word not in the question
    (so a distractor sentence inserted late in the passage fools it)."""
    answers = []
    for request in batch:
        question = set(request["question"].split())
        words = [w.strip(".,;:!?") for w in request["context"].split()]
        names = [w for w in words if w[:1].isupper() and w not in question]
        answers.append(names[-1] if names else "")
    return answers


def generative_reader(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """A generate callable: abstains in words when the prompt mentions 'capital'."""
    return ["Unanswerable." if "capital" in r["prompt"] else " Paris\nmore" for r in batch]
