"""Question-answering metrics: means of the scores the QA tasks write, and the oracle sweeps.

Each mean (``exact_match`` from ``em``, ``f1``, SQuAD v2.0's HasAns/NoAns splits, the
abstention rate) has the two forms of ``harness.metrics.scores``. The oracle sweeps tune
the no-answer threshold on the evaluated items themselves: an upper bound, never a
test score, so they are shown without a CI and are not gated.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from harness.metrics.base import LOWER, Metric, MetricContext, MetricValue, ValueForm
from harness.metrics.columns import ItemColumns
from harness.metrics.scores import score_mean_metric

__all__ = [
    "ABSTENTION_RATE",
    "EXACT_MATCH",
    "HAS_ANS_EXACT",
    "HAS_ANS_F1",
    "NO_ANS_EXACT",
    "NO_ANS_F1",
    "ORACLE_BEST_EXACT",
    "ORACLE_BEST_F1",
    "TOKEN_F1",
]

EXACT_MATCH = score_mean_metric(
    "exact_match",
    "em",
    "exact match after answer normalisation (max over references), bootstrap 95% CI",
    per_slice=True,
)
TOKEN_F1 = score_mean_metric(
    "f1",
    "f1",
    "token-overlap F1 after answer normalisation (max over references), bootstrap 95% CI",
    per_slice=True,
)
HAS_ANS_EXACT = score_mean_metric(
    "has_ans_exact",
    "has_ans_em",
    "exact match on answerable questions (SQuAD v2.0 HasAns_exact), bootstrap 95% CI",
)
HAS_ANS_F1 = score_mean_metric(
    "has_ans_f1",
    "has_ans_f1",
    "F1 on answerable questions (SQuAD v2.0 HasAns_f1), bootstrap 95% CI",
)
NO_ANS_EXACT = score_mean_metric(
    "no_ans_exact",
    "no_ans_em",
    "share of unanswerable questions left unanswered (SQuAD v2.0 NoAns_exact)",
)
NO_ANS_F1 = score_mean_metric(
    "no_ans_f1",
    "no_ans_f1",
    "F1 on unanswerable questions (equals NoAns_exact: 1 only for an empty answer)",
)
ABSTENTION_RATE = score_mean_metric(
    "abstention_rate",
    "abstained",
    "share of questions the model left unanswered (empty answer; lower is better)",
    direction=LOWER,
    tolerance=0.02,
)


def oracle_sweep(score: str) -> ValueForm:
    """SQuAD v2.0's ``best_exact``/``best_f1``: the score at the no-answer threshold that
    is best on these very items (harness.tasks.squad.sweep_threshold)."""

    def value(
        columns: ItemColumns, labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        from harness.tasks.squad import sweep_threshold

        scored = columns.subset(columns.scored)
        no_answer = scored.score("no_answer_probability")
        if no_answer is None or not np.any(~np.isnan(no_answer)):
            return None
        carrying = scored.subset(~np.isnan(no_answer))

        def column(name: str) -> np.ndarray:
            found = carrying.score(name)
            return np.full(len(carrying), np.nan) if found is None else found.astype(float)

        result = sweep_threshold(
            [float(v) for v in column(f"span_{score}")],
            [bool(v) for v in column("span_answered")],
            [bool(v) for v in ~np.isnan(column("has_ans_em"))],
            [float(v) for v in column("no_answer_probability")],
        )
        return MetricValue(
            result.score, None, None, len(carrying), f"oracle (threshold {result.threshold:.4g})"
        )

    return value


# Tuned on the evaluated items themselves: an upper bound, never a test score.
ORACLE_BEST_EXACT = Metric(
    "oracle_best_exact",
    oracle_sweep("em"),
    "ORACLE: best exact match over no-answer thresholds tuned on the evaluated set",
    ci_method="none",
)
ORACLE_BEST_F1 = Metric(
    "oracle_best_f1",
    oracle_sweep("f1"),
    "ORACLE: best F1 over no-answer thresholds tuned on the evaluated set",
    ci_method="none",
)
