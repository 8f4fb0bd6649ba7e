"""Model vs lexical-overlap heuristic vs majority class on hand-made items."""

from __future__ import annotations

import pytest

from harness.analyses.agreement import HeuristicAgreementAnalysis
from harness.core import Example
from harness.registry import ANALYSES

ITEMS = [
    # premise, hypothesis, gold, model prediction, heuristic tag
    (
        "The doctor saw the lawyer.",
        "The lawyer saw the doctor.",
        "non-entailment",
        "entailment",
        "lexical_overlap",
    ),
    (
        "The doctor near the judge slept.",
        "The doctor slept.",
        "entailment",
        "contradiction",
        "subsequence",
    ),
    (
        "If the judge slept, the cook ran.",
        "The judge slept.",
        "non-entailment",
        "neutral",
        "constituent",
    ),
    ("The judge ran.", "The nurse ran.", "non-entailment", "entailment", "lexical_overlap"),
]


def test_hand_computed_agreement(builders) -> None:
    examples = [
        Example(
            id=f"h{i}",
            fields={"premise": p, "hypothesis": h},
            target=gold,
            meta={"heuristic": tag, "subcase": f"sub{i}"},
        )
        for i, (p, h, gold, _, tag) in enumerate(ITEMS)
    ]
    outcome = builders.outcome("hans", examples, [row[3] for row in ITEMS], builders.BINARY)
    options = HeuristicAgreementAnalysis.Options(tests=["hans"])
    result = HeuristicAgreementAnalysis().run(options, {"hans": outcome}, builders.context())
    overall = result["overall"]
    # Heuristic: entailment, entailment, entailment, non-entailment ("nurse" is new).
    # Model (collapsed): entailment, non-entailment, non-entailment, entailment.
    assert overall["agreement"]["value"] == pytest.approx(1 / 4)
    assert overall["model_accuracy"]["value"] == pytest.approx(1 / 4)
    assert overall["heuristic_accuracy"]["value"] == pytest.approx(2 / 4)
    assert result["majority_label"] == "non-entailment"
    assert overall["majority_accuracy"]["value"] == pytest.approx(3 / 4)
    assert overall["model_accuracy_by_gold"]["entailment"]["value"] == 0.0
    assert overall["model_accuracy_by_gold"]["non-entailment"]["value"] == pytest.approx(1 / 3)
    assert [row["predictor"] for row in result["rows"]] == [
        "model",
        "lexical-overlap heuristic",
        "majority class (non-entailment)",
    ]
    # The heuristic is wrong on items 0 and 2 (gold non-entailment, heuristic
    # entailment); the model gives the heuristic's answer on item 0 only.
    assert overall["agreement_where_heuristic_wrong"]["value"] == pytest.approx(1 / 2)
    assert overall["agreement_where_heuristic_wrong"]["n"] == 2
    assert result["diagnosis"].startswith(
        "Where the lexical-overlap heuristic is wrong, the model gives its answer on 50% of "
        "items (95% CI "
    )
    assert result["diagnosis"].endswith("n=2).")
    assert "falls_for" not in result["per_subcase"][0]
    per = {row["heuristic"]: row for row in result["per_heuristic"]}
    assert per["lexical_overlap"]["agreement"]["value"] == pytest.approx(1 / 2)
    assert per["lexical_overlap"]["n"] == 2
    assert [row["subcase"] for row in result["per_subcase"]] == ["sub0", "sub1", "sub2", "sub3"]


def test_falls_for_a_heuristic(builders) -> None:
    # A model that always says entailment: right on entailed items, wrong on the rest.
    examples = []
    for i in range(40):
        gold = "entailment" if i % 2 else "non-entailment"
        examples.append(
            Example(
                id=f"x{i}",
                fields={
                    "premise": "The cook saw the judge.",
                    "hypothesis": "The judge saw the cook.",
                },
                target=gold,
                meta={"heuristic": "lexical_overlap"},
            )
        )
    outcome = builders.outcome("hans", examples, ["entailment"] * 40, builders.BINARY)
    result = HeuristicAgreementAnalysis().run(
        HeuristicAgreementAnalysis.Options(tests=["hans"]), {"hans": outcome}, builders.context()
    )
    assert result["falls_for"] == ["lexical_overlap"]
    assert result["overall"]["agreement"]["value"] == 1.0
    assert result["majority_label"] == "entailment"  # a tie goes to entailment
    assert ANALYSES.get("heuristic_agreement") is HeuristicAgreementAnalysis


def _table(builders, entailed: tuple[int, int], non_entailed: tuple[int, int]):
    """A hand-built prediction table: (correct, n) on entailed and non-entailed items."""
    examples, predicted = [], []
    for gold, (correct, n) in (("entailment", entailed), ("non-entailment", non_entailed)):
        made, said = builders.counted(gold[:3], correct, n, {"heuristic": "lexical_overlap"}, gold)
        examples += made
        predicted += ["entailment" if p == "entailment" else "neutral" for p in said]
    outcome = builders.outcome("hans", examples, predicted, builders.BINARY)
    result = HeuristicAgreementAnalysis().run(
        HeuristicAgreementAnalysis.Options(tests=["hans"]), {"hans": outcome}, builders.context()
    )
    (verdict,) = result["verdicts"]
    return result, verdict


def test_verdict_falls_for_it_with_evidence(builders) -> None:
    # 28/30 entailed right (Wilson low 0.79), 4/30 non-entailed right (Wilson high 0.30).
    result, verdict = _table(builders, (28, 30), (4, 30))
    assert verdict["verdict"] == "falls_for" and result["falls_for"] == ["lexical_overlap"]
    assert verdict["evidence"] == (
        "accuracy on non-entailed items 13% (95% CI 5%–30%, n=30) against chance 0.67, "
        "on entailed items 93% (95% CI 79%–98%, n=30) against chance 0.33"
    )
    assert result["chance"]["by_gold"] == pytest.approx(
        {"entailment": 1 / 3, "non-entailment": 2 / 3}
    )


def test_a_uniform_three_way_model_does_not_fall_for_it(builders) -> None:
    # Chance under the collapse is 1/3 on entailed and 2/3 on non-entailed items: a
    # random model's 10/30 and 20/30 is chance, not the heuristic (against 0.5 it was).
    result, verdict = _table(builders, (10, 30), (20, 30))
    assert verdict["verdict"] == "inconclusive" and result["falls_for"] == []


def test_verdict_does_not_fall_for_it(builders) -> None:
    result, verdict = _table(builders, (27, 30), (29, 30))
    assert verdict["verdict"] == "does_not_fall_for" and result["falls_for"] == []


def test_verdict_underpowered(builders) -> None:
    # 1 of 4 non-entailed right: Wilson (0.05, 0.70) spans chance, and 4 < min_items.
    result, verdict = _table(builders, (4, 4), (1, 4))
    assert verdict["verdict"] == "underpowered" and result["falls_for"] == []


def test_verdict_inconclusive_when_wrong_on_both_halves(builders) -> None:
    # Below chance on non-entailed but also on entailed items: a weak model, not the
    # heuristic's signature.
    _, verdict = _table(builders, (5, 30), (5, 30))
    assert verdict["verdict"] == "inconclusive"
