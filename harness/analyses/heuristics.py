"""Reference predictors that need no model: the lexical-overlap heuristic and the majority class.

McCoy et al. (2019) show that NLI models trained on MNLI often act as if "every
word of the hypothesis is in the premise ⇒ entailment". ``overlap_heuristic_label``
is that rule, over content words: lowercased, punctuation stripped, minus
scikit-learn's English stop words.

>>> overlap_heuristic_label("The doctor saw the lawyer.", "The lawyer saw the doctor.")
'entailment'
>>> overlap_heuristic_label("The doctor saw the lawyer.", "The judge saw the doctor.")
'non-entailment'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from harness.nltk_data import english_stop_words

ENTAILMENT = "entailment"
NON_ENTAILMENT = "non-entailment"

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def content_words(text: str) -> list[str]:
    """Lowercased words of ``text`` without punctuation or English stop words.

    >>> content_words("The pilot didn't wait, did she?")
    ['pilot', "didn't", 'wait', 'did']
    """
    stop_words = english_stop_words()
    return [word for word in _WORD.findall(text.lower()) if word not in stop_words]


def overlap_heuristic_label(premise: str, hypothesis: str) -> str:
    """``entailment`` iff every content word of the hypothesis occurs in the premise."""
    premise_words = set(content_words(premise))
    if all(word in premise_words for word in content_words(hypothesis)):
        return ENTAILMENT
    return NON_ENTAILMENT


def collapse_to_binary(label: str | None) -> str | None:
    """Three-way NLI labels onto entailment / non-entailment (``None`` stays ``None``)."""
    if label is None:
        return None
    return ENTAILMENT if label == ENTAILMENT else NON_ENTAILMENT


def majority_label(labels: Iterable[str], order: Sequence[str] = ()) -> str:
    """The most frequent label; ties go to the label earliest in ``order``, then by name.

    >>> majority_label(["a", "b", "b", "a"], order=["b", "a"])
    'b'
    """
    counts = Counter(labels)
    if not counts:
        raise ValueError("majority_label needs at least one label")
    rank = {label: i for i, label in enumerate(order)}
    return min(counts, key=lambda label: (-counts[label], rank.get(label, len(rank)), label))


def majority_baseline(
    train_labels: Iterable[str], test_labels: Sequence[str], order: Sequence[str] = ()
) -> tuple[str, int]:
    """The majority label of ``train_labels`` and how many ``test_labels`` it gets right.

    >>> majority_baseline(["e", "e", "n"], ["e", "n", "n", "e"])
    ('e', 2)
    """
    label = majority_label(train_labels, order)
    return label, sum(1 for gold in test_labels if gold == label)
