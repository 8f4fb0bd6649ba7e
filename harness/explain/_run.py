"""Explaining a run's failures: choose them, attribute them in a few large batches, summarise.

    tests + findings ──choose──▶ per test: featured failures, findings' evidence
                     ──▶ integrated gradients for every test's first ``detailed`` (one batched call)
                     ──▶ occlusion for the rest (one predictor call per task: variants of
                         every test together, deduplicated and cached)
                     ──▶ per test: sections["explanations"]

What runs once per run rather than per test is what makes it cheap: the integration
steps of many items share forward/backward passes, and occlusion variants of many
failures share batches (and the cache answers any variant asked before).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.core import ItemResult
from harness.explain._base import ItemAttribution
from harness.explain._explain import (
    DEFAULT_DETAILED,
    DEFAULT_PER_TEST,
    attributor_for,
    choose,
    evidence_by_test,
    explanations_section,
    members_of,
)
from harness.explain._occlusion import OcclusionAttributor


@dataclass(frozen=True)
class ScoredTest:
    """One test's scored items, how its labels collapse, and the predictor of its task."""

    name: str
    items: Sequence[ItemResult]
    label_mapping: Mapping[str, str]
    predictor: Any
    #: Failures to explain besides the chosen ones (explained before; ``harness explain``).
    extra_ids: tuple[str, ...] = ()


def explain_tests(
    tests: Sequence[ScoredTest],
    findings: Iterable[Mapping[str, Any]],
    *,
    model: Any,
    labels: Sequence[str],
    fields: Sequence[str],
    cache: Any = None,
    per_test: int = DEFAULT_PER_TEST,
    detailed: int = DEFAULT_DETAILED,
    best: Any = None,
    occlusion: Callable[[Any], Any] = OcclusionAttributor,
) -> dict[str, dict[str, Any]]:
    """``sections["explanations"]`` per test name (tests without failures have none).

    ``best`` is the detailed method (default: ``attributor_for(model)``, occlusion for a
    black box) and ``occlusion(predictor)`` the cheap one.
    """
    evidence = evidence_by_test(findings)
    choices = {
        test.name: choose(
            test.items, evidence.get(test.name, []), per_test, detailed, test.extra_ids
        )
        for test in tests
    }
    best = best if best is not None else attributor_for(model, None, cache, labels)
    gradients = None if best.method == OcclusionAttributor.method else best
    attributions: dict[tuple[str, str], ItemAttribution] = {}

    def targets(test: ScoredTest, items: Sequence[ItemResult]) -> list[list[str]]:
        return [members_of(str(item.predicted), labels, test.label_mapping) for item in items]

    if gradients is not None:
        chosen = [
            (test, item)
            for test in tests
            for item in choices[test.name].items
            if item.id in choices[test.name].detailed
        ]
        _attribute(gradients, chosen, fields, targets, attributions)
    by_predictor: dict[int, list[tuple[ScoredTest, ItemResult]]] = {}
    for test in tests:
        for item in choices[test.name].items:
            if (test.name, item.id) not in attributions:
                by_predictor.setdefault(id(test.predictor), []).append((test, item))
    for group in by_predictor.values():
        _attribute(occlusion(group[0][0].predictor), group, fields, targets, attributions)

    sections = {}
    for test in tests:
        own = {
            item_id: attribution
            for (name, item_id), attribution in attributions.items()
            if name == test.name
        }
        section = explanations_section(
            test.items, choices[test.name], own, per_test=per_test, detailed=detailed
        )
        if section is not None:
            sections[test.name] = section
    return sections


def _attribute(
    attributor: Any,
    chosen: Sequence[tuple[ScoredTest, ItemResult]],
    fields: Sequence[str],
    targets: Any,
    into: dict[tuple[str, str], ItemAttribution],
) -> None:
    """Attribute every (test, item) of ``chosen`` in one call of ``attributor``."""
    if not chosen:
        return
    items = [item for _, item in chosen]
    members = [targets(test, [item])[0] for test, item in chosen]
    for (test, item), attribution in zip(
        chosen, attributor.attribute(items, fields, members), strict=True
    ):
        into[(test.name, item.id)] = attribution
