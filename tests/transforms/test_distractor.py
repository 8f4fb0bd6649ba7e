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
    OTHERS,
    SURNAMES,
    THINGS,
    AddOneSentTransform,
    declarative,
)
from harness.transforms.passage import QuestionParaphraseTransform, SentenceShuffleTransform

ROWS = [
    json.loads(line)
    for split in ("train", "test")
    for line in (BUILTIN_DATASETS_DIR / "rc-core" / f"{split}.jsonl").read_text().splitlines()
    if line.strip()
]


def example(row) -> Example:
    return Example(
        id=row["id"],
        fields={"context": row["context"], "question": row["question"]},
        target=row["answers"],
        meta={k: row[k] for k in ("answer_type", "order_matters", "question_paraphrase")},
    )


def of_type(fake: str, kind: str) -> bool:
    if kind == "person":
        return fake.split()[-1] in SURNAMES
    if kind == "location":
        return fake in CITIES + COUNTRIES
    if kind == "organization":
        return fake in ORGANIZATIONS or fake[:1].lower() + fake[1:] in ORGANIZATIONS
    if kind == "date":
        return re.fullmatch(r"(?:[A-Z][a-z]+ )?\d{4}", fake) is not None
    if kind == "number":
        return fake.isdigit()
    pool = THINGS if kind == "thing" else OTHERS
    return fake in pool or fake[:1].lower() + fake[1:] in pool  # capitalised at a sentence start


def test_every_distractor_has_a_typed_fake_answer_and_no_gold():
    transform = AddOneSentTransform()
    made = 0
    for row in ROWS:
        variants = transform.apply(
            example(row),
            transform.Options(n_variants=2),
            rng_for(0, "add_one_sent", row["id"]),
            ("context",),
        )
        for variant in variants:
            made += 1
            distractor, fake = variant.meta["distractor"], variant.meta["fake_answer"]
            assert fake in distractor
            assert of_type(fake, row["answer_type"]), (fake, row["answer_type"])
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
    assert made > 20  # the rules cover a real share of rc-core


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
    ("question", "kind", "fake", "expected"),
    [
        (
            "Who scored the winning goal?",
            "person",
            "Ana Varga",
            "Ana Varga scored the winning goal.",
        ),
        ("When was the other bridge built?", "date", "1871", "The other bridge was built in 1871."),
        (
            "Where was the Keswick final played?",
            "location",
            "Lima",
            "The Keswick final was played in Lima.",
        ),
    ],
)
def test_declarative_rules(question, kind, fake, expected):
    assert declarative(question, kind, fake) == expected


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
