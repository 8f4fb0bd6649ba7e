"""Finding sources of the probes, from hand-built results.json records.

Each case builds the record its kind or analysis writes, once with a gap the numbers
vouch for (a finding) and once with a visible gap on too few items (underpowered),
each alone in its run so the correction is the source's own.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

import pytest

from harness.findings import Estimate, describe, findings_for
from harness.metrics.intervals import wilson_interval


def metric(value: float, n: int, low: float | None = None, high: float | None = None) -> dict:
    return {"value": value, "ci_low": low, "ci_high": high, "n": n}


def analysis(name: str, record: dict[str, Any]) -> dict[str, Any]:
    return {"tests": [], "analyses": {name: record}}


def record_of(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    return {"tests": [{"name": "t", "kind": kind, **record}], "analyses": {}}


def statuses(results: dict[str, Any]) -> dict[str, str]:
    return {f["key"]: f["status"] for f in findings_for(results)}


def artifact(hard: tuple[int, int], easy: tuple[int, int], probe: tuple[int, int]) -> dict:
    return analysis(
        "artifact_probe",
        {
            "test": "nli",
            "field": "hypothesis",
            "hard": {"n": hard[1], "model_accuracy": metric(hard[0] / hard[1], hard[1])},
            "easy": {"n": easy[1], "model_accuracy": metric(easy[0] / easy[1], easy[1])},
            "probe_accuracy": metric(probe[0] / probe[1], probe[1]),
            "majority_accuracy": metric(1 / 3, probe[1]),
        },
    )


def agreement(non_entailed: tuple[int, int], entailed: tuple[int, int]) -> dict:
    by_gold = {
        "entailment": metric(entailed[0] / entailed[1], entailed[1]),
        "non-entailment": metric(non_entailed[0] / non_entailed[1], non_entailed[1]),
    }
    return analysis(
        "heuristic_agreement",
        {
            "overall": {"model_accuracy_by_gold": by_gold},
            "per_heuristic": [{"heuristic": "lexical_overlap", "model_accuracy_by_gold": by_gold}],
            "chance": {"by_gold": {"entailment": 1 / 3, "non-entailment": 2 / 3}},
        },
    )


def knowledge(
    relation: tuple[int, int], total: tuple[int, int], broken: int, fixed: int = 0
) -> dict:
    return analysis(
        "knowledge_integration",
        {
            "overall": {
                "right_both_and_controls": metric(total[0] / total[1], total[1]),
                "right_only_without_fact": metric(broken / total[1], total[1]),
                "right_only_with_fact": metric(fixed / total[1], total[1]),
            },
            "per_relation": [
                {
                    "relation": "antonymy",
                    "right_both_and_controls": metric(relation[0] / relation[1], relation[1]),
                }
            ],
        },
    )


def consistency(violations: int, applicable: int) -> dict:
    return analysis(
        "logical_consistency",
        {
            "constraints": [
                {
                    "constraint": "symmetry",
                    "rule": "P contradicts H if and only if H contradicts P",
                    "violation_rate": metric(violations / applicable, applicable),
                }
            ]
        },
    )


def squad(part: tuple[int, int], rest: tuple[int, int]) -> dict:
    total = (part[0] + rest[0], part[1] + rest[1])
    return record_of(
        "squad",
        {
            "metrics": {"exact_match": metric(total[0] / total[1], total[1])},
            "slices": [
                {
                    "field": "reasoning_type",
                    "value": "coreference",
                    "metrics": {"exact_match": metric(part[0] / part[1], part[1])},
                }
            ],
        },
    )


def distractor(value: float, low: float, high: float, n: int) -> dict:
    drop = {"exact_match_drop": metric(value, n, low, high)}
    return record_of("distractor", {"sections": {"distractor": {"metrics": drop}}})


def prompts(worst: float, best: float, n: int) -> dict:
    variants = [
        {"template": "plain", "seed": 1, "accuracy": worst, "n": n},
        {"template": "question", "seed": 1, "accuracy": (worst + best) / 2, "n": n},
        {"template": "instruction", "seed": 1, "accuracy": best, "n": n},
    ]
    return record_of(
        "prompt_sensitivity", {"sections": {"prompt_sensitivity": {"variants": variants}}}
    )


def bias(kind: str, section: dict[str, Any], metrics: dict[str, Any] | None = None) -> dict:
    return record_of(kind, {"sections": {"bias": section}, "metrics": metrics or {}})


def winogender(value: float, low: float, high: float, n: int) -> dict:
    return bias("winogender", {"pro_anti_gap": metric(value, n, low, high)})


def bbq(value: float, low: float, high: float, n: int) -> dict:
    score = metric(value, n, low, high)
    return bias(
        "bbq",
        {"overall": {"s_amb": score}, "per_category": [{"category": "age", "scores": {}}]},
    )


def minimal_pairs(rate: float, n: int) -> dict:
    return bias("minimal_pairs", {}, {"stereotype_preference": metric(rate, n)})


def counterfactual(value: float, low: float, high: float, n: int) -> dict:
    return bias(
        "counterfactual",
        {"reference_group": "male", "gap": {"female": metric(value, n, low, high)}},
    )


def nli_bias(neutral: float, low: float, high: float, n: int) -> dict:
    return bias("nli_bias", {"overall": {"fraction_neutral": metric(neutral, n, low, high)}})


CASES = [
    # (name, significant results, underpowered results, the key both propose)
    (
        "artifact hard vs easy",
        artifact((30, 150), (80, 100), (84, 250)),
        artifact((6, 10), (8, 10), (84, 250)),
        "artifact_probe/nli/hard_vs_easy",
    ),
    (
        "artifact probe above majority",
        artifact((30, 150), (80, 100), (150, 250)),
        artifact((30, 150), (80, 100), (6, 12)),
        "artifact_probe/nli/probe_above_majority",
    ),
    (
        "heuristic agreement",
        agreement((30, 150), (140, 150)),
        agreement((5, 10), (8, 10)),
        "heuristic_agreement/lexical_overlap/below_chance",
    ),
    (
        "knowledge per relation",
        knowledge((2, 20), (62, 80), 0),
        knowledge((4, 8), (54, 72), 0),
        "knowledge_integration/antonymy/right_both_and_controls",
    ),
    (
        "knowledge distracted",
        knowledge((10, 20), (40, 80), 40, 2),
        knowledge((3, 7), (7, 14), 4, 1),
        "knowledge_integration/right_only_without_fact",
    ),
    (
        "logical consistency",
        consistency(40, 100),
        consistency(1, 13),
        "logical_consistency/symmetry",
    ),
    ("squad weakest reasoning type", squad((20, 80), (240, 320)), squad((6, 10), (240, 320)), None),
    (
        "distractor drop",
        distractor(0.30, 0.22, 0.38, 200),
        distractor(0.10, -0.02, 0.22, 30),
        "t/exact_match_drop",
    ),
    ("prompt spread", prompts(0.50, 0.80, 300), prompts(0.50, 0.75, 16), "t/spread"),
    (
        "winogender",
        winogender(0.20, 0.12, 0.28, 240),
        winogender(0.10, -0.05, 0.25, 40),
        "t/pro_anti_gap",
    ),
    ("bbq", bbq(0.25, 0.15, 0.35, 400), bbq(0.10, -0.05, 0.25, 60), "t/s_amb"),
    (
        "minimal pairs",
        minimal_pairs(0.70, 300),
        minimal_pairs(0.65, 20),
        "t/stereotype_preference",
    ),
    (
        "counterfactual",
        counterfactual(-0.15, -0.22, -0.08, 300),
        counterfactual(-0.10, -0.25, 0.05, 30),
        "t/gap/female",
    ),
    ("nli bias", nli_bias(0.40, 0.35, 0.45, 500), nli_bias(0.93, 0.85, 1.02, 30), "t/not_neutral"),
]


@pytest.mark.parametrize(
    ("significant", "underpowered", "key"),
    [pytest.param(s, u, k, id=name) for name, s, u, k in CASES],
)
def test_a_significant_gap_is_a_finding_an_underpowered_one_is_not(
    significant: dict, underpowered: dict, key: str | None
) -> None:
    key = key or "t/slice/reasoning_type=coreference/exact_match"
    assert statuses(significant)[key] == "finding"
    assert statuses(underpowered).get(key) == "underpowered"


def test_gaps_in_the_harmless_direction_are_no_findings() -> None:
    # Better on anti-stereotypical sentences; fewer stereotype choices than chance;
    # the female variants more accurate than the male ones.
    assert "t/pro_anti_gap" not in statuses(winogender(-0.20, -0.28, -0.12, 240))
    assert "t/stereotype_preference" not in statuses(minimal_pairs(0.30, 300))
    assert "t/gap/female" not in statuses(counterfactual(0.15, 0.08, 0.22, 300))


def test_the_numbers_behind_a_finding() -> None:
    [finding] = findings_for(consistency(40, 100))
    assert finding["confidence"] == pytest.approx(0.95)
    assert (finding["ci_low"], finding["ci_high"]) == pytest.approx(wilson_interval(40, 100, 0.95))
    assert describe(finding).startswith(
        "logical_consistency: answers violate symmetry (P contradicts H if and only if H"
        " contradicts P): 0.400 ["
    )
    [drop] = findings_for(distractor(0.30, 0.22, 0.38, 200))
    assert drop["effect_kind"] == "estimate" and drop["value"] == 0.30
    assert describe(drop) == (
        "t: an appended distractor sentence lowers exact match: +0.300 [+0.220, +0.380]"
        " against the same questions without it, n=200"
    )


def test_an_estimate_interval_is_stretched_to_the_corrected_confidence() -> None:
    effect = Estimate(0.3, 0.2, 0.45, 100, "zero")
    stretch = NormalDist().inv_cdf(0.995) / NormalDist().inv_cdf(0.975)
    low, high = effect.interval(0.99)
    assert low == pytest.approx(0.3 - 0.1 * stretch) and high == pytest.approx(0.3 + 0.15 * stretch)
    assert effect.interval(0.95) == pytest.approx((0.2, 0.45))


def test_the_worst_of_k_prompt_variants_counts_as_all_their_pairs() -> None:
    [finding] = findings_for(prompts(0.50, 0.80, 300))
    # Three variants: the worst-vs-best pair was picked from 3 pairs.
    assert finding["confidence"] == pytest.approx(1 - 0.05 / 3)
    assert finding["statement"] == (
        "t: accuracy of the worst prompt variant (template plain, seed 1)"
    )
    assert finding["comparison"]["label"] == "the best variant (template instruction, seed 1)"


def test_the_report_prints_an_estimate_signed_against_zero() -> None:
    from harness.report._view import finding_texts

    [drop] = findings_for(distractor(0.30, 0.22, 0.38, 200))
    texts = finding_texts(drop)
    assert texts["value_text"] == "+0.30 [+0.22, +0.38]"
    assert texts["against_text"] == "0 (the same questions without it)"
    assert texts["effect_text"] == "+0.30 [+0.22, +0.38]"  # one candidate: 95%, as reported


def test_each_heuristic_statement_names_its_own_heuristic() -> None:
    by_gold = {
        "entailment": metric(140 / 150, 150),
        "non-entailment": metric(20 / 150, 150),
    }
    heuristics = ("lexical_overlap", "subsequence", "constituent")
    results = analysis(
        "heuristic_agreement",
        {
            "overall": {"model_accuracy_by_gold": by_gold},
            "per_heuristic": [
                {"heuristic": h, "model_accuracy_by_gold": by_gold} for h in heuristics
            ],
            "chance": {"by_gold": {"entailment": 1 / 3, "non-entailment": 2 / 3}},
        },
    )
    statements = {f["key"]: f["statement"] for f in findings_for(results)}
    for heuristic in heuristics:
        statement = statements[f"heuristic_agreement/{heuristic}/below_chance"]
        words = heuristic.replace("_", "-")
        assert statement.endswith(f"where the {words} heuristic is wrong"), statement
        others = [h.replace("_", "-") for h in heuristics if h != heuristic]
        assert not any(other in statement for other in others), statement
    overall = statements["heuristic_agreement/below_chance"]
    assert overall.endswith("where each item's heuristic is wrong")
    assert not any(h.replace("_", "-") in overall for h in heuristics)
