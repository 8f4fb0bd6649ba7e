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
    AddOneSentTransform,
    _in_place,
    exclusion_reason,
    mutate_question,
)
from harness.transforms.fake_answers import (
    ORGANIZATIONS,
    REASONS,
    SHAPED,
    SURNAMES,
    THINGS,
    fake_answer,
    fake_kind,
    pronoun_gender,
    shaped_like,
)
from harness.transforms.passage import QuestionParaphraseTransform, SentenceShuffleTransform
from harness.transforms.statements import Unhandled, statement
from harness.transforms.wordlists import CITIES, COUNTRIES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

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
    # a distractor (coverage measured: 377 of 626 answerable rc-core questions; shapes whose
    # sentence read as broken English or whose fake answer was of another kind — "Which
    # animal", "What will the gym be turned into" — are left out since).
    assert len(covered) / sum(1 for row in ROWS if row["answers"]) >= 0.6


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
        # Shapes that used to come out as broken English (the old output in the comment).
        ("When did the potato crop on Corrow fail?", "in 1838",
         "The potato crop on Corrow failed in 1838."),  # "The potato cropped on Corrow fail"
        ("Why was the water ration cut?", "because of the frost",
         "The water ration was cut because of the frost."),  # "The water ration cut was"
        ("Why were some coins cut in half?", "because of the frost",
         "Some coins were cut in half because of the frost."),  # "Some coins cut were in half"
        ("What must you wait for before pressing the button?", "a clay pipe",
         "You must wait for a clay pipe before pressing the button."),  # "wait a clay pipe for"
        ("How many years did a weaver spend as an apprentice before joining?", "nine years",
         "A weaver spent nine years as an apprentice before joining."),
        ("What did the apprentice who counted her steps become the next spring?", "a kite",
         "The apprentice who counted her steps became a kite the next spring."),
        ("How much is the prize worth?", "17,945 pounds",
         "The prize is worth 17,945 pounds."),  # "The prize worth is"
        ("How often can women give blood?", "every 33 weeks",
         "Women can give blood every 33 weeks."),  # "Women give can blood"
        ("Which is the oldest object in the hoard?", "a copper kettle",
         "The oldest object in the hoard is a copper kettle."),  # "is in the hoard a copper"
        ("When is the autumn parents' evening?", "on 4 September",
         "The autumn parents' evening is on 4 September."),  # "parents' is evening"
        ("What should staff not use when leaving?", "a clay pipe",
         "Staff should not use a clay pipe when leaving."),  # "a clay pipe should staff not use"
        ("What are columns of warm rising air called?", "a kite",
         "Columns of warm rising air are called a kite."),
        ("How much will the association contribute to the winter party?", "562 pounds",
         "The association will contribute 562 pounds to the winter party."),
        ("Where is the best spot to plug in the extender?", "in Athens",
         "The best spot to plug in the extender is in Athens."),  # "The best spot is to plug"
        ("Why is the late opening on Tuesdays ending?", "because of the frost",
         "The late opening on Tuesdays is ending because of the frost."),
        ("When will the annual dinner now take place?", "on 8 February",
         "The annual dinner will now take place on 8 February."),  # "now take will place"
        ("Why does reheating stale bread soften it?", "because of the frost",
         "Reheating stale bread softens it because of the frost."),  # "stales bread soften"
        ("Why did Upper Mill stand idle in 1835?", "because of the frost",
         "Upper Mill stood idle in 1835 because of the frost."),  # "Upper Mill stand idled"
        ("What did not work in the building?", "A clay pipe",
         "A clay pipe did not work in the building."),  # "Not worked a clay pipe"
        ("How much water does the kettle hold?", "2.3 litres",
         "The kettle holds 2.3 litres of water."),
        ("What did X listen to on the radio?", "a kite", "X listened to a kite on the radio."),
        ("On which day is entry free for everyone?", "the first Friday",
         "Entry is free for everyone on the first Friday."),  # "entry free for everyone is on"
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


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # shapes that came out as broken English: "There live music is on Sundays only."
        ("On which nights is there live music?", "an existential question"),
        ("How many otters did volunteers count last year, at least?", "an aside at the end"),
        ("Why do instruments crack in winter, according to Aubel?", "an aside at the end"),
        ("Who died later, Rook or Lund?", "a comparison"),  # "Luca died later, Pendle or Keswick"
        ("What did RoadAid say had been left out of the plan?", "asks about a reported clause"),
        ("Which politician named in the report did not support the plan?",
         "a clause inside the wh-phrase"),
        # "Ana would have had to be brought from the city": the person, not her bridge
        ("Which builder's bridge would have had to be brought from the city?",
         "a possessive wh-phrase"),
        ("What can people choose between in the afternoon?", "a slot between two things"),
    ],
)  # fmt: skip
def test_shapes_without_a_grammatical_statement_are_excluded(question, reason):
    assert statement(question, "X") == Unhandled(reason)


@pytest.mark.parametrize(
    ("question", "answer_type", "reason"),
    [
        # a fake answer of the data's type would be of another kind than the question asks
        ("Which animal showed Felix where the fault was?", "person", "asks for an animal"),
        ("Which team led at half time?", "organization",
         "asks for a specific kind of organisation"),
        ("Which is the narrowest street in the city?", "location",
         "asks for a specific kind of place"),
        ("What will the old gym be turned into?", "location", "asks for a specific kind of place"),
        ("Who may park without a permit?", "other", "asks who, but the answer is no person"),
        ("What has the company not said?", "thing", "the answer is a clause"),
        ("Where should the filter never be put?", "thing",
         "asks where, but the answer is no place"),  # not "never be put in Paris"
    ],
)  # fmt: skip
def test_fake_answers_of_another_kind_than_asked_are_not_made(question, answer_type, reason):
    assert fake_kind(question, answer_type, "x") == Unhandled(reason)
    assert exclusion_reason("Who built it?", [""]) == "unanswerable"


def test_the_mutation_sets_the_sentence_apart_from_the_passage():
    rng = rng_for(0, "mutate")
    # every name, not only the first, and the subject as well
    mutated, _ = mutate_question(
        "Why is the weeding left to Granny Rose and Mr Petrov?", rng, "passage"
    )
    assert "Granny" not in mutated and "Petrov" not in mutated
    assert mutate_question("When was the church clock set to Capital Time?", rng, "")[0].startswith(
        "When was the other church clock set to"
    )  # "The church clock was set to Redvale Time" contradicted the passage
    # "the other surname of the person" was about the same person: it competed with the gold
    assert mutate_question("What is the surname of the person who left?", rng, "")[0] == (
        "What is the surname of the other person who left?"
    )
    assert mutate_question("How much did the Parents' Association raise?", rng, "")[1] == "framed"
    # never "another brown colour": that still says what gives leaves a brown colour
    assert mutate_question("What gives leaves a brown colour?", rng, "")[1] == "framed"
    assert mutate_question("When did the Sowerbys sell the mill?", rng, "")[0].split()[3][-1] == "s"


def test_fake_answers_agree_with_the_question_and_keep_clock_times():
    for seed in range(30):
        rng = rng_for(seed, "fake")
        name = fake_answer("person", "Pell", rng, [], pronoun_gender("Who did it in her own way?"))
        assert name in FEMALE_FIRST_NAMES
        runner = pronoun_gender("Who finished third in the men's race?")
        assert fake_answer("person", "Wrona", rng, [], runner) in MALE_FIRST_NAMES
        time = shaped_like("10.15 am", rng)
        assert time is not None
        hour, minutes = time.removesuffix(" am").split(".")
        assert 1 <= int(hour) <= 12 and 0 <= int(minutes) <= 59  # never "56.35 am"
    assert _in_place("date", "When is the parents' evening?", "16 February") == "on 16 February"
    assert _in_place("location", "Where were residents asked to go?", "Lima") == "to Lima"
    assert _in_place("number", "How long has the lift been broken?", "two weeks") == (
        "for two weeks"
    )
    assert _in_place("number", "How long did the sofa take to arrive?", "two weeks") == (
        "two weeks"
    )


def test_paraphrase_and_shuffle_respect_the_data():
    shuffle = SentenceShuffleTransform()
    row = next(
        r
        for r in ROWS
        if r["order_matters"] is False
        and r["answers"]
        and shuffle.apply(example(r), shuffle.Options(), rng_for(0, "s"), ("context",))
    )
    [variant] = QuestionParaphraseTransform().apply(
        example(row), QuestionParaphraseTransform.Options(), rng_for(0, "p"), ("question",)
    )
    assert variant.fields["question"] == row["question_paraphrase"]
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
