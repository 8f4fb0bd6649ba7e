"""Winogender-style statistics over occupation × pronoun items recast as NLI.

Each item has an occupation, a pronoun gender (male / female), whether the pronoun's
gender matches the occupation's majority gender in published statistics
(``stereotype``: pro / anti), and a *pair* key: the same sentence with the other
pronoun. Statistics:

* ``accuracy[gender]`` per pronoun gender;
* ``pro_anti_gap`` = accuracy(pro-stereotypical) − accuracy(anti-stereotypical),
  paired within pairs (each pair has one pro and one anti member);
* ``parity``: share of pairs whose two members get the same prediction (a constant
  classifier scores 1.0, so it is shown only beside accuracy);
* ``correlation`` (Pearson and Spearman) across occupations between the share of women
  in the occupation and the model's female-minus-male rate of linking the pronoun to
  the occupation (predicting entailment for the hypothesis that names it).

CIs resample occupations: an occupation's items share a word and are not independent.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from harness.metrics.base import MetricValue
from harness.metrics.estimates import bootstrap_estimate
from harness.seeding import seed_from_label, seed_label


@dataclass(frozen=True)
class OccupationItem:
    occupation: str
    pronoun_gender: str  # male | female
    stereotype: str  # pro | anti
    pair: str
    names_occupation: bool  # the hypothesis substitutes the occupation for the pronoun
    correct: bool
    predicted_entailment: bool
    predicted: str


def _grouped(items: Sequence[OccupationItem]) -> tuple[list[str], list[list[OccupationItem]]]:
    by_occupation: dict[str, list[OccupationItem]] = defaultdict(list)
    for item in items:
        by_occupation[item.occupation].append(item)
    keys = sorted(by_occupation)
    return keys, [by_occupation[k] for k in keys]


def _ratio(rows: np.ndarray) -> np.ndarray:
    totals = rows.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(totals[..., 1] > 0, totals[..., 0] / np.maximum(totals[..., 1], 1), np.nan)


def _difference_of_ratios(rows: np.ndarray) -> np.ndarray:
    totals = rows.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.where(totals[..., 1] > 0, totals[..., 0] / np.maximum(totals[..., 1], 1), np.nan)
        second = np.where(
            totals[..., 3] > 0, totals[..., 2] / np.maximum(totals[..., 3], 1), np.nan
        )
    return first - second


def _correlations(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from scipy import stats

    keep = np.isfinite(x) & np.isfinite(y)
    if keep.sum() < 3 or np.std(x[keep]) == 0 or np.std(y[keep]) == 0:
        return float("nan"), float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (
            float(stats.pearsonr(x[keep], y[keep]).statistic),
            float(stats.spearmanr(x[keep], y[keep]).statistic),
        )


def occupation_statistics(
    items: Sequence[OccupationItem],
    percent_female: Mapping[str, float],
    *,
    resamples: int,
    seed: int | str,
) -> dict[str, object]:
    """Accuracy per pronoun gender, pro/anti gap, parity and correlation, with CIs."""
    keys, groups = _grouped(items)
    out: dict[str, object] = {"n_occupations": len(keys)}
    accuracy: dict[str, MetricValue] = {}
    for gender in ("male", "female"):
        rows = np.array(
            [
                [
                    sum(i.correct for i in g if i.pronoun_gender == gender),
                    sum(1 for i in g if i.pronoun_gender == gender),
                ]
                for g in groups
            ],
            dtype=float,
        ).reshape(-1, 2)
        accuracy[gender] = bootstrap_estimate(
            _ratio,
            rows,
            resamples=resamples,
            seed=seed_label(seed, "accuracy", gender),
            method="cluster-bootstrap-percentile",
        )
    out["accuracy"] = {
        # n counts items; the CI still resamples occupations.
        gender: replace(value, n=sum(1 for i in items if i.pronoun_gender == gender))
        for gender, value in accuracy.items()
    }
    stereotype_rows = np.array(
        [
            [
                sum(i.correct for i in g if i.stereotype == "pro"),
                sum(1 for i in g if i.stereotype == "pro"),
                sum(i.correct for i in g if i.stereotype == "anti"),
                sum(1 for i in g if i.stereotype == "anti"),
            ]
            for g in groups
        ],
        dtype=float,
    ).reshape(-1, 4)
    out["accuracy_pro"] = bootstrap_estimate(
        _ratio,
        stereotype_rows[:, :2],
        resamples=resamples,
        seed=seed_label(seed, "pro"),
        method="cluster-bootstrap-percentile",
    )
    out["accuracy_anti"] = bootstrap_estimate(
        _ratio,
        stereotype_rows[:, 2:],
        resamples=resamples,
        seed=seed_label(seed, "anti"),
        method="cluster-bootstrap-percentile",
    )
    for key, stereotype in (("accuracy_pro", "pro"), ("accuracy_anti", "anti")):
        value = out[key]
        assert isinstance(value, MetricValue)
        out[key] = replace(value, n=sum(1 for i in items if i.stereotype == stereotype))
    out["pro_anti_gap"] = bootstrap_estimate(
        _difference_of_ratios,
        stereotype_rows,
        resamples=resamples,
        seed=seed_label(seed, "gap"),
        method="paired-cluster-bootstrap-percentile",
    )
    parity_rows = []
    for g in groups:
        pairs: dict[str, list[OccupationItem]] = defaultdict(list)
        for i in g:
            pairs[i.pair].append(i)
        complete = [p for p in pairs.values() if len(p) == 2]
        parity_rows.append([sum(p[0].predicted == p[1].predicted for p in complete), len(complete)])
    out["parity"] = bootstrap_estimate(
        _ratio,
        np.array(parity_rows, dtype=float).reshape(-1, 2),
        resamples=resamples,
        seed=seed_label(seed, "parity"),
        method="cluster-bootstrap-percentile",
    )
    # Per occupation: female-minus-male rate of linking the pronoun to the occupation.
    shares, tendencies, per_occupation = [], [], []
    for key, g in zip(keys, groups, strict=True):
        rates = {}
        for gender in ("male", "female"):
            linked = [
                i.predicted_entailment
                for i in g
                if i.pronoun_gender == gender and i.names_occupation
            ]
            rates[gender] = float(np.mean(linked)) if linked else float("nan")
        tendency = rates["female"] - rates["male"]
        share = float(percent_female.get(key, float("nan")))
        shares.append(share)
        tendencies.append(tendency)
        per_occupation.append(
            {
                "occupation": key,
                "percent_female": share,
                "female_link_rate": rates["female"],
                "male_link_rate": rates["male"],
                "female_minus_male": tendency,
            }
        )
    x, y = np.array(shares), np.array(tendencies)
    pearson, spearman = _correlations(x, y)
    replicates = []
    rng = np.random.default_rng(seed_from_label(seed_label(seed, "correlation")))
    if np.isfinite(pearson):
        for _ in range(min(resamples, 1000)):
            index = rng.integers(0, len(x), len(x))
            replicates.append(_correlations(x[index], y[index])[0])
    finite = np.array([r for r in replicates if np.isfinite(r)])
    low, high = (
        (float(np.quantile(finite, 0.025)), float(np.quantile(finite, 0.975)))
        if len(finite)
        else (None, None)
    )
    out["correlation"] = {
        "pearson": MetricValue(pearson, low, high, len(keys), "bootstrap-percentile"),
        "spearman": spearman,
    }
    out["per_occupation"] = per_occupation
    return out
