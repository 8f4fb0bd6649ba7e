"""Generated text split into sentences, for judging sentence pairs.

Rules, in the order they apply (``split_sentences``):

* a line break ends a sentence (generated text uses lines for paragraphs and lists);
* ``.``, ``!``, ``?`` or an ellipsis, with any closing quotes or brackets after it,
  ends a sentence when whitespace and then a capital letter, a digit or an opening
  quote or bracket follow: ``"Stop!" she said.`` stays one sentence;
* except after an abbreviation (``Dr.``, ``e.g.``, ``U.S.``, ``p.m.``, ...), an initial
  (``J. K. Rowling``) or a list number at the start of a line (``1. First``).

An abbreviation that really ends a sentence ("... at 5 p.m. Then ...") joins it to the
next: a missed boundary merges two sentences, so a contradiction between them goes
unjudged (never invented). ``harness.tasks.passages.split_sentences`` splits the
project's own passages, which have no abbreviations; generated text does.
"""

from __future__ import annotations

import re

from harness.tasks.passages import Sentence

#: Words that a full stop follows without ending the sentence (lowercase, no final dot).
#: Common words that are also abbreviations ("sat", "mar", "wed", "sun") are left out:
#: "The cat sat. Then ..." ends a sentence far more often than "Sat. 5 May" is written.
ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "ft", "rev", "fr", "sen",
    "rep", "gov", "gen", "capt", "lt", "sgt", "cpl", "pres",
    "e.g", "i.e", "cf", "vs", "etc", "al", "approx", "ca", "dept", "inc", "ltd", "co", "corp",
    "bros", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "tue", "tues", "thu", "thur", "thurs", "fri",
    "a.m", "p.m", "u.s", "u.k", "u.n", "u.s.a", "e.u", "b.c", "a.d", "ph.d",
))  # fmt: skip
#: Abbreviations that never end a sentence when a number follows ("No. 5", "p. 12").
NUMBER_ABBREVIATIONS = frozenset(
    ("no", "nos", "p", "pp", "vol", "vols", "fig", "figs", "ch", "sec")
)

# A sentence end: terminal punctuation, closing quotes or brackets, then whitespace
# before the next sentence's first character.
_END = re.compile(r"(?:\.{3}|…|[.!?]+)[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# The word just before a full stop, dots inside it kept ("e.g", "U.S").
_WORD_BEFORE = re.compile(r"([A-Za-z0-9](?:[A-Za-z0-9.]*[A-Za-z0-9])?)\.$")
_LIST_NUMBER = re.compile(r"(?:^|\n)\s*\d{1,3}\.$")


def _is_boundary(text: str, position: int, mark: str, next_char: str) -> bool:
    """Whether the punctuation ``mark`` ending at ``position`` ends a sentence."""
    if not mark.startswith(".") or mark.startswith("..."):
        return True
    before = text[:position]
    if _LIST_NUMBER.search(before):
        return False
    found = _WORD_BEFORE.search(before)
    if found is None:
        return True
    word = found.group(1)
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. K. Rowling"
    if word.lower() in NUMBER_ABBREVIATIONS:
        return not next_char.isdigit()
    return word.lower() not in ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their character offsets.

    >>> [s.text for s in split_sentences('Dr. Lee met Ms. Fox at 9 a.m. today. "Run!" she said. It was 3.5 km.')]
    ['Dr. Lee met Ms. Fox at 9 a.m. today.', '"Run!" she said.', 'It was 3.5 km.']
    >>> [s.text for s in split_sentences('He said, "Stop." Then he left.\\n1. Eggs\\n2. Milk')]
    ['He said, "Stop."', 'Then he left.', '1. Eggs', '2. Milk']
    """
    sentences: list[Sentence] = []
    line_start = 0
    for line in text.split("\n"):
        start = 0
        for end_match in _END.finditer(line):
            terminal = end_match.group(0).rstrip("\"'”’)]")
            following = line[end_match.end() :].lstrip()[:1]
            if not _is_boundary(line, end_match.start() + len(terminal), terminal, following):
                continue
            _add(sentences, line, start, end_match.end(), line_start)
            start = end_match.end()
        _add(sentences, line, start, len(line), line_start)
        line_start += len(line) + 1
    return sentences


def _add(sentences: list[Sentence], line: str, start: int, end: int, offset: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        begin = offset + start + (len(piece) - len(piece.lstrip()))
        sentences.append(Sentence(begin, begin + len(stripped), stripped))
