"""Fake answers for AddOneSent-style distractors: of the kind the question asks for.

``fake_kind`` decides what kind of answer a question's slot takes (the data's answer type,
unless the wh-phrase fixes it: "why" a reason, "where" a place) and refuses, with a reason,
when a pool would give an answer of another kind than asked ("Which animal ..." is no
person's name, "Which street ..." no city). ``fake_answer`` draws one: the gold answer with
its numbers, months and weekdays changed ("March 2022" -> "July 1994", "10.15 am" ->
"7.40 am"), a person (of the gender the question's pronouns give), a place, an
organisation, a thing or a reason, never one the passage or question already holds.
Used by harness/transforms/distractor.py.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from harness.tasks.answers import normalize_answer
from harness.transforms.statements import PREPOSITIONS, Unhandled, wh_head
from harness.transforms.wordlists import CITIES, COUNTRIES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

SURNAMES = (
    "Varga", "Okafor", "Lindqvist", "Marchetti", "Haddad", "Kowalczyk", "Takeda", "Brennan",
    "Oyelaran", "Castellanos", "Novak", "Petrov", "Achterberg", "Quayle", "Mbeki", "Soto",
)  # fmt: skip


ORGANIZATIONS = (
    "Northgate Holdings", "the Calloway Trust", "Brightwater Mutual", "the Fenwick Society",
    "Ostrander Labs", "the Pellham Foundation", "Marrow & Finch", "Tessaline Group",
)  # fmt: skip


THINGS = (
    "a copper kettle", "the silver compass", "a wool blanket", "the glass lantern",
    "a cedar chest", "the brass telescope", "a clay pipe", "the paper kite",
)  # fmt: skip


REASONS = (
    "because of a shortage of staff", "because of the cold weather", "because of a change "
    "in the rules", "because of a broken pump", "because of a late delivery",
)  # fmt: skip


MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# A day number next to a month name ("20 January", "March 3").
DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?= (?:{'|'.join(MONTHS)})\b)|(?<= )\d{{1,2}}\b(?!:)")


NUMBER_WORDS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip


# Words of a capitalised name that say what kind of thing it is; a swap keeps them.
NAME_KEEPS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Miss",
        "Professor",
        "Councillor",
        "Mayor",
        "Captain",
        "Saint",
        "St",
        "River",
        "Lake",
        "Mount",
        "Road",
        "Street",
        "Lane",
        "Hill",
        "Bridge",
        "Park",
        "Hall",
        "House",
        "Library",
        "Museum",
        "Station",
        "Square",
        "Bay",
        "Island",
        "Valley",
        "Street",
        "Avenue",
        "Farm",
        "Mill",
        "Market",
        "Castle",
        "Church",
        "School",
        "College",
        "University",
        "Port",
        "Fort",
        "Cape",
        "Lower",
        "Upper",
        "North",
        "South",
        "East",
        "West",
        "New",
        "Old",
    ]
)


YEAR = re.compile(r"\b(1[5-9]\d\d|20[0-4]\d)\b")


SHAPED = re.compile(
    rf"\b(?:\d+|{'|'.join(MONTHS)}|(?:{'|'.join(WEEKDAYS)})s?|{'|'.join(NUMBER_WORDS)})\b",
    re.IGNORECASE,
)


# Heads of "which ..." that a city or country answers; "which station" is not one.
PLACE_HEADS = frozenset(["place", "city", "town", "country", "village", "region", "area"])


THING_HEADS = frozenset(["thing", "things", "object", "item", "items"])


SAYING_VERBS = frozenset(
    ["say", "says", "said", "tell", "tells", "told", "claim", "claimed", "mean", "means", "meant"]
)


ANIMAL_HEADS = frozenset(["animal", "animals", "dog", "cat", "horse", "bird", "pet"])


ORGANIZATION_HEADS = frozenset(
    ["company", "organisation", "organization", "firm", "group", "charity", "trust", "business"]
)


def wh_word(question: str) -> str:
    """The question's wh-word, after a leading preposition ("After how many ..." -> how)."""
    words = question.lower().split()
    if len(words) > 1 and words[0] in PREPOSITIONS:
        words = words[1:]
    return words[0] if words else ""


def fake_kind(question: str, answer_type: str, gold: str) -> str | Unhandled:
    """The type of fake answer the question's slot takes, or why none fits.

    The data's answer type decides, except where the wh-word fixes the slot: "why" takes
    a reason, "where" a place, "how long/often/much" the gold's own shape (a number with
    its unit); a "when" question answered by a clause takes no typed fake.
    """
    wh = wh_word(question)
    if wh == "why":
        return "reason"
    if wh == "where":
        if answer_type not in {"location", ""}:
            return Unhandled("asks where, but the answer is no place")  # "the dishwasher"
        return "location"
    head = [word.lower() for word in wh_head(question)] if wh in {"which", "what"} else []
    if wh in {"which", "what"} and not head:
        head = _head_after_be(question)  # "Which is the narrowest street in the city"
    if answer_type == "location" and (head[-1] if head else "") not in PLACE_HEADS:
        # "Which station", "What will the gym be turned into": not "Chile"
        return Unhandled("asks for a specific kind of place")
    if answer_type == "organization" and head and head[-1].lower() not in ORGANIZATION_HEADS:
        return Unhandled("asks for a specific kind of organisation")  # "Which team", "school"
    if answer_type == "person" and head and head[-1].lower() in ANIMAL_HEADS:
        return Unhandled("asks for an animal")  # "Which animal": not "Thomas"
    if answer_type in {"thing", "other"} and head and head[-1] not in THING_HEADS:
        return Unhandled("asks for a specific kind of thing")  # "Which bird": not "a clay pipe"
    if wh == "how":
        return "number" if shaped_like(gold, random.Random(0)) else Unhandled("no number to vary")
    if wh == "when" and answer_type not in {"date", "number"}:
        return Unhandled("the answer is a clause")
    if wh in {"who", "whom", "whose"} and answer_type in {"thing", "other"}:
        return Unhandled("asks who, but the answer is no person")  # not "The silver compass"
    saying = {w.lower().strip(",?") for w in question.split()} & SAYING_VERBS
    if wh == "what" and answer_type in {"thing", "other"} and saying:
        return Unhandled("the answer is a clause")  # "What has X not said?": not "a wool blanket"
    if answer_type in {"number", "date"} and shaped_like(gold, random.Random(0)) is None:
        return Unhandled("no number to vary")
    return answer_type


def _head_after_be(question: str) -> list[str]:
    """The noun asked about in "Which is the narrowest street in the city?" (["street"])."""
    found = re.match(
        r"^(?:which|what) (?:is|are|was|were) (?:the|a|an) ((?:[a-z'-]+ )*?[a-z'-]+)"
        r"(?: (?:in|of|on|at|for|that|who|which)\b|\?)",
        question.strip(),
        re.IGNORECASE,
    )
    return found.group(1).split()[-1:] if found else []


def guess_type(question: str) -> str:
    from harness.tasks.passages import answer_type

    return answer_type(question)


def different_number(old: str, rng: random.Random) -> str:
    if old.lower() in NUMBER_WORDS:
        choice = rng.choice([w for w in NUMBER_WORDS if w != old.lower()])
        return choice.capitalize() if old[:1].isupper() else choice
    if old[:1] in {"M", "J", "F", "A", "S", "O", "N", "D"} and old in MONTHS:
        return rng.choice([m for m in MONTHS if m != old])
    if old.rstrip("s") in WEEKDAYS:
        plural = "s" if old.endswith("s") else ""
        return rng.choice([d for d in WEEKDAYS if d != old.rstrip("s")]) + plural
    if YEAR.fullmatch(old):
        return str(int(old) - rng.choice([9, 14, 23, 41, 58]))
    value = int(old)
    digits = len(old)
    low, high = (10 ** (digits - 1), 10**digits - 1) if digits > 1 else (2, 9)
    candidates = [n for n in range(low, high + 1) if n != value]
    return (
        str(rng.choice(candidates)).zfill(digits)
        if old.startswith("0")
        else str(rng.choice(candidates))
    )


def shaped_like(gold: str, rng: random.Random) -> str | None:
    """The gold answer with every number, number word, month and weekday changed."""
    if not SHAPED.search(gold) or re.search(r"\d-[a-z]", gold):
        return None  # "82-kilometre" would read as a modifier without its noun
    names = [w for w in gold.split() if w[:1].isupper() and w not in MONTHS]
    if any(w.rstrip("s") not in WEEKDAYS for w in names):
        return None  # "Thomas Ake and four others" names people of the passage
    has_month = any(month in gold for month in MONTHS)
    days = {m.start() for m in DAY_OF_MONTH.finditer(gold)} if has_month else set()

    clocks = list(re.finditer(r"\b(\d{1,2})[.:](\d\d)\s*(?:am|pm)\b", gold))
    hours = {clock.start(1) for clock in clocks}
    minutes = {clock.start(2) for clock in clocks}

    def swap(match: re.Match[str]) -> str:
        after_colon = match.start() > 0 and gold[match.start() - 1] == ":"
        if after_colon or match.start() in minutes:  # minutes and seconds: "9.00 am"
            return f"{rng.randint(0, 59):02d}"
        if match.start() in hours:  # "10.15 am" -> "7.40 am", never "56.35 am"
            return str(rng.choice([h for h in range(1, 13) if str(h) != match.group()]))
        if match.start() in days:  # "20 January" -> "14 March", never "60 March"
            return str(rng.choice([n for n in range(1, 29) if str(n) != match.group()]))
        return different_number(match.group(), rng)

    return SHAPED.sub(swap, gold)


def pronoun_gender(question: str) -> str | None:
    """The gender the question's pronouns give the person asked about, if only one
    ("in her own right", "in the men's race")."""
    female = re.search(
        r"\b(?:she|her|hers|herself|women's|woman's|girls'|girl's)(?!\w)", question, re.I
    )
    male = re.search(r"\b(?:he|him|his|himself|men's|man's|boys'|boy's)(?!\w)", question, re.I)
    if bool(female) == bool(male):
        return None
    return "female" if female else "male"


def _person_like(gold: str, rng: random.Random, gender: str | None = None) -> str:
    # "Who became a cartographer in her own right?": a woman's name, never "Leo".
    pool = {"female": FEMALE_FIRST_NAMES, "male": MALE_FIRST_NAMES}.get(
        gender or "", FEMALE_FIRST_NAMES + MALE_FIRST_NAMES
    )
    first = rng.choice(pool)
    words = gold.split()
    if len(words) == 2 and words[0] in NAME_KEEPS:
        return f"{words[0]} {rng.choice(SURNAMES)}"  # "Mr Petrov" -> "Mr Novak"
    if len(words) == 1 and words[0][:1].isupper():
        return first
    return f"{first} {rng.choice(SURNAMES)}"


def fake_answer(
    kind: str,
    gold: str,
    rng: random.Random,
    forbidden: Sequence[str],
    gender: str | None = None,
) -> str | None:
    """A fake answer of ``kind`` shaped like ``gold``, in none of the forbidden texts."""
    blocked = [normalize_answer(text) for text in forbidden]

    def clean(candidate: str) -> bool:
        norm = normalize_answer(candidate)
        return bool(norm) and not any(norm in b or (b and b in norm) for b in blocked)

    for _ in range(50):
        if kind in {"number", "date"}:
            candidate = shaped_like(gold, rng)
            if candidate is None:
                return None  # a bare number would not fit "how long" or "which day"
        elif kind == "person":
            candidate = _person_like(gold, rng, gender)
        elif kind == "location":
            candidate = rng.choice(CITIES + COUNTRIES)
        elif kind == "organization":
            candidate = rng.choice(ORGANIZATIONS)
        elif kind == "reason":
            candidate = rng.choice(REASONS)
        else:
            candidate = rng.choice(THINGS)
        if clean(candidate):
            return candidate
    return None
