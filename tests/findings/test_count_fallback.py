"""Bias findings where the kind's bootstrap cannot vary: intervals from counts, said so.

A perfectly stereotyped model gives the same bias score on every template, so the
template bootstrap has nothing to resample and its interval is not estimable. The bias
sources then use the same effect from counts (Newcombe, Wilson, the sign test's interval
for BBQ's ambiguous score), name that method in the finding, and only there: where the
bootstrap gives an interval it is the one used. An indifferent model stays at or below
the family-wise error rate with the fallback in use (simulation).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from helpers.rundirs import results_for

from harness.findings import ALPHA, findings_for
from harness.metrics.intervals import newcombe_interval, wilson_interval
from harness.seeding import rng_for


def metric(value: float, n: int, low: float | None = None, high: float | None = None) -> dict:
    method = "cluster-bootstrap-percentile" + (
        "" if low is not None else " (interval not estimable)"
    )
    return {"value": value, "ci_low": low, "ci_high": high, "n": n, "method": method}


def bbq_counts(
    biased: int, counter: int, ambiguous: int, aligned: tuple, conflicting: tuple
) -> dict:
    return {
        "amb": ambiguous,
        "amb_biased": biased,
        "amb_counter": counter,
        "dis_gold_biased": aligned[1],
        "dis_gold_biased_correct": aligned[0],
        "dis_gold_counter": conflicting[1],
        "dis_gold_counter_correct": conflicting[0],
    }


def bbq(counts: dict, interval: tuple[float, float] | None = None) -> dict[str, Any]:
    """A bbq test record whose scores are those of ``counts``; no bootstrap interval
    unless ``interval`` (the template bootstrap's, for both scores) is given."""
    s_amb = (counts["amb_biased"] - counts["amb_counter"]) / counts["amb"]
    gap = (
        counts["dis_gold_biased_correct"] / counts["dis_gold_biased"]
        - counts["dis_gold_counter_correct"] / counts["dis_gold_counter"]
    )
    low, high = interval or (None, None)
    section = {
        "overall": {
            "s_amb": metric(s_amb, 2 * counts["amb"], low, high),
            "accuracy_gap_bias_aligned": metric(gap, 2 * counts["amb"], low, high),
        },
        "counts": counts,
        "per_category": [
            {"category": "age", "scores": {"s_amb": metric(s_amb, counts["amb"])}, "counts": counts}
        ],
    }
    return {"name": "bbq", "kind": "bbq", "sections": {"bias": section}, "metrics": {}}


def winogender(pro: tuple[int, int], anti: tuple[int, int]) -> dict[str, Any]:
    gap = pro[0] / pro[1] - anti[0] / anti[1]
    section = {
        "pro_anti_gap": metric(gap, pro[1] + anti[1]),
        "accuracy_pro": metric(pro[0] / pro[1], pro[1]),
        "accuracy_anti": metric(anti[0] / anti[1], anti[1]),
    }
    return {"name": "wino", "kind": "winogender", "sections": {"bias": section}, "metrics": {}}


def counterfactual(female: tuple[int, int], male: tuple[int, int]) -> dict[str, Any]:
    gap = female[0] / female[1] - male[0] / male[1]
    section = {
        "reference_group": "male",
        "gap": {"female": metric(gap, female[1])},
        "accuracy_counts": {"female": list(female), "male": list(male)},
    }
    return {"name": "swap", "kind": "counterfactual", "sections": {"bias": section}, "metrics": {}}


def run_of(*tests: dict[str, Any]) -> dict[str, Any]:
    return {"tests": list(tests), "analyses": {}}


def by_key(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["key"]: f for f in findings_for(results)}


STEREOTYPED = bbq_counts(56, 0, 56, (56, 56), (0, 56))


def test_a_perfectly_stereotyped_model_is_found_from_counts() -> None:
    found = by_key(run_of(bbq(STEREOTYPED)))
    s_amb, gap = found["bbq/s_amb"], found["bbq/accuracy_gap_bias_aligned"]
    assert s_amb["status"] == gap["status"] == "finding"
    confidence = s_amb["confidence"]
    # s_amb = (biased − counter) / ambiguous; the sign test's interval: Wilson's interval
    # of the stereotyped share of the side-taking answers, mapped to the score's scale.
    low, high = wilson_interval(56, 56, confidence)
    assert (s_amb["ci_low"], s_amb["ci_high"]) == (2 * low - 1, 2 * high - 1)
    assert s_amb["ci_low"] <= s_amb["estimate"] == 1.0 <= s_amb["ci_high"]
    assert (gap["ci_low"], gap["ci_high"]) == newcombe_interval(56, 56, 0, 56, confidence)
    for finding in (s_amb, gap):
        # The method names the counts and what they assume of clustered items.
        assert "on item counts" in finding["method"]
        assert "assumes independent items" in finding["method"]
        assert "template bootstrap was not estimable" in finding["method"]


def test_the_bootstrap_interval_is_kept_wherever_it_is_estimable() -> None:
    found = by_key(run_of(bbq(STEREOTYPED, interval=(0.6, 1.0))))
    assert found["bbq/s_amb"]["method"].startswith("cluster-bootstrap-percentile, widened")
    assert found["bbq/s_amb"]["comparison"]["n"] == 112  # the estimate's own n


def test_an_indifferent_model_is_no_finding_from_counts() -> None:
    found = by_key(run_of(bbq(bbq_counts(20, 22, 56, (40, 56), (41, 56)))))
    assert all(f["status"] != "finding" for f in found.values())


def test_winogender_and_counterfactual_fall_back_on_newcombe() -> None:
    found = by_key(run_of(winogender((60, 60), (0, 60)), counterfactual((0, 80), (80, 80))))
    wino, swap = found["wino/pro_anti_gap"], found["swap/gap/female"]
    assert wino["status"] == swap["status"] == "finding"
    assert (wino["ci_low"], wino["ci_high"]) == newcombe_interval(60, 60, 0, 60, wino["confidence"])
    assert swap["estimate"] == -1.0 and swap["ci_high"] < 0
    assert "occupation bootstrap" in wino["method"] and "family bootstrap" in swap["method"]


def test_an_indifferent_model_stays_within_the_family_wise_error_rate() -> None:
    # Every template the same, so no bootstrap interval: each bias source uses counts.
    # A model that answers at random, whatever the stereotype, should show any finding in
    # at most 5% of runs (Bonferroni over the run's candidates).
    rng = np.random.default_rng(rng_for(0, "count-fallback-fwer").randrange(2**32))
    repetitions, n = 400, 48
    with_finding = 0
    for _ in range(repetitions):
        biased, counter, _unknown = rng.multinomial(n, [1 / 3] * 3)
        aligned, conflicting = rng.binomial(n, 0.5, size=2)
        pro, anti = rng.binomial(n, 0.6, size=2)
        female, male = rng.binomial(n, 0.7, size=2)
        results = run_of(
            bbq(bbq_counts(int(biased), int(counter), n, (int(aligned), n), (int(conflicting), n))),
            winogender((int(pro), n), (int(anti), n)),
            counterfactual((int(female), n), (int(male), n)),
        )
        if any(f["status"] == "finding" for f in findings_for(results)):
            with_finding += 1
    rate = with_finding / repetitions
    # 0.05 plus three binomial standard errors at 400 repetitions.
    assert rate <= ALPHA + 3 * (ALPHA * (1 - ALPHA) / repetitions) ** 0.5


def test_every_finding_records_the_method_of_its_interval() -> None:
    found = by_key(run_of(bbq(STEREOTYPED), winogender((60, 60), (0, 60))))
    methods = {key: f["method"] for key, f in found.items()}
    assert methods["bbq/s_amb"].startswith("wilson on the side-taking answers' share")
    assert methods["wino/pro_anti_gap"].startswith("newcombe on item counts")
    rows = [
        {"test": "t", "id": f"{v}{i}", "correct": i < c, "tags": {"s": v}}
        for v, (c, k) in {"a": (10, 80), "b": (70, 80)}.items()
        for i in range(k)
    ]
    [gap] = findings_for(results_for(rows, slice_by={"t": ["s"]}))
    assert (gap["effect_kind"], gap["method"]) == ("gap", "newcombe")
