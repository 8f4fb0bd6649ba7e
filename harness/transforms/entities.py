"""Counterfactual swaps: ``name_swap``, ``location_swap``, ``number_change``.

A swap is *consistent*: each distinct term maps to one replacement, used in every
perturbed field, so "Mary met John. / Mary saw John." becomes "Aisha met Omar. / Aisha
saw Omar." and the relation between premise and hypothesis is unchanged. Replacements
keep the term's type (a female name stays female, a city stays a city) and never reuse
a term already in the example, so two entities never collapse into one.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.transforms._common import (
    dedupe_variants,
    describe_changes,
    make_variant,
    match_case,
    present_fields,
)
from harness.transforms.base import Variants
from harness.transforms.wordlists import (
    CITIES,
    COUNTRIES,
    COUNTRY_OF_CITY,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    NUMBER_WORDS,
    PLACE_BOUND_WORDS,
)


def _term_pattern(terms: Sequence[str], flags: int = 0) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)  # "Mexico City" before "Mexico"
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, ordered))})(?!\w)", flags)


def swap_consistently(
    example: Example,
    *,
    name: str,
    options: Any,
    rng: random.Random,
    fields: Sequence[str],
    pattern: re.Pattern[str],
    key: Callable[[str], str],
    candidates: Callable[[str, random.Random], list[str]],
    n_variants: int,
    render: Callable[[str, str], str] = lambda old, new: new,
    target: Any = None,
    keep_target: bool = True,
    exclude: Collection[str] = (),
    plan: Callable[[list[str], set[str], random.Random], dict[str, str]] | None = None,
) -> list[Example]:
    """Variants in which each term matched by ``pattern`` in ``fields`` is replaced consistently.

    ``key`` normalises a matched term (how terms are compared), ``candidates(term, rng)``
    lists possible replacement keys for a term, ``render(matched text, replacement)``
    writes a replacement in the matched text's form (case, thousands separators).
    Each field is rewritten in one pass, so a replacement is never itself replaced.
    ``plan(found terms, taken terms, rng)``, when given, makes the whole mapping at once
    (for swaps whose terms constrain each other); an empty mapping makes no variant.
    """
    names = present_fields(example, fields)
    found: list[str] = []
    for field in names:
        for match in pattern.finditer(example.fields[field]):
            if key(match.group()) not in found:
                found.append(key(match.group()))
    if not found:
        return []
    # Terms anywhere in the example (unperturbed fields too) are never used as replacements.
    taken = {key(m.group()) for text in example.fields.values() if isinstance(text, str)
             for m in pattern.finditer(text)} | set(exclude)  # fmt: skip
    variants = []
    for index in range(n_variants):
        mapping: dict[str, str] = {}
        used = set(taken)
        if plan is not None:
            mapping = plan(found, used, rng)
        for term in found if plan is None else ():
            choices = [c for c in candidates(term, rng) if c not in used]
            if choices:
                mapping[term] = rng.choice(choices)
                used.add(mapping[term])
        if not mapping:
            continue
        changes: list[tuple[str, str]] = []
        new_fields = {}
        for field in names:
            text = example.fields[field]

            def substitute(
                match: re.Match[str], changes: list = changes, mapping: dict = mapping
            ) -> str:
                old = match.group()
                new_key = mapping.get(key(old))
                if new_key is None:
                    return old
                new = render(old, new_key)
                changes.append((old, new))
                return new

            changed = pattern.sub(substitute, text)
            if changed != text:
                new_fields[field] = changed
        if not new_fields:
            continue
        extra = {} if keep_target else {"target": target}
        variants.append(
            make_variant(
                example,
                name=name,
                options=options,
                index=index,
                fields=new_fields,
                description=describe_changes(changes),
                **extra,
            )
        )
    return dedupe_variants(example, variants)


class NameSwapTransform:
    """Replace first names with others of the same gender, consistently across fields."""

    class Options(Options):
        n_variants: int = Field(default=1, ge=1, le=20)

    name = "name_swap"
    GROUPS: tuple[tuple[str, ...], ...] = (FEMALE_FIRST_NAMES, MALE_FIRST_NAMES)

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        group_of = {term: group for group in self.GROUPS for term in group}
        return swap_consistently(
            example,
            name=self.name,
            options=options,
            rng=rng,
            fields=fields,
            pattern=_term_pattern(list(group_of)),
            key=str,
            candidates=lambda term, rng: [t for t in group_of[term] if t != term],
            n_variants=options.n_variants,
        )


class LocationSwapTransform(NameSwapTransform):
    """Replace cities with cities and countries with countries, consistently across fields.

    When an example names both a city and a country, the swap keeps them consistent:
    a city in a named country moves to a city of that country's replacement ("Paris
    ... France" → "Lima ... Peru"), and a city outside every named country moves to a
    city outside the replacements too, so "X is (not) in Y" keeps its truth. Examples
    naming a city whose country is not known here next to a country are rejected, and
    so are examples whose relation may rest on where a place is (``place_dependence``).
    """

    name = "location_swap"
    GROUPS = (CITIES, COUNTRIES)

    def apply(
        self,
        example: Example,
        options: NameSwapTransform.Options,
        rng: random.Random,
        fields: Sequence[str],
    ) -> list[Example]:
        texts = [t for t in example.fields.values() if isinstance(t, str)]
        cities = {m.group() for t in texts for m in _term_pattern(list(CITIES)).finditer(t)}
        countries = {m.group() for t in texts for m in _term_pattern(list(COUNTRIES)).finditer(t)}
        reason = place_dependence(example, cities | countries)
        if reason is not None:
            return Variants(rejected=Counter({reason: 1}))
        if not (cities and countries):
            return super().apply(example, options, rng, fields)
        if any(city not in COUNTRY_OF_CITY for city in cities):
            return Variants(rejected=Counter({"city of unknown country beside a country": 1}))
        plan = _paired_location_plan(cities, countries)
        return swap_consistently(
            example,
            name=self.name,
            options=options,
            rng=rng,
            fields=fields,
            pattern=_term_pattern([*CITIES, *COUNTRIES]),
            key=str,
            candidates=lambda term, rng: [],
            n_variants=options.n_variants,
            plan=plan,
        )


def place_dependence(example: Example, places: set[str]) -> str | None:
    """Why the example's relation may rest on where its places are, or None.

    * a word tied to a place (``PLACE_BOUND_WORDS``: a language, a season, a landmark)
      beside a named place: "fluent in Russian because he grew up in Lisbon", "passed the
      Colosseum" / "took place in Sydney";
    * a place named only in the last field (the hypothesis) of an entailed or
      contradicted pair: the premise implied or excluded it through something else.
    """
    if not places:
        return None
    texts = [text for text in example.fields.values() if isinstance(text, str)]
    words = {w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", text)}
    if words & PLACE_BOUND_WORDS:
        return "place beside a word tied to it (language, climate, landmark)"
    if len(texts) >= 2 and str(example.target) in ("entailment", "contradiction"):
        pattern = _term_pattern(sorted(places))
        earlier = {m.group() for text in texts[:-1] for m in pattern.finditer(text)}
        if {m.group() for m in pattern.finditer(texts[-1])} - earlier - _countries_of(earlier):
            return "place named only in the hypothesis of an entailed or contradicted pair"
    return None


def _countries_of(places: set[str]) -> set[str]:
    # "never been to France" / "spent the winter in Paris": the pair is kept consistent.
    found = {COUNTRY_OF_CITY[p] for p in places if p in COUNTRY_OF_CITY}
    return found | {city for city, country in COUNTRY_OF_CITY.items() if country in places}


def _paired_location_plan(
    cities: set[str], countries: set[str]
) -> Callable[[list[str], set[str], random.Random], dict[str, str]]:
    """A mapping maker that moves each named country and its cities together."""
    by_country: dict[str, list[str]] = {}
    for city, country in COUNTRY_OF_CITY.items():
        by_country.setdefault(country, []).append(city)

    def plan(found: list[str], taken: set[str], rng: random.Random) -> dict[str, str]:
        mapping: dict[str, str] = {}
        named = sorted(countries)
        # Countries first: a named country with a named city needs a replacement that
        # has listed cities; every replacement is new to the example.
        free = [c for c in COUNTRIES if c not in taken]
        for country in named:
            needs_city = any(COUNTRY_OF_CITY[city] == country for city in cities)
            choices = [c for c in free if c in by_country or not needs_city]
            if not choices:
                return {}
            mapping[country] = rng.choice(choices)
            free.remove(mapping[country])
        replaced = set(mapping.values())
        for city in sorted(cities):
            home = COUNTRY_OF_CITY[city]
            if home in mapping:
                choices = [c for c in by_country[mapping[home]] if c not in taken]
            else:
                # Outside every named country before, outside every replacement after.
                choices = [
                    c for c, k in COUNTRY_OF_CITY.items()
                    if c not in taken and k not in replaced and k not in countries
                ]  # fmt: skip
            choices = [c for c in choices if c not in mapping.values()]
            if not choices:
                return {}
            mapping[city] = rng.choice(choices)
        return mapping

    return plan


_DIGITS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w]|[.,]\d)|(?<![\w.,])\d+(?![\w]|[.,]\d)")
_NUMBERS = re.compile(
    rf"{_DIGITS.pattern}|(?<!\w)(?:{'|'.join(NUMBER_WORDS)})(?!\w)", re.IGNORECASE
)


def _number_key(text: str) -> str:
    return text.replace(",", "").lower()


#: Years are moved no later than this: "moved there in 2030 and has lived there ever
#: since" reads as a date in the future.
LATEST_YEAR = 2020


def _number_candidates(term: str, rng: random.Random) -> list[str]:
    """Other numbers of the same kind: words for words; years near years; small for small.

    A number of three or more never becomes two ("the youngest of the two siblings",
    "the siblings are all older"), and a year stays in its century ("born in 1998" /
    "born in the twentieth century") and no later than ``LATEST_YEAR``.
    """
    if not term.isdigit():
        return [word for word in NUMBER_WORDS if word != term and (term == "two" or word != "two")]
    value = int(term)
    if value < 2:
        return []  # "one man" -> "four man" would break agreement
    if len(term) == 4 and 1800 <= value <= 2099:
        years = (value + delta for delta in range(-15, 16) if delta)
        return [str(y) for y in years if y // 100 == value // 100 and y <= LATEST_YEAR]
    lowest = 2 if value == 2 else 3
    return [str(v) for v in range(lowest, max(10, 2 * value) + 1) if v != value]


def _render_number(old: str, new: str) -> str:
    if not new.isdigit():
        return match_case(old, new)
    return f"{int(new):,}" if "," in old else new


_WORD_VALUES = {word: value for value, word in enumerate(("zero", "one", *NUMBER_WORDS))}

#: Words that tie numbers to each other ("beat her by eight minutes", "lasted four
#: hours", "twice as many"): with two or more numbers, changing one breaks the others.
ARITHMETIC_CUES = frozenset(
    [
        "by",
        "more",
        "fewer",
        "less",
        "older",
        "younger",
        "earlier",
        "later",
        "longer",
        "shorter",
        "twice",
        "half",
        "double",
        "triple",
        "total",
        "altogether",
        "sum",
        "difference",
        "each",
        "per",
        "remaining",
        "left",
        "lasted",
        "took",
        "after",
        "before",
        "until",
        "noon",
        "midnight",
        "o'clock",
        "am",
        "pm",
        "hours",
        "minutes",
        "years",
        "ago",
        # Comparisons and bounds order two numbers ("calls for three, but used only two";
        # "at least three" / "exactly five").
        "only",
        "than",
        "least",
        "most",
        "exactly",
        "highest",
        "lowest",
        "largest",
        "smallest",
        "best",
        "worst",
        "from",
        "under",
        "over",
        "above",
        "below",
    ]
)

#: "once", "twice", "thrice" count like numbers ("three attempts" / "failed twice").
_MULTIPLIERS = {"once": 1, "twice": 2, "thrice": 3}

#: "a third of its staff" / "one in three employees": the fraction ties to the number.
_FRACTIONS = {
    "half": 2, "halves": 2, "second": 2, "third": 3, "thirds": 3, "quarter": 4,
    "quarters": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip

#: Quantities without a number: "several" ⇒ "at least two" holds, "at least eight" not.
VAGUE_QUANTIFIERS = frozenset(["several", "some", "many", "few", "couple", "dozens"])
_MAGNITUDES = frozenset(
    ["dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million"]
)
_BOUNDS = frozenset(["least", "most", "exactly", "than", "over", "under", "more", "fewer"])


#: "a man and a woman" / "two children and an adult" count people without a number word:
#: "A man and a woman are sitting." ⇒ "Two people are sitting." breaks when "two" changes.
_COUNTED_SINGULARS = re.compile(r"(?<!\w)and\s+(?:an?|one|another)(?!\w)", re.IGNORECASE)

#: "two by two", "one by one": "seven by seven" is not English.
_NUMBER_IDIOM = re.compile(rf"(?<!\w)((?:one|{'|'.join(NUMBER_WORDS)})) by \1(?!\w)", re.IGNORECASE)


def _value(text: str) -> int:
    key = _number_key(text)
    return int(key) if key.isdigit() else _WORD_VALUES[key]


def arithmetic_relation(example: Example) -> str | None:
    """Why the example's numbers may be tied to each other, or None when they are not.

    Numbers are related when one is the sum, difference or product of two others
    (47 + 8 = 55), when one value is written both as a word and in digits (a
    consistent swap would change them differently) or as a fraction ("a third" /
    "one in three"), when singular nouns joined by
    "and" count entities beside a number ("a man and a woman" / "two people"), when
    a number is bounded beside a vague quantifier ("several" / "at least two"), or
    when two or more numbers (counting "once", "twice")
    occur with a word that relates quantities or times (``ARITHMETIC_CUES``).
    """
    texts = [text for text in example.fields.values() if isinstance(text, str)]
    found = [m.group() for text in texts for m in _NUMBERS.finditer(text)]
    words = {w.lower() for text in texts for w in re.findall(r"[A-Za-z']+", text)}
    values = {_value(term) for term in found}
    forms: dict[int, set[bool]] = {}
    for term in found:
        forms.setdefault(_value(term), set()).add(term.isdigit())
    if any(len(kinds) > 1 for kinds in forms.values()):
        return "same number as word and digits"
    if values & {value for word, value in _FRACTIONS.items() if word in words}:
        return "number also written as a fraction or ordinal"
    if any(_NUMBER_IDIOM.search(text) for text in texts):
        return "number in an idiom ('two by two')"
    if found and any(_COUNTED_SINGULARS.search(text) for text in texts):
        return "singular nouns joined by 'and' that add up to a number"
    if found and words & VAGUE_QUANTIFIERS and words & _BOUNDS:
        return "number bounded beside a vague quantifier"
    if found and words & _MAGNITUDES and words & _BOUNDS:
        # "over a thousand" / "fewer than three hundred": "twelve hundred" flips it.
        return "number scaled by 'hundred' or 'thousand' beside a bound"
    multiples = {value for word, value in _MULTIPLIERS.items() if word in words}
    numbers = sorted(values | multiples | ({1} if "one" in words else set()))
    for i, a in enumerate(numbers):
        for b in numbers[i:]:
            results = {a + b, b - a, a * b} - {a, b}
            if results & set(numbers):
                return "numbers related by arithmetic"
    if len(numbers) >= 2 and words & ARITHMETIC_CUES:
        return "numbers with a relating word"
    return None


class NumberChangeTransform:
    """Change numbers (digits and the words two–twelve).

    In ``consistent`` mode the transform first checks that the example's numbers are
    independent (``arithmetic_relation``): "ran it in 47 minutes, beating her sister
    by eight" / "her sister took 55 minutes" stays entailed only if all three numbers
    change together, which no swap does; such examples are *rejected* (counted by
    reason), not perturbed.

    ``fields_mode: consistent`` changes each number the same way in every perturbed
    field (an invariance test). ``fields_mode: one_field`` changes, in the last perturbed
    field that has one, only numbers that also occur in another field, so the fields now
    disagree (a directional test): the variant's target is ``target_map[parent target]``
    (entailment → contradiction by default), or none when the map has no entry.
    """

    class Options(Options):
        fields_mode: Literal["consistent", "one_field"] = "consistent"
        n_variants: int = Field(default=1, ge=1, le=20)
        target_map: dict[str, str] = Field(default_factory=lambda: {"entailment": "contradiction"})

    name = "number_change"
    # The option that switches what the transform does (its validity is judged per mode).
    mode_option = "fields_mode"
    # Each variant's label comes from target_map: a directional test needs no to_label.
    sets_target = True

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        common = {
            "name": self.name,
            "options": options,
            "rng": rng,
            "key": _number_key,
            "candidates": _number_candidates,
            "n_variants": options.n_variants,
            "render": _render_number,
        }
        if options.fields_mode == "consistent":
            if not any(_NUMBERS.search(example.fields[f]) for f in present_fields(example, fields)):
                return []
            reason = arithmetic_relation(example)
            if reason is not None:
                return Variants(rejected=Counter({reason: 1}))
            return swap_consistently(
                example,
                fields=fields,
                pattern=_NUMBERS,
                **common,  # type: ignore[arg-type]
            )
        with_numbers = [
            f for f in present_fields(example, fields) if _NUMBERS.search(example.fields[f])
        ]
        if not with_numbers:
            return []
        field = with_numbers[-1]
        elsewhere = {
            _number_key(m.group())
            for name, text in example.fields.items()
            if name != field and isinstance(text, str)
            for m in _NUMBERS.finditer(text)
        }
        shared = [
            m.group() for m in _NUMBERS.finditer(example.fields[field])
            if _number_key(m.group()) in elsewhere
        ]  # fmt: skip
        if not shared:
            return []
        # Only the shared numbers are changed: the pattern matches exactly those terms.
        pattern = _term_pattern(sorted(set(shared)), re.IGNORECASE)
        target = None if example.target is None else options.target_map.get(str(example.target))
        return swap_consistently(
            example,
            fields=[field],
            pattern=pattern,
            target=target,
            keep_target=False,
            exclude=elsewhere
            | {_number_key(m.group()) for m in _NUMBERS.finditer(example.fields[field])},
            **common,  # type: ignore[arg-type]
        )
