"""Does the model behave like the lexical-overlap heuristic? Analysis ``heuristic_agreement``.

On the items of HANS-style tests, the overlap heuristic says "entailment" almost
everywhere (every hypothesis is built from premise words), so it is right on the
entailed subcases and wrong on the non-entailed ones. This analysis puts three
predictors side by side — the model, the overlap heuristic, the majority class —
and measures how often the model's prediction (collapsed to entailment /
non-entailment) equals the heuristic's: overall, per heuristic, per subcase.

A heuristic is marked ``falls_for`` when the model's accuracy on its non-entailed
items is significantly below chance (Wilson upper bound < 0.5) while its accuracy
on the entailed items is above its non-entailed accuracy: the signature McCoy et
al. (2019) report for MNLI-trained models.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import Field

from harness.analyses._common import outcomes_named, proportion, scored_items
from harness.analyses.heuristics import (
    ENTAILMENT,
    NON_ENTAILMENT,
    collapse_to_binary,
    majority_label,
    overlap_heuristic_label,
)
from harness.core import ItemResult
from harness.execution import RunContext, TestOutcome
from harness.options import Options


def _percent(metric: Mapping[str, Any]) -> str:
    low, high = metric["ci_low"], metric["ci_high"]
    return f"{metric['value']:.0%} of items (95% CI {low:.0%}–{high:.0%}, n={metric['n']})"


def summarize_agreement(items: Sequence[ItemResult], majority: str) -> dict[str, Any]:
    """Accuracy of model, overlap heuristic and majority class, and model–heuristic agreement."""
    gold = [collapse_to_binary(item.gold) for item in items]
    model = [collapse_to_binary(item.predicted) for item in items]
    heuristic = [
        overlap_heuristic_label(item.example.fields["premise"], item.example.fields["hypothesis"])
        for item in items
    ]
    n = len(items)

    def hits(predictions: Sequence[str | None], reference: Sequence[str | None]) -> int:
        return sum(1 for p, r in zip(predictions, reference, strict=True) if p == r)

    by_gold = {}
    for label in (ENTAILMENT, NON_ENTAILMENT):
        chosen = [i for i, g in enumerate(gold) if g == label]
        by_gold[label] = proportion(sum(1 for i in chosen if model[i] == gold[i]), len(chosen))
    return {
        "n": n,
        "model_accuracy": proportion(hits(model, gold), n),
        "heuristic_accuracy": proportion(hits(heuristic, gold), n),
        "majority_accuracy": proportion(sum(1 for g in gold if g == majority), n),
        "agreement": proportion(hits(model, heuristic), n),
        "heuristic_predicts_entailment": proportion(heuristic.count(ENTAILMENT), n),
        "model_accuracy_by_gold": by_gold,
    }


def falls_for(summary: Mapping[str, Any]) -> bool:
    """Below chance on the non-entailed items and better on the entailed ones."""
    entailed = summary["model_accuracy_by_gold"][ENTAILMENT]
    non_entailed = summary["model_accuracy_by_gold"][NON_ENTAILMENT]
    if not entailed["n"] or not non_entailed["n"]:
        return False
    return non_entailed["ci_high"] < 0.5 and entailed["value"] > non_entailed["value"]


class HeuristicAgreementAnalysis:
    """Model vs lexical-overlap heuristic vs majority class on HANS-style tests."""

    class Options(Options):
        name: Literal["heuristic_agreement"] = "heuristic_agreement"
        tests: list[str] = Field(min_length=1)
        by: list[str] = Field(default_factory=lambda: ["heuristic", "subcase"])

    def run(
        self, options: Options, outcomes: Mapping[str, TestOutcome], context: RunContext
    ) -> dict[str, Any]:
        chosen = outcomes_named(outcomes, options.tests, "heuristic_agreement")
        items = [item for outcome in chosen for item in scored_items(outcome)]
        result: dict[str, Any] = {"tests": [outcome.name for outcome in chosen], "n": len(items)}
        if not items:
            result["diagnosis"] = "No scored items."
            return result
        # The best constant predictor on these items (ties: entailment first).
        majority = majority_label(
            (collapse_to_binary(item.gold) or "" for item in items), [ENTAILMENT, NON_ENTAILMENT]
        )
        overall = summarize_agreement(items, majority)
        result.update(majority_label=majority, overall=overall)
        result["rows"] = [
            {"predictor": "model", "accuracy": overall["model_accuracy"]},
            {"predictor": "lexical-overlap heuristic", "accuracy": overall["heuristic_accuracy"]},
            {"predictor": f"majority class ({majority})", "accuracy": overall["majority_accuracy"]},
        ]
        result["diagnosis"] = (
            "The model behaves like the lexical-overlap heuristic on "
            + _percent(overall["agreement"])
            + "."
        )
        for key in options.by:
            groups: dict[str, list[ItemResult]] = defaultdict(list)
            for item in items:
                if key in item.tags:
                    groups[item.tags[key]].append(item)
            rows = []
            for value, members in sorted(groups.items()):
                summary = summarize_agreement(members, majority)
                rows.append({key: value, **summary, "falls_for": falls_for(summary)})
            result[f"per_{key}"] = rows
        heuristics = result.get("per_heuristic", [])
        result["falls_for"] = [row["heuristic"] for row in heuristics if row["falls_for"]]
        return result
