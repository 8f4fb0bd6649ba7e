"""The HANS subcases: template families per subcase and their gold labels.

McCoy, Pavlick & Linzen (2019) list up to twelve templates per subcase; the families
here follow theirs (modifiers on either argument, subject and object relatives with
"who" and "that", conjoined subjects and objects, plural forms, every connective of a
list), with this project's own sentences and vocabulary (``lexicon.py``). Each
template's label holds by construction and is judged in tests/generators.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from harness.generators import lexicon

ENTAILMENT = "entailment"
NON_ENTAILMENT = "non-entailment"

Heuristic = Literal["lexical_overlap", "subsequence", "constituent"]
HEURISTICS: tuple[str, ...] = ("lexical_overlap", "subsequence", "constituent")


@dataclass(frozen=True)
class Subcase:
    """One family of items: premise/hypothesis template pairs and their gold label.

    Slots: ``n1 n2 n3`` distinct people, each singular or plural at random (``be1`` is
    "was" or "were" to agree with ``n1``), ``pl1``/``Pl1`` the plural of ``n1``, ``v1
    v2`` distinct transitive verbs (past) and ``v1pp`` the participle of ``v1``, ``vo``
    a verb whose object may be dropped, ``vi`` an intransitive verb, ``word``/``Word``
    a word drawn from the subcase's own list (capitalised), ``adj`` an intersective
    adjective, ``time`` a time adverbial, ``prep`` a locative preposition. Each item
    draws one of the subcase's templates (three to five: the paper's families —
    modifiers on either argument, subject and object relatives with "who" and "that",
    conjoined subjects and objects, plural forms, every connective of the list — in
    this project's own sentences and vocabulary).
    """

    name: str
    heuristic: str
    label: str
    templates: tuple[tuple[str, str], ...]
    words: tuple[str, ...] = ()

    def template(self, index: int) -> str:
        premise, hypothesis = self.templates[index]
        return f"{premise} => {hypothesis}"


_LO, _SS, _C = HEURISTICS
_E, _N = ENTAILMENT, NON_ENTAILMENT

SUBCASES: tuple[Subcase, ...] = (
    # --- lexical overlap: every hypothesis word is in the premise -----------------------
    Subcase(
        "ln_subject_object_swap",
        _LO,
        _N,
        (
            ("The {n1} {v1} the {n2}.", "The {n2} {v1} the {n1}."),
            ("The {n1} {v1} the {n2} {word}.", "The {n2} {v1} the {n1} {word}."),
            ("The {adj} {n1} {v1} the {n2}.", "The {n2} {v1} the {adj} {n1}."),
            ("The {n1} {v1} the {adj} {n2}.", "The {adj} {n2} {v1} the {n1}."),
        ),
        lexicon.TIME_ADVERBIALS,
    ),
    Subcase(
        "ln_passive",
        _LO,
        _N,
        (
            ("The {n1} {be1} {v1pp} by the {n2}.", "The {n1} {v1} the {n2}."),
            ("The {n1} {be1} {v1pp} by the {n2} {word}.", "The {n1} {v1} the {n2} {word}."),
            ("The {adj} {n1} {be1} {v1pp} by the {n2}.", "The {adj} {n1} {v1} the {n2}."),
            ("The {n1} {be1} {v1pp} by the {n2} {prep} the {n3}.", "The {n1} {v1} the {n2}."),
        ),
        lexicon.TIME_ADVERBIALS,
    ),
    Subcase(
        "ln_relative_clause",
        _LO,
        _N,
        (
            # The relative clause's subject with the main verb (the paper's form).
            ("The {n1} who the {n2} {v1} {v2} the {n3}.", "The {n2} {v2} the {n3}."),
            ("The {n1} that the {n2} {v1} {v2} the {n3}.", "The {n2} {v2} the {n3}."),
            ("The {n1} {v2} the {n3} who the {n2} {v1}.", "The {n2} {v2} the {n3}."),
            ("The {n1} {v1} the {n2} who {vi}.", "The {n2} {v1} the {n1}."),
            ("The {n1} {v1} the {n2} that {v2} the {n3}.", "The {n2} {v1} the {n1}."),
        ),
    ),
    Subcase(
        "ln_prepositional_phrase",
        _LO,
        _N,
        (
            ("The {n1} {word} the {n2} {v1} the {n3}.", "The {n3} {v1} the {n2}."),
            ("The {n1} {v1} the {n2} {word} the {n3}.", "The {n3} {v1} the {n1}."),
            ("The {n1} {word} the {n2} {v1} the {n3}.", "The {n2} {v1} the {n1}."),
            ("The {n1} {v1} the {n2} {word} the {n3}.", "The {n2} {v1} the {n3}."),
        ),
        lexicon.NOUN_PREPOSITIONS,
    ),
    Subcase(
        "ln_conjunction",
        _LO,
        _N,
        (
            ("The {n1} {v1} the {n2} and the {n3}.", "The {n2} {v1} the {n3}."),
            ("The {n1} and the {n2} {v1} the {n3}.", "The {n1} {v1} the {n2}."),
            ("The {n1} {v1} the {n2} and the {n3}.", "The {n3} {v1} the {n1}."),
            ("The {n1} and the {n2} {v1} the {n3}.", "The {n3} {v1} the {n2}."),
        ),
    ),
    Subcase(
        "le_relative_clause",
        _LO,
        _E,
        (
            ("The {n1} who the {n2} {v1} {v2} the {n3}.", "The {n2} {v1} the {n1}."),
            ("The {n1} that the {n2} {v1} {v2} the {n3}.", "The {n2} {v1} the {n1}."),
            ("The {n1} who {v1} the {n2} {v2} the {n3}.", "The {n1} {v1} the {n2}."),
            ("The {n1} {v1} the {n2} who {v2} the {n3}.", "The {n2} {v2} the {n3}."),
            ("The {n1} {v1} the {n2} that the {n3} {v2}.", "The {n3} {v2} the {n2}."),
        ),
    ),
    Subcase(
        "le_around_relative_clause",
        _LO,
        _E,
        (
            ("The {n1} who the {n2} {v1} {v2} the {n3}.", "The {n1} {v2} the {n3}."),
            ("The {n1} that the {n2} {v1} {v2} the {n3}.", "The {n1} {v2} the {n3}."),
            ("The {n1} who {v1} the {n2} {v2} the {n3}.", "The {n1} {v2} the {n3}."),
            ("The {n1} who {vi} {v1} the {n2}.", "The {n1} {v1} the {n2}."),
            ("The {n1} that the {n2} {v1} {vi}.", "The {n1} {vi}."),
        ),
    ),
    Subcase(
        "le_passive",
        _LO,
        _E,
        (
            ("The {n1} {be1} {v1pp} by the {n2}.", "The {n2} {v1} the {n1}."),
            ("The {n1} {be1} {v1pp} by the {n2} {word}.", "The {n2} {v1} the {n1} {word}."),
            ("The {adj} {n1} {be1} {v1pp} by the {n2}.", "The {n2} {v1} the {adj} {n1}."),
            ("The {n1} {be1} {v1pp} by the {adj} {n2}.", "The {adj} {n2} {v1} the {n1}."),
        ),
        lexicon.TIME_ADVERBIALS,
    ),
    Subcase(
        "le_conjunction",
        _LO,
        _E,
        (
            ("The {n1} {v1} the {n2} and the {n3}.", "The {n1} {v1} the {n3}."),
            ("The {n1} and the {n2} {v1} the {n3}.", "The {n1} {v1} the {n3}."),
            ("The {n1} {v1} the {n2} and the {n3} {time}.", "The {n1} {v1} the {n3} {time}."),
            ("The {n1} and the {adj} {n2} {v1} the {n3}.", "The {n1} {v1} the {n3}."),
        ),
    ),
    Subcase(
        "le_around_prepositional_phrase",
        _LO,
        _E,
        (
            ("The {n1} {word} the {n2} {v1} the {n3}.", "The {n1} {v1} the {n3}."),
            ("{Word} the {n2}, the {n1} {v1} the {n3}.", "The {n1} {v1} the {n3}."),
            ("The {n1} {word} the {n2} {vi}.", "The {n1} {vi}."),
            ("The {n1} {word} the {n2} {v1} the {n3} {time}.", "The {n1} {v1} the {n3} {time}."),
        ),
        lexicon.NOUN_PREPOSITIONS,
    ),
    # --- subsequence: the hypothesis is a contiguous piece of the premise ---------------
    Subcase(
        "sn_np_s",
        _SS,
        _N,
        (
            ("The {n1} {word} the {n2} {v1} the {n3}.", "The {n1} {word} the {n2}."),
            ("The {n1} {word} the {n2} {vi}.", "The {n1} {word} the {n2}."),
            ("The {n1} {word} the {adj} {n2} {vi}.", "The {n1} {word} the {adj} {n2}."),
            ("The {n1} {word} the {n2} {v1} the {n3} {time}.", "The {n1} {word} the {n2}."),
        ),
        lexicon.NOUN_OR_CLAUSE_VERBS,
    ),
    Subcase(
        "sn_pp_on_subject",
        _SS,
        _N,
        (
            ("The {n1} {word} the {n2} {vi}.", "The {n2} {vi}."),
            ("The {n1} {word} the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("The {adj} {n1} {word} the {n2} {vi}.", "The {n2} {vi}."),
            ("The {n1} {word} the {n2} {v1} the {n3} {time}.", "The {n2} {v1} the {n3} {time}."),
        ),
        lexicon.NOUN_PREPOSITIONS,
    ),
    Subcase(
        "sn_relative_clause_on_subject",
        _SS,
        _N,
        (
            ("The {n1} who {v1} the {n2} {v2} the {n3}.", "The {n2} {v2} the {n3}."),
            ("The {n1} that {v1} the {n2} {v2} the {n3}.", "The {n2} {v2} the {n3}."),
            ("The {n1} who {v1} the {n2} {vi}.", "The {n2} {vi}."),
            ("The {n1} who {v1} the {adj} {n2} {vi}.", "The {adj} {n2} {vi}."),
            ("The {n1} that {v1} the {n2} {v2} the {n3} {time}.", "The {n2} {v2} the {n3} {time}."),
        ),
    ),
    Subcase(
        "sn_past_participle",
        _SS,
        _N,
        (
            ("The {n1} {vo} {word} {vi}.", "The {n1} {vo} {word}."),
            ("The {n1} {vo} {word} {v1} the {n2}.", "The {n1} {vo} {word}."),
            ("The {adj} {n1} {vo} {word} {vi}.", "The {adj} {n1} {vo} {word}."),
            ("The {n1} {vo} {word} {v1} the {n2} {time}.", "The {n1} {vo} {word}."),
        ),
        lexicon.PLACES,
    ),
    Subcase(
        "sn_np_z",
        _SS,
        _N,
        (
            ("{word} the {n1} {vo} the {n2} {vi}.", "The {n1} {vo} the {n2}."),
            ("{word} the {n1} {vo} the {n2} {v1} the {n3}.", "The {n1} {vo} the {n2}."),
            ("{word} the {n1} {vo} the {adj} {n2} {vi}.", "The {n1} {vo} the {adj} {n2}."),
            ("{word} the {adj} {n1} {vo} the {n2} {v1} the {n3}.", "The {adj} {n1} {vo} the {n2}."),
        ),
        lexicon.NP_Z_SUBORDINATORS,
    ),
    Subcase(
        "se_conjunction",
        _SS,
        _E,
        (
            ("The {n1} and the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("The {n1} {v1} the {n2} and the {n3}.", "The {n1} {v1} the {n2}."),
            ("The {adj} {n1} and the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("The {n1} {v1} the {adj} {n2} and the {n3}.", "The {n1} {v1} the {adj} {n2}."),
        ),
    ),
    Subcase(
        "se_adjective",
        _SS,
        _E,
        (
            ("{Word} {pl1} {v1} the {n2}.", "{Pl1} {v1} the {n2}."),
            ("{Word} {pl1} {vi}.", "{Pl1} {vi}."),
            ("{Word} {pl1} {v1} the {n2} {time}.", "{Pl1} {v1} the {n2} {time}."),
            ("{Word} {pl1} {v1} the {n2} {prep} the {n3}.", "{Pl1} {v1} the {n2} {prep} the {n3}."),
        ),
        lexicon.INTERSECTIVE_ADJECTIVES,
    ),
    Subcase(
        "se_understood_object",
        _SS,
        _E,
        (
            ("The {n1} {vo} the {n2}.", "The {n1} {vo}."),
            ("The {n1} {vo} the {n2} {word}.", "The {n1} {vo}."),
            ("The {adj} {n1} {vo} the {n2}.", "The {adj} {n1} {vo}."),
            ("The {n1} {vo} the {n2} {prep} the {n3}.", "The {n1} {vo}."),
        ),
        lexicon.TIME_ADVERBIALS,
    ),
    Subcase(
        "se_relative_clause_on_object",
        _SS,
        _E,
        (
            ("The {n1} {v1} the {n2} who {v2} the {n3}.", "The {n1} {v1} the {n2}."),
            ("The {n1} {v1} the {n2} that {v2} the {n3}.", "The {n1} {v1} the {n2}."),
            ("The {n1} {v1} the {n2} who {vi}.", "The {n1} {v1} the {n2}."),
            ("The {adj} {n1} {v1} the {n2} who {vi}.", "The {adj} {n1} {v1} the {n2}."),
        ),
    ),
    Subcase(
        "se_pp_on_object",
        _SS,
        _E,
        (
            ("The {n1} {v1} the {n2} {word} the {n3}.", "The {n1} {v1} the {n2}."),
            ("The {adj} {n1} {v1} the {n2} {word} the {n3}.", "The {adj} {n1} {v1} the {n2}."),
            ("The {n1} {v1} the {adj} {n2} {word} the {n3}.", "The {n1} {v1} the {adj} {n2}."),
            (
                "The {n1} {be1} {v1pp} by the {n2} {word} the {n3}.",
                "The {n1} {be1} {v1pp} by the {n2}.",
            ),
        ),
        lexicon.NOUN_PREPOSITIONS,
    ),
    # --- constituent: the hypothesis is a whole clause of the premise -------------------
    Subcase(
        "cn_embedded_under_if",
        _C,
        _N,
        (
            ("{word} the {n1} {vi}, the {n2} {v1} the {n3}.", "The {n1} {vi}."),
            ("The {n2} {v1} the {n3} {lword} the {n1} {vi}.", "The {n1} {vi}."),
            ("{word} the {n1} {v1} the {n2}, the {n3} {vi}.", "The {n1} {v1} the {n2}."),
            ("The {n3} {vi} {lword} the {n1} {v1} the {n2}.", "The {n1} {v1} the {n2}."),
        ),
        lexicon.CONDITIONAL_CONNECTIVES,
    ),
    Subcase(
        "cn_after_if_clause",
        _C,
        _N,
        (
            ("{word} the {n1} {v1} the {n2}, the {n3} {vi}.", "The {n3} {vi}."),
            ("{word} the {n1} {vi}, the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("{word} the {n1} {v1} the {n2}, the {n3} {v2} the {n1}.", "The {n3} {v2} the {n1}."),
            (
                "{word} the {n1} {vi}, the {adj} {n2} {v1} the {n3}.",
                "The {adj} {n2} {v1} the {n3}.",
            ),
        ),
        lexicon.CONDITIONAL_ONLY,
    ),
    Subcase(
        "cn_embedded_under_verb",
        _C,
        _N,
        (
            ("The {n1} {word} that the {n2} {vi}.", "The {n2} {vi}."),
            ("The {n1} {word} that the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("The {adj} {n1} {word} that the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("The {n1} {word} that the {adj} {n2} {vi}.", "The {adj} {n2} {vi}."),
        ),
        lexicon.NONFACTIVE_VERBS,
    ),
    Subcase(
        "cn_disjunction",
        _C,
        _N,
        (
            ("The {n1} {vi}, or the {n2} {v1} the {n3}.", "The {n1} {vi}."),
            ("The {n1} {v1} the {n2}, or the {n3} {vi}.", "The {n3} {vi}."),
            ("Either the {n1} {vi}, or the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("Either the {n1} {v1} the {n2}, or the {n3} {vi}.", "The {n1} {v1} the {n2}."),
            ("The {adj} {n1} {vi}, or the {n2} {v1} the {n3}.", "The {adj} {n1} {vi}."),
        ),
    ),
    Subcase(
        "cn_adverb",
        _C,
        _N,
        (
            ("{word} the {n1} {v1} the {n2}.", "The {n1} {v1} the {n2}."),
            ("{word} the {n1} {vi}.", "The {n1} {vi}."),
            ("{word} the {n1} {v1} the {n2} {time}.", "The {n1} {v1} the {n2} {time}."),
            ("{word} the {adj} {n1} {vi}.", "The {adj} {n1} {vi}."),
        ),
        lexicon.HEDGING_ADVERBS,
    ),
    Subcase(
        "ce_embedded_under_since",
        _C,
        _E,
        (
            ("{word} the {n1} {vi}, the {n2} {v1} the {n3}.", "The {n1} {vi}."),
            ("The {n2} {v1} the {n3} {lword} the {n1} {vi}.", "The {n1} {vi}."),
            ("{word} the {n1} {v1} the {n2}, the {n3} {vi}.", "The {n1} {v1} the {n2}."),
            ("The {n3} {vi} {lword} the {n1} {v1} the {n2}.", "The {n1} {v1} the {n2}."),
        ),
        lexicon.FACTIVE_CONNECTIVES,
    ),
    Subcase(
        "ce_after_since_clause",
        _C,
        _E,
        (
            ("{word} the {n1} {v1} the {n2}, the {n3} {vi}.", "The {n3} {vi}."),
            ("{word} the {n1} {vi}, the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            (
                "{word} the {n1} {vi}, the {adj} {n2} {v1} the {n3}.",
                "The {adj} {n2} {v1} the {n3}.",
            ),
            ("{word} the {n1} {v1} the {n2}, the {n3} {v2} the {n1}.", "The {n3} {v2} the {n1}."),
        ),
        lexicon.FACTIVE_CONNECTIVES,
    ),
    Subcase(
        "ce_embedded_under_verb",
        _C,
        _E,
        (
            ("The {n1} {word} that the {n2} {vi}.", "The {n2} {vi}."),
            ("The {n1} {word} that the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("The {adj} {n1} {word} that the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("The {n1} {word} that the {adj} {n2} {vi}.", "The {adj} {n2} {vi}."),
        ),
        lexicon.FACTIVE_VERBS,
    ),
    Subcase(
        "ce_conjunction",
        _C,
        _E,
        (
            ("The {n1} {vi}, and the {n2} {v1} the {n3}.", "The {n2} {v1} the {n3}."),
            ("The {n1} {v1} the {n2}, and the {n3} {vi}.", "The {n1} {v1} the {n2}."),
            ("The {n1} {v1} the {n2}, and the {n3} {v2} the {n1}.", "The {n3} {v2} the {n1}."),
            ("The {adj} {n1} {vi}, and the {n2} {v1} the {n3}.", "The {adj} {n1} {vi}."),
        ),
    ),
    Subcase(
        "ce_adverb",
        _C,
        _E,
        (
            ("{word} the {n1} {v1} the {n2}.", "The {n1} {v1} the {n2}."),
            ("{word} the {n1} {vi}.", "The {n1} {vi}."),
            ("{word} the {n1} {v1} the {n2} {time}.", "The {n1} {v1} the {n2} {time}."),
            ("{word} the {adj} {n1} {vi}.", "The {adj} {n1} {vi}."),
        ),
        lexicon.ASSERTING_ADVERBS,
    ),
)
