"""Repetition in generated text: seq-rep-n, distinct-n and loops, over word tokens.

Every measure here reads the same tokens (``word_tokens``): words (with inner
apostrophes) and single punctuation marks, lowercased, so that numbers do not depend
on a model's own tokenizer and two runs of different models are measured alike.

* ``seq_rep(tokens, n)``: Welleck et al. (2019), "Neural text degeneration with
  unlikelihood training": 1 − |distinct n-grams| / |n-grams| within one generation;
  ``None`` when it has no n-gram (fewer than n tokens).
* ``distinct_n(texts, n)``: Li et al. (2016), "A diversity-promoting objective function
  for neural conversation models": distinct n-grams across all of a test's generations,
  divided by the total number of generated tokens (the paper scales by tokens, not by
  n-grams, "to avoid favoring long sentences").
* ``find_loop(tokens)``: a span of tokens repeated back to back at least three times
  (six tokens or more in all): the generation has fallen into a loop.

Distinct-n is a property of a set of generations, not of one. ``distinct_n_parts``
splits it exactly into per-generation shares (each n-gram type counts 1/c towards each
of the c generations that contain it), so that its value is a ratio of sums over
generations and its CI and paired difference are bootstraps over generations like any
other (tests/coherence/test_repetition.py checks the interval's coverage by simulation).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: A word (letters, digits, inner apostrophes) or one punctuation mark.
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")

#: A loop is a span repeated back to back at least this many times ...
LOOP_MIN_COPIES = 3
#: ... covering at least this many tokens ("no, no, no" is speech, not a loop) ...
LOOP_MIN_TOKENS = 6
#: ... with a repeated span of at most this many tokens.
LOOP_MAX_UNIT = 50


@dataclass(frozen=True)
class Token:
    """A lowercased token and where it is in the text."""

    text: str
    start: int
    end: int


def word_tokens(text: str) -> list[Token]:
    """The text's tokens with character offsets.

    >>> [t.text for t in word_tokens("Don't stop, Anna!")]
    ["don't", 'stop', ',', 'anna', '!']
    """
    return [Token(m.group(0).lower(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    """The n-grams of ``tokens`` in order (none when there are fewer than n tokens).

    >>> ngrams(["a", "b", "c"], 2)
    [('a', 'b'), ('b', 'c')]
    """
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def seq_rep(tokens: Sequence[str], n: int = 4) -> float | None:
    """Share of repeated n-grams within one generation (seq-rep-n).

    >>> seq_rep("a b a b a".split(), 2)   # ab ba ab ba: 2 distinct of 4
    0.5
    >>> seq_rep(["a"], 2) is None
    True
    """
    grams = ngrams(tokens, n)
    if not grams:
        return None
    return 1.0 - len(set(grams)) / len(grams)


def distinct_n_parts(token_lists: Sequence[Sequence[str]], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per generation: its share of the distinct n-gram types, and its token count.

    A type found in c generations counts 1/c towards each, so the shares sum to the
    number of distinct n-grams and ``shares.sum() / tokens.sum()`` is distinct-n.

    >>> shares, tokens = distinct_n_parts([["a", "b"], ["a", "c"]], 1)
    >>> shares.tolist(), tokens.tolist()
    ([1.5, 1.5], [2.0, 2.0])
    """
    type_sets = [set(ngrams(tokens, n)) for tokens in token_lists]
    found_in = Counter(gram for types in type_sets for gram in types)
    shares = np.array([sum(1.0 / found_in[gram] for gram in types) for types in type_sets])
    counts = np.array([float(len(tokens)) for tokens in token_lists])
    return shares.reshape(-1), counts.reshape(-1)


def distinct_n(token_lists: Sequence[Sequence[str]], n: int) -> float | None:
    """Distinct n-grams across generations / tokens generated (Li et al. 2016).

    >>> distinct_n([["a", "b", "a"], ["b", "a"]], 1)   # {a, b} over 5 tokens
    0.4
    >>> distinct_n([[], []], 2) is None
    True
    """
    shares, counts = distinct_n_parts(token_lists, n)
    total = counts.sum()
    if total == 0:
        return None
    return float(shares.sum() / total)


@dataclass(frozen=True)
class Loop:
    """``copies`` copies of a span of ``unit`` tokens, back to back, from token ``start``."""

    start: int
    unit: int
    copies: int

    @property
    def end(self) -> int:
        """The token after the last full copy."""
        return self.start + self.unit * self.copies


def find_loop(
    tokens: Sequence[str],
    min_copies: int = LOOP_MIN_COPIES,
    min_tokens: int = LOOP_MIN_TOKENS,
    max_unit: int = LOOP_MAX_UNIT,
) -> Loop | None:
    """The longest run of a span repeated back to back, if it makes a loop.

    Of the loops found, the one covering the most tokens; then the shortest span, then
    the earliest.

    >>> find_loop("i like it . i like it . i like it . i".split())
    Loop(start=0, unit=4, copies=3)
    >>> find_loop("no , no , no".split()) is None   # five tokens: too short for a loop
    True
    """
    codes: dict[str, int] = {}
    ids = np.array([codes.setdefault(token, len(codes)) for token in tokens], dtype=np.int64)
    best: Loop | None = None
    for unit in range(1, min(max_unit, len(ids) // min_copies) + 1):
        # same[i]: token i + unit repeats token i; a run of L such positions from s makes
        # tokens s .. s + L + unit periodic with period ``unit``.
        same = np.concatenate([[False], ids[unit:] == ids[:-unit], [False]])
        edges = np.flatnonzero(np.diff(same.astype(np.int8)))
        for run_start, run_end in zip(edges[0::2], edges[1::2], strict=True):
            length = int(run_end - run_start)
            copies = (length + unit) // unit
            if copies < min_copies or copies * unit < min_tokens:
                continue
            # Within the periodic stretch, the copies may start at any of ``unit`` places:
            # the first that keeps every copy and starts on a word ("I know." rather
            # than ". I know").
            offset = next(
                (
                    shift
                    for shift in range(unit)
                    if (length - shift + unit) // unit == copies
                    and tokens[run_start + shift][:1].isalnum()
                ),
                0,
            )
            found = Loop(int(run_start) + offset, unit, copies)
            if best is None or (-found.copies * found.unit, found.unit, found.start) < (
                -best.copies * best.unit,
                best.unit,
                best.start,
            ):
                best = found
    return best


def repeated_spans(tokens: Sequence[Token], n: int = 4) -> list[tuple[int, int]]:
    """Character spans of every n-gram that repeats one seen earlier in the text, merged.

    >>> text = "the cat sat . the cat sat ."
    >>> [text[a:b] for a, b in repeated_spans(word_tokens(text), 3)]
    ['the cat sat .']
    """
    words = [token.text for token in tokens]
    seen: set[tuple[str, ...]] = set()
    covered = [False] * len(tokens)
    for index, gram in enumerate(ngrams(words, n)):
        if gram in seen:
            for offset in range(n):
                covered[index + offset] = True
        seen.add(gram)
    spans: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if not covered[index]:
            continue
        if index > 0 and covered[index - 1] and spans:
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return spans
