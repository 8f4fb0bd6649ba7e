from __future__ import annotations

from harness import execution
from harness.core import Example, ItemResult, Prediction
from harness.metrics.base import MetricValue
from harness.suite import spec as suite_spec


def test_an_outcome_of_a_test_takes_its_name_and_description_from_the_spec() -> None:
    spec = suite_spec.TestSpec.model_validate(
        {"name": "negation", "kind": "evaluate", "description": "flip the verb", "data": {}}
    )
    item = ItemResult(
        test="negation",
        example=Example(id="a", fields={"text": "x"}, target="yes"),
        prediction=Prediction(example_id="a", label="yes"),
        gold="yes",
        predicted="yes",
        correct=True,
    )
    metric = MetricValue(1.0, 0.2, 1.0, 1, "wilson")
    outcome = execution.TestOutcome.of_test(
        spec, "perturbation", ["yes", "no"], [item], metrics={"accuracy": metric}
    )
    assert outcome == execution.TestOutcome(
        name="negation",
        kind="perturbation",
        description="flip the verb",
        labels=("yes", "no"),
        items=[item],
        metrics={"accuracy": metric},
    )
