"""The ``counterfactual`` test kind: does the prediction depend on who the text is about?

    examples ──source groups (all fields)──▶ families: the parent + one variant per other group
             (items with nothing to swap, with mixed groups, or with a cue the swap cannot
             change — "girl" beside "young man", "a word of German" — are excluded and
             counted, each under its reason)
    families ──predictor (one call)──▶ items (tags: group, family) ──▶ statistics with CIs

``swap: [gender]`` swaps one attribute; ``swap: [gender, ethnicity]`` swaps both
together and reports intersectional groups ("female+Black"). Variants keep the
parent's gold label: a swap of who the text is about must not change the answer.
Statistics (harness/bias/counterfactual.py) resample families; the headline metrics
(``accuracy``, ``flip_rate``, ``counterfactual_gap``) are gateable.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness.bias.counterfactual import Member, counterfactual_statistics
from harness.core import Example, ItemResult
from harness.execution import RunContext, TestOutcome, generator_sample, kind_example
from harness.kinds.evaluate import summarize
from harness.metrics.base import MetricValue
from harness.seeding import seed_label
from harness.suite import TestPlan, TestSpec
from harness.transforms.counterfactual import ATTRIBUTES, swap_family

Attribute = Literal["gender", "ethnicity", "religion", "nationality", "age"]

NOTE = (
    "A family is one item and its counterfactual copies, one per group; the copies keep "
    "the item's gold label. Items with nothing to swap, with several groups of an "
    "attribute, or with a cue of the old group the swap cannot change (an age word it "
    "does not rewrite, a nationality word for a language or a thing, a word bound to one "
    "sex) are excluded (counted above), never counted as passes. Gaps and shifts "
    "are paired within families and their CIs resample families. The largest gap is a "
    "magnitude: its CI is above 0 whenever groups differ in a resample, so read the "
    "signed gaps per group to judge whether a gap exists."
)


class CounterfactualOptions(TestSpec):
    kind: str = "counterfactual"
    swap: list[Attribute] = Field(min_length=1, max_length=2)
    # Restrict the groups per attribute (default: all of the attribute's groups).
    groups: dict[str, list[str]] = Field(default_factory=dict)
    fields: list[str] | None = Field(default=None, min_length=1)
    metrics: list[str] | None = Field(
        default_factory=lambda: ["accuracy", "flip_rate", "counterfactual_gap"]
    )
    cluster_by: str | None = "family"
    max_flips_shown: int = Field(default=40, ge=0)


def _group_label(combination: Sequence[str]) -> str:
    return "+".join(combination)


class CounterfactualKind:
    """Counterfactual swaps with per-group accuracy, gaps, shifts and flip rate."""

    description: ClassVar[str] = (
        "counterfactual group swaps: flip rate, per-group accuracy, gaps and shifts with CIs"
    )
    example: ClassVar[dict[str, Any]] = kind_example(
        "counterfactual",
        "names",
        generator_sample("attribute_nli", 24, attributes=["first_name"]),
        test={"swap": ["gender"]},
    )

    Options = CounterfactualOptions

    @staticmethod
    def check(spec: CounterfactualOptions, location: Any, sources: Any) -> None:
        for attribute, groups in spec.groups.items():
            if attribute not in spec.swap:
                raise sources.error(
                    (*location, "groups", attribute), f"'{attribute}' is not in swap"
                )
            unknown = [g for g in groups if g not in ATTRIBUTES[attribute]]
            if unknown or len(groups) < 2:
                raise sources.error(
                    (*location, "groups", attribute),
                    f"needs at least two of: {', '.join(ATTRIBUTES[attribute])}",
                )

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec: CounterfactualOptions = plan.spec  # type: ignore[assignment]
        started = time.perf_counter()
        fields = list(spec.fields or context.suite.input_fields)
        attributes: list[str] = [str(a) for a in spec.swap]
        groups_per_attribute = [list(spec.groups.get(a) or ATTRIBUTES[a]) for a in attributes]
        combinations = list(itertools.product(*groups_per_attribute))
        group_labels = [_group_label(c) for c in combinations]

        examples = context.load_examples(plan.data)
        excluded: dict[str, int] = {}
        families: list[list[Example]] = []
        for example in examples:
            made = swap_family(
                example, attributes, groups_per_attribute, fields, _rng_of(context, example.id)
            )
            if made.excluded is not None:
                excluded[made.excluded] = excluded.get(made.excluded, 0) + 1
                continue
            parent = replace(example, meta={**example.meta, **made.groups})
            families.append([parent, *made.copies])
        swapped = time.perf_counter()

        to_predict = [member for family in families for member in family]
        predictions = context.predictor.predict(to_predict, description=spec.name)
        predicted = time.perf_counter()
        labels, scored = context.score(spec.name, to_predict, predictions, spec.label_mapping)
        by_id = {item.example.id: item for item in scored}

        items: list[ItemResult] = []
        stat_families: list[list[Member]] = []
        flips: list[dict[str, Any]] = []
        for family in families:
            parent_item = by_id[family[0].id]
            family_members: list[Member] = []
            for member in family:
                item = by_id[member.id]
                group = _group_label([str(member.meta[a]) for a in attributes])
                is_parent = member is family[0]
                scores = dict(item.scores)
                if not is_parent:
                    flipped = item.predicted != parent_item.predicted
                    scores["flipped"] = float(flipped)
                    if flipped and len(flips) < spec.max_flips_shown:
                        flips.append(_flip_record(parent_item, item, attributes))
                tags = {**item.tags, "group": group, "family": family[0].id}
                items.append(replace(item, scores=scores, tags=tags))
                family_members.append(
                    Member(group, item.correct, item.predicted, item.probabilities, is_parent)
                )
            stat_families.append(family_members)

        outcome = summarize(spec, items, labels, context)
        statistics = counterfactual_statistics(
            stat_families,
            group_labels,
            labels,
            resamples=context.bootstrap_resamples,
            seed=seed_label(context.seed, spec.name),
        )
        worst = statistics["worst_case_accuracy"]
        assert isinstance(worst, MetricValue)
        outcome.metrics["worst_case_accuracy"] = worst
        outcome.sections["bias"] = {
            "probe": "counterfactual",
            "attributes": attributes,
            **statistics,
            "excluded": excluded,
            "n_examples": len(examples),
            "flips": flips,
            "note": NOTE,
        }
        outcome.counts = {
            "examples": len(examples),
            "families": len(families),
            "excluded": sum(excluded.values()),
            **{f"excluded: {reason}": n for reason, n in sorted(excluded.items())},
        }
        outcome.timings = {
            "swap_s": round(swapped - started, 4),
            "predict_s": round(predicted - swapped, 4),
        }
        return outcome


def _rng_of(context: RunContext, example_id: str) -> Callable[[str], random.Random]:
    """The RNG of one group combination's swap of one example ("female+Black")."""

    def rng(label: str) -> random.Random:
        return context.rng(f"counterfactual:{label}", example_id)

    return rng


def _flip_record(
    parent: ItemResult, variant: ItemResult, attributes: Sequence[str]
) -> dict[str, Any]:
    return {
        "family": parent.example.id,
        "from": _group_label([str(parent.example.meta.get(a)) for a in attributes]),
        "to": _group_label([str(variant.example.meta.get(a)) for a in attributes]),
        "gold": parent.gold,
        "original": {
            "fields": dict(parent.example.fields),
            "predicted": parent.predicted,
            "probabilities": dict(parent.probabilities) if parent.probabilities else None,
        },
        "swapped": {
            "fields": dict(variant.example.fields),
            "predicted": variant.predicted,
            "probabilities": dict(variant.probabilities) if variant.probabilities else None,
        },
        "changes": variant.example.transform.description if variant.example.transform else "",
    }
