"""The lexical-overlap heuristic and the majority baseline on hand-made pairs."""

from __future__ import annotations

import pytest

from harness.analyses import (
    collapse_to_binary,
    content_words,
    majority_baseline,
    majority_label,
    overlap_heuristic_label,
)


@pytest.mark.parametrize(
    ("premise", "hypothesis", "expected"),
    [
        # Swapped arguments: the same words, so the heuristic says entailment.
        ("The doctor saw the lawyer.", "The lawyer saw the doctor.", "entailment"),
        # Case and punctuation do not matter.
        ("If the JUDGE slept, the cook ran!", "the judge slept", "entailment"),
        # Stop words of the hypothesis need not occur in the premise.
        ("Doctors sleep.", "The doctors were sleeping there.", "non-entailment"),
        ("The doctors sleep.", "The doctors were there.", "entailment"),
        # One new content word is enough to say non-entailment.
        ("The judge ran.", "The nurse ran.", "non-entailment"),
        ("A man plays a guitar.", "A man plays a red guitar.", "non-entailment"),
        # Word forms are not normalised: "ran" is not "run".
        ("The judge ran.", "The judge will run.", "non-entailment"),
        # A hypothesis of stop words only is trivially covered.
        ("Cats purr.", "It is not there.", "entailment"),
    ],
)
def test_overlap_heuristic_on_hand_made_pairs(premise: str, hypothesis: str, expected: str) -> None:
    assert overlap_heuristic_label(premise, hypothesis) == expected


def test_content_words() -> None:
    assert content_words("The doctors were sleeping, weren't they?") == [
        "doctors",
        "sleeping",
        "weren't",
    ]


def test_majority() -> None:
    assert majority_label(["neutral", "entailment", "neutral"]) == "neutral"
    # Ties follow the given order, then the name.
    assert majority_label(["b", "a"], order=["b", "a"]) == "b"
    assert majority_label(["b", "a"]) == "a"
    assert majority_baseline(["x", "y", "y"], ["y", "x", "y", "y"]) == ("y", 3)
    with pytest.raises(ValueError):
        majority_label([])


def test_collapse_to_binary() -> None:
    assert [collapse_to_binary(x) for x in ("entailment", "neutral", "contradiction", None)] == [
        "entailment",
        "non-entailment",
        "non-entailment",
        None,
    ]
