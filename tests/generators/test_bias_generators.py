"""The bias generators' items, checked as an annotator would: is each gold label right by
construction, and is each lexicon word free of confounds?"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

import pytest

from harness.generators.attribute_nli import AttributeNLIGenerator
from harness.generators.bbq import TEMPLATES as BBQ_TEMPLATES
from harness.generators.bbq import UNKNOWN_ANSWERS, BBQGenerator
from harness.generators.nli_bias import GROUP_WORDS, NLIBiasGenerator
from harness.generators.occupations import PERCENT_FEMALE
from harness.generators.stereotype_pairs import PAIRS, StereotypePairGenerator
from harness.generators.winogender import TEMPLATES as WINO_TEMPLATES
from harness.generators.winogender import WinogenderGenerator
from harness.transforms import counterfactual_lexicon as lexicon


def test_occupation_words_are_not_gendered_in_form_and_far_from_parity() -> None:
    gendered = {w for pair in lexicon.GENDER_PAIRS for w in pair}
    for occupation, share in PERCENT_FEMALE.items():
        words = occupation.split()
        assert not set(words) & gendered, occupation
        assert not re.search(r"(man|men|ess|woman)$", words[-1]), occupation
        assert abs(share - 50) >= 10, occupation


# --- nli_bias -------------------------------------------------------------------------


def test_nli_bias_pairs_differ_only_in_the_subject_and_are_neutral() -> None:
    examples = NLIBiasGenerator().generate(NLIBiasGenerator.Options(), seed=0)
    assert {e.target for e in examples} == {"neutral"}
    for example in examples[::20]:
        premise, hypothesis = example.fields["premise"], example.fields["hypothesis"]
        occupation, subject = example.meta["premise_word"], example.meta["hypothesis_word"]
        assert (
            premise.replace(occupation, "X").split()[1:]
            == hypothesis.replace(subject, "X").split()[1:]
        )
        assert re.match(r"^(A|An) ", premise) and re.match(r"^(A|An) ", hypothesis)
        assert (premise.split()[0] == "An") == (occupation[0] in "aeio")


def test_nli_bias_group_words_have_the_same_form_within_an_attribute() -> None:
    forms: dict[str, set[str]] = defaultdict(set)
    for attribute, group, subject in GROUP_WORDS:
        forms[attribute].add(subject.split()[-1] if " " in subject else "one word")
        assert group.lower() in subject.lower() or attribute == "gender"
    assert forms["religion"] == {"person"} and forms["nationality"] == {"person"}
    assert forms["gender"] == {"one word"}


# --- winogender -------------------------------------------------------------------------


def test_winogender_pairs_differ_only_in_the_pronoun() -> None:
    examples = WinogenderGenerator().generate(WinogenderGenerator.Options(), seed=0)
    by_pair = defaultdict(list)
    for example in examples:
        by_pair[example.meta["pair"]].append(example)
    for members in list(by_pair.values())[::7]:
        assert len(members) == 2
        he, she = sorted(members, key=lambda e: e.meta["pronoun_gender"] != "male")
        diff = [
            (a, b)
            for a, b in zip(
                he.fields["premise"].split(), she.fields["premise"].split(), strict=True
            )
            if a != b
        ]
        assert diff and all(a in ("he", "his", "him") and b in ("she", "her") for a, b in diff)
        assert he.fields["hypothesis"] == she.fields["hypothesis"]
        assert he.target == she.target
        assert he.meta["stereotype"] != she.meta["stereotype"]


@pytest.mark.parametrize("template", WINO_TEMPLATES, ids=lambda t: t.name)
def test_winogender_gold_follows_the_referent_of_the_template(template) -> None:  # type: ignore[no-untyped-def]
    examples = WinogenderGenerator().generate(
        WinogenderGenerator.Options(templates=[template.name], occupations=["nurse", "plumber"]),
        seed=0,
    )
    for example in examples:
        names_referent = example.meta["candidate"] == template.referent
        assert (example.target == "entailment") == names_referent
        # The hypothesis restates the clause after "because {pronoun}" about its candidate.
        clause = example.fields["premise"].split(" because ")[1].split(" ", 1)[1]
        predicate = template.hypothesis.split("} ", 1)[1]
        assert clause.split()[:2] == predicate.split()[:2]
        majority = "female" if PERCENT_FEMALE[example.meta["occupation"]] > 50 else "male"
        pro = (template.referent == "occupation") == (example.meta["pronoun_gender"] == majority)
        assert example.meta["stereotype"] == ("pro" if pro else "anti")


# --- bbq --------------------------------------------------------------------------------


def test_bbq_gold_answers_follow_the_context() -> None:
    examples = BBQGenerator().generate(BBQGenerator.Options(), seed=0)
    assert len(examples) == 12 * len(BBQ_TEMPLATES)
    templates = {t.name: t for t in BBQ_TEMPLATES}
    for example in examples:
        template = templates[example.meta["template"]]
        choices, gold = example.fields["choices"], example.fields["choices"][example.target]
        roles = example.meta["choice_roles"].split(",")
        assert sorted(roles) == ["other", "stereotyped", "unknown"]
        assert choices[roles.index("unknown")] in UNKNOWN_ANSWERS
        sentences = example.fields["context"].split(". ", 1)
        for entity in (template.stereotyped[0], template.other[0]):
            assert sentences[0].lower().count(entity.lower()) == 1
        if example.meta["context_condition"] == "ambiguous":
            assert gold in UNKNOWN_ANSWERS and len(sentences) == 1
            continue
        # The disambiguating sentence names the person who does well first.
        second = sentences[1].lower()
        does_well = min(
            (template.stereotyped, template.other), key=lambda e: second.find(e[0].lower())
        )
        does_badly = template.other if does_well is template.stereotyped else template.stereotyped
        expected = does_badly if example.meta["question_polarity"] == "negative" else does_well
        assert gold == expected[1]


# --- attribute_nli and stereotype pairs ---------------------------------------------------


def test_attribute_nli_labels_do_not_depend_on_the_group() -> None:
    examples = AttributeNLIGenerator().generate(
        AttributeNLIGenerator.Options(attributes=["religion", "nationality", "age", "first_name"]),
        seed=0,
    )
    by_item = defaultdict(set)
    for example in examples:
        subject = example.fields["premise"].split(" is ")[0]
        assert example.fields["hypothesis"].startswith(subject + " is ")
        key = (example.meta["template"], example.fields["hypothesis"][len(subject) :])
        by_item[key].add(example.target)
    assert all(len(labels) == 1 for labels in by_item.values())
    assert len(by_item) == 12


def test_stereotype_pairs_are_minimal() -> None:
    examples = StereotypePairGenerator().generate(StereotypePairGenerator.Options(), seed=0)
    assert len(examples) == len(PAIRS)
    for example in examples:
        more, less = example.fields["sent_more"].split(), example.fields["sent_less"].split()
        opcodes = [
            op for op in difflib.SequenceMatcher(a=more, b=less).get_opcodes() if op[0] != "equal"
        ]
        assert len(opcodes) == 1 and opcodes[0][0] == "replace", example.fields
        tag, i1, i2, j1, j2 = opcodes[0]
        assert i2 - i1 <= 3 and j2 - j1 <= 3
