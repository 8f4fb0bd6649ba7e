"""Capability tests for NLI: CheckList-style minimum functionality tests from templates.

Each capability (negation, quantifiers, monotonicity, ...) has a handful of
premise/hypothesis templates, each with its three-way NLI label, which holds by
construction. Items cycle through a capability's templates (so labels stay balanced)
and fill the slots from ``lexicon.py`` with an RNG seeded per capability.

Lexical relations (antonyms, synonyms, hypernyms) come from WordNet when it is
installed (``use_wordnet: auto|yes|no``), restricted to the common words listed in
``lexicon.COMMON_ADJECTIVES``/``COMMON_NOUNS`` and to each word's most frequent
sense, so that WordNet decides which common words are related but never brings in
rare words or rare senses; otherwise the built-in pair lists are used.

>>> from harness.generators.capabilities import CapabilityGenerator
>>> options = CapabilityGenerator.Options(n_per_capability=1, use_wordnet="no")
>>> [e.meta["capability"] for e in CapabilityGenerator().generate(options, seed=0)][:3]
['negation', 'double_negation', 'quantifiers']
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from harness.core import Example, stable_id
from harness.errors import ResourceUnavailableError
from harness.generators import lexicon
from harness.generators.base import among, draw_new
from harness.options import Options
from harness.resources import Resource, wordnet_resource
from harness.seeding import rng_for

E, N, C = "entailment", "neutral", "contradiction"

# capability -> [(label, premise template, hypothesis template)]; slots in fill_slots.
TEMPLATES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "negation": (
        (C, "The {n1} {vi}.", "The {n1} did not {vi_base}."),
        (C, "The {n1} did not {vi_base}.", "The {n1} {vi}."),
        (N, "The {n1} did not {vi_base}.", "The {n2} did not {vi_base}."),
        (E, "The {n1} {vi2} and the {n2} did not {vi_base}.", "The {n2} did not {vi_base}."),
    ),
    "double_negation": (
        (E, "It is not true that the {n1} did not {vi_base}.", "The {n1} {vi}."),
        (C, "It is not true that the {n1} did not {vi_base}.", "The {n1} did not {vi_base}."),
        (E, "The {n1} did not fail to {v1_base} the {n2}.", "The {n1} {v1} the {n2}."),
        (N, "It is not true that the {n1} did not {vi_base}.", "The {n2} {vi}."),
    ),
    "quantifiers": (
        (E, "All of the {pl1} {vi}.", "Some of the {pl1} {vi}."),
        (C, "None of the {pl1} {vi}.", "Some of the {pl1} {vi}."),
        (N, "Some of the {pl1} {vi}.", "All of the {pl1} {vi}."),
        (E, "Most of the {pl1} {vi}.", "Some of the {pl1} {vi}."),
        (C, "All of the {pl1} {vi}.", "None of the {pl1} {vi}."),
        (N, "Some of the {pl1} {vi}.", "Most of the {pl1} {vi}."),
        (C, "Most of the {pl1} {vi}.", "None of the {pl1} {vi}."),
    ),
    "numbers": (
        (
            E,
            "The {n1} bought exactly {num} {things}.",
            "The {n1} bought more than {below} {things}.",
        ),
        (
            C,
            "The {n1} bought exactly {num} {things}.",
            "The {n1} bought more than {not_below} {things}.",
        ),
        (
            E,
            "The {n1} bought exactly {num} {things}.",
            "The {n1} bought fewer than {above} {things}.",
        ),
        (
            C,
            "The {n1} bought exactly {num} {things}.",
            "The {n1} bought fewer than {not_above} {things}.",
        ),
        (
            N,
            "The {n1} bought exactly {num} {things}.",
            "The {n2} bought more than {below} {things}.",
        ),
    ),
    "comparatives": (
        (E, "The {n1} is {more} than the {n2}.", "The {n2} is {less} than the {n1}."),
        (C, "The {n1} is {more} than the {n2}.", "The {n2} is {more} than the {n1}."),
        (C, "The {n1} is {more} than the {n2}.", "The {n1} is {less} than the {n2}."),
        (N, "The {n1} is {more} than the {n2}.", "The {n1} is {more} than the {n3}."),
        (
            E,
            "The {n1} is {more} than the {n2}, and the {n2} is {more} than the {n3}.",
            "The {n1} is {more} than the {n3}.",
        ),
    ),
    "antonyms": (
        (C, "The {n1} is {adjective}.", "The {n1} is {antonym}."),
        (C, "The {n1} is {antonym}.", "The {n1} is {adjective}."),
        (N, "The {n1} is {adjective}.", "The {n2} is {antonym}."),
        (E, "The {n1} is {adjective}.", "The {n1} is not {antonym}."),
    ),
    "synonyms": (
        (E, "The {n1} is {synonym1}.", "The {n1} is {synonym2}."),
        (E, "The {n1} is {synonym2}.", "The {n1} is {synonym1}."),
        (C, "The {n1} is {synonym1}.", "The {n1} is not {synonym2}."),
        (N, "The {n1} is {synonym1}.", "The {n2} is {synonym2}."),
    ),
    "hypernyms": (
        (E, "The {n1} bought {a_hyponym}.", "The {n1} bought {a_hypernym}."),
        (N, "The {n1} bought {a_hypernym}.", "The {n1} bought {a_hyponym}."),
        (C, "The {n1} bought {a_hyponym}.", "The {n1} did not buy {a_hypernym}."),
    ),
    "coreference": (
        (E, "{female} met {male}, and he {vi}.", "{male} {vi}."),
        (E, "{male} met {female}, and she {vi}.", "{female} {vi}."),
        (N, "{female} met {male}, and he {vi}.", "{female} {vi}."),
        (C, "{female} {v1} {male}, but he did not {vi_base}.", "{male} {vi}."),
    ),
    "temporal_order": (
        (E, "The {n1} {vi} before the {n2} {vi2}.", "The {n2} {vi2} after the {n1} {vi}."),
        (C, "The {n1} {vi} before the {n2} {vi2}.", "The {n2} {vi2} before the {n1} {vi}."),
        (E, "The {n1} {vi} after the {n2} {vi2}.", "The {n2} {vi2} before the {n1} {vi}."),
        (C, "The {n1} {vi} after the {n2} {vi2}.", "The {n1} {vi} before the {n2} {vi2}."),
        (N, "The {n1} {vi} before the {n2} {vi2}.", "The {n3} {vi2} before the {n1} {vi}."),
    ),
    "active_passive": (
        (E, "The {n1} {v1} the {n2}.", "The {n2} was {v1_participle} by the {n1}."),
        (E, "The {n1} was {v1_participle} by the {n2}.", "The {n2} {v1} the {n1}."),
        (N, "The {n1} {v1} the {n2}.", "The {n1} was {v1_participle} by the {n2}."),
        (C, "The {n1} {v1} the {n2}.", "The {n2} was not {v1_participle} by the {n1}."),
    ),
    "monotonicity_upward": (
        (E, "Some {pl1} bought {a_hyponym}.", "Some {pl1} bought {a_hypernym}."),
        (N, "Some {pl1} bought {a_hypernym}.", "Some {pl1} bought {a_hyponym}."),
        (E, "The {n1} bought a {colour} {thing}.", "The {n1} bought a {thing}."),
        (N, "The {n1} bought a {thing}.", "The {n1} bought a {colour} {thing}."),
    ),
    "monotonicity_downward": (
        (E, "The {n1} did not buy {a_hypernym}.", "The {n1} did not buy {a_hyponym}."),
        (N, "The {n1} did not buy {a_hyponym}.", "The {n1} did not buy {a_hypernym}."),
        (E, "No {pl1} bought a {thing}.", "No {pl1} bought a {colour} {thing}."),
        (N, "No {pl1} bought a {colour} {thing}.", "No {pl1} bought a {thing}."),
        (C, "No {pl1} bought {a_hypernym}.", "Some {pl1} bought {a_hyponym}."),
        (E, "Every {n1} who bought {a_hypernym} {vi}.", "Every {n1} who bought {a_hyponym} {vi}."),
    ),
    "conjunction": (
        (E, "The {n1} {vi} and {vi2}.", "The {n1} {vi}."),
        (E, "The {n1} and the {n2} {vi}.", "The {n2} {vi}."),
        (N, "The {n1} {vi}.", "The {n1} {vi} and {vi2}."),
        (C, "The {n1} {vi} and {vi2}.", "The {n1} did not {vi2_base}."),
    ),
    "disjunction": (
        (N, "The {n1} {vi} or {vi2}.", "The {n1} {vi}."),
        (E, "The {n1} {vi}.", "The {n1} {vi} or {vi2}."),
        (C, "Neither the {n1} nor the {n2} {vi}.", "The {n1} {vi}."),
        (E, "Neither the {n1} nor the {n2} {vi}.", "The {n2} did not {vi_base}."),
        (N, "Either the {n1} or the {n2} {vi}.", "The {n2} {vi}."),
    ),
    "modality": (
        (N, "The {n1} might have {vi_participle}.", "The {n1} {vi}."),
        (N, "It is possible that the {n1} {vi}.", "The {n1} {vi}."),
        (C, "It is impossible that the {n1} {vi}.", "The {n1} {vi}."),
        (E, "It is certain that the {n1} {vi}.", "The {n1} {vi}."),
        (N, "The {n1} probably {vi}.", "The {n1} {vi}."),
        (N, "The {n1} reportedly {vi}.", "The {n1} did not {vi_base}."),
    ),
}

CAPABILITIES: tuple[str, ...] = tuple(TEMPLATES)


@dataclass(frozen=True)
class LexicalPairs:
    """Word pairs for the lexical-relation templates, and where they came from."""

    antonyms: tuple[tuple[str, str], ...]
    synonyms: tuple[tuple[str, str], ...]
    hyponyms: tuple[tuple[str, str], ...]  # (hyponym, hypernym)
    source: str  # "wordnet" or "builtin"


BUILTIN_PAIRS = LexicalPairs(
    antonyms=lexicon.ANTONYM_PAIRS,
    synonyms=lexicon.SYNONYM_PAIRS,
    hyponyms=lexicon.HYPONYM_PAIRS,
    source="builtin",
)


@lru_cache(maxsize=1)
def wordnet_pairs() -> LexicalPairs:
    """Antonym, synonym and hypernym pairs among the common words, from WordNet.

    Only each word's first (most frequent) sense counts: an antonym pair must be a
    direct WordNet antonym of that sense; synonyms must share their first senses (so
    the relation holds both ways); a hypernym must be within four steps above the
    hyponym's first sense and be the first sense of its own word.
    """
    from harness.nltk_data import wordnet

    reader = wordnet()
    adjectives = set(lexicon.COMMON_ADJECTIVES)
    nouns = set(lexicon.COMMON_NOUNS)

    def first_sense(word: str, pos: str) -> object | None:
        senses = reader.synsets(word, pos=pos)
        return senses[0] if senses else None

    antonyms: set[tuple[str, str]] = set()
    synonyms: set[tuple[str, str]] = set()
    for word in lexicon.COMMON_ADJECTIVES:
        sense = first_sense(word, "a")
        if sense is None:
            continue
        for lemma in sense.lemmas():  # type: ignore[attr-defined]
            other = lemma.name()
            if other == word:
                for antonym in lemma.antonyms():
                    if antonym.name() in adjectives:
                        antonyms.add(tuple(sorted((word, antonym.name()))))
            elif other in adjectives and first_sense(other, "a") == sense:
                synonyms.add(tuple(sorted((word, other))))
    hyponyms: set[tuple[str, str]] = set()
    first_noun_senses = {word: first_sense(word, "n") for word in lexicon.COMMON_NOUNS}
    for word, sense in first_noun_senses.items():
        if sense is None:
            continue
        ancestors = set(sense.closure(lambda s: s.hypernyms(), depth=4))  # type: ignore[attr-defined]
        for other in nouns - {word}:
            if first_noun_senses[other] in ancestors:
                hyponyms.add((word, other))
    return LexicalPairs(
        antonyms=tuple(sorted(antonyms)),
        synonyms=tuple(sorted(synonyms)),
        hyponyms=tuple(sorted(hyponyms)),
        source="wordnet",
    )


def lexical_pairs(use_wordnet: str) -> LexicalPairs:
    """The pairs for ``use_wordnet`` (``auto``: WordNet when installed, else built-in)."""
    from harness.nltk_data import wordnet_available

    if use_wordnet == "no" or (use_wordnet == "auto" and not wordnet_available()):
        return BUILTIN_PAIRS
    if not wordnet_available():
        raise ResourceUnavailableError(
            "capabilities: use_wordnet is 'yes' but WordNet is not installed: "
            "apt-get update && apt-get install -y wordnet-base wordnet-sense-index, or set use_wordnet: auto"
        )
    return wordnet_pairs()


def with_article(noun: str) -> str:
    """``a puppy``, ``an instrument``."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def fill_slots(
    template: tuple[str, str, str], pairs: LexicalPairs, rng: random.Random
) -> tuple[str, str]:
    """Premise and hypothesis for one template; every slot is drawn, used or not."""
    _, premise, hypothesis = template
    people = rng.sample(lexicon.PEOPLE, 3)
    verb = rng.choice(lexicon.TRANSITIVE_VERBS)
    intransitive, intransitive2 = rng.sample(lexicon.INTRANSITIVE_VERBS, 2)
    female = rng.choice(lexicon.FEMALE_NAMES)
    male = rng.choice(lexicon.MALE_NAMES)
    thing, things = rng.choice(lexicon.THINGS)
    number = rng.randint(4, 12)
    more, less = rng.choice(lexicon.COMPARATIVE_PAIRS)
    adjective, antonym = rng.choice(pairs.antonyms)
    if rng.random() < 0.5:
        adjective, antonym = antonym, adjective
    synonym1, synonym2 = rng.choice(pairs.synonyms)
    hyponym, hypernym = rng.choice(pairs.hyponyms)
    slots = {
        "n1": people[0].singular,
        "n2": people[1].singular,
        "n3": people[2].singular,
        "pl1": people[0].plural,
        "v1": verb.past,
        "v1_base": verb.base,
        "v1_participle": verb.participle,
        "vi": intransitive.past,
        "vi_base": intransitive.base,
        "vi_participle": intransitive.participle,
        "vi2": intransitive2.past,
        "vi2_base": intransitive2.base,
        "female": female,
        "male": male,
        "thing": thing,
        "things": things,
        "colour": rng.choice(lexicon.COLOURS),
        "num": str(number),
        "below": str(rng.randint(2, number - 1)),
        "not_below": str(rng.randint(number, number + 6)),
        "above": str(rng.randint(number + 1, number + 6)),
        "not_above": str(rng.randint(2, number)),
        "more": more,
        "less": less,
        "adjective": adjective,
        "antonym": antonym,
        "synonym1": synonym1,
        "synonym2": synonym2,
        "a_hyponym": with_article(hyponym),
        "a_hypernym": with_article(hypernym),
    }
    return premise.format(**slots), hypothesis.format(**slots)


class CapabilityGenerator:
    """Three-way NLI items probing one capability each (meta: ``capability``, ``template``)."""

    description: ClassVar[str] = (
        "CheckList-style NLI capability tests (negation, quantifiers, monotonicity, ...)"
    )

    name = "capabilities"

    class Options(Options):
        n_per_capability: int = Field(default=20, gt=0)
        capabilities: Annotated[list[str] | None, among("capability", list(TEMPLATES))] = None
        use_wordnet: Literal["auto", "yes", "no"] = "auto"

    @staticmethod
    def resources(options: CapabilityGenerator.Options, where: str) -> Iterator[Resource]:
        """WordNet, unless told not to use it; with ``auto`` built-in word pairs stand in
        for it, so it then only adds variety and is not required."""
        if options.use_wordnet != "no":
            yield wordnet_resource(
                f"{where}: capabilities generator", required=options.use_wordnet == "yes"
            )

    def generate(self, options: CapabilityGenerator.Options, seed: int) -> list[Example]:
        pairs = lexical_pairs(options.use_wordnet)
        wanted = options.capabilities
        examples: list[Example] = []
        for capability in CAPABILITIES:
            if wanted is not None and capability not in wanted:
                continue
            templates = TEMPLATES[capability]
            rng = rng_for(seed, "capabilities", capability)
            seen: set[tuple[str, str]] = set()
            too_few = (
                f"capabilities: '{capability}' has fewer than "
                f"{options.n_per_capability} distinct items; lower n_per_capability"
            )
            for index in range(options.n_per_capability):
                number = index % len(templates)
                template = templates[number]
                pair = draw_new(
                    partial(fill_slots, template, pairs, rng), lambda pair: {pair}, seen, too_few
                )
                label, premise_template, hypothesis_template = template
                examples.append(
                    Example(
                        id=f"capabilities:{capability}:"
                        + stable_id("capabilities", seed, capability, index),
                        fields={"premise": pair[0], "hypothesis": pair[1]},
                        target=label,
                        meta={
                            "capability": capability,
                            "template": f"{capability}/{number}",
                            "template_text": f"{premise_template} => {hypothesis_template}",
                            "label": label,
                            "lexicon": pairs.source,
                        },
                    )
                )
        return examples
