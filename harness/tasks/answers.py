"""Text answers compared the way the SQuAD evaluation scripts compare them.

* ``normalize_answer``: lowercase, remove punctuation, remove the articles a/an/the,
  collapse whitespace;
* ``exact_match``: normalised strings equal;
* ``token_f1``: F1 over the normalised tokens' multiset overlap; when either side has
  no tokens, 1 if both are empty and 0 otherwise (SQuAD v2.0); ``version="1.1"``
  follows the v1.1 script, where no overlap is 0 even when both sides are empty;
* ``gold_answers``: v2.0 drops golds that normalise to empty and uses ``[""]`` when
  none is left; v1.1 keeps the golds as they are;
* the ``best_*`` functions take the maximum over several gold answers.

Whole-dataset numbers (HasAns/NoAns, missing predictions, no-answer thresholds) are
in ``harness.tasks.squad``.

>>> normalize_answer("The  Eiffel Tower!")
'eiffel tower'
>>> round(token_f1("the big red barn", "a red barn"), 4)
0.8
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Sequence

_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)
_PUNCTUATION = frozenset(string.punctuation)


def normalize_answer(text: str) -> str:
    """Lowercase, drop punctuation and articles, collapse whitespace."""
    lowered = text.lower()
    without_punctuation = "".join(ch for ch in lowered if ch not in _PUNCTUATION)
    without_articles = _ARTICLES.sub(" ", without_punctuation)
    return " ".join(without_articles.split())


def exact_match(prediction: str, gold: str) -> float:
    return float(normalize_answer(prediction) == normalize_answer(gold))


SQUAD_VERSIONS = ("1.1", "2.0")


def token_f1(prediction: str, gold: str, version: str = "2.0") -> float:
    predicted_tokens = normalize_answer(prediction).split()
    gold_tokens = normalize_answer(gold).split()
    if version == "2.0" and (not predicted_tokens or not gold_tokens):
        return float(predicted_tokens == gold_tokens)
    common = Counter(predicted_tokens) & Counter(gold_tokens)
    overlap = sum(common.values())
    if overlap == 0:
        return 0.0
    precision = overlap / len(predicted_tokens)
    recall = overlap / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def gold_answers(answers: Sequence[str], version: str = "2.0") -> list[str]:
    """v2.0: golds that normalise to something, ``[""]`` when none is left (unanswerable).

    v1.1 keeps every gold (its script has no unanswerable questions); an empty list
    still becomes ``[""]`` so that the maximum is defined.
    """
    if version == "1.1":
        return list(answers) or [""]
    kept = [answer for answer in answers if normalize_answer(answer)]
    return kept or [""]


def best_exact_match(prediction: str, answers: Sequence[str], version: str = "2.0") -> float:
    return max(exact_match(prediction, gold) for gold in gold_answers(answers, version))


def best_token_f1(prediction: str, answers: Sequence[str], version: str = "2.0") -> float:
    return max(token_f1(prediction, gold, version) for gold in gold_answers(answers, version))
