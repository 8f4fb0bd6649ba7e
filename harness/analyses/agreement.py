"""Does the model behave like the lexical-overlap heuristic? Analysis ``heuristic_agreement``.

On the items of HANS-style tests, the overlap heuristic says "entailment" almost
everywhere (every hypothesis is built from premise words), so it is right on the
entailed subcases and wrong on the non-entailed ones. This analysis puts three
predictors side by side — the model, the overlap heuristic, the majority class.

Agreement with the heuristic is measured where it means something: on the items
where the heuristic and the gold label *disagree* (on the others a correct model
agrees with the heuristic by being correct). Overall agreement is kept, but on HANS
it equals the model's entailment rate and says little.

Each heuristic gets a verdict from its entailed and non-entailed items together
(one subcase has one gold label, so a subcase alone cannot show the pattern), judged
against *chance under the collapse* (eval-methods §6.1): the accuracy a model answering
uniformly at random over its own labels gets on each gold label once its answers are
collapsed. A three-way model collapsed to entailment / non-entailment is right by
chance 1/3 of the time on entailed items and 2/3 on non-entailed ones, not 1/2:

* ``falls_for``: non-entailed accuracy significantly below its chance (Wilson 95% upper
  bound < chance) while entailed accuracy is significantly above its chance (lower
  bound > chance): the signature McCoy et al. (2019) report for MNLI-trained models;
* ``does_not_fall_for``: non-entailed accuracy significantly above its chance (lower
  bound > chance);
* ``underpowered``: neither, and fewer than ``min_items`` entailed or non-entailed
  items: too few to tell;
* ``inconclusive``: neither, with enough items (e.g. non-entailed accuracy at chance,
  or wrong on both halves, which is a weak model rather than the heuristic).

The verdict carries its evidence: both accuracies with their CIs and sizes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness.analyses._common import TestsAnalysisOptions, proportion, scored_items_of
from harness.analyses.heuristics import (
    ENTAILMENT,
    NON_ENTAILMENT,
    collapse_to_binary,
    majority_label,
    overlap_heuristic_label,
)
from harness.core import ItemResult
from harness.execution import RunContext, TestOutcome, analysis_example, generator_sample
from harness.labels import TWO_WAY_NLI


def _percent(metric: Mapping[str, Any]) -> str:
    low, high = metric["ci_low"], metric["ci_high"]
    return f"{metric['value']:.0%} of items (95% CI {low:.0%}–{high:.0%}, n={metric['n']})"


def summarize_agreement(items: Sequence[ItemResult], majority: str) -> dict[str, Any]:
    """Accuracy of model, overlap heuristic and majority class, and model–heuristic agreement.

    ``agreement_where_heuristic_wrong``: among items where the heuristic's label differs
    from gold, the share where the model gives the heuristic's (wrong) label.
    """
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
    disagree = [i for i in range(n) if heuristic[i] != gold[i]]
    return {
        "n": n,
        "model_accuracy": proportion(hits(model, gold), n),
        "heuristic_accuracy": proportion(hits(heuristic, gold), n),
        "majority_accuracy": proportion(sum(1 for g in gold if g == majority), n),
        "agreement": proportion(hits(model, heuristic), n),
        "agreement_where_heuristic_wrong": proportion(
            sum(1 for i in disagree if model[i] == heuristic[i]), len(disagree)
        ),
        "heuristic_predicts_entailment": proportion(heuristic.count(ENTAILMENT), n),
        "model_accuracy_by_gold": by_gold,
    }


def _evidence(metric: Mapping[str, Any]) -> str:
    if not metric["n"]:
        return "no items"
    return (
        f"{metric['value']:.0%} (95% CI {metric['ci_low']:.0%}–{metric['ci_high']:.0%}, "
        f"n={metric['n']})"
    )


def chance_under_collapse(
    model_labels: Sequence[str], collapse: Mapping[str, str] | None = None
) -> dict[str, float]:
    """Per collapsed label, the accuracy of a model answering uniformly over its labels.

    >>> chance_under_collapse(["entailment", "neutral", "contradiction"])
    {'entailment': 0.3333333333333333, 'non-entailment': 0.6666666666666666}
    >>> chance_under_collapse(["entailment", "non-entailment"])
    {'entailment': 0.5, 'non-entailment': 0.5}
    """
    chance = dict.fromkeys((ENTAILMENT, NON_ENTAILMENT), 0.0)
    if not model_labels:
        return {ENTAILMENT: 0.5, NON_ENTAILMENT: 0.5}
    for label in model_labels:
        collapsed = collapse_to_binary((collapse or {}).get(label, label)) or NON_ENTAILMENT
        chance[collapsed] += 1 / len(model_labels)
    return chance


def heuristic_verdict(
    summary: Mapping[str, Any],
    min_items: int = 10,
    chance: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """The verdict for one heuristic from its entailed and non-entailed accuracies, each
    against its chance under the collapse (``chance_under_collapse``; 1/2 each when not
    given, a two-label model)."""
    chance = chance or {ENTAILMENT: 0.5, NON_ENTAILMENT: 0.5}
    entailed = summary["model_accuracy_by_gold"][ENTAILMENT]
    non_entailed = summary["model_accuracy_by_gold"][NON_ENTAILMENT]
    evidence = (
        f"accuracy on non-entailed items {_evidence(non_entailed)} against chance "
        f"{chance[NON_ENTAILMENT]:.2f}, on entailed items {_evidence(entailed)} against "
        f"chance {chance[ENTAILMENT]:.2f}"
    )
    if entailed["n"] and non_entailed["n"]:
        if (
            non_entailed["ci_high"] < chance[NON_ENTAILMENT]
            and entailed["ci_low"] > chance[ENTAILMENT]
        ):
            verdict = "falls_for"
            reason = "below chance on the non-entailed items and above it on the entailed ones"
        elif non_entailed["ci_low"] > chance[NON_ENTAILMENT]:
            verdict = "does_not_fall_for"
            reason = "above chance on the non-entailed items"
        elif min(entailed["n"], non_entailed["n"]) < min_items:
            verdict = "underpowered"
            reason = f"fewer than {min_items} items on one side; the CIs cannot decide"
        else:
            verdict = "inconclusive"
            reason = "neither pattern is significant"
    else:
        verdict = "underpowered"
        reason = "no entailed or no non-entailed items"
    return {"verdict": verdict, "reason": reason, "evidence": evidence}


def falls_for(
    summary: Mapping[str, Any], min_items: int = 10, chance: Mapping[str, float] | None = None
) -> bool:
    """Below chance on the non-entailed items and above chance on the entailed ones."""
    return heuristic_verdict(summary, min_items, chance)["verdict"] == "falls_for"


def model_label_space(
    chosen: Sequence[TestOutcome], context: RunContext
) -> tuple[list[str], dict[str, str]]:
    """The labels the model answers with (the suite's) and the collapse the tests apply."""
    labels = list(getattr(context.suite, "labels", ()) or ())
    collapse: dict[str, str] = {}
    plans = getattr(context.suite, "tests", ()) or ()
    specs = {plan.spec.name: plan.spec for plan in plans if hasattr(plan, "spec")}
    for outcome in chosen:
        collapse.update(getattr(specs.get(outcome.name), "label_mapping", None) or {})
    if not labels:
        labels = sorted({label for outcome in chosen for label in outcome.labels})
    return labels, collapse


class HeuristicAgreementAnalysis:
    """Model vs lexical-overlap heuristic vs majority class on HANS-style tests."""

    description: ClassVar[str] = (
        "model vs lexical-overlap heuristic vs majority class on HANS-style tests"
    )
    example: ClassVar[dict[str, Any]] = analysis_example(
        "heuristic_agreement",
        "hans",
        generator_sample("hans", n_per_subcase=4),
        test={"label_mapping": TWO_WAY_NLI},
    )

    class Options(TestsAnalysisOptions):
        name: Literal["heuristic_agreement"] = "heuristic_agreement"
        by: list[str] = Field(default_factory=lambda: ["heuristic", "subcase"])
        # Fewer entailed or non-entailed items than this and no significant pattern:
        # the verdict is "underpowered".
        min_items: int = Field(default=10, ge=1)

    def run(
        self, options: Options, outcomes: Mapping[str, TestOutcome], context: RunContext
    ) -> dict[str, Any]:
        chosen = options.outcomes_of(outcomes)
        items = scored_items_of(chosen)
        result: dict[str, Any] = {"tests": [outcome.name for outcome in chosen], "n": len(items)}
        if not items:
            result["diagnosis"] = "No scored items."
            return result
        # The best constant predictor on these items (ties: entailment first).
        majority = majority_label(
            (collapse_to_binary(item.gold) or "" for item in items), [ENTAILMENT, NON_ENTAILMENT]
        )
        overall = summarize_agreement(items, majority)
        model_labels, collapse = model_label_space(chosen, context)
        chance = chance_under_collapse(model_labels, collapse)
        result.update(
            majority_label=majority,
            overall=overall,
            chance={
                "by_gold": chance,
                "model_labels": model_labels,
                "how": "a model answering uniformly at random over its labels, collapsed "
                "as the tests collapse them",
            },
        )
        result["rows"] = [
            {"predictor": "model", "accuracy": overall["model_accuracy"]},
            {"predictor": "lexical-overlap heuristic", "accuracy": overall["heuristic_accuracy"]},
            {"predictor": f"majority class ({majority})", "accuracy": overall["majority_accuracy"]},
        ]
        where_wrong = overall["agreement_where_heuristic_wrong"]
        result["diagnosis"] = (
            (
                "Where the lexical-overlap heuristic is wrong, the model gives its answer on "
                + _percent(where_wrong)
                + "."
            )
            if where_wrong["n"]
            else "The lexical-overlap heuristic is right on every item here."
        )
        for key in options.by:
            groups: dict[str, list[ItemResult]] = defaultdict(list)
            for item in items:
                if key in item.tags:
                    groups[item.tags[key]].append(item)
            rows = []
            for value, members in sorted(groups.items()):
                summary = summarize_agreement(members, majority)
                row = {key: value, **summary}
                if key == "heuristic":
                    # A verdict needs both gold labels: per heuristic, never per subcase.
                    row.update(heuristic_verdict(summary, options.min_items, chance))
                    row["falls_for"] = row["verdict"] == "falls_for"
                rows.append(row)
            result[f"per_{key}"] = rows
        heuristics = result.get("per_heuristic", [])
        result["falls_for"] = [row["heuristic"] for row in heuristics if row["falls_for"]]
        result["verdicts"] = [
            {
                "heuristic": row["heuristic"],
                "verdict": row["verdict"],
                "reason": row["reason"],
                "evidence": row["evidence"],
            }
            for row in heuristics
        ]
        return result
