"""Scripted models: deterministic answers for every request kind, through the real
``python`` adapter, so a check (or a test) runs a suite end to end in a second.

    model: {type: python, path: "harness.testing.models:nli_word_rules"}
    model: {type: python, path: "harness.testing.models:overlap_loglikelihood",
            options: {serves: loglikelihood}}

Each answer follows a rule a reader can work out by hand, so the numbers a component
reports over them can be checked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = [
    "NEGATIONS",
    "echo_last_line",
    "last_word_span",
    "nli_word_rules",
    "overlap_loglikelihood",
]

#: Words whose arrival in a hypothesis makes ``nli_word_rules`` answer contradiction.
NEGATIONS = frozenset({"not", "no", "never", "nobody"})


def _words(text: str) -> set[str]:
    return {word.strip(".,!?;:").lower() for word in text.split()}


def _content_words(text: str) -> list[str]:
    return [word.strip(".,!?;:").lower() for word in text.split() if word.strip(".,!?;:")]


def nli_word_rules(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """NLI: contradiction when the hypothesis adds a negation, entailment when it only
    reuses premise words, neutral otherwise; confidence grows with word overlap.

    >>> nli_word_rules([{"premise": "A dog runs.", "hypothesis": "A dog runs."}])[0]["entailment"]
    0.9
    """
    answers = []
    for fields in batch:
        premise, hypothesis = _words(fields["premise"]), _words(fields["hypothesis"])
        overlap = len(premise & hypothesis) / max(len(hypothesis), 1)
        if (NEGATIONS & hypothesis) - premise:
            top, other = "contradiction", ("entailment", "neutral")
        elif hypothesis <= premise:
            top, other = "entailment", ("neutral", "contradiction")
        else:
            top, other = "neutral", ("entailment", "contradiction")
        confidence = 0.4 + 0.5 * overlap
        rest = (1 - confidence) / 2
        answers.append({top: confidence, other[0]: rest, other[1]: rest})
    return answers


def overlap_loglikelihood(batch: Sequence[Mapping[str, str]]) -> list[tuple[float, bool]]:
    """log P(continuation | context) := −(continuation words absent from the context).

    A choice that the context mentions scores 0 and wins; greedy when it scores 0.

    >>> overlap_loglikelihood([{"context": "Ann has a cat.", "continuation": " a cat"}])
    [(-0.0, True)]
    """
    answers = []
    for request in batch:
        context = set(_content_words(request["context"]))
        missing = sum(1 for word in _content_words(request["continuation"]) if word not in context)
        answers.append((-float(missing), missing == 0))
    return answers


def last_word_span(batch: Sequence[Mapping[str, str]]) -> list[str]:
    """Extractive QA: the context's last word, without its punctuation."""
    return [request["context"].split()[-1].strip(".,!?;:") for request in batch]


def echo_last_line(batch: Sequence[Mapping[str, object]]) -> list[str]:
    """Generation: the prompt's last line, upper-cased (case is normalised away by EM)."""
    return [str(request["prompt"]).splitlines()[-1].upper() for request in batch]
