"""Turn a wh-question into the declarative sentence that answers it with a given phrase.

Used by the AddOneSent-style distractor (``harness.transforms.distractor``). No parser:
word classes come from lemminflect's lexicon (which parts of speech a word can be, and
its inflections), which is enough for the question shapes reading-comprehension data
uses. Every shape the rules cannot place the answer in returns ``None`` with a reason,
so a caller can count exclusions instead of emitting a broken sentence.

>>> statement("When did the stone bridge open?", "in 1871").text
'The stone bridge opened in 1871.'
>>> statement("Who cut the ribbon at the opening?", "Ana Varga").text
'Ana Varga cut the ribbon at the opening.'
>>> statement("What does Mr Osei not need to prepare?", "a clay pipe").text
'Mr Osei does not need to prepare a clay pipe.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harness.transforms.word_classes import (
    AUXILIARIES,
    BE_FORMS,
    CATENATIVES,
    COMPARATIVES,
    DETERMINERS,
    DO_FORMS,
    HAVE_FORMS,
    MODALS,
    NEGATIONS,
    PARTICLES,
    PHRASE_OPENERS,
    PREPOSITIONS,
    PRONOUNS,
    SUBORDINATORS,
    TIME_MODIFIERS,
    TIME_NOUNS,
    TRAILING,
    UNITS,
    VERB_MODIFIERS,
    can_be_noun,
    clause_adverb,
    inflect,
    is_base_verb,
    is_comparative,
    is_participle,
    is_past_participle_form,
    lemmas_of,
    plural_noun,
    singular,
)

# "What colour is ...": the answer is a property, which no typed fake answer fills.
PROPERTY_HEADS = frozenset(["colour", "color", "shape", "size", "kind", "type", "sort"])
COUNT = re.compile(r"[\d.,]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve")
# Wh-phrases whose answer is a clause or an action: no noun phrase can fill the slot.
HOW_MEASURE = "many|much|long|far|often|tall|big|deep|high|wide|heavy|soon|late|early|fast"
CLAUSE_QUESTIONS = re.compile(rf"^(?:what happens|how\b(?! (?:{HOW_MEASURE})\b))")
DO_VERBS = frozenset(["do", "does", "did", "doing", "done"])


@dataclass(frozen=True)
class Statement:
    """A declarative sentence with the answer phrase at ``answer_start``."""

    text: str
    answer_start: int


@dataclass(frozen=True)
class Unhandled:
    """Why a question could not be turned into a statement."""

    reason: str


def _starts_noun_phrase(word: str) -> bool:
    lower = word.lower()
    return (
        lower in DETERMINERS
        or lower in PRONOUNS
        or word[:1].isupper()
        or word[:1].isdigit()
        or lower.endswith("'s")
    )


def _verb_index(words: list[str]) -> int | None:
    """Where the subject after an inverted auxiliary ends and the base verb starts.

    The first base verb that cannot be a noun, or one followed by what starts an object
    or adjunct (a determiner, preposition, name, adverb, gerund); failing both, the
    last base verb that does not follow a determiner ("did the second mate | find rats").
    """
    fallback = None
    after_plural = None  # the first candidate right after a plural noun ("can women | give")
    for index in range(1, len(words)):
        word = words[index]
        if word.lower() in NEGATIONS:
            return index
        previous = words[index - 1].lower()
        if word.lower() in PREPOSITIONS:
            continue
        adverb_here = clause_adverb(word)
        if adverb_here and index + 1 < len(words) and is_base_verb(words[index + 1]):
            return index  # "will the annual dinner | now take place"
        if previous in DETERMINERS | PREPOSITIONS | AUXILIARIES or not is_base_verb(word):
            continue  # "the | stone", "that can | be raised": not the main verb
        fallback = index
        if after_plural is None and plural_noun(words[index - 1]):
            after_plural = index
        following = words[index + 1] if index + 1 < len(words) else ""
        lower = following.lower().rstrip(",")
        if lower in NEGATIONS:
            continue  # "could the relief party | not set out": the negation ends the subject
        if "ADJ" in lemmas_of(word) and set(lemmas_of(following)) == {"NOUN"}:
            continue  # "reheating stale | bread": an adjective before its noun
        if words[index - 1][:1].isupper() and "ADJ" in lemmas_of(following):
            return index  # "did Upper Mill | stand idle"
        starts_object = lower in DETERMINERS | PREPOSITIONS | PRONOUNS | SUBORDINATORS | (
            PARTICLES | TRAILING | {"last", "next"}
        )
        modified = lower in VERB_MODIFIERS or lower.endswith("ly") or following[:1].isupper()
        adverb = bool(lemmas_of(lower)) and set(lemmas_of(lower)) <= {"ADV"}
        gerund = lower.endswith("ing") and is_participle(lower)
        if starts_object or modified or adverb or gerund or not can_be_noun(word):
            if _final_verb_instead(words, index):
                return len(words) - 1
            if not following and after_plural is not None and after_plural < index:
                return after_plural  # "can women give | blood": the verb follows the plural
            return index
    return fallback


def _final_verb_instead(words: list[str], index: int) -> bool:
    """Whether the question's last word, not ``words[index]``, is its verb: the candidate
    can be a noun after a noun ("the potato crop on Corrow | fail"), and the last word is
    a base verb right after a name."""
    last = len(words) - 1
    if last <= index + 1 or not can_be_noun(words[index]) or not can_be_noun(words[index - 1]):
        return False
    # A name right before the last word ends the subject ("on Corrow | fail"); after a
    # common noun the last word is more often its object ("pay from its own budget").
    return is_base_verb(words[last]) and words[last - 1][:1].isupper()


def _in_wh_head(rest: list[str], after_noun: bool, counted: bool) -> bool:
    """Whether ``rest[0]`` still belongs to the wh-phrase ("which new teacher").

    After "how many" every noun does ("how many group games"); after "which" a word
    that can be a verb ends the phrase when it is followed by its object ("which
    pigment | captures sunlight", "what | charges the batteries").
    """
    word, lower = rest[0], rest[0].lower()
    following = rest[1].lower() if len(rest) > 1 else ""
    if lower in AUXILIARIES or lower in PREPOSITIONS or lower in DETERMINERS:
        return False
    lemmas = lemmas_of(word)
    adverb_next = bool(lemmas_of(following)) and set(lemmas_of(following)) <= {"ADV"}
    verb = "VERB" in lemmas and not counted and following not in AUXILIARIES
    object_next = following in DETERMINERS or not (
        adverb_next
        or following in PREPOSITIONS
        or can_be_noun(following)
        or "VERB" in lemmas_of(following)  # "which school | won"
    )
    if verb and (object_next or (after_noun and not adverb_next)):
        return False
    if not lemmas:
        return True  # a word the lexicon does not know ("carmaker") is a name or noun
    if "ADJ" in lemmas and not after_noun and len(rest) > 1 and can_be_noun(rest[1]):
        return True  # "which new | teacher"
    if counted and not after_noun and len(rest) > 2 and is_participle(word):
        return can_be_noun(rest[1]) and rest[2].lower() in AUXILIARIES  # "checked | baggage"
    return can_be_noun(word)


def _take_head(wh: str, rest: list[str]) -> list[str]:
    """Move the wh-phrase's nouns from the front of ``rest`` into the returned head."""
    head: list[str] = []
    if wh in {"which", "what", "whose", "how many", "how much"}:
        counted = wh in {"how many", "how much"}
        while rest and len(head) < 2 and _in_wh_head(rest, bool(head), counted):
            head.append(rest.pop(0))
    return head


def wh_head(question: str) -> list[str]:
    """The nouns of the question's wh-phrase: "Which bird often ..." -> ["bird"]."""
    words = question.strip().rstrip("?").split()
    if len(words) > 2 and words[0].lower() in PREPOSITIONS:
        words = words[1:]
    match = WH.match(" ".join(words))
    if not match:
        return []
    return _take_head(match.group("wh").lower(), match.group("rest").split())


def _participle_index(words: list[str], allow_preposition: bool) -> int | None:
    if words and words[-1].lower() in {"called", "named"}:
        return len(words) - 1  # "is a ring-shaped reef left above the water called"
    last = len(words) - 1
    if last > 1 and words[last].lower() in PARTICLES:
        last -= 1  # "was the meeting | put off"
    earlier = [
        w
        for i, w in enumerate(words[1:last], start=1)
        if w.lower() in NEGATIONS
        or (is_participle(w) and words[i - 1].lower() not in DETERMINERS)  # not "the meeting"
    ]
    noun_before = (
        last > 0 and can_be_noun(words[last - 1]) and "ADV" not in lemmas_of(words[last - 1])
    )
    if (
        noun_before
        and not earlier
        and words[last - 1].lower() not in DETERMINERS
        and is_past_participle_form(words[last])
    ):
        return last  # "was the water ration | cut", "was the meeting | put off"
    for index in range(1, len(words)):
        if words[index - 1].lower() in DETERMINERS or words[index - 1].endswith(("'", "'s")):
            continue  # "the autumn parents' | evening" is a noun, not "even"
        if words[index].lower() == "worth":
            return index  # "is the prize | worth"
        before = set(lemmas_of(words[index - 1]))
        noun_after_adjective = (
            words[index].lower().endswith("ing") and bool(before) and (before <= {"ADJ", "ADV"})
        )
        if (is_participle(words[index]) and not noun_after_adjective) or (
            words[index].lower() in NEGATIONS
        ):
            return index  # "is the bridge | being repaired", not "is the late | opening"
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if (
            is_past_participle_form(words[index])
            and following in PREPOSITIONS
            and can_be_noun(words[index - 1])
        ):
            return index  # "were some coins | cut in half": spelt like its verb
        after_noun = can_be_noun(words[index - 1]) or words[index - 1][:1].isupper()
        word_lemmas = lemmas_of(words[index])
        # "is entry | free for everyone": an adjective that can be other things too, right
        # after a noun and before a preposition (not "the replacement part expected")
        predicative = (
            set(lemmas_of(words[index - 1])) == {"NOUN"}
            and "ADJ" in word_lemmas
            and (index + 1 == len(words) or words[index + 1].lower() in PREPOSITIONS)
        )
        adjective = ((set(word_lemmas) <= {"ADJ", "ADV"} and word_lemmas) or predicative) and words[
            index
        ].lower() not in PREPOSITIONS
        if adjective and after_noun:
            return index  # "is tree pollen | highest in this region"
        infinitive = index + 1 < len(words) and is_base_verb(words[index + 1])
        if words[index].lower() == "to" and infinitive:
            allow_preposition = False  # "the best spot to plug in the extender": all subject
        # "is the main square | at its busiest", but "is the late opening on Tuesdays | ending"
        later_participle = any(is_participle(w) for w in words[index + 1 :])
        preposition = words[index].lower() in PREPOSITIONS - {"of"}
        if allow_preposition and preposition and not later_participle:
            return index
    return None


def _slot(predicate: list[str], object_slot: bool) -> int:
    """Where the answer goes in the predicate: before an adjunct clause, else at the end.

    An object slot also goes before a preposition right after the verb ("pay _ at
    night"), unless the preposition is stranded at the end ("divided into _").
    """
    end = len(predicate)
    while (
        object_slot
        and end > 1
        and predicate[end - 1].lower() not in PREPOSITIONS
        and (
            predicate[end - 1].lower() in TRAILING
            or (lemmas_of(predicate[end - 1]) and set(lemmas_of(predicate[end - 1])) <= {"ADV"})
        )
    ):
        end -= 1  # "sells _ online", "is most worried about _ now"
    end = _before_time_phrase(predicate, end) if object_slot else end
    if predicate and predicate[end - 1].lower() in PREPOSITIONS:
        return end  # "painted it over the fan with _"
    stranded = len(predicate) >= 3 and predicate[1].lower() in PREPOSITIONS
    if object_slot and stranded and predicate[2].lower() in SUBORDINATORS | PREPOSITIONS:
        return 2  # "wait for _ before pressing", "listened to _ on the radio"
    if object_slot and len(predicate) >= 3 and predicate[1].lower() in PREPOSITIONS - {"to"}:
        return 1
    if object_slot and len(predicate) >= 3 and predicate[1].lower() == "as":
        return 1  # "spent _ as an apprentice"
    if (
        object_slot
        and len(predicate) >= 3
        and predicate[1].lower() == "to"
        and not is_base_verb(predicate[2])
        and predicate[2].lower() not in PREPOSITIONS
    ):
        return 1  # "contribute _ to the winter party"
    particle = len(predicate) >= 3 and predicate[1].lower() in PARTICLES
    if object_slot and particle and predicate[2].lower() in PREPOSITIONS:
        return 2  # "sent back _ to Fort Kell"
    catenative = set(lemmas_of(predicate[0]).get("VERB", ())) & CATENATIVES if predicate else set()
    infinitive = len(predicate) >= 3 and predicate[1] == "to" and is_base_verb(predicate[2])
    if object_slot and infinitive and not catenative:
        return 1  # "took _ to arrive", but "needs to prepare _"
    for index, word in enumerate(predicate):
        # A reason goes after "rather than his teacher", an object before it.
        opener = word.lower() in PHRASE_OPENERS
        if index > 0 and word.lower() in SUBORDINATORS and (object_slot or not opener):
            return index
    return end


def _before_time_phrase(predicate: list[str], end: int) -> int:
    """``end`` moved before a time phrase that closes the predicate ("became _ the next
    spring"): an object goes before it."""
    closing = end >= 3 and predicate[end - 1].lower() in TIME_NOUNS
    if closing and predicate[end - 2].lower() in TIME_MODIFIERS:
        start = end - 2
        return start - 1 if start > 1 and predicate[start - 1].lower() == "the" else start
    return end


def _join(before: list[str], answer: str, after: list[str]) -> Statement:
    prefix = " ".join(before)
    text = " ".join(part for part in (prefix, answer, " ".join(after)) if part)
    start = len(prefix) + 1 if prefix else 0
    return Statement(text[0].upper() + text[1:] + ".", start)


def _bare_subject(auxiliary: str, rest: list[str]) -> bool:
    """A subject without a determiner after an inverted auxiliary: "should staff | not use",
    "are columns of warm air | called" (a passive ends in its participle)."""
    if len(rest) < 3 or not can_be_noun(rest[1]):
        return False
    if rest[2].lower() in NEGATIONS or (auxiliary in MODALS and is_base_verb(rest[2])):
        return True
    return auxiliary in BE_FORMS and is_past_participle_form(rest[-1])


SUBJECT_WH = frozenset(["who", "whose", "what", "which", "how many", "how much"])
WH = re.compile(
    rf"^(?P<wh>how (?:{HOW_MEASURE})|who|whom|whose|what|which|when|where|why)\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def statement(question: str, answer: str) -> Statement | Unhandled:
    """The question as a statement whose answer slot holds ``answer``.

    ``answer`` is the phrase as it should read in place ("in 1871", "because of the
    rain", "Ana Varga", "12 flats" for "how many flats").
    """
    body = question.strip().rstrip("?").strip()
    words = body.split()
    preposition = ""
    if len(words) > 2 and words[0].lower() in PREPOSITIONS and WH.match(" ".join(words[1:])):
        preposition, words = words[0].lower(), words[1:]
    match = WH.match(" ".join(words))
    if not match:
        return Unhandled("not a wh-question")
    if CLAUSE_QUESTIONS.match(" ".join(words).lower()):
        return Unhandled("asks for an action or a clause")
    wh = match.group("wh").lower()
    if re.search(r",\s*(?:\w+(?:\s+\w+)?|according to .+)$", body):
        return Unhandled("an aside at the end")  # "..., at least?", "..., according to Aubel?"
    bare = [word.strip(",;:") for word in words]
    if any(
        word.lower() in COMPARATIVES
        or (word.lower().endswith("er") and "NOUN" not in lemmas_of(word) and is_comparative(word))
        for word in bare
    ) or re.search(r",[^,]+\bor\b", body):
        return Unhandled("a comparison")  # "Who died later, Rook or Lund?"
    rest = match.group("rest").split()
    # The wh-phrase takes the nouns after "which"/"what"/"how many" ("which councillor").
    head = _take_head(wh, rest)
    if head:
        if rest and rest[0].lower() == "of" and head:
            return Unhandled("the wh-phrase has a prepositional phrase")
        if any(word.endswith("'s") for word in head):
            return Unhandled("a possessive wh-phrase")  # "Which builder's bridge ..."
        if head and head[0].lower() in PROPERTY_HEADS:
            return Unhandled("asks for a property")
    if not rest:
        return Unhandled("nothing after the wh-phrase")
    if wh == "what" and not head and any(word.lower() in DO_VERBS for word in rest[1:]):
        return Unhandled("asks for an action or a clause")  # "What should you do ..."
    if (
        wh in {"how many", "how much"}
        and head
        and COUNT.fullmatch(answer.split()[-1].lower())
        and (answer.split()[-1].lower() != head[-1].lower())
    ):
        answer = f"{answer} {' '.join(head)}"  # "How many homes" -> "412 homes"
    elif (
        wh in {"how many", "how much"}
        and head
        and singular(answer) in UNITS
        and singular(answer) != singular(head)
    ):
        answer = f"{answer} of {' '.join(head)}"  # "How much water" -> "2.3 litres of water"
    if wh == "whose":
        if not head:
            return Unhandled("nothing after the wh-phrase")
        answer, head = f"{answer}'s {' '.join(head)}", []  # "Pell's path"
    phrase = f"{preposition} {answer}" if preposition else answer
    first = rest[0].lower()
    inverted = first in AUXILIARIES and len(rest) > 1
    if wh in SUBJECT_WH and not preposition and len(rest) > 1 and rest[1].lower() in NEGATIONS:
        inverted = False  # "What did not work in the building?": the wh-phrase is the subject
    if wh in SUBJECT_WH and not preposition and first not in DO_FORMS:
        inverted = inverted and (_starts_noun_phrase(rest[1]) or _bare_subject(first, rest))
    if not inverted:
        if preposition or wh in {"when", "where", "why"} or wh not in SUBJECT_WH:
            return Unhandled("an adjunct question without inversion")
        if rest[0].lower() in DETERMINERS or not {"VERB", "AUX", "ADV"} & set(lemmas_of(rest[0])):
            return Unhandled("no verb after the wh-phrase")
        if head and head[-1].lower().endswith("s") and wh in {"which", "what"}:
            return Unhandled("a plural wh-subject")  # "Which bats ... do not rely"
        reduced_relative = (
            is_participle(rest[0])
            and len(rest) > 1
            and (rest[1].lower() in PREPOSITIONS and AUXILIARIES & {w.lower() for w in rest[2:]})
        )
        if head and reduced_relative:  # "Which politician named in the report did not ..."
            return Unhandled("a clause inside the wh-phrase")
        # A subject question: the answer takes the wh-phrase's place.
        return _join([], phrase, rest)
    auxiliary, after = first, rest[1:]
    if auxiliary in BE_FORMS and after[0].lower() == "there":
        return Unhandled("an existential question")  # "is there live music": no subject
    adjunct = wh in {"when", "where", "why"} or (wh.startswith("how ") and wh not in SUBJECT_WH)
    if auxiliary in BE_FORMS or auxiliary in HAVE_FORMS:
        cut = _participle_index(after, allow_preposition=adjunct)
        stranded = cut is not None and (
            cut == len(after) - 1 or (cut == len(after) - 2 and after[-1].lower() in PREPOSITIONS)
        )
        participle = cut is not None and is_participle(after[cut])
        if (
            wh in SUBJECT_WH
            and auxiliary in BE_FORMS
            and participle
            and not stranded
            and not (preposition)
        ):
            cut = None  # "What is the dose for a child aged twelve": all of it is the subject
        if cut is None and adjunct and len(after) > 1 and "ADJ" in lemmas_of(after[-1]):
            cut = len(after) - 1  # "Why are sunsets | red"
    else:
        cut = _verb_index(after)
    cut = len(after) if cut is None else cut
    subject, predicate = after[:cut], after[cut:]
    if not subject:
        return Unhandled("no subject found")
    if any(word.lower() in SUBORDINATORS for word in subject):
        return Unhandled("a clause inside the subject")
    if any(
        a.lower() in PREPOSITIONS and b == "to"
        for a, b in zip(predicate, predicate[1:], strict=False)
    ):
        return Unhandled("a stranded preposition before an infinitive")
    if auxiliary in DO_FORMS:
        if not predicate:
            return Unhandled("no main verb found")
        if len(predicate) > 1 and predicate[1].lower() in AUXILIARIES - DO_FORMS:
            return Unhandled("asks about a reported clause")  # "did RoadAid say | had been"
        if predicate[0].lower() in NEGATIONS:
            verb_group = [auxiliary, *predicate[:2]]
            predicate = predicate[2:]
        else:
            adverbs = []
            if len(predicate) > 1 and clause_adverb(predicate[0]):
                adverbs, predicate = [predicate[0]], predicate[1:]  # "did the team | finally win"
            tag = {"did": "VBD", "does": "VBZ", "do": "VBP"}[auxiliary]
            verb = inflect(predicate[0], tag) if tag != "VBP" else predicate[0].lower()
            if verb is None:
                return Unhandled("the verb has no inflection")
            verb_group, predicate = [*adverbs, verb], predicate[1:]
    else:
        verb_group = [auxiliary]
        if predicate and predicate[0].lower() in NEGATIONS:
            verb_group, predicate = [auxiliary, predicate[0]], predicate[1:]
        if predicate:
            verb_group, predicate = [*verb_group, predicate[0]], predicate[1:]
    object_slot = wh in {"what", "which", "who", "whom", "whose"} or wh.startswith("how")
    if not predicate and auxiliary in BE_FORMS and verb_group == [auxiliary] and object_slot:
        if wh in {"how long", "how tall", "how wide", "how deep", "how high"}:
            phrase = f"{phrase} {wh.split()[1]}"  # "The boat is 2.4 metres long"
        return _join([*subject, auxiliary], phrase, [])  # "The course record was _"
    full_predicate = [verb_group[-1], *predicate]
    slot = _slot(full_predicate, object_slot and not preposition)
    before = [*subject, *verb_group[:-1], *full_predicate[:slot]]
    if before[-1].lower() == "between":
        return Unhandled("a slot between two things")  # "choose between a copper kettle"
    return _join(before, phrase, full_predicate[slot:])
