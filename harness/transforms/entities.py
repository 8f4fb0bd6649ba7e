"""Entity swaps: ``name_swap`` and ``location_swap``.

A swap is *consistent* (``harness.transforms.swapping``): each distinct name or place maps
to one replacement, used in every perturbed field, so "Mary met John. / Mary saw John."
becomes "Aisha met Omar. / Aisha saw Omar." and the relation between premise and
hypothesis is unchanged. Replacements keep the term's type (a female name stays female, a
city stays a city). Numbers: ``harness.transforms.numbers``.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import ClassVar

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.transforms.base import Variants
from harness.transforms.swapping import swap_consistently, term_pattern
from harness.transforms.wordlists import (
    CITIES,
    COUNTRIES,
    COUNTRY_OF_CITY,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    PLACE_BOUND_WORDS,
)


class NameSwapTransform:
    """Replace first names with others of the same gender, consistently across fields."""

    description: ClassVar[str] = "first names swapped (same gender) consistently across fields"

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
            pattern=term_pattern(list(group_of)),
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

    description: ClassVar[str] = "cities and countries swapped consistently across fields"

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
        cities = {m.group() for t in texts for m in term_pattern(list(CITIES)).finditer(t)}
        countries = {m.group() for t in texts for m in term_pattern(list(COUNTRIES)).finditer(t)}
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
            pattern=term_pattern([*CITIES, *COUNTRIES]),
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
        pattern = term_pattern(sorted(places))
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
