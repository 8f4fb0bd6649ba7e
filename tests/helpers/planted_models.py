"""NLI models with one planted behaviour each, for checking the findings engine.

    harness run suites/nli_robustness.yaml --model python:helpers.planted_models:uniform_random

Each model does one thing a reader can state in a sentence, so a run's findings can be
checked against it: the planted behaviour must be found (recall) and nothing the model
does not do may be claimed of it (tests/findings/test_planted_behaviour.py, the table in
docs/findings.md). "Random" answers come from a hash of the input, so every model is
deterministic, needs no seed and gives the same answer to the same pair however the
batches are cut.

``negation_cue``, ``ignores_stated_fact`` and ``symmetry_violator`` are built on an
*answer key*: the gold label of every item the two suites evaluate (nli-core test and
the generated tests, with the suites' own parameters and seed). Right wherever no
planted rule applies, each has its rule as its only flaw, so every interpretive finding
it gets can be traced to the rule. A pair outside the key (a perturbed variant) gets a
random label.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import harness
from harness.nltk_data import cache_root

#: The suites whose items the answer key holds.
KEY_SUITES = ("nli_robustness", "nli_diagnostics")

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


@cache
def _answer_key() -> dict[tuple[str, str], tuple[str, Mapping[str, str]]]:
    """(premise, hypothesis) -> (gold label, tags) for every item the suites evaluate.

    Loaded as a run loads them (generated items come from the run's derived cache when a
    run made them there). HANS's collapsed "non-entailment" is answered "neutral".
    """
    from harness.cache.derived import DerivedStore
    from harness.runner import make_loader
    from harness.suite.loading import load_suite

    suites = Path(harness.__file__).resolve().parents[1] / "suites"
    derived = DerivedStore(cache_root() / "derived")
    key: dict[tuple[str, str], tuple[str, Mapping[str, str]]] = {}
    for name in KEY_SUITES:
        suite = load_suite(suites / f"{name}.yaml")
        load = make_loader(suite, None, derived=derived)
        for plan in suite.tests:
            if plan.kind != "evaluate":
                continue
            for example in load(plan.data):
                gold = "neutral" if example.target == "non-entailment" else str(example.target)
                pair = (example.fields["premise"], example.fields["hypothesis"])
                key[pair] = (gold, dict(example.meta))
    return key


def _keyed(premise: str, hypothesis: str) -> tuple[str, Mapping[str, str]]:
    """The answer key's label and tags for a pair; a random label and no tags outside it."""
    return _answer_key().get((premise, hypothesis)) or (_hashed_label(premise, hypothesis), {})


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
    """Contradiction when the hypothesis says not/no/never; the answer key otherwise.

    On a random base the cue is invisible to the suites: they hold about ten negated
    hypotheses that are not contradictions per suite, where a random model is right a
    third of the time and the cue model never; no corrected test separates 0/10 from
    1/3. On the answer key the cue is the model's only error.
    """
    answers = []
    for fields in batch:
        if NEGATION_CUES & set(_words(fields["hypothesis"])):
            answers.append("contradiction")
        else:
            answers.append(_keyed(fields["premise"], fields["hypothesis"])[0])
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
    """The answer key, except on the knowledge probes: there it neither knows the lexical
    relation nor reads the fact stated after the premise's first sentence, so it answers
    "neutral" with and without the fact (right on the controls, wrong on the probes)."""
    answers = []
    for fields in batch:
        gold, tags = _keyed(fields["premise"], fields["hypothesis"])
        answers.append("neutral" if "relation" in tags and "fact" in tags else gold)
    return answers


def symmetry_violator(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """The answer key, except on ``ASYMMETRIC_SHARE`` of the symmetry pairs (an unordered
    pair of sentences asked both ways): there contradiction one way and neutral the
    other."""
    answers = []
    for fields in batch:
        premise, hypothesis = fields["premise"], fields["hypothesis"]
        gold, tags = _keyed(premise, hypothesis)
        pair = sorted((premise, hypothesis))
        if tags.get("constraint") == "symmetry" and _unit("asymmetric", *pair) < ASYMMETRIC_SHARE:
            answers.append("contradiction" if premise == pair[0] else "neutral")
        else:
            answers.append(gold)
    return answers
