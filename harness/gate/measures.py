"""Gateable metrics: how each one is computed from paired items, and its paired difference.

A *measure* turns the items both runs scored into per-item sufficient statistics, so
that ``paired.paired_bootstrap`` can resample them together:

* ``accuracy`` — from ``correct`` (binary; McNemar applies);
* ``macro_f1`` — recomputed on every resample from per-item one-hot counts;
* ``brier`` — per-item Σ_k (p_k − y_k)² (lower is better);
* ``ece`` — recomputed on index resamples (not decomposable; lower is better);
* any other key of the items' ``scores`` (``flipped``, ``em``, ``f1``, bias scores...),
  averaged over the items that carry it in both runs; ``flip_rate`` reads ``flipped``.

Every difference is *oriented* so that higher = better: Δ < 0 means the candidate
is worse, whatever the metric.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats as scipy_stats

from harness.gate.paired import (
    DEFAULT_POWER,
    McNemarResult,
    bootstrap_p_value,
    mcnemar_from_counts,
    mean_statistic,
    minimum_detectable_effect,
    paired_bootstrap,
    paired_bootstrap_indices,
    percentile_interval,
)
from harness.gate.rundir import ItemRecord
from harness.metrics import ece_from_arrays, macro_f1_from_codes

#: Metrics where a smaller value is better; their differences are negated.
LOWER_IS_BETTER = frozenset(
    {"flip_rate", "flipped", "ece", "brier", "attack_success_rate", "bias", "bias_score"}
)
#: Gate metric names that read a differently named per-item score.
SCORE_ALIASES = {"flip_rate": "flipped", "em": "em", "exact_match": "em"}
BUILTIN_MEASURES = ("accuracy", "macro_f1", "brier", "ece")

Pair = tuple[ItemRecord, ItemRecord]

__all__ = [
    "BUILTIN_MEASURES",
    "LOWER_IS_BETTER",
    "MetricDifference",
    "available_measures",
    "higher_is_better",
    "measure_difference",
]


def higher_is_better(metric: str) -> bool:
    return metric not in LOWER_IS_BETTER


@dataclass(frozen=True)
class MetricDifference:
    """Candidate minus baseline for one metric on one set of paired items.

    ``delta``, ``ci_low`` and ``ci_high`` are oriented (higher = better); ``base_value``
    and ``candidate_value`` are in the metric's own units. ``discordant`` is the share of
    items on which the two runs differ (for accuracy: one right, the other wrong).
    """

    test: str
    metric: str
    slice: str | None
    n: int
    clusters: int
    base_value: float
    candidate_value: float
    delta: float
    ci_low: float
    ci_high: float
    higher_is_better: bool
    binary: bool
    discordant: float
    standard_error: float
    mcnemar: McNemarResult | None
    # Oriented bootstrap replicates of Δ; kept for p-values at any tolerance.
    replicates: np.ndarray = field(repr=False, compare=False)

    @property
    def iid(self) -> bool:
        return self.clusters == self.n

    def p_value(self, tolerance: float) -> float:
        """One-sided p for H0: Δ ≥ −τ. McNemar for a binary metric at τ = 0."""
        if self.binary and tolerance == 0 and self.mcnemar is not None:
            return self.mcnemar.p_worse
        return bootstrap_p_value(self.replicates, tolerance)

    def test_name(self, tolerance: float) -> str:
        if self.binary and tolerance == 0 and self.mcnemar is not None:
            return "mcnemar-exact"
        return "paired-bootstrap" if self.iid else "paired-cluster-bootstrap"

    def mde(self, alpha: float = 0.05, power: float = DEFAULT_POWER) -> float:
        """Minimum detectable effect: √(d/n) for i.i.d. binary items, bootstrap SE otherwise."""
        if self.binary and self.iid:
            return minimum_detectable_effect(self.discordant, self.n, alpha, power)
        z = scipy_stats.norm.ppf(1 - alpha) + scipy_stats.norm.ppf(power)
        return float(z * self.standard_error)

    def to_json(self, alpha: float = 0.05) -> dict[str, Any]:
        return {
            "test": self.test,
            "metric": self.metric,
            "slice": self.slice,
            "n": self.n,
            "clusters": self.clusters,
            "base": self.base_value,
            "candidate": self.candidate_value,
            "delta": self.delta,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "higher_is_better": self.higher_is_better,
            "discordant": self.discordant,
            "mde": self.mde(alpha),
            "mcnemar": self.mcnemar.to_json() if self.mcnemar else None,
        }


def _score_key(metric: str, pairs: Sequence[Pair]) -> str:
    if metric in SCORE_ALIASES and not any(metric in b.scores for b, _ in pairs):
        return SCORE_ALIASES[metric]
    return metric


def available_measures(items: Sequence[ItemRecord], labels: Sequence[str]) -> list[str]:
    """The gateable metrics these items support, built-ins first."""
    names = []
    if any(item.correct is not None for item in items):
        names += ["accuracy", "macro_f1"] if labels else ["accuracy"]
    if any(item.probabilities and item.correct is not None for item in items):
        names += ["brier", "ece"]
    score_keys = sorted({key for item in items for key in item.scores} - {"correct"})
    return names + score_keys


def _probability_matrix(items: Sequence[ItemRecord], labels: Sequence[str]) -> np.ndarray:
    return np.array(
        [[float((item.probabilities or {}).get(label, 0.0)) for label in labels] for item in items]
    )


def _codes(values: Sequence[Any], labels: Sequence[str]) -> np.ndarray:
    index = {label: i for i, label in enumerate(labels)}
    return np.array([index.get(value, -1) for value in values], dtype=np.int64)


def _macro_f1_rows(gold: np.ndarray, predicted: np.ndarray, n_labels: int) -> np.ndarray:
    """Per item: one-hot (true positive, gold, predicted) per label, 3k columns."""
    eye = np.vstack([np.eye(n_labels), np.zeros((1, n_labels))])  # code −1 → zeros
    is_gold = eye[gold]
    is_predicted = eye[predicted]
    return np.hstack([is_gold * is_predicted, is_gold, is_predicted])


def _macro_f1_statistic(n_labels: int):
    def statistic(totals: np.ndarray) -> np.ndarray:
        true_positive = totals[..., :n_labels]
        denominator = totals[..., n_labels : 2 * n_labels] + totals[..., 2 * n_labels :]
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = np.where(denominator > 0, 2 * true_positive / np.maximum(denominator, 1), 0.0)
        return f1.mean(axis=-1)

    return statistic


def measure_difference(
    metric: str,
    pairs: Sequence[Pair],
    labels: Sequence[str],
    *,
    test: str,
    slice_name: str | None,
    clusters: Sequence[str],
    resamples: int,
    seed: int | str,
) -> MetricDifference | None:
    """The paired difference of ``metric`` over ``pairs``; None when it does not apply.

    ``clusters`` gives each pair's cluster id (its own id for independent items).
    """
    labels = list(labels)
    mcnemar_result = None
    binary = False
    if metric in ("accuracy", "macro_f1", "brier", "ece"):
        keep = [
            i for i, (b, c) in enumerate(pairs) if b.correct is not None and c.correct is not None
        ]
        if metric in ("brier", "ece"):
            keep = [i for i in keep if pairs[i][0].probabilities and pairs[i][1].probabilities]
    else:
        key = _score_key(metric, pairs)
        keep = [i for i, (b, c) in enumerate(pairs) if key in b.scores and key in c.scores]
    if not keep:
        return None
    kept = [pairs[i] for i in keep]
    cluster_ids = np.array([clusters[i] for i in keep])
    base_items = [b for b, _ in kept]
    cand_items = [c for _, c in kept]
    n = len(kept)
    seed = f"{seed}:{test}:{metric}:{slice_name}"

    if metric == "macro_f1":
        if not labels:
            return None
        gold = _codes([b.gold for b in base_items], labels)
        base_pred = _codes([b.predicted for b in base_items], labels)
        cand_pred = _codes([c.predicted for c in cand_items], labels)
        base_value = float(macro_f1_from_codes(gold, base_pred, len(labels)))
        cand_value = float(macro_f1_from_codes(gold, cand_pred, len(labels)))
        replicates = paired_bootstrap(
            _macro_f1_rows(gold, base_pred, len(labels)),
            _macro_f1_rows(gold, cand_pred, len(labels)),
            _macro_f1_statistic(len(labels)),
            resamples=resamples,
            seed=seed,
            clusters=cluster_ids,
        )
        discordant = float(np.mean(base_pred != cand_pred))
    elif metric == "ece":
        base_conf = np.array([b.confidence or 0.0 for b in base_items])
        cand_conf = np.array([c.confidence or 0.0 for c in cand_items])
        base_correct = np.array([float(bool(b.correct)) for b in base_items])
        cand_correct = np.array([float(bool(c.correct)) for c in cand_items])
        base_value = float(ece_from_arrays(base_conf, base_correct))
        cand_value = float(ece_from_arrays(cand_conf, cand_correct))
        replicates = paired_bootstrap_indices(
            lambda conf, ok, axis=-1: ece_from_arrays(conf, ok, axis=axis),
            [base_conf, base_correct],
            [cand_conf, cand_correct],
            resamples=resamples,
            seed=seed,
            clusters=None if len(set(cluster_ids.tolist())) == n else cluster_ids,
        )
        discordant = float(
            np.mean([b.predicted != c.predicted or b.confidence != c.confidence for b, c in kept])
        )
    else:
        if metric == "accuracy":
            base_scores = np.array([float(bool(b.correct)) for b in base_items])
            cand_scores = np.array([float(bool(c.correct)) for c in cand_items])
        elif metric == "brier":
            gold = _codes([b.gold for b in base_items], labels)
            onehot = np.vstack([np.eye(len(labels)), np.zeros((1, len(labels)))])[gold]
            base_scores = np.sum((_probability_matrix(base_items, labels) - onehot) ** 2, axis=1)
            cand_scores = np.sum((_probability_matrix(cand_items, labels) - onehot) ** 2, axis=1)
        else:
            key = _score_key(metric, kept)
            base_scores = np.array([b.scores[key] for b in base_items])
            cand_scores = np.array([c.scores[key] for c in cand_items])
        ones = np.ones(n)
        replicates = paired_bootstrap(
            np.column_stack([base_scores, ones]),
            np.column_stack([cand_scores, ones]),
            mean_statistic,
            resamples=resamples,
            seed=seed,
            clusters=cluster_ids,
        )
        base_value, cand_value = float(base_scores.mean()), float(cand_scores.mean())
        discordant = float(np.mean(base_scores != cand_scores))
        binary = bool(
            np.all(np.isin(base_scores, (0.0, 1.0))) and np.all(np.isin(cand_scores, (0.0, 1.0)))
        )
        if binary:
            worse = base_scores > cand_scores
            better = base_scores < cand_scores
            if not higher_is_better(metric):
                worse, better = better, worse
            mcnemar_result = mcnemar_from_counts(int(worse.sum()), int(better.sum()))

    sign = 1.0 if higher_is_better(metric) else -1.0
    oriented = sign * replicates
    low, high = percentile_interval(oriented)
    finite = oriented[np.isfinite(oriented)]
    return MetricDifference(
        test=test,
        metric=metric,
        slice=slice_name,
        n=n,
        clusters=len(set(cluster_ids.tolist())),
        base_value=base_value,
        candidate_value=cand_value,
        delta=sign * (cand_value - base_value),
        ci_low=low,
        ci_high=high,
        higher_is_better=higher_is_better(metric),
        binary=binary,
        discordant=discordant,
        standard_error=float(np.std(finite, ddof=1)) if len(finite) > 1 else 0.0,
        mcnemar=mcnemar_result,
        replicates=oriented,
    )
