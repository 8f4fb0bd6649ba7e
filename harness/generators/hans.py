"""HANS-style diagnostics: the three syntactic heuristics of McCoy, Pavlick & Linzen (2019).

A model that learned a shallow heuristic from its training data labels a pair
"entailment" whenever

* ``lexical_overlap``: every word of the hypothesis occurs in the premise;
* ``subsequence``: the hypothesis is a contiguous subsequence of the premise;
* ``constituent``: the hypothesis is a full constituent (a clause) of the premise.

Each heuristic has subcases where it gives the right answer (entailed, prefix
``le_``/``se_``/``ce_``) and subcases where it does not (``ln_``/``sn_``/``cn_``). A
model that follows the heuristic scores near 100% on the first and near 0% on the
second. Templates and vocabulary are this project's own (``lexicon.py``); the
subcase families follow the paper. Every hypothesis of every subcase satisfies its
heuristic, and each template's label holds by construction (tests/generators check
one invariant per template).

>>> from harness.generators.hans import HansGenerator
>>> examples = HansGenerator().generate(HansGenerator.Options(n_per_subcase=1), seed=0)
>>> len(examples), examples[0].meta["subcase"], examples[0].target
(30, 'ln_subject_object_swap', 'non-entailment')
"""

from __future__ import annotations

import random
from functools import partial
from typing import Annotated, ClassVar

from pydantic import Field

from harness.core import Example, stable_id
from harness.generators import lexicon
from harness.generators.base import among, draw_new
from harness.generators.hans_templates import (
    ENTAILMENT,
    HEURISTICS,
    NON_ENTAILMENT,
    SUBCASES,
    Heuristic,
    Subcase,
)
from harness.options import Options
from harness.seeding import rng_for

__all__ = [
    "ENTAILMENT",
    "HEURISTICS",
    "NON_ENTAILMENT",
    "SUBCASES",
    "HansGenerator",
    "Heuristic",
    "Subcase",
]

SUBCASES_BY_NAME: dict[str, Subcase] = {subcase.name: subcase for subcase in SUBCASES}


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill_slots(subcase: Subcase, rng: random.Random) -> tuple[int, str, str]:
    """One (template index, premise, hypothesis) for ``subcase``; draws every slot.

    Drawing every slot in a fixed order keeps the RNG stream independent of which
    slots a template uses.
    """
    template = rng.randrange(len(subcase.templates))
    people = rng.sample(lexicon.PEOPLE, 3)
    plural = [rng.random() < 0.5 for _ in people]
    verb1, verb2 = rng.sample(lexicon.TRANSITIVE_VERBS, 2)
    optional_object = rng.choice(lexicon.OPTIONAL_OBJECT_VERBS)
    intransitive = rng.choice(lexicon.INTRANSITIVE_VERBS)
    word = rng.choice(subcase.words) if subcase.words else ""
    # Slots added with the wider template families; drawn last so the draws above
    # keep their order.
    adjective = rng.choice(lexicon.INTERSECTIVE_ADJECTIVES)
    time = rng.choice(lexicon.TIME_ADVERBIALS)
    preposition = rng.choice(lexicon.NOUN_PREPOSITIONS)
    nouns = [p.plural if many else p.singular for p, many in zip(people, plural, strict=True)]
    slots = {
        "n1": nouns[0],
        "n2": nouns[1],
        "n3": nouns[2],
        "be1": "were" if plural[0] else "was",
        "pl1": people[0].plural,
        "Pl1": _capitalize(people[0].plural),
        "v1": verb1.past,
        "v1pp": verb1.participle,
        "v2": verb2.past,
        "vo": optional_object.past,
        "vi": intransitive.past,
        "word": word,
        "Word": _capitalize(word),
        "lword": word[:1].lower() + word[1:],
        "adj": adjective,
        "time": time,
        "prep": preposition,
    }
    premise, hypothesis = subcase.templates[template]
    return template, premise.format(**slots), hypothesis.format(**slots)


class HansGenerator:
    """HANS-style items for the lexical-overlap, subsequence and constituent heuristics.

    ``target`` is ``entailment`` or ``non-entailment``; a three-way NLI test maps the
    model's labels with ``label_mapping: {neutral: non-entailment, contradiction:
    non-entailment}``.
    """

    description: ClassVar[str] = (
        "HANS-style lexical-overlap, subsequence and constituent heuristics"
    )

    name = "hans"

    class Options(Options):
        n_per_subcase: int = Field(default=20, gt=0)
        heuristics: list[Heuristic] = Field(default_factory=lambda: list(HEURISTICS))  # type: ignore[arg-type]
        subcases: Annotated[list[str] | None, among("subcase", list(SUBCASES_BY_NAME))] = None

    def selected(self, options: HansGenerator.Options) -> list[Subcase]:
        """The subcases ``options`` asks for, in the fixed order of ``SUBCASES``."""
        return [
            subcase
            for subcase in SUBCASES
            if subcase.heuristic in options.heuristics
            and (options.subcases is None or subcase.name in options.subcases)
        ]

    def generate(self, options: HansGenerator.Options, seed: int) -> list[Example]:
        examples: list[Example] = []
        for subcase in self.selected(options):
            rng = rng_for(seed, "hans", subcase.name)
            seen: set[tuple[str, str]] = set()
            too_few = (
                f"hans: subcase '{subcase.name}' has fewer than "
                f"{options.n_per_subcase} distinct items; lower n_per_subcase"
            )
            for index in range(options.n_per_subcase):
                template, premise, hypothesis = draw_new(
                    partial(fill_slots, subcase, rng), lambda drawn: {drawn[1:]}, seen, too_few
                )
                examples.append(
                    Example(
                        id=f"hans:{subcase.name}:{stable_id('hans', seed, subcase.name, index)}",
                        fields={"premise": premise, "hypothesis": hypothesis},
                        target=subcase.label,
                        meta={
                            "heuristic": subcase.heuristic,
                            "subcase": subcase.name,
                            "template": subcase.template(template),
                            "label": subcase.label,
                        },
                    )
                )
        return examples
