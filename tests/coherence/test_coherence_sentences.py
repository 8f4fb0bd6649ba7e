"""Sentence splitting of generated text: abbreviations, initials, quotes, numbers, lines."""

from __future__ import annotations

import pytest

from harness.coherence.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # Titles and Latin abbreviations do not end a sentence.
        (
            "Dr. Smith met Mrs. Jones at St. Mary's. They talked.",
            ["Dr. Smith met Mrs. Jones at St. Mary's.", "They talked."],
        ),
        (
            "Some fruits, e.g. Apples, keep well. Others do not.",
            ["Some fruits, e.g. Apples, keep well.", "Others do not."],
        ),
        (
            "He moved to the U.S. In 1990 he opened a shop.",
            ["He moved to the U.S. In 1990 he opened a shop."],  # merged, never split wrongly
        ),
        # Initials.
        ("J. K. Rowling wrote it. It sold well.", ["J. K. Rowling wrote it.", "It sold well."]),
        # A decimal point is no boundary; a full stop after a number is.
        (
            "It weighs 3.5 kg. It was built in 1920. Then it broke.",
            ["It weighs 3.5 kg.", "It was built in 1920.", "Then it broke."],
        ),
        # "No." before a number abbreviates; as an answer it is a sentence.
        (
            "He lives at No. 5 Elm Road. No. He moved.",
            ["He lives at No. 5 Elm Road.", "No.", "He moved."],
        ),
        # Quotes: the closing quote stays with its sentence; a lowercase word after a
        # quoted question or exclamation continues the sentence.
        (
            'She said, "Stop." Then she left.',
            ['She said, "Stop."', "Then she left."],
        ),
        (
            '"Are you there?" he asked. Nobody answered.',
            ['"Are you there?" he asked.', "Nobody answered."],
        ),
        (
            "He shouted “Run!” and they ran. “Why?” Nobody knew.",
            ["He shouted “Run!” and they ran.", "“Why?”", "Nobody knew."],
        ),
        # Question marks, exclamation marks and ellipses.
        ("Is it late? Yes! Wait... Go on.", ["Is it late?", "Yes!", "Wait...", "Go on."]),
        # Lines and numbered lists.
        (
            "First line\nSecond line.\n\n1. Eggs\n2. Milk",
            ["First line", "Second line.", "1. Eggs", "2. Milk"],
        ),
        # Lowercase after a full stop: no boundary (generated text is not always tidy).
        ("it rained. then it stopped.", ["it rained. then it stopped."]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_point_into_the_text() -> None:
    text = '  Dr. Lee arrived.\nShe said "Hi." Then  she sat down. '
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.start for s in split_sentences(text)] == [2, 19, 34]
