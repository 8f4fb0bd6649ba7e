"""Whole-dataset SQuAD scores, computed the way the official v1.1 and v2.0 scripts do.

    squad_scores(golds, predictions, version="2.0", no_answer_probabilities=None, threshold=1.0)

``golds`` maps a question id to its gold answer texts (``[]``: unanswerable),
``predictions`` maps ids to predicted texts (``""``: no answer). Differences from the
official scripts, both deliberate:

* a question with no prediction counts as wrong (EM 0, F1 0) and is counted under
  ``missing``; the v2.0 script prints a warning and leaves it out of the total;
* the output keeps both scripts' keys: v1.1 ``exact_match``/``f1``; v2.0 ``exact``,
  ``f1``, ``total``, ``HasAns_*``, ``NoAns_*`` and, with no-answer probabilities,
  ``best_exact``/``best_f1`` with their thresholds. Those two tune the threshold on
  the evaluated questions themselves: they are oracle numbers, not test scores.

All numbers are percentages (×100), as the scripts print them.

Per question, with a no-answer probability p and threshold t: when p > t the
prediction becomes "no answer" (the v2.0 script's ``apply_no_ans_threshold``).

>>> scores = squad_scores({"q1": ["Paris"], "q2": []}, {"q1": "paris", "q2": ""})
>>> scores["exact"], scores["HasAns_exact"], scores["NoAns_exact"]
(100.0, 100.0, 100.0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from harness.tasks.answers import best_exact_match, best_token_f1


def has_answer(answers: Sequence[str]) -> bool:
    """Whether a question counts as answerable (HasAns): it has a gold answer at all.

    This is the v2.0 script's ``make_qid_to_has_ans`` (``bool(qa["answers"])``), on the
    raw answers: a question whose every gold normalises to empty ("The", "?") is still
    HasAns there, scored against ``[""]`` (``harness.tasks.answers.gold_answers``), so
    only an empty prediction gets it right.

    >>> has_answer(["The"]), has_answer([])
    (True, False)
    """
    return bool(answers)


@dataclass(frozen=True)
class ThresholdSweep:
    """The best score over no-answer thresholds and the threshold that reaches it."""

    score: float  # a fraction in [0, 1]
    threshold: float


def sweep_threshold(
    scores: Sequence[float],
    answered: Sequence[bool],
    answerable: Sequence[bool],
    no_answer_probabilities: Sequence[float],
) -> ThresholdSweep:
    """The best mean score when questions with probability > threshold abstain.

    ``scores[i]`` is question i's score when its (non-empty) prediction stands;
    ``answered[i]`` is whether there is such a prediction. Abstaining scores 1 on an
    unanswerable question and 0 on an answerable one. The sweep starts with every
    question abstaining (threshold 0) and lets questions answer in increasing order of
    probability, keeping the first best, as the v2.0 script's ``find_best_thresh`` does.

    >>> sweep_threshold([1.0, 0.0], [True, True], [True, False], [0.2, 0.9])
    ThresholdSweep(score=1.0, threshold=0.2)
    """
    total = len(scores)
    if total == 0:
        return ThresholdSweep(0.0, 0.0)
    current = float(sum(1 for flag in answerable if not flag))
    best, best_threshold = current, 0.0
    for i in sorted(range(total), key=lambda k: no_answer_probabilities[k]):
        if answerable[i]:
            current += scores[i] if answered[i] else 0.0
        else:
            current += -1.0 if answered[i] else 0.0
        if current > best:
            best, best_threshold = current, float(no_answer_probabilities[i])
    return ThresholdSweep(best / total, best_threshold)


def squad_scores(
    golds: Mapping[str, Sequence[str]],
    predictions: Mapping[str, str],
    version: str = "2.0",
    no_answer_probabilities: Mapping[str, float] | None = None,
    threshold: float = 1.0,
) -> dict[str, float]:
    """The official scripts' output for ``golds`` and ``predictions`` (see the module)."""
    exact: dict[str, float] = {}
    f1: dict[str, float] = {}
    missing = 0
    for qid, answers in golds.items():
        if qid not in predictions:
            missing += 1
            exact[qid] = f1[qid] = 0.0
            continue
        exact[qid] = best_exact_match(predictions[qid], answers, version)
        f1[qid] = best_token_f1(predictions[qid], answers, version)
    total = len(golds)
    if version == "1.1":
        return {
            "exact_match": 100.0 * sum(exact.values()) / max(total, 1),
            "f1": 100.0 * sum(f1.values()) / max(total, 1),
            "total": float(total),
            "missing": float(missing),
        }
    answerable = {qid: has_answer(answers) for qid, answers in golds.items()}
    probabilities = dict(no_answer_probabilities or {})
    raw_exact, raw_f1 = dict(exact), dict(f1)
    for qid in golds:
        if qid in predictions and probabilities.get(qid, 0.0) > threshold:
            exact[qid] = f1[qid] = float(not answerable[qid])

    def mean(values: Mapping[str, float], ids: Sequence[str]) -> float:
        return 100.0 * sum(values[i] for i in ids) / len(ids) if ids else 0.0

    ids = list(golds)
    has = [qid for qid in ids if answerable[qid]]
    no = [qid for qid in ids if not answerable[qid]]
    result = {
        "exact": mean(exact, ids),
        "f1": mean(f1, ids),
        "total": float(total),
        "missing": float(missing),
    }
    if has:
        result.update(
            {"HasAns_exact": mean(exact, has), "HasAns_f1": mean(f1, has), "HasAns_total": len(has)}
        )
    if no:
        result.update(
            {"NoAns_exact": mean(exact, no), "NoAns_f1": mean(f1, no), "NoAns_total": len(no)}
        )
    if no_answer_probabilities is not None:
        # The script tests the raw text ("the" counts as an answer); a missing
        # prediction answers wrongly, so that it never earns the abstention credit.
        answered = [qid not in predictions or bool(predictions[qid]) for qid in ids]
        flags = [answerable[qid] for qid in ids]
        na = [probabilities.get(qid, 0.0) for qid in ids]
        best_exact = sweep_threshold([raw_exact[q] for q in ids], answered, flags, na)
        best_f1 = sweep_threshold([raw_f1[q] for q in ids], answered, flags, na)
        result.update(
            {
                "best_exact": 100.0 * best_exact.score,
                "best_exact_thresh": best_exact.threshold,
                "best_f1": 100.0 * best_f1.score,
                "best_f1_thresh": best_f1.threshold,
            }
        )
    return result


def oracle_sweep_items(items: Sequence[object], score: str) -> tuple[ThresholdSweep, int] | None:
    """The v2.0 ``best_exact``/``best_f1`` sweep over scored items (``score``: em or f1).

    Items carry ``no_answer_probability`` and their best span's ``span_em``/``span_f1``
    and ``span_answered`` (``ExtractiveQATask.score``); items without them are left out.
    """
    carrying = [
        item
        for item in items
        if "no_answer_probability" in item.scores  # type: ignore[attr-defined]
    ]
    if not carrying:
        return None
    result = sweep_threshold(
        [float(item.scores[f"span_{score}"]) for item in carrying],  # type: ignore[attr-defined]
        [bool(item.scores["span_answered"]) for item in carrying],  # type: ignore[attr-defined]
        ["has_ans_em" in item.scores for item in carrying],  # type: ignore[attr-defined]
        [float(item.scores["no_answer_probability"]) for item in carrying],  # type: ignore[attr-defined]
    )
    return result, len(carrying)
