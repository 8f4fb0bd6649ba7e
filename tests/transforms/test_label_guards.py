"""Regression tests for variants that changed their gold label on real data.

Each case is a failure a judged sample found (the nli-core sentences themselves, or
sentences written to reproduce what was found on SICK): the transform made a variant
whose stated label was wrong. Now it makes none, and counts the exclusion with its
reason, or makes only variants whose label holds.
"""

from __future__ import annotations

import pytest
from transform_helpers import apply, changed

from harness.transforms.base import rejections

# --- number_change, one_field (directional: entailment -> contradiction) ---------------------

BOUND = "number as a bound, time or comparison ('above 85', 'by eight', 'two floors above')"
NOT_COUNT = "number that counts or measures nothing ('scored 85', 'at nine')"
LIMIT = "number with a natural limit ('five sets', 'two front paws')"


@pytest.mark.parametrize(
    ("premise", "hypothesis", "reason"),
    [
        # A higher bound is still entailed: "No one scored above 118".
        (
            "Lena scored 85 on the test, the highest mark in her class.",
            "No one in Lena's class scored above 85.",
            BOUND,
        ),
        # Sold out by eight: still none left by ten.
        (
            "The bakery sold out of croissants by eight o'clock.",
            "By eight, there were no croissants left at the bakery.",
            BOUND,
        ),
        # "over nine feet tall" is neutral, "over four feet" entailed.
        (
            "Amir is taller than his father, who is six feet tall.",
            "Amir is over six feet tall.",
            BOUND,
        ),
        # "grown since 1995" is neutral.
        (
            "The town's population has increased since 1990.",
            "The town has grown since 1990.",
            BOUND,
        ),
        (
            "Chen's flat is on the fourth floor, two floors above Mia's.",
            "Mia's flat is two floors below Chen's.",
            BOUND,
        ),
        ("The museum opens at nine every day.", "The museum opens at nine on Mondays.", NOT_COUNT),
        (
            "A dog is standing with its two front paws on a rock.",
            "The dog has its two front paws on a rock.",
            LIMIT,
        ),
    ],
)
def test_one_field_changes_only_counts_of_the_same_thing(
    premise: str, hypothesis: str, reason: str
) -> None:
    fields = {"premise": premise, "hypothesis": hypothesis}
    made = apply("number_change", fields, {"fields_mode": "one_field"})
    assert made == [] and rejections(made) == {reason: 1}


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        (
            "The report was reviewed by two editors before publication.",
            "Two editors reviewed the report.",
        ),
        (
            "Two suspects were arrested by the police on Friday night.",
            "The police arrested two suspects.",
        ),
        ("Each of the four players scored a goal.", "All four players scored at least once."),
        (
            "Two young women are sparring in a kickboxing fight.",
            "Two women are sparring in a match.",
        ),
    ],
)
def test_one_field_still_changes_a_count_asserted_of_the_same_thing(
    premise: str, hypothesis: str
) -> None:
    fields = {"premise": premise, "hypothesis": hypothesis}
    for seed in range(5):
        [variant] = apply("number_change", fields, {"fields_mode": "one_field"}, seed=seed)
        assert variant.target == "contradiction"
        assert set(changed(variant, fields)) == {"hypothesis"}


# --- number_change, consistent (invariance) -------------------------------------------------


@pytest.mark.parametrize(
    ("premise", "hypothesis", "reason"),
    [
        # "fourth floor, ten floors above Mia's": the ordinal stays, the distance moves.
        (
            "Chen's flat is on the fourth floor, two floors above Mia's.",
            "Mia lives on a higher floor than Chen.",
            "numbers related by arithmetic",
        ),
        # "twenty years" stays, "two decades" becomes "five decades".
        (
            "Sergio has lived in the same apartment for twenty years.",
            "For two decades, Sergio has not changed apartments.",
            "numbers with a relating word",
        ),
        # "wider than seven meters" stays true beside forty; "wider than fifty" would not.
        (
            "The river is about forty meters wide at the bridge.",
            "The river is wider than ten meters at the bridge.",
            "numbers with a relating word",
        ),
        ("The final was played at Wimbledon on grass.", "The final lasted five sets.", LIMIT),
        ("A child is riding a three wheeled scooter.", "A child is riding a scooter.", LIMIT),
        ("Two twin boys are dueling with sticks.", "Two boys are playing.", LIMIT),
        (
            "Kiona's garden is smaller than Ray's, and Ray's is smaller than Ben's.",
            "Kiona has the largest garden of the three.",
            "number counting things named elsewhere ('the largest of the three')",
        ),
    ],
)
def test_consistent_rejects_numbers_tied_to_what_it_cannot_change(
    premise: str, hypothesis: str, reason: str
) -> None:
    made = apply("number_change", {"premise": premise, "hypothesis": hypothesis})
    assert made == [] and rejections(made) == {reason: 1}


def test_consistent_keeps_measures_and_years_plausible() -> None:
    # "who is twelve feet tall"; "born in 1985" beside "born in the 1980s".
    fields = {
        "premise": "Amir is taller than his father, who is six feet tall.",
        "hypothesis": "Amir's father is taller than Amir.",
    }
    heights = set()
    years = set()
    for seed in range(40):
        [variant] = apply("number_change", fields, target="contradiction", seed=seed)
        heights.add(variant.fields["premise"].split("who is ")[1].split()[0])
        born = {"premise": "Elif was born in 1998.", "hypothesis": "Elif was born in the 1980s."}
        [moved] = apply("number_change", born, target="contradiction", seed=seed)
        years.add(int(moved.fields["premise"].removesuffix(".").split()[-1]))
    assert heights == {"five", "seven"}
    assert years and all(1990 <= year <= 1999 and year != 1998 for year in years)


# --- negation (directional: entailment -> contradiction) --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        # "The storm hit after the store had not closed."
        (
            "The storm hit after the store had closed.",
            "a temporal clause or phrase ('after', 'before')",
        ),
        (
            "Lars repaired the roof after the flood was over.",
            "a temporal clause or phrase ('after', 'before')",
        ),
        # "More than one table ... was not empty" does not contradict "at least three were".
        (
            "More than one table in the restaurant was empty.",
            "a quantified or counted subject ('some', 'more than one', 'a lot of')",
        ),
        (
            "A lot of people are in an ice skating park.",
            "a quantified or counted subject ('some', 'more than one', 'a lot of')",
        ),
        # "someone" takes scope over "not": "was not broken by someone" can still be true.
        (
            "The window was broken by someone.",
            "an indefinite pronoun ('someone'), which 'not' leaves standing",
        ),
        (
            "Marta is a grandmother to someone.",
            "an indefinite pronoun ('someone'), which 'not' leaves standing",
        ),
        (
            "Somebody is playing a guitar.",
            "an indefinite pronoun ('someone'), which 'not' leaves standing",
        ),
        # "is not also on Main Street", "is not still undecided".
        (
            "The church is also on Main Street.",
            "a focus or aspect particle ('also', 'still', 'only')",
        ),
        (
            "Jana is still undecided about the party.",
            "a focus or aspect particle ('also', 'still', 'only')",
        ),
    ],
)
def test_negation_leaves_clauses_whose_negation_does_not_contradict(
    sentence: str, reason: str
) -> None:
    made = apply("negation", {"premise": "P.", "hypothesis": sentence}, perturb=["hypothesis"])
    assert made == [] and rejections(made) == {reason: 1}


def test_negation_counts_every_exclusion_and_still_negates_simple_clauses() -> None:
    cases = {
        "Two men are sleeping.": "a quantified or counted subject ('some', 'more than one', 'a lot of')",
        "The man is not sleeping.": "already negated",
        "The man may be sleeping.": "a modal whose negation does not contradict it",
        "The man is tall and the woman is short.": "several clauses",
    }
    for sentence, reason in cases.items():
        made = apply("negation", {"premise": "P.", "hypothesis": sentence}, perturb=["hypothesis"])
        assert made == [] and rejections(made) == {reason: 1}, sentence
    # Nothing to negate is a skip, not an exclusion.
    made = apply(
        "negation", {"premise": "P.", "hypothesis": "The man sleeps."}, perturb=["hypothesis"]
    )
    assert made == [] and rejections(made) == {}
    [variant] = apply(
        "negation",
        {"premise": "P.", "hypothesis": "A mouse was chased by the cat."},
        perturb=["hypothesis"],
    )
    assert variant.fields["hypothesis"] == "A mouse was not chased by the cat."
