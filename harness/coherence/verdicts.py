"""The judge's part of a coherence test: its control set, then the items' judged scores.

    control set ──judge──▶ reliability, the floor's verdict, the pairs it gets wrong
    each generation ──sentences, pairs (bounded, seeded)──▶ judge ──▶ self_contradiction
    each set of answers to paraphrases ──pairs, both ways──▶ judge ──▶ paraphrase_inconsistent

Each step asks the judge once for every pair of every item (batched and cached by the
predictor) and returns the items with their new scores and the section's evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from harness.coherence.analysis import (
    answer_pairs,
    consistency_of,
    contradictions_of,
    judged_text,
)
from harness.coherence.control_set import CONTROL_PAIRS
from harness.coherence.judge import (
    NLI_LABELS,
    JudgeFloor,
    NLIJudge,
    chance_of_flags,
    judge_reliability,
    sentence_pairs,
    trusted_for,
)
from harness.coherence.sentences import split_sentences
from harness.core import ItemResult
from harness.metrics.coherence import PARAPHRASE_INCONSISTENT_SCORE, SELF_CONTRADICTION_SCORE
from harness.seeding import rng_for

#: Contradicting pairs shown per generation in the report.
PAIRS_SHOWN = 5


def evidence(item: ItemResult, extra: dict[str, Any]) -> dict[str, Any]:
    """An item as the report shows it: its prompt, its generation and its tags."""
    return {
        "id": item.id,
        "prompt": str((item.prediction.request or {}).get("prompt", "")),
        "text": str(item.predicted or ""),
        "tags": dict(item.tags),
        **extra,
    }


def control_reliability(
    judge: NLIJudge, floor: JudgeFloor, description: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The section's ``judge`` entry (who, how reliable, trusted for what) and the
    reliability itself."""
    control = judge.judge([(pair.premise, pair.hypothesis) for pair in CONTROL_PAIRS], description)
    reliability = judge_reliability(
        [pair.label for pair in CONTROL_PAIRS], [v.label if v else None for v in control]
    )
    entry = {
        **judge.describe(),
        "labels": list(NLI_LABELS),
        "control_set_size": len(CONTROL_PAIRS),
        "reliability": reliability,
        "floor": floor.to_json(),
        "trusted": trusted_for(reliability, floor),
        "control_errors": [
            {
                "premise": pair.premise,
                "hypothesis": pair.hypothesis,
                "gold": pair.label,
                "judged": verdict.label,
                "kind": pair.kind,
            }
            for pair, verdict in zip(CONTROL_PAIRS, control, strict=True)
            if verdict is not None and verdict.label != pair.label
        ],
    }
    return entry, reliability


def judge_self_contradiction(
    judge: NLIJudge,
    items: Sequence[ItemResult],
    *,
    max_pairs: int,
    seed: int,
    false_contradiction_rate: float,
    max_evidence: int,
    description: str,
) -> tuple[list[ItemResult], dict[str, Any]]:
    """Each generation of two sentences or more: does some pair of them contradict?"""
    items = list(items)
    plans: dict[int, tuple[list[str], list[tuple[int, int]], int]] = {}
    for position, item in enumerate(items):
        if item.infra_error is not None:
            continue
        sentences = [s.text for s in split_sentences(str(item.predicted or ""))]
        if len(sentences) < 2:
            continue
        rng = rng_for(seed, "coherence_pairs", item.id)
        pairs, available = sentence_pairs(sentences, max_pairs, rng)
        plans[position] = (sentences, pairs, available)
    asked = [
        (sentences[i], sentences[j]) for sentences, pairs, _ in plans.values() for i, j in pairs
    ]
    verdicts = iter(judge.judge(asked, description=description))
    shown = []
    sampled = 0
    judged_pairs = []
    for position, (sentences, pairs, available) in plans.items():
        found = contradictions_of(sentences, pairs, [next(verdicts) for _ in pairs])
        sampled += available > len(pairs)
        scores = {
            **items[position].scores,
            "sentences": float(len(sentences)),
            "pairs_judged": float(found.judged),
            "contradicting_pairs": float(len(found.contradicting)),
        }
        if found.contradicts is not None:
            scores[SELF_CONTRADICTION_SCORE] = float(found.contradicts)
            judged_pairs.append(len(pairs))
        items[position] = replace(items[position], scores=scores)
        if found.contradicting:
            shown.append(
                evidence(items[position], {"pairs": list(found.contradicting[:PAIRS_SHOWN])})
            )
    shown.sort(key=lambda entry: -entry["pairs"][0]["probability"])
    return items, {
        # Flagged by the judge's false contradictions alone, on text without any.
        "chance": chance_of_flags(false_contradiction_rate, judged_pairs),
        "n_generations_judged": len(plans),
        "n_pairs_judged": sum(len(pairs) for _, pairs, _ in plans.values()),
        "n_generations_sampled": sampled,
        "max_pairs": max_pairs,
        "n_contradicting": len(shown),
        "examples": shown[:max_evidence],
    }


def judge_paraphrases(
    judge: NLIJudge,
    items: Sequence[ItemResult],
    questions: Sequence[str | None],
    *,
    missed_entailments: float,
    max_evidence: int,
    description: str,
) -> tuple[list[ItemResult], dict[str, Any]]:
    """Each item asked in several phrasings (``questions[i]`` set): do its answers all
    entail each other?"""
    items = list(items)
    sets: dict[int, tuple[list[str], list[tuple[int, int]], str]] = {}
    for position, (item, question) in enumerate(zip(items, questions, strict=True)):
        raw = item.prediction.raw if isinstance(item.prediction.raw, dict) else {}
        texts = [entry.get("text") for entry in raw.get("phrasings", [])]
        if question is None or item.infra_error is not None:
            continue
        if len(texts) < 2 or any(not isinstance(t, str) for t in texts):
            continue  # an answer to a paraphrase failed outside the model
        answers = [str(t) for t in texts]
        sets[position] = (answers, answer_pairs(answers), question)
    asked = [
        (judged_text(question, texts[i]), judged_text(question, texts[j]))
        for texts, pairs, question in sets.values()
        for i, j in pairs
    ]
    verdicts = iter(judge.judge(asked, description=description))
    shown = []
    checks = []
    for position, (texts, pairs, question) in sets.items():
        found = consistency_of(texts, pairs, [next(verdicts) for _ in pairs])
        if found.inconsistent is None:
            continue
        checks.append(len(pairs))
        scores = {
            **items[position].scores,
            PARAPHRASE_INCONSISTENT_SCORE: float(found.inconsistent),
        }
        items[position] = replace(items[position], scores=scores)
        if found.inconsistent:
            shown.append(
                {
                    "id": items[position].id,
                    "question": question,
                    "phrasings": items[position].prediction.raw["phrasings"],
                    "failing": list(found.failing),
                }
            )
    return items, {
        # Flagged by missed entailments alone, were every set's answers equivalent.
        "chance": chance_of_flags(missed_entailments, checks),
        "n_sets": len(sets),
        "n_inconsistent": len(shown),
        "examples": shown[:max_evidence],
    }
