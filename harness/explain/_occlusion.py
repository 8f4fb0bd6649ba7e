"""Leave-one-word-out occlusion: works for any classifier, through the cached predictor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from harness.core import Example, ItemResult
from harness.execution import Predictor
from harness.explain._base import ItemAttribution, WordScore, words_of


def without_word(text: str, start: int, end: int) -> str:
    """``text`` with the word at ``[start, end)`` and one space next to it removed."""
    before, after = text[:start], text[end:]
    if before.endswith(" ") and (after.startswith(" ") or not after):
        before = before[:-1]
    elif after.startswith(" ") and not before:
        after = after[1:]
    return before + after


class OcclusionAttributor:
    """score(word) = p(label | input) − p(label | input without the word).

    The variants go through the run's predictor, so they are batched and cached
    exactly like the test's own predictions; a re-run costs no model call.
    """

    method = "occlusion"

    def __init__(self, predictor: Predictor) -> None:
        self.predictor = predictor

    def attribute(
        self, items: Sequence[ItemResult], fields: Sequence[str]
    ) -> list[ItemAttribution]:
        variants: list[Example] = []
        plan: list[tuple[int, str, str, int]] = []  # (item index, field, word, variant index)
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
                for word, start, end in words_of(text):
                    changed = {**example.fields, name: without_word(text, start, end)}
                    plan.append((index, name, word, len(variants)))
                    variants.append(
                        replace(example, id=f"{example.id}#without:{name}:{start}", fields=changed)
                    )
        # Named by test: a run explains the failures of each test in turn.
        tests = sorted({item.test for item in items})
        predictions = self.predictor.predict(
            variants, f"{', '.join(tests)}: explaining failures (occlusion)"
        )
        scores: dict[int, dict[str, list[WordScore]]] = {i: {} for i in range(len(items))}
        for index, name, word, at in plan:
            label = items[index].prediction.label
            full = predictions[full_at[index]].scores or {}
            occluded = predictions[at].scores or {}
            if label is None or label not in full or label not in occluded:
                continue
            value = float(full[label]) - float(occluded[label])
            scores[index].setdefault(name, []).append(WordScore(word, value))
        return [
            ItemAttribution(
                test=item.test,
                id=item.id,
                label=str(item.prediction.label),
                method=self.method,
                fields=scores[index],
            )
            for index, item in enumerate(items)
        ]
