"""``number_change``: change the numbers of an example (digits and the words two–twelve).

Two modes, two claims:

* ``fields_mode: consistent`` (invariance): each number changes the same way in every
  perturbed field, so the gold label holds — as long as the numbers are independent of
  everything the swap leaves alone. ``arithmetic_relation`` rejects examples whose
  numbers are tied to each other (47 + 8 = 55; "fourth floor, two floors above";
  "twenty years" / "two decades"), and ``fixed_by_context`` those whose number the world
  or the text fixes ("five sets" at Wimbledon, "two front paws", "the largest of the
  three"). A measured number moves by one step (or a tenth), an age too, and a year
  stays in its decade, so the new value stays plausible.
* ``fields_mode: one_field`` (directional, entailment → contradiction): in the last
  perturbed field, a number shared with another field changes there only. That makes a
  contradiction only where the number counts or measures the same thing in both fields;
  ``number_role`` rejects the rest — a bound ("No one scored above 85" is still entailed
  with 118), a time ("By eight" / "by ten"), a comparison ("two floors above"), a number
  standing alone ("opens at nine") and one with a natural limit.

Every rejection is counted with its reason (``Variants.rejected``).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from typing import ClassVar, Literal

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.transforms._common import match_case, present_fields
from harness.transforms.base import Directional, TargetMap, Variants, mapped_target
from harness.transforms.number_words import (
    AGE_BEFORE,
    ANAPHORIC_BEFORE,
    ARITHMETIC_CUES,
    BOUND_BEFORE,
    BOUND_WORDS,
    COMPARISON_AFTER,
    FIXED_NUMBER_WORDS,
    FRACTIONS,
    MAGNITUDES,
    MARGIN_BEFORE,
    MARGIN_UNITS,
    MEASURE_UNITS,
    MULTIPLIERS,
    NATURAL_LIMITS,
    NOT_COUNTED,
    NUMBER_WORDS,
    ORDINALS,
    VAGUE_QUANTIFIERS,
)
from harness.transforms.swapping import swap_consistently, term_pattern

_DIGITS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w]|[.,]\d)|(?<![\w.,])\d+(?![\w]|[.,]\d)")
NUMBERS = re.compile(rf"{_DIGITS.pattern}|(?<!\w)(?:{'|'.join(NUMBER_WORDS)})(?!\w)", re.IGNORECASE)
_DIGIT_ORDINAL = re.compile(r"(?<!\w)(\d+)(?:st|nd|rd|th)(?!\w)", re.IGNORECASE)
_WORD_VALUES = {word: value for value, word in enumerate(("zero", "one", *NUMBER_WORDS))}
#: Years are moved no later than this: "moved there in 2030 and has lived there ever
#: since" reads as a date in the future.
LATEST_YEAR = 2020

LIMIT = "number with a natural limit ('five sets', 'two front paws')"
COUNTED_ELSEWHERE = "number counting things named elsewhere ('the largest of the three')"
BOUND = "number as a bound, time or comparison ('above 85', 'by eight', 'two floors above')"
NOT_COUNT = "number that counts or measures nothing ('scored 85', 'at nine')"
COMPOUND = "number inside a compound ('a two-year-old')"
OTHER_ROLE = "number that counts nothing in the other field"

#: "a man and a woman" / "two children and an adult" count people without a number word:
#: "A man and a woman are sitting." ⇒ "Two people are sitting." breaks when "two" changes.
_COUNTED_SINGULARS = re.compile(r"(?<!\w)and\s+(?:an?|one|another)(?!\w)", re.IGNORECASE)
#: "two by two", "one by one": "seven by seven" is not English.
_NUMBER_IDIOM = re.compile(rf"(?<!\w)((?:one|{'|'.join(NUMBER_WORDS)})) by \1(?!\w)", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z]+(?:['’.][A-Za-z]+)*\.?|[^\sA-Za-z]")
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:a|an)\s+$", re.IGNORECASE)


def number_key(text: str) -> str:
    return text.replace(",", "").lower()


def _value(text: str) -> int:
    key = number_key(text)
    return int(key) if key.isdigit() else _WORD_VALUES[key]


def _words(texts: Sequence[str]) -> set[str]:
    return {w.lower() for text in texts for w in re.findall(r"[A-Za-z']+", text)}


def _context(text: str, match: re.Match[str]) -> tuple[list[str], list[str], str]:
    """(two words before, three tokens after, the word joined by a hyphen or "")."""
    before = re.findall(r"[A-Za-z']+", text[: match.start()].lower())[-2:]
    rest = text[match.end() :]
    compound = re.match(r"-([A-Za-z]+)", rest)
    after = []
    for token in _TOKEN.findall(rest)[:3]:
        token = token.lower()
        after.append(token if token.count(".") > 1 else token.rstrip("."))
    return before, after, compound.group(1).lower() if compound else ""


def _stands_alone(after: Sequence[str]) -> bool:
    return not after or not after[0][:1].isalpha() or after[0] in NOT_COUNTED


def number_role(text: str, match: re.Match[str]) -> str | None:
    """Why changing this number in one field may not contradict the other, or None when
    it counts or measures something ("Two editors reviewed", "four players")."""
    before, after, compound = _context(text, match)
    if compound:
        return COMPOUND
    if (before and before[-1] in BOUND_BEFORE) or before == ["up", "to"]:
        return BOUND
    # "two more", "three times"; "two floors above", "three years older" (a unit, then
    # the comparison: "two editors before publication" is a count).
    if after and (
        after[0] in COMPARISON_AFTER
        or (after[0] in MARGIN_UNITS and len(after) > 1 and after[1] in COMPARISON_AFTER)
    ):
        return BOUND
    if (
        before
        and before[-1] in MARGIN_BEFORE
        and (_stands_alone(after) or after[0] in MARGIN_UNITS)
    ):
        return BOUND
    if _stands_alone(after):
        return NOT_COUNT
    if any(word in NATURAL_LIMITS for word in after[:2]):
        return LIMIT
    return None


def fixed_by_context(example: Example) -> str | None:
    """Why a number of the example cannot take another value, or None: a natural limit
    ("five sets", "two front paws", "a three-wheeled") or a count of things named
    elsewhere ("the largest of the three")."""
    for text in (t for t in example.fields.values() if isinstance(t, str)):
        for match in NUMBERS.finditer(text):
            before, after, compound = _context(text, match)
            if compound in NATURAL_LIMITS or any(w in NATURAL_LIMITS for w in after[:2]):
                return LIMIT
            if before and before[-1] in ANAPHORIC_BEFORE and _stands_alone(after):
                return COUNTED_ELSEWHERE
    return None


def _fixed_numbers(texts: Sequence[str], words: set[str]) -> set[int]:
    """Numbers the swap leaves but a changed number can be tied to: ordinals, "twenty",
    "dozen", "both", "1st", "once"/"twice", "one"."""
    found = {value for word, value in {**ORDINALS, **FIXED_NUMBER_WORDS}.items() if word in words}
    found |= {int(m.group(1)) for text in texts for m in _DIGIT_ORDINAL.finditer(text)}
    found |= {value for word, value in MULTIPLIERS.items() if word in words}
    return found | ({1} if "one" in words else set())


def arithmetic_relation(example: Example) -> str | None:
    """Why the example's numbers may be tied to each other, or None when they are not.

    Numbers are related when one is the sum, difference or product of two others
    (47 + 8 = 55, counting ordinals and the number words the swap leaves: "fourth floor,
    two floors above"), when one value is written both as a word and in digits (a
    consistent swap would change them differently) or as a fraction ("a third" / "one
    in three"), when singular nouns joined by "and" count entities beside a number ("a
    man and a woman" / "two people"), when a number is bounded beside a vague quantifier
    ("several" / "at least two"), or when two or more numbers occur with a word that
    relates quantities or times (``ARITHMETIC_CUES``: "twenty years" / "two decades").
    """
    texts = [text for text in example.fields.values() if isinstance(text, str)]
    found = [m.group() for text in texts for m in NUMBERS.finditer(text)]
    words = _words(texts)
    values = {_value(term) for term in found}
    forms: dict[int, set[bool]] = {}
    for term in found:
        forms.setdefault(_value(term), set()).add(term.isdigit())
    if any(len(kinds) > 1 for kinds in forms.values()):
        return "same number as word and digits"
    if values & {value for word, value in FRACTIONS.items() if word in words}:
        return "number also written as a fraction or ordinal"
    if any(_NUMBER_IDIOM.search(text) for text in texts):
        return "number in an idiom ('two by two')"
    if found and any(_COUNTED_SINGULARS.search(text) for text in texts):
        return "singular nouns joined by 'and' that add up to a number"
    if found and words & VAGUE_QUANTIFIERS and words & BOUND_WORDS:
        return "number bounded beside a vague quantifier"
    if found and words & MAGNITUDES and words & BOUND_WORDS:
        # "over a thousand" / "fewer than three hundred": "twelve hundred" flips it.
        return "number scaled by 'hundred' or 'thousand' beside a bound"
    numbers = sorted(values | _fixed_numbers(texts, words)) if found else []
    for i, a in enumerate(numbers):
        for b in numbers[i:]:
            results = {a + b, b - a, a * b} - {a, b}
            if results & set(numbers):
                return "numbers related by arithmetic"
    if len(numbers) >= 2 and words & ARITHMETIC_CUES:
        return "numbers with a relating word"
    return None


def _article(number: str) -> str:
    """The article a number takes: "an eight-hour shift", "a seven-hour shift"."""
    digits = number.replace(",", "")
    if not digits.isdigit():
        return "an" if number.lower() in ("eight", "eleven") else "a"
    eleven = len(digits) % 3 == 2 and digits[:2] in ("11", "18")
    return "an" if digits.startswith("8") or eleven else "a"


def number_candidates(term: str, rng: random.Random, *, near: bool = False) -> list[str]:
    """Other numbers of the same kind: words for words; years in the same decade; small
    for small; with ``near``, within one step (a tenth for larger values).

    A number of three or more never becomes two ("the youngest of the two siblings",
    "the siblings are all older"), and a year stays in its decade ("born in 1998" / "born
    in the 1990s", "in the twentieth century") and no later than ``LATEST_YEAR``.
    """
    if not term.isdigit():
        words = [w for w in NUMBER_WORDS if w != term and (term == "two" or w != "two")]
        return [w for w in words if not near or abs(_WORD_VALUES[w] - _WORD_VALUES[term]) == 1]
    value = int(term)
    if value < 2:
        return []  # "one man" -> "four man" would break agreement
    if len(term) == 4 and 1800 <= value <= 2099:
        years = (value - value % 10 + delta for delta in range(10))
        return [str(y) for y in years if y != value and y <= LATEST_YEAR]
    lowest = 2 if value == 2 else 3
    spread = max(1, round(value / 10)) if near else max(10, 2 * value)
    top = value + spread if near else spread
    return [str(v) for v in range(max(lowest, value - spread), top + 1) if v != value]


def _render_number(old: str, new: str) -> str:
    if not new.isdigit():
        return match_case(old, new)
    return f"{int(new):,}" if "," in old else new


def _measured_and_articled(example: Example) -> tuple[set[str], set[str]]:
    """Keys of numbers that measure something (a unit, an age) and of numbers after
    "a"/"an" (their replacement must take the same article)."""
    measured, articled = set(), set()
    for text in (t for t in example.fields.values() if isinstance(t, str)):
        for match in NUMBERS.finditer(text):
            before, after, compound = _context(text, match)
            unit = compound or (after[0] if after else "")
            age = (
                after[:2] in (["years", "old"], ["year", "old"])
                or (before and before[-1] in AGE_BEFORE)
                or compound == "year"
            )
            if unit in MEASURE_UNITS or age:
                measured.add(number_key(match.group()))
            if _ARTICLE_BEFORE.search(text[: match.start()]):
                articled.add(number_key(match.group()))
    return measured, articled


class NumberChangeTransform(Directional):
    """Change numbers (digits and the words two–twelve): see the module docstring.

    ``fields_mode: consistent`` changes each number the same way in every perturbed field
    (an invariance test). ``fields_mode: one_field`` changes, in the last perturbed field
    that has one, only numbers that count or measure the same thing in another field, so
    the fields now disagree (a directional test): the variant's target is
    ``target_map[parent target]`` (entailment → contradiction by default), or none when
    the map has no entry.
    """

    class Options(Options):
        fields_mode: Literal["consistent", "one_field"] = "consistent"
        n_variants: int = Field(default=1, ge=1, le=20)
        target_map: TargetMap

    name = "number_change"
    description: ClassVar[str] = "numbers changed consistently, or in one field (directional)"
    # The option that switches what the transform does (its validity is judged per mode).
    mode_option = "fields_mode"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        names = present_fields(example, fields)
        with_numbers = [f for f in names if NUMBERS.search(example.fields[f])]
        if not with_numbers:
            return []
        measured, articled = _measured_and_articled(example)

        def candidates(term: str, rng: random.Random) -> list[str]:
            found = number_candidates(term, rng, near=term in measured)
            if term in articled:
                found = [c for c in found if _article(c) == _article(term)]
            return found

        common = {
            "name": self.name,
            "options": options,
            "rng": rng,
            "key": number_key,
            "candidates": candidates,
            "n_variants": options.n_variants,
            "render": _render_number,
        }
        if options.fields_mode == "consistent":
            reason = arithmetic_relation(example) or fixed_by_context(example)
            if reason is not None:
                return Variants(rejected=Counter({reason: 1}))
            return swap_consistently(example, fields=fields, pattern=NUMBERS, **common)  # type: ignore[arg-type]
        return self._one_field(example, options, with_numbers[-1], common)

    @staticmethod
    def _one_field(example: Example, options: Options, field: str, common: dict) -> list[Example]:
        text = example.fields[field]
        # Roles of each number elsewhere: at least one must count or measure something.
        elsewhere: dict[str, list[str | None]] = {}
        for name, other in example.fields.items():
            if name != field and isinstance(other, str):
                for match in NUMBERS.finditer(other):
                    elsewhere.setdefault(number_key(match.group()), []).append(
                        number_role(other, match)
                    )
        here: dict[str, list[str | None]] = {}
        for match in NUMBERS.finditer(text):
            if number_key(match.group()) in elsewhere:
                here.setdefault(number_key(match.group()), []).append(number_role(text, match))
        if not here:
            return []  # no number shared with another field: nothing to contradict
        changed, reasons = [], []
        for key, roles in here.items():
            reason = next((role for role in roles if role is not None), None)
            if reason is None and all(role is not None for role in elsewhere[key]):
                reason = OTHER_ROLE
            if reason is None:
                changed.append(key)
            else:
                reasons.append(reason)
        if not changed:
            return Variants(rejected=Counter({reasons[0]: 1}))
        target = mapped_target(example, options.target_map)
        taken = set(elsewhere) | {number_key(m.group()) for m in NUMBERS.finditer(text)}
        return swap_consistently(
            example,
            fields=[field],
            pattern=term_pattern(
                sorted(
                    {m.group() for m in NUMBERS.finditer(text) if number_key(m.group()) in changed}
                ),
                re.IGNORECASE,
            ),
            target=target,
            keep_target=False,
            exclude=taken,
            **common,
        )
