"""Word attributions: which words of an input drove a model's prediction.

An ``Attributor`` scores every word of the explained fields for the label the model
predicted (for a collapsed label such as "non-entailment", the sum of its members'
probabilities): positive means the word pushed the model towards that label. Two methods:

* leave-one-word-out occlusion (``_occlusion.py``) for any classifier, black boxes
  included (``python:``, ``sklearn:``, served models): score = p(label | input) −
  p(label | input without the word);
* integrated gradients (``_gradients.py``) for ``hf-classifier`` and the reference
  model: token attributions on the input embeddings, summed per word.

An explanation keeps the ``TOP_WORDS_PER_FIELD`` words of largest absolute score of
each field (all of them for a field no longer than that), each with its position among
the field's words, and counts the rest (``omitted``): its size is bounded whatever the
input's length.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from harness.core import ItemResult

_WORD = re.compile(r"\S+")
#: Words an explanation keeps per field: the largest absolute scores (ties: the earlier word).
TOP_WORDS_PER_FIELD = 32


def words_of(text: str) -> list[tuple[str, int, int]]:
    """Whitespace-separated words with their character offsets.

    >>> words_of("Not a <b>cat</b>.")
    [('Not', 0, 3), ('a', 4, 5), ('<b>cat</b>.', 6, 17)]
    """
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


@dataclass(frozen=True)
class WordScore:
    """A word, its score, and its position among the words of its field (``words_of``)."""

    word: str
    score: float
    position: int = 0

    def to_json(self) -> list[Any]:
        return [self.word, self.score, self.position]


def top_words(
    words: Sequence[WordScore], k: int = TOP_WORDS_PER_FIELD
) -> tuple[list[WordScore], int]:
    """The ``k`` words of largest absolute score, in text order, and how many were left out.

    >>> kept, left_out = top_words([WordScore("a", 0.1, 0), WordScore("b", -0.9, 1),
    ...                             WordScore("c", 0.5, 2)], k=2)
    >>> [w.word for w in kept], left_out
    (['b', 'c'], 1)
    """
    if len(words) <= k:
        return list(words), 0
    chosen = sorted(range(len(words)), key=lambda i: (-abs(words[i].score), i))[:k]
    return [words[i] for i in sorted(chosen)], len(words) - k


@dataclass(frozen=True)
class ItemAttribution:
    """Word scores per field for one item, towards ``label``.

    ``members`` are the labels whose probabilities the explained one adds up (more than
    one for a collapsed label). ``details`` holds method-specific checks (integrated
    gradients: the output and baseline output, the attributions' total, the completeness
    error ``delta``, the steps taken and whether the error is within the tolerance).
    An attribution with no ``fields`` explains nothing (the model gave no probability of
    the label) and is not counted as explained.
    """

    test: str
    id: str
    label: str
    method: str
    fields: Mapping[str, Sequence[WordScore]]
    details: Mapping[str, Any] = field(default_factory=dict)
    members: tuple[str, ...] = ()
    #: Per field, words the method did not score (occlusion's cap on long inputs).
    unscored: Mapping[str, int] = field(default_factory=dict)

    @property
    def explained(self) -> bool:
        return any(self.fields.values())

    def to_json(self, k: int = TOP_WORDS_PER_FIELD) -> dict[str, Any]:
        """The JSON form, keeping the ``k`` largest words of each field."""
        fields: dict[str, list[list[Any]]] = {}
        omitted: dict[str, int] = {}
        for name, words in self.fields.items():
            kept, left_out = top_words(words, k)
            fields[name] = [w.to_json() for w in kept]
            if left_out + self.unscored.get(name, 0):
                omitted[name] = left_out + self.unscored.get(name, 0)
        record: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "method": self.method,
            "fields": fields,
            "details": dict(self.details),
        }
        if len(self.members) > 1:
            record["members"] = list(self.members)
        if omitted:
            record["omitted"] = omitted
        return record


class Attributor(Protocol):
    """Scores the words of ``fields`` for each item, towards ``targets``: per item, the
    labels whose probabilities add up to the explained one (default: the predicted label)."""

    method: str

    def attribute(
        self,
        items: Sequence[ItemResult],
        fields: Sequence[str],
        targets: Sequence[Sequence[str]] | None = None,
    ) -> list[ItemAttribution]: ...
