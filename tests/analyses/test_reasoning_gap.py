"""The reasoning-gap table against a hand-computed example."""

from __future__ import annotations

import pytest
from scipy.stats import fisher_exact, hypergeom

from harness.analyses.gaps import ReasoningGapAnalysis
from harness.errors import HarnessError
from harness.metrics.intervals import newcombe_interval
from harness.registry import ANALYSES


@pytest.fixture
def result(builders) -> dict:
    # References: 80 of 100 right on every gold label (three-way, and collapsed for the
    # HANS slices), so each slice's gold-matched reference is 80/100. Five diagnostic
    # slices with known counts.
    reference = builders.outcome(
        "ref", *_per_gold(builders, "ref", ("entailment", "contradiction"))
    )
    reference_binary = builders.outcome(
        "ref_binary",
        *_per_gold(builders, "refb", ("entailment", "non-entailment"), builders.BINARY),
        builders.BINARY,
    )
    hans_examples, hans_predicted = [], []
    for correct, n, gold in ((2, 10, "non-entailment"), (9, 10, "entailment")):
        examples, predicted = builders.counted(
            f"lo-{gold}", correct, n, {"heuristic": "lexical_overlap", "subcase": f"s-{gold}"}, gold
        )
        hans_examples += examples
        hans_predicted += ["neutral" if p == "contradiction" else p for p in predicted]
    hans = builders.outcome("hans", hans_examples, hans_predicted, builders.BINARY)
    capability_examples, capability_predicted = [], []
    for name, correct in (("negation", 15), ("quantifiers", 12), ("numbers", 11)):
        examples, predicted = builders.counted(
            name, correct, 20, {"capability": name, "template": f"{name}/0"}, "contradiction"
        )
        capability_examples += examples
        capability_predicted += predicted
    capabilities = builders.outcome("caps", capability_examples, capability_predicted)
    options = ReasoningGapAnalysis.Options(
        reference_test="ref",
        references={"heuristic": "ref_binary"},
        tests=["hans", "caps"],
        max_examples=2,
    )
    outcomes = {
        "ref": reference,
        "ref_binary": reference_binary,
        "hans": hans,
        "caps": capabilities,
    }
    return ReasoningGapAnalysis().run(options, outcomes, builders.context())


def _per_gold(builders, prefix, golds, mapping=None) -> tuple[list, list]:
    examples, predicted = [], []
    for gold in golds:
        made, answers = builders.counted(f"{prefix}-{gold}", 80, 100, {}, gold)
        examples += made
        predicted += [
            "neutral" if mapping and answer == "contradiction" else answer for answer in answers
        ]
    return examples, predicted


def test_slices_sorted_by_gap_with_counts(result: dict) -> None:
    assert result["reference_accuracy"]["ref"]["value"] == pytest.approx(0.8)
    assert all(row["reference_accuracy"] == pytest.approx(0.8) for row in result["slices"])
    assert [(row["slice"], row["correct"], row["n"]) for row in result["slices"]] == [
        ("heuristic=lexical_overlap, gold=non-entailment", 2, 10),
        ("capability=numbers", 11, 20),
        ("capability=quantifiers", 12, 20),
        ("capability=negation", 15, 20),
        ("heuristic=lexical_overlap, gold=entailment", 9, 10),
    ]
    gaps = [round(row["gap"], 10) for row in result["slices"]]
    assert gaps == [-0.6, -0.25, -0.2, -0.05, 0.1]


def test_p_values_match_fisher_and_the_hypergeometric_tail(result: dict) -> None:
    for row in result["slices"]:
        c, n = row["correct"], row["n"]
        expected = fisher_exact([[c, n - c], [80, 20]], alternative="less").pvalue
        assert row["p_value"] == pytest.approx(expected, rel=1e-12)
        # P(X <= c) for X ~ Hypergeom(population n+100, c+80 correct, n drawn).
        assert row["p_value"] == pytest.approx(hypergeom.cdf(c, n + 100, c + 80, n), rel=1e-9)
    p = {row["slice"]: row["p_value"] for row in result["slices"]}
    assert p["heuristic=lexical_overlap, gold=non-entailment"] == pytest.approx(
        0.000232453, rel=1e-5
    )
    assert p["capability=quantifiers"] == pytest.approx(0.0548309, rel=1e-5)


def test_benjamini_hochberg_flags_by_hand(result: dict) -> None:
    # Sorted p: 0.00023, 0.0215, 0.0548, 0.406, 0.892; BH thresholds at q=0.10, m=5:
    # 0.02, 0.04, 0.06, 0.08, 0.10. The largest k with p(k) <= k*q/m is 3, so the three
    # smallest are rejected -- quantifiers too, though its own p-value is above 0.05.
    flags = {row["slice"]: row["bh_significant"] for row in result["slices"]}
    assert flags == {
        "heuristic=lexical_overlap, gold=non-entailment": True,
        "capability=numbers": True,
        "capability=quantifiers": True,
        "capability=negation": False,
        "heuristic=lexical_overlap, gold=entailment": False,
    }
    assert result["flagged"] == [
        "heuristic=lexical_overlap, gold=non-entailment",
        "capability=numbers",
        "capability=quantifiers",
    ]


def test_gap_interval_is_newcombes(result: dict) -> None:
    # Newcombe (1998), method 10, his example: 56/70 vs 48/80 -> [0.0524, 0.3339].
    low, high = newcombe_interval(56, 70, 48, 80)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)
    row = result["slices"][0]
    assert (row["gap_ci_low"], row["gap_ci_high"]) == pytest.approx(
        newcombe_interval(2, 10, 80, 100)
    )
    assert row["gap_ci_high"] < 0


def test_drill_down_lists_failing_ids(result: dict) -> None:
    rows = {(row["test"], row["value"]): row for row in result["drill_down"]}
    assert set(rows) == {
        ("hans", "s-non-entailment"),
        ("hans", "s-entailment"),
        ("caps", "negation/0"),
        ("caps", "quantifiers/0"),
        ("caps", "numbers/0"),
    }
    hard = rows[("hans", "s-non-entailment")]
    assert hard["key"] == "subcase" and hard["heuristic"] == "lexical_overlap"
    assert hard["failing_ids"] == [f"lo-non-entailment:{i}" for i in range(2, 10)]
    assert [e["id"] for e in hard["failing_examples"]] == [
        "lo-non-entailment:2",
        "lo-non-entailment:3",
    ]
    assert hard["failing_examples"][0]["predicted"] == "entailment"
    assert rows[("caps", "negation/0")]["key"] == "template"


def test_per_key_references(builders) -> None:
    reference = builders.outcome("ref", *builders.counted("ref", 50, 100, {}, "entailment"))
    binary = builders.outcome("ref2", *builders.counted("ref2", 90, 100, {}, "entailment"))
    examples, predicted = builders.counted("x", 5, 10, {"heuristic": "constituent"}, "entailment")
    hans = builders.outcome("hans", examples, predicted, builders.BINARY)
    options = ReasoningGapAnalysis.Options(
        reference_test="ref", references={"heuristic": "ref2"}, tests=["hans"]
    )
    result = ReasoningGapAnalysis().run(
        options, {"ref": reference, "ref2": binary, "hans": hans}, builders.context()
    )
    (row,) = result["slices"]
    assert row["reference_test"] == "ref2" and row["gap"] == pytest.approx(-0.4)
    assert result["references"] == {"heuristic": "ref2", "capability": "ref"}


def test_unknown_test_is_a_clear_error(builders) -> None:
    options = ReasoningGapAnalysis.Options(reference_test="nli_core", tests=["hans"])
    with pytest.raises(HarnessError, match="no test named 'hans'; tests run: none"):
        ReasoningGapAnalysis().run(options, {}, builders.context())
    assert ANALYSES.get("reasoning_gap") is ReasoningGapAnalysis


def _three_references(builders) -> dict:
    examples, predicted = builders.counted("x", 5, 10, {"heuristic": "constituent"}, "entailment")
    return {
        "ref": builders.outcome("ref", *builders.counted("ref", 50, 100, {}, "entailment")),
        "own": builders.outcome("own", *builders.counted("own", 85, 100, {}, "entailment")),
        "own_binary": builders.outcome(
            "own_binary", *builders.counted("ob", 95, 100, {}, "entailment")
        ),
        "hans": builders.outcome("hans", examples, predicted, builders.BINARY),
    }


def test_command_line_reference_overrides_the_suite(builders) -> None:
    outcomes = _three_references(builders)
    options = ReasoningGapAnalysis.Options(
        reference_test="ref", references={"heuristic": "ref"}, tests=["hans"]
    )
    context = builders.context()
    context.extras["reference_tests"] = {"": "own"}
    result = ReasoningGapAnalysis().run(options, outcomes, context)
    (row,) = result["slices"]
    # The model's own test (85%) replaces the suite's (50%), per-key references too.
    assert row["reference_test"] == "own" and row["gap"] == pytest.approx(0.5 - 0.85)
    assert result["reference_test"] == "own" and result["reference_chosen_by"] == "command line"
    context.extras["reference_tests"] = {"": "own", "heuristic": "own_binary"}
    (row,) = ReasoningGapAnalysis().run(options, outcomes, context)["slices"]
    assert row["reference_test"] == "own_binary" and row["gap"] == pytest.approx(0.5 - 0.95)


def test_default_reference_is_the_first_evaluate_test_with_the_suite_labels(builders) -> None:
    outcomes = _three_references(builders)
    options = ReasoningGapAnalysis.Options(tests=["hans"])
    context = builders.context()
    result = ReasoningGapAnalysis().run(options, outcomes, context)
    assert result["reference_test"] == "ref"
    assert result["reference_chosen_by"].startswith("default")
    (row,) = result["slices"]
    assert row["gap"] == pytest.approx(0.5 - 0.5)


def test_a_gold_label_slice_is_compared_with_the_same_gold_label_of_the_reference(
    builders,
) -> None:
    # The regression: "constituent, gold = entailment: 0.35 vs 0.69" compared a slice of
    # entailed items with a reference pooled 2:1 toward non-entailment. Against the
    # reference's entailed items (0.52) the gap is -0.17 and its interval holds zero.
    reference = builders.outcome(
        "ref",
        *_merge(
            builders.counted("re", 52, 100, {}, "entailment"),
            builders.counted("rn", 155, 200, {}, "non-entailment"),
        ),
        builders.BINARY,
    )
    assert reference.metrics["accuracy"].value == pytest.approx(0.69)
    hans = builders.outcome(
        "hans",
        *builders.counted("c", 7, 20, {"heuristic": "constituent"}, "entailment"),
        builders.BINARY,
    )
    options = ReasoningGapAnalysis.Options(reference_test="ref", tests=["hans"])
    result = ReasoningGapAnalysis().run(
        options, {"ref": reference, "hans": hans}, builders.context()
    )
    (row,) = result["slices"]
    assert row["reference_accuracy"] == pytest.approx(0.52)
    assert row["gap"] == pytest.approx(0.35 - 0.52)
    assert (row["gap_ci_low"], row["gap_ci_high"]) == pytest.approx(
        newcombe_interval(7, 20, 52, 100)
    )
    assert row["gap_ci_low"] < 0 < row["gap_ci_high"]
    assert not row["flagged"]
    # The pooled comparison it replaces would have called it a gap.
    assert newcombe_interval(7, 20, 207, 300)[1] < 0


def test_a_slice_whose_gold_label_the_reference_lacks_is_not_compared(builders) -> None:
    reference = builders.outcome("ref", *builders.counted("r", 80, 100, {}, "entailment"))
    caps = builders.outcome(
        "caps", *builders.counted("n", 2, 20, {"capability": "negation"}, "contradiction")
    )
    options = ReasoningGapAnalysis.Options(reference_test="ref", tests=["caps"])
    result = ReasoningGapAnalysis().run(
        options, {"ref": reference, "caps": caps}, builders.context()
    )
    (row,) = result["slices"]
    assert row["comparable"] is False and "gap" not in row
    assert result["flagged"] == []


def test_a_mixed_slice_is_compared_with_the_reference_reweighted_to_its_gold_mix(
    builders,
) -> None:
    reference = builders.outcome(
        "ref",
        *_merge(
            builders.counted("re", 90, 100, {}, "entailment"),
            builders.counted("rc", 30, 100, {}, "contradiction"),
        ),
    )
    caps = builders.outcome(
        "caps",
        *_merge(
            builders.counted("e", 9, 10, {"capability": "x"}, "entailment"),
            builders.counted("c", 9, 30, {"capability": "x"}, "contradiction"),
        ),
    )
    options = ReasoningGapAnalysis.Options(reference_test="ref", tests=["caps"])
    result = ReasoningGapAnalysis().run(
        options, {"ref": reference, "caps": caps}, builders.context()
    )
    (row,) = result["slices"]
    # Same accuracy as the reference on each gold label: no gap, whatever the mix.
    assert row["reference_accuracy"] == pytest.approx(0.25 * 0.9 + 0.75 * 0.3)
    assert row["gap"] == pytest.approx(0.0)
    assert not row["flagged"]


def _merge(*parts: tuple[list, list]) -> tuple[list, list]:
    return [e for made, _ in parts for e in made], [p for _, answers in parts for p in answers]
