"""sentence_shuffle keeps every reference after what it points to, or does not shuffle.

The passages are written for this test in the shape of rc-core's: a passage its data
calls order-independent in which one sentence points back ("She said ...", "The
company has ..."). Shuffled sentence by sentence, "She said" could land before the
mayor, or after another woman, and the question's answer was no longer supported.
"""

from __future__ import annotations

import pytest

from harness.core import Example
from harness.seeding import rng_for
from harness.transforms.base import rejections
from harness.transforms.passage import SentenceShuffleTransform
from harness.transforms.sentence_blocks import layout, leans_back

OPENING = "The town of Elmbury opened its new library on Monday."
MAYOR = "Mayor Ruth Okafor cut the ribbon in front of a crowd of about 300 residents."
SHE = "She said the town had waited twelve years for a proper reading room."
PASSAGE = " ".join(
    [
        OPENING,
        MAYOR,
        SHE,
        "The building has three floors and a roof garden with views over the river.",
        "Councillor Amy Pell organised the opening concert in the main hall downstairs.",
        "Building work was paid for by a grant from the regional arts fund last spring.",
        "Children from two primary schools painted the mural beside the front entrance.",
    ]
)
QUESTION = "What did the mayor say about the town?"
ANSWER = "the town had waited twelve years for a proper reading room"


def _example(context: str = PASSAGE, order_matters: bool = False) -> Example:
    return Example(
        id="p:q1",
        fields={"context": context, "question": QUESTION},
        target=[{"text": ANSWER, "start": context.find(ANSWER)}] if ANSWER in context else [],
        meta={"order_matters": order_matters},
    )


def _shuffled(example: Example, seed: int, n: int = 2) -> list[Example]:
    transform = SentenceShuffleTransform()
    options = transform.Options(n_variants=n)
    return transform.apply(
        example, options, rng_for(seed, "sentence_shuffle", example.id), ["context"]
    )


def test_a_pronoun_stays_right_after_the_sentence_it_points_back_to() -> None:
    made = [v for seed in range(60) for v in _shuffled(_example(), seed)]
    assert len(made) > 60  # the passage is still shuffled, in blocks
    for variant in made:
        context = variant.fields["context"]
        assert f"{MAYOR} {SHE}" in context  # "She" is still Ruth Okafor
        assert context.startswith(OPENING)  # the opening says what the passage is about
        [answer] = variant.target
        assert context[answer["start"] :].startswith(ANSWER)
        assert sorted(context.split()) == sorted(PASSAGE.split())
    assert len({v.fields["context"] for v in made}) > 10


@pytest.mark.parametrize(
    ("sentence", "points_back"),
    [
        ("She said the town had waited twelve years for a reading room.", True),
        ("Its design was approved by the council in March last year.", True),
        ("These molecules scatter blue light far more than red light.", True),
        ("So far the company has received fourteen reports of overheating.", True),
        ("An early frost, by contrast, kills the leaf cells and dulls the colour.", True),
        ("The chef later ran the kitchen of a hotel in the north.", True),
        ("You do not need a receipt.", True),  # too short to say what it is about
        ("Valuable items, such as phones and keys, are kept in the office safe.", False),
        ("There are nineteen people waiting for a plot at the allotments.", False),
        ("Tickets cost 12 pounds, with free entry for children under five.", False),
    ],
)
def test_what_points_back(sentence: str, points_back: bool) -> None:
    assert leans_back(sentence, "The town of Elmbury opened its new library.") is points_back


def test_a_role_noun_named_in_the_opening_does_not_point_back() -> None:
    opening = "Riverside Library will change its opening hours from 1 October."
    assert not leans_back("The library will stay closed on Sundays and bank holidays.", opening)
    assert leans_back("The company will stay closed on Sundays and bank holidays.", opening)


def test_form_fields_stay_first_and_closing_lines_stay_last() -> None:
    sentences = [
        "To: All staff at the depot.",
        "From: Priya Raman, Finance Director.",
        "Claims must reach the finance office within thirty days of the purchase.",
        "The daily meal allowance for travel rises from 25 pounds to 32 pounds.",
        "Hotel stays are capped at 120 pounds a night in every city we work in.",
        "Taxis may be claimed only when no bus or train runs late in the evening.",
        "Yours sincerely, Priya Raman.",
    ]
    cut = layout(sentences)
    assert cut.head == tuple(sentences[:2])
    assert cut.tail == (sentences[-1],)
    assert [list(b) for b in cut.blocks] == [[s] for s in sentences[2:6]]


@pytest.mark.parametrize(
    ("sentences", "reason"),
    [
        (
            ["Minutes of the meeting.", "1.", "The treasurer reported a balance.", "2.",
             "The rent stays the same.", "3.", "The tap will be repaired."],
            "a numbered list",
        ),
        (
            ["Hay fever is an allergy to pollen.", "It causes sneezing and itchy eyes.",
             "It is worst in late spring, when the grass flowers.",
             "Tablets reduce it; sprays work best when started early.",
             "See a doctor if it does not improve after two weeks."],
            "fewer than 3 blocks can move",
        ),
    ],
)  # fmt: skip
def test_passages_whose_references_cannot_be_kept_are_not_shuffled(
    sentences: list[str], reason: str
) -> None:
    assert layout(sentences).reason == reason
    made = _shuffled(_example(" ".join(sentences)), 0)
    assert made == []
    assert rejections(made) == {reason: 1}  # counted with its reason, beside the skips


def test_only_passages_the_data_calls_order_independent_are_shuffled() -> None:
    made = _shuffled(_example(order_matters=True), 0)
    assert made == [] and not rejections(made)
