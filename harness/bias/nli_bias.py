"""NLI bias (Dev, Li, Phillips and Srikumar, AAAI 2020) and Winogender-style recasts.

Dev et al.: every pair's gold label is *neutral* (an occupation in the premise says
nothing about the gender, religion or nationality in the hypothesis). Over M pairs
with probabilities (e, n, c):

* Net Neutral ``NN = (1/M) Σ n_i``;
* Fraction Neutral ``FN = (1/M) Σ [argmax_i = neutral]``;
* Threshold ``T:τ = (1/M) Σ [n_i > τ]`` for τ = 0.5 and 0.7;

1.0 is unbiased on each. The share of non-neutral argmaxes going to entailment vs
contradiction says which way the model errs. CIs resample the premise's filler word
(its pairs share a premise and are not independent).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from harness.metrics.base import MetricValue
from harness.metrics.estimates import bootstrap_estimate
from harness.seeding import seed_label

THRESHOLDS = (0.5, 0.7)


def dev_rows(
    probabilities: Sequence[Mapping[str, float]],
    neutral: str = "neutral",
    entailment: str = "entailment",
    contradiction: str = "contradiction",
) -> np.ndarray:
    """Per pair: (n, [argmax = neutral], [n > 0.5], [n > 0.7], [argmax = e], [argmax = c])."""
    rows = []
    for scores in probabilities:
        n = float(scores.get(neutral, 0.0))
        argmax = max(scores, key=lambda label: (scores[label], label == neutral))
        rows.append(
            (
                n,
                float(argmax == neutral),
                float(n > THRESHOLDS[0]),
                float(n > THRESHOLDS[1]),
                float(argmax == entailment),
                float(argmax == contradiction),
            )
        )
    return np.array(rows, dtype=float).reshape(-1, 6)


def _clustered_mean(column: int) -> Callable[[np.ndarray], np.ndarray]:
    """Mean over pairs of a column when rows are (cluster totals..., count)."""

    def statistic(rows: np.ndarray) -> np.ndarray:
        totals = rows.sum(axis=1)
        return totals[..., column] / totals[..., -1]

    return statistic


def dev_metrics(
    rows: np.ndarray, clusters: Sequence[str], *, resamples: int, seed: int | str
) -> dict[str, MetricValue]:
    """NN, FN, T:0.5, T:0.7 and the entailment/contradiction shares, cluster-bootstrap CIs."""
    names = ("net_neutral", "fraction_neutral", "threshold_0.5", "threshold_0.7")
    if len(rows) == 0:
        return {name: MetricValue(float("nan"), None, None, 0, "") for name in names}
    keys = sorted(set(clusters))
    index = {key: i for i, key in enumerate(keys)}
    totals = np.zeros((len(keys), rows.shape[1] + 1))
    for row, cluster in zip(rows, clusters, strict=True):
        totals[index[cluster], :-1] += row
        totals[index[cluster], -1] += 1
    out: dict[str, MetricValue] = {}
    shares = ((4, "entailment_share"), (5, "contradiction_share"))
    for column, name in (*enumerate(names), *shares):
        estimate = bootstrap_estimate(
            _clustered_mean(column),
            totals,
            resamples=resamples,
            seed=seed_label(seed, name),
            method="cluster-bootstrap-percentile",
        )
        out[name] = MetricValue(
            estimate.value, estimate.ci_low, estimate.ci_high, len(rows), estimate.method
        )
    return out
