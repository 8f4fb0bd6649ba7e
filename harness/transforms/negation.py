"""``negation``: negate one sentence, a *directional* perturbation for NLI.

Negating an entailed hypothesis makes it contradict the premise ("A man is sleeping." →
"A man is not sleeping."), but only where "not" at the auxiliary negates the whole
sentence. Everywhere else the negated sentence can still be true beside the premise, so
the sentence is left alone and the exclusion is counted with its reason:

* a question, a contracted auxiliary, a negation already there;
* an indefinite pronoun ("The window was not broken by someone": someone else may have);
* a quantified or counted subject ("More than one table was not empty" does not
  contradict "At least three tables were empty"; "One man is not climbing" reads as one
  of the men);
* a temporal clause or phrase ("The storm hit after the store had not closed": the
  "not" lands in the clause, and the order of events is left standing);
* a modal whose negation does not contradict it (may, might, could, should, would);
* a focus or aspect particle ("is not also on Main Street", "is not still undecided");
* several clauses (commas, semicolons, "and", "that", "because", ...), or more than one
  auxiliary.

A sentence with no auxiliary or copula to negate (is/are/was/were/am, has/have/had,
do/does/did, can, will, must) is skipped: there is nothing the rule applies to.
"has/have/had" before a past participle take "not" ("has not eaten"); otherwise they are
the main verb and become "does not have"/"do not have"/"did not have". "can" becomes
"cannot". The variant's target is ``target_map[parent target]`` (entailment →
contradiction by default), or none when the map has no entry. An indefinite subject
("A mouse was not chased by the cat") is negated: NLI pairs describe one situation, so
"a mouse" is the premise's mouse.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from harness.core import Example
from harness.options import Options
from harness.transforms._common import Draft, build_variants, match_case, present_fields
from harness.transforms.base import Directional, TargetMap, Variants, mapped_target
from harness.transforms.word_classes import BE_FORMS, DO_FORMS, HAVE_FORMS

# The auxiliaries and copulas "not" negates the whole sentence at; the modals whose
# negation does not contradict them are _UNSAFE_MODALS.
_AUXILIARIES = BE_FORMS | HAVE_FORMS | DO_FORMS | frozenset(["am", "can", "will", "must"])
_UNSAFE_MODALS = frozenset(["may", "might", "could", "should", "would", "shall"])
_NEGATIONS = frozenset(
    ["not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "without"]
)
_CLAUSE_MARKERS = frozenset(
    ["and", "or", "but", "that", "which", "who", "whom", "whose", "because", "if", "when",
     "while", "although", "though", "since", "unless", "until", "where", "whether"]
)  # fmt: skip
_QUANTIFIERS = frozenset(
    ["some", "all", "every", "each", "many", "most", "few", "several", "any", "both",
     "either", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "twenty", "hundred", "hundreds", "thousands", "dozen", "dozens",
     "lots", "lot", "plenty", "numerous", "half", "majority", "minority", "enough"]
)  # fmt: skip
# "more than one table", "at least two", "a few": quantities, however they are written.
_QUANTITY_PHRASES = re.compile(
    r"\b(?:more|fewer|less) than\b|\bat (?:least|most)\b|\ba (?:few|couple|number)\b"
    r"|\bone of\b|\bthan one\b|^one\b",
    re.IGNORECASE,
)
# Indefinite pronouns take scope over "not": "was not broken by someone" can be true.
_INDEFINITE_PRONOUNS = frozenset(
    ["someone", "somebody", "something", "somewhere", "anyone", "anybody", "anything",
     "anywhere", "everyone", "everybody", "everything", "everywhere"]
)  # fmt: skip
_TEMPORAL = frozenset(
    ["after", "before", "once", "when", "whenever", "while", "until", "till", "since"]
)
_TEMPORAL_PHRASES = re.compile(r"\bby the time\b|\bas soon as\b", re.IGNORECASE)
# "not also", "not still", "not only", "not even", "not just", "not already", "not again".
_PARTICLES = frozenset(["also", "too", "still", "only", "even", "just", "already", "again", "yet"])

QUESTION = "a question"
CONTRACTION = "a contracted auxiliary"
ALREADY_NEGATED = "already negated"
INDEFINITE = "an indefinite pronoun ('someone'), which 'not' leaves standing"
QUANTIFIED = "a quantified or counted subject ('some', 'more than one', 'a lot of')"
TEMPORAL = "a temporal clause or phrase ('after', 'before')"
MODAL = "a modal whose negation does not contradict it"
PARTICLE = "a focus or aspect particle ('also', 'still', 'only')"
CLAUSES = "several clauses"
AUXILIARIES = "more than one auxiliary"
_HAVE_AS_MAIN_VERB = {"has": "does not have", "have": "do not have", "had": "did not have"}
# Irregular past participles that do not end in -ed/-en.
_IRREGULAR_PARTICIPLES = frozenset(
    ["been", "done", "gone", "made", "had", "said", "found", "got", "left", "lost", "met", "paid",
     "put", "read", "run", "sat", "seen", "sold", "sent", "spent", "stood", "told", "taught",
     "thought", "brought", "bought", "caught", "built", "held", "heard", "kept", "led", "won",
     "sung", "swum", "drunk", "begun", "come", "become", "cut", "hit", "set", "shut", "slept"]
)  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+|[^\sA-Za-z\d]")


def _is_participle(word: str) -> bool:
    lower = word.lower()
    return lower.endswith(("ed", "en")) or lower in _IRREGULAR_PARTICIPLES


@dataclass(frozen=True)
class Negated:
    text: str
    description: str


def _unsafe(sentence: str, words: list[str]) -> str | None:
    """Why "not" at the auxiliary would not negate the whole sentence, or None."""
    checks = (
        (QUESTION, "?" in sentence or (words and words[0] in _AUXILIARIES)),
        (CONTRACTION, any(("'" in w or "’" in w) for w in words)),
        (ALREADY_NEGATED, any(w in _NEGATIONS for w in words)),
        (INDEFINITE, any(w in _INDEFINITE_PRONOUNS for w in words)),
        (
            QUANTIFIED,
            any(w in _QUANTIFIERS or (w.isdigit() and w != "1") for w in words)
            or _QUANTITY_PHRASES.search(sentence) is not None,
        ),
        (TEMPORAL, any(w in _TEMPORAL for w in words) or _TEMPORAL_PHRASES.search(sentence)),
        (MODAL, any(w in _UNSAFE_MODALS for w in words)),
        (PARTICLE, any(w in _PARTICLES for w in words)),
        (CLAUSES, any(w in _CLAUSE_MARKERS or w in {",", ";", ":"} for w in words)),
        (AUXILIARIES, sum(w in _AUXILIARIES for w in words) > 1),
    )
    return next((reason for reason, found in checks if found), None)


def negation_of(sentence: str) -> Negated | str | None:
    """The sentence negated at its auxiliary; or why that would not contradict it (a
    reason: the transform counts it as rejected); or None when there is no auxiliary or
    copula to negate."""
    tokens = list(_TOKEN.finditer(sentence))
    words = [t.group().lower() for t in tokens]
    reason = _unsafe(sentence, words)
    if reason is not None:
        return reason
    positions = [i for i, w in enumerate(words) if w in _AUXILIARIES]
    if not positions:
        return None
    i = positions[0]
    if i + 1 >= len(tokens) or not tokens[i + 1].group()[0].isalpha():
        return None  # "... is." has nothing to negate after it
    auxiliary = tokens[i].group()
    word = words[i]
    if word in _HAVE_AS_MAIN_VERB and not _is_participle(words[i + 1]):
        negated = match_case(auxiliary, _HAVE_AS_MAIN_VERB[word])
    elif word == "can":
        negated = match_case(auxiliary, "cannot")
    else:
        negated = f"{auxiliary} not"
    start, end = tokens[i].span()
    return Negated(sentence[:start] + negated + sentence[end:], f"'{auxiliary}' → '{negated}'")


def negate(sentence: str) -> tuple[str, str] | None:
    """``(negated sentence, description)``, or None where it is not negated.

    >>> negate("A man is sleeping.")
    ('A man is not sleeping.', "'is' → 'is not'")
    >>> negate("The woman has a red hat.")
    ('The woman does not have a red hat.', "'has' → 'does not have'")
    >>> negate("Some men are sleeping.") is None
    True
    """
    result = negation_of(sentence)
    return (result.text, result.description) if isinstance(result, Negated) else None


class NegationTransform(Directional):
    """Negate the last perturbed field (the hypothesis, for ``fields: [hypothesis]``)."""

    description: ClassVar[str] = "negate the hypothesis (directional: entailment -> contradiction)"

    class Options(Options):
        target_map: TargetMap

    name = "negation"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        names = present_fields(example, fields)
        if not names:
            return []
        field = names[-1]
        result = negation_of(example.fields[field])
        if isinstance(result, str):
            return Variants(rejected=Counter({result: 1}))
        if result is None:
            return []
        target = mapped_target(example, options.target_map)
        draft = Draft(0, {field: result.text}, result.description, target)
        return build_variants(example, self.name, options, [draft])
