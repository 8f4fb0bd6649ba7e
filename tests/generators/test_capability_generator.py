"""The capability generator: counts, determinism, template invariants, lexical relations."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from harness.errors import ResourceUnavailableError
from harness.generators import lexicon
from harness.generators.capabilities import (
    BUILTIN_PAIRS,
    CAPABILITIES,
    TEMPLATES,
    CapabilityGenerator,
    lexical_pairs,
    with_article,
)
from harness.nltk_data import wordnet_available
from harness.registry import GENERATORS

LABELS = {"entailment", "neutral", "contradiction"}


def generate(seed: int = 0, **options: object) -> list:
    return CapabilityGenerator().generate(CapabilityGenerator.Options(**options), seed)


@pytest.fixture(scope="module")
def builtin_items() -> list:
    return generate(seed=11, use_wordnet="no", n_per_capability=40)


def test_every_capability_with_the_requested_count(builtin_items: list) -> None:
    assert len(CAPABILITIES) == 16
    counts = Counter(e.meta["capability"] for e in builtin_items)
    assert counts == {capability: 40 for capability in CAPABILITIES}
    assert {e.target for e in builtin_items} == LABELS
    for e in builtin_items:
        assert e.target == e.meta["label"] and e.meta["lexicon"] == "builtin"


def test_templates_cycle_so_every_template_is_used(builtin_items: list) -> None:
    used = Counter(e.meta["template"] for e in builtin_items)
    assert set(used) == {f"{c}/{i}" for c, ts in TEMPLATES.items() for i in range(len(ts))}


def _slot_regex(template: str) -> str:
    """A template as a regex; repeated slots must repeat their value."""
    seen: set[str] = set()
    parts = []
    for piece in re.split(r"(\{[a-z0-9_]+\})", template):
        if piece.startswith("{"):
            name = piece[1:-1]
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>[A-Za-z0-9 ]+?)")
            seen.add(name)
        else:
            parts.append(re.escape(piece))
    return "".join(parts)


def _parse(item: object) -> dict[str, str]:
    text = f"{item.fields['premise']} => {item.fields['hypothesis']}"
    match = re.fullmatch(_slot_regex(item.meta["template_text"]), text)
    assert match is not None, (item.meta["template_text"], text)
    return match.groupdict()


def test_items_fill_their_template_and_keep_its_label(builtin_items: list) -> None:
    for item in builtin_items:
        capability, number = item.meta["template"].split("/")
        label, premise, hypothesis = TEMPLATES[capability][int(number)]
        assert item.target == label
        assert item.meta["template_text"] == f"{premise} => {hypothesis}"
        slots = _parse(item)
        people = [slots[k] for k in ("n1", "n2", "n3") if k in slots]
        assert len(set(people)) == len(people)  # distinct people


def test_number_labels_agree_with_arithmetic(builtin_items: list) -> None:
    pattern = re.compile(
        r"The (\w+) bought exactly (\d+) (\w+)\. => The (\w+) bought (more|fewer) than (\d+) (\w+)\."
    )
    checked = 0
    for item in builtin_items:
        if item.meta["capability"] != "numbers":
            continue
        text = f"{item.fields['premise']} => {item.fields['hypothesis']}"
        who, count, things, who2, direction, bound, things2 = pattern.fullmatch(text).groups()
        assert things == things2
        if who != who2:
            expected = "neutral"
        elif (int(count) > int(bound)) if direction == "more" else (int(count) < int(bound)):
            expected = "entailment"
        else:
            expected = "contradiction"
        assert item.target == expected, text
        checked += 1
    assert checked == 40


def _relations_hold(items: list, pairs: object) -> None:
    antonyms = {frozenset(pair) for pair in pairs.antonyms}
    for item in items:
        slots = _parse(item)
        if "adjective" in slots:
            assert frozenset((slots["adjective"], slots["antonym"])) in antonyms
        if "synonym1" in slots:
            assert (slots["synonym1"], slots["synonym2"]) in pairs.synonyms
        if "a_hyponym" in slots:
            hyponym = slots["a_hyponym"].split(" ", 1)[1]
            hypernym = slots["a_hypernym"].split(" ", 1)[1]
            assert (hyponym, hypernym) in pairs.hyponyms
            assert slots["a_hyponym"] == with_article(hyponym)
        if "less" in slots:
            assert (slots["more"], slots["less"]) in lexicon.COMPARATIVE_PAIRS
        elif "more" in slots:
            assert slots["more"] in dict(lexicon.COMPARATIVE_PAIRS)


def test_builtin_lexical_relations(builtin_items: list) -> None:
    _relations_hold(builtin_items, BUILTIN_PAIRS)


@pytest.mark.skipif(not wordnet_available(), reason="WordNet is not installed")
def test_wordnet_pairs_are_common_words_related_in_their_first_sense() -> None:
    from harness.nltk_data import wordnet

    reader = wordnet()
    pairs = lexical_pairs("yes")
    assert pairs.source == "wordnet"
    assert len(pairs.antonyms) >= 8 and len(pairs.synonyms) >= 3 and len(pairs.hyponyms) >= 10
    adjectives, nouns = set(lexicon.COMMON_ADJECTIVES), set(lexicon.COMMON_NOUNS)
    for a, b in pairs.antonyms:
        assert {a, b} <= adjectives
        first = reader.synsets(a, pos="a")[0]
        other = reader.synsets(b, pos="a")[0]
        lemma_antonyms = {x.name() for lemma in first.lemmas() for x in lemma.antonyms()}
        lemma_antonyms |= {x.name() for lemma in other.lemmas() for x in lemma.antonyms()}
        assert {a, b} & lemma_antonyms
    for a, b in pairs.synonyms:
        assert reader.synsets(a, pos="a")[0] == reader.synsets(b, pos="a")[0]
    for hyponym, hypernym in pairs.hyponyms:
        assert {hyponym, hypernym} <= nouns
        ancestors = set(reader.synsets(hyponym, pos="n")[0].closure(lambda s: s.hypernyms()))
        assert reader.synsets(hypernym, pos="n")[0] in ancestors
    assert ("puppy", "dog") in pairs.hyponyms and ("asleep", "awake") in pairs.antonyms
    items = generate(seed=2, use_wordnet="yes", n_per_capability=30)
    assert {e.meta["lexicon"] for e in items} == {"wordnet"}
    _relations_hold(items, pairs)


def test_use_wordnet_yes_without_wordnet_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARNESS_WORDNET_DIR", str(tmp_path))
    with pytest.raises(ResourceUnavailableError, match="use_wordnet"):
        generate(use_wordnet="yes")
    assert {e.meta["lexicon"] for e in generate(use_wordnet="auto", n_per_capability=2)} == {
        "builtin"
    }


def test_exact_items_for_a_seed() -> None:
    items = generate(seed=0, use_wordnet="no", n_per_capability=2, capabilities=["negation"])
    assert [(e.id, e.fields["premise"], e.fields["hypothesis"], e.target) for e in items] == [
        (
            "capabilities:negation:50959d15de73",
            "The editor slept.",
            "The editor did not sleep.",
            "contradiction",
        ),
        (
            "capabilities:negation:eff2089fb3c6",
            "The farmer did not sleep.",
            "The farmer slept.",
            "contradiction",
        ),
    ]


def test_determinism_and_seed_dependence() -> None:
    assert generate(seed=4, use_wordnet="no") == generate(seed=4, use_wordnet="no")
    first, second = generate(seed=4, use_wordnet="no"), generate(seed=5, use_wordnet="no")
    assert {e.id for e in first}.isdisjoint({e.id for e in second})
    assert [e.fields for e in first] != [e.fields for e in second]


def test_no_duplicates_and_unique_ids() -> None:
    items = generate(seed=9, use_wordnet="no", n_per_capability=60)
    pairs = [(e.fields["premise"], e.fields["hypothesis"]) for e in items]
    assert len(set(pairs)) == len(pairs)
    assert len({e.id for e in items}) == len(items)


def test_vocabulary_coverage(builtin_items: list) -> None:
    text = " ".join(f"{e.fields['premise']} {e.fields['hypothesis']}" for e in builtin_items)
    words = Counter(re.findall(r"[A-Za-z]+", text))
    vocabulary = [
        *(p.singular for p in lexicon.PEOPLE),
        *(p.plural for p in lexicon.PEOPLE),
        *(v.past for v in lexicon.INTRANSITIVE_VERBS),
        *(v.base for v in lexicon.INTRANSITIVE_VERBS),
        *lexicon.FEMALE_NAMES,
        *lexicon.MALE_NAMES,
        *(plural for _, plural in lexicon.THINGS),
        *(word for pair in lexicon.COMPARATIVE_PAIRS for word in pair),
        *(word for pair in lexicon.ANTONYM_PAIRS for word in pair),
        *(word for pair in lexicon.SYNONYM_PAIRS for word in pair),
        *(word for pair in lexicon.HYPONYM_PAIRS for word in pair),
        *lexicon.COLOURS,
    ]
    assert [word for word in vocabulary if words[word] == 0] == []


def test_options() -> None:
    items = generate(n_per_capability=3, capabilities=["modality", "negation"], use_wordnet="no")
    assert Counter(e.meta["capability"] for e in items) == {"negation": 3, "modality": 3}
    with pytest.raises(ValueError, match="did you mean 'negation'"):
        CapabilityGenerator.Options(capabilities=["negaton"])
    with pytest.raises(ValueError):
        CapabilityGenerator.Options(use_wordnet="maybe")
    assert GENERATORS.get("capabilities") is CapabilityGenerator
