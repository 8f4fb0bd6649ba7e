"""The knowledge and consistency generators: relations checked against WordNet, one label
invariant per template, determinism and distinct items."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from harness.generators import consistency as cons
from harness.generators import knowledge as know
from harness.registry import GENERATORS


def knowledge(seed: int = 3, **options: object) -> list:
    return know.KnowledgeGenerator().generate(know.KnowledgeGenerator.Options(**options), seed)


def groups_of(seed: int = 3, **options: object) -> dict:
    examples = cons.ConsistencyGenerator().generate(
        cons.ConsistencyGenerator.Options(**options), seed
    )
    groups: dict = defaultdict(dict)
    for e in examples:
        groups[(e.meta["constraint"], e.meta["group"])][e.meta["role"]] = e
    return groups


# --- WordNet: every pair is in the relation it is used for ------------------------------


@pytest.fixture(scope="module")
def wn():
    from harness.nltk_data import wordnet, wordnet_available

    if not wordnet_available():
        pytest.skip("WordNet is not installed")
    return wordnet()


def test_hypernym_pairs_are_wordnet_hypernyms(wn) -> None:
    for hyponym, hypernym in know.HYPERNYMS:
        ancestors = {
            name
            for synset in wn.synsets(hyponym, "n")
            for h in synset.closure(lambda s: s.hypernyms() + s.instance_hypernyms())
            for name in h.lemma_names()
        }
        assert hypernym in ancestors, (hyponym, hypernym)


def test_antonym_pairs_are_wordnet_antonyms(wn) -> None:
    for x, y in know.ANTONYMS:
        antonyms = {
            a.name()
            for synset in wn.synsets(x, "a") + wn.synsets(x, "s")
            for lemma in synset.lemmas()
            for a in lemma.antonyms()
        }
        assert y in antonyms, (x, y)


def test_part_pairs_are_wordnet_part_meronyms(wn) -> None:
    for whole, part in know.PARTS:
        parts = {
            name
            for synset in wn.synsets(whole, "n")
            for s in [synset, *synset.closure(lambda s: s.hypernyms())]
            for meronym in s.part_meronyms()
            for name in meronym.lemma_names()
        }
        assert part in parts, (whole, part)


def test_location_pairs_are_wordnet_part_holonyms(wn) -> None:
    for city, country in know.LOCATIONS:
        holonyms = {
            name
            for synset in wn.synsets(city, "n")
            for h in synset.closure(lambda s: s.part_holonyms())
            for name in h.lemma_names()
        }
        assert country in holonyms, (city, country)


# --- knowledge: label invariants per relation template ---------------------------------

# relation -> (probe regex over "premise => hypothesis", probe gold, control gold), with
# the judgment: the probe's label needs the fact; the control's does not change with it.
KNOWLEDGE_TEMPLATES = {
    "hypernymy": (r"(\w+) saw an? (?P<x>\w+)\. => \1 saw an? (?P<y>\w+)\.", "entailment"),
    "antonymy": (r"(\w+) is (?P<x>\w+)\. => \1 is (?P<y>\w+)\.", "contradiction"),
    "part_whole": (
        r"(\w+) owns an? (?P<x>\w+)\. => \1 owns something with an? (?P<y>\w+)\.",
        "entailment",
    ),
    "located_in": (r"(\w+) lives in (?P<x>\w+)\. => \1 lives in (?P<y>\w+)\.", "entailment"),
}


def test_knowledge_units_hold_by_construction() -> None:
    examples = knowledge(n_per_relation=30)
    units: dict = defaultdict(dict)
    for e in examples:
        units[(e.meta["relation"], e.meta["unit"])][(e.meta["role"], e.meta["fact"])] = e
    assert Counter(relation for relation, _ in units) == dict.fromkeys(know.RELATIONS, 30)
    for (relation, _), unit in units.items():
        assert len(unit) == 4
        pattern, gold = KNOWLEDGE_TEMPLATES[relation]
        probe = unit[("probe", "without")]
        text = f"{probe.fields['premise']} => {probe.fields['hypothesis']}"
        match = re.fullmatch(pattern, text)
        assert match is not None, text
        assert (match["x"], match["y"]) in know.PAIRS[relation]
        assert probe.target == gold
        for role in ("probe", "control"):
            without, with_fact = unit[(role, "without")], unit[(role, "with")]
            # Same hypothesis and gold; the premise only gains the fact sentence.
            assert with_fact.fields["hypothesis"] == without.fields["hypothesis"]
            assert with_fact.target == without.target
            fact = with_fact.fields["premise"].removeprefix(without.fields["premise"] + " ")
            assert fact != with_fact.fields["premise"]
            assert match["x"] in fact and match["y"] in fact
        control = unit[("control", "without")]
        assert control.target == "neutral"
        if relation == "antonymy":
            # An unrelated adjective: neither word of the pair.
            other = control.fields["hypothesis"].split()[-1].rstrip(".")
            assert other not in (match["x"], match["y"])
        else:
            # The reverse direction: the fact does not license it.
            assert control.fields["premise"] == probe.fields["hypothesis"]
            assert control.fields["hypothesis"] == probe.fields["premise"]


def test_knowledge_is_deterministic_with_distinct_items() -> None:
    first, again = knowledge(seed=5), knowledge(seed=5)
    assert first == again
    pairs = [(e.fields["premise"], e.fields["hypothesis"]) for e in first]
    assert len(set(pairs)) == len(pairs)
    assert len({e.id for e in first}) == len(first)
    assert GENERATORS.get("knowledge") is know.KnowledgeGenerator
    with pytest.raises(ValueError, match="did you mean 'antonymy'"):
        know.KnowledgeGenerator.Options(relations=["antonym"])


# --- consistency: label invariants per template ----------------------------------------


def test_symmetry_groups_are_contradictions_both_ways() -> None:
    for (constraint, _), group in groups_of(n_per_constraint=40).items():
        if constraint != "symmetry":
            continue
        forward, backward = group["forward"], group["backward"]
        assert forward.fields["premise"] == backward.fields["hypothesis"]
        assert forward.fields["hypothesis"] == backward.fields["premise"]
        assert forward.target == backward.target == "contradiction"
        a, b = forward.fields["premise"], forward.fields["hypothesis"]
        template = forward.meta["template"]
        if template == "symmetry/0":  # antonyms said of one person
            x, y = a.split()[-1].rstrip("."), b.split()[-1].rstrip(".")
            assert (x, y) in know.ANTONYMS
        elif template == "symmetry/1":  # P and not-P
            assert b == a.replace(" is at ", " is not at ")
        elif template == "symmetry/2":  # two different exact numbers
            assert a.split()[3] != b.split()[3] and a.split()[4:] == b.split()[4:]
        else:  # nobody vs somebody in the same place
            assert a.startswith("Nobody is in the ") and b.endswith(a.split("the ")[-1])


def test_negation_groups_negate_an_entailed_hypothesis() -> None:
    for (constraint, _), group in groups_of(n_per_constraint=30).items():
        if constraint != "negation":
            continue
        h, not_h = group["h"], group["not_h"]
        assert h.fields["premise"] == not_h.fields["premise"]
        assert h.target == "entailment" and not_h.target == "contradiction"
        premise, hypothesis, negated = (
            h.fields["premise"], h.fields["hypothesis"], not_h.fields["hypothesis"]
        )  # fmt: skip
        template = h.meta["template"]
        if template == "negation/0":  # "A and B went" => "A went"
            name = hypothesis.split()[0]
            assert premise.startswith(f"{name} and ") and negated == hypothesis.replace(
                " went ", " did not go "
            )
        elif template == "negation/1":  # hyponym => hypernym, same event
            assert (premise.split()[3], hypothesis.split()[3]) in know.HYPERNYMS
            assert negated == hypothesis.replace(" saw ", " did not see ")
        else:  # "a tall X" => "a X"
            assert " tall " in premise
            assert negated == hypothesis.replace(" is ", " is not ")


def test_transitivity_chains_link_up_and_each_link_is_entailed() -> None:
    for (constraint, _), group in groups_of(n_per_constraint=30).items():
        if constraint != "transitivity":
            continue
        p_h1, h1_h2, p_h2 = group["p_h1"], group["h1_h2"], group["p_h2"]
        assert p_h1.fields["hypothesis"] == h1_h2.fields["premise"]
        assert p_h2.fields["premise"] == p_h1.fields["premise"]
        assert p_h2.fields["hypothesis"] == h1_h2.fields["hypothesis"]
        assert p_h1.target == h1_h2.target == p_h2.target == "entailment"
        # Each link only drops material (a modifier, a conjunct) or climbs to a hypernym.
        p, h1, h2 = p_h1.fields["premise"], p_h1.fields["hypothesis"], p_h2.fields["hypothesis"]
        assert len(h1) < len(p)
        words_h2, words_h1 = set(h2.rstrip(".").split()), set(h1.rstrip(".").split())
        extra = words_h2 - words_h1 - {"a", "an"}
        if extra:
            (hyper,) = extra
            assert any(hyper == b and a in words_h1 for a, b in know.HYPERNYMS), (h1, h2)


def test_paraphrase_groups_share_hypothesis_and_gold() -> None:
    labels = Counter()
    for (constraint, _), group in groups_of(n_per_constraint=30).items():
        if constraint != "paraphrase":
            continue
        original, paraphrased = group["original"], group["paraphrase"]
        assert original.fields["hypothesis"] == paraphrased.fields["hypothesis"]
        assert original.target == paraphrased.target
        assert original.fields["premise"] != paraphrased.fields["premise"]
        # Same content words (a passive adds "was"/"by", a dative "to", a converse
        # comparative swaps older for younger).
        a = set(original.fields["premise"].rstrip(".").lower().split())
        b = set(paraphrased.fields["premise"].rstrip(".").lower().split())
        assert len(a ^ b) <= 4, (a, b)
        labels[original.target] += 1
    assert set(labels) == {"entailment", "neutral", "contradiction"}


def test_consistency_is_deterministic_with_distinct_items() -> None:
    first = cons.ConsistencyGenerator().generate(cons.ConsistencyGenerator.Options(), 9)
    assert first == cons.ConsistencyGenerator().generate(cons.ConsistencyGenerator.Options(), 9)
    pairs = [(e.fields["premise"], e.fields["hypothesis"]) for e in first]
    assert len(set(pairs)) == len(pairs)
    assert GENERATORS.get("consistency") is cons.ConsistencyGenerator
