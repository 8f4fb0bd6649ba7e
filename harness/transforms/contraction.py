"""``contraction``: "do not" ↔ "don't", both ways (label-preserving).

Expansion only uses contractions with one reading: "'s" (is/has, or a possessive) and
"'d" (had/would) are never expanded, because a wrong guess changes the meaning.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import ClassVar, Literal

from harness.core import Example
from harness.options import Options
from harness.transforms._common import (
    Draft,
    build_variants,
    describe_changes,
    match_case,
    present_fields,
)

#: Expanded form -> contracted form. Written for this project.
CONTRACTIONS: dict[str, str] = {
    "are not": "aren't",
    "can not": "can't",
    "cannot": "can't",
    "could not": "couldn't",
    "did not": "didn't",
    "does not": "doesn't",
    "do not": "don't",
    "had not": "hadn't",
    "has not": "hasn't",
    "have not": "haven't",
    "he is": "he's",
    "he will": "he'll",
    "i am": "i'm",
    "i have": "i've",
    "i will": "i'll",
    "is not": "isn't",
    "it is": "it's",
    "let us": "let's",
    "must not": "mustn't",
    "she is": "she's",
    "she will": "she'll",
    "should not": "shouldn't",
    "that is": "that's",
    "there is": "there's",
    "they are": "they're",
    "they have": "they've",
    "they will": "they'll",
    "was not": "wasn't",
    "we are": "we're",
    "we have": "we've",
    "we will": "we'll",
    "were not": "weren't",
    "will not": "won't",
    "would not": "wouldn't",
    "you are": "you're",
    "you have": "you've",
    "you will": "you'll",
}

#: Contracted form -> expanded form, for the unambiguous ones ("'s" and "'d" are left out).
EXPANSIONS: dict[str, str] = {
    contracted: expanded
    for expanded, contracted in CONTRACTIONS.items()
    if not contracted.endswith("'s") and expanded != "can not"
} | {"let's": "let us"}


def _pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    # Longest first, so "cannot" wins over shorter overlaps; ’ counts as an apostrophe.
    ordered = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(
        re.escape(p).replace("'", "['’]").replace(r"\ ", r"\s+") for p in ordered
    )
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’])", re.IGNORECASE)


_CONTRACT = _pattern(list(CONTRACTIONS))
_EXPAND = _pattern(list(EXPANSIONS))


# A pronoun right after "isn't"/"don't" means a question or tag ("..., isn't it?").
_INVERTED_SUBJECT = re.compile(r"\s+(?:it|he|she|they|we|you|i|there|that|this)\b", re.IGNORECASE)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'"))


def _rewrite(text: str, pattern: re.Pattern[str], table: dict[str, str]) -> tuple[str, list]:
    changes = []

    def substitute(match: re.Match[str]) -> str:
        old = match.group()
        normal = _normal(old)
        if normal.endswith("n't") and _INVERTED_SUBJECT.match(text, match.end()):
            return old  # "Isn't it?" must not become "Is not it?"
        new = match_case(old, table[normal])
        if normal.startswith(("i ", "i'")):
            new = "I" + new[1:]  # the pronoun is always capitalised
        changes.append((old, new))
        return new

    return pattern.sub(substitute, text), changes


class ContractionTransform:
    """Contract expanded forms ("do not" → "don't") and expand contractions ("isn't" → "is not").

    ``direction: both`` gives up to two variants: one contracting, one expanding.
    """

    description: ClassVar[str] = '"do not" <-> "don\'t", both ways'

    class Options(Options):
        direction: Literal["contract", "expand", "both"] = "both"

    name = "contraction"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        directions = ["contract", "expand"] if options.direction == "both" else [options.direction]
        drafts = []
        for index, direction in enumerate(directions):
            pattern, table = (
                (_CONTRACT, CONTRACTIONS) if direction == "contract" else (_EXPAND, EXPANSIONS)
            )
            new_fields = {}
            changes: list = []
            for field in present_fields(example, fields):
                text, field_changes = _rewrite(example.fields[field], pattern, table)
                if field_changes:
                    new_fields[field] = text
                    changes.extend(field_changes)
            if changes:
                drafts.append(Draft(index, new_fields, describe_changes(changes)))
        return build_variants(example, self.name, options, drafts)
