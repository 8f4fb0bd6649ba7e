"""Counterfactual swaps: exact strings per word list and direction, exclusions, consistency."""

from __future__ import annotations

import random

import pytest

from harness.core import Example
from harness.transforms import counterfactual_lexicon as lexicon
from harness.transforms.counterfactual import (
    ATTRIBUTES,
    GenderSwapTransform,
    ReligionSwapTransform,
    source_groups,
    swap_example,
)
from harness.transforms.wordlists import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

FIELDS = ["premise", "hypothesis"]


def swapped(premise: str, hypothesis: str, targets: dict[str, str], seed: int = 0) -> dict:
    result = swap_example(
        Example("x", {"premise": premise, "hypothesis": hypothesis}),
        targets,
        FIELDS,
        random.Random(seed),
    )
    assert result.example is not None, result.excluded
    return dict(result.example.fields)


def excluded(premise: str, hypothesis: str, targets: dict[str, str]) -> str | None:
    example = Example("x", {"premise": premise, "hypothesis": hypothesis})
    return swap_example(example, targets, FIELDS, random.Random(0)).excluded


# --- gender ------------------------------------------------------------------------------


@pytest.mark.parametrize(("male", "female"), lexicon.GENDER_PAIRS)
def test_every_gender_pair_swaps_both_ways_with_case(male: str, female: str) -> None:
    assert swapped(f"The {male} waved.", f"{male.capitalize()} waved.", {"gender": "female"}) == {
        "premise": f"The {female} waved.",
        "hypothesis": f"{female.capitalize()} waved.",
    }
    assert swapped(f"The {female} waved.", f"{female.upper()} waved.", {"gender": "male"}) == {
        "premise": f"The {male} waved.",
        "hypothesis": f"{male.upper()} waved.",
    }


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # her -> his before a noun phrase, him otherwise
        ("She lost her keys.", "male", "He lost his keys."),
        ("I called her yesterday.", "male", "I called him yesterday."),
        ("I gave her a book.", "male", "I gave him a book."),
        ("I thanked her.", "male", "I thanked him."),
        ("Her own car is red.", "male", "His own car is red."),
        ("The idea was hers.", "male", "The idea was his."),
        ("She hurt herself.", "male", "He hurt himself."),
        # his -> her before a noun phrase, hers otherwise; him -> her
        ("He lost his keys.", "female", "She lost her keys."),
        ("The idea was his.", "female", "The idea was hers."),
        ("I saw him and his dog.", "female", "I saw her and her dog."),
        ("He hurt himself.", "female", "She hurt herself."),
        # articles agree with the new word
        ("An actor bowed.", "female", "An actress bowed."),
        ("A man and his son.", "female", "A woman and her daughter."),
        ("Mr. Smith is a waiter.", "female", "Ms. Smith is a waitress."),
    ],
)
def test_pronouns_follow_part_of_speech(text: str, target: str, expected: str) -> None:
    assert swapped(text, "Nothing else.", {"gender": target})["premise"] == expected


def test_possessives_and_words_containing_terms_are_kept() -> None:
    fields = swapped(
        "The man's hat and the manager's shirt.",
        "The shepherds and heroes met the men.",
        {"gender": "female"},
    )
    assert fields == {
        "premise": "The woman's hat and the manager's shirt.",
        "hypothesis": "The shepherds and heroes met the women.",
    }


def test_names_change_gender_with_pronouns_and_keep_ethnicity() -> None:
    fields = swapped(
        "Emily thanked her aunt.", "Emily's sister smiled.", {"gender": "male"}, seed=3
    )
    new_name = fields["premise"].split()[0]
    assert new_name in lexicon.FIRST_NAMES[("male", "white")]
    assert fields == {
        "premise": f"{new_name} thanked his uncle.",
        "hypothesis": f"{new_name}'s brother smiled.",
    }


def test_names_inside_longer_words_do_not_change() -> None:
    fields = swapped("Greg met the Gregorys in Emilyville.", "Greg waved.", {"ethnicity": "Black"})
    new_name = fields["hypothesis"].split()[0]
    assert new_name in lexicon.FIRST_NAMES[("male", "Black")]
    assert fields["premise"] == f"{new_name} met the Gregorys in Emilyville."


def test_ethnicity_swap_maps_each_name_consistently_and_distinctly() -> None:
    fields = swapped(
        "Jamal and Darnell met.", "Darnell left before Jamal.", {"ethnicity": "Asian"}, seed=1
    )
    first, _, second, _ = fields["premise"].split()
    assert first != second
    assert {first, second.rstrip(".")} <= set(lexicon.FIRST_NAMES[("male", "Asian")])
    assert fields["hypothesis"] == f"{second.rstrip('.')} left before {first}."


def test_intersectional_swap_changes_name_and_pronouns_together() -> None:
    fields = swapped(
        "Lakisha lost her bag.", "She was sad.", {"gender": "male", "ethnicity": "Hispanic"}
    )
    name = fields["premise"].split()[0]
    assert name in lexicon.FIRST_NAMES[("male", "Hispanic")]
    assert fields == {"premise": f"{name} lost his bag.", "hypothesis": "He was sad."}


def test_gender_swap_covers_names_from_the_older_lists() -> None:
    fields = swapped("Maria called her sister.", "Maria smiled.", {"gender": "male"})
    name = fields["premise"].split()[0]
    assert name in MALE_FIRST_NAMES
    assert fields["premise"] == f"{name} called his brother."
    assert fields["hypothesis"] == f"{name} smiled."
    assert excluded("Maria called.", "x", {"ethnicity": "Black"}) == (
        "names without a perceived-ethnicity list"
    )


# --- religion, nationality, age --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "targets", "expected"),
    [
        ("A Muslim family prayed.", {"religion": "Sikh"}, "A Sikh family prayed."),
        ("A Muslim was praying.", {"religion": "Jewish"}, "A Jewish person was praying."),
        ("Muslims and Muslim friends.", {"religion": "Jewish"}, "Jews and Jewish friends."),
        ("A Jewish person was praying.", {"religion": "Hindu"}, "A Hindu person was praying."),
        ("A Christian prayed.", {"religion": "Hindu"}, "A Hindu prayed."),
        ("The Hindu was kind.", {"religion": "Christian"}, "The Christian was kind."),
        ("An American man waved.", {"nationality": "Chinese"}, "A Chinese man waved."),
        ("A Mexican waved.", {"nationality": "Indian"}, "An Indian waved."),
        ("Americans waved.", {"nationality": "Chinese"}, "Chinese people waved."),
        ("A German was late.", {"nationality": "Chinese"}, "A Chinese person was late."),
        # ("An old man is 80 years old." is left out: tests/transforms/test_counterfactual_cues.py)
        ("An old man waved.", {"age": "young"}, "A young man waved."),
        ("The youngest student waved.", {"age": "old"}, "The oldest student waved."),
        ("The teenagers met a teenager.", {"age": "old"}, "The retirees met a retiree."),
    ],
)
def test_group_terms_swap_with_their_forms(text: str, targets: dict, expected: str) -> None:
    assert swapped(text, "Nothing here.", targets)["premise"] == expected


def test_lower_case_word_that_is_not_a_group_is_kept() -> None:
    # "christian" in lower case is not the religion word (a name-like adjective use is capitalised)
    assert excluded("the american dream.", "x", {"nationality": "German"}) == (
        "nothing to swap (nationality)"
    )


# --- exclusions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("premise", "targets", "reason"),
    [
        ("The table is red.", {"gender": "female"}, "nothing to swap (gender)"),
        ("The man and the woman met.", {"gender": "female"}, "mixed groups (gender: female, male)"),
        ("He met Emily.", {"gender": "female"}, "mixed groups (gender: female, male)"),
        ("Emily met Jamal.", {"ethnicity": "Asian"}, "mixed groups (ethnicity: Black, white)"),
        ("A Muslim met a Hindu.", {"religion": "Sikh"}, "mixed groups (religion: Hindu, Muslim)"),
        ("The house is old.", {"age": "young"}, "nothing to swap (age)"),
    ],
)
def test_items_that_cannot_be_swapped_are_excluded_with_a_reason(
    premise: str, targets: dict, reason: str
) -> None:
    assert excluded(premise, "Nothing.", targets) == reason


@pytest.mark.parametrize(
    "premise",
    [
        "Tanya wrote a poem for her grandmother.",  # an unlisted first name at the start
        "The key is with Tanya and her sister.",  # ... or inside a sentence
        "Owen's wife has passed away.",
    ],
)
def test_a_possible_unlisted_name_excludes_the_item_from_gender_swaps(premise: str) -> None:
    assert excluded(premise, "Nothing.", {"gender": "male"}) == (
        "a capitalised word that may be an unlisted name"
    )


def test_titles_places_languages_and_sentence_openers_are_not_taken_for_names() -> None:
    fields = swapped(
        "Dr. Okafor met Mr. Alvarez in Paris on Monday.",
        "Unless it rains, he speaks Polish to his dog.",
        {"gender": "female"},
    )
    assert fields == {
        "premise": "Dr. Okafor met Ms. Alvarez in Paris on Monday.",
        "hypothesis": "Unless it rains, she speaks Polish to her dog.",
    }


def test_groups_are_read_from_every_field() -> None:
    example = Example("x", {"premise": "The man slept.", "hypothesis": "She woke."})
    assert source_groups(example, ["gender"], FIELDS)[1] == "mixed groups (gender: female, male)"
    assert source_groups(example, ["gender"], ["premise"]) == ({"gender": "male"}, None)


def test_transforms_make_one_variant_per_other_group_and_skip_what_they_cannot_swap() -> None:
    example = Example(
        "p", {"premise": "A Muslim family ate.", "hypothesis": "Muslims ate."}, target="entailment"
    )
    transform = ReligionSwapTransform()
    variants = transform.apply(example, transform.Options(), random.Random(0), FIELDS)
    assert [v.meta["group"] for v in variants] == [
        g for g in ATTRIBUTES["religion"] if g != "Muslim"
    ]
    assert all(v.parent_id == "p" and v.target == "entailment" for v in variants)
    assert variants[1].fields == {"premise": "A Jewish family ate.", "hypothesis": "Jews ate."}
    gender = GenderSwapTransform()
    assert gender.apply(example, gender.Options(), random.Random(0), FIELDS) == []


def test_swaps_are_deterministic_for_a_seed() -> None:
    example = Example("x", {"premise": "Greg and Todd met.", "hypothesis": "Greg left."})
    first = swap_example(example, {"ethnicity": "Hispanic"}, FIELDS, random.Random(5)).example
    again = swap_example(example, {"ethnicity": "Hispanic"}, FIELDS, random.Random(5)).example
    assert first == again


# --- the word lists themselves (annotator checks) ------------------------------------------


def test_no_name_is_in_two_cells_or_in_the_gender_word_lists() -> None:
    names = [n for cell in lexicon.FIRST_NAMES.values() for n in cell]
    assert len(names) == len(set(names))
    gendered = {w for pair in lexicon.GENDER_PAIRS for w in pair}
    assert not {n.lower() for n in names} & gendered
    # A name must not be in the older lists under the other gender.
    for (gender, _), cell in lexicon.FIRST_NAMES.items():
        other = MALE_FIRST_NAMES if gender == "female" else FEMALE_FIRST_NAMES
        assert not set(cell) & set(other)


def test_no_name_is_a_known_word_place_or_religious_name() -> None:
    confounds = {
        "hope", "grace", "joy", "faith", "will", "bill", "mark", "jay", "rose", "may", "june",
        "april", "ebony", "kenya", "china", "georgia", "jesus", "mohammed", "christian", "hung",
    }  # fmt: skip
    names = {n.lower() for cell in lexicon.FIRST_NAMES.values() for n in cell}
    assert not names & confounds
