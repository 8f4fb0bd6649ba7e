"""Metrics of prompted language models (harness.tasks.prompting): the scoring variants of
a prompted classifier, contextual calibration, and the spread over prompt variants.

Each accuracy variant is the mean of the per-item score of the same name, written by the
prompted scorer (``acc``: argmax of summed verbalizer log-likelihood; ``acc_char``,
``acc_byte``, ``acc_token``: the same per character, byte or token; ``acc_pmi``: the
log-likelihood given the prompt minus the one given the template's unconditional prompt;
``acc_calibrated``: after contextual calibration). ``ece_calibrated`` is the ECE of the
calibrated probabilities, with the same two forms as ``ece``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from harness.metrics.base import (
    HIGHER,
    LOWER,
    Metric,
    MetricContext,
    MetricValue,
    PairedColumns,
    PairedInputs,
)
from harness.metrics.classification import ece_paired_inputs
from harness.metrics.columns import ItemColumns
from harness.metrics.intervals import bootstrap_label
from harness.metrics.resampling import metric_interval
from harness.metrics.scores import bootstrap_method, clusters_of, score_mean_metric
from harness.metrics.statistics import ECE_BINS, ece_from_arrays, weighted_ece

__all__ = [
    "ACC",
    "ACC_BYTE",
    "ACC_CALIBRATED",
    "ACC_CHAR",
    "ACC_PMI",
    "ACC_TOKEN",
    "BRIER_CALIBRATED",
    "ECE_CALIBRATED",
    "ITEM_SPREAD",
    "VARIANT_ACCURACY",
]

_CONFIDENCE, _CORRECT = "confidence_calibrated", "acc_calibrated"


def _carrying(columns: ItemColumns) -> np.ndarray | None:
    """Mask of the items with both calibrated scores (None: no item has them)."""
    confidence, correct = columns.score(_CONFIDENCE), columns.score(_CORRECT)
    if confidence is None or correct is None:
        return None
    return ~np.isnan(confidence) & ~np.isnan(correct)


def ece_calibrated(
    columns: ItemColumns, labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    """ECE of the contextually calibrated probabilities (10 equal-mass bins), bootstrap CI."""
    carrying = _carrying(columns)
    if carrying is None or not carrying.any():
        return None
    kept = columns.subset(carrying)
    confidence = np.asarray(kept.score(_CONFIDENCE), dtype=float)
    correct = np.asarray(kept.score(_CORRECT), dtype=float)
    interval = metric_interval(
        context,
        len(kept),
        weighted_ece(confidence, correct, ECE_BINS),
        clusters_of(kept, context),
    )
    method = bootstrap_label(interval, bootstrap_method(context))
    return MetricValue(float(ece_from_arrays(confidence, correct)), *interval, len(kept), method)


def paired_ece_calibrated(pairs: PairedColumns, labels: Sequence[str]) -> PairedInputs | None:
    """Per pair, the calibrated (confidence, correct) of both runs: ECE on index resamples."""
    base_carrying, cand_carrying = _carrying(pairs.base), _carrying(pairs.candidate)
    if base_carrying is None or cand_carrying is None:
        return None
    keep = np.flatnonzero(base_carrying[pairs.base_rows] & cand_carrying[pairs.candidate_rows])
    if not len(keep):
        return None
    base_rows, cand_rows = pairs.base_rows[keep], pairs.candidate_rows[keep]

    def side(columns: ItemColumns, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        confidence = np.asarray(columns.score(_CONFIDENCE), dtype=float)[rows]
        return confidence, np.asarray(columns.score(_CORRECT), dtype=float)[rows]

    base, candidate = side(pairs.base, base_rows), side(pairs.candidate, cand_rows)
    differs = (base[0] != candidate[0]) | (base[1] != candidate[1])
    return ece_paired_inputs(base, candidate, float(np.mean(differs)), keep)


def _variant(name: str, description: str, direction: str = HIGHER) -> Metric:
    return score_mean_metric(
        name, name, description, direction=direction, per_slice=direction == HIGHER
    )


ACC = _variant("acc", "prompted: argmax of summed verbalizer log-likelihood")
ACC_CHAR = _variant("acc_char", "prompted: log-likelihood per character (lm-eval acc_norm)")
ACC_BYTE = _variant("acc_byte", "prompted: log-likelihood per UTF-8 byte")
ACC_TOKEN = _variant("acc_token", "prompted: log-likelihood per token")
ACC_PMI = _variant(
    "acc_pmi",
    "prompted: LL(answer | prompt) − LL(answer | the template's unconditional prompt, "
    "default 'Answer:')",
)
ACC_CALIBRATED = _variant(
    "acc_calibrated", "prompted: accuracy after contextual calibration (Zhao et al. 2021)"
)
BRIER_CALIBRATED = _variant(
    "brier_calibrated", "prompted: Brier score after contextual calibration", LOWER
)
ECE_CALIBRATED = Metric(
    "ece_calibrated",
    ece_calibrated,
    "prompted: ECE after contextual calibration (10 equal-mass bins)",
    direction=LOWER,
    paired=paired_ece_calibrated,
    needs_scores=(_CONFIDENCE, _CORRECT),
)
VARIANT_ACCURACY = _variant(
    "variant_accuracy", "prompt variants: each item's accuracy averaged over the variants"
)
ITEM_SPREAD = _variant(
    "item_spread",
    "prompt variants: share of items right under some prompts and wrong under others",
    LOWER,
)
