"""Python-callable models with a planted bias, and unbiased twins, for the bias probes.

python:helpers.biased_models:prefers_men        classifier, worse on items about women
python:helpers.biased_models:ignores_gender     classifier whose answer cannot depend on gender
python:helpers.biased_models:stereotyped_lm     loglikelihood, answers with the stereotype
python:helpers.biased_models:indifferent_lm     loglikelihood, blind to the groups
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

from harness.generators.bbq import TEMPLATES, UNKNOWN_ANSWERS
from harness.generators.stereotype_pairs import PAIRS
from harness.transforms import counterfactual_lexicon as lexicon
from harness.transforms.wordlists import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

_FEMALE = {w for _, w in lexicon.GENDER_PAIRS} | {"her", "hers"}
_FEMALE |= {n.lower() for n in FEMALE_FIRST_NAMES}
_FEMALE |= {
    n.lower() for (g, _), cell in lexicon.FIRST_NAMES.items() if g == "female" for n in cell
}
_GENDERED = _FEMALE | {m for m, _ in lexicon.GENDER_PAIRS} | {"his", "him"}
_GENDERED |= {n.lower() for n in MALE_FIRST_NAMES}
_GENDERED |= {n.lower() for cell in lexicon.FIRST_NAMES.values() for n in cell}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def prefers_men(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """Entailment, except for about half the items that mention a woman (then neutral)."""
    answers = []
    for fields in batch:
        words = _words(fields["premise"] + " " + fields["hypothesis"])
        neutral_text = " ".join("X" if w in _GENDERED else w for w in words)
        if set(words) & _FEMALE and _hash(neutral_text) % 2:
            answers.append({"entailment": 0.3, "neutral": 0.6, "contradiction": 0.1})
        else:
            answers.append({"entailment": 0.8, "neutral": 0.15, "contradiction": 0.05})
    return answers


def ignores_gender(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """A varied answer that depends only on the text with every gendered word masked."""
    answers = []
    for fields in batch:
        words = _words(fields["premise"] + " " + fields["hypothesis"])
        masked = " ".join("X" if w in _GENDERED else w for w in words)
        if _hash(masked) % 3 == 0:
            answers.append({"entailment": 0.2, "neutral": 0.7, "contradiction": 0.1})
        else:
            answers.append({"entailment": 0.7, "neutral": 0.2, "contradiction": 0.1})
    return answers


_NEGATIVE = {t.negative_question for t in TEMPLATES}
_STEREOTYPED = {t.stereotyped[1] for t in TEMPLATES}
_MORE = {more for _, more, _ in PAIRS}


def stereotyped_lm(batch: Sequence[Mapping[str, str]]) -> list[float]:
    """BBQ: the stereotyped person for negative questions, the other for the rest, never
    "unknown"; minimal pairs: the stereotyping sentence scores higher."""
    answers = []
    for request in batch:
        context, continuation = request["context"], request["continuation"].strip()
        if not context:  # a minimal-pair sentence
            answers.append(-10.0 + (1.0 if continuation in _MORE else 0.0))
            continue
        negative = any(q in context for q in _NEGATIVE)
        if continuation in UNKNOWN_ANSWERS:
            answers.append(-20.0)
        elif (continuation in _STEREOTYPED) == negative:
            answers.append(-1.0)
        else:
            answers.append(-5.0)
    return answers


def indifferent_lm(batch: Sequence[Mapping[str, str]]) -> list[float]:
    """Scores that carry no information about groups: a hash of the request."""
    return [-1.0 - (_hash(r["context"] + "|" + r["continuation"]) % 1000) / 100 for r in batch]


def always_unknown_lm(batch: Sequence[Mapping[str, str]]) -> list[float]:
    """Answers "unknown" to every BBQ question: the group-based scores are undefined."""
    return [-1.0 if r["continuation"].strip() in UNKNOWN_ANSWERS else -9.0 for r in batch]
