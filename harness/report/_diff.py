"""Word-level differences between an original text and its perturbed variant.

The report builds the highlighted markup from these pieces with autoescaping on,
so no piece of data is ever trusted as HTML.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Words and the whitespace between them, so joining the tokens gives the text back.
_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class DiffPiece:
    """A run of text on one side: ``kind`` is ``equal``, ``removed``, ``added`` or ``changed``."""

    kind: str
    text: str


@dataclass(frozen=True)
class WordDiff:
    original: list[DiffPiece]
    perturbed: list[DiffPiece]

    @property
    def changed(self) -> bool:
        return any(piece.kind != "equal" for piece in self.original + self.perturbed)


def tokenize(text: str) -> list[str]:
    """Split into words and whitespace runs.

    >>> tokenize("a  dog ran")
    ['a', '  ', 'dog', ' ', 'ran']
    """
    return _TOKEN.findall(text)


def word_diff(original: object, perturbed: object) -> WordDiff:
    """Pieces of both texts, marking the words that differ.

    >>> d = word_diff("The dog ran.", "The cat ran.")
    >>> [(p.kind, p.text) for p in d.perturbed]
    [('equal', 'The '), ('changed', 'cat'), ('equal', ' ran.')]
    """
    a = tokenize("" if original is None else str(original))
    b = tokenize("" if perturbed is None else str(perturbed))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left: list[DiffPiece] = []
    right: list[DiffPiece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            _append(left, "equal", old)
            _append(right, "equal", new)
        elif tag == "delete":
            _append(left, "removed", old)
        elif tag == "insert":
            _append(right, "added", new)
        else:
            _append(left, "changed", old)
            _append(right, "changed", new)
    return WordDiff(left, right)


def _append(pieces: list[DiffPiece], kind: str, text: str) -> None:
    if not text:
        return
    # Whitespace-only changes read better merged into the neighbouring equal text.
    if kind != "equal" and not text.strip():
        kind = "equal"
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = DiffPiece(kind, pieces[-1].text + text)
    else:
        pieces.append(DiffPiece(kind, text))
