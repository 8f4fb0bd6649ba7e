"""Coherence of generated text: repetition, self-contradiction and paraphrase consistency.

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

The rates and seq-rep-4 are means of per-item scores (``item_score``): their paired
form is ``harness.metrics.scores.paired_mean_score``, item by item (McNemar for the
rates); a test that declares clusters gets the cluster bootstrap instead of Wilson.
Distinct-n is a statistic of the whole set of generations: both its forms recompute
it from the generated text (``predicted``) of whatever items they are given (a slice,
the gate's paired items), as a ratio of per-generation sums
(``harness.metrics.repetition.distinct_n_parts``), so its interval and its paired
difference are bootstraps over generations. The text is read item by item
(``ItemColumns.records``): generation tests are small, and the text is no column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from harness.metrics.base import (
    LOWER,
    Metric,
    MetricContext,
    MetricValue,
    PairedColumns,
    PairedForm,
    PairedInputs,
    ValueForm,
)
from harness.metrics.columns import ItemColumns
from harness.metrics.intervals import bootstrap_label
from harness.metrics.repetition import distinct_n_parts, word_tokens
from harness.metrics.resampling import WeightedStatistic, metric_interval
from harness.metrics.scores import (
    bootstrap_method,
    clusters_of,
    mean_score,
    paired_mean_score,
    wilson_value,
)

__all__ = [
    "COHERENCE_METRICS",
    "DISTINCT_1",
    "DISTINCT_2",
    "LOOPED_SCORE",
    "LOOP_RATE",
    "PARAPHRASE_INCONSISTENCY_RATE",
    "PARAPHRASE_INCONSISTENT_SCORE",
    "SELF_CONTRADICTION_RATE",
    "SELF_CONTRADICTION_SCORE",
    "SEQ_REP_4",
    "SEQ_REP_SCORE",
    "TOKEN_COUNT_SCORE",
    "generation_tokens",
    "rate_with_wilson",
    "ratio_of_totals",
    "weighted_ratio",
]

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
    return wilson_value(int(np.count_nonzero(flags)), len(flags))


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


# --- the two forms --------------------------------------------------------------------------


def _carrying(columns: ItemColumns, score: str) -> np.ndarray:
    """Positions of the items that carry ``score``."""
    column = columns.score(score)
    if column is None:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(~np.isnan(column))


def _rate(score: str) -> ValueForm:
    """The share of items whose 0/1 ``score`` is 1, over the items that carry it (Wilson;
    a cluster bootstrap when the test declares clusters)."""
    clustered = mean_score(score)

    def value(
        columns: ItemColumns, labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        if context.cluster_by is not None:
            return clustered(columns, labels, context)
        rows = _carrying(columns, score)
        if not len(rows):
            return None
        column = columns.score(score)
        assert column is not None
        return rate_with_wilson(column[rows].astype(np.float64))

    value.__doc__ = f"Share of items whose 0/1 score '{score}' is 1, with a Wilson 95% CI."
    return value


def _texts(columns: ItemColumns, rows: np.ndarray) -> list[str]:
    return [str(record.predicted or "") for record in columns.records(rows)]


def _distinct_value(n: int) -> ValueForm:
    """distinct-n over the generations of the items that carry a token count."""

    def value(
        columns: ItemColumns, labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        rows = _carrying(columns, TOKEN_COUNT_SCORE)
        if not len(rows):
            return None
        shares, counts = distinct_n_parts(generation_tokens(_texts(columns, rows)), n)
        method = bootstrap_method(context)
        if counts.sum() == 0:
            return MetricValue(float("nan"), None, None, len(rows), method)
        clusters = clusters_of(columns.subset(rows), context)
        interval = metric_interval(context, len(rows), weighted_ratio(shares, counts), clusters)
        method = bootstrap_label(interval, method)
        return MetricValue(float(shares.sum() / counts.sum()), *interval, len(rows), method)

    value.__doc__ = f"distinct-{n}: distinct {n}-grams across generations / tokens generated."
    return value


def _distinct_paired(n: int) -> PairedForm:
    """Per-generation (share, tokens) rows of the pairs where both runs carry a token count."""

    def paired(pairs: PairedColumns, labels: Sequence[str]) -> PairedInputs | None:
        base_counts = pairs.base.score(TOKEN_COUNT_SCORE)
        cand_counts = pairs.candidate.score(TOKEN_COUNT_SCORE)
        if base_counts is None or cand_counts is None:
            return None
        carried = ~np.isnan(base_counts[pairs.base_rows]) & ~np.isnan(
            cand_counts[pairs.candidate_rows]
        )
        keep = np.flatnonzero(carried)
        if not len(keep):
            return None
        base_texts = _texts(pairs.base, pairs.base_rows[keep])
        cand_texts = _texts(pairs.candidate, pairs.candidate_rows[keep])
        base_rows = np.column_stack(distinct_n_parts(generation_tokens(base_texts), n))
        cand_rows = np.column_stack(distinct_n_parts(generation_tokens(cand_texts), n))
        return PairedInputs.of_totals(
            base_rows,
            cand_rows,
            ratio_of_totals,
            discordant=float(
                np.mean([b != c for b, c in zip(base_texts, cand_texts, strict=True)])
            ),
            rows=keep,
        )

    return paired


# --- declarations ---------------------------------------------------------------------------

SEQ_REP_4 = Metric(
    "seq_rep_4",
    mean_score(SEQ_REP_SCORE),
    "share of repeated 4-grams within a generation (Welleck et al. 2019), mean, "
    "bootstrap 95% CI (lower is better)",
    direction=LOWER,
    paired=paired_mean_score(SEQ_REP_SCORE),
    item_score=SEQ_REP_SCORE,
    per_slice=True,
    tolerance=0.02,
)


def _rate_metric(name: str, score: str, description: str) -> Metric:
    """A lower-is-better share of items whose 0/1 ``score`` is 1, Wilson CI, paired per item."""
    return Metric(
        name,
        _rate(score),
        f"{description}, Wilson CI (lower is better)",
        direction=LOWER,
        paired=paired_mean_score(score),
        item_score=score,
        ci_method="wilson",
        per_slice=True,
        tolerance=0.02,
    )


def _distinct_metric(n: int, grams: str) -> Metric:
    """distinct-n (Li et al. 2016): ``grams`` names the n-grams in the description."""
    return Metric(
        f"distinct_{n}",
        _distinct_value(n),
        f"distinct {grams} across a test's generations / tokens generated (Li et al. 2016), "
        "bootstrap 95% CI",
        paired=_distinct_paired(n),
        needs_scores=(TOKEN_COUNT_SCORE,),
        per_slice=True,
        tolerance=0.02,
    )


LOOP_RATE = _rate_metric(
    "loop_rate",
    LOOPED_SCORE,
    "share of generations with a span repeated back to back (3+ times, 6+ tokens)",
)
DISTINCT_1 = _distinct_metric(1, "unigrams")
DISTINCT_2 = _distinct_metric(2, "bigrams")
SELF_CONTRADICTION_RATE = _rate_metric(
    "self_contradiction_rate",
    SELF_CONTRADICTION_SCORE,
    "share of generations with a sentence pair the NLI judge calls contradicting",
)
PARAPHRASE_INCONSISTENCY_RATE = _rate_metric(
    "paraphrase_inconsistency_rate",
    PARAPHRASE_INCONSISTENT_SCORE,
    "share of paraphrase sets whose answers do not all entail each other (NLI judge)",
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
