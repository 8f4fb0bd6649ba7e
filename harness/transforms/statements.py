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
from functools import lru_cache

MODALS = frozenset(
    ["will", "would", "can", "cannot", "could", "should", "must", "may", "might", "shall"]
)
DO_FORMS = frozenset(["did", "does", "do"])
BE_FORMS = frozenset(["is", "are", "was", "were"])
HAVE_FORMS = frozenset(["has", "have", "had"])
AUXILIARIES = MODALS | DO_FORMS | BE_FORMS | HAVE_FORMS
DETERMINERS = frozenset(
    (
        "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
        "our", "your", "my", "other", "another", "some", "each", "every", "any", "no", "both",
    )
)  # fmt: skip
PREPOSITIONS = frozenset(
    (
        "to", "by", "for", "from", "in", "on", "at", "with", "until", "since", "through",
        "about", "of", "after", "before", "during", "into", "onto", "over", "under", "near",
        "across", "against", "between", "behind", "among", "along", "per", "below", "above",
        "beside", "inside", "outside", "around", "without", "within", "towards", "beyond",
        "via",
    )
)  # fmt: skip
# Words that open an adjunct clause: an answer slot goes before them, so the answer
# stays in the main clause ("gave the spirit his dog when he agreed").
SUBORDINATORS = frozenset(
    (
        "when", "after", "before", "while", "if", "because", "since", "until", "once",
        "although", "though", "unless", "that", "instead", "rather", "including", "except",
    )
)  # fmt: skip
PHRASE_OPENERS = frozenset(["instead", "rather", "including", "except"])
PARTICLES = frozenset(["", "up", "out", "back", "off", "away", "down", "over"])
# A comparison ("Which sister is older?") has one true answer among named things; a
# statement about another thing would compete with it, so such questions are excluded.
COMPARATIVES = frozenset(["more", "less", "fewer", "better", "worse"])


def _is_comparative(word: str) -> bool:
    """ "older" (lemma "old"): an adjective whose lemma is not the word itself."""
    return any(lemma != word.lower() for lemma in _lemmas(word).get("ADJ", ()))


# Verbs whose "to" + verb is their own complement ("need to prepare _").
CATENATIVES = frozenset(
    [
        "need",
        "want",
        "try",
        "have",
        "plan",
        "hope",
        "expect",
        "agree",
        "decide",
        "promise",
        "refuse",
        "like",
        "love",
        "seem",
        "fail",
        "manage",
        "offer",
        "ask",
        "choose",
        "learn",
        "forget",
        "remember",
        "intend",
        "begin",
        "start",
        "continue",
    ]
)
# Adverbs that end a clause: the answer goes before them ("worried about _ now").
TRAILING = frozenset(
    [
        "now",
        "today",
        "yesterday",
        "then",
        "first",
        "later",
        "again",
        "currently",
        "recently",
        "online",
        "abroad",
    ]
)
# Adverbs right after a verb that show the word before them is the verb ("work best").
VERB_MODIFIERS = frozenset(
    ["best", "well", "hard", "fast", "most", "least", "better", "alone", "together", "again"]
)
# "What colour is ...": the answer is a property, which no typed fake answer fills.
PROPERTY_HEADS = frozenset(["colour", "color", "shape", "size", "kind", "type", "sort"])
COUNT = re.compile(r"[\d.,]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve")
PRONOUNS = frozenset(["i", "you", "he", "she", "it", "we", "they", "someone", "people"])
NEGATIONS = frozenset(["not", "never"])
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


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word.lower()))


def can_be_noun(word: str) -> bool:
    return "NOUN" in _lemmas(word) or "PROPN" in _lemmas(word)


def is_base_verb(word: str) -> bool:
    verbs = _lemmas(word).get("VERB", ())
    return word.lower() in verbs and not word[:1].isupper()


def is_participle(word: str) -> bool:
    """A past or present participle ("built", "being", "left")."""
    from lemminflect import getInflection

    if word[:1].isupper():
        return False
    for lemma in _lemmas(word).get("VERB", ()):
        forms = {*getInflection(lemma, "VBN"), *getInflection(lemma, "VBG")}
        if word.lower() in forms and word.lower() != lemma:
            return True
    return False


def inflect(verb: str, tag: str) -> str | None:
    from lemminflect import getInflection

    forms = getInflection(verb.lower(), tag)
    return forms[0] if forms else None


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
    for index in range(1, len(words)):
        word = words[index]
        if word.lower() in NEGATIONS:
            return index
        previous = words[index - 1].lower()
        if word.lower() in PREPOSITIONS:
            continue
        if previous in DETERMINERS | PREPOSITIONS | AUXILIARIES or not is_base_verb(word):
            continue  # "the | stone", "that can | be raised": not the main verb
        fallback = index
        following = words[index + 1] if index + 1 < len(words) else ""
        lower = following.lower().rstrip(",")
        if lower in NEGATIONS:
            continue  # "could the relief party | not set out": the negation ends the subject
        starts_object = lower in DETERMINERS | PREPOSITIONS | PRONOUNS | SUBORDINATORS | (
            PARTICLES | TRAILING | {"last", "next"}
        )
        modified = lower in VERB_MODIFIERS or lower.endswith("ly") or following[:1].isupper()
        adverb = bool(_lemmas(lower)) and set(_lemmas(lower)) <= {"ADV"}
        gerund = lower.endswith("ing") and is_participle(lower)
        if starts_object or modified or adverb or gerund or not can_be_noun(word):
            return index
    return fallback


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
    lemmas = _lemmas(word)
    adverb_next = bool(_lemmas(following)) and set(_lemmas(following)) <= {"ADV"}
    verb = "VERB" in lemmas and not counted and following not in AUXILIARIES
    object_next = following in DETERMINERS or not (
        adverb_next
        or following in PREPOSITIONS
        or can_be_noun(following)
        or "VERB" in _lemmas(following)  # "which school | won"
    )
    if verb and (object_next or (after_noun and not adverb_next)):
        return False
    if not lemmas:
        return True  # a word the lexicon does not know ("carmaker") is a name or noun
    if "ADJ" in lemmas and not after_noun and len(rest) > 1 and can_be_noun(rest[1]):
        return True  # "which new | teacher"
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
    for index in range(1, len(words)):
        if words[index - 1].lower() in DETERMINERS:
            continue
        if is_participle(words[index]) or words[index].lower() in NEGATIONS:
            return index
        after_noun = can_be_noun(words[index - 1]) or words[index - 1][:1].isupper()
        adjective = set(_lemmas(words[index])) <= {"ADJ", "ADV"} and _lemmas(words[index])
        if adjective and after_noun:
            return index  # "is tree pollen | highest in this region"
        if allow_preposition and words[index].lower() in PREPOSITIONS - {"of"}:
            return index  # "is the main square | at its busiest"
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
            or (_lemmas(predicate[end - 1]) and set(_lemmas(predicate[end - 1])) <= {"ADV"})
        )
    ):
        end -= 1  # "sells _ online", "is most worried about _ now"
    if predicate and predicate[end - 1].lower() in PREPOSITIONS:
        return end  # "painted it over the fan with _"
    if object_slot and len(predicate) >= 3 and predicate[1].lower() in PREPOSITIONS - {"to"}:
        return 1
    particle = len(predicate) >= 3 and predicate[1].lower() in PARTICLES
    if object_slot and particle and predicate[2].lower() in PREPOSITIONS:
        return 2  # "sent back _ to Fort Kell"
    catenative = set(_lemmas(predicate[0]).get("VERB", ())) & CATENATIVES if predicate else set()
    infinitive = len(predicate) >= 3 and predicate[1] == "to" and is_base_verb(predicate[2])
    if object_slot and infinitive and not catenative:
        return 1  # "took _ to arrive", but "needs to prepare _"
    for index, word in enumerate(predicate):
        # A reason goes after "rather than his teacher", an object before it.
        opener = word.lower() in PHRASE_OPENERS
        if index > 0 and word.lower() in SUBORDINATORS and (object_slot or not opener):
            return index
    return end


def _join(before: list[str], answer: str, after: list[str]) -> Statement:
    prefix = " ".join(before)
    text = " ".join(part for part in (prefix, answer, " ".join(after)) if part)
    start = len(prefix) + 1 if prefix else 0
    return Statement(text[0].upper() + text[1:] + ".", start)


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
    if any(
        word.lower() in COMPARATIVES
        or (word.lower().endswith("er") and "NOUN" not in _lemmas(word) and _is_comparative(word))
        for word in words
    ):
        return Unhandled("a comparison")
    rest = match.group("rest").split()
    # The wh-phrase takes the nouns after "which"/"what"/"how many" ("which councillor").
    head = _take_head(wh, rest)
    if head:
        if rest and rest[0].lower() == "of" and head:
            return Unhandled("the wh-phrase has a prepositional phrase")
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
    if wh == "whose":
        if not head:
            return Unhandled("nothing after the wh-phrase")
        answer, head = f"{answer}'s {' '.join(head)}", []  # "Pell's path"
    phrase = f"{preposition} {answer}" if preposition else answer
    first = rest[0].lower()
    inverted = first in AUXILIARIES and len(rest) > 1
    if wh in SUBJECT_WH and not preposition and first not in DO_FORMS:
        inverted = inverted and _starts_noun_phrase(rest[1])
    if not inverted:
        if preposition or wh in {"when", "where", "why"} or wh not in SUBJECT_WH:
            return Unhandled("an adjunct question without inversion")
        if rest[0].lower() in DETERMINERS or not {"VERB", "AUX", "ADV"} & set(_lemmas(rest[0])):
            return Unhandled("no verb after the wh-phrase")
        if head and head[-1].lower().endswith("s") and wh in {"which", "what"}:
            return Unhandled("a plural wh-subject")  # "Which bats ... do not rely"
        # A subject question: the answer takes the wh-phrase's place.
        return _join([], phrase, rest)
    auxiliary, after = first, rest[1:]
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
        if cut is None and adjunct and len(after) > 1 and "ADJ" in _lemmas(after[-1]):
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
        if predicate[0].lower() in NEGATIONS:
            verb_group = [auxiliary, *predicate[:2]]
            predicate = predicate[2:]
        else:
            tag = {"did": "VBD", "does": "VBZ", "do": "VBP"}[auxiliary]
            verb = inflect(predicate[0], tag) if tag != "VBP" else predicate[0].lower()
            if verb is None:
                return Unhandled("the verb has no inflection")
            verb_group, predicate = [verb], predicate[1:]
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
    return _join(before, phrase, full_predicate[slot:])
