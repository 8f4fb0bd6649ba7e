"""Explaining a test's failures: attribute every failure the browser shows, summarise per slice.

The first ``detailed`` failures of a test (broken perturbation cases, then the most
confident) get the model's best method (integrated gradients where the network is at
hand); the rest, up to ``limit``, get leave-one-word-out occlusion, which goes through
the batched, cached predictor and is the cheap one. So every failing item in the
failure browser can be expanded unless a test has more than ``limit`` failures; the
report says how many have no explanation and which option raises the cap.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from harness.core import ItemResult
from harness.explain._base import Attributor, ItemAttribution
from harness.explain._function_words import FUNCTION_WORDS
from harness.explain._gradients import IntegratedGradientsAttributor, ReferenceIntegratedGradients
from harness.explain._occlusion import OcclusionAttributor

#: Failures explained per test unless the run says otherwise (``--explain N``): enough
#: that every failure the browser shows for the built-in suites can be expanded.
DEFAULT_MAX_FAILURES = 1000
#: Of those, how many get the detailed method (``--explain-gradients K``).
DEFAULT_DETAILED = 5
#: Explained failures shown in full in the test's own section (the rest: in the browser).
FEATURED = 5
#: Words listed per slice in the summary.
TOP_WORDS = 5
#: A word enters a slice's summary only when this many of its explained failures contain it.
MIN_ITEMS = 3
#: Pseudo-items of zero attribution added to every word's mean (shrinks rare words).
PRIOR_ITEMS = 2
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
    """Per slice of the explained failures: the content words that most drove the wrong answers.

    Each item's scores are divided by its largest absolute score (so every failure
    counts once and the two methods share a scale); a word's score in an item is the
    sum over its occurrences. Per slice (every tag value, every predicted label, and
    all explained failures) a word is ranked by its *shrunken mean*: the sum of its
    item scores over ``n + PRIOR_ITEMS``, where ``n`` is the number of explained
    failures of the slice that contain it. Function words (``FUNCTION_WORDS``) are left
    out, words in fewer than ``MIN_ITEMS`` failures too, and only words with a positive
    mean (pushing towards the wrong answer) are listed.
    """
    groups: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for item, attribution in zip(items, attributions, strict=True):
        scores = [w for words in attribution.fields.values() for w in words]
        largest = max((abs(w.score) for w in scores), default=0.0)
        if largest <= 0:
            continue
        per_word: dict[str, float] = defaultdict(float)
        for word_score in scores:
            word = normalised_word(word_score.word)
            if word and word not in FUNCTION_WORDS:
                per_word[word] += word_score.score / largest
        slices = [("all", "all"), ("predicted", str(item.predicted)), *sorted(item.tags.items())]
        for key in slices:
            for word, score in per_word.items():
                groups[(str(key[0]), str(key[1]))][word].append(score)
    rows = []
    for (field, value), words in sorted(
        groups.items(), key=lambda kv: (kv[0] != ("all", "all"), kv[0])
    ):
        means = {
            word: sum(scores) / (len(scores) + PRIOR_ITEMS)
            for word, scores in words.items()
            if len(scores) >= MIN_ITEMS
        }
        ranked = sorted(
            ((word, mean) for word, mean in means.items() if mean > 0),
            key=lambda kv: (-kv[1], kv[0]),
        )[:TOP_WORDS]
        if not ranked:
            continue
        rows.append(
            {
                "field": field,
                "value": value,
                "words": [
                    {"word": word, "weight": round(mean, 4), "items": len(words[word])}
                    for word, mean in ranked
                ],
            }
        )
    return rows


def explain_failures(
    items: Sequence[ItemResult],
    attributor: Attributor,
    fields: Sequence[str],
    limit: int,
    *,
    detailed: int = DEFAULT_DETAILED,
    fallback: Attributor | None = None,
) -> dict[str, Any] | None:
    """``sections["explanations"]`` of one test, or ``None`` when nothing failed.

    ``attributor`` explains the first ``detailed`` chosen failures and ``fallback`` (the
    cheap one; by default ``attributor`` itself) the rest, up to ``limit`` in all.
    """
    chosen = select_failures(items, limit)
    if not chosen:
        return None
    if fallback is None or fallback.method == attributor.method:
        first, rest = chosen, []
        fallback = attributor
    else:
        first, rest = chosen[: max(detailed, 0)], chosen[max(detailed, 0) :]
    attributions = (attributor.attribute(first, fields) if first else []) + (
        fallback.attribute(rest, fields) if rest else []
    )
    n_failing = sum(1 for item in items if item.correct is False)
    methods = Counter(attribution.method for attribution in attributions)
    return {
        "method": attributions[0].method,
        "methods": dict(sorted(methods.items())),
        "target": "the predicted label",
        "limit": limit,
        "detailed_limit": detailed,
        "featured": min(FEATURED, len(chosen)),
        "min_items": MIN_ITEMS,
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
