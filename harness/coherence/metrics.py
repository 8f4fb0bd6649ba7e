"""The coherence metrics: pure functions over arrays, then their ``Metric`` declarations.

Per-item scores the ``coherence`` kind writes (``harness.kinds.coherence``), and the
metric that reads each:

==========================  ===============================  =========================
item score                  metric                           CI
==========================  ===============================  =========================
``seq_rep_4``               ``seq_rep_4`` (mean)             bootstrap over items
``looped`` (0/1)            ``loop_rate``                    Wilson
``token_count``             ``distinct_1``, ``distinct_2``   bootstrap over items
``self_contradiction`` 0/1  ``self_contradiction_rate``      Wilson
``paraphrase_inconsistent``  ``paraphrase_inconsistency_rate``  Wilson
==========================  ===============================  =========================

The rates and seq-rep-4 are means of per-item scores (``item_score``): the gate tests
them item by item (McNemar for the rates). Distinct-n is a statistic of the whole set
of generations; it is recomputed from the items' generated text (``predicted``) on
whatever items it is given (a slice, the gate's paired items), as a ratio of
per-generation sums (``harness.coherence.repetition.distinct_n_parts``), so its
interval and its paired difference are bootstraps over generations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from harness.coherence.repetition import distinct_n_parts, word_tokens
from harness.execution import MetricValue
from harness.metric_context import metric_interval
from harness.metrics import LOWER, Metric, MetricContext, PairedInputs, mean_score
from harness.resampling import WeightedStatistic
from harness.stats import wilson_interval

SEQ_REP_SCORE = "seq_rep_4"
LOOPED_SCORE = "looped"
TOKEN_COUNT_SCORE = "token_count"
SELF_CONTRADICTION_SCORE = "self_contradiction"
PARAPHRASE_INCONSISTENT_SCORE = "paraphrase_inconsistent"

# --- pure functions over arrays ------------------------------------------------------------


def rate_with_wilson(flags: np.ndarray) -> MetricValue:
    """The share of 1s among 0/1 flags, with its Wilson 95% interval.

    >>> rate_with_wilson(np.array([1.0, 0.0, 0.0, 0.0])).value
    0.25
    """
    n = len(flags)
    if not n:
        return MetricValue(float("nan"), None, None, 0, "wilson")
    successes = int(np.count_nonzero(flags))
    low, high = wilson_interval(successes, n)
    return MetricValue(successes / n, low, high, n, "wilson")


def weighted_ratio(numerators: np.ndarray, denominators: np.ndarray) -> WeightedStatistic:
    """Σ w·numerator / Σ w·denominator on each resample (count weights, one row each)."""
    numerators = np.asarray(numerators, dtype=float)
    denominators = np.asarray(denominators, dtype=float)

    def statistic(weights: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return (weights @ numerators) / (weights @ denominators)

    return statistic


def ratio_of_totals(totals: np.ndarray) -> np.ndarray:
    """The gate's statistic for a ratio of sums: totals ``(..., 2)`` = (Σ shares, Σ tokens)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return totals[..., 0] / totals[..., 1]


def generation_tokens(texts: Sequence[str]) -> list[list[str]]:
    return [[token.text for token in word_tokens(text)] for text in texts]


# --- declarations ---------------------------------------------------------------------------


def _carrying(items: Sequence[Any], score: str) -> list[Any]:
    return [item for item in items if score in item.scores]


def _rate(score: str) -> Callable[..., MetricValue | None]:
    """The share of items whose 0/1 ``score`` is 1, over the items that carry it (Wilson;
    a cluster bootstrap when the test declares clusters)."""
    clustered = mean_score(score)

    def compute(
        items: Sequence[Any], labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        if context.cluster_by is not None:
            return clustered(items, labels, context)
        carrying = _carrying(items, score)
        if not carrying:
            return None
        return rate_with_wilson(np.array([float(item.scores[score]) for item in carrying]))

    return compute


def _texts(items: Sequence[Any]) -> list[str]:
    return [str(item.predicted or "") for item in items]


def _distinct(n: int) -> tuple[Callable[..., MetricValue | None], Callable[..., Any]]:
    """distinct-n over the generations of the items that carry a token count."""

    def compute(
        items: Sequence[Any], labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        carrying = _carrying(items, TOKEN_COUNT_SCORE)
        if not carrying:
            return None
        shares, counts = distinct_n_parts(generation_tokens(_texts(carrying)), n)
        if counts.sum() == 0:
            return MetricValue(float("nan"), None, None, len(carrying), "bootstrap-percentile")
        clusters = (
            np.array([item.tags.get(context.cluster_by, item.id) for item in carrying])
            if context.cluster_by is not None
            else None
        )
        low, high = metric_interval(
            context, len(carrying), weighted_ratio(shares, counts), clusters
        )
        method = "cluster-bootstrap-percentile" if clusters is not None else "bootstrap-percentile"
        return MetricValue(float(shares.sum() / counts.sum()), low, high, len(carrying), method)

    def paired(
        base: Sequence[Any], candidate: Sequence[Any], labels: Sequence[str]
    ) -> PairedInputs | None:
        keep = [
            i
            for i, (b, c) in enumerate(zip(base, candidate, strict=True))
            if TOKEN_COUNT_SCORE in b.scores and TOKEN_COUNT_SCORE in c.scores
        ]
        if not keep:
            return None
        base_texts = _texts([base[i] for i in keep])
        cand_texts = _texts([candidate[i] for i in keep])
        base_rows = np.column_stack(distinct_n_parts(generation_tokens(base_texts), n))
        cand_rows = np.column_stack(distinct_n_parts(generation_tokens(cand_texts), n))
        return PairedInputs(
            mode="sums",
            base=base_rows,
            candidate=cand_rows,
            statistic=ratio_of_totals,
            base_value=float(ratio_of_totals(base_rows.sum(axis=0))),
            candidate_value=float(ratio_of_totals(cand_rows.sum(axis=0))),
            discordant=float(
                np.mean([b != c for b, c in zip(base_texts, cand_texts, strict=True)])
            ),
            rows=tuple(keep),
        )

    return compute, paired


_DISTINCT_1 = _distinct(1)
_DISTINCT_2 = _distinct(2)

SEQ_REP_4 = Metric(
    "seq_rep_4",
    mean_score(SEQ_REP_SCORE),
    "share of repeated 4-grams within a generation (Welleck et al. 2019), mean, bootstrap CI",
    direction=LOWER,
    item_score=SEQ_REP_SCORE,
    per_slice=True,
    tolerance=0.02,
)
LOOP_RATE = Metric(
    "loop_rate",
    _rate(LOOPED_SCORE),
    "share of generations with a span repeated back to back (3+ times, 6+ tokens), Wilson CI",
    direction=LOWER,
    item_score=LOOPED_SCORE,
    ci_method="wilson",
    per_slice=True,
    tolerance=0.02,
)
DISTINCT_1 = Metric(
    "distinct_1",
    _DISTINCT_1[0],
    "distinct unigrams across a test's generations / tokens generated (Li et al. 2016)",
    carried_by=TOKEN_COUNT_SCORE,
    per_slice=True,
    tolerance=0.02,
    paired=_DISTINCT_1[1],
)
DISTINCT_2 = Metric(
    "distinct_2",
    _DISTINCT_2[0],
    "distinct bigrams across a test's generations / tokens generated (Li et al. 2016)",
    carried_by=TOKEN_COUNT_SCORE,
    per_slice=True,
    tolerance=0.02,
    paired=_DISTINCT_2[1],
)
SELF_CONTRADICTION_RATE = Metric(
    "self_contradiction_rate",
    _rate(SELF_CONTRADICTION_SCORE),
    "share of generations with a sentence pair the NLI judge calls contradicting, Wilson CI",
    direction=LOWER,
    item_score=SELF_CONTRADICTION_SCORE,
    ci_method="wilson",
    per_slice=True,
    tolerance=0.02,
)
PARAPHRASE_INCONSISTENCY_RATE = Metric(
    "paraphrase_inconsistency_rate",
    _rate(PARAPHRASE_INCONSISTENT_SCORE),
    "share of paraphrase sets whose answers do not all entail each other (NLI judge), Wilson CI",
    direction=LOWER,
    item_score=PARAPHRASE_INCONSISTENT_SCORE,
    ci_method="wilson",
    per_slice=True,
    tolerance=0.02,
)

#: The coherence kind's metrics, in the order the report shows them.
COHERENCE_METRICS = (
    "seq_rep_4",
    "distinct_1",
    "distinct_2",
    "loop_rate",
    "self_contradiction_rate",
    "paraphrase_inconsistency_rate",
)
