"""Findings from hand-built results: what becomes a finding, what is underpowered, the order."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.rundirs import results_for

from harness.findings import (
    ALPHA,
    Candidate,
    ProportionGap,
    Rate,
    decide,
    describe,
    findings_for,
    terminal_table,
)
from harness.metrics.intervals import newcombe_interval, wilson_interval
from harness.seeding import rng_for


def rows(test: str, field: str, counts: dict[str, tuple[int, int]]) -> list[dict]:
    """Items of ``test``: for each slice value, ``(correct, n)``."""
    out = []
    for value, (correct, n) in counts.items():
        for i in range(n):
            out.append(
                {"test": test, "id": f"{value}-{i}", "correct": i < correct, "tags": {field: value}}
            )
    return out


def gap(key: str, a: tuple[int, int], b: tuple[int, int], worse: str = "lower") -> Candidate:
    return Candidate(
        key=key,
        statement=key,
        metric="accuracy",
        effect=ProportionGap(a[0], a[1], b[0], b[1], "the rest", worse),  # type: ignore[arg-type]
        evidence={"test": "t"},
        n=a[1],
    )


def test_newcombe_matches_the_published_example() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873, example (b): 56/70 − 48/80.
    low, high = newcombe_interval(56, 70, 48, 80)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def test_a_significant_gap_becomes_a_finding_with_its_numbers_and_evidence() -> None:
    results = results_for(
        rows(
            "nli", "phenomenon", {"negation": (20, 100), "overlap": (150, 200), "other": (70, 100)}
        ),
        slice_by={"nli": ["phenomenon"]},
    )
    findings = findings_for(results)
    real = [f for f in findings if f["status"] == "finding"]
    assert [f["key"] for f in real] == ["nli/slice/phenomenon=negation/accuracy"]
    top = real[0]
    # Against the rest of the test: (150 + 70) / 300.
    assert top["value"] == pytest.approx(0.2)
    assert top["comparison"] == {
        "label": "the rest of nli",
        "value": pytest.approx(220 / 300),
        "n": 300,
    }
    assert top["estimate"] == pytest.approx(0.2 - 220 / 300)
    # Three slices are compared, so each interval is at 1 - 0.05/3.
    assert top["confidence"] == pytest.approx(1 - ALPHA / 3)
    expected = newcombe_interval(20, 100, 220, 300, 1 - ALPHA / 3)
    assert (top["ci_low"], top["ci_high"]) == pytest.approx(expected)
    assert top["ci_high"] < 0
    assert top["evidence"] == {"test": "nli", "slice": ["phenomenon", "negation"]}
    assert top["rank"] == 1
    # The slices doing better than the rest are not where the model breaks.
    assert all("overlap" not in f["key"] for f in findings)


def test_an_underpowered_gap_is_listed_as_such_never_as_a_finding() -> None:
    # 2 of 6 right against 70% elsewhere: a big gap, but six items cannot confirm it.
    results = results_for(
        rows("nli", "phenomenon", {"rare": (2, 6), "common": (140, 200)}),
        slice_by={"nli": ["phenomenon"]},
    )
    (only,) = findings_for(results)
    assert only["status"] == "underpowered"
    assert only["estimate"] == pytest.approx(2 / 6 - 140 / 200)
    assert only["ci_low"] < 0 < only["ci_high"]
    assert "findings: none" in terminal_table([only])
    assert "underpowered: 1 comparison" in terminal_table([only])


def test_the_correction_counts_every_comparison_of_the_run() -> None:
    # Significant when it is the only comparison, not among forty.
    alone = gap("g", (30, 60), (70, 100))
    assert decide([alone])[0].status == "finding"
    assert newcombe_interval(30, 60, 70, 100, 0.95)[1] < 0
    noise = [gap(f"n{i}", (50, 100), (50, 100)) for i in range(39)]
    (decided,) = [f for f in decide([alone, *noise]) if f.candidate.key == "g"]
    assert decided.status == "underpowered"
    assert decided.confidence == pytest.approx(1 - ALPHA / 40)


def test_ranking_prefers_the_effect_the_data_support_over_the_raw_size() -> None:
    small_n_big_gap = gap("few", (4, 20), (160, 200))  # 0.20 vs 0.80 on 20 items
    large_n_smaller_gap = gap("many", (100, 400), (300, 400))  # 0.25 vs 0.75 on 400 items
    decided = decide([small_n_big_gap, large_n_smaller_gap])
    assert [f.candidate.key for f in decided] == ["many", "few"]
    assert abs(decided[1].estimate) > abs(decided[0].estimate)
    # The order is by the corrected bound nearest zero.
    assert decided[0].ci_high < decided[1].ci_high < 0
    assert [f.rank for f in decided] == [1, 2]


def test_findings_come_before_underpowered_whatever_their_size() -> None:
    # 2/6 vs 70% is the larger gap (-0.37 vs -0.30) but six items cannot confirm it.
    decided = decide([gap("tiny-n", (2, 6), (140, 200)), gap("solid", (40, 100), (70, 100))])
    assert [(f.candidate.key, f.status) for f in decided] == [
        ("solid", "finding"),
        ("tiny-n", "underpowered"),
    ]


def test_gap_direction_follows_the_metric() -> None:
    # A flip rate that is *higher* in a slice is the failure; lower is harmless.
    higher = gap("higher", (60, 100), (20, 100), worse="higher")
    lower = gap("lower", (20, 100), (60, 100), worse="higher")
    assert [f.candidate.key for f in decide([higher, lower])] == ["higher"]


def test_rates_are_findings_only_above_the_tolerance() -> None:
    def rate(key: str, flips: int, n: int) -> Candidate:
        return Candidate(key, key, "flip_rate", Rate(flips, n), {"test": key}, n=n)

    decided = {f.candidate.key: f for f in decide([rate("typos", 118, 252), rate("rare", 3, 252)])}
    assert decided["typos"].status == "finding"
    assert (decided["typos"].ci_low, decided["typos"].ci_high) == pytest.approx(
        wilson_interval(118, 252, 1 - ALPHA / 2)
    )
    assert "rare" not in decided  # 1.2% is within the 2 pp tolerance
    line = describe(decided["typos"].to_json())
    assert line.startswith("typos: 0.468 [") and line.endswith("n=252")


def test_family_wise_error_rate_under_the_null_by_simulation() -> None:
    # Twenty slices of one test with the same true accuracy: a run should show any
    # finding in at most 5% of repetitions (Bonferroni controls the family-wise rate).
    rng = np.random.default_rng(rng_for(0, "findings-fwer").randrange(2**32))
    repetitions, slices, n = 400, 20, 40
    with_finding = 0
    for _ in range(repetitions):
        correct = rng.binomial(n, 0.6, size=slices)
        counts = {f"s{i}": (int(c), n) for i, c in enumerate(correct)}
        results = results_for(rows("t", "s", counts), slice_by={"t": ["s"]})
        if any(f["status"] == "finding" for f in findings_for(results)):
            with_finding += 1
    rate = with_finding / repetitions
    # 0.05 plus three binomial standard errors at 400 repetitions.
    assert rate <= 0.05 + 3 * (0.05 * 0.95 / repetitions) ** 0.5


def test_perturbation_and_attack_sources_read_their_sections() -> None:
    results = results_for([], slice_by={})
    results["tests"] = [
        {
            "name": "typos",
            "kind": "perturbation",
            "metrics": {
                "flip_rate": {"value": 118 / 252, "n": 252, "ci_low": 0.4, "ci_high": 0.53}
            },
            "slices": [],
            "sections": {
                "robustness": {
                    "expect": "invariance",
                    "fields": ["hypothesis"],
                    "per_transform": [{"name": "typo"}],
                }
            },
        },
        {
            "name": "bug",
            "kind": "attack",
            "metrics": {"attack_success_rate": {"value": 10 / 13, "n": 13}},
            "slices": [],
            "sections": {"attack": {"recipe": "deepwordbug", "field": "hypothesis"}},
        },
    ]
    findings = {f["key"]: f for f in findings_for(results)}
    assert findings["typos/flip_rate"]["statement"] == (
        "typos: typo on the hypothesis changes the answer"
    )
    assert findings["typos/flip_rate"]["status"] == "finding"
    assert findings["bug/attack_success_rate"]["n"] == 13
    assert findings["bug/attack_success_rate"]["evidence"] == {"test": "bug"}


def test_reasoning_gap_rows_are_compared_with_their_reference() -> None:
    results = results_for([], slice_by={})
    results["analyses"] = {
        "reasoning_gap": {
            "reference_accuracy": {"core": {"value": 0.7, "n": 250}},
            "slices": [
                {
                    "slice": "heuristic=constituent, gold=entailment",
                    "reference_test": "core",
                    "correct": 11,
                    "n": 50,
                    "accuracy": {"value": 0.22},
                    "by_gold": {"entailment": [11, 50]},
                    "comparable": True,
                    "reference_strata": [["entailment", 70, 100]],
                },
                {
                    # No entailed items in the reference: no like-with-like comparison.
                    "slice": "heuristic=subsequence, gold=entailment",
                    "reference_test": "core",
                    "correct": 1,
                    "n": 50,
                    "accuracy": {"value": 0.02},
                    "by_gold": {"entailment": [1, 50]},
                    "comparable": False,
                },
            ],
        }
    }
    (finding,) = findings_for(results)
    assert finding["status"] == "finding"
    assert finding["estimate"] == pytest.approx(0.22 - 0.7)
    assert finding["comparison"]["label"] == "in-distribution core with the same gold labels"
    assert finding["comparison"]["value"] == pytest.approx(0.7)
    assert finding["evidence"]["analysis"] == "reasoning_gap"
