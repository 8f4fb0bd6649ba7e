"""Knowledge integration: does the model *use* what it knows about words?

For word pairs in a WordNet relation (hypernymy, antonymy, part–whole, located-in) the
same inference is asked twice: once needing the fact, once with the fact stated in the
premise::

    without fact:  "Ana saw a robin."                            ⇒ "Ana saw a bird."
    with fact:     "Ana saw a robin. A robin is a kind of bird."  ⇒ "Ana saw a bird."

A model right only with the fact lacks the knowledge; wrong both times, it fails the
inference itself; right both times, it knows and uses the fact. Each probe has a
non-entailed control, asked the same two ways, whose gold label the fact does not
change (the reverse direction for hypernymy, part–whole and located-in; an unrelated
adjective for antonymy), so a model that answers "entailment" (or "contradiction")
to everything is caught by the controls. Analysis ``knowledge_integration``
(harness/analyses/knowledge.py) puts the four answers of one unit side by side.

The pairs are written here and each is checked against WordNet by
tests/generators/test_knowledge_generator.py; WordNet is not needed to generate.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import partial
from typing import Annotated, ClassVar

from pydantic import Field

from harness.core import Example, stable_id
from harness.generators import lexicon
from harness.generators.base import among, draw_new
from harness.options import Options

E, N, C = "entailment", "neutral", "contradiction"

#: (hyponym, hypernym): the first is a kind of the second (WordNet hypernym closure).
HYPERNYMS: tuple[tuple[str, str], ...] = (
    ("robin", "bird"),
    ("sparrow", "bird"),
    ("eagle", "bird"),
    ("oak", "tree"),
    ("maple", "tree"),
    ("daisy", "flower"),
    ("salmon", "fish"),
    ("trout", "fish"),
    ("shark", "fish"),
    ("hammer", "tool"),
    ("violin", "instrument"),
    ("guitar", "instrument"),
    ("carrot", "vegetable"),
    ("apple", "fruit"),
    ("banana", "fruit"),
    ("poodle", "dog"),
    ("beagle", "dog"),
    ("truck", "vehicle"),
    ("bus", "vehicle"),
    ("jacket", "garment"),
)

#: Adjective pairs that are WordNet direct antonyms and contraries when said of a person.
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("tall", "short"),
    ("young", "old"),
    ("happy", "unhappy"),
    ("rich", "poor"),
    ("wet", "dry"),
    ("strong", "weak"),
    ("honest", "dishonest"),
    ("polite", "impolite"),
    ("patient", "impatient"),
    ("careful", "careless"),
    ("friendly", "unfriendly"),
    ("awake", "asleep"),
)

#: (whole, part): every whole has such a part (WordNet part meronym).
PARTS: tuple[tuple[str, str], ...] = (
    ("car", "wheel"),
    ("bicycle", "pedal"),
    ("piano", "keyboard"),
    ("boat", "hull"),
    ("knife", "blade"),
    ("house", "roof"),
    ("shoe", "sole"),
    ("hammer", "head"),
    ("airplane", "wing"),
    ("umbrella", "handle"),
)

#: (city, country): the city is in the country (WordNet part holonym of the city).
LOCATIONS: tuple[tuple[str, str], ...] = (
    ("Paris", "France"),
    ("Rome", "Italy"),
    ("Madrid", "Spain"),
    ("Tokyo", "Japan"),
    ("Cairo", "Egypt"),
    ("Lima", "Peru"),
    ("Oslo", "Norway"),
    ("Dublin", "Ireland"),
    ("Lisbon", "Portugal"),
    ("Athens", "Greece"),
    ("Nairobi", "Kenya"),
    ("Berlin", "Germany"),
)

RELATIONS: tuple[str, ...] = ("hypernymy", "antonymy", "part_whole", "located_in")


def article(word: str) -> str:
    """ "a" or "an" by the first letter (every word listed here is regular)."""
    return "an" if word[0].lower() in "aeiou" else "a"


@dataclass(frozen=True)
class Unit:
    """One probe and its control, each asked without and with the fact."""

    relation: str
    pair: tuple[str, str]
    fact: str
    probe: tuple[str, str, str]  # premise, hypothesis, gold
    control: tuple[str, str, str]


def make_unit(relation: str, pair: tuple[str, str], name: str, other: str) -> Unit:
    """The unit for one word pair; ``other`` is an unrelated word for antonymy's control."""
    x, y = pair
    if relation == "antonymy":
        return Unit(
            relation,
            pair,
            f"Someone who is {x} is not {y}.",
            (f"{name} is {x}.", f"{name} is {y}.", C),
            (f"{name} is {x}.", f"{name} is {other}.", N),
        )
    if relation == "hypernymy":
        fact = f"{article(x).capitalize()} {x} is a kind of {y}."
        about_x, about_y = f"{name} saw {article(x)} {x}.", f"{name} saw {article(y)} {y}."
    elif relation == "part_whole":
        fact = f"Every {x} has {article(y)} {y}."
        about_x = f"{name} owns {article(x)} {x}."
        about_y = f"{name} owns something with {article(y)} {y}."
    elif relation == "located_in":
        fact = f"{x} is in {y}."
        about_x, about_y = f"{name} lives in {x}.", f"{name} lives in {y}."
    else:
        raise ValueError(f"unknown relation {relation!r}")
    # With the fact, the sentence about x entails the one about y; the reverse direction
    # is the control, neutral with or without the fact.
    return Unit(relation, pair, fact, (about_x, about_y, E), (about_y, about_x, N))


PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    "hypernymy": HYPERNYMS,
    "antonymy": ANTONYMS,
    "part_whole": PARTS,
    "located_in": LOCATIONS,
}

NAMES: tuple[str, ...] = lexicon.FEMALE_NAMES + lexicon.MALE_NAMES


def draw_unit(
    relation: str, pair: tuple[str, str], adjectives: list[str], rng: random.Random
) -> Unit:
    """The unit for ``pair`` with a name drawn from ``NAMES`` and, for antonymy's
    control, an adjective drawn from ``adjectives`` outside the pair."""
    name = rng.choice(NAMES)
    other = rng.choice([a for a in adjectives if a not in pair])
    return make_unit(relation, pair, name, other)


class KnowledgeGenerator:
    """Probe/control units per WordNet relation, each asked without and with the fact.

    Four items per unit, tagged ``relation``, ``unit`` (shared by the four),
    ``role`` (probe/control) and ``fact`` (without/with).
    """

    description: ClassVar[str] = (
        "WordNet-relation inferences asked without and with the fact stated"
    )

    name = "knowledge"

    class Options(Options):
        n_per_relation: int = Field(default=20, gt=0)
        relations: Annotated[list[str], among("relation", RELATIONS)] = Field(
            default_factory=lambda: list(RELATIONS)
        )

    def generate(self, options: KnowledgeGenerator.Options, seed: int) -> list[Example]:
        examples: list[Example] = []
        for relation in RELATIONS:
            if relation not in options.relations:
                continue
            rng = random.Random(f"{seed}:knowledge:{relation}")
            pairs = PAIRS[relation]
            adjectives = [a for pair in ANTONYMS for a in pair]
            seen: set[tuple[str, str]] = set()
            too_few = (
                f"knowledge: fewer than {options.n_per_relation} distinct "
                f"'{relation}' units; lower n_per_relation"
            )
            for index in range(options.n_per_relation):
                # Cycle through the pairs so each is used before any repeats; redraw the
                # name until the unit's texts are new.
                pair = pairs[index % len(pairs)]
                unit = draw_new(
                    partial(draw_unit, relation, pair, adjectives, rng),
                    lambda unit: {unit.probe[:2], unit.control[:2]},
                    seen,
                    too_few,
                )
                unit_id = stable_id("knowledge", seed, relation, index)
                for role, (premise, hypothesis, gold) in (
                    ("probe", unit.probe),
                    ("control", unit.control),
                ):
                    for fact in ("without", "with"):
                        text = premise if fact == "without" else f"{premise} {unit.fact}"
                        examples.append(
                            Example(
                                id=f"knowledge:{relation}:{unit_id}:{role}:{fact}",
                                fields={"premise": text, "hypothesis": hypothesis},
                                target=gold,
                                meta={
                                    "relation": relation,
                                    "unit": unit_id,
                                    "role": role,
                                    "fact": fact,
                                    "pair": f"{pair[0]}/{pair[1]}",
                                    "label": gold,
                                },
                            )
                        )
        return examples
