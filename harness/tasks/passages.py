"""Passages and questions as text: sentences with offsets, content words, answer types.

Shared by the reading-comprehension baseline (``harness.models.reading_reference``)
and the passage transforms (``harness.transforms.passage``, ``.distractor``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "did",
        "do",
        "does",
        "has",
        "have",
        "had",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "many",
        "much",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "as",
        "into",
        "than",
        "then",
        "there",
        "their",
        "they",
        "he",
        "she",
        "his",
        "her",
        "not",
        "no",
        "after",
        "before",
        "during",
        "about",
        "over",
        "under",
        "between",
    ]
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their character offsets in ``text``.

    >>> [s.text for s in split_sentences("It rained. Then it stopped! Fine.")]
    ['It rained.', 'Then it stopped!', 'Fine.']
    """
    sentences = []
    position = 0
    for boundary in SENTENCE_END.finditer(text):
        piece = text[position : boundary.start() + len(boundary.group(0).rstrip())]
        if piece.strip():
            offset = position + (len(piece) - len(piece.lstrip()))
            sentences.append(Sentence(offset, offset + len(piece.strip()), piece.strip()))
        position = boundary.end()
    tail = text[position:]
    if tail.strip():
        offset = position + (len(tail) - len(tail.lstrip()))
        sentences.append(Sentence(offset, offset + len(tail.strip()), tail.strip()))
    return sentences


def content_words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if w.lower() not in STOP}


def answer_type(question: str) -> str:
    """The answer type the question asks for, from its wh-phrase.

    >>> answer_type("How many workers did the mill employ?"), answer_type("Who built it?")
    ('number', 'person')
    """
    q = question.lower()
    if re.search(r"\bhow (many|much|long|old|far|tall|big)\b|\bwhat (percentage|number)\b", q):
        return "number"
    if re.search(r"\bwhen\b|\bwhat (year|date|day|month|time)\b|\bwhich (year|day|month)\b", q):
        return "date"
    if re.search(r"\bwho(m|se)?\b", q):
        return "person"
    if re.search(r"\bwhere\b|\bwhich (city|country|town|village|place|region)\b", q):
        return "location"
    if re.search(r"\bwhich (company|organi[sz]ation|firm|group|team|agency)\b", q):
        return "organization"
    return "thing"
