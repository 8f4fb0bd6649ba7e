"""The NLI judge: which sentence pairs it is asked about, what it answers, how far to trust it.

    sentences ──sentence_pairs (all ordered pairs, or a seeded sample)──▶ (premise, hypothesis)
              ──NLIJudge.judge (Classify requests: batched, cached)──▶ Verdict per pair
    control set ──NLIJudge.judge──▶ judge_reliability ──against the floor──▶ trusted for what

The judge is any model that serves the ``nli`` task (``hf-classifier:PATH``, the
``reference`` model, a ``python:`` callable, a prompted LM); its labels are mapped onto
entailment / neutral / contradiction by name (``label_map`` where they differ). A pair
is judged contradicting when contradiction is the judge's most probable label.

The floor (``JudgeFloor``) is what a judge must reach on the control set before its
verdicts on generated text are findings: self-contradiction needs accuracy, recall of
contradictions and few contradictions called where there are none (one false alarm in
ten pairs flags most generations of six sentences); paraphrase consistency needs
accuracy and recall of entailments (a judge that misses entailments calls consistent
answers inconsistent).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.core import Example, stable_id
from harness.files.jsonio import fields_json
from harness.metrics.intervals import wilson_interval
from harness.predictor import TaskPredictor
from harness.tasks.base import TaskSetup

NLI_LABELS = ("entailment", "neutral", "contradiction")
NLI_FIELDS = ("premise", "hypothesis")
CONTRADICTION = "contradiction"
ENTAILMENT = "entailment"


@dataclass(frozen=True)
class Verdict:
    """The judge's answer for one pair: its most probable label and the probabilities."""

    label: str
    probabilities: Mapping[str, float]

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "probabilities": dict(self.probabilities)}


class NLIJudge:
    """An NLI model behind the predictor: pairs in, verdicts out (``None``: not answered).

    ``runner`` is a ``harness.predictor.RequestRunner`` over the judge's adapter (its
    own cache, keyed by the judge's fingerprint).
    """

    def __init__(self, spec: str, runner: Any, label_map: Mapping[str, str] | None = None) -> None:
        from harness.tasks.classification import NLITask

        self.spec = spec
        self.runner = runner
        self.task = NLITask(
            TaskSetup(labels=NLI_LABELS, input_fields=NLI_FIELDS, label_map=label_map)
        )
        self.task.check_model(runner.model)
        self.predictor = TaskPredictor(self.task, runner)

    def describe(self) -> dict[str, Any]:
        model = self.runner.model
        description = dict(model.describe())
        return {
            "spec": self.spec,
            "name": str(description.get("name", self.spec)),
            "fingerprint": model.fingerprint(),
            "is_reference": bool(description.get("is_reference", False)),
        }

    def judge(
        self, pairs: Sequence[tuple[str, str]], description: str = "judge"
    ) -> list[Verdict | None]:
        """One verdict per (premise, hypothesis); equal pairs are asked once."""
        examples = [
            Example(
                id=stable_id("judge", premise, hypothesis),
                fields={"premise": premise, "hypothesis": hypothesis},
            )
            for premise, hypothesis in pairs
        ]
        predictions = self.predictor.predict(examples, description=description)
        return [
            None
            if prediction.infra_error is not None or prediction.label is None
            else Verdict(prediction.label, dict(prediction.scores or {}))
            for prediction in predictions
        ]


def sentence_pairs(
    sentences: Sequence[str], max_pairs: int, rng: random.Random
) -> tuple[list[tuple[int, int]], int]:
    """Ordered pairs (i, j) of distinct sentences to judge, and how many there were.

    Every ordered pair of sentences with different text (a sentence repeated word for
    word cannot contradict itself), or a sample of ``max_pairs`` of them drawn with
    ``rng``, in order.

    >>> sentence_pairs(["A.", "B.", "A."], 10, random.Random(0))
    ([(0, 1), (1, 0), (1, 2), (2, 1)], 4)
    """
    every = [
        (i, j)
        for i in range(len(sentences))
        for j in range(len(sentences))
        if i != j and sentences[i].strip().lower() != sentences[j].strip().lower()
    ]
    if len(every) <= max_pairs:
        return every, len(every)
    return sorted(rng.sample(every, max_pairs)), len(every)


# --- reliability on the control set -------------------------------------------------------


@dataclass(frozen=True)
class JudgeFloor:
    """What a judge must reach on the control set for its verdicts to be findings."""

    accuracy: float = 0.70
    contradiction_recall: float = 0.70
    entailment_recall: float = 0.70
    # Share of control pairs that do not contradict but are judged contradicting.
    false_contradiction_rate: float = 0.10

    def to_json(self) -> dict[str, float]:
        return fields_json(self)


def _share(successes: int, n: int) -> dict[str, Any]:
    low, high = wilson_interval(successes, n) if n else (None, None)
    return {
        "value": successes / n if n else float("nan"),
        "ci_low": low,
        "ci_high": high,
        "n": n,
        "method": "wilson",
    }


def judge_reliability(gold: Sequence[str], predicted: Sequence[str | None]) -> dict[str, Any]:
    """Accuracy, per-class recall and false-contradiction rate with Wilson CIs.

    Pairs the judge did not answer (``None``) are left out and counted.

    >>> r = judge_reliability(["contradiction", "entailment", "neutral", "neutral"],
    ...                       ["contradiction", "neutral", "neutral", "contradiction"])
    >>> r["accuracy"]["value"], r["recall"]["entailment"]["value"], r["false_contradiction_rate"]["value"]
    (0.5, 0.0, 0.3333333333333333)
    """
    answered = [(g, p) for g, p in zip(gold, predicted, strict=True) if p is not None]
    correct = sum(1 for g, p in answered if g == p)
    recall = {}
    for label in NLI_LABELS:
        of_label = [p for g, p in answered if g == label]
        recall[label] = _share(sum(1 for p in of_label if p == label), len(of_label))
    not_contradicting = [p for g, p in answered if g != CONTRADICTION]
    confusion = [
        [sum(1 for g, p in answered if g == row and p == column) for column in NLI_LABELS]
        for row in NLI_LABELS
    ]
    return {
        "n": len(answered),
        "unanswered": len(gold) - len(answered),
        "accuracy": _share(correct, len(answered)),
        "recall": recall,
        "false_contradiction_rate": _share(
            sum(1 for p in not_contradicting if p == CONTRADICTION), len(not_contradicting)
        ),
        "confusion": {"labels": list(NLI_LABELS), "matrix": confusion},
    }


def trusted_for(reliability: Mapping[str, Any], floor: JudgeFloor) -> dict[str, dict[str, Any]]:
    """For each judged measure: whether the judge clears the floor, and if not, why.

    >>> r = judge_reliability(["contradiction", "entailment", "neutral"] * 10,
    ...                       ["contradiction", "entailment", "neutral"] * 10)
    >>> trusted_for(r, JudgeFloor())["self_contradiction"]["trusted"]
    True
    """

    def value(*path: str) -> float:
        entry: Any = reliability
        for key in path:
            entry = entry[key]
        return float(entry["value"])

    def at_least(name: str, measured: float, needed: float) -> str | None:
        if measured == measured and measured >= needed:  # NaN (no such pairs) fails
            return None
        return f"{name} {measured:.2f} < {needed:.2f}"

    accuracy = at_least("accuracy", value("accuracy"), floor.accuracy)
    false_rate = value("false_contradiction_rate")
    false_alarms = (
        None
        if false_rate == false_rate and false_rate <= floor.false_contradiction_rate
        else f"false-contradiction rate {false_rate:.2f} > {floor.false_contradiction_rate:.2f}"
    )
    needs = {
        "self_contradiction": [
            accuracy,
            at_least(
                "contradiction recall",
                value("recall", CONTRADICTION),
                floor.contradiction_recall,
            ),
            false_alarms,
        ],
        "paraphrase_consistency": [
            accuracy,
            at_least("entailment recall", value("recall", ENTAILMENT), floor.entailment_recall),
        ],
    }
    return {
        measure: {"trusted": not any(failures), "reasons": [f for f in failures if f]}
        for measure, failures in needs.items()
    }


def chance_of_flags(error_rate: float, checks: Sequence[int]) -> float | None:
    """The share of units a judge would flag by its errors alone: a unit is flagged when
    any of its ``checks`` verdicts errs, each with probability ``error_rate``
    (independently: an approximation). None without units or a known rate.

    >>> round(chance_of_flags(0.1, [1, 2]), 4)   # (0.1 + 0.19) / 2
    0.145
    """
    if not checks or error_rate != error_rate:
        return None
    return sum(1.0 - (1.0 - error_rate) ** k for k in checks) / len(checks)
