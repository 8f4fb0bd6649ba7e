"""``filler``: discourse fillers ("honestly", "you know") that leave the content alone.

Fillers go where they cannot change what a sentence asserts: at the start, followed by
a comma ("Honestly, the man sleeps."), or at the end, before the final punctuation
("The man sleeps, you know."). Hedges such as "I think" or "maybe" are left out on
purpose: they weaken a claim, which can turn an entailment into a neutral pair.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import ClassVar, Literal

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.transforms._common import (
    Draft,
    build_variants,
    present_fields,
)

#: Fillers that open a sentence (followed by a comma).
START_FILLERS = ("honestly", "basically", "well", "so", "anyway", "to be honest", "okay so")
#: Fillers that close a sentence (after a comma, before the final punctuation).
END_FILLERS = ("you know", "honestly", "to be honest", "basically", "I mean")

# Sentence-initial words that are lowercased after an opening filler; anything else
# (a name, "I") keeps its capital.
_LOWERCASE_AFTER_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "you",
        "there",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "one",
        "two",
        "three",
        "four",
        "five",
        "some",
        "many",
        "several",
        "every",
        "each",
        "all",
        "no",
    ]
)
_FINAL = re.compile(r"^(?P<body>.*?[^\s.!?])(?P<end>[.!?]*[\"'’”)]*\s*)$", re.DOTALL)


def add_filler(text: str, filler: str, position: str) -> str | None:
    """``text`` with ``filler`` at ``position`` ("start" or "end"); None if it cannot go there.

    >>> add_filler("The man sleeps.", "honestly", "start")
    'Honestly, the man sleeps.'
    >>> add_filler("The man sleeps.", "you know", "end")
    'The man sleeps, you know.'
    """
    match = _FINAL.match(text)
    if match is None:
        return None
    body, end = match.group("body"), match.group("end")
    if position == "start":
        leading = len(body) - len(body.lstrip())
        first, _, rest = body[leading:].partition(" ")
        if first.lower() in _LOWERCASE_AFTER_FILLER:
            first = first.lower()
        opened = filler[:1].upper() + filler[1:]
        return f"{body[:leading]}{opened}, {first}{' ' if rest else ''}{rest}{end}"
    if body.endswith((",", ";", ":")):
        return None
    return f"{body}, {filler}{end}"


class FillerTransform:
    """Insert one filler per perturbed field, at its start or its end (``position: any`` draws)."""

    description: ClassVar[str] = 'a filler ("honestly", "you know") at the start or end'

    class Options(Options):
        position: Literal["start", "end", "any"] = "any"
        start_fillers: list[str] = Field(default_factory=lambda: list(START_FILLERS), min_length=1)
        end_fillers: list[str] = Field(default_factory=lambda: list(END_FILLERS), min_length=1)
        n_variants: int = Field(default=1, ge=1, le=20)

    name = "filler"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        names = present_fields(example, fields)
        drafts = []
        for index in range(options.n_variants):
            new_fields = {}
            changes = []
            for field in names:
                text = example.fields[field]
                position = (
                    rng.choice(["start", "end"]) if options.position == "any" else options.position
                )
                pool = options.start_fillers if position == "start" else options.end_fillers
                filler = rng.choice(pool)
                changed = add_filler(text, filler, position)
                if changed is not None and changed != text:
                    new_fields[field] = changed
                    changes.append((position, filler))
            if new_fields:
                description = ", ".join(f"'{f}' at the {p}" for p, f in changes)
                drafts.append(Draft(index, new_fields, description))
        return build_variants(example, self.name, options, drafts)
