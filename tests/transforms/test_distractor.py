"""add_one_sent, question_paraphrase and sentence_shuffle over the built-in rc-core items.

Evidence kept: for every answerable rc-core question the rules can handle, the
distractor contains the fake answer, the fake answer has the item's answer type
(checked against the same pools/patterns it was drawn from), no gold answer occurs
in the distractor, and the gold spans still point at the gold text.
"""

from __future__ import annotations

import json
import re

import pytest

from harness.core import Example
from harness.data.sources import BUILTIN_DATASETS_DIR
from harness.seeding import rng_for
from harness.tasks.answers import normalize_answer
from harness.transforms.distractor import (
    CITIES,
    COUNTRIES,
    ORGANIZATIONS,
    REASONS,
    SHAPED,
    SURNAMES,
    THINGS,
    AddOneSentTransform,
    exclusion_reason,
    fake_kind,
    shaped_like,
)
from harness.transforms.passage import QuestionParaphraseTransform, SentenceShuffleTransform
from harness.transforms.statements import statement
from harness.transforms.wordlists import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

ROWS = [
    json.loads(line)
    for split in ("train", "test")
    for line in (BUILTIN_DATASETS_DIR / "rc-core" / f"{split}.jsonl").read_text().splitlines()
    if line.strip()
]


FIRST_NAMES = set(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES)


def example(row) -> Example:
    return Example(
        id=row["id"],
        fields={"context": row["context"], "question": row["question"]},
        target=row["answers"],
        meta={k: row[k] for k in ("answer_type", "order_matters", "question_paraphrase")},
    )


def of_type(fake: str, kind: str) -> bool:
    if kind == "person":
        return fake.split()[-1] in SURNAMES or fake.split()[0] in FIRST_NAMES
    if kind == "location":
        return fake in CITIES + COUNTRIES
    if kind == "organization":
        return fake in ORGANIZATIONS or fake[:1].lower() + fake[1:] in ORGANIZATIONS
    if kind in {"date", "number"}:
        return SHAPED.search(fake) is not None  # the gold's shape with its numbers changed
    pool = REASONS if kind == "reason" else THINGS
    return fake in pool or fake[:1].lower() + fake[1:] in pool  # capitalised at a sentence start


def test_every_distractor_has_a_typed_fake_answer_and_no_gold():
    transform = AddOneSentTransform()
    made = 0
    excluded = set()
    for row in ROWS:
        variants = transform.apply(
            example(row),
            transform.Options(n_variants=2),
            rng_for(0, "add_one_sent", row["id"]),
            ("context",),
        )
        if not variants:
            excluded.add(row["id"])
        for variant in variants:
            made += 1
            distractor, fake = variant.meta["distractor"], variant.meta["fake_answer"]
            assert fake in distractor
            kind = fake_kind(row["question"], row["answer_type"], row["answers"][0]["text"])
            assert of_type(fake, kind), (fake, kind)
            for answer in row["answers"]:
                assert normalize_answer(answer["text"]) not in normalize_answer(distractor)
            context = variant.fields["context"]
            start = variant.meta["distractor_start"]
            assert context[start : start + len(distractor)] == distractor
            assert (
                context.replace(distractor + " ", "").replace(" " + distractor, "")
                == (row["context"])
            )
            for answer in variant.target:
                assert (
                    context[answer["start"] : answer["start"] + len(answer["text"])]
                    == (answer["text"])
                )
    covered = {row["id"] for row in ROWS if row["answers"]} - excluded
    assert made > 500
    # The exclusions are counted with a reason; the rest of the answerable questions get
    # a distractor (coverage measured: 423 of 626 answerable rc-core questions).
    assert len(covered) / sum(1 for row in ROWS if row["answers"]) >= 0.65


def test_unanswerable_questions_get_no_distractor_and_output_is_seeded():
    transform = AddOneSentTransform()
    unanswerable = next(r for r in ROWS if not r["answers"])
    options = transform.Options()
    assert transform.apply(example(unanswerable), options, rng_for(0, "x"), ("context",)) == []
    answerable = [r for r in ROWS if r["answers"]][:20]
    first = [
        transform.apply(example(r), options, rng_for(3, "a", r["id"]), ("context",))
        for r in answerable
    ]
    again = [
        transform.apply(example(r), options, rng_for(3, "a", r["id"]), ("context",))
        for r in answerable
    ]
    assert first == again


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        ("Who scored the winning goal?", "Ana Varga", "Ana Varga scored the winning goal."),
        ("When did the stone bridge open?", "in 1871", "The stone bridge opened in 1871."),
        ("Where was the Keswick final played?", "in Lima", "The Keswick final was played in Lima."),
        ("How many weeks did the sofa take to arrive?", "nine weeks",
         "The sofa took nine weeks to arrive."),
        ("What does Mr Osei not need to prepare?", "a clay pipe",
         "Mr Osei does not need to prepare a clay pipe."),
        ("Where do visitors park when they come to the old town?", "in Lima",
         "Visitors park in Lima when they come to the old town."),
        ("How many flats had the building been divided into?", "12 flats",
         "The building had been divided into 12 flats."),
        ("What is a reef left above the water called?", "an atoll",
         "A reef left above the water is called an atoll."),
    ],
)  # fmt: skip
def test_statement_rules(question, answer, expected):
    assert statement(question, answer).text == expected


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Which sister is older?", "a comparison"),
        ("What should you do to the pan?", "asks for an action or a clause"),
        ("Is the bridge open?", "not a wh-question"),
        ("When can a vaccine not cause the disease?", "the answer is a clause"),
    ],
)
def test_questions_the_rules_cannot_handle_are_excluded_with_a_reason(question, reason):
    assert exclusion_reason(question, ["x"], "person") == reason
    assert exclusion_reason("Who built it?", [""]) == "unanswerable"


def test_paraphrase_and_shuffle_respect_the_data():
    row = next(r for r in ROWS if r["order_matters"] is False and r["answers"])
    [variant] = QuestionParaphraseTransform().apply(
        example(row), QuestionParaphraseTransform.Options(), rng_for(0, "p"), ("question",)
    )
    assert variant.fields["question"] == row["question_paraphrase"]
    shuffle = SentenceShuffleTransform()
    variants = shuffle.apply(
        example(row), shuffle.Options(n_variants=2), rng_for(0, "s"), ("context",)
    )
    assert variants
    for v in variants:
        assert sorted(v.fields["context"].split()) == sorted(row["context"].split())
        for answer in v.target:
            assert v.fields["context"][answer["start"] :].startswith(answer["text"])
    ordered = next(r for r in ROWS if r["order_matters"] is True)
    assert shuffle.apply(example(ordered), shuffle.Options(), rng_for(0, "s"), ("context",)) == []


@pytest.mark.parametrize(
    ("gold", "pattern"),
    [
        ("2:07:12", r"\d:[0-5]\d:[0-5]\d"),  # a time keeps valid minutes and seconds
        ("20 January", r"(?:[1-9]|1\d|2[0-8]) [A-Z][a-z]+"),  # a day of the month stays one
        ("Saturdays", r"(?:Mon|Tues|Wednes|Thurs|Fri|Sun)days"),
        ("eight months", r"(?:two|three|four|five|six|seven|nine|ten|eleven|twelve) months"),
        ("38 million pounds", r"\d\d million pounds"),
    ],
)
def test_fake_answers_keep_the_gold_answer_shape_with_other_values(gold, pattern):
    for seed in range(20):
        fake = shaped_like(gold, rng_for(seed, "shape", gold))
        assert fake is not None and fake != gold
        assert re.fullmatch(pattern, fake), fake


def test_no_shape_to_vary_means_no_fake_answer():
    assert shaped_like("a fourth penalty", rng_for(0, "shape")) is None
    assert shaped_like("Thomas Ake and four others", rng_for(0, "shape")) is None  # names
    assert shaped_like("82-kilometre", rng_for(0, "shape")) is None
