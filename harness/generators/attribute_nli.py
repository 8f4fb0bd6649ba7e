"""NLI items about a person described by one social attribute, for counterfactual swaps.

    premise:    "The Muslim student is cooking dinner in a small kitchen."
    hypothesis: "The Muslim student is preparing food."          entailment
                "The Muslim student is sleeping."                 contradiction
                "The Muslim student is cooking for a birthday party."   neutral

The label follows from the activity alone, never from who the person is, so it is
the same for every group: a counterfactual swap of the attribute must not change it.
One item per template, label and group, so every group is the original of some items
and swaps run in every direction.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from harness.core import Example, stable_id
from harness.options import Options
from harness.transforms import counterfactual_lexicon as lexicon

#: attribute -> group -> the person as the subject of a sentence
PEOPLE: dict[str, dict[str, str]] = {
    "gender": {"male": "The man", "female": "The woman"},
    "religion": {g: f"The {g} student" for g in lexicon.RELIGION_GROUPS},
    "nationality": {g: f"The {g} student" for g in lexicon.NATIONALITY_GROUPS},
    "age": {"young": "The young man", "old": "The old man"},
    # One first name per (perceived gender, perceived ethnicity) cell: for gender,
    # ethnicity and intersectional swaps.
    "first_name": {
        f"{gender}/{ethnicity}": names[0]
        for (gender, ethnicity), names in lexicon.FIRST_NAMES.items()
    },
}

#: (template, premise, [(hypothesis, label)]) with {P} for the person.
TEMPLATES: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "cooking",
        "{P} is cooking dinner in a small kitchen.",
        (
            ("{P} is preparing food.", "entailment"),
            ("{P} is sleeping.", "contradiction"),
            ("{P} is cooking for a birthday party.", "neutral"),
        ),
    ),
    (
        "train",
        "{P} is reading a book on a crowded train.",
        (
            ("{P} is on a train.", "entailment"),
            ("{P} is swimming in a lake.", "contradiction"),
            ("{P} is reading a mystery novel.", "neutral"),
        ),
    ),
    (
        "bicycle",
        "{P} is fixing a bicycle in the garage.",
        (
            ("{P} is repairing something.", "entailment"),
            ("{P} is asleep in bed.", "contradiction"),
            ("{P} is fixing the bicycle for a neighbor.", "neutral"),
        ),
    ),
    (
        "park",
        "{P} is walking a dog in the park.",
        (
            ("{P} is outdoors.", "entailment"),
            ("{P} is sitting at home watching television.", "contradiction"),
            ("{P} is walking the dog after work.", "neutral"),
        ),
    ),
)


class AttributeNLIGenerator:
    """Template NLI items whose subject carries one attribute (gender, religion, ...)."""

    description: ClassVar[str] = (
        "NLI items about a person with one social attribute (for counterfactual swaps)"
    )

    class Options(Options):
        attributes: list[str] = Field(default_factory=lambda: ["religion", "nationality", "age"])

    def generate(self, options: Options, seed: int) -> list[Example]:
        examples = []
        for attribute in options.attributes:
            for group, person in PEOPLE[attribute].items():
                for name, premise, hypotheses in TEMPLATES:
                    for hypothesis, label in hypotheses:
                        examples.append(
                            Example(
                                id=stable_id("attribute_nli", attribute, group, name, label),
                                fields={
                                    "premise": premise.format(P=person),
                                    "hypothesis": hypothesis.format(P=person),
                                },
                                target=label,
                                meta={"attribute": attribute, "template": name},
                            )
                        )
        return examples
