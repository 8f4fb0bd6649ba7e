"""seq-rep-n, distinct-n and loops on hand-computed examples; distinct-n's CI by simulation."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from scipy.stats import binomtest

from harness.coherence import analysis, judge, sentences
from harness.metrics import coherence as metrics
from harness.metrics import repetition
from harness.metrics.base import MetricContext, PairedColumns
from harness.metrics.coherence import DISTINCT_1, DISTINCT_2, LOOP_RATE, rate_with_wilson
from harness.metrics.columns import ItemColumns
from harness.metrics.repetition import (
    distinct_n,
    distinct_n_parts,
    find_loop,
    repeated_spans,
    seq_rep,
    word_tokens,
)
from harness.testing.metrics import SampleItem


@pytest.mark.parametrize("module", [analysis, judge, metrics, repetition, sentences])
def test_docstring_examples_hold(module) -> None:
    failed, tried = doctest.testmod(module)
    assert tried > 0 and failed == 0


def words(text: str) -> list[str]:
    return [token.text for token in word_tokens(text)]


def test_tokens_are_lowercased_words_and_marks_with_offsets() -> None:
    text = "Don't PANIC, it's 3.5 km!"
    tokens = word_tokens(text)
    assert [t.text for t in tokens] == ["don't", "panic", ",", "it's", "3", ".", "5", "km", "!"]
    assert all(text[t.start : t.end].lower() == t.text for t in tokens)


def test_seq_rep_on_hand_computed_examples() -> None:
    # "the cat sat on the cat sat on the mat": 4-grams
    #   the cat sat on | cat sat on the | sat on the cat | on the cat sat |
    #   the cat sat on (again) | cat sat on the (again) | sat on the mat
    # 7 four-grams, 5 distinct: 1 - 5/7.
    assert seq_rep(words("the cat sat on the cat sat on the mat"), 4) == pytest.approx(2 / 7)
    # Unigrams: a a b a -> 2 distinct of 4.
    assert seq_rep(list("aaba"), 1) == pytest.approx(0.5)
    assert seq_rep(words("no repeat here at all"), 2) == 0.0
    assert seq_rep(["only", "three", "words"], 4) is None  # no 4-gram: undefined, not 0


def test_distinct_n_follows_li_et_al_tokens_in_the_denominator() -> None:
    generations = [["i", "do", "not", "know"], ["i", "do", "not", "care"], ["i", "know"]]
    # Unigrams: {i, do, not, know, care} = 5 over 10 tokens.
    assert distinct_n(generations, 1) == pytest.approx(5 / 10)
    # Bigrams: {i do, do not, not know, not care, i know} = 5 over 10 tokens.
    assert distinct_n(generations, 2) == pytest.approx(5 / 10)
    assert distinct_n([[], []], 1) is None


def test_distinct_n_parts_split_the_types_exactly() -> None:
    rng = np.random.default_rng(0)
    generations = [list(rng.choice(list("abcdef"), size=rng.integers(0, 12))) for _ in range(30)]
    for n in (1, 2, 3):
        shares, counts = distinct_n_parts(generations, n)
        types = {tuple(g[i : i + n]) for g in generations for i in range(len(g) - n + 1)}
        assert shares.sum() == pytest.approx(len(types))
        assert counts.sum() == sum(len(g) for g in generations)


@pytest.mark.parametrize(
    "text,expected",
    [
        # A sentence three times in a row: a loop of 3 copies of 4 tokens.
        ("I like it. I like it. I like it.", (0, 4, 3)),
        # A word repeated six times: six tokens, a loop.
        ("we went on on on on on on", (2, 1, 6)),
        # Speech, not a loop: five tokens in all.
        ("no, no, no", None),
        # Only two copies.
        ("The end is near. The end is near.", None),
        # Repetition that is not back to back.
        ("the dog ran . a cat sat . the dog ran . a bird flew .", None),
        # The longest stretch wins over an earlier, shorter one.
        ("la la la la la la then go go go go go go go go", (7, 1, 8)),
    ],
)
def test_find_loop(text: str, expected: tuple[int, int, int] | None) -> None:
    loop = find_loop(words(text))
    assert (None if loop is None else (loop.start, loop.unit, loop.copies)) == expected


def test_a_loop_starts_on_a_word_not_on_punctuation() -> None:
    loop = find_loop(words("Well. I know. I know. I know."))
    assert loop is not None and words("Well. I know. I know. I know.")[loop.start] == "i"


def test_repeated_spans_mark_later_copies_only() -> None:
    text = "The red fox ran home. Then the red fox ran away."
    spans = repeated_spans(word_tokens(text), 4)
    assert [text[a:b] for a, b in spans] == ["the red fox ran"]  # its second time
    assert repeated_spans(word_tokens("nothing repeats in this sentence at all"), 2) == []


def test_rate_with_wilson_matches_scipy() -> None:
    value = rate_with_wilson(np.array([1, 0, 1, 1, 0, 0, 0, 1, 1, 1], dtype=float))
    expected = binomtest(6, 10).proportion_ci(method="wilson")
    assert value.value == 0.6 and value.n == 10
    assert (value.ci_low, value.ci_high) == pytest.approx((expected.low, expected.high))


def item(text: str, index: int, **scores: float) -> SampleItem:
    return SampleItem(
        id=f"g{index}",
        gold=None,
        predicted=text,
        correct=None,
        probabilities=None,
        confidence=None,
        scores={"token_count": float(len(word_tokens(text))), **scores},
    )


def columns(items: list[SampleItem]) -> ItemColumns:
    return ItemColumns.from_items(items, ())


def paired(base: list[SampleItem], candidate: list[SampleItem]) -> PairedColumns:
    rows = np.arange(len(base))
    return PairedColumns(columns(base), columns(candidate), rows, rows)


def test_distinct_metric_reads_the_generations_and_pairs_for_the_gate() -> None:
    texts = ["i do not know", "i do not care", "i know"]
    items = [item(t, i) for i, t in enumerate(texts)]
    value = DISTINCT_1(columns(items), (), MetricContext(resamples=300, seed=1))
    assert value.value == pytest.approx(0.5) and value.n == 3
    assert value.ci_low <= value.value <= value.ci_high
    other = [item(t, i) for i, t in enumerate(["yes", "no", "maybe so"])]
    assert DISTINCT_1.paired is not None
    inputs = DISTINCT_1.paired(paired(items, other), ())
    assert inputs is not None
    assert inputs.base_value == pytest.approx(0.5)
    assert inputs.candidate_value == pytest.approx(1.0)
    assert inputs.discordant == 1.0
    # Items that carry no token count (classification items) are not generations.
    plain = columns(
        [SampleItem("x", "entailment", "entailment", True, None, None, scores={"correct": 1.0})]
    )
    assert DISTINCT_2(plain, (), MetricContext()) is None
    assert not DISTINCT_2.applies_to(plain) and DISTINCT_2.applies_to(columns(items))


def test_loop_rate_is_the_mean_of_looped_with_a_wilson_interval() -> None:
    items = [item("x", i, looped=float(i < 3)) for i in range(8)]
    value = LOOP_RATE(columns(items), (), MetricContext())
    assert value.value == pytest.approx(3 / 8) and value.method == "wilson"


def _corpus(rng: np.random.Generator, n: int) -> list[str]:
    """Generations from a Zipf vocabulary, a fifth of them looping on a short phrase."""
    vocabulary = np.array([f"w{i}" for i in range(300)])
    weights = 1 / np.arange(1, 301) ** 1.1
    weights /= weights.sum()
    texts = []
    for _ in range(n):
        length = int(rng.integers(10, 50))
        if rng.random() < 0.2:
            unit = rng.choice(vocabulary, size=int(rng.integers(2, 6)), p=weights)
            tokens = np.tile(unit, length // len(unit) + 1)[:length]
        else:
            tokens = rng.choice(vocabulary, size=length, p=weights)
        texts.append(" ".join(tokens))
    return texts


@pytest.mark.slow
def test_distinct_n_interval_covers_the_expected_value_by_simulation() -> None:
    """The bootstrap over per-generation shares covers E[distinct-2] of a corpus of the
    same size about 95% of the time (the simulation in docs/coherence.md; it runs slightly
    conservative)."""
    rng = np.random.default_rng(11)
    n = 40
    truth = np.mean([distinct_n([t.split() for t in _corpus(rng, n)], 2) for _ in range(1500)])
    replications = 120
    covered = 0
    for r in range(replications):
        items = [item(text, i) for i, text in enumerate(_corpus(rng, n))]
        value = DISTINCT_2(columns(items), (), MetricContext(resamples=500, seed=r))
        covered += value.ci_low <= truth <= value.ci_high
    coverage = covered / replications
    # Binomial noise over 120 replications at 95% is about ±4 points.
    assert 0.88 <= coverage <= 1.0, coverage
