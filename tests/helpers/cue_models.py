"""A bag-of-words NLI model that rests its contradictions on negation words.

    harness run suite.yaml --model python:helpers.cue_models:negation_cue

Every hypothesis word adds its weight to the contradiction logit; entailment's logit is
a constant. "not" and "no" carry almost all the weight, but function words carry some
too, so every word of every failure gets some attribution: a word summary that counts
attribution mass without regard to function words or frequency would list "the" and
"is" among the causes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

CUE_WEIGHTS = {"not": 4.0, "no": 4.0, "the": 0.4, "a": 0.4, "is": 0.4, "are": 0.4}
ENTAILMENT_LOGIT = 2.0


def contradiction_logit(hypothesis: str) -> float:
    words = [word.strip(".,!?;:").lower() for word in hypothesis.split()]
    return sum(CUE_WEIGHTS.get(word, 0.0) for word in words)


def negation_cue(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    answers = []
    for fields in batch:
        logits = np.array([ENTAILMENT_LOGIT, 0.0, contradiction_logit(fields["hypothesis"])])
        probabilities = np.exp(logits - logits.max())
        probabilities /= probabilities.sum()
        answers.append(
            dict(
                zip(("entailment", "neutral", "contradiction"), probabilities.tolist(), strict=True)
            )
        )
    return answers
