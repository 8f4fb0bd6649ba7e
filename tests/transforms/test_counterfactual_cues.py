"""A swap changes only who an item is about, or the item is left out with its reason.

Each case below is a pair the swaps used to rewrite into a different relation (written
for this test in the shape of the pairs a hand audit found on SICK and nli-core):
"young man" became "old man" beside "girl" or "elderly"; "a word of German" became "a
word of Chinese person"; "an Indian headdress" got another nationality; "Mrs." stayed
while "her" became "him".
"""

from __future__ import annotations

import random

import pytest

from harness.core import Example
from harness.transforms.base import rejections
from harness.transforms.counterfactual import (
    AgeSwapTransform,
    NationalitySwapTransform,
    swap_example,
)
from harness.transforms.counterfactual_cues import REASONS

FIELDS = ["premise", "hypothesis"]


def _swap(premise: str, hypothesis: str, targets: dict[str, str]):
    example = Example("x", {"premise": premise, "hypothesis": hypothesis})
    return swap_example(example, targets, FIELDS, random.Random(0))


def swapped(premise: str, hypothesis: str, targets: dict[str, str]) -> dict:
    result = _swap(premise, hypothesis, targets)
    assert result.example is not None, result.excluded
    return dict(result.example.fields)


def excluded(premise: str, hypothesis: str, targets: dict[str, str]) -> str | None:
    result = _swap(premise, hypothesis, targets)
    assert result.example is None
    return result.excluded


# --- age: every age cue of the pair changes, or the pair is left out -----------------------


@pytest.mark.parametrize(
    ("premise", "hypothesis", "target"),
    [
        # "girl" and "boy" carry an age the swap does not rewrite
        ("A young woman is playing the piano.", "A girl is playing the piano.", "old"),
        ("A boy is running from the waves.", "A young man is running from the waves.", "old"),
        # another age word for the same person
        ("The old man shouted at the bus.", "The elderly man was angry.", "young"),
        ("Three young men are dancing.", "Some kids are dancing.", "old"),
        # young/old where the swap does not rewrite it (after the noun, a thing)
        ("Two young women are talking.", "Two women who are young are talking.", "old"),
        ("A lady of young age is smiling.", "A young lady is smiling.", "old"),
        ("An old man is 80 years old.", "A man is sitting.", "young"),
        # ages stated in other ways
        (
            "A young engineer designed the bridge.",
            "The bridge was designed by a retired architect in his eighties.",
            "old",
        ),
        ("Pia's son is a high school senior.", "Pia is the parent of a teenager.", "old"),
        ("Bea celebrated her fortieth birthday.", "Bea is still a teenager.", "old"),
        ("A young man with a grey beard is cycling.", "A man is cycling.", "old"),
    ],
)
def test_an_age_cue_the_swap_cannot_change_leaves_the_pair_out(
    premise: str, hypothesis: str, target: str
) -> None:
    assert excluded(premise, hypothesis, {"age": target}) == REASONS["age"]


def test_age_words_of_a_person_swap_in_both_fields() -> None:
    assert swapped(
        "The nurse who helped the old farmer wore a coat.",
        "The old farmer wore a coat.",
        {"age": "young"},
    ) == {
        "premise": "The nurse who helped the young farmer wore a coat.",
        "hypothesis": "The young farmer wore a coat.",
    }
    assert swapped("Two young women are sparring.", "Two women are sparring.", {"age": "old"}) == {
        "premise": "Two old women are sparring.",
        "hypothesis": "Two women are sparring.",
    }
    # a birthday party says nothing of anyone's age
    assert swapped(
        "The young man is cooking.",
        "The young man is cooking for a birthday party.",
        {"age": "old"},
    )["hypothesis"] == ("The old man is cooking for a birthday party.")


def test_old_after_a_possessive_means_former_and_is_not_an_age() -> None:
    assert excluded("My old teacher waved.", "Someone waved.", {"age": "young"}) == (
        "nothing to swap (age)"
    )


# --- nationality: people only -------------------------------------------------------------


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        # a language
        ("Ivan grew up in a small town.", "Ivan cannot speak a word of German."),
        ("The letter was written in Chinese.", "Someone wrote a letter."),
        # a thing or a cuisine
        ("A woman is wearing an Indian headdress.", "A woman is wearing a hat."),
        ("A man is driving a classic American car.", "A person is driving a car."),
        ("They ate Mexican food.", "They ate."),
        ("A German shepherd is barking.", "A dog is barking."),
    ],
)
def test_nationality_words_that_name_no_person_are_not_swapped(
    premise: str, hypothesis: str
) -> None:
    assert excluded(premise, hypothesis, {"nationality": "Nigerian"}) == (
        "nothing to swap (nationality)"
    )
    transform = NationalitySwapTransform()
    example = Example("x", {"premise": premise, "hypothesis": hypothesis})
    assert transform.apply(example, transform.Options(), random.Random(0), FIELDS) == []


@pytest.mark.parametrize(
    ("premise", "hypothesis", "reason"),
    [
        (
            "The American tourist bought a Mexican blanket.",
            "A tourist bought a blanket.",
            "nationality-thing",
        ),
        ("An American man is walking.", "An Egyptian man is walking.", "nationality-other"),
        ("The German student lives in Mexico.", "A student lives abroad.", "nationality-other"),
    ],
)
def test_a_person_beside_another_nationality_word_or_place_is_left_out(
    premise: str, hypothesis: str, reason: str
) -> None:
    assert excluded(premise, hypothesis, {"nationality": "Indian"}) == REASONS[reason]


def test_nationalities_of_people_still_swap() -> None:
    assert swapped(
        "An American footballer is wearing a red strip.",
        "The American footballer is wearing a strip.",
        {"nationality": "Nigerian"},
    ) == {
        "premise": "A Nigerian footballer is wearing a red strip.",
        "hypothesis": "The Nigerian footballer is wearing a strip.",
    }
    assert swapped("A German arrived.", "Germans arrived.", {"nationality": "Chinese"}) == {
        "premise": "A Chinese person arrived.",
        "hypothesis": "Chinese people arrived.",
    }


def test_the_age_and_nationality_transforms_make_no_variant_of_a_left_out_pair() -> None:
    example = Example("x", {"premise": "A young man sings.", "hypothesis": "A boy sings."})
    transform = AgeSwapTransform()
    made = transform.apply(example, transform.Options(), random.Random(0), FIELDS)
    assert made == []
    # counted as rejected with its reason where a perturbation test counts skips
    assert rejections(made) == {REASONS["age"]: 1}
    nothing = Example("y", {"premise": "A dog sings.", "hypothesis": "An animal sings."})
    assert not rejections(transform.apply(nothing, transform.Options(), random.Random(0), FIELDS))


# --- gender ----------------------------------------------------------------------------------


def test_female_titles_become_mr_with_their_pronouns() -> None:
    assert swapped(
        "Mrs. Duarte is slicing carrots.",
        "Mrs. Duarte has no vegetables in front of her.",
        {"gender": "male"},
    ) == {
        "premise": "Mr. Duarte is slicing carrots.",
        "hypothesis": "Mr. Duarte has no vegetables in front of him.",
    }
    assert swapped("Miss Pell ran the meeting.", "She was busy.", {"gender": "male"}) == {
        "premise": "Mr Pell ran the meeting.",
        "hypothesis": "He was busy.",
    }
    # "miss" as a verb is no title
    assert excluded("I miss the bus.", "Nothing.", {"gender": "male"}) == (
        "nothing to swap (gender)"
    )


@pytest.mark.parametrize(
    ("premise", "hypothesis", "reason"),
    [
        ("A man is playing a guitar.", "A guy is playing a guitar.", "gender-unpaired"),
        ("Two men are talking.", "Two blokes are talking.", "gender-unpaired"),
        ("A bearded man is smiling.", "A man is smiling.", "gender-bound"),
        ("A woman is pregnant.", "A woman is expecting a baby.", "gender-bound"),
        ("The bride is looking down.", "A woman is wearing a wedding veil.", "gender-bound"),
    ],
)
def test_a_gendered_word_the_swap_cannot_change_leaves_the_pair_out(
    premise: str, hypothesis: str, reason: str
) -> None:
    target = "female" if "man" in premise or "men" in premise else "male"
    assert excluded(premise, hypothesis, {"gender": target}) == REASONS[reason]


def test_plural_and_compound_gender_words_swap() -> None:
    assert swapped(
        "Two policemen and a cowboy are talking.", "The cowboys waved.", {"gender": "female"}
    ) == {
        "premise": "Two policewomen and a cowgirl are talking.",
        "hypothesis": "The cowgirls waved.",
    }


# --- religion and ethnicity ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("premise", "hypothesis", "reason"),
    [
        ("A Hindu family visited a Hindu temple.", "A family went out.", "religion-thing"),
        ("The Muslim student prayed in the mosque.", "A student prayed.", "religion-other"),
        ("The Jewish student ate lunch.", "A student ate at Christmas.", "religion-other"),
    ],
)
def test_religion_words_of_things_and_practices_leave_the_pair_out(
    premise: str, hypothesis: str, reason: str
) -> None:
    assert excluded(premise, hypothesis, {"religion": "Sikh"}) == REASONS[reason]


def test_an_explicit_ethnicity_word_beside_a_name_leaves_the_pair_out() -> None:
    assert (
        excluded("Jamal, an Asian student, waved.", "Jamal waved.", {"ethnicity": "white"})
        == (REASONS["ethnicity"])
    )
    assert swapped("Jamal waved.", "Jamal left.", {"ethnicity": "white"})["premise"] != (
        "Jamal waved."
    )


# --- judged samples -----------------------------------------------------------------------


def test_every_swap_the_bias_suite_uses_is_judged_on_nli_core_and_sick_too() -> None:
    """Fixtures (tests/transforms/validity/counterfactual.<mode>.<source>.jsonl) for each
    swap the shipped suites make, on the shipped source and on nli-core and SICK: a swap
    that finds nothing to change in a source has a fixture of no variants, whose test
    regenerates the whole source and finds nothing there either."""
    from pathlib import Path

    from harness.transforms.validity.fixtures import fixture_name, read_fixture
    from harness.transforms.validity.usages import shipped_usages

    root = Path(__file__).resolve().parents[2]
    fixtures = Path(__file__).resolve().parent / "validity"
    shipped = shipped_usages((root / "suites").glob("*.yaml"))
    modes = {mode for transform, mode, _ in shipped if transform == "counterfactual"}
    assert modes == {"gender", "gender+ethnicity", "religion", "nationality", "age"}
    judged = [(mode, source) for mode in modes for source in ("nli-core", "sick")]
    # SICK names no one: gender+ethnicity there shows the name swaps find nothing
    for mode, source in [*judged, ("ethnicity", "nli-core")]:
        path = fixtures / fixture_name("counterfactual", mode, source)
        assert path.exists(), path.name
        assert read_fixture(path).header.usage.params["swap"] == mode.split("+")
