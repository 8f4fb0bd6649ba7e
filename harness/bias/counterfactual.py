"""Counterfactual-family statistics: is the model's answer about *who* rather than *what*?

A family is one parent item and its counterfactual variants, one member per group
(the parent is the member of its own group). Every statistic resamples families.

* ``flip_rate``: share of variants whose prediction differs from their parent's;
* ``accuracy[g]``: accuracy of the members of group ``g``;
* ``gap[g]`` = accuracy[g] − accuracy[reference], paired within families;
* ``max_gap`` = max_g accuracy[g] − min_g accuracy[g];
* ``shift[g][label]``: mean of p(label | member g) − p(label | reference member), the
  paired counterfactual effect of the swap on each label's probability;
* ``worst_case_accuracy``: share of families whose members are *all* correct (HELM's
  worst case: the minimum score over the original and its perturbations).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from harness.metrics.base import MetricValue
from harness.metrics.estimates import bootstrap_estimate, ratio_of_sums
from harness.seeding import seed_label


@dataclass(frozen=True)
class Member:
    """One item of a family: its group, whether it is correct, its prediction."""

    group: str
    correct: bool | None
    predicted: str | None
    probabilities: Mapping[str, float] | None
    is_parent: bool


def _accuracy_matrix(families: Sequence[Sequence[Member]], groups: Sequence[str]) -> np.ndarray:
    """(families, groups, 2): (correct, present) per group."""
    out = np.zeros((len(families), len(groups), 2))
    index = {g: i for i, g in enumerate(groups)}
    for f, family in enumerate(families):
        for member in family:
            if member.correct is not None and member.group in index:
                out[f, index[member.group]] = (float(member.correct), 1.0)
    return out


def _max_gap(rows: np.ndarray) -> np.ndarray:
    sums = rows.sum(axis=1)  # (resamples, groups, 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        accuracy = np.where(sums[..., 1] > 0, sums[..., 0] / np.maximum(sums[..., 1], 1), np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a resample with no member of a group
        return np.nanmax(accuracy, axis=-1) - np.nanmin(accuracy, axis=-1)


def counterfactual_statistics(
    families: Sequence[Sequence[Member]],
    groups: Sequence[str],
    labels: Sequence[str],
    *,
    resamples: int,
    seed: int | str,
) -> dict[str, object]:
    """Every family statistic with its 95% CI (see the module docstring)."""
    reference = groups[0]
    flips = []
    for family in families:
        parent = next((m for m in family if m.is_parent), None)
        variants = [m for m in family if not m.is_parent]
        flipped = sum(1 for m in variants if parent is not None and m.predicted != parent.predicted)
        flips.append((flipped, len(variants)))
    flip_rows = np.array(flips, dtype=float).reshape(-1, 2)
    result: dict[str, object] = {
        "n_families": len(families),
        "groups": list(groups),
        "reference_group": reference,
        "flip_rate": bootstrap_estimate(
            ratio_of_sums(0, 1), flip_rows, resamples=resamples, seed=seed_label(seed, "flip")
        ),
    }
    matrix = _accuracy_matrix(families, groups)
    accuracy: dict[str, MetricValue] = {}
    for i, group in enumerate(groups):
        accuracy[group] = bootstrap_estimate(
            ratio_of_sums(0, 1),
            matrix[:, i, :],
            resamples=resamples,
            seed=seed_label(seed, "accuracy", group),
        )
    result["accuracy"] = accuracy
    # Per group, [correct, answered] over items: the counts findings fall back on where
    # the family bootstrap cannot vary (every family's gap the same).
    result["accuracy_counts"] = {
        group: [int(matrix[:, i, 0].sum()), int(matrix[:, i, 1].sum())]
        for i, group in enumerate(groups)
    }
    gaps: dict[str, MetricValue] = {}
    for i, group in enumerate(groups[1:], start=1):
        both = (matrix[:, i, 1] > 0) & (matrix[:, 0, 1] > 0)
        differences = (matrix[both, i, 0] - matrix[both, 0, 0])[:, None]
        gaps[group] = bootstrap_estimate(
            lambda rows: rows[..., 0].mean(axis=1),
            differences,
            resamples=resamples,
            seed=seed_label(seed, "gap", group),
            method="paired-bootstrap-percentile",
        )
    result["gap"] = gaps
    result["max_gap"] = bootstrap_estimate(
        _max_gap, matrix, resamples=resamples, seed=seed_label(seed, "max_gap")
    )
    complete = [f for f in families if all(m.correct is not None for m in f)]
    worst = np.array([[float(all(m.correct for m in f))] for f in complete]).reshape(-1, 1)
    result["worst_case_accuracy"] = bootstrap_estimate(
        lambda rows: rows[..., 0].mean(axis=1),
        worst,
        resamples=resamples,
        seed=seed_label(seed, "worst_case"),
    )
    shifts: dict[str, dict[str, MetricValue]] = {}
    for group in groups[1:]:
        per_label: dict[str, MetricValue] = {}
        for label in labels:
            differences = []
            for family in families:
                ref = next((m for m in family if m.group == reference), None)
                other = next((m for m in family if m.group == group), None)
                if ref and other and ref.probabilities and other.probabilities:
                    differences.append(
                        float(other.probabilities.get(label, 0.0))
                        - float(ref.probabilities.get(label, 0.0))
                    )
            if differences:
                per_label[label] = bootstrap_estimate(
                    lambda rows: rows[..., 0].mean(axis=1),
                    np.array(differences)[:, None],
                    resamples=resamples,
                    seed=seed_label(seed, "shift", group, label),
                    method="paired-bootstrap-percentile",
                )
        shifts[group] = per_label
    result["shift"] = shifts
    return result
