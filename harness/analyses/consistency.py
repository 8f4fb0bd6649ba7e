"""Are the model's own answers logically consistent? Analysis ``logical_consistency``.

Over the groups of the ``consistency`` generator (harness/generators/consistency.py),
each constraint is checked on the model's predicted three-way labels, right or wrong:

* ``symmetry``: P contradicts H ⇔ H contradicts P; a violation is a group where
  exactly one direction is predicted "contradiction" (rate over all groups);
* ``negation``: where the model predicts P ⇒ H, it must predict that P contradicts
  not-H (rate over groups whose H is predicted entailed);
* ``transitivity``: where it predicts P ⇒ H1 and H1 ⇒ H2 it must predict P ⇒ H2
  (rate over groups with both links predicted entailed);
* ``paraphrase``: a premise and its paraphrase get the same label for one hypothesis
  (rate over all groups).

Each rate has a Wilson 95% CI over the groups it applies to; the report shows the
violating groups' items side by side. A constraint that applies to no group (a
model that never predicts entailment has no negation groups) has no rate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness.analyses._common import (
    TestsAnalysisOptions,
    item_text,
    proportion,
    scored_items_of,
)
from harness.core import ItemResult
from harness.execution import RunContext, TestOutcome, analysis_example, generator_sample

ENTAILMENT, CONTRADICTION = "entailment", "contradiction"

Group = Mapping[str, ItemResult]


def _symmetry(group: Group) -> tuple[bool, bool]:
    forward = group["forward"].predicted == CONTRADICTION
    backward = group["backward"].predicted == CONTRADICTION
    return True, forward != backward


def _negation(group: Group) -> tuple[bool, bool]:
    applies = group["h"].predicted == ENTAILMENT
    return applies, applies and group["not_h"].predicted != CONTRADICTION


def _transitivity(group: Group) -> tuple[bool, bool]:
    applies = group["p_h1"].predicted == ENTAILMENT and group["h1_h2"].predicted == ENTAILMENT
    return applies, applies and group["p_h2"].predicted != ENTAILMENT


def _paraphrase(group: Group) -> tuple[bool, bool]:
    return True, group["original"].predicted != group["paraphrase"].predicted


#: constraint -> (roles a group needs, check(group) -> (applies, violated), the rule)
CHECKS: dict[str, tuple[tuple[str, ...], Callable[[Group], tuple[bool, bool]], str]] = {
    "symmetry": (
        ("forward", "backward"),
        _symmetry,
        "P contradicts H if and only if H contradicts P",
    ),
    "negation": (("h", "not_h"), _negation, "P entails H implies P contradicts not-H"),
    "transitivity": (
        ("p_h1", "h1_h2", "p_h2"),
        _transitivity,
        "P entails H1 and H1 entails H2 imply P entails H2",
    ),
    "paraphrase": (
        ("original", "paraphrase"),
        _paraphrase,
        "paraphrased premises get the same label",
    ),
}


def _groups(items: Sequence[ItemResult]) -> dict[str, dict[str, dict[str, ItemResult]]]:
    groups: dict[str, dict[str, dict[str, ItemResult]]] = defaultdict(lambda: defaultdict(dict))
    for item in items:
        meta = item.example.meta
        if {"constraint", "group", "role"} <= set(meta):
            groups[str(meta["constraint"])][str(meta["group"])][str(meta["role"])] = item
    return groups


class LogicalConsistencyAnalysis:
    """Violation rates of logical constraints over the model's own predictions."""

    description: ClassVar[str] = (
        "violation rates of symmetry, negation, transitivity and paraphrase constraints"
    )
    example: ClassVar[dict[str, Any]] = analysis_example(
        "logical_consistency", "consistency", generator_sample("consistency", 24)
    )

    class Options(TestsAnalysisOptions):
        name: Literal["logical_consistency"] = "logical_consistency"
        max_examples: int = Field(default=5, ge=0)

    def run(
        self, options: Options, outcomes: Mapping[str, TestOutcome], context: RunContext
    ) -> dict[str, Any]:
        chosen = options.outcomes_of(outcomes)
        items = scored_items_of(chosen)
        groups = _groups(items)
        rows: list[dict[str, Any]] = []
        for constraint, (roles, check, rule) in CHECKS.items():
            members = [g for _, g in sorted(groups.get(constraint, {}).items())]
            complete = [g for g in members if all(role in g for role in roles)]
            applicable = violated = 0
            violations: list[list[dict[str, Any]]] = []
            for group in complete:
                applies, bad = check(group)
                applicable += int(applies)
                violated += int(bad)
                if bad and len(violations) < options.max_examples:
                    violations.append([{"role": r, **item_text(group[r])} for r in roles])
            if not complete:
                continue
            rows.append(
                {
                    "constraint": constraint,
                    "rule": rule,
                    "groups": len(complete),
                    "applicable": applicable,
                    "violations": violated,
                    "violation_rate": proportion(violated, applicable),
                    "examples": violations,
                }
            )
        result: dict[str, Any] = {"tests": [o.name for o in chosen], "constraints": rows}
        parts = [
            f"{row['constraint']} {row['violation_rate']['value']:.0%} "
            f"({row['violations']} of {row['applicable']})"
            for row in rows
            if row["applicable"]
        ]
        result["diagnosis"] = (
            "Violation rates: " + ", ".join(parts) + "."
            if parts
            else "No consistency groups the constraints apply to (generator 'consistency')."
        )
        return result
