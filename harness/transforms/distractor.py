"""``add_one_sent``: an AddOneSent-style distractor sentence (after Jia and Liang, 2017).

Model-independent and offline. For an answerable question:

1. **mutate the question** so the sentence is about something the passage does not
   discuss and so cannot contradict it: a name is swapped for an invented one (titles
   and place words kept: "Mr Osei" → "Mr Pendle", "Quarry Road" → "Carrow Road"), else a
   year or number for another, else "the" gets "other" ("the other sisters");
2. **a fake answer of the same type, shaped like the gold answer**: its numbers,
   number words, months and weekdays changed ("eight months" → "eleven months",
   "14 pence" → "31 pence", "March 2022" → "July 1994"), a person's title kept
   ("Councillor Lund" → "Councillor Haddad"), else drawn from a typed pool (people,
   places, organisations, things, reasons). It occurs nowhere in the passage, the
   question or a gold answer;
3. **a declarative sentence** (``harness.transforms.statements``): the verb
   re-inflected ("When did the stone bridge open?" → "The other stone bridge opened
   in 1871."), the answer placed before any adjunct clause;
4. **insert** it between two sentences of the passage at a seeded position.

Questions the rules cannot handle (an action or clause answer, an un-inverted adjunct
question, a wh-phrase with a prepositional phrase, no swappable entity) get no variant;
``exclusion_reason`` says why, and the distractor test counts them as skipped.

Every variant records the distractor, its character span and the fake answer in its
``meta`` (``distractor``, ``distractor_start``, ``fake_answer``); gold answers keep
their text with offsets moved past the insertion. A variant whose sentence would
contain a gold answer is never made.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.tasks.answers import normalize_answer
from harness.transforms._common import dedupe_variants, make_variant
from harness.transforms.statements import PREPOSITIONS, Unhandled, statement, wh_head
from harness.transforms.wordlists import CITIES, COUNTRIES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

SURNAMES = (
    "Varga", "Okafor", "Lindqvist", "Marchetti", "Haddad", "Kowalczyk", "Takeda", "Brennan",
    "Oyelaran", "Castellanos", "Novak", "Petrov", "Achterberg", "Quayle", "Mbeki", "Soto",
)  # fmt: skip
INVENTED_NAMES = (
    "Keswick", "Dunmore", "Alderton", "Carrow", "Fenwick", "Hollis", "Marbury", "Pendle",
    "Redvale", "Stanwick", "Thornby", "Wexcombe",
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
CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
YEAR = re.compile(r"\b(1[5-9]\d\d|20[0-4]\d)\b")
NUMBER = re.compile(r"\b\d+\b")
SHAPED = re.compile(
    rf"\b(?:\d+|{'|'.join(MONTHS)}|(?:{'|'.join(WEEKDAYS)})s?|{'|'.join(NUMBER_WORDS)})\b",
    re.IGNORECASE,
)
# Heads of "which ..." that a city or country answers; "which station" is not one.
PLACE_HEADS = frozenset(["place", "city", "town", "country", "village", "region", "area"])
THING_HEADS = frozenset(["thing", "things", "object", "item", "items"])
# A framed sentence must not lean on the passage's people ("In Keswick, they ...").
PRONOUNS = frozenset(["he", "she", "they", "we", "his", "her", "their", "our", "him", "them"])
WH_WORDS = frozenset(["who", "whom", "whose", "what", "which", "when", "where", "why", "how"])


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
        return "location"
    head = [word.lower() for word in wh_head(question)] if wh in {"which", "what"} else []
    if answer_type == "location" and head and head[-1] not in PLACE_HEADS:
        return Unhandled("asks for a specific kind of place")  # "Which station": not "Chile"
    if answer_type in {"thing", "other"} and head and head[-1] not in THING_HEADS:
        return Unhandled("asks for a specific kind of thing")  # "Which bird": not "a clay pipe"
    if wh == "how":
        return "number" if shaped_like(gold, random.Random(0)) else Unhandled("no number to vary")
    if wh == "when" and answer_type not in {"date", "number"}:
        return Unhandled("the answer is a clause")
    if answer_type in {"number", "date"} and shaped_like(gold, random.Random(0)) is None:
        return Unhandled("no number to vary")
    return answer_type


def exclusion_reason(question: str, answers: Sequence[str], answer_type: str = "") -> str | None:
    """Why a question gets no distractor, or ``None`` when the rules can handle it."""
    golds = [text for text in answers if normalize_answer(text)]
    if not golds:
        return "unanswerable"
    kind = fake_kind(question, answer_type or guess_type(question), golds[0])
    if isinstance(kind, Unhandled):
        return kind.reason
    converted = statement(question, "X")
    return converted.reason if isinstance(converted, Unhandled) else None


def guess_type(question: str) -> str:
    from harness.tasks.passages import answer_type

    return answer_type(question)


def _different_number(old: str, rng: random.Random) -> str:
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

    def swap(match: re.Match[str]) -> str:
        if match.start() > 0 and gold[match.start() - 1] == ":":  # minutes and seconds
            return f"{rng.randint(0, 59):02d}"
        if match.start() in days:  # "20 January" -> "14 March", never "60 March"
            return str(rng.choice([n for n in range(1, 29) if str(n) != match.group()]))
        return _different_number(match.group(), rng)

    return SHAPED.sub(swap, gold)


def _person_like(gold: str, rng: random.Random) -> str:
    first = rng.choice(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES)
    words = gold.split()
    if len(words) == 2 and words[0] in NAME_KEEPS:
        return f"{words[0]} {rng.choice(SURNAMES)}"  # "Mr Petrov" -> "Mr Novak"
    if len(words) == 1 and words[0][:1].isupper():
        return first
    return f"{first} {rng.choice(SURNAMES)}"


def fake_answer(kind: str, gold: str, rng: random.Random, forbidden: Sequence[str]) -> str | None:
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
            candidate = _person_like(gold, rng)
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


def _swap_name(run: str, rng: random.Random, passage: str) -> str | None:
    words = run.split()
    # A person keeps a known first name ("Thomas Ake" -> "Thomas Pendle"); other names
    # change their first word that is not a title or place word ("Quarry Road").
    first_name = len(words) > 1 and words[0] in FEMALE_FIRST_NAMES + MALE_FIRST_NAMES
    order = reversed(range(len(words))) if first_name else range(len(words))
    for index in order:
        word = words[index]
        if word not in NAME_KEEPS:
            options = [n for n in INVENTED_NAMES if n.lower() not in passage.lower()]
            if not options:
                return None
            words[index] = rng.choice(options)
            return " ".join(words)
    return None


def mutate_question(question: str, rng: random.Random, passage: str) -> tuple[str, str] | None:
    """The question with its key entity, number or date swapped, and what changed."""
    for match in CAPITALISED_RUN.finditer(question):
        if match.start() == 0 or match.group().split()[0].lower() in WH_WORDS:
            continue
        if any(word in MONTHS or word.rstrip("s") in WEEKDAYS for word in match.group().split()):
            continue  # "every Saturday" is a time, not a name
        new = _swap_name(match.group(), rng, passage)
        if new is not None:
            mutated = question[: match.start()] + new + question[match.end() :]
            return mutated, f"'{match.group()}' → '{new}'"
    for pattern in (YEAR, NUMBER):
        found = pattern.search(question)
        if found:
            new = _different_number(found.group(), rng)
            if new.lower() not in passage.lower():
                mutated = question[: found.start()] + new + question[found.end() :]
                return mutated, f"'{found.group()}' → '{new}'"
    found = re.search(rf"\b(?:{'|'.join(NUMBER_WORDS)})\b", question)
    if found:
        new = _different_number(found.group(), rng)
        mutated = question[: found.start()] + new + question[found.end() :]
        return mutated, f"'{found.group()}' → '{new}'"
    # Not before a superlative, an ordinal, a time ("the other day" means "recently") or
    # something there is only one of ("the other sky").
    found = re.search(
        r"\bthe (?!(?:other|\w+est|most|least|best|worst|only|same|first|second|third|last|next|"
        r"day|week|month|year|time|night|morning|afternoon|evening|side|hand|way|"
        r"sky|ground|sun|moon|sea|world|weather|air|earth|public|police)\b)"
        r"(?=[a-z])",
        question,
    )
    if found:
        mutated = question[: found.end()] + "other " + question[found.end() :]
        return mutated, "'the' → 'the other'"
    found = re.search(r"\ban? (?=[a-z])", question)
    if found:
        mutated = question[: found.start()] + "another " + question[found.end() :]
        return mutated, f"'{found.group().strip()}' → 'another'"
    return question, "framed"  # nothing to swap: the sentence is set in an invented place


def _framed(sentence: str, fake: str, question: str, rng: random.Random, passage: str) -> str:
    """ "In Keswick, the blue light delays ...": set in a place the passage never names."""
    place = rng.choice([n for n in INVENTED_NAMES if n.lower() not in passage.lower()])
    first = sentence.split()[0]
    keep = sentence.startswith(fake) and fake[:1].isupper()
    keep = keep or f" {first} " in f" {question} "  # a name stays capitalised
    body = sentence if keep else sentence[:1].lower() + sentence[1:]
    return f"In {place}, {body}"


def _in_place(kind: str, question: str, fake: str) -> str:
    """The fake answer as it reads in the answer slot ("in 1871", "in Lima")."""
    words = question.rstrip("?").split()
    wh = words[0].lower() if words else ""
    if wh == "why" or words[-1].lower() in PREPOSITIONS:
        return fake  # "came from _": the preposition is already there
    if fake.split()[0].lower() in {"from", "until", "by", "between", "before", "after"}:
        return fake
    if wh in {"when", "where"} and kind in {"date", "location", "number"}:
        if re.match(r"(?:the |a )?(?:first|last|next|every|each)\b", fake):
            return fake
        if fake.split()[0].rstrip("s") in WEEKDAYS:
            return f"on {fake}"
        if re.search(r"\d[:.]\d\d|\b(?:am|pm)\b", fake):
            return f"at {fake}"
        return f"in {fake}"
    return fake


def sentence_boundaries(context: str) -> list[int]:
    """Offsets where a new sentence may be inserted: the start, after each sentence, the end."""
    from harness.tasks.passages import split_sentences

    sentences = split_sentences(context)
    return sorted({0, *(s.end for s in sentences), len(context)})


class AddOneSentTransform:
    """Insert one distractor sentence with a fake answer; see the module docstring."""

    description: ClassVar[str] = (
        "AddOneSent-style distractor sentence with a fake answer of the same type"
    )

    class Options(Options):
        n_variants: int = Field(default=1, ge=1, le=10)
        type_key: str = "answer_type"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        answers = example.target if isinstance(example.target, list) else []
        golds = [a["text"] for a in answers if normalize_answer(a["text"])]
        if not golds or "context" not in fields:
            return []  # unanswerable questions have no answer to distract from
        context = str(example.fields["context"])
        question = str(example.fields["question"])
        kind = fake_kind(
            question, str(example.meta.get(options.type_key) or guess_type(question)), golds[0]
        )
        if isinstance(kind, Unhandled):
            return []  # "When can a vaccine ..." answered by a clause: no typed fake fits
        variants = []
        for index in range(options.n_variants):
            mutated = mutate_question(question, rng, context)
            fake = fake_answer(kind, golds[0], rng, [*golds, context, question])
            if mutated is None or fake is None:
                continue
            made = statement(mutated[0], _in_place(kind, question, fake))
            if isinstance(made, Unhandled):
                continue
            sentence = made.text
            if mutated[1] == "framed":
                if kind == "location":
                    continue  # "In Keswick, ... in Lima" would name two places
                if PRONOUNS & set(sentence.lower().rstrip(".").split()):
                    continue  # "In Keswick, they ..." would still be about the passage's people
                sentence = _framed(sentence, fake, question, rng, context)
            if any(normalize_answer(gold) in normalize_answer(sentence) for gold in golds):
                continue
            if fake not in sentence and sentence.lower().startswith(fake.lower()):
                fake = sentence[: len(fake)]  # capitalised as the sentence's first word
            position = rng.choice(sentence_boundaries(context))
            before, after = context[:position].rstrip(), context[position:].lstrip()
            new_context = " ".join(part for part in (before, sentence, after) if part)
            distractor_start = len(before) + 1 if before else 0
            # Text after the insertion moves by where ``after`` starts now minus before.
            shift = (distractor_start + len(sentence) + 1) - (len(context) - len(after))
            target = [
                {
                    "text": a["text"],
                    "start": a["start"] + (shift if a["start"] >= position else 0),
                }
                for a in answers
            ]
            if any(
                new_context[t["start"] : t["start"] + len(t["text"])] != t["text"] for t in target
            ):
                continue
            variant = make_variant(
                example,
                name="add_one_sent",
                options=options,
                index=index,
                fields={"context": new_context},
                description=f"inserted {sentence!r} (question {mutated[1]}, fake answer {fake!r})",
                target=target,
            )
            meta = {
                **variant.meta,
                "distractor": sentence,
                "distractor_start": distractor_start,
                "fake_answer": fake,
            }
            variants.append(replace(variant, meta=meta))
        return dedupe_variants(example, variants)
