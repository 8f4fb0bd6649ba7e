"""The HANS-style generator: determinism, ids, one label invariant per template, coverage."""

from __future__ import annotations

import re
import string
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.analyses.heuristics import content_words
from harness.errors import DataError
from harness.generators import lexicon
from harness.generators.hans import SUBCASES, HansGenerator
from harness.registry import GENERATORS


def generate(seed: int = 0, **options: object) -> list:
    return HansGenerator().generate(HansGenerator.Options(**options), seed)


@pytest.fixture(scope="module")
def items() -> list:
    return generate(seed=7)  # the defaults: 20 per subcase, every heuristic


def _alternation(words: object) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


PERSON = _alternation([*(p.singular for p in lexicon.PEOPLE), *(p.plural for p in lexicon.PEOPLE)])
PLURALS = {p.plural for p in lexicon.PEOPLE}
VERB = _alternation(v.past for v in lexicon.TRANSITIVE_VERBS)
OPTIONAL = _alternation(v.past for v in lexicon.OPTIONAL_OBJECT_VERBS)
INTRANSITIVE = _alternation(v.past for v in lexicon.INTRANSITIVE_VERBS)
PARTICIPLE = {v.participle: v.past for v in lexicon.TRANSITIVE_VERBS}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


E, N = "entailment", "non-entailment"

# (subcase, template) -> (gold label, why), judged by reading the template as an NLI
# annotator would. The label follows from the template's structure and its word list
# (a template shared by two subcases differs in the list: "if" vs "since").
JUDGED = {
    ("ln_subject_object_swap", "The {n1} {v1} the {n2}. => The {n2} {v1} the {n1}."): (N, "roles swapped; verbs are not symmetric"),
    ("ln_subject_object_swap", "The {n1} {v1} the {n2} {word}. => The {n2} {v1} the {n1} {word}."): (N, "roles swapped"),
    ("ln_passive", "The {n1} {be1} {v1pp} by the {n2}. => The {n1} {v1} the {n2}."): (N, "passive means n2 did it to n1"),
    ("ln_passive", "The {n1} {be1} {v1pp} by the {n2} {word}. => The {n1} {v1} the {n2} {word}."): (N, "passive read backwards"),
    ("ln_relative_clause", "The {n1} who the {n2} {v1} {v2} the {n3}. => The {n2} {v2} the {n3}."): (N, "n1 did v2, n2 only did v1"),
    ("ln_relative_clause", "The {n1} that the {n2} {v1} {v2} the {n3}. => The {n2} {v2} the {n3}."): (N, "n1 did v2, n2 only did v1"),
    ("ln_relative_clause", "The {n1} {v2} the {n3} who the {n2} {v1}. => The {n2} {v2} the {n3}."): (N, "n1 did v2 to n3; n2 did v1 to n3"),
    ("ln_prepositional_phrase", "The {n1} {word} the {n2} {v1} the {n3}. => The {n3} {v1} the {n2}."): (N, "n1 did it to n3; n2 is a location"),
    ("ln_prepositional_phrase", "The {n1} {v1} the {n2} {word} the {n3}. => The {n3} {v1} the {n1}."): (N, "n3 is a location, not an agent"),
    ("ln_conjunction", "The {n1} {v1} the {n2} and the {n3}. => The {n2} {v1} the {n3}."): (N, "both objects of n1"),
    ("ln_conjunction", "The {n1} and the {n2} {v1} the {n3}. => The {n1} {v1} the {n2}."): (N, "both subjects; n2 is not an object"),
    ("le_relative_clause", "The {n1} who the {n2} {v1} {v2} the {n3}. => The {n2} {v1} the {n1}."): (E, "object relative untangled"),
    ("le_relative_clause", "The {n1} that the {n2} {v1} {v2} the {n3}. => The {n2} {v1} the {n1}."): (E, "object relative untangled"),
    ("le_relative_clause", "The {n1} who {v1} the {n2} {v2} the {n3}. => The {n1} {v1} the {n2}."): (E, "subject relative untangled"),
    ("le_around_relative_clause", "The {n1} who the {n2} {v1} {v2} the {n3}. => The {n1} {v2} the {n3}."): (E, "main clause without the relative"),
    ("le_around_relative_clause", "The {n1} that the {n2} {v1} {v2} the {n3}. => The {n1} {v2} the {n3}."): (E, "main clause without the relative"),
    ("le_around_relative_clause", "The {n1} who {v1} the {n2} {v2} the {n3}. => The {n1} {v2} the {n3}."): (E, "main clause without the relative"),
    ("le_passive", "The {n1} {be1} {v1pp} by the {n2}. => The {n2} {v1} the {n1}."): (E, "active form of the passive"),
    ("le_passive", "The {n1} {be1} {v1pp} by the {n2} {word}. => The {n2} {v1} the {n1} {word}."): (E, "active form of the passive"),
    ("le_conjunction", "The {n1} {v1} the {n2} and the {n3}. => The {n1} {v1} the {n3}."): (E, "one conjunct of the object"),
    ("le_conjunction", "The {n1} and the {n2} {v1} the {n3}. => The {n1} {v1} the {n3}."): (E, "one conjunct of the subject (distributive verbs)"),
    ("le_around_prepositional_phrase", "The {n1} {word} the {n2} {v1} the {n3}. => The {n1} {v1} the {n3}."): (E, "locative modifier dropped"),
    ("le_around_prepositional_phrase", "{Word} the {n2}, the {n1} {v1} the {n3}. => The {n1} {v1} the {n3}."): (E, "fronted locative dropped"),
    ("sn_np_s", "The {n1} {word} the {n2} {v1} the {n3}. => The {n1} {word} the {n2}."): (N, "the object of knew/heard is the clause"),
    ("sn_np_s", "The {n1} {word} the {n2} {vi}. => The {n1} {word} the {n2}."): (N, "the object of knew/heard is the clause"),
    ("sn_pp_on_subject", "The {n1} {word} the {n2} {vi}. => The {n2} {vi}."): (N, "n1 is the subject; n2 a location"),
    ("sn_pp_on_subject", "The {n1} {word} the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (N, "n1 is the subject; n2 a location"),
    ("sn_relative_clause_on_subject", "The {n1} who {v1} the {n2} {v2} the {n3}. => The {n2} {v2} the {n3}."): (N, "n1 did v2"),
    ("sn_relative_clause_on_subject", "The {n1} that {v1} the {n2} {v2} the {n3}. => The {n2} {v2} the {n3}."): (N, "n1 did v2"),
    ("sn_relative_clause_on_subject", "The {n1} who {v1} the {n2} {vi}. => The {n2} {vi}."): (N, "n1 did vi"),
    ("sn_past_participle", "The {n1} {vo} {word} {vi}. => The {n1} {vo} {word}."): (N, "reduced relative: n1 was paid"),
    ("sn_past_participle", "The {n1} {vo} {word} {v1} the {n2}. => The {n1} {vo} {word}."): (N, "reduced relative: n1 was paid"),
    ("sn_np_z", "{word} the {n1} {vo} the {n2} {vi}. => The {n1} {vo} the {n2}."): (N, "n2 is the main subject"),
    ("sn_np_z", "{word} the {n1} {vo} the {n2} {v1} the {n3}. => The {n1} {vo} the {n2}."): (N, "n2 is the main subject"),
    ("se_conjunction", "The {n1} and the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (E, "one conjunct of the subject"),
    ("se_conjunction", "The {n1} {v1} the {n2} and the {n3}. => The {n1} {v1} the {n2}."): (E, "one conjunct of the object"),
    ("se_adjective", "{Word} {pl1} {v1} the {n2}. => {Pl1} {v1} the {n2}."): (E, "intersective adjective dropped"),
    ("se_adjective", "{Word} {pl1} {vi}. => {Pl1} {vi}."): (E, "intersective adjective dropped"),
    ("se_understood_object", "The {n1} {vo} the {n2}. => The {n1} {vo}."): (E, "object may be dropped"),
    ("se_understood_object", "The {n1} {vo} the {n2} {word}. => The {n1} {vo}."): (E, "object and time dropped"),
    ("se_relative_clause_on_object", "The {n1} {v1} the {n2} who {v2} the {n3}. => The {n1} {v1} the {n2}."): (E, "relative on the object dropped"),
    ("se_relative_clause_on_object", "The {n1} {v1} the {n2} that {v2} the {n3}. => The {n1} {v1} the {n2}."): (E, "relative on the object dropped"),
    ("se_relative_clause_on_object", "The {n1} {v1} the {n2} who {vi}. => The {n1} {v1} the {n2}."): (E, "relative on the object dropped"),
    ("se_pp_on_object", "The {n1} {v1} the {n2} {word} the {n3}. => The {n1} {v1} the {n2}."): (E, "locative on the object dropped"),
    ("cn_embedded_under_if", "{word} the {n1} {vi}, the {n2} {v1} the {n3}. => The {n1} {vi}."): (N, "a condition is not asserted"),
    ("cn_embedded_under_if", "The {n2} {v1} the {n3} {lword} the {n1} {vi}. => The {n1} {vi}."): (N, "a condition is not asserted"),
    ("cn_after_if_clause", "{word} the {n1} {v1} the {n2}, the {n3} {vi}. => The {n3} {vi}."): (N, "if/unless: main clause is conditional"),
    ("cn_after_if_clause", "{word} the {n1} {vi}, the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (N, "if/unless: main clause is conditional"),
    ("cn_embedded_under_verb", "The {n1} {word} that the {n2} {vi}. => The {n2} {vi}."): (N, "non-factive verb"),
    ("cn_embedded_under_verb", "The {n1} {word} that the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (N, "non-factive verb"),
    ("cn_disjunction", "The {n1} {vi}, or the {n2} {v1} the {n3}. => The {n1} {vi}."): (N, "one disjunct"),
    ("cn_disjunction", "The {n1} {v1} the {n2}, or the {n3} {vi}. => The {n3} {vi}."): (N, "one disjunct"),
    ("cn_disjunction", "Either the {n1} {vi}, or the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (N, "one disjunct"),
    ("cn_adverb", "{word} the {n1} {v1} the {n2}. => The {n1} {v1} the {n2}."): (N, "hedging adverb"),
    ("cn_adverb", "{word} the {n1} {vi}. => The {n1} {vi}."): (N, "hedging adverb"),
    ("ce_embedded_under_since", "{word} the {n1} {vi}, the {n2} {v1} the {n3}. => The {n1} {vi}."): (E, "factive connective presupposes"),
    ("ce_embedded_under_since", "The {n2} {v1} the {n3} {lword} the {n1} {vi}. => The {n1} {vi}."): (E, "factive connective presupposes"),
    ("ce_after_since_clause", "{word} the {n1} {v1} the {n2}, the {n3} {vi}. => The {n3} {vi}."): (E, "main clause asserted"),
    ("ce_after_since_clause", "{word} the {n1} {vi}, the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (E, "main clause asserted"),
    ("ce_embedded_under_verb", "The {n1} {word} that the {n2} {vi}. => The {n2} {vi}."): (E, "factive verb"),
    ("ce_embedded_under_verb", "The {n1} {word} that the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (E, "factive verb"),
    ("ce_conjunction", "The {n1} {vi}, and the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (E, "one conjunct"),
    ("ce_conjunction", "The {n1} {v1} the {n2}, and the {n3} {vi}. => The {n1} {v1} the {n2}."): (E, "one conjunct"),
    ("ce_adverb", "{word} the {n1} {v1} the {n2}. => The {n1} {v1} the {n2}."): (E, "asserting adverb"),
    ("ce_adverb", "{word} the {n1} {vi}. => The {n1} {vi}."): (E, "asserting adverb"),
    # Wider template families (issue 12): modifiers on either argument, "who"/"that",
    # conjoined subjects and objects, every connective of the subcase's list.
    ("ln_subject_object_swap", "The {adj} {n1} {v1} the {n2}. => The {n2} {v1} the {adj} {n1}."): (N, "roles swapped; the adjective goes with its noun"),
    ("ln_subject_object_swap", "The {n1} {v1} the {adj} {n2}. => The {adj} {n2} {v1} the {n1}."): (N, "roles swapped; the adjective goes with its noun"),
    ("ln_passive", "The {adj} {n1} {be1} {v1pp} by the {n2}. => The {adj} {n1} {v1} the {n2}."): (N, "passive read backwards"),
    ("ln_passive", "The {n1} {be1} {v1pp} by the {n2} {prep} the {n3}. => The {n1} {v1} the {n2}."): (N, "passive read backwards; n3 is a location"),
    ("ln_relative_clause", "The {n1} {v1} the {n2} who {vi}. => The {n2} {v1} the {n1}."): (N, "n1 did v1 to n2, not the reverse"),
    ("ln_relative_clause", "The {n1} {v1} the {n2} that {v2} the {n3}. => The {n2} {v1} the {n1}."): (N, "n1 did v1 to n2, not the reverse"),
    ("ln_prepositional_phrase", "The {n1} {word} the {n2} {v1} the {n3}. => The {n2} {v1} the {n1}."): (N, "n1 did it to n3; n2 is a location"),
    ("ln_prepositional_phrase", "The {n1} {v1} the {n2} {word} the {n3}. => The {n2} {v1} the {n3}."): (N, "n1 did it to n2; n3 is a location"),
    ("ln_conjunction", "The {n1} {v1} the {n2} and the {n3}. => The {n3} {v1} the {n1}."): (N, "n1 did it to both; n3 did nothing"),
    ("ln_conjunction", "The {n1} and the {n2} {v1} the {n3}. => The {n3} {v1} the {n2}."): (N, "both subjects; n3 is the object"),
    ("le_relative_clause", "The {n1} {v1} the {n2} who {v2} the {n3}. => The {n2} {v2} the {n3}."): (E, "subject relative on the object asserts n2 did v2"),
    ("le_relative_clause", "The {n1} {v1} the {n2} that the {n3} {v2}. => The {n3} {v2} the {n2}."): (E, "object relative on the object: n3 did v2 to n2"),
    ("le_around_relative_clause", "The {n1} who {vi} {v1} the {n2}. => The {n1} {v1} the {n2}."): (E, "main clause without the subject relative"),
    ("le_around_relative_clause", "The {n1} that the {n2} {v1} {vi}. => The {n1} {vi}."): (E, "main clause without the object relative"),
    ("le_passive", "The {adj} {n1} {be1} {v1pp} by the {n2}. => The {n2} {v1} the {adj} {n1}."): (E, "active form of the passive"),
    ("le_passive", "The {n1} {be1} {v1pp} by the {adj} {n2}. => The {adj} {n2} {v1} the {n1}."): (E, "active form of the passive"),
    ("le_conjunction", "The {n1} {v1} the {n2} and the {n3} {time}. => The {n1} {v1} the {n3} {time}."): (E, "one conjunct of the object, same time"),
    ("le_conjunction", "The {n1} and the {adj} {n2} {v1} the {n3}. => The {n1} {v1} the {n3}."): (E, "one conjunct of the subject (distributive verbs)"),
    ("le_around_prepositional_phrase", "The {n1} {word} the {n2} {vi}. => The {n1} {vi}."): (E, "locative modifier dropped"),
    ("le_around_prepositional_phrase", "The {n1} {word} the {n2} {v1} the {n3} {time}. => The {n1} {v1} the {n3} {time}."): (E, "locative modifier dropped"),
    ("sn_np_s", "The {n1} {word} the {adj} {n2} {vi}. => The {n1} {word} the {adj} {n2}."): (N, "the object of knew/heard is the clause"),
    ("sn_np_s", "The {n1} {word} the {n2} {v1} the {n3} {time}. => The {n1} {word} the {n2}."): (N, "the object of knew/heard is the clause"),
    ("sn_pp_on_subject", "The {adj} {n1} {word} the {n2} {vi}. => The {n2} {vi}."): (N, "n1 is the subject; n2 a location"),
    ("sn_pp_on_subject", "The {n1} {word} the {n2} {v1} the {n3} {time}. => The {n2} {v1} the {n3} {time}."): (N, "n1 is the subject; n2 a location"),
    ("sn_relative_clause_on_subject", "The {n1} who {v1} the {adj} {n2} {vi}. => The {adj} {n2} {vi}."): (N, "n1 did vi"),
    ("sn_relative_clause_on_subject", "The {n1} that {v1} the {n2} {v2} the {n3} {time}. => The {n2} {v2} the {n3} {time}."): (N, "n1 did v2"),
    ("sn_past_participle", "The {adj} {n1} {vo} {word} {vi}. => The {adj} {n1} {vo} {word}."): (N, "reduced relative: n1 was paid"),
    ("sn_past_participle", "The {n1} {vo} {word} {v1} the {n2} {time}. => The {n1} {vo} {word}."): (N, "reduced relative: n1 was paid"),
    ("sn_np_z", "{word} the {n1} {vo} the {adj} {n2} {vi}. => The {n1} {vo} the {adj} {n2}."): (N, "n2 is the main subject"),
    ("sn_np_z", "{word} the {adj} {n1} {vo} the {n2} {v1} the {n3}. => The {adj} {n1} {vo} the {n2}."): (N, "n2 is the main subject"),
    ("se_conjunction", "The {adj} {n1} and the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (E, "one conjunct of the subject"),
    ("se_conjunction", "The {n1} {v1} the {adj} {n2} and the {n3}. => The {n1} {v1} the {adj} {n2}."): (E, "one conjunct of the object"),
    ("se_adjective", "{Word} {pl1} {v1} the {n2} {time}. => {Pl1} {v1} the {n2} {time}."): (E, "intersective adjective dropped"),
    ("se_adjective", "{Word} {pl1} {v1} the {n2} {prep} the {n3}. => {Pl1} {v1} the {n2} {prep} the {n3}."): (E, "intersective adjective dropped"),
    ("se_understood_object", "The {adj} {n1} {vo} the {n2}. => The {adj} {n1} {vo}."): (E, "object may be dropped"),
    ("se_understood_object", "The {n1} {vo} the {n2} {prep} the {n3}. => The {n1} {vo}."): (E, "object and its locative dropped"),
    ("se_relative_clause_on_object", "The {adj} {n1} {v1} the {n2} who {vi}. => The {adj} {n1} {v1} the {n2}."): (E, "relative on the object dropped"),
    ("se_pp_on_object", "The {adj} {n1} {v1} the {n2} {word} the {n3}. => The {adj} {n1} {v1} the {n2}."): (E, "locative on the object dropped"),
    ("se_pp_on_object", "The {n1} {v1} the {adj} {n2} {word} the {n3}. => The {n1} {v1} the {adj} {n2}."): (E, "locative on the object dropped"),
    ("se_pp_on_object", "The {n1} {be1} {v1pp} by the {n2} {word} the {n3}. => The {n1} {be1} {v1pp} by the {n2}."): (E, "locative on the agent dropped"),
    ("cn_embedded_under_if", "{word} the {n1} {v1} the {n2}, the {n3} {vi}. => The {n1} {v1} the {n2}."): (N, "a condition is not asserted"),
    ("cn_embedded_under_if", "The {n3} {vi} {lword} the {n1} {v1} the {n2}. => The {n1} {v1} the {n2}."): (N, "a condition is not asserted"),
    ("cn_after_if_clause", "{word} the {n1} {v1} the {n2}, the {n3} {v2} the {n1}. => The {n3} {v2} the {n1}."): (N, "if/unless: main clause is conditional"),
    ("cn_after_if_clause", "{word} the {n1} {vi}, the {adj} {n2} {v1} the {n3}. => The {adj} {n2} {v1} the {n3}."): (N, "if/unless: main clause is conditional"),
    ("cn_embedded_under_verb", "The {adj} {n1} {word} that the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (N, "non-factive verb"),
    ("cn_embedded_under_verb", "The {n1} {word} that the {adj} {n2} {vi}. => The {adj} {n2} {vi}."): (N, "non-factive verb"),
    ("cn_disjunction", "Either the {n1} {v1} the {n2}, or the {n3} {vi}. => The {n1} {v1} the {n2}."): (N, "one disjunct"),
    ("cn_disjunction", "The {adj} {n1} {vi}, or the {n2} {v1} the {n3}. => The {adj} {n1} {vi}."): (N, "one disjunct"),
    ("cn_adverb", "{word} the {n1} {v1} the {n2} {time}. => The {n1} {v1} the {n2} {time}."): (N, "hedging adverb"),
    ("cn_adverb", "{word} the {adj} {n1} {vi}. => The {adj} {n1} {vi}."): (N, "hedging adverb"),
    ("ce_embedded_under_since", "{word} the {n1} {v1} the {n2}, the {n3} {vi}. => The {n1} {v1} the {n2}."): (E, "factive connective presupposes"),
    ("ce_embedded_under_since", "The {n3} {vi} {lword} the {n1} {v1} the {n2}. => The {n1} {v1} the {n2}."): (E, "factive connective presupposes"),
    ("ce_after_since_clause", "{word} the {n1} {vi}, the {adj} {n2} {v1} the {n3}. => The {adj} {n2} {v1} the {n3}."): (E, "main clause asserted"),
    ("ce_after_since_clause", "{word} the {n1} {v1} the {n2}, the {n3} {v2} the {n1}. => The {n3} {v2} the {n1}."): (E, "main clause asserted"),
    ("ce_embedded_under_verb", "The {adj} {n1} {word} that the {n2} {v1} the {n3}. => The {n2} {v1} the {n3}."): (E, "factive verb"),
    ("ce_embedded_under_verb", "The {n1} {word} that the {adj} {n2} {vi}. => The {adj} {n2} {vi}."): (E, "factive verb"),
    ("ce_conjunction", "The {n1} {v1} the {n2}, and the {n3} {v2} the {n1}. => The {n3} {v2} the {n1}."): (E, "one conjunct"),
    ("ce_conjunction", "The {adj} {n1} {vi}, and the {n2} {v1} the {n3}. => The {adj} {n1} {vi}."): (E, "one conjunct"),
    ("ce_adverb", "{word} the {n1} {v1} the {n2} {time}. => The {n1} {v1} the {n2} {time}."): (E, "asserting adverb"),
    ("ce_adverb", "{word} the {adj} {n1} {vi}. => The {adj} {n1} {vi}."): (E, "asserting adverb"),
}  # fmt: skip

SLOT_PATTERNS = {
    "n1": PERSON, "n2": PERSON, "n3": PERSON, "be1": "was|were", "pl1": PERSON,
    "v1": VERB, "v1pp": VERB, "v2": VERB, "vo": OPTIONAL, "vi": INTRANSITIVE,
    "adj": _alternation(lexicon.INTERSECTIVE_ADJECTIVES),
    "time": _alternation(lexicon.TIME_ADVERBIALS),
    "prep": _alternation(lexicon.NOUN_PREPOSITIONS),
}  # fmt: skip


def template_regex(template: str, word_list: tuple[str, ...]) -> str:
    """A regex for a filled template: one named group per slot (repeats must be equal)."""
    seen: set[str] = set()
    pattern = ""
    for literal, slot, _, _ in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if slot is None:
            continue
        key = slot.lower()
        if key in seen:
            pattern += f"(?P={key})" if slot.islower() else "[A-Z][a-z ]+"
            continue
        seen.add(key)
        if key in ("word", "lword"):
            options = {w for w in word_list} | {w.lower() for w in word_list}
            options |= {w[:1].upper() + w[1:] for w in word_list}
            body = _alternation(options)
        else:
            body = SLOT_PATTERNS[key]
            if slot[0].isupper():
                body = "(?i:" + body + ")"
        pattern += f"(?P<{key}>{body})"
    return pattern


def test_every_template_is_judged() -> None:
    templates = {(s.name, s.template(i)) for s in SUBCASES for i in range(len(s.templates))}
    assert templates == set(JUDGED)
    assert len(SUBCASES) == 30
    assert Counter(subcase.heuristic for subcase in SUBCASES) == {
        "lexical_overlap": 10,
        "subsequence": 10,
        "constituent": 10,
    }
    for subcase in SUBCASES:
        assert all(JUDGED[(subcase.name, subcase.template(i))][0] == subcase.label
                   for i in range(len(subcase.templates)))  # fmt: skip


@pytest.mark.parametrize("key", sorted(JUDGED))
def test_label_invariant_of_each_template(key: tuple[str, str]) -> None:
    name, template = key
    subcase = next(s for s in SUBCASES if s.name == name)
    items = [e for e in generate(seed=7, n_per_subcase=150, subcases=[name])
             if e.meta["template"] == template]  # fmt: skip
    assert len(items) >= 10
    premise_template, hypothesis_template = template.split(" => ")
    for item in items:
        premise, hypothesis = item.fields["premise"], item.fields["hypothesis"]
        match = re.fullmatch(template_regex(premise_template, subcase.words), premise)
        assert match is not None, premise
        groups = match.groupdict()
        people = [groups[k] for k in ("n1", "n2", "n3") if groups.get(k)]
        stems = [p.rstrip("s").removesuffix("e") for p in people]
        assert len(set(stems)) == len(stems), premise  # distinct people
        if groups.get("be1"):
            assert (groups["be1"] == "were") == (groups["n1"] in PLURALS), premise
        if groups.get("v1pp"):
            groups["v1"] = PARTICIPLE[groups["v1pp"]]
        # The hypothesis says what the judged relation says, with the same fillers.
        expected = hypothesis_template.format(
            **{k: v for k, v in groups.items() if v},
            Pl1=(groups.get("pl1") or "").capitalize(),
            Word=(groups.get("word") or "").capitalize(),
        )
        assert hypothesis == expected, (premise, hypothesis)
        assert item.target == item.meta["label"] == JUDGED[key][0]


def test_plural_forms_appear_in_every_person_slot(items: list) -> None:
    text = " ".join(f"{e.fields['premise']} {e.fields['hypothesis']}" for e in items)
    assert sum(text.count(f" {plural} ") for plural in PLURALS) > 200
    assert " were " in text and " was " in text


def test_transitive_verbs_avoid_the_excluded_semantic_classes() -> None:
    excluded = {verb for verbs in lexicon.EXCLUDED_VERB_CLASSES.values() for verb in verbs}
    for verb in lexicon.TRANSITIVE_VERBS:
        assert verb.base not in excluded, verb
    for word in (*lexicon.NOUN_OR_CLAUSE_VERBS, *lexicon.FACTIVE_VERBS):
        assert not any(word.startswith(stem[:-1]) for stem in excluded if len(stem) > 3), word


def test_transitive_verbs_are_not_wordnet_antonym_or_negative_classes() -> None:
    from harness.nltk_data import wordnet, wordnet_available

    if not wordnet_available():
        pytest.skip("WordNet is not installed")
    reader = wordnet()
    excluded = {verb for verbs in lexicon.EXCLUDED_VERB_CLASSES.values() for verb in verbs}
    for verb in lexicon.TRANSITIVE_VERBS:
        # No sense of the verb shares a synset with an excluded verb's first sense.
        senses = set(reader.synsets(verb.base, pos="v")[:2])
        for other in excluded:
            first = reader.synsets(other, pos="v")[:1]
            assert not senses & set(first), (verb.base, other)


def test_swap_uses_exactly_the_premise_words(items: list) -> None:
    for item in items:
        if item.meta["subcase"] == "ln_subject_object_swap":
            premise, hypothesis = item.fields["premise"], item.fields["hypothesis"]
            assert Counter(words(premise)) == Counter(words(hypothesis))
            assert premise != hypothesis


def test_each_hypothesis_satisfies_its_heuristic(items: list) -> None:
    for item in items:
        premise, hypothesis = item.fields["premise"], item.fields["hypothesis"]
        premise_words, hypothesis_words = words(premise), words(hypothesis)
        # Every heuristic implies full lexical overlap.
        assert set(hypothesis_words) <= set(premise_words), item
        assert set(content_words(hypothesis)) <= set(content_words(premise))
        if item.meta["heuristic"] in {"subsequence", "constituent"}:
            assert " ".join(hypothesis_words) in " ".join(premise_words), item


def test_exact_items_for_a_seed() -> None:
    first = generate(seed=0, n_per_subcase=1, subcases=["ln_subject_object_swap", "sn_np_z"])
    assert [(e.id, e.fields["premise"], e.fields["hypothesis"]) for e in first] == [
        (
            "hans:ln_subject_object_swap:d3180eb2eee3",
            "The pilots called the busy plumbers.",
            "The busy plumbers called the pilots.",
        ),
        (
            "hans:sn_np_z:9aeafeb72ab7",
            "While the dentists paid the tall painter hesitated.",
            "The dentists paid the tall painter.",
        ),
    ]
    assert first[0].meta == {
        "heuristic": "lexical_overlap",
        "subcase": "ln_subject_object_swap",
        "template": "The {n1} {v1} the {adj} {n2}. => The {adj} {n2} {v1} the {n1}.",
        "label": "non-entailment",
    }


def test_same_seed_same_items_and_ids() -> None:
    assert generate(seed=3, n_per_subcase=5) == generate(seed=3, n_per_subcase=5)


def test_different_seed_different_items_and_ids() -> None:
    first, second = generate(seed=1, n_per_subcase=5), generate(seed=2, n_per_subcase=5)
    assert {e.id for e in first}.isdisjoint({e.id for e in second})
    pairs = lambda items: {(e.fields["premise"], e.fields["hypothesis"]) for e in items}  # noqa: E731
    assert len(pairs(first) & pairs(second)) < len(first) // 10


def test_ids_do_not_depend_on_the_selection() -> None:
    # An item's id and text depend on seed, subcase and index only.
    everything = {e.id: e for e in generate(seed=5, n_per_subcase=3)}
    some = generate(seed=5, n_per_subcase=3, heuristics=["constituent"])
    assert len(some) == 30
    assert all(everything[e.id] == e for e in some)
    # Asking for fewer items gives a prefix of each subcase.
    prefix = generate(seed=5, n_per_subcase=2, heuristics=["constituent"])
    assert prefix == [e for i, e in enumerate(some) if i % 3 < 2]


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_no_duplicate_pairs_and_unique_ids(seed: int) -> None:
    examples = generate(seed=seed, n_per_subcase=25)
    assert len(examples) == 30 * 25
    assert len({e.id for e in examples}) == len(examples)
    pairs = [(e.fields["premise"], e.fields["hypothesis"]) for e in examples]
    assert len(set(pairs)) == len(pairs)


def test_options_select_heuristics_and_subcases() -> None:
    chosen = generate(
        n_per_subcase=4, heuristics=["subsequence"], subcases=["sn_np_s", "ln_passive"]
    )
    assert Counter(e.meta["subcase"] for e in chosen) == {"sn_np_s": 4}
    with pytest.raises(ValueError, match="did you mean 'sn_np_s'"):
        HansGenerator.Options(subcases=["sn_nps"])
    with pytest.raises(ValueError):
        HansGenerator.Options(heuristics=["overlap"])


def test_too_many_items_for_a_small_vocabulary_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With three people (singular or plural) and one optional-object verb,
    # se_understood_object has 6 * 4 subject/object fillings, times 1 + 5 time
    # adverbials + 8 adjectives, plus 6 * 8 fillings of three people times 5
    # prepositions: 24 * 14 + 240 = 576 distinct pairs at most.
    monkeypatch.setattr(lexicon, "PEOPLE", lexicon.PEOPLE[:3])
    monkeypatch.setattr(lexicon, "OPTIONAL_OBJECT_VERBS", lexicon.OPTIONAL_OBJECT_VERBS[:1])
    with pytest.raises(DataError, match="lower n_per_subcase"):
        generate(n_per_subcase=577, subcases=["se_understood_object"])


def test_vocabulary_coverage() -> None:
    # 60 per subcase: a word list used by one subcase only (6 places) is then covered
    # unless the generator never draws some entry.
    items = generate(seed=7, n_per_subcase=60)
    text = " ".join(f"{e.fields['premise']} {e.fields['hypothesis']}" for e in items)
    used = Counter(words(text))
    vocabulary = [
        *(p.singular for p in lexicon.PEOPLE),
        *(v.past for v in lexicon.TRANSITIVE_VERBS),
        *(v.past for v in lexicon.OPTIONAL_OBJECT_VERBS),
        *(v.past for v in lexicon.INTRANSITIVE_VERBS),
        *lexicon.NOUN_OR_CLAUSE_VERBS,
        *lexicon.NONFACTIVE_VERBS,
        *lexicon.FACTIVE_VERBS,
        *lexicon.INTERSECTIVE_ADJECTIVES,
        *(w.lower() for w in lexicon.HEDGING_ADVERBS + lexicon.ASSERTING_ADVERBS),
        *(w.lower() for w in lexicon.NP_Z_SUBORDINATORS + lexicon.CONDITIONAL_CONNECTIVES),
    ]
    phrases = [w for w in vocabulary if " " in w]
    unused = [word for word in vocabulary if " " not in word and used[word] == 0]
    assert not unused
    for phrase in (
        *phrases,
        *lexicon.PLACES,
        *lexicon.NOUN_PREPOSITIONS,
        *lexicon.FACTIVE_CONNECTIVES,
        *lexicon.TIME_ADVERBIALS,
    ):
        assert phrase.lower() in text.lower(), phrase


def test_plural_coverage_at_larger_n() -> None:
    # Plurals appear in one subcase only, so 20 items cannot cover 18 of them.
    adjective_items = generate(n_per_subcase=100, subcases=["se_adjective"])
    used = Counter(words(" ".join(e.fields["hypothesis"] for e in adjective_items)))
    assert all(used[p.plural] > 0 for p in lexicon.PEOPLE)


def test_registered_and_usable_as_a_data_source() -> None:
    assert GENERATORS.get("hans") is HansGenerator
