"""The HANS-style generator: determinism, ids, one label invariant per template, coverage."""

from __future__ import annotations

import re
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


PERSON = _alternation(p.singular for p in lexicon.PEOPLE)
PLURAL = _alternation(p.plural.capitalize() for p in lexicon.PEOPLE)
VERB = _alternation(v.past for v in lexicon.TRANSITIVE_VERBS)
OPTIONAL = _alternation(v.past for v in lexicon.OPTIONAL_OBJECT_VERBS)
INTRANSITIVE = _alternation(v.past for v in lexicon.INTRANSITIVE_VERBS)
PARTICIPLE = {v.participle: v.past for v in lexicon.TRANSITIVE_VERBS}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _swap(p: dict, h: str) -> bool:
    # Same bag of words, subject and object swapped.
    return h == f"The {p['b']} {p['v']} the {p['a']}."


# subcase -> (premise regex, check(premise groups, hypothesis) that encodes its label).
INVARIANTS = {
    "ln_subject_object_swap": (rf"The (?P<a>{PERSON}) (?P<v>{VERB}) the (?P<b>{PERSON})\.", _swap),
    # Passive "A was V-ed by B" means B V-ed A; the hypothesis claims the reverse.
    "ln_passive": (
        rf"The (?P<a>{PERSON}) was (?P<v>{VERB}) by the (?P<b>{PERSON})\.",
        lambda p, h: h == f"The {p['a']} {p['v']} the {p['b']}.",
    ),
    # "A who V1 B V2 C": A V1-ed B; hypothesis claims B V1-ed A.
    "ln_relative_clause": (
        rf"The (?P<a>{PERSON}) who (?P<v1>{VERB}) the (?P<b>{PERSON}) (?P<v2>{VERB}) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['b']} {p['v1']} the {p['a']}.",
    ),
    # "A near B V C": A V-ed C; the hypothesis "C V B" relates two other people.
    "ln_prepositional_phrase": (
        rf"The (?P<a>{PERSON}) (?P<prep>[a-z ]+?) the (?P<b>{PERSON}) (?P<v>{VERB}) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: (
            p["prep"] in lexicon.NOUN_PREPOSITIONS and h == f"The {p['c']} {p['v']} the {p['b']}."
        ),
    ),
    "ln_conjunction": (
        rf"The (?P<a>{PERSON}) (?P<v>{VERB}) the (?P<b>{PERSON}) and the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['b']} {p['v']} the {p['c']}.",
    ),
    # "A who B V1-ed V2 C": B V1-ed A (untangled relative clause).
    "le_relative_clause": (
        rf"The (?P<a>{PERSON}) who the (?P<b>{PERSON}) (?P<v1>{VERB}) (?P<v2>{VERB}) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['b']} {p['v1']} the {p['a']}.",
    ),
    "le_around_relative_clause": (
        rf"The (?P<a>{PERSON}) who the (?P<b>{PERSON}) (?P<v1>{VERB}) (?P<v2>{VERB}) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['a']} {p['v2']} the {p['c']}.",
    ),
    # The hypothesis is the active form of the passive premise.
    "le_passive": (
        rf"The (?P<a>{PERSON}) was (?P<v>{VERB}) by the (?P<b>{PERSON})\.",
        lambda p, h: h == f"The {p['b']} {PARTICIPLE[p['v']]} the {p['a']}.",
    ),
    "le_conjunction": (
        rf"The (?P<a>{PERSON}) (?P<v>{VERB}) the (?P<b>{PERSON}) and the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['a']} {p['v']} the {p['c']}.",
    ),
    "le_around_prepositional_phrase": (
        rf"The (?P<a>{PERSON}) (?P<prep>[a-z ]+?) the (?P<b>{PERSON}) (?P<v>{VERB}) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: (
            p["prep"] in lexicon.NOUN_PREPOSITIONS and h == f"The {p['a']} {p['v']} the {p['c']}."
        ),
    ),
    # "A knew B V-ed C": the object of "knew" is the clause, not B.
    "sn_np_s": (
        rf"The (?P<a>{PERSON}) (?P<k>[a-z]+) the (?P<b>{PERSON}) (?P<v>{VERB}) the (?P<c>{PERSON})\.",
        lambda p, h: (
            p["k"] in lexicon.NOUN_OR_CLAUSE_VERBS and h == f"The {p['a']} {p['k']} the {p['b']}."
        ),
    ),
    "sn_pp_on_subject": (
        rf"The (?P<a>{PERSON}) (?P<prep>[a-z ]+?) the (?P<b>{PERSON}) (?P<v>{INTRANSITIVE})\.",
        lambda p, h: p["prep"] in lexicon.NOUN_PREPOSITIONS and h == f"The {p['b']} {p['v']}.",
    ),
    "sn_relative_clause_on_subject": (
        rf"The (?P<a>{PERSON}) who (?P<v1>{VERB}) the (?P<b>{PERSON}) (?P<v2>{VERB}) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['b']} {p['v2']} the {p['c']}.",
    ),
    # Reduced relative: "A paid in the office waited" = A, who was paid, waited.
    "sn_past_participle": (
        rf"The (?P<a>{PERSON}) (?P<v>{OPTIONAL}) (?P<place>[a-z ]+) (?P<vi>{INTRANSITIVE})\.",
        lambda p, h: p["place"] in lexicon.PLACES and h == f"The {p['a']} {p['v']} {p['place']}.",
    ),
    # "Since A paid B waited" = since A paid, B waited.
    "sn_np_z": (
        rf"(?P<sub>[A-Z][a-z]+) the (?P<a>{PERSON}) (?P<v>{OPTIONAL}) the (?P<b>{PERSON}) "
        rf"(?P<vi>{INTRANSITIVE})\.",
        lambda p, h: (
            p["sub"] in lexicon.NP_Z_SUBORDINATORS and h == f"The {p['a']} {p['v']} the {p['b']}."
        ),
    ),
    "se_conjunction": (
        rf"The (?P<a>{PERSON}) and the (?P<b>{PERSON}) (?P<v>{VERB}) the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['b']} {p['v']} the {p['c']}.",
    ),
    "se_adjective": (
        rf"(?P<adj>[A-Z][a-z]+) (?P<pl>[a-z]+) (?P<v>{VERB}) the (?P<b>{PERSON})\.",
        lambda p, h: (
            p["adj"].lower() in lexicon.INTERSECTIVE_ADJECTIVES
            and h == f"{p['pl'].capitalize()} {p['v']} the {p['b']}."
            and re.fullmatch(PLURAL, p["pl"].capitalize()) is not None
        ),
    ),
    "se_understood_object": (
        rf"The (?P<a>{PERSON}) (?P<v>{OPTIONAL}) the (?P<b>{PERSON})\.",
        lambda p, h: h == f"The {p['a']} {p['v']}.",
    ),
    "se_relative_clause_on_object": (
        rf"The (?P<a>{PERSON}) (?P<v1>{VERB}) the (?P<b>{PERSON}) who (?P<v2>{VERB}) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['a']} {p['v1']} the {p['b']}.",
    ),
    "se_pp_on_object": (
        rf"The (?P<a>{PERSON}) (?P<v>{VERB}) the (?P<b>{PERSON}) (?P<prep>[a-z ]+?) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: (
            p["prep"] in lexicon.NOUN_PREPOSITIONS and h == f"The {p['a']} {p['v']} the {p['b']}."
        ),
    ),
    # The clause under "if"/"unless" is not asserted.
    "cn_embedded_under_if": (
        rf"(?P<c>If|Unless) the (?P<a>{PERSON}) (?P<vi>{INTRANSITIVE}), the (?P<b>{PERSON}) "
        rf"(?P<v>{VERB}) the (?P<d>{PERSON})\.",
        lambda p, h: h == f"The {p['a']} {p['vi']}.",
    ),
    # Nor is the main clause of a conditional.
    "cn_after_if_clause": (
        rf"(?P<c>If|Unless) the (?P<a>{PERSON}) (?P<v>{VERB}) the (?P<b>{PERSON}), "
        rf"the (?P<d>{PERSON}) (?P<vi>{INTRANSITIVE})\.",
        lambda p, h: h == f"The {p['d']} {p['vi']}.",
    ),
    "cn_embedded_under_verb": (
        rf"The (?P<a>{PERSON}) (?P<k>[a-z]+) that the (?P<b>{PERSON}) (?P<vi>{INTRANSITIVE})\.",
        lambda p, h: p["k"] in lexicon.NONFACTIVE_VERBS and h == f"The {p['b']} {p['vi']}.",
    ),
    "cn_disjunction": (
        rf"The (?P<a>{PERSON}) (?P<vi>{INTRANSITIVE}), or the (?P<b>{PERSON}) (?P<v>{VERB}) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['a']} {p['vi']}.",
    ),
    "cn_adverb": (
        rf"(?P<adv>[A-Z][a-z]+) the (?P<a>{PERSON}) (?P<v>{VERB}) the (?P<b>{PERSON})\.",
        lambda p, h: (
            p["adv"] in lexicon.HEDGING_ADVERBS and h == f"The {p['a']} {p['v']} the {p['b']}."
        ),
    ),
    # Factive connectives presuppose their clause; main clauses are asserted.
    "ce_embedded_under_since": (
        rf"(?P<c>[A-Z][a-z]+(?: that)?) the (?P<a>{PERSON}) (?P<vi>{INTRANSITIVE}), "
        rf"the (?P<b>{PERSON}) (?P<v>{VERB}) the (?P<d>{PERSON})\.",
        lambda p, h: p["c"] in lexicon.FACTIVE_CONNECTIVES and h == f"The {p['a']} {p['vi']}.",
    ),
    "ce_after_since_clause": (
        rf"(?P<c>[A-Z][a-z]+(?: that)?) the (?P<a>{PERSON}) (?P<v>{VERB}) the (?P<b>{PERSON}), "
        rf"the (?P<d>{PERSON}) (?P<vi>{INTRANSITIVE})\.",
        lambda p, h: p["c"] in lexicon.FACTIVE_CONNECTIVES and h == f"The {p['d']} {p['vi']}.",
    ),
    "ce_embedded_under_verb": (
        rf"The (?P<a>{PERSON}) (?P<k>[a-z]+) that the (?P<b>{PERSON}) (?P<vi>{INTRANSITIVE})\.",
        lambda p, h: p["k"] in lexicon.FACTIVE_VERBS and h == f"The {p['b']} {p['vi']}.",
    ),
    "ce_conjunction": (
        rf"The (?P<a>{PERSON}) (?P<vi>{INTRANSITIVE}), and the (?P<b>{PERSON}) (?P<v>{VERB}) "
        rf"the (?P<c>{PERSON})\.",
        lambda p, h: h == f"The {p['b']} {p['v']} the {p['c']}.",
    ),
    "ce_adverb": (
        rf"(?P<adv>[A-Z][a-z]+) the (?P<a>{PERSON}) (?P<v>{VERB}) the (?P<b>{PERSON})\.",
        lambda p, h: (
            p["adv"] in lexicon.ASSERTING_ADVERBS and h == f"The {p['a']} {p['v']} the {p['b']}."
        ),
    ),
}

EXPECTED_LABEL = {"ln": "non-entailment", "sn": "non-entailment", "cn": "non-entailment"}


def test_every_subcase_has_an_invariant() -> None:
    assert set(INVARIANTS) == {subcase.name for subcase in SUBCASES}
    assert len(SUBCASES) == 30
    assert Counter(subcase.heuristic for subcase in SUBCASES) == {
        "lexical_overlap": 10,
        "subsequence": 10,
        "constituent": 10,
    }


@pytest.mark.parametrize("subcase", sorted(INVARIANTS))
def test_label_invariant_of_each_template(items: list, subcase: str) -> None:
    pattern, holds = INVARIANTS[subcase]
    chosen = [item for item in items if item.meta["subcase"] == subcase]
    assert len(chosen) == 20
    label = EXPECTED_LABEL.get(subcase[:2], "entailment")
    for item in chosen:
        premise, hypothesis = item.fields["premise"], item.fields["hypothesis"]
        match = re.fullmatch(pattern, premise)
        assert match is not None, premise
        groups = match.groupdict()
        people = [groups[k] for k in ("a", "b", "c", "d") if k in groups and groups[k]]
        assert len(set(people)) == len(people), premise  # distinct people
        assert holds(groups, hypothesis), (premise, hypothesis)
        assert item.target == item.meta["label"] == label


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
            "The mayor ignored the pilot.",
            "The pilot ignored the mayor.",
        ),
        (
            "hans:sn_np_z:9aeafeb72ab7",
            "Since the tailor warned the dentist slept.",
            "The tailor warned the dentist.",
        ),
    ]
    assert first[0].meta == {
        "heuristic": "lexical_overlap",
        "subcase": "ln_subject_object_swap",
        "template": "The {n1} {v1} the {n2}. => The {n2} {v1} the {n1}.",
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


def test_too_many_items_for_a_small_vocabulary_is_a_clear_error() -> None:
    # se_understood_object has 18 * 17 * 8 distinct pairs at most.
    with pytest.raises(DataError, match="lower n_per_subcase"):
        generate(n_per_subcase=3000, subcases=["se_understood_object"])


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
    unused = [word for word in vocabulary if used[word] == 0]
    assert not unused
    for phrase in (*lexicon.PLACES, *lexicon.NOUN_PREPOSITIONS, *lexicon.FACTIVE_CONNECTIVES):
        assert phrase.lower() in text.lower(), phrase


def test_plural_coverage_at_larger_n() -> None:
    # Plurals appear in one subcase only, so 20 items cannot cover 18 of them.
    adjective_items = generate(n_per_subcase=100, subcases=["se_adjective"])
    used = Counter(words(" ".join(e.fields["hypothesis"] for e in adjective_items)))
    assert all(used[p.plural] > 0 for p in lexicon.PEOPLE)


def test_registered_and_usable_as_a_data_source() -> None:
    assert GENERATORS.get("hans") is HansGenerator
