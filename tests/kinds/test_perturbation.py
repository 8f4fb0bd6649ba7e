"""The perturbation test kind end to end, with a scripted fake predictor."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest

from harness import execution
from harness.core import Example, Prediction
from harness.errors import SuiteError
from harness.execution import RunContext
from harness.kinds.perturbation import PerturbationKind
from harness.runner import make_loader
from harness.suite import Suite, suite_from_mapping

LABELS = ["entailment", "neutral", "contradiction"]

EXAMPLES = [
    {"id": "e0", "premise": "A man is sleeping.", "hypothesis": "The man is sleeping.",
     "label": "entailment", "phenomenon": "copula"},
    {"id": "e1", "premise": "A woman is eating.", "hypothesis": "The woman is eating.",
     "label": "entailment", "phenomenon": "copula"},
    {"id": "e2", "premise": "Two dogs run.", "hypothesis": "A cat sleeps.",
     "label": "neutral", "phenomenon": "unrelated"},
    {"id": "e3", "premise": "Mary is here.", "hypothesis": "Mary is not here.",
     "label": "contradiction", "phenomenon": "negation"},
]  # fmt: skip


def rule_scores(example: Example) -> dict[str, float]:
    """A brittle model: 'not' means contradiction, 'cat' neutral, and 'woman' without a
    final full stop tips over to neutral (the one flip the punctuation test finds)."""
    hypothesis = example.fields["hypothesis"]
    if " not " in hypothesis:
        return {"entailment": 0.05, "neutral": 0.05, "contradiction": 0.9}
    if "cat" in hypothesis:
        return {"entailment": 0.15, "neutral": 0.7, "contradiction": 0.15}
    if "woman" in hypothesis and not hypothesis.endswith("."):
        return {"entailment": 0.45, "neutral": 0.55, "contradiction": 0.0}
    return {"entailment": 0.6, "neutral": 0.2, "contradiction": 0.2}


class FakePredictor:
    """Scores from a rule; remembers each call so tests can count them."""

    def __init__(self, rule: Callable[[Example], Mapping[str, float]]) -> None:
        self.rule = rule
        self.calls: list[list[Example]] = []

    def predict(self, examples: Sequence[Example], description: str = "") -> list[Prediction]:
        self.calls.append(list(examples))
        predictions = []
        for example in examples:
            scores = dict(self.rule(example))
            predictions.append(
                Prediction(example.id, label=max(scores, key=scores.__getitem__), scores=scores)
            )
        return predictions


def make_suite(test: dict[str, Any], examples: list[dict[str, Any]] | None = None) -> Suite:
    return suite_from_mapping(
        {
            "name": "robustness",
            "task": "nli",
            "labels": LABELS,
            "seed": 0,
            "bootstrap_resamples": 200,
            "tests": [
                {
                    "name": "t",
                    "data": {"source": "inline", "examples": examples or EXAMPLES},
                    **test,
                }
            ],
        }
    )


def run_test(
    test: dict[str, Any], rule: Callable[[Example], Mapping[str, float]] = rule_scores
) -> tuple[execution.TestOutcome, FakePredictor]:
    suite = make_suite(test)
    predictor = FakePredictor(rule)
    context = RunContext(
        suite=suite,
        predictor=predictor,
        model=None,
        load_examples=make_loader(suite, None),
        bootstrap_resamples=200,
    )
    return PerturbationKind().run(suite.tests[0], context), predictor


def value(outcome: execution.TestOutcome, name: str) -> float:
    return outcome.metrics[name].value


def test_perturb_key_makes_a_perturbation_test() -> None:
    suite = make_suite({"perturb": ["punctuation"]})
    assert suite.tests[0].kind == "perturbation"
    assert suite.tests[0].spec.perturb[0].name == "punctuation"


def test_invariance_metrics_match_a_hand_computation() -> None:
    outcome, predictor = run_test(
        {"perturb": [{"name": "punctuation"}], "fields": ["hypothesis"], "slice_by": ["phenomenon"]}
    )
    # One predict call: 4 originals + 4 variants (every hypothesis ends with a full stop).
    assert len(predictor.calls) == 1 and len(predictor.calls[0]) == 8
    assert outcome.kind == "perturbation"
    # Originals all correct; only e1's variant flips (entailment -> neutral).
    assert value(outcome, "accuracy_original") == 1.0
    assert value(outcome, "accuracy_perturbed") == 0.75
    assert value(outcome, "accuracy_drop") == 0.25
    assert value(outcome, "flip_rate") == 0.25
    assert value(outcome, "consistency") == 0.75
    assert value(outcome, "worst_case_accuracy") == 0.75
    assert value(outcome, "failure_rate") == 0.25
    assert outcome.metrics["flip_rate"].n == 4
    assert outcome.metrics["flip_rate"].method == "wilson"
    low, high = outcome.metrics["accuracy_drop"].ci_low, outcome.metrics["accuracy_drop"].ci_high
    assert low is not None and high is not None and low <= 0.25 <= high
    assert outcome.counts["skipped"] == 0 and outcome.counts["parents"] == 4

    section = outcome.sections["robustness"]
    assert section["expect"] == "invariance" and section["fields"] == ["hypothesis"]
    [row] = section["per_transform"]
    assert (row["name"], row["n_parents"], row["n_variants"], row["skipped"]) == (
        "punctuation", 4, 4, 0,
    )  # fmt: skip
    assert row["flip_rate"]["value"] == 0.25
    by_slice = {(s["field"], s["value"]): s for s in section["per_slice"]}
    assert by_slice[("phenomenon", "copula")]["flip_rate"]["value"] == 0.5
    assert by_slice[("phenomenon", "negation")]["flip_rate"]["value"] == 0.0
    assert outcome.slices[0].value == "copula"  # the worst slice first

    [failure] = section["failures"]
    assert failure["parent_id"] == "inline:e1"
    assert failure["original_fields"]["hypothesis"] == "The woman is eating."
    assert failure["perturbed_fields"]["hypothesis"] == "The woman is eating"
    assert (failure["original_prediction"], failure["perturbed_prediction"]) == (
        "entailment",
        "neutral",
    )
    assert failure["perturbed_probabilities"]["neutral"] == 0.55
    assert failure["description"] == "stripped final punctuation: hypothesis"


def test_variants_record_their_origin_and_keep_the_parents_tags() -> None:
    outcome, _ = run_test({"perturb": ["punctuation"], "fields": ["hypothesis"]})
    variants = [item for item in outcome.items if item.example.parent_id is not None]
    variant = next(v for v in variants if v.example.parent_id == "inline:e1")
    assert variant.example.transform is not None
    assert variant.example.transform.name == "punctuation"
    assert variant.example.transform.seed == "0:punctuation:inline:e1"
    assert variant.tags == {"phenomenon": "copula", "transform": "punctuation"}
    assert variant.gold == "entailment"  # invariance keeps the parent's gold
    probabilities = [
        variant.probabilities[label] for label in ("entailment", "neutral", "contradiction")
    ]
    brier = sum((p - y) ** 2 for p, y in zip(probabilities, (1.0, 0.0, 0.0), strict=True))
    assert variant.scores == {
        "correct": 0.0,
        "flipped": 1.0,
        "passed": 0.0,
        "brier": pytest.approx(brier),
    }
    again, _ = run_test({"perturb": ["punctuation"], "fields": ["hypothesis"]})
    assert [i.example.id for i in again.items] == [i.example.id for i in outcome.items]
    # Originals come first, each followed by its variants.
    assert [i.example.parent_id for i in outcome.items[:2]] == [None, "inline:e0"]


def test_invariance_tolerance_ignores_small_probability_moves() -> None:
    # e1's entailment probability moves 0.60 -> 0.45 (0.15): within a 0.2 tolerance.
    outcome, _ = run_test(
        {"perturb": ["punctuation"], "fields": ["hypothesis"], "invariance_tolerance": 0.2}
    )
    assert value(outcome, "failure_rate") == 0.0
    assert value(outcome, "flip_rate") == 0.25  # flips are still flips
    assert outcome.sections["robustness"]["failures"] == []
    strict, _ = run_test(
        {"perturb": ["punctuation"], "fields": ["hypothesis"], "invariance_tolerance": 0.1}
    )
    assert value(strict, "failure_rate") == 0.25


def test_skips_are_counted_per_transform_and_never_pass() -> None:
    outcome, _ = run_test({"perturb": ["punctuation", "name_swap"]})
    assert outcome.counts["skipped"] == 3
    assert outcome.counts["skipped.name_swap"] == 3
    assert outcome.counts["skipped.punctuation"] == 0
    rows = {row["name"]: row for row in outcome.sections["robustness"]["per_transform"]}
    assert rows["name_swap"]["n_parents"] == 1 and rows["name_swap"]["skipped"] == 3
    assert rows["name_swap"]["flip_rate"]["n"] == 1
    # Only the example with a name has a name-swap variant, consistent in both fields.
    swapped = [i for i in outcome.items if i.tags.get("transform") == "name_swap"]
    [variant] = swapped
    premise, hypothesis = variant.example.fields["premise"], variant.example.fields["hypothesis"]
    new_name = premise.split()[0]
    assert new_name != "Mary" and hypothesis == f"{new_name} is not here."


def test_a_transform_that_changes_nothing_is_all_skips() -> None:
    outcome, predictor = run_test({"perturb": ["location_swap"]})
    assert outcome.counts["skipped"] == 4 and outcome.counts["parents"] == 0
    assert predictor.calls == [[]]
    assert "flip_rate" not in outcome.metrics
    assert outcome.sections["robustness"]["per_transform"][0]["flip_rate"] is None


def test_directional_to_label_negation() -> None:
    outcome, _ = run_test(
        {
            "perturb": ["negation"],
            "fields": ["hypothesis"],
            "expect": "directional",
            "to_label": "contradiction",
            "only_gold": ["entailment"],
        }
    )
    assert outcome.counts["filtered"] == 2 and outcome.counts["parents"] == 2
    variants = [i for i in outcome.items if i.example.parent_id]
    assert [v.example.fields["hypothesis"] for v in variants] == [
        "The man is not sleeping.",
        "The woman is not eating.",
    ]
    assert {v.gold for v in variants} == {"contradiction"}
    assert value(outcome, "failure_rate") == 0.0
    assert value(outcome, "accuracy_perturbed") == 1.0
    assert value(outcome, "flip_rate") == 1.0


def test_directional_without_to_label_uses_the_transforms_target() -> None:
    def always_entailment(example: Example) -> dict[str, float]:
        return {"entailment": 0.8, "neutral": 0.1, "contradiction": 0.1}

    outcome, _ = run_test(
        {"perturb": ["negation"], "fields": ["hypothesis"], "expect": "directional"},
        always_entailment,
    )
    # e0, e1 negated (target contradiction); e2 has no auxiliary, e3 is already negated.
    assert outcome.counts["skipped"] == 2
    assert value(outcome, "failure_rate") == 1.0
    assert value(outcome, "accuracy_original") == 1.0
    assert value(outcome, "accuracy_perturbed") == 0.0
    assert value(outcome, "accuracy_drop") == 1.0


@pytest.mark.parametrize(("direction", "expected"), [("increasing", 0.0), ("decreasing", 1.0)])
def test_directional_monotonic(direction: str, expected: float) -> None:
    outcome, _ = run_test(
        {
            "perturb": ["negation"],
            "fields": ["hypothesis"],
            "expect": "directional",
            "only_gold": ["entailment"],
            "monotonic": {"label": "contradiction", "direction": direction, "tolerance": 0.05},
        }
    )
    # contradiction goes 0.2 -> 0.9 for both negated hypotheses.
    assert value(outcome, "failure_rate") == expected


def test_augmentation_has_no_failure_rate_but_lists_right_to_wrong() -> None:
    outcome, _ = run_test(
        {"perturb": ["punctuation"], "fields": ["hypothesis"], "expect": "augmentation"}
    )
    assert "failure_rate" not in outcome.metrics
    assert value(outcome, "worst_case_accuracy") == 0.75
    assert [f["parent_id"] for f in outcome.sections["robustness"]["failures"]] == ["inline:e1"]


def test_metrics_listed_are_computed_over_the_variants() -> None:
    outcome, _ = run_test(
        {"perturb": ["punctuation"], "fields": ["hypothesis"], "metrics": ["accuracy"]}
    )
    assert value(outcome, "perturbed_accuracy") == 0.75
    assert outcome.metrics["perturbed_accuracy"].n == 4


def test_max_failures_caps_the_list_not_the_count() -> None:
    outcome, _ = run_test({"perturb": ["punctuation"], "fields": ["hypothesis"], "max_failures": 0})
    assert outcome.sections["robustness"]["failures"] == []
    assert outcome.sections["robustness"]["n_failures"] == 1


@pytest.mark.parametrize(
    ("test", "message"),
    [
        ({"perturb": ["tpyo"]}, r"tests\[0\]\.perturb\[0\]\.name: unknown transform 'tpyo' \(did you mean 'typo'\?\)"),
        ({"perturb": [{"name": "typo", "params": {"rate": 2}}]}, r"perturb\[0\]\.params\.rate"),
        ({"perturb": [{"name": "typo", "params": {"rat": 0.1}}]}, r"unknown key 'rat' \(did you mean 'rate'\?\)"),
        ({"perturb": ["typo"], "to_label": "contradiction"}, r"'to_label' only applies with expect: directional"),
        ({"perturb": ["typo"], "expect": "directional", "invariance_tolerance": 0.1}, r"only applies with expect: invariance"),
        ({"perturb": ["typo"], "expect": "sideways"}, r"expect: 'sideways' is not allowed"),
    ],
)  # fmt: skip
def test_suite_load_errors_point_at_the_field(test: dict[str, Any], message: str) -> None:
    with pytest.raises(SuiteError, match=message):
        make_suite(test)


@pytest.mark.parametrize(
    ("test", "message"),
    [
        ({"perturb": ["typo"], "fields": ["hypotesis"]}, r"fields\[0\]: 'hypotesis' is not an input field"),
        ({"perturb": ["negation"], "expect": "directional", "to_label": "contradicton"}, r"to_label: 'contradicton' is not one of the test's labels"),
    ],
)  # fmt: skip
def test_run_time_errors_point_at_the_field(test: dict[str, Any], message: str) -> None:
    with pytest.raises(SuiteError, match=message):
        run_test(test)


def test_builtin_nli_core_negation_runs() -> None:
    suite = suite_from_mapping(
        {
            "name": "robustness",
            "task": "nli",
            "labels": LABELS,
            "bootstrap_resamples": 200,
            "tests": [
                {
                    "name": "negation",
                    "data": {"source": "builtin", "name": "nli-core", "split": "test"},
                    "perturb": ["negation"],
                    "fields": ["hypothesis"],
                    "expect": "directional",
                    "to_label": "contradiction",
                    "only_gold": ["entailment"],
                    "slice_by": ["phenomenon"],
                }
            ],
        }
    )
    context = RunContext(
        suite=suite,
        predictor=FakePredictor(rule_scores),
        model=None,
        load_examples=make_loader(suite, None),
        bootstrap_resamples=200,
    )
    outcome = PerturbationKind().run(suite.tests[0], context)
    counts = outcome.counts
    assert counts["parents"] + counts["skipped"] + counts["filtered"] == counts["examples"]
    assert counts["parents"] > 0
    for item in outcome.items:
        if item.example.parent_id:
            assert (
                " not " in item.example.fields["hypothesis"]
                or "cannot" in item.example.fields["hypothesis"]
            )
            assert item.gold == "contradiction"


SCRIPT = "<script>alert(1)</script>"


def test_robustness_section_template_renders_escaped() -> None:
    import json

    from harness.report._html import environment

    examples = [dict(row) for row in EXAMPLES]
    examples[1]["hypothesis"] = f"The woman {SCRIPT} is eating."
    suite = make_suite(
        {
            "perturb": ["punctuation", "name_swap"],
            "fields": ["hypothesis"],
            "slice_by": ["phenomenon"],
        },
        examples,
    )
    context = RunContext(
        suite=suite,
        predictor=FakePredictor(rule_scores),
        model=None,
        load_examples=make_loader(suite, None),
        bootstrap_resamples=200,
    )
    outcome = PerturbationKind().run(suite.tests[0], context)
    test = json.loads(json.dumps(outcome.to_json()))  # what results.json holds
    template = environment().get_template("sections/robustness.html.j2")
    html = template.render(section=test["sections"]["robustness"], test=test, run={})
    assert SCRIPT not in html and "&lt;script&gt;" in html
    assert 'data-transform="punctuation"' in html and 'data-transform="name_swap"' in html
    assert 'data-slice="phenomenon=copula"' in html
    # The broken pair: original and perturbed side by side, the changed word marked.
    assert html.count('class="robustness-failure panel"') == 1
    assert "<del" in html and "<ins" in html
    assert "neutral 0.550" in html


def test_robustness_section_folds_all_but_the_first_three_broken_cases() -> None:
    from harness.report._html import environment

    failure = {
        "parent_id": "p",
        "variant_id": "v",
        "transform": "typo",
        "description": "'a' → 'b'",
        "original_fields": {"hypothesis": "a cat"},
        "perturbed_fields": {"hypothesis": "b cat"},
        "gold": "neutral",
        "original_prediction": "neutral",
        "perturbed_prediction": "entailment",
        "original_probabilities": {"neutral": 0.6, "entailment": 0.4},
        "perturbed_probabilities": {"neutral": 0.4, "entailment": 0.6},
    }
    section = {"per_transform": [], "per_slice": [], "n_failures": 13, "failures": [failure] * 13}
    template = environment().get_template("sections/robustness.html.j2")
    html = template.render(section=section, test={}, run={})
    before, _, folded = html.partition('<details class="more-failures">')
    assert before.count('class="robustness-failure panel"') == 3
    assert folded.count('class="robustness-failure panel"') == 10
    assert "Show 10 more broken cases" in folded
