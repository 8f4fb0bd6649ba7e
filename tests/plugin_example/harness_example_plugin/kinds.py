"""A test kind (does the answer survive upper case?) and an analysis (tests side by side)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness.execution import RunContext, TestOutcome
from harness.metrics.base import MetricValue
from harness.metrics.intervals import wilson_interval
from harness.options import Options
from harness.suite import TestPlan, TestSpec

MIRROR = {"source": "generator", "name": "example_mirror", "params": {"n": 10}}


class CaseCheckOptions(TestSpec):
    kind: str = "example_case_check"
    #: How the copy of each example is written; the key alone makes a test of this kind.
    case_check: Literal["upper", "lower"] = "upper"


class CaseCheck:
    """Predict each example and a copy in another case; report the share that agree."""

    description: ClassVar[str] = "each example and its copy in another case: the share that agree"
    implied_by: ClassVar[str] = "case_check"
    example: ClassVar[dict[str, Any]] = {
        "name": "case_check_example",
        "task": "nli",
        "labels": ["entailment", "neutral", "contradiction"],
        "model": "example-keywords",
        "tests": [{"name": "mirror_upper", "data": MIRROR, "case_check": "upper"}],
    }

    Options = CaseCheckOptions

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec = plan.spec
        assert isinstance(spec, CaseCheckOptions)
        examples = context.load_examples(plan.data)
        change = str.upper if spec.case_check == "upper" else str.lower
        copies = [
            replace(
                example,
                id=f"{example.id}/{spec.case_check}",
                fields={name: change(text) for name, text in example.fields.items()},
                parent_id=example.id,
            )
            for example in examples
        ]
        both = [*examples, *copies]
        predictions = context.predictor.predict(both, description=spec.name)
        labels, items = context.score(spec.name, both, predictions, spec.label_mapping)
        predicted = {item.id: item.predicted for item in items}
        agree = sum(
            predicted[c.id] == predicted[e.id] for e, c in zip(examples, copies, strict=True)
        )
        n = len(examples)
        low, high = wilson_interval(agree, n)
        return TestOutcome.of_test(
            spec,
            "example_case_check",
            labels,
            items,
            metrics={"case_agreement": MetricValue(agree / n, low, high, n, "wilson")},
            sections={"example_case_check": {"case": spec.case_check, "pairs": n, "agree": agree}},
        )


class Summary:
    """Accuracy of the named tests, side by side."""

    description: ClassVar[str] = "accuracy of the named tests, side by side"
    example: ClassVar[dict[str, Any]] = {
        "name": "summary_example",
        "task": "nli",
        "labels": ["entailment", "neutral", "contradiction"],
        "model": "example-keywords",
        "tests": [
            {"name": "mirror", "data": MIRROR},
            {"name": "mirror_shouted", "data": MIRROR, "perturb": ["example_shout"]},
        ],
        "analyses": [{"name": "example_summary", "tests": ["mirror", "mirror_shouted"]}],
    }

    class Options(Options):
        name: Literal["example_summary"] = "example_summary"
        tests: list[str] = Field(min_length=1)

    def run(
        self, options: Options, outcomes: Mapping[str, TestOutcome], context: RunContext
    ) -> dict[str, Any]:
        rows = {}
        for name in options.tests:
            scored = [item for item in outcomes[name].items if item.correct is not None]
            right = sum(1 for item in scored if item.correct)
            rows[name] = {"n": len(scored), "accuracy": right / len(scored) if scored else None}
        return {"tests": rows}
