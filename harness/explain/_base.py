"""Word attributions: which words of an input drove a model's prediction.

An ``Attributor`` scores every word of the explained fields for the label the model
predicted: positive means the word pushed the model towards that label. Two methods:

* leave-one-word-out occlusion (``_occlusion.py``) for any classifier, black boxes
  included (``python:``, ``sklearn:``, served models): score = p(label | input) −
  p(label | input without the word);
* integrated gradients through captum (``_gradients.py``) for ``hf-classifier``:
  token attributions on the input embeddings, summed per word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from harness.core import ItemResult

_WORD = re.compile(r"\S+")


def words_of(text: str) -> list[tuple[str, int, int]]:
    """Whitespace-separated words with their character offsets.

    >>> words_of("Not a <b>cat</b>.")
    [('Not', 0, 3), ('a', 4, 5), ('<b>cat</b>.', 6, 17)]
    """
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


@dataclass(frozen=True)
class WordScore:
    word: str
    score: float

    def to_json(self) -> list[Any]:
        return [self.word, self.score]


@dataclass(frozen=True)
class ItemAttribution:
    """Word scores per field for one item, towards ``label``.

    ``details`` holds method-specific checks (integrated gradients: the output
    difference from the baseline, the attributions' total and captum's delta).
    """

    test: str
    id: str
    label: str
    method: str
    fields: Mapping[str, Sequence[WordScore]]
    details: Mapping[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "method": self.method,
            "fields": {name: [w.to_json() for w in words] for name, words in self.fields.items()},
            "details": dict(self.details),
        }


class Attributor(Protocol):
    """Scores the words of ``fields`` for each item's predicted label."""

    method: str

    def attribute(
        self, items: Sequence[ItemResult], fields: Sequence[str]
    ) -> list[ItemAttribution]: ...
