"""Does the model know the words and use what they mean? Analysis ``knowledge_integration``.

Over the items of the ``knowledge`` generator (harness/generators/knowledge.py): each
unit asks one inference that needs a lexical fact, once without the fact and once
with it stated in the premise, plus a control whose gold label the fact does not
change. Per relation, over units, the probe's two answers give four shares (Wilson
95% CIs):

* ``right_both``: right without and with the fact — knows the fact and uses it;
* ``right_only_with_fact``: the fact stated fixes it — *missing knowledge*;
* ``wrong_both``: wrong even with the fact stated — *failed inference*;
* ``right_only_without_fact``: stating the fact breaks it — a distraction effect.

A constant answer ("entailment" everywhere) looks like ``right_both`` on the probes;
the controls catch it: ``right_both_and_controls`` counts units whose probe *and*
control are right both times, the strict reading of "knows and uses the fact"
(eval-methods §6.3), and the only share the analysis words that way. ``right_both``
alone is "right on the probe both times"; the diagnosis gives the strict share and
the controls' accuracy beside it.

For a model that serves ``Loglikelihood``, the fact itself is asked as a cloze
(``knowledge_cloze.py``) and each relation's split is reported again over the units
whose fact the model knows by cloze and over those it does not (option ``cloze``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness.analyses._common import (
    TestsAnalysisOptions,
    item_text,
    proportion,
    scored_items_of,
)
from harness.analyses.knowledge_cloze import can_ask, known_by_cloze
from harness.core import ItemResult
from harness.execution import RunContext, TestOutcome, analysis_example, generator_sample

OUTCOMES: tuple[str, ...] = (
    "right_both",
    "right_only_with_fact",
    "wrong_both",
    "right_only_without_fact",
)

MEANING = {
    "right_both": "right on the probe without and with the fact (controls not checked)",
    "right_both_and_controls": "knows and uses the fact (probe and control right both times)",
    "right_only_with_fact": "missing knowledge",
    "wrong_both": "failed inference",
    "right_only_without_fact": "distracted by the stated fact",
}


def unit_outcome(without: bool, with_fact: bool) -> str:
    """The share a probe's two answers count towards."""
    if without and with_fact:
        return "right_both"
    if with_fact:
        return "right_only_with_fact"
    if without:
        return "right_only_without_fact"
    return "wrong_both"


def _units(items: Sequence[ItemResult]) -> dict[tuple[str, str], dict[tuple[str, str], ItemResult]]:
    units: dict[tuple[str, str], dict[tuple[str, str], ItemResult]] = defaultdict(dict)
    for item in items:
        meta = item.example.meta
        if {"relation", "unit", "role", "fact"} <= set(meta):
            units[(str(meta["relation"]), str(meta["unit"]))][
                (str(meta["role"]), str(meta["fact"]))
            ] = item
    return units


def decompose(units: Sequence[Mapping[tuple[str, str], ItemResult]]) -> dict[str, Any]:
    """The four shares (and the strict one) over complete units, with Wilson CIs."""
    complete = [u for u in units if ("probe", "without") in u and ("probe", "with") in u]
    counts = dict.fromkeys(OUTCOMES, 0)
    strict = 0
    controls = {"without": [0, 0], "with": [0, 0]}
    probes = {"without": [0, 0], "with": [0, 0]}
    for unit in complete:
        outcome = unit_outcome(
            bool(unit[("probe", "without")].correct), bool(unit[("probe", "with")].correct)
        )
        counts[outcome] += 1
        for fact in ("without", "with"):
            probes[fact][0] += int(bool(unit[("probe", fact)].correct))
            probes[fact][1] += 1
        control_right = True
        for fact in ("without", "with"):
            control = unit.get(("control", fact))
            if control is not None:
                controls[fact][0] += int(bool(control.correct))
                controls[fact][1] += 1
                control_right = control_right and bool(control.correct)
        strict += int(outcome == "right_both" and control_right)
    n = len(complete)
    return {
        "n_units": n,
        **{name: proportion(count, n) for name, count in counts.items()},
        "right_both_and_controls": proportion(strict, n),
        "probe_accuracy": {fact: proportion(*probes[fact]) for fact in probes},
        "control_accuracy": {fact: proportion(*controls[fact]) for fact in controls},
    }


def diagnosis(overall: Mapping[str, Any]) -> str:
    """The shares in words; "knows and uses the fact" only for the strict share."""
    controls = overall["control_accuracy"]
    control_words = ", ".join(
        f"{controls[fact]['value']:.0%} {fact} the fact"
        for fact in ("without", "with")
        if controls[fact]["n"]
    )
    text = (
        f"Over {overall['n_units']} units: knows and uses the fact (probe and its control "
        f"right, without and with the fact) on {overall['right_both_and_controls']['value']:.0%}; "
        f"the probe alone is right both times on {overall['right_both']['value']:.0%}, "
        f"right only with the fact stated on {overall['right_only_with_fact']['value']:.0%}, "
        f"wrong both times on {overall['wrong_both']['value']:.0%}."
    )
    if control_words:
        text += f" Controls (not entailed) are right on {control_words}."
    without, with_fact = (controls[f] for f in ("without", "with"))
    if without["n"] and with_fact["n"] and max(without["value"], with_fact["value"]) < 0.5:
        text += (
            " The controls are mostly wrong, so right answers on the probes are no "
            "evidence of knowledge."
        )
    return text


def side_by_side(unit: Mapping[tuple[str, str], ItemResult]) -> dict[str, Any]:
    """One unit's probe without and with the fact, as the report shows it."""
    return {
        "without": item_text(unit[("probe", "without")]),
        "with": item_text(unit[("probe", "with")]),
        "pair": unit[("probe", "without")].example.meta.get("pair"),
    }


class KnowledgeIntegrationAnalysis:
    """Per relation: right both / only with the fact / wrong both, with controls."""

    description: ClassVar[str] = (
        "per relation: right both, only with the fact stated, wrong both (with controls)"
    )
    example: ClassVar[dict[str, Any]] = analysis_example(
        "knowledge_integration", "knowledge", generator_sample("knowledge", 24)
    )

    class Options(TestsAnalysisOptions):
        name: Literal["knowledge_integration"] = "knowledge_integration"
        max_examples: int = Field(default=5, ge=0)
        # Ask each fact as a cloze when the model serves loglikelihood requests.
        cloze: bool = True

    def run(
        self, options: Options, outcomes: Mapping[str, TestOutcome], context: RunContext
    ) -> dict[str, Any]:
        chosen = options.outcomes_of(outcomes)
        items = scored_items_of(chosen)
        units = _units(items)
        by_relation: dict[str, list[dict[tuple[str, str], ItemResult]]] = defaultdict(list)
        for (relation, _), unit in sorted(units.items()):
            by_relation[relation].append(unit)
        known = self._cloze(options, units, context)
        rows = []
        for relation, members in by_relation.items():
            row = {"relation": relation, **decompose(members)}
            if known is not None:
                row["cloze"] = by_cloze(members, known)
            examples: dict[str, list[dict[str, Any]]] = {}
            for outcome in ("right_only_with_fact", "wrong_both"):
                examples[outcome] = [
                    side_by_side(unit)
                    for unit in members
                    if ("probe", "without") in unit
                    and ("probe", "with") in unit
                    and unit_outcome(
                        bool(unit[("probe", "without")].correct),
                        bool(unit[("probe", "with")].correct),
                    )
                    == outcome
                ][: options.max_examples]
            row["examples"] = examples
            rows.append(row)
        overall = decompose(list(units.values()))
        result: dict[str, Any] = {
            "tests": [outcome.name for outcome in chosen],
            "meaning": MEANING,
            "overall": overall,
            "per_relation": rows,
        }
        if known is not None:
            result["cloze"] = {"asked": True, **by_cloze(list(units.values()), known)}
        else:
            result["cloze"] = {"asked": False, "why": _no_cloze_reason(options)}
        if overall["n_units"]:
            result["diagnosis"] = diagnosis(overall)
        else:
            result["diagnosis"] = "No knowledge-integration items (generator 'knowledge')."
        return result

    @staticmethod
    def _cloze(
        options: Options,
        units: Mapping[tuple[str, str], Mapping[tuple[str, str], ItemResult]],
        context: RunContext,
    ) -> dict[str, bool] | None:
        if not options.cloze or not can_ask(context.model, context.requests):
            return None
        pairs = sorted(
            {(relation, *_pair(unit).split("/", 1)) for (relation, _), unit in units.items()}
        )
        return known_by_cloze([(r, x, y) for r, x, y in pairs], context.requests)


def _pair(unit: Mapping[tuple[str, str], ItemResult]) -> str:
    return str(next(iter(unit.values())).example.meta.get("pair", "/"))


def _no_cloze_reason(options: KnowledgeIntegrationAnalysis.Options) -> str:
    if not options.cloze:
        return "cloze: false in the suite"
    return "the model does not serve loglikelihood requests (a classifier): no cloze check"


def by_cloze(
    units: Sequence[Mapping[tuple[str, str], ItemResult]], known: Mapping[str, bool]
) -> dict[str, Any]:
    """The share of units whose fact the model knows by cloze, and the split over each."""
    knows = [unit for unit in units if known.get(_pair(unit), False)]
    unknown = [unit for unit in units if not known.get(_pair(unit), False)]
    return {
        "known_by_cloze": proportion(len(knows), len(units)),
        "if_known": decompose(knows),
        "if_not_known": decompose(unknown),
    }
