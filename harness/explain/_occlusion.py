"""Leave-one-word-out occlusion: works for any classifier, through the cached predictor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from harness.core import Example, ItemResult
from harness.execution import Predictor
from harness.explain._base import ItemAttribution, WordScore, words_of

#: Words occluded per field, the first ones: an input of a million words would otherwise
#: cost a million predictions. The rest are counted as left out of the explanation.
MAX_OCCLUDED_WORDS = 256


def without_word(text: str, start: int, end: int) -> str:
    """``text`` with the word at ``[start, end)`` and one space next to it removed."""
    before, after = text[:start], text[end:]
    if before.endswith(" ") and (after.startswith(" ") or not after):
        before = before[:-1]
    elif after.startswith(" ") and not before:
        after = after[1:]
    return before + after


def target_probability(scores: Mapping[str, float] | None, members: Sequence[str]) -> float | None:
    """The explained label's probability: the sum over its members (None: not given).

    >>> target_probability({"entailment": 0.2, "neutral": 0.5, "contradiction": 0.3},
    ...                    ["neutral", "contradiction"])
    0.8
    """
    if not scores or not members or any(member not in scores for member in members):
        return None
    return float(sum(float(scores[member]) for member in members))


class OcclusionAttributor:
    """score(word) = p(label | input) − p(label | input without the word).

    The variants of every item given in one call go through the run's predictor
    together, so they are batched, deduplicated (a variant two items share is asked
    once) and cached exactly like the test's own predictions; a re-run costs no model
    call. A collapsed label's probability is the sum of its members'.
    """

    method = "occlusion"

    def __init__(self, predictor: Predictor) -> None:
        self.predictor = predictor

    def attribute(
        self,
        items: Sequence[ItemResult],
        fields: Sequence[str],
        targets: Sequence[Sequence[str]] | None = None,
    ) -> list[ItemAttribution]:
        if targets is None:
            targets = [[str(item.prediction.label)] for item in items]
        variants: list[Example] = []
        plan: list[tuple[int, str, str, int, int]] = []  # (item, field, word, position, variant)
        unscored: dict[int, dict[str, int]] = {i: {} for i in range(len(items))}
        # Where each unchanged input sits: the reference its variants are measured from.
        full_at: dict[int, int] = {}
        for index, item in enumerate(items):
            example = item.example
            full_at[index] = len(variants)
            variants.append(example)
            for name in fields:
                text = example.fields.get(name)
                if not isinstance(text, str):
                    continue
                words = words_of(text)
                if len(words) > MAX_OCCLUDED_WORDS:
                    unscored[index][name] = len(words) - MAX_OCCLUDED_WORDS
                for position, (word, start, end) in enumerate(words[:MAX_OCCLUDED_WORDS]):
                    changed = {**example.fields, name: without_word(text, start, end)}
                    plan.append((index, name, word, position, len(variants)))
                    variants.append(
                        replace(example, id=f"{example.id}#without:{name}:{start}", fields=changed)
                    )
        # Named by test: a run explains the failures of each test in turn.
        tests = sorted({item.test for item in items})
        predictions = self.predictor.predict(
            variants, f"{', '.join(tests)}: explaining failures (occlusion)"
        )
        scores: dict[int, dict[str, list[WordScore]]] = {i: {} for i in range(len(items))}
        for index, name, word, position, at in plan:
            full = target_probability(predictions[full_at[index]].scores, targets[index])
            occluded = target_probability(predictions[at].scores, targets[index])
            if full is None or occluded is None:
                continue
            scores[index].setdefault(name, []).append(WordScore(word, full - occluded, position))
        return [
            ItemAttribution(
                test=item.test,
                id=item.id,
                label=str(item.predicted if item.predicted is not None else item.prediction.label),
                method=self.method,
                fields=scores[index],
                members=tuple(targets[index]),
                unscored=unscored[index] if scores[index] else {},
            )
            for index, item in enumerate(items)
        ]
