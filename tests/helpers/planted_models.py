"""NLI models with one planted behaviour each, for checking the findings engine.

    harness run suites/nli_robustness.yaml --model python:helpers.planted_models:uniform_random

Each model does one thing a reader can state in a sentence, so a run's findings can be
checked against it: the planted behaviour must be found (recall) and nothing the model
does not do may be claimed of it (tests/findings/test_planted_behaviour.py, the table in
docs/findings.md). "Random" answers come from a hash of the input, so every model is
deterministic, needs no seed and gives the same answer to the same pair however the
batches are cut.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import harness

LABELS = ("entailment", "neutral", "contradiction")
#: Words whose presence in a hypothesis makes ``negation_cue`` answer contradiction.
NEGATION_CUES = frozenset({"not", "no", "never"})
#: The share of symmetry pairs (an unordered pair of sentences) ``symmetry_violator``
#: answers differently in the two orders.
ASYMMETRIC_SHARE = 0.5

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _unit(*texts: str) -> float:
    """A number in [0, 1) fixed by the texts: a uniform draw that needs no seed."""
    digest = hashlib.sha256("\x1f".join(texts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _hashed_label(*texts: str) -> str:
    return LABELS[int(_unit(*texts) * len(LABELS))]


def _overlap_label(premise: str, hypothesis: str) -> str:
    """Entailment iff every hypothesis word occurs in the premise, else neutral."""
    premise_words = set(_words(premise))
    if all(word in premise_words for word in _words(hypothesis)):
        return "entailment"
    return "neutral"


def uniform_random(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """Each of the three labels with probability 1/3, whatever the input says."""
    return [_hashed_label(fields["premise"], fields["hypothesis"]) for fields in batch]


def constant_entailment(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """ "entailment" to everything."""
    return ["entailment" for _ in batch]


def lexical_overlap(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """The lexical-overlap heuristic (McCoy et al. 2019): entailment iff every word of the
    hypothesis is in the premise, neutral otherwise."""
    return [_overlap_label(fields["premise"], fields["hypothesis"]) for fields in batch]


def negation_cue(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """Contradiction when the hypothesis says not/no/never; a uniform random label otherwise."""
    answers = []
    for fields in batch:
        if NEGATION_CUES & set(_words(fields["hypothesis"])):
            answers.append("contradiction")
        else:
            answers.append(_hashed_label(fields["premise"], fields["hypothesis"]))
    return answers


@cache
def _hypothesis_only_classifier() -> object:
    """Multinomial naive Bayes over the hypothesis's words, fitted on nli-core train."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.pipeline import make_pipeline

    rows = Path(harness.__file__).parent / "datasets" / "nli-core" / "train.jsonl"
    records = [json.loads(line) for line in rows.read_text(encoding="utf-8").splitlines() if line]
    classifier = make_pipeline(CountVectorizer(), MultinomialNB())
    classifier.fit([r["hypothesis"] for r in records], [r["label"] for r in records])
    return classifier


def hypothesis_only(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """Never reads the premise: a naive Bayes classifier of the hypothesis alone."""
    classifier = _hypothesis_only_classifier()
    predicted = classifier.predict([fields["hypothesis"] for fields in batch])  # type: ignore[attr-defined]
    return [str(label) for label in predicted]


def ignores_stated_fact(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """The overlap heuristic over the premise's first sentence only: a fact stated after it
    (the knowledge probes append one) is never read."""
    answers = []
    for fields in batch:
        first = re.split(r"(?<=[.!?])\s+", fields["premise"].strip(), maxsplit=1)[0]
        answers.append(_overlap_label(first, fields["hypothesis"]))
    return answers


def symmetry_violator(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """A random label that is the same in both orders of a pair, except on
    ``ASYMMETRIC_SHARE`` of the unordered pairs: there contradiction one way and neutral
    the other."""
    answers = []
    for fields in batch:
        premise, hypothesis = fields["premise"], fields["hypothesis"]
        pair = sorted((premise, hypothesis))
        if _unit("asymmetric", *pair) < ASYMMETRIC_SHARE:
            answers.append("contradiction" if premise == pair[0] else "neutral")
        else:
            answers.append(_hashed_label(*pair))
    return answers
