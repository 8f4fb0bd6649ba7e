"""Explaining a test's failures: pick a capped number, attribute, summarise per slice."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from harness.core import ItemResult
from harness.explain._base import Attributor, ItemAttribution
from harness.explain._gradients import IntegratedGradientsAttributor, ReferenceIntegratedGradients
from harness.explain._occlusion import OcclusionAttributor

#: Failures explained per test unless the run says otherwise (``--explain N``).
DEFAULT_MAX_FAILURES = 5
#: Words listed per slice in the summary.
TOP_WORDS = 5
_PUNCTUATION = re.compile(r"^\W+|\W+$")


def attributor_for(model: Any, predictor: Any, cache: Any = None) -> Attributor:
    """Integrated gradients where the network is at hand, occlusion for black boxes."""
    from harness.models.hf import HFClassifier
    from harness.models.reference import ReferenceModel

    if isinstance(model, HFClassifier) and getattr(model.tokenizer, "is_fast", False):
        return IntegratedGradientsAttributor(model, cache=cache)
    if isinstance(model, ReferenceModel) and len(model.input_fields) == 2:
        return ReferenceIntegratedGradients(model, cache=cache)
    return OcclusionAttributor(predictor)


def select_failures(items: Sequence[ItemResult], limit: int) -> list[ItemResult]:
    """The failures to explain: broken perturbation cases first, then the most confident."""
    failing = [
        item
        for item in items
        if item.correct is False and item.prediction.label is not None and item.prediction.scores
    ]

    def order(item: ItemResult) -> tuple[float, float, str]:
        broken = float(item.scores.get("flipped", 0.0)) if item.example.parent_id else 0.0
        return (-broken, -(item.confidence or 0.0), item.id)

    return sorted(failing, key=order)[: max(limit, 0)]


def normalised_word(word: str) -> str:
    """``"Not,"`` → ``"not"``: how words are counted across items."""
    return _PUNCTUATION.sub("", word).lower()


def words_by_slice(
    items: Sequence[ItemResult], attributions: Sequence[ItemAttribution]
) -> list[dict[str, Any]]:
    """Per slice of the explained failures: the words that most pushed the wrong answers.

    Each item's scores are divided by its largest absolute score, so every failure
    counts once; a word's weight is the sum of its positive normalised scores.
    """
    groups: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for item, attribution in zip(items, attributions, strict=True):
        scores = [w for words in attribution.fields.values() for w in words]
        largest = max((abs(w.score) for w in scores), default=0.0)
        if largest <= 0:
            continue
        slices = [("all", "all"), *sorted(item.tags.items())]
        for word_score in scores:
            word = normalised_word(word_score.word)
            if not word or word_score.score <= 0:
                continue
            for key in slices:
                groups[key][word].append(word_score.score / largest)
    rows = []
    for (field, value), words in sorted(
        groups.items(), key=lambda kv: (kv[0] != ("all", "all"), kv[0])
    ):
        ranked = sorted(words.items(), key=lambda kv: (-sum(kv[1]), kv[0]))[:TOP_WORDS]
        rows.append(
            {
                "field": field,
                "value": value,
                "words": [
                    {"word": word, "weight": round(sum(scores), 4), "items": len(scores)}
                    for word, scores in ranked
                ],
            }
        )
    return rows


def explain_failures(
    items: Sequence[ItemResult], attributor: Attributor, fields: Sequence[str], limit: int
) -> dict[str, Any] | None:
    """``sections["explanations"]`` of one test, or ``None`` when nothing failed."""
    chosen = select_failures(items, limit)
    if not chosen:
        return None
    attributions = attributor.attribute(chosen, fields)
    n_failing = sum(1 for item in items if item.correct is False)
    return {
        "method": attributor.method,
        "target": "the predicted label",
        "limit": limit,
        "n_failing": n_failing,
        "n_explained": len(chosen),
        "items": [
            {
                **attribution.to_json(),
                "test": item.test,
                "gold": item.gold,
                "predicted": item.predicted,
                "confidence": item.confidence,
                "parent_id": item.example.parent_id,
                "tags": dict(item.tags),
            }
            for item, attribution in zip(chosen, attributions, strict=True)
        ],
        "words_by_slice": words_by_slice(chosen, attributions),
    }
