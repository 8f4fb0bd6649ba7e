"""``add_one_sent``: an AddOneSent-style distractor sentence (after Jia and Liang, 2017).

Model-independent and offline. For an answerable question:

1. **mutate the question**: its key entity, number or date is swapped for another
   (a capitalised name for an invented one, a number for a different number, a year
   for another year); a question with none of these gets "the other" before its
   first "the" noun. The sentence is then about something the passage does not
   discuss, so it cannot contradict it;
2. **a fake answer of the same type** (``answer_type`` in the data, else guessed from
   the wh-word): a person, place, organisation, date, number or thing that occurs
   neither in the passage nor in any gold answer;
3. **a declarative sentence by rules**: "Who scored the goal?" → "Tomas Varga scored
   the goal."; "When was the bridge built?" → "The other bridge was built in 1871.";
   "How many workers did Harlow Mill employ?" → "Keswick Mill did employ 64 workers.";
4. **insert** it between two sentences of the passage at a seeded position.

Every variant records the distractor, its character span and the fake answer in its
``meta`` (``distractor``, ``distractor_start``, ``fake_answer``); gold answers keep
their text with offsets moved past the insertion. A variant whose sentence would
contain a gold answer is never made.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.tasks.answers import normalize_answer
from harness.transforms._common import dedupe_variants, make_variant
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
OTHERS = ("a shortage of rope", "the late mail coach", "an unpaid toll", "a broken axle")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

AUXILIARIES = frozenset(
    [
        "did",
        "does",
        "do",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
    ]
)
WH = re.compile(
    r"^(?P<wh>how (?:many|much|long|old|far|deep|high|tall|wide|heavy|big|often)(?: (?!(?:did|does|do|is|are|was|were)\b)\w+)?|"
    r"who|whom|whose|which \w+|what (?:kind|type|sort) of \w+|what|when|where|why)\b"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
CAPITALISED = re.compile(r"(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
YEAR = re.compile(r"\b(1[5-9]\d\d|20[0-4]\d)\b")
NUMBER = re.compile(r"\b\d+\b")
PARTICIPLE = re.compile(r"^[a-z]+(?:ed|en|wn|ng|lt|nt)$")
PREPOSITIONS = frozenset(
    [
        "to",
        "by",
        "for",
        "from",
        "in",
        "on",
        "at",
        "with",
        "until",
        "since",
        "through",
        "about",
        "of",
        "after",
        "before",
        "during",
    ]
)
# Words after which a noun phrase goes on ("the other bridge", "their old mill").
DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "other"]
)


def guess_type(question: str) -> str:
    from harness.tasks.passages import answer_type

    return answer_type(question)


def fake_answer(kind: str, rng: random.Random, forbidden: Sequence[str]) -> str | None:
    """A fake answer of ``kind`` whose normalised text is not in any forbidden text."""
    blocked = [normalize_answer(text) for text in forbidden]

    def clean(candidate: str) -> bool:
        norm = normalize_answer(candidate)
        return bool(norm) and not any(norm in b or (b and b in norm) for b in blocked)

    for _ in range(50):
        if kind == "person":
            first = rng.choice(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES)
            candidate = f"{first} {rng.choice(SURNAMES)}"
        elif kind == "location":
            candidate = rng.choice(CITIES + COUNTRIES)
        elif kind == "organization":
            candidate = rng.choice(ORGANIZATIONS)
        elif kind == "date":
            candidate = (
                str(rng.randint(1820, 2019))
                if rng.random() < 0.5
                else f"{rng.choice(MONTHS)} {rng.randint(1820, 2019)}"
            )
        elif kind == "number":
            candidate = str(rng.choice([rng.randint(2, 99), rng.randint(100, 9000)]))
        elif kind == "thing":
            candidate = rng.choice(THINGS)
        else:
            candidate = rng.choice(OTHERS)
        if clean(candidate):
            return candidate
    return None


def mutate_question(question: str, rng: random.Random, passage: str) -> tuple[str, str] | None:
    """The question with its key entity, number or date swapped, and what changed."""
    for pattern, make in (
        (YEAR, lambda old: str(int(old) + rng.choice([-37, -11, 13, 29]))),
        (NUMBER, lambda old: str(int(old) + rng.randint(3, 40))),
        (CAPITALISED, lambda old: " ".join(rng.choice(INVENTED_NAMES) for _ in old.split()[:1])),
    ):
        match = pattern.search(question)
        if match:
            new = make(match.group())
            if new.lower() in passage.lower():
                continue
            mutated = question[: match.start()] + new + question[match.end() :]
            return mutated, f"'{match.group()}' → '{new}'"
    match = re.search(r"\b(?:the|their|his|her|its|some)\b", question, re.IGNORECASE)
    if match:
        mutated = question[: match.end()] + " other" + question[match.end() :]
        return mutated, f"'{match.group()}' → '{match.group()} other'"
    match = re.search(r"\ban? (?=[a-z])", question)
    if match:
        mutated = question[: match.start()] + "another " + question[match.end() :]
        return mutated, f"'{match.group().strip()}' → 'another'"
    return None


def _place(kind: str, fake: str) -> str:
    if kind == "date":
        return f"in {fake}"
    if kind == "location":
        return f"in {fake}"
    if kind == "why":
        return f"because of {fake}"
    return fake


def declarative(question: str, kind: str, fake: str) -> str | None:
    """The question turned into a statement whose answer slot holds ``fake``."""
    body = question.strip().rstrip("?").strip()
    # "To whom did ...", "For how long ...": the preposition goes before the fake answer.
    preposition = ""
    first, _, remainder = body.partition(" ")
    if first.lower() in PREPOSITIONS and WH.match(remainder):
        preposition, body = first.lower(), remainder
    match = WH.match(body)
    if not match:
        return None
    wh, rest = match.group("wh"), match.group("rest").split()
    if not rest:
        return None
    wh_lower = wh.lower()
    slot_kind = "why" if wh_lower == "why" else kind
    noun_phrase = wh_lower.split()[0] in {"what", "which"} and len(wh.split()) > 1
    words_of_wh = wh.split()
    counted_noun = (
        words_of_wh[2]
        if wh_lower.startswith(("how many", "how much")) and len(words_of_wh) == 3
        else ""
    )
    copula = {"is", "are", "was", "were", "has", "have", "had"}
    if rest[0].lower() not in AUXILIARIES or (noun_phrase and rest[0].lower() in copula):
        if (wh_lower.startswith("how") and not counted_noun) or preposition:
            return None
        # A subject question: the fake answer takes the wh-phrase's place.
        sentence = f"{fake} {counted_noun}".strip() + " " + " ".join(rest)
    else:
        auxiliary, words = rest[0].lower(), rest[1:]
        if not words:
            return None
        # The subject runs to the first participle (be/have) or to one word after a
        # determiner plus any capitalised words (did/does/do).
        cut = None
        for index, word in enumerate(words[1:], start=1):
            if auxiliary in {"did", "does", "do"} and (
                words[index - 1].lower() not in DETERMINERS and not word[:1].isupper()
            ):
                cut = index
                break
            if auxiliary not in {"did", "does", "do"} and PARTICIPLE.match(word):
                cut = index
                break
        cut = cut if cut is not None else len(words)
        subject, predicate = words[:cut], words[cut:]
        counted = f"{fake} {counted_noun}" if counted_noun else ""
        slot = counted or (f"{preposition} {fake}" if preposition else _place(slot_kind, fake))
        sentence = " ".join([*subject, auxiliary, *predicate, slot])
    sentence = sentence.strip()
    return sentence[0].upper() + sentence[1:] + "."


def sentence_boundaries(context: str) -> list[int]:
    """Offsets where a new sentence may be inserted: the start, after each sentence, the end."""
    from harness.tasks.passages import split_sentences

    sentences = split_sentences(context)
    return sorted({0, *(s.end for s in sentences), len(context)})


class AddOneSentTransform:
    """Insert one distractor sentence with a fake answer; see the module docstring."""

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
        kind = str(example.meta.get(options.type_key) or guess_type(question))
        variants = []
        for index in range(options.n_variants):
            mutated = mutate_question(question, rng, context)
            fake = fake_answer(kind, rng, [*golds, context, question])
            if mutated is None or fake is None:
                continue
            sentence = declarative(mutated[0], kind, fake)
            if sentence is None or any(
                normalize_answer(gold) in normalize_answer(sentence) for gold in golds
            ):
                continue
            if fake not in sentence and sentence.lower().startswith(fake.lower()):
                fake = sentence[: len(fake)]  # capitalised as the sentence's first word
            position = rng.choice(sentence_boundaries(context))
            before, after = context[:position].rstrip(), context[position:].lstrip()
            new_context = " ".join(part for part in (before, sentence, after) if part)
            distractor_start = len(before) + 1 if before else 0
            shift = distractor_start + len(sentence) + 1 - position
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
            from dataclasses import replace

            variants.append(replace(variant, meta=meta))
        return dedupe_variants(example, variants)
