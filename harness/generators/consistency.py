"""Logical consistency: groups of NLI items whose answers must fit together.

A model can be wrong on an item and still consistent; these groups test the
constraints logic puts on a model's *own* predictions (analysis
``logical_consistency``, harness/analyses/consistency.py):

* ``symmetry``: contradiction is symmetric: (A, B) and (B, A) are both contradictions;
* ``negation``: P ⇒ H (entailment), so P contradicts not-H;
* ``transitivity``: P ⇒ H1 and H1 ⇒ H2, so P ⇒ H2;
* ``paraphrase``: a premise and its paraphrase give the same label for one hypothesis.

Every item also has a gold label, right by construction (tests/generators check one
invariant per template), so the usual accuracy applies too. Items carry ``constraint``,
``group`` (shared by the items of one group), ``role`` and ``template`` in ``meta``.
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
from harness.generators.knowledge import ANTONYMS, HYPERNYMS, article
from harness.options import Options

E, N, C = "entailment", "neutral", "contradiction"

CONSTRAINTS: tuple[str, ...] = ("symmetry", "negation", "transitivity", "paraphrase")

PLACES: tuple[str, ...] = ("market", "library", "station", "museum", "park", "office")
OBJECTS: tuple[str, ...] = ("fence", "door", "kitchen", "boat", "bench", "garage")
NUMBER_WORDS: tuple[str, ...] = ("two", "three", "four", "five", "six", "seven")
COLOURS: tuple[str, ...] = ("red", "blue", "green", "yellow", "white")
JOBS: tuple[str, ...] = ("teacher", "doctor", "pilot", "farmer", "lawyer", "baker")


@dataclass(frozen=True)
class Slots:
    name: str
    name2: str
    name3: str
    place: str
    obj: str
    thing: tuple[str, str]  # (singular, plural) of a countable thing
    numbers: tuple[str, str]
    antonyms: tuple[str, str]
    hyponym: tuple[str, str]  # (hyponym, hypernym)
    colour: str
    job: str


def draw_slots(rng: random.Random) -> Slots:
    """Every slot drawn in a fixed order, whatever the template uses."""
    names = rng.sample(lexicon.FEMALE_NAMES + lexicon.MALE_NAMES, 3)
    return Slots(
        name=names[0],
        name2=names[1],
        name3=names[2],
        place=rng.choice(PLACES),
        obj=rng.choice(OBJECTS),
        thing=rng.choice(lexicon.THINGS),
        numbers=tuple(rng.sample(NUMBER_WORDS, 2)),  # type: ignore[arg-type]
        antonyms=rng.choice(ANTONYMS),
        hyponym=rng.choice(HYPERNYMS),
        colour=rng.choice(COLOURS),
        job=rng.choice(JOBS),
    )


# Each template returns its group's items as (role, premise, hypothesis, gold).
Item = tuple[str, str, str, str]


def _pair(a: str, b: str) -> list[Item]:
    return [("forward", a, b, C), ("backward", b, a, C)]


def symmetry(template: int, s: Slots) -> list[Item]:
    x, y = s.antonyms
    if template == 0:
        return _pair(f"{s.name} is {x}.", f"{s.name} is {y}.")
    if template == 1:
        return _pair(f"{s.name} is at the {s.place}.", f"{s.name} is not at the {s.place}.")
    if template == 2:
        (_, many), (n1, n2) = s.thing, s.numbers
        return _pair(f"{s.name} has exactly {n1} {many}.", f"{s.name} has exactly {n2} {many}.")
    return _pair(f"Nobody is in the {s.place}.", f"{s.name} is in the {s.place}.")


def negation(template: int, s: Slots) -> list[Item]:
    hypo, hyper = s.hyponym
    if template == 0:
        premise = f"{s.name} and {s.name2} went to the {s.place}."
        h, not_h = f"{s.name} went to the {s.place}.", f"{s.name} did not go to the {s.place}."
    elif template == 1:
        premise = f"{s.name} saw {article(hypo)} {hypo} yesterday."
        h = f"{s.name} saw {article(hyper)} {hyper} yesterday."
        not_h = f"{s.name} did not see {article(hyper)} {hyper} yesterday."
    else:
        premise = f"{s.name} is a tall {s.job}."
        h, not_h = (
            f"{s.name} is {article(s.job)} {s.job}.",
            f"{s.name} is not {article(s.job)} {s.job}.",
        )
    return [("h", premise, h, E), ("not_h", premise, not_h, C)]


def transitivity(template: int, s: Slots) -> list[Item]:
    hypo, hyper = s.hyponym
    if template == 0:
        p = f"{s.name} saw a {s.colour} {hypo}."
        h1 = f"{s.name} saw {article(hypo)} {hypo}."
        h2 = f"{s.name} saw {article(hyper)} {hyper}."
    elif template == 1:
        p = f"{s.name} and {s.name2} sang loudly in the {s.place}."
        h1 = f"{s.name} sang loudly in the {s.place}."
        h2 = f"{s.name} sang in the {s.place}."
    else:
        p = f"{s.name} walked to the {s.place} with {s.name2} on Monday."
        h1 = f"{s.name} walked to the {s.place} on Monday."
        h2 = f"{s.name} walked to the {s.place}."
    return [("p_h1", p, h1, E), ("h1_h2", h1, h2, E), ("p_h2", p, h2, E)]


def paraphrase(template: int, s: Slots, variant: int) -> list[Item]:
    """Two paraphrased premises with one hypothesis; ``variant`` picks its label."""
    if template == 0:
        premise = f"{s.name} painted the {s.obj}."
        paraphrased = f"The {s.obj} was painted by {s.name}."
        hypotheses = (
            (f"Someone painted the {s.obj}.", E),
            (f"Nobody painted the {s.obj}.", C),
            (f"{s.name} painted the {s.obj} on Monday.", N),
        )
    elif template == 1:
        one = s.thing[0]
        premise = f"{s.name} gave {s.name2} {article(one)} {one}."
        paraphrased = f"{s.name} gave {article(one)} {one} to {s.name2}."
        hypotheses = (
            (f"{s.name2} received {article(one)} {one}.", E),
            (f"{s.name} gave nothing to anyone.", C),
            (f"{s.name} gave {s.name3} {article(one)} {one}.", N),
        )
    else:
        premise = f"{s.name} is older than {s.name2}."
        paraphrased = f"{s.name2} is younger than {s.name}."
        hypotheses = (
            (f"{s.name2} is not older than {s.name}.", E),
            (f"{s.name2} is older than {s.name}.", C),
            (f"{s.name} is older than {s.name3}.", N),
        )
    hypothesis, gold = hypotheses[variant % 3]
    return [("original", premise, hypothesis, gold), ("paraphrase", paraphrased, hypothesis, gold)]


N_TEMPLATES = {"symmetry": 4, "negation": 3, "transitivity": 3, "paraphrase": 3}


def group_items(constraint: str, template: int, slots: Slots, index: int) -> list[Item]:
    if constraint == "symmetry":
        return symmetry(template, slots)
    if constraint == "negation":
        return negation(template, slots)
    if constraint == "transitivity":
        return transitivity(template, slots)
    return paraphrase(template, slots, index // N_TEMPLATES["paraphrase"])


def draw_group(constraint: str, template: int, index: int, rng: random.Random) -> list[Item]:
    """One group of ``constraint`` items from ``template``, its slots drawn from ``rng``."""
    return group_items(constraint, template, draw_slots(rng), index)


class ConsistencyGenerator:
    """Groups of items tied by a logical constraint, ``n_per_constraint`` groups each."""

    description: ClassVar[str] = (
        "groups tied by logic: symmetry, negation, transitivity, paraphrase"
    )

    name = "consistency"

    class Options(Options):
        n_per_constraint: int = Field(default=24, gt=0)
        constraints: Annotated[list[str], among("constraint", CONSTRAINTS)] = Field(
            default_factory=lambda: list(CONSTRAINTS)
        )

    def generate(self, options: ConsistencyGenerator.Options, seed: int) -> list[Example]:
        examples: list[Example] = []
        seen: set[tuple[str, str]] = set()
        for constraint in CONSTRAINTS:
            if constraint not in options.constraints:
                continue
            rng = random.Random(f"{seed}:consistency:{constraint}")
            too_few = (
                f"consistency: fewer than {options.n_per_constraint} distinct "
                f"'{constraint}' groups; lower n_per_constraint"
            )
            for index in range(options.n_per_constraint):
                template = index % N_TEMPLATES[constraint]
                made = draw_new(
                    partial(draw_group, constraint, template, index, rng),
                    lambda made: {(premise, hypothesis) for _, premise, hypothesis, _ in made},
                    seen,
                    too_few,
                )
                group = stable_id("consistency", seed, constraint, index)
                for role, premise, hypothesis, gold in made:
                    examples.append(
                        Example(
                            id=f"consistency:{constraint}:{group}:{role}",
                            fields={"premise": premise, "hypothesis": hypothesis},
                            target=gold,
                            meta={
                                "constraint": constraint,
                                "group": group,
                                "role": role,
                                "template": f"{constraint}/{template}",
                                "label": gold,
                            },
                        )
                    )
        return examples
