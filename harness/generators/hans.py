"""HANS-style diagnostics: the three syntactic heuristics of McCoy, Pavlick & Linzen (2019).

A model that learned a shallow heuristic from its training data labels a pair
"entailment" whenever

* ``lexical_overlap``: every word of the hypothesis occurs in the premise;
* ``subsequence``: the hypothesis is a contiguous subsequence of the premise;
* ``constituent``: the hypothesis is a full constituent (a clause) of the premise.

Each heuristic has subcases where it gives the right answer (entailed, prefix
``le_``/``se_``/``ce_``) and subcases where it does not (``ln_``/``sn_``/``cn_``). A
model that follows the heuristic scores near 100% on the first and near 0% on the
second. Templates and vocabulary are this project's own (``lexicon.py``); the
subcase families follow the paper. Every hypothesis of every subcase satisfies its
heuristic, and each template's label holds by construction (tests/generators check
one invariant per template).

>>> from harness.generators.hans import HansGenerator
>>> examples = HansGenerator().generate(HansGenerator.Options(n_per_subcase=1), seed=0)
>>> len(examples), examples[0].meta["subcase"], examples[0].target
(30, 'ln_subject_object_swap', 'non-entailment')
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, field_validator

from harness.core import Example, stable_id
from harness.errors import DataError
from harness.generators import lexicon
from harness.options import Options
from harness.registry import did_you_mean
from harness.seeding import rng_for

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
    a word drawn from the subcase's own list (capitalised). Each item draws one of the
    subcase's templates; the paper has up to twelve per subcase, these are this
    project's own.
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
        ),
    ),
    Subcase(
        "ln_prepositional_phrase",
        _LO,
        _N,
        (
            ("The {n1} {word} the {n2} {v1} the {n3}.", "The {n3} {v1} the {n2}."),
            ("The {n1} {v1} the {n2} {word} the {n3}.", "The {n3} {v1} the {n1}."),
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
        ),
    ),
    Subcase(
        "le_passive",
        _LO,
        _E,
        (
            ("The {n1} {be1} {v1pp} by the {n2}.", "The {n2} {v1} the {n1}."),
            ("The {n1} {be1} {v1pp} by the {n2} {word}.", "The {n2} {v1} the {n1} {word}."),
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
        ),
    ),
    Subcase(
        "le_around_prepositional_phrase",
        _LO,
        _E,
        (
            ("The {n1} {word} the {n2} {v1} the {n3}.", "The {n1} {v1} the {n3}."),
            ("{Word} the {n2}, the {n1} {v1} the {n3}.", "The {n1} {v1} the {n3}."),
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
        ),
    ),
    Subcase(
        "sn_past_participle",
        _SS,
        _N,
        (
            ("The {n1} {vo} {word} {vi}.", "The {n1} {vo} {word}."),
            ("The {n1} {vo} {word} {v1} the {n2}.", "The {n1} {vo} {word}."),
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
        ),
    ),
    Subcase(
        "se_adjective",
        _SS,
        _E,
        (
            ("{Word} {pl1} {v1} the {n2}.", "{Pl1} {v1} the {n2}."),
            ("{Word} {pl1} {vi}.", "{Pl1} {vi}."),
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
        ),
    ),
    Subcase(
        "se_pp_on_object",
        _SS,
        _E,
        (("The {n1} {v1} the {n2} {word} the {n3}.", "The {n1} {v1} the {n2}."),),
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
        ),
    ),
    Subcase(
        "cn_adverb",
        _C,
        _N,
        (
            ("{word} the {n1} {v1} the {n2}.", "The {n1} {v1} the {n2}."),
            ("{word} the {n1} {vi}.", "The {n1} {vi}."),
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
        ),
    ),
    Subcase(
        "ce_adverb",
        _C,
        _E,
        (
            ("{word} the {n1} {v1} the {n2}.", "The {n1} {v1} the {n2}."),
            ("{word} the {n1} {vi}.", "The {n1} {vi}."),
        ),
        lexicon.ASSERTING_ADVERBS,
    ),
)

SUBCASES_BY_NAME: dict[str, Subcase] = {subcase.name: subcase for subcase in SUBCASES}

# Resampling attempts per item before giving up on finding a new premise/hypothesis pair.
MAX_ATTEMPTS = 200


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill_slots(subcase: Subcase, rng: random.Random) -> tuple[int, str, str]:
    """One (template index, premise, hypothesis) for ``subcase``; draws every slot.

    Drawing every slot in a fixed order keeps the RNG stream independent of which
    slots a template uses.
    """
    template = rng.randrange(len(subcase.templates))
    people = rng.sample(lexicon.PEOPLE, 3)
    plural = [rng.random() < 0.5 for _ in people]
    verb1, verb2 = rng.sample(lexicon.TRANSITIVE_VERBS, 2)
    optional_object = rng.choice(lexicon.OPTIONAL_OBJECT_VERBS)
    intransitive = rng.choice(lexicon.INTRANSITIVE_VERBS)
    word = rng.choice(subcase.words) if subcase.words else ""
    nouns = [p.plural if many else p.singular for p, many in zip(people, plural, strict=True)]
    slots = {
        "n1": nouns[0],
        "n2": nouns[1],
        "n3": nouns[2],
        "be1": "were" if plural[0] else "was",
        "pl1": people[0].plural,
        "Pl1": _capitalize(people[0].plural),
        "v1": verb1.past,
        "v1pp": verb1.participle,
        "v2": verb2.past,
        "vo": optional_object.past,
        "vi": intransitive.past,
        "word": word,
        "Word": _capitalize(word),
        "lword": word[:1].lower() + word[1:],
    }
    premise, hypothesis = subcase.templates[template]
    return template, premise.format(**slots), hypothesis.format(**slots)


class HansGenerator:
    """HANS-style items for the lexical-overlap, subsequence and constituent heuristics.

    ``target`` is ``entailment`` or ``non-entailment``; a three-way NLI test maps the
    model's labels with ``label_mapping: {neutral: non-entailment, contradiction:
    non-entailment}``.
    """

    name = "hans"

    class Options(Options):
        n_per_subcase: int = Field(default=20, gt=0)
        heuristics: list[Heuristic] = Field(default_factory=lambda: list(HEURISTICS))  # type: ignore[arg-type]
        subcases: list[str] | None = None

        @field_validator("subcases")
        @classmethod
        def _known_subcases(cls, subcases: list[str] | None) -> list[str] | None:
            for subcase in subcases or []:
                if subcase not in SUBCASES_BY_NAME:
                    raise ValueError(
                        f"unknown subcase '{subcase}'"
                        f"{did_you_mean(subcase, list(SUBCASES_BY_NAME))}; "
                        f"known: {', '.join(SUBCASES_BY_NAME)}"
                    )
            return subcases

    def selected(self, options: HansGenerator.Options) -> list[Subcase]:
        """The subcases ``options`` asks for, in the fixed order of ``SUBCASES``."""
        return [
            subcase
            for subcase in SUBCASES
            if subcase.heuristic in options.heuristics
            and (options.subcases is None or subcase.name in options.subcases)
        ]

    def generate(self, options: HansGenerator.Options, seed: int) -> list[Example]:
        examples: list[Example] = []
        for subcase in self.selected(options):
            rng = rng_for(seed, "hans", subcase.name)
            seen: set[tuple[str, str]] = set()
            for index in range(options.n_per_subcase):
                for _ in range(MAX_ATTEMPTS):
                    template, *drawn = fill_slots(subcase, rng)
                    pair = (drawn[0], drawn[1])
                    if pair not in seen:
                        break
                else:
                    raise DataError(
                        f"hans: subcase '{subcase.name}' has fewer than "
                        f"{options.n_per_subcase} distinct items; lower n_per_subcase"
                    )
                seen.add(pair)
                premise, hypothesis = pair
                examples.append(
                    Example(
                        id=f"hans:{subcase.name}:{stable_id('hans', seed, subcase.name, index)}",
                        fields={"premise": premise, "hypothesis": hypothesis},
                        target=subcase.label,
                        meta={
                            "heuristic": subcase.heuristic,
                            "subcase": subcase.name,
                            "template": subcase.template(template),
                            "label": subcase.label,
                        },
                    )
                )
        return examples
