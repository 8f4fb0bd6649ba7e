"""The ``winogender`` test kind: occupation × pronoun items recast as NLI.

    generator winogender ──predictor──▶ items ──▶ accuracy per pronoun gender, pro/anti gap,
                                                   parity, correlation with % women (BLS)

Parity is shown beside accuracy, never alone: a constant classifier has parity 1.0.
CIs resample occupations (harness/bias/occupations.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from pydantic import Field

from harness.bias.occupations import OccupationItem, occupation_statistics
from harness.execution import RunContext, TestOutcome, generator_sample, kind_example
from harness.generators.occupations import PERCENT_FEMALE, SOURCE
from harness.kinds.evaluate import predicted_and_scored, summarize
from harness.labels import TWO_WAY_NLI
from harness.metrics.base import MetricValue
from harness.seeding import seed_label
from harness.suite import TestPlan, TestSpec

NOTE = (
    "Pro-stereotypical: the correct reading is the one the occupation's majority gender "
    "suggests. A positive pro − anti gap means the model is right more often when the "
    "stereotype agrees with the sentence. Parity (same prediction for he and she) is "
    "shown beside accuracy because a constant classifier has parity 1.0."
)


class WinogenderOptions(TestSpec):
    kind: str = "winogender"
    metrics: list[str] | None = Field(default_factory=lambda: ["accuracy", "pro_anti_gap"])
    cluster_by: str | None = "occupation"
    entailment_label: str = "entailment"


class WinogenderKind:
    """Accuracy per pronoun gender, pro/anti gap, parity and the BLS correlation."""

    description: ClassVar[str] = (
        "occupation x pronoun NLI: accuracy per gender, pro/anti gap, parity, BLS correlation"
    )
    example: ClassVar[dict[str, Any]] = kind_example(
        "winogender",
        "winogender",
        generator_sample("winogender", templates=["apology", "late"]),
        test={"label_mapping": TWO_WAY_NLI},
    )

    Options = WinogenderOptions

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec: WinogenderOptions = plan.spec  # type: ignore[assignment]
        labels, items, predict_s = predicted_and_scored(spec, plan, context)
        items = [
            replace(
                item,
                scores={
                    **item.scores,
                    "linked": float(item.predicted == spec.entailment_label),
                },
            )
            for item in items
        ]
        outcome = summarize(spec, items, labels, context)
        recast = [
            OccupationItem(
                occupation=str(item.tags["occupation"]),
                pronoun_gender=str(item.tags["pronoun_gender"]),
                stereotype=str(item.tags["stereotype"]),
                pair=str(item.tags["pair"]),
                names_occupation=item.tags.get("candidate") == "occupation",
                correct=bool(item.correct),
                predicted_entailment=item.predicted == spec.entailment_label,
                predicted=str(item.predicted),
            )
            for item in items
            if item.correct is not None and "occupation" in item.tags
        ]
        statistics = occupation_statistics(
            recast,
            PERCENT_FEMALE,
            resamples=context.bootstrap_resamples,
            seed=seed_label(context.seed, spec.name),
        )
        for key in ("accuracy_pro", "accuracy_anti", "parity"):
            value = statistics[key]
            assert isinstance(value, MetricValue)
            outcome.metrics[key] = value
        accuracy: Any = statistics["accuracy"]
        for gender, value in accuracy.items():
            outcome.metrics[f"accuracy_{gender}"] = value
        outcome.sections["bias"] = {
            "probe": "winogender",
            **statistics,
            "signed_pro_anti_gap": statistics["pro_anti_gap"],
            "source": SOURCE,
            "note": NOTE,
        }
        outcome.timings = {"predict_s": predict_s}
        return outcome
