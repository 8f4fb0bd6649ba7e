"""Scoring variants of one prompted item, and contextual calibration (pure functions).

For label ℓ with verbalizer words w ∈ V_ℓ and LL_w = log P(w | prompt):

* ``acc``        score_ℓ = log Σ_w exp(LL_w)  (probabilities summed; the label
                 probabilities are these, normalised over the labels)
* ``acc_char``   LL_w ÷ characters of w without its leading space (lm-eval ``acc_norm``)
* ``acc_byte``   LL_w ÷ UTF-8 bytes of w without its leading space (lm-eval ``acc_bytes``)
* ``acc_token``  LL_w ÷ tokens of w (when the model reports its token count)
* ``acc_pmi``    LL_w − log P(w | unconditional prompt) (Holtzman et al. 2021)

For the normalised variants a label's score is log Σ_w exp(normalised LL_w).
The prediction is the argmax (ties: the earlier label).

Contextual calibration (Zhao et al. 2021): p_cf = mean of the label distributions
of the content-free inputs ("N/A", "", "[MASK]") through the same template and
shots, renormalised; W = diag(p_cf)⁻¹, b = 0; calibrated q = W·p / Σ(W·p).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

VARIANTS = ("acc", "acc_char", "acc_byte", "acc_token", "acc_pmi")
CONTENT_FREE = ("N/A", "", "[MASK]")


def logsumexp(values: Sequence[float]) -> float:
    """log Σ exp(values), stable.

    >>> round(logsumexp([math.log(0.25), math.log(0.5)]), 12) == round(math.log(0.75), 12)
    True
    """
    top = max(values)
    if top == -math.inf:
        return -math.inf
    return top + math.log(sum(math.exp(v - top) for v in values))


def normalise_log_scores(scores: Sequence[float]) -> list[float]:
    """exp(scores) normalised to sum 1."""
    total = logsumexp(scores)
    return [math.exp(score - total) for score in scores]


def argmax(scores: Sequence[float]) -> int:
    """Index of the highest score; ties go to the earlier index."""
    return max(range(len(scores)), key=lambda i: (scores[i], -i))


def _word(word: str) -> str:
    return word[1:] if word.startswith(" ") else word


def variant_scores(
    loglikelihoods: Mapping[str, Mapping[str, float]],
    *,
    tokens: Mapping[str, Mapping[str, int]] | None = None,
    unconditional: Mapping[str, float] | None = None,
) -> dict[str, list[float]]:
    """Per variant, one score per label (label order of ``loglikelihoods``).

    ``loglikelihoods[label][word]`` = LL_w; ``tokens[label][word]`` = the word's token
    count; ``unconditional[word]`` = log P(w | unconditional prompt). Variants whose
    inputs are missing are left out.
    """
    labels = list(loglikelihoods)

    def per_label(transform: object) -> list[float]:
        return [
            logsumexp([transform(label, word, ll) for word, ll in loglikelihoods[label].items()])  # type: ignore[operator]
            for label in labels
        ]

    result = {
        "acc": per_label(lambda label, word, ll: ll),
        "acc_char": per_label(lambda label, word, ll: ll / max(1, len(_word(word)))),
        "acc_byte": per_label(lambda label, word, ll: ll / max(1, len(_word(word).encode()))),
    }
    if tokens is not None and all(
        word in tokens.get(label, {}) for label in labels for word in loglikelihoods[label]
    ):
        result["acc_token"] = per_label(lambda label, word, ll: ll / max(1, tokens[label][word]))
    if unconditional is not None and all(
        word in unconditional for label in labels for word in loglikelihoods[label]
    ):
        result["acc_pmi"] = per_label(lambda label, word, ll: ll - unconditional[word])
    return result


def content_free_distribution(distributions: Sequence[Sequence[float]]) -> list[float]:
    """p_cf: the mean of the content-free inputs' label distributions, renormalised."""
    mean = np.mean(np.asarray(distributions, dtype=float), axis=0)
    return [float(p) for p in mean / mean.sum()]


def calibrate(probabilities: Sequence[float], p_cf: Sequence[float]) -> list[float]:
    """q = diag(p_cf)⁻¹·p, normalised (Zhao et al. 2021, b = 0)."""
    weighted = np.asarray(probabilities, dtype=float) / np.maximum(
        np.asarray(p_cf, dtype=float), 1e-300
    )
    return [float(q) for q in weighted / weighted.sum()]
