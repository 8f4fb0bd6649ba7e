"""``add_one_sent``: an AddOneSent-style distractor sentence (after Jia and Liang, 2017).

Model-independent and offline. For an answerable question:

1. **mutate the question** so the sentence is about something the passage does not
   discuss and so cannot contradict it or answer the question: every name is swapped
   for an invented one (titles and place words kept: "Mr Osei" → "Mr Pendle", "Quarry
   Road" → "Carrow Road") and a definite subject gets "other" too ("the other church
   clock was set to Pendle Time"), else a year or number for another, else "the" gets
   "other" ("the other sisters"; "the surname of the other person", never "the other
   surname of the person", which is the same person's), else the sentence is set in an
   invented place ("In Keswick, ..."; never "another call", which is still a call);
2. **a fake answer of the kind asked for, shaped like the gold answer**
   (harness/transforms/fake_answers.py): its numbers, number words, months and weekdays
   changed ("eight months" → "eleven months", "March 2022" → "July 1994", "10.15 am" →
   "7.40 am"), a person's title kept ("Councillor Lund" → "Councillor Haddad"), else
   drawn from a typed pool (people of the gender the question's pronouns give, places,
   organisations, things, reasons). It occurs nowhere in the passage, the question or a
   gold answer;
3. **a declarative sentence** (``harness.transforms.statements``): the verb
   re-inflected ("When did the stone bridge open?" → "The other stone bridge opened
   in 1871."), the answer placed before any adjunct clause, with the preposition the
   slot takes ("on 16 February", "go to Lima", "kept for 24 days");
4. **insert** it between two sentences of the passage at a seeded position.

Questions the rules cannot handle (an action or clause answer, an un-inverted adjunct
question, a wh-phrase with a clause or prepositional phrase, a reported clause, an
answer of a kind no pool holds: "Which animal", "Which street", "What will the gym be
turned into") get no variant; ``exclusion_reason`` says why, and the distractor test
counts them as skipped.

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
from harness.transforms.fake_answers import (
    MONTHS,
    NAME_KEEPS,
    NUMBER_WORDS,
    WEEKDAYS,
    YEAR,
    different_number,
    fake_answer,
    fake_kind,
    guess_type,
    pronoun_gender,
)
from harness.transforms.statements import PREPOSITIONS, Unhandled, statement
from harness.transforms.word_classes import can_be_noun, is_past_participle_form
from harness.transforms.wordlists import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

INVENTED_NAMES = (
    "Keswick", "Dunmore", "Alderton", "Carrow", "Fenwick", "Hollis", "Marbury", "Pendle",
    "Redvale", "Stanwick", "Thornby", "Wexcombe",
)  # fmt: skip
MOTION_VERBS = frozenset(
    ["go", "move", "travel", "come", "return", "walk", "drive", "fly", "sail", "head"]
)


def _goes_to_the_slot(words: list[str]) -> bool:
    """A verb of motion right before where the place goes ("asked to go _", "does a bill
    go _ after the final vote"): the place takes "to", not "in"."""
    lowered = [w.lower() for w in words]
    for index, word in enumerate(lowered):
        following = lowered[index + 1] if index + 1 < len(lowered) else ""
        if word in MOTION_VERBS and following in {"", "after", "before", "when", "once"}:
            return True
    return False


DURATION = re.compile(r"\b(?:seconds|minutes|hours|days|weeks|months|years)$")
DAY_AND_MONTH = re.compile(
    rf"^(?:\d{{1,2}} (?:{'|'.join(MONTHS)})|(?:{'|'.join(MONTHS)}) \d{{1,2}}\b)"
)
CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
NUMBER = re.compile(r"\b\d+\b")
# A framed sentence must not lean on the passage's people ("In Keswick, they ...").
PRONOUNS = frozenset(["he", "she", "they", "we", "his", "her", "their", "our", "him", "them"])
WH_WORDS = frozenset(["who", "whom", "whose", "what", "which", "when", "where", "why", "how"])


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
            plural = "s" if len(words) == 1 and word.endswith("s") and word[:-1].istitle() else ""
            words[index] = rng.choice(options) + plural  # "the Sowerbys" -> "the Aldertons"
            return " ".join(words)
    return None


def mutate_question(question: str, rng: random.Random, passage: str) -> tuple[str, str] | None:
    """The question with its key entities, else a number or date, swapped, and what changed.

    Every name is swapped, not only the first: "the weeding left to Granny Rose and Mr
    Petrov" with one of them kept would still be about the passage's weeding.
    """
    mutated, swaps = question, list[str]()
    for match in reversed(list(CAPITALISED_RUN.finditer(question))):
        if match.start() == 0 or match.group().split()[0].lower() in WH_WORDS:
            continue
        if any(word in MONTHS or word.rstrip("s") in WEEKDAYS for word in match.group().split()):
            continue  # "every Saturday" is a time, not a name
        before = question[: match.start()].rstrip()[-1:]
        after = re.match(r"['’](?!s\b)", question[match.end() :])
        if before in {"'", "’"} or after:
            continue  # "the Parents' Association": a plural noun and what it owns
        new = _swap_name(match.group(), rng, f"{passage} {mutated}")
        if new is not None:
            mutated = mutated[: match.start()] + new + mutated[match.end() :]
            swaps.insert(0, f"'{match.group()}' → '{new}'")
    if swaps:
        # What the names were swapped around may still be the passage's own ("the church
        # clock was finally set to Redvale Time"): "the other" sets it apart too.
        other = _the_other(mutated, within_words=3)
        if other is not None:
            return other, ", ".join([*swaps, "'the' → 'the other'"])
        return mutated, ", ".join(swaps)
    for pattern in (YEAR, NUMBER):
        found = pattern.search(question)
        if found:
            new = different_number(found.group(), rng)
            if re.match(r"[.:]\d\d\s*(?:am|pm)\b", question[found.end() :]):
                # "stop by 10.30 pm": another hour, never "52.30 pm"
                new = str(rng.choice([h for h in range(1, 13) if str(h) != found.group()]))
            if new.lower() not in passage.lower():
                mutated = question[: found.start()] + new + question[found.end() :]
                return mutated, f"'{found.group()}' → '{new}'"
    found = re.search(rf"\b(?:{'|'.join(NUMBER_WORDS)})\b", question)
    if found:
        new = different_number(found.group(), rng)
        mutated = question[: found.start()] + new + question[found.end() :]
        return mutated, f"'{found.group()}' → '{new}'"
    other = _the_other(question)
    if other is not None:
        return other, "'the' → 'the other'"
    # Not "a call" -> "another call": "X promised another call" still says X promised a
    # call, which answers "Who promised a call?". The sentence is set elsewhere instead.
    return question, "framed"  # nothing to swap: the sentence is set in an invented place


# Not before a superlative, an ordinal, a time ("the other day" means "recently"),
# something there is only one of ("the other sky"), or a noun of something else ("the
# other surname of the person" would be about the same person).
THE_OTHER = re.compile(
    r"\bthe (?!(?:other|\w+est|most|least|best|worst|only|same|first|second|third|last|next|"
    r"day|week|month|year|time|night|morning|afternoon|evening|side|hand|way|"
    r"sky|ground|sun|moon|sea|world|weather|air|earth|public|police)\b)"
    r"(?![a-z]+ (?:[a-z]+ )?of\b)"
    r"(?=[a-z])"
)
#: What is not counted: "the other anger", "the other water boils" do not read as
#: English; as the first word of a compound ("the water ration") they do.
MASS_NOUNS = frozenset(
    (
        "anger", "confidence", "heating", "water", "information", "advice", "news", "music",
        "money", "evidence", "damage", "equipment", "furniture", "traffic", "work", "research",
        "knowledge", "rain", "snow", "ice", "fun", "help", "luck", "progress", "safety",
        "health", "power", "energy", "noise", "pollution", "food", "bread", "salt", "milk",
        "oil", "gas", "electricity", "rubbish", "waste", "access", "parking", "staff"
    )
)  # fmt: skip


def _the_other(question: str, within_words: int | None = None) -> str | None:
    """``question`` with "the other" for its first eligible "the" (among its first
    ``within_words`` words: the subject of "When was the church clock ..."), or None."""
    for found in THE_OTHER.finditer(question):
        following = question[found.end() :].split()
        noun = following[0].strip("?,").lower() if following else ""
        after = following[1].strip("?,").lower() if len(following) > 1 else ""
        # "the water ration", but not "the water boils"
        compound = bool(after) and can_be_noun(after) and not after.endswith("s")
        if noun not in MASS_NOUNS or compound:
            break
    else:
        return None
    if within_words is not None and len(question[: found.start()].split()) >= within_words:
        return None
    return question[: found.end()] + "other " + question[found.end() :]


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
    clock_time = re.search(r"\d[:.]\d\d|\b(?:am|pm)\b", fake)
    if wh in {"when", "where"} and kind in {"date", "location", "number"}:
        if re.match(r"(?:the |a )?(?:first|last|next|every|each)\b", fake):
            return fake
        if fake.split()[0].rstrip("s") in WEEKDAYS or DAY_AND_MONTH.match(fake):
            return f"on {fake}"  # "on Friday", "on 16 February", "on March 3"
        if clock_time:
            return f"at {fake}"
        if wh == "where" and _goes_to_the_slot(words):
            return f"to {fake}"  # "asked to go to Canada", not "go in Canada"
        return f"in {fake}"
    if wh in {"what", "which"} and words[1:2] == ["time"] and clock_time:
        return f"at {fake}"  # "What time did classes start" -> "started at 9.15 am"
    spans = not {"take", "took", "takes", "last", "lasts", "spend", "spent"} & {
        w.lower() for w in words
    }
    if len(words) > 2 and words[2].lower() in {"is", "are", "was", "were"}:
        spans = spans and is_past_participle_form(words[-1])  # "kept for", not "is for ... long"
    if " ".join(words[:2]).lower() == "how long" and spans and DURATION.search(fake):
        return f"for {fake}"  # "has been broken for two weeks", but "took nine weeks"
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
            if mutated is None:
                continue
            fake = fake_answer(
                kind,
                golds[0],
                rng,
                [*golds, context, question, mutated[0]],
                pronoun_gender(question),
            )
            if fake is None:
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
