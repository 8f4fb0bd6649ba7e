"""Surface formatting that should not change a label: ``case``, ``punctuation``, ``whitespace``."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import ClassVar, Literal

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.transforms._common import Draft, build_variants, present_fields

# A letter that starts a word: not after a letter, digit or apostrophe ("don't" stays "Don't").
_WORD_START = re.compile(r"(?<![\w'’])([a-z])")
_FINAL_PUNCTUATION = re.compile(r"[.!?]+(?=[\"'’”)\]]*\s*$)")


def title_case(text: str) -> str:
    """Capitalise the first letter of each word, leaving the rest as written.

    >>> title_case("the man doesn't sleep")
    "The Man Doesn't Sleep"
    """
    return _WORD_START.sub(lambda match: match.group(1).upper(), text)


class CaseTransform:
    """Rewrite the perturbed fields in lower case, UPPER CASE or Title Case."""

    description: ClassVar[str] = "lower, UPPER or Title case"

    class Options(Options):
        mode: Literal["lower", "upper", "title"] = "lower"

    name = "case"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        change = {"lower": str.lower, "upper": str.upper, "title": title_case}[options.mode]
        new_fields = {
            field: change(example.fields[field]) for field in present_fields(example, fields)
        }
        new_fields = {k: v for k, v in new_fields.items() if v != example.fields[k]}
        if not new_fields:
            return []
        description = f"{options.mode} case: {', '.join(sorted(new_fields))}"
        return build_variants(example, self.name, options, [Draft(0, new_fields, description)])


class PunctuationTransform:
    """Strip the final ``.``/``!``/``?`` of each perturbed field, or add ``mark`` where none is."""

    description: ClassVar[str] = "strip or add final punctuation"

    class Options(Options):
        mode: Literal["strip", "add"] = "strip"
        mark: Literal[".", "!", "?"] = "."

    name = "punctuation"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        new_fields = {}
        for field in present_fields(example, fields):
            text = example.fields[field]
            if options.mode == "strip":
                changed = _FINAL_PUNCTUATION.sub("", text, count=1)
            else:
                stripped = text.rstrip()
                has_final = _FINAL_PUNCTUATION.search(stripped) or not stripped
                changed = text if has_final else stripped + options.mark + text[len(stripped) :]
            if changed != text:
                new_fields[field] = changed
        if not new_fields:
            return []
        action = (
            "stripped final punctuation" if options.mode == "strip" else f"added '{options.mark}'"
        )
        description = f"{action}: {', '.join(sorted(new_fields))}"
        return build_variants(example, self.name, options, [Draft(0, new_fields, description)])


#: What a single space between words may become.
EXTRA_WHITESPACE = ("  ", "   ", "\t", " \t", "\t ")
_SINGLE_SPACE = re.compile(r"(?<=\S) (?=\S)")


class WhitespaceTransform:
    """Widen the spaces between words with extra spaces and tabs.

    Each single space becomes one of ``"  "``, ``"   "``, ``"\\t"``, ``" \\t"``, ``"\\t "``
    with probability ``rate`` (at least one per field; tabs only when ``tabs``).
    """

    description: ClassVar[str] = "extra spaces and tabs between words"

    class Options(Options):
        rate: float = Field(default=0.25, gt=0, le=1)
        tabs: bool = True
        n_variants: int = Field(default=1, ge=1, le=20)

    name = "whitespace"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        replacements = [r for r in EXTRA_WHITESPACE if options.tabs or "\t" not in r]
        gaps_by_field = {
            field: [m.start() for m in _SINGLE_SPACE.finditer(example.fields[field])]
            for field in present_fields(example, fields)
        }
        gaps_by_field = {field: gaps for field, gaps in gaps_by_field.items() if gaps}
        if not gaps_by_field:
            return []
        drafts = []
        for index in range(options.n_variants):
            new_fields = {}
            for field, gaps in gaps_by_field.items():
                text = example.fields[field]
                chosen = {g for g in gaps if rng.random() < options.rate} or {rng.choice(gaps)}
                new_fields[field] = "".join(
                    rng.choice(replacements) if i in chosen else char for i, char in enumerate(text)
                )
            description = f"extra whitespace: {', '.join(sorted(new_fields))}"
            drafts.append(Draft(index, new_fields, description))
        return build_variants(example, self.name, options, drafts)
