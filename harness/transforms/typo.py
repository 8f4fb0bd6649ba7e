"""``typo``: character-level noise a fast typist makes (label-preserving).

Four edits, each applied to one character of a word of at least ``min_word_length``
letters: a QWERTY keyboard neighbour replaces a letter (``keyboard``), two adjacent
letters trade places (``swap``), a letter goes missing (``delete``) or a neighbour of
a letter is typed after it (``insert``). ``kind: mix`` draws the edit per word.

An edit that makes another English word ("wheel" → "heel", "tricks" → "ticks") is no
typo a reader sees through: it can change the meaning ("riding on one heel"). Such an
edit is drawn again (up to ``REDRAWS`` times) and otherwise *rejected*, counted per
reason beside the skips.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from typing import ClassVar, Literal

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.transforms._common import (
    WORD,
    Draft,
    build_variants,
    describe_changes,
    present_fields,
    splice,
)
from harness.transforms.base import Variants

#: How many times an edit that made an English word is drawn again.
REDRAWS = 3

#: The three letter rows of a QWERTY keyboard and how far each is shifted right.
KEYBOARD_ROWS = (("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75))


def _keyboard_neighbours() -> dict[str, str]:
    """Letter -> the letters whose keys touch it (same row ±1, rows above and below)."""
    position = {
        key: (column + shift, row)
        for row, (keys, shift) in enumerate(KEYBOARD_ROWS)
        for column, key in enumerate(keys)
    }
    neighbours = {}
    for key, (x, y) in position.items():
        near = [
            other
            for other, (ox, oy) in position.items()
            if other != key and abs(oy - y) <= 1 and abs(ox - x) <= (1.0 if oy == y else 0.76)
        ]
        neighbours[key] = "".join(sorted(near))
    return neighbours


#: e.g. ``KEYBOARD_NEIGHBOURS["g"] == "bfhtvy"``.
KEYBOARD_NEIGHBOURS = _keyboard_neighbours()

EDIT_KINDS = ("keyboard", "swap", "delete", "insert")


def _with_case(reference: str, letter: str) -> str:
    return letter.upper() if reference.isupper() else letter


def typo_word(word: str, kind: str, rng: random.Random) -> str:
    """One edit of ``kind`` in ``word``; returns ``word`` unchanged when none is possible."""
    letters = [i for i, char in enumerate(word) if char.isalpha()]
    if kind == "keyboard":
        i = rng.choice(letters)
        choices = KEYBOARD_NEIGHBOURS.get(word[i].lower(), "")
        return (
            word[:i] + _with_case(word[i], rng.choice(choices)) + word[i + 1 :] if choices else word
        )
    if kind == "swap":
        # Only pairs of different letters: swapping "ll" changes nothing.
        pairs = [
            i
            for i in range(len(word) - 1)
            if word[i] != word[i + 1] and word[i + 1].isalpha() and word[i].isalpha()
        ]
        if not pairs:
            return word
        i = rng.choice(pairs)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "delete":
        i = rng.choice(letters)
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        i = rng.choice(letters)
        choices = KEYBOARD_NEIGHBOURS.get(word[i].lower(), "")
        if not choices:
            return word
        return word[: i + 1] + _with_case(word[i], rng.choice(choices)) + word[i + 1 :]
    raise ValueError(f"unknown typo kind '{kind}'")


def is_english_word(word: str) -> bool:
    """Whether ``word`` (any case) is an English function word or a form lemminflect knows.

    lemminflect lists nouns, verbs, adjectives and adverbs only; scikit-learn's stop
    words add "at", "an", "the", "of", ...
    """
    from lemminflect import getAllLemmas
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    lower = word.lower()
    return lower in ENGLISH_STOP_WORDS or bool(getAllLemmas(lower))


class TypoTransform:
    """Keyboard-neighbour, swap, deletion and insertion typos in words of 3+ letters.

    ``rate`` is the fraction of eligible words to edit (at least one, at most
    ``max_edits``), counted over all perturbed fields together.
    """

    description: ClassVar[str] = "keyboard-neighbour, swap, deletion and insertion typos"

    class Options(Options):
        kind: Literal["keyboard", "swap", "delete", "insert", "mix"] = "mix"
        rate: float = Field(default=0.1, gt=0, le=1)
        max_edits: int = Field(default=2, ge=1)
        min_word_length: int = Field(default=3, ge=2)
        n_variants: int = Field(default=1, ge=1, le=20)

    name = "typo"
    # The option that switches what the transform does (its validity is judged per mode).
    mode_option = "kind"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        candidates = [
            (field, match.start(), match.end())
            for field in present_fields(example, fields)
            for match in WORD.finditer(example.fields[field])
            if len(match.group()) >= options.min_word_length
        ]
        if not candidates:
            return []
        n_edits = min(
            options.max_edits, len(candidates), max(1, round(options.rate * len(candidates)))
        )
        drafts = []
        rejected: Counter[str] = Counter()
        for index in range(options.n_variants):
            edits: dict[str, list[tuple[int, int, str]]] = {}
            changes = []
            for field, start, end in sorted(rng.sample(candidates, n_edits)):
                word = example.fields[field][start:end]
                for _ in range(1 + REDRAWS):
                    kind = rng.choice(EDIT_KINDS) if options.kind == "mix" else options.kind
                    new = typo_word(word, kind, rng)
                    if new == word or not is_english_word(new):
                        break
                else:
                    rejected["typo made another English word"] += 1
                    continue
                if new != word:
                    edits.setdefault(field, []).append((start, end, new))
                    changes.append((word, new))
            if not changes:
                continue
            new_fields = {
                field: splice(example.fields[field], spans) for field, spans in edits.items()
            }
            drafts.append(Draft(index, new_fields, describe_changes(changes)))
        kept = build_variants(example, self.name, options, drafts)
        return Variants(kept, rejected) if rejected else kept
