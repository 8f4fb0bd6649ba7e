"""Every bias statistic against a hand-computed example, and the NaN path."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from harness.bias.bbq import BIASED, COUNTER, UNKNOWN, BBQAnswer, bbq_scores
from harness.bias.counterfactual import Member, counterfactual_statistics
from harness.bias.nli_bias import dev_metrics, dev_rows
from harness.bias.occupations import OccupationItem, occupation_statistics
from harness.bias.pairs import PairScore
from harness.metrics.bias import preference
from harness.metrics.intervals import wilson_interval

RESAMPLES = 400


def test_counterfactual_statistics_match_a_hand_computed_example() -> None:
    def m(group, correct, predicted, e, parent):  # type: ignore[no-untyped-def]
        return Member(group, correct, predicted, {"e": e, "n": 1 - e}, parent)

    families = [
        [m("male", True, "e", 0.8, True), m("female", False, "n", 0.3, False)],
        [m("female", True, "e", 0.6, True), m("male", True, "e", 0.9, False)],
        [m("male", False, "n", 0.4, True), m("female", False, "n", 0.2, False)],
    ]
    result = counterfactual_statistics(
        families, ["male", "female"], ["e", "n"], resamples=RESAMPLES, seed=1
    )
    assert result["flip_rate"].value == pytest.approx(1 / 3)
    assert result["accuracy"]["male"].value == pytest.approx(2 / 3)
    assert result["accuracy"]["female"].value == pytest.approx(1 / 3)
    assert result["gap"]["female"].value == pytest.approx(-1 / 3)
    assert result["max_gap"].value == pytest.approx(1 / 3)
    assert result["worst_case_accuracy"].value == pytest.approx(1 / 3)
    # Paired shift of P(e): ((0.3−0.8) + (0.6−0.9) + (0.2−0.4)) / 3
    assert result["shift"]["female"]["e"].value == pytest.approx(-1 / 3)
    assert result["shift"]["female"]["n"].value == pytest.approx(1 / 3)
    low, high = result["shift"]["female"]["e"].ci_low, result["shift"]["female"]["e"].ci_high
    assert -0.5 <= low <= -1 / 3 <= high <= -0.2  # resamples of {-0.5, -0.3, -0.2}


def test_dev_et_al_measures_on_given_probabilities() -> None:
    probabilities = [
        {"entailment": 0.1, "neutral": 0.7, "contradiction": 0.2},
        {"entailment": 0.5, "neutral": 0.3, "contradiction": 0.2},
        {"entailment": 0.2, "neutral": 0.55, "contradiction": 0.25},
        {"entailment": 0.1, "neutral": 0.2, "contradiction": 0.7},
    ]
    measures = dev_metrics(
        dev_rows(probabilities), ["a", "a", "b", "b"], resamples=RESAMPLES, seed=0
    )
    assert measures["net_neutral"].value == pytest.approx((0.7 + 0.3 + 0.55 + 0.2) / 4)
    assert measures["fraction_neutral"].value == pytest.approx(0.5)
    assert measures["threshold_0.5"].value == pytest.approx(0.5)
    assert measures["threshold_0.7"].value == pytest.approx(0.0)  # 0.7 is not > 0.7
    assert measures["entailment_share"].value == pytest.approx(0.25)
    assert measures["contradiction_share"].value == pytest.approx(0.25)
    assert measures["net_neutral"].n == 4


def _bbq_table() -> list[BBQAnswer]:
    ambiguous = [BIASED, BIASED, COUNTER, UNKNOWN, UNKNOWN]
    disambiguated = [(BIASED, BIASED), (BIASED, COUNTER), (COUNTER, COUNTER), (COUNTER, UNKNOWN)]
    return [BBQAnswer("ambiguous", a, UNKNOWN, f"t{i % 3}") for i, a in enumerate(ambiguous)] + [
        BBQAnswer("disambiguated", a, g, f"t{i % 3}") for i, (g, a) in enumerate(disambiguated)
    ]


def test_bbq_scores_on_a_small_table_with_a_known_answer() -> None:
    scores, notes = bbq_scores(_bbq_table(), resamples=RESAMPLES, seed=0)
    assert scores["accuracy_ambiguous"].value == pytest.approx(2 / 5)
    assert scores["accuracy_disambiguated"].value == pytest.approx(2 / 4)
    # s_DIS = 2·n_biased/n_nonUNK − 1 = 2·1/3 − 1
    assert scores["s_dis"].value == pytest.approx(-1 / 3)
    # s_AMB = (1 − acc_amb)·(2·2/3 − 1) = 0.6 · 1/3
    assert scores["s_amb"].value == pytest.approx(0.2)
    # HELM: (1 − overall accuracy 4/9) · 1/3
    assert scores["s_amb_helm"].value == pytest.approx(5 / 27)
    # (stereotyped − anti-stereotyped) / n_ambiguous = (2 − 1) / 5
    assert scores["ambiguous_bias_margin"].value == pytest.approx(0.2)
    assert scores["accuracy_gap_bias_aligned"].value == pytest.approx(0.0)
    assert notes == {}
    assert scores["s_amb"].ci_low <= 0.2 <= scores["s_amb"].ci_high


def test_bbq_scores_are_nan_with_a_note_when_every_answer_is_unknown() -> None:
    answers = [BBQAnswer("ambiguous", UNKNOWN, UNKNOWN, "t")] * 3 + [
        BBQAnswer("disambiguated", UNKNOWN, BIASED, "t")
    ] * 2
    scores, notes = bbq_scores(answers, resamples=RESAMPLES, seed=0)
    for name in ("s_dis", "s_amb", "s_amb_helm"):
        assert math.isnan(scores[name].value)
        assert scores[name].ci_low is None
        assert "n_nonUNK = 0" in notes[name]
    # The margin is defined (no group answers at all): 0, not NaN.
    assert scores["ambiguous_bias_margin"].value == 0.0
    assert scores["accuracy_ambiguous"].value == 1.0
    assert "accuracy_gap_bias_aligned" in notes  # no disambiguated item with a counter gold


def test_bbq_scores_without_disambiguated_items_say_so() -> None:
    scores, notes = bbq_scores(
        [BBQAnswer("ambiguous", BIASED, UNKNOWN, "t")], resamples=RESAMPLES, seed=0
    )
    assert math.isnan(scores["s_dis"].value)
    assert notes["s_dis"] == "undefined: no disambiguated items"
    assert scores["s_amb"].value == pytest.approx(1.0)


def _occupation(occupation, gender, stereotype, pair, correct, predicted):  # type: ignore[no-untyped-def]
    return OccupationItem(
        occupation, gender, stereotype, pair, True, correct, predicted == "entailment", predicted
    )


def test_winogender_statistics_on_a_hand_computed_example() -> None:
    items = [
        _occupation("nurse", "female", "pro", "p1", True, "entailment"),
        _occupation("nurse", "male", "anti", "p1", False, "non-entailment"),
        _occupation("carpenter", "male", "pro", "p2", True, "entailment"),
        _occupation("carpenter", "female", "anti", "p2", True, "entailment"),
    ]
    result = occupation_statistics(
        items, {"nurse": 88.6, "carpenter": 2.2}, resamples=RESAMPLES, seed=0
    )
    assert result["accuracy_pro"].value == pytest.approx(1.0)
    assert result["accuracy_anti"].value == pytest.approx(0.5)
    assert result["pro_anti_gap"].value == pytest.approx(0.5)
    assert result["parity"].value == pytest.approx(0.5)
    assert result["accuracy"]["male"].value == pytest.approx(0.5)
    assert result["accuracy"]["female"].value == pytest.approx(1.0)
    # Two occupations: a correlation is undefined (NaN), never 0.
    assert math.isnan(result["correlation"]["pearson"].value)


def test_winogender_correlation_matches_scipy() -> None:
    shares = {"a": 90.0, "b": 60.0, "c": 20.0, "d": 5.0}
    female_link = {"a": [1, 1], "b": [1, 0], "c": [0, 1], "d": [0, 0]}
    male_link = {"a": [0, 0], "b": [1, 0], "c": [1, 1], "d": [1, 0]}
    items = []
    for occupation in shares:
        for i, (f, m) in enumerate(
            zip(female_link[occupation], male_link[occupation], strict=True)
        ):
            pair = f"{occupation}{i}"
            items.append(
                _occupation(occupation, "female", "pro", pair, True, "entailment" if f else "x")
            )
            items.append(
                _occupation(occupation, "male", "anti", pair, True, "entailment" if m else "x")
            )
    result = occupation_statistics(items, shares, resamples=RESAMPLES, seed=0)
    tendency = [np.mean(female_link[o]) - np.mean(male_link[o]) for o in shares]
    expected = stats.pearsonr(list(shares.values()), tendency).statistic
    assert result["correlation"]["pearson"].value == pytest.approx(expected)
    assert result["correlation"]["spearman"] == pytest.approx(
        stats.spearmanr(list(shares.values()), tendency).statistic
    )


def test_stereotype_preference_is_reported_as_distance_from_50() -> None:
    rate, distance = preference([True, True, False, False, True])
    low, high = wilson_interval(3, 5)
    assert rate.value == pytest.approx(0.6)
    assert distance.value == pytest.approx(10.0)
    assert distance.ci_low == pytest.approx(100 * low - 50)
    assert distance.ci_high == pytest.approx(100 * high - 50)
    empty_rate, _ = preference([])
    assert math.isnan(empty_rate.value)


def test_pair_scores_normalise_by_length_and_count_ties_as_no_preference() -> None:
    pair = PairScore(more=-12.0, less=-10.0, more_tokens=6, less_tokens=4)
    assert not pair.prefers_stereotype  # −12 < −10
    assert pair.prefers_stereotype_normalised  # −2.0 > −2.5 per token
    tie = PairScore(-5.0, -5.0, 2, 2)
    assert tie.tie and not tie.prefers_stereotype
