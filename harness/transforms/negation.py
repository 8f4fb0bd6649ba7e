"""``negation``: negate one sentence, a *directional* perturbation for NLI.

Negating an entailed hypothesis makes it contradict the premise ("A man is sleeping." →
"A man is not sleeping."). The rewrite is only made where the sentence structure makes
it safe; everything else is skipped:

* exactly one auxiliary or copula (is/are/was/were/am, has/have/had, do/does/did,
  can, will, must), not the first word (a question), not contracted;
* no negation already (not, n't, never, no, nothing, ...), one clause (no commas,
  semicolons, "and", "or", "but", "that", "which", "who", "because", "if", ...), no
  question mark;
* no quantifier or plural numeral ("Some men are not ..." does not contradict "Some men
  are ..."), and no subject counted with "one" ("One man is not climbing" reads as "one
  of the men is not", which does not contradict "One man is climbing").

"has/have/had" before a past participle take "not" ("has not eaten"); otherwise they are
the main verb and become "does not have"/"do not have"/"did not have". "can" becomes
"cannot". Modals whose negation does not contradict them (may, might, could, should,
would) are skipped. The variant's target is ``target_map[parent target]`` (entailment →
contradiction by default), or none when the map has no entry.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import ClassVar

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.transforms._common import make_variant, match_case, present_fields

_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "can",
        "will",
        "must",
    ]
)
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
     "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "lots", "plenty"]
)  # fmt: skip
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


def negate(sentence: str) -> tuple[str, str] | None:
    """``(negated sentence, description)``, or None where negating it is not safe.

    >>> negate("A man is sleeping.")
    ('A man is not sleeping.', "'is' → 'is not'")
    >>> negate("The woman has a red hat.")
    ('The woman does not have a red hat.', "'has' → 'does not have'")
    >>> negate("Some men are sleeping.") is None
    True
    """
    tokens = list(_TOKEN.finditer(sentence))
    words = [t.group().lower() for t in tokens]
    if (
        not tokens
        or "?" in sentence
        or any(("'" in w or "’" in w) for w in words)
        or any(w in _NEGATIONS or w in _CLAUSE_MARKERS or w in _QUANTIFIERS for w in words)
        or any(w in _UNSAFE_MODALS for w in words)
        or any(w in {",", ";", ":"} for w in words)
        or any(w.isdigit() and w != "1" for w in words)
        or words[0] == "one"
    ):
        return None
    positions = [i for i, w in enumerate(words) if w in _AUXILIARIES]
    if len(positions) != 1 or positions[0] == 0:
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
    return sentence[:start] + negated + sentence[end:], f"'{auxiliary}' → '{negated}'"


class NegationTransform:
    """Negate the last perturbed field (the hypothesis, for ``fields: [hypothesis]``)."""

    description: ClassVar[str] = "negate the hypothesis (directional: entailment -> contradiction)"

    class Options(Options):
        target_map: dict[str, str] = Field(default_factory=lambda: {"entailment": "contradiction"})

    name = "negation"
    # Each variant's label comes from target_map: a directional test needs no to_label.
    sets_target = True

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        names = present_fields(example, fields)
        if not names:
            return []
        field = names[-1]
        result = negate(example.fields[field])
        if result is None:
            return []
        text, description = result
        target = None if example.target is None else options.target_map.get(str(example.target))
        return [
            make_variant(
                example,
                name=self.name,
                options=options,
                index=0,
                fields={field: text},
                description=description,
                target=target,
            )
        ]
