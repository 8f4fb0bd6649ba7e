"""typo, case, punctuation, whitespace, contraction, filler: exact strings for fixed seeds."""

from __future__ import annotations

import pytest
from transform_helpers import apply, changed

from harness.transforms.filler import add_filler
from harness.transforms.formatting import title_case
from harness.transforms.typo import KEYBOARD_NEIGHBOURS, is_english_word, typo_word

FOX = {"premise": "The quick brown fox jumps over the lazy dog.", "hypothesis": "A fox is jumping."}


def test_keyboard_neighbours_follow_a_qwerty_layout() -> None:
    assert KEYBOARD_NEIGHBOURS["g"] == "bfhtvy"
    assert KEYBOARD_NEIGHBOURS["q"] == "aw"
    assert KEYBOARD_NEIGHBOURS["m"] == "jkn"
    assert all(
        key in KEYBOARD_NEIGHBOURS[n] for key, near in KEYBOARD_NEIGHBOURS.items() for n in near
    )


@pytest.mark.parametrize(
    ("kind", "hypothesis", "description"),
    [
        ("keyboard", "A flx is jumping.", "'fox' → 'flx'"),
        ("swap", "A fxo is jumping.", "'fox' → 'fxo'"),
        ("delete", "A fx is jumping.", "'fox' → 'fx'"),
        ("insert", "A folx is jumping.", "'fox' → 'folx'"),
        ("mix", "A foxs is jumping.", "'fox' → 'foxs'"),
    ],
)
def test_typo_kinds_exact(kind: str, hypothesis: str, description: str) -> None:
    [variant] = apply("typo", FOX, {"kind": kind})
    assert changed(variant, FOX) == {"hypothesis": hypothesis}
    assert variant.transform is not None and variant.transform.description == description
    assert variant.target == "entailment" and variant.parent_id == "x"
    assert variant.meta == {"tag": "t"}


def test_typo_rate_max_edits_and_variants_exact() -> None:
    variants = apply("typo", FOX, {"n_variants": 3, "rate": 0.5, "max_edits": 3})
    assert [changed(v, FOX) for v in variants] == [
        {
            # "lazy" → "lay" (an English word) was drawn again.
            "premise": "The quick brown fox jumps ovre the alzy dog.",
            "hypothesis": "A fxo is jumping.",
        },
        {
            "premise": "The quick brown fxo jumps over the lazy dgo.",
            "hypothesis": "A fox is jumpnig.",
        },
        {
            "premise": "The quicfk brown fox jumps over the layz dog.",
            "hypothesis": "A ofx is jumping.",
        },
    ]
    assert len({v.id for v in variants}) == 3


def test_typo_never_makes_another_english_word() -> None:
    # "wheel" has one-edit neighbours that are words ("heel", "whee", "wheal"): each draw
    # that lands on one is drawn again, and an edit that keeps landing on one is rejected.
    fields = {"premise": "Nobody rides on one wheel.", "hypothesis": "A boy rides on one wheel."}
    variants = apply("typo", fields, {"n_variants": 20, "rate": 1.0, "max_edits": 3})
    words = [w for v in variants for w in v.fields["hypothesis"].rstrip(".").split()]
    made = {w for w in words if w not in {"A", "boy", "rides", "on", "one", "wheel"}}
    assert made and not any(is_english_word(w) for w in made)
    assert not is_english_word("wheeel") and is_english_word("heel")
    for seed in range(60):
        made = apply("typo", {"hypothesis": "A cat sat."}, {"kind": "delete"}, seed=seed)
        # "cat" → "ca"/"at"/"ct": "at" is a word and is never kept.
        assert all(not v.fields["hypothesis"].startswith("A at ") for v in made)


def test_typo_skips_short_words_only() -> None:
    assert apply("typo", {"premise": "A is on", "hypothesis": "It is."}) == []


def test_typo_word_never_swaps_equal_letters() -> None:
    import random

    assert typo_word("all", "swap", random.Random(0)) == "lal"
    assert typo_word("aa", "swap", random.Random(0)) == "aa"


@pytest.mark.parametrize(
    ("mode", "premise", "hypothesis"),
    [
        ("lower", "the man doesn't sleep.", "mary's dog is ok"),
        ("upper", "THE MAN DOESN'T SLEEP.", "MARY'S DOG IS OK"),
        ("title", "The Man Doesn't Sleep.", "Mary's Dog Is OK"),
    ],
)
def test_case_modes(mode: str, premise: str, hypothesis: str) -> None:
    fields = {"premise": "The man doesn't sleep.", "hypothesis": "Mary's dog is OK"}
    [variant] = apply("case", fields, {"mode": mode})
    assert variant.fields == {"premise": premise, "hypothesis": hypothesis}
    assert variant.transform is not None
    assert variant.transform.description == f"{mode} case: hypothesis, premise"


def test_case_skips_when_nothing_changes() -> None:
    assert apply("case", {"premise": "a b", "hypothesis": "c"}, {"mode": "lower"}) == []
    assert title_case("o'neil's dog") == "O'neil's Dog"


def test_punctuation_strip_and_add() -> None:
    fields = {"premise": "The man sleeps!", "hypothesis": 'He is "tired."'}
    [stripped] = apply("punctuation", fields, {"mode": "strip"})
    assert stripped.fields == {"premise": "The man sleeps", "hypothesis": 'He is "tired"'}
    fields = {"premise": "The man sleeps", "hypothesis": "He is tired."}
    [added] = apply("punctuation", fields, {"mode": "add"})
    assert changed(added, fields) == {"premise": "The man sleeps."}
    assert added.transform is not None and added.transform.description == "added '.': premise"
    [question] = apply("punctuation", fields, {"mode": "add", "mark": "?"})
    assert question.fields["premise"] == "The man sleeps?"


def test_punctuation_skips() -> None:
    assert apply("punctuation", {"premise": "The man sleeps", "hypothesis": "He is tired"}) == []
    assert apply("punctuation", {"premise": "A.", "hypothesis": "B!"}, {"mode": "add"}) == []


def test_whitespace_exact() -> None:
    fields = {"premise": "The man is sleeping on a bench.", "hypothesis": "A man sleeps."}
    [variant] = apply("whitespace", fields)
    assert variant.fields == {
        "premise": "The man is sleeping on a\t bench.",
        "hypothesis": "A man   sleeps.",
    }
    [no_tabs] = apply("whitespace", fields, {"tabs": False, "rate": 0.5})
    assert no_tabs.fields == {
        "premise": "The   man is sleeping  on   a bench.",
        "hypothesis": "A   man sleeps.",
    }
    assert no_tabs.fields["premise"].split() == fields["premise"].split()


def test_whitespace_skips_single_words() -> None:
    assert apply("whitespace", {"premise": "Sleeping", "hypothesis": "Yes."}) == []


def test_contraction_both_directions() -> None:
    fields = {
        "premise": "I am sure he will not come and it is late.",
        "hypothesis": "They don't know. I'm here and Isn't it? He's gone.",
    }
    contracted, expanded = apply("contraction", fields)
    assert changed(contracted, fields) == {"premise": "I'm sure he'll not come and it's late."}
    # "Isn't it?" is a question tag and "He's" is ambiguous (is/has): both stay.
    assert changed(expanded, fields) == {
        "hypothesis": "They do not know. I am here and Isn't it? He's gone."
    }
    assert expanded.transform is not None
    assert expanded.transform.description == "'don't' → 'do not', 'I'm' → 'I am'"


def test_contraction_keeps_case() -> None:
    fields = {"premise": "Do not go. CANNOT stop.", "hypothesis": "The cat sleeps."}
    [variant] = apply("contraction", fields, {"direction": "contract"})
    assert variant.fields["premise"] == "Don't go. CAN'T stop."
    [back] = apply(
        "contraction", {"premise": "It won’t rain.", "hypothesis": "x"}, {"direction": "expand"}
    )
    assert back.fields["premise"] == "It will not rain."


def test_contraction_skips() -> None:
    assert apply("contraction", {"premise": "The cat sleeps.", "hypothesis": "He's tall."}) == []


def test_filler_positions() -> None:
    assert add_filler("The man sleeps.", "honestly", "start") == "Honestly, the man sleeps."
    assert add_filler("Mary sleeps.", "well", "start") == "Well, Mary sleeps."
    assert add_filler("The man sleeps.", "you know", "end") == "The man sleeps, you know."
    assert add_filler('He said "no."', "you know", "end") == 'He said "no, you know."'
    assert add_filler("...", "so", "start") is None


def test_filler_exact_variants() -> None:
    fields = {"premise": "The man sleeps.", "hypothesis": "Mary is tired"}
    variants = apply("filler", fields, {"n_variants": 3})
    assert [v.fields for v in variants] == [
        {"premise": "Anyway, the man sleeps.", "hypothesis": "Okay so, Mary is tired"},
        {"premise": "The man sleeps, you know.", "hypothesis": "Honestly, Mary is tired"},
        {"premise": "Okay so, the man sleeps.", "hypothesis": "Mary is tired, you know"},
    ]
    [start] = apply("filler", fields, {"position": "start", "start_fillers": ["frankly"]})
    assert start.fields["premise"] == "Frankly, the man sleeps."


def test_filler_skips_text_without_words() -> None:
    assert apply("filler", {"premise": "...", "hypothesis": "!"}) == []
