"""Metrics: objects that declare what they measure, computed over per-item results.

A ``Metric`` declares its ``name``, its ``direction`` (is higher or lower better),
``item_score`` (the per-item score it is the mean of, when it is one: the gate then
tests it paired, item by item), its CI method, whether it is shown per slice, whether
it is a table, and the gate's default tolerance. A metric that reads items but is no
mean of a score (distinct-n over a test's generations) declares ``paired`` and
``carried_by``: the score whose presence says it applies to an item. The gate, compare
and the report read these declarations and keep no list of their own.

Two kinds, told apart by ``table``:

* headline metrics return a ``MetricValue`` (value, 95% CI, n): ``accuracy``
  (Wilson), ``macro_f1``, ``ece``, ``brier`` (percentile bootstrap over items, or
  over clusters when the test declares ``cluster_by``), and the means of per-item
  scores (``exact_match``, ``f1``, ``flip_rate``, ...);
* table metrics return JSON-ready structures: ``per_class``, ``confusion_matrix``,
  ``calibration`` (ECE with 10 equal-mass bins, Brier, reliability diagram).

Call a metric as ``metric(items, labels, context: MetricContext)``. Items are
``ItemResult``s in a run, or the records read back from items.jsonl by the gate:
both have ``correct``, ``gold``, ``predicted``, ``probabilities``, ``confidence``,
``scores`` and ``tags``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from harness.execution import MetricValue
from harness.item_columns import ItemColumns
from harness.metric_columns import (
    ColumnsMetric,
    accuracy_columns,
    brier_columns,
    calibration_columns,
    confusion_columns,
    ece_columns,
    macro_f1_columns,
    mean_score_columns,
    per_class_columns,
)
from harness.metric_context import (
    ECE_BINS,
    MetricContext,
    ece_from_arrays,
    macro_f1_from_codes,
    macro_f1_from_totals,
    metric_interval,
    weighted_ece,
)


def _on_columns(form: ColumnsMetric, doc: str) -> Callable[..., Any]:
    """The item form of a columns metric: the items' columns, then ``form``.

    Items are ``ItemResult``s in a run or the records the gate reads back; both have
    what ``ItemColumns.from_items`` reads. ``columns_form`` lets a test's summary skip
    the conversion (``columns_metric``).
    """

    def compute(items: Sequence[Any], labels: Sequence[str], context: MetricContext) -> Any:
        return form(ItemColumns.from_items(items, labels, context.cluster_by), labels, context)

    compute.__doc__ = doc
    compute.columns_form = form  # type: ignore[attr-defined]
    return compute


accuracy_metric = _on_columns(
    accuracy_columns, "Fraction correct, Wilson 95% CI (cluster bootstrap when clustered)."
)
macro_f1_metric = _on_columns(
    macro_f1_columns, "Macro-F1 over the test's labels (sklearn's), bootstrap 95% CI."
)
ece_metric = _on_columns(
    ece_columns, "Expected calibration error (top label, 10 equal-mass bins), bootstrap CI."
)
brier_metric = _on_columns(brier_columns, "Multiclass Brier score (lower is better), bootstrap CI.")
per_class_table = _on_columns(per_class_columns, "Precision, recall, F1, support per gold label.")
confusion_table = _on_columns(
    confusion_columns, "Confusion matrix: rows are gold labels, columns predicted labels."
)
calibration_table = _on_columns(
    calibration_columns, "ECE (10 equal-mass bins), Brier, and the reliability diagram's bins."
)


def mean_score(score: str) -> Callable[..., MetricValue | None]:
    """The mean of the per-item score ``score`` over the items that carry it, bootstrap CI."""
    return _on_columns(
        mean_score_columns(score), f"Mean of the per-item score '{score}' with a bootstrap 95% CI."
    )


def columns_metric(metric: Metric) -> ColumnsMetric | None:
    """The columns form of ``metric``, or None when only its item form exists."""
    return getattr(metric.compute, "columns_form", None)


def _scored(items: Sequence[Any]) -> list[Any]:
    """Items with a gold label and a prediction (unlabeled variants are not scored)."""
    return [item for item in items if item.correct is not None]


def _clusters(items: Sequence[Any], context: MetricContext) -> np.ndarray | None:
    if context.cluster_by is None:
        return None
    return np.array([item.tags.get(context.cluster_by, item.id) for item in items])


# --- declarations ------------------------------------------------------------------------

HIGHER = "higher"
LOWER = "lower"


@dataclass(frozen=True)
class PairedInputs:
    """What the gate resamples for one metric over paired items (see harness.gate.measures).

    ``mode`` is ``"sums"`` (per-item rows whose column totals give the metric through
    ``statistic``; a mean is rows ``(score, 1)``) or ``"indices"`` (the metric is not
    decomposable: ``statistic(*arrays, axis=-1)`` over index resamples).
    """

    mode: str
    base: Any
    candidate: Any
    statistic: Callable[..., np.ndarray]
    base_value: float
    candidate_value: float
    discordant: float
    # Which of the given pairs were kept (those that carry what the metric reads).
    rows: tuple[int, ...] = ()
    # Per-item 0/1 scores, when the metric is the mean of a binary score (McNemar applies).
    binary_scores: tuple[np.ndarray, np.ndarray] | None = None


@dataclass(frozen=True)
class Metric:
    """A metric and what it declares about itself; call it like its ``compute`` function."""

    name: str
    compute: Callable[..., Any]
    description: str = ""
    direction: str = HIGHER
    # The per-item score this metric is the mean of (the gate pairs items on it).
    item_score: str | None = None
    # For a metric that reads items but is no mean of a score (a statistic of a whole
    # set of generations, such as distinct-n): the score whose presence on an item says
    # the metric applies to it (the gate lists the metric for such items).
    carried_by: str | None = None
    ci_method: str = "bootstrap-percentile"
    per_slice: bool = False
    table: bool = False
    # The gate's default tolerance τ for this metric's headline value (slices: 0.02).
    tolerance: float = 0.01
    # Only meaningful with gold labels from a label set (classification).
    needs_labels: bool = False
    # Needs probabilities (calibration).
    needs_probabilities: bool = False
    # Custom paired inputs for the gate, for metrics that are not a mean of an item score.
    paired: Callable[[Sequence[Any], Sequence[Any], Sequence[str]], PairedInputs | None] | None = (
        None
    )

    def __call__(self, items: Sequence[Any], labels: Sequence[str], context: MetricContext) -> Any:
        return self.compute(items, labels, context)

    @property
    def higher_is_better(self) -> bool:
        return self.direction == HIGHER

    @property
    def gateable(self) -> bool:
        return not self.table and (self.item_score is not None or self.paired is not None)

    def applies_to(self, items: Sequence[Any]) -> bool:
        """Whether the items carry what the metric needs (scores, probabilities)."""
        key = self.item_score or self.carried_by
        if key is not None:
            return any(key in item.scores for item in items)
        scored = [item for item in items if item.correct is not None]
        if self.needs_probabilities:
            return any(item.probabilities for item in scored)
        return bool(scored)

    def paired_inputs(
        self, base: Sequence[Any], candidate: Sequence[Any], labels: Sequence[str]
    ) -> PairedInputs | None:
        """The gate's view of this metric over paired items (row i of both: one item)."""
        if self.paired is not None:
            return self.paired(base, candidate, labels)
        if self.item_score is None:
            return None
        key = self.item_score
        keep = [
            i
            for i, (b, c) in enumerate(zip(base, candidate, strict=True))
            if key in b.scores and key in c.scores
        ]
        if not keep:
            return None
        base_scores = np.array([float(base[i].scores[key]) for i in keep])
        cand_scores = np.array([float(candidate[i].scores[key]) for i in keep])
        ones = np.ones(len(keep))
        binary = bool(
            np.all(np.isin(base_scores, (0.0, 1.0))) and np.all(np.isin(cand_scores, (0.0, 1.0)))
        )
        return PairedInputs(
            mode="sums",
            base=np.column_stack([base_scores, ones]),
            candidate=np.column_stack([cand_scores, ones]),
            statistic=_mean_of_totals,
            base_value=float(base_scores.mean()),
            candidate_value=float(cand_scores.mean()),
            discordant=float(np.mean(base_scores != cand_scores)),
            rows=tuple(keep),
            binary_scores=(base_scores, cand_scores) if binary else None,
        )


def _mean_of_totals(totals: np.ndarray) -> np.ndarray:
    """Statistic for a mean: totals ``(..., 2)`` = (Σ score, Σ count)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return totals[..., 0] / totals[..., 1]


def _codes(values: Sequence[Any], labels: Sequence[str]) -> np.ndarray:
    index = {label: i for i, label in enumerate(labels)}
    return np.array([index.get(str(value), -1) for value in values], dtype=np.int64)


def _both_scored(base: Sequence[Any], candidate: Sequence[Any]) -> list[int]:
    return [
        i
        for i, (b, c) in enumerate(zip(base, candidate, strict=True))
        if b.correct is not None and c.correct is not None
    ]


def _macro_f1_paired(
    base: Sequence[Any], candidate: Sequence[Any], labels: Sequence[str]
) -> PairedInputs | None:
    """Per item, one-hot (true positive, gold, predicted) per label: macro-F1 from totals."""
    keep = _both_scored(base, candidate)
    if not keep or not labels:
        return None
    k = len(labels)
    gold = _codes([base[i].gold for i in keep], labels)
    base_predicted = _codes([base[i].predicted for i in keep], labels)
    cand_predicted = _codes([candidate[i].predicted for i in keep], labels)
    eye = np.vstack([np.eye(k), np.zeros((1, k))])  # code -1 -> zeros

    def rows(predicted: np.ndarray) -> np.ndarray:
        is_gold, is_predicted = eye[gold], eye[predicted]
        return np.hstack([is_gold * is_predicted, is_gold, is_predicted])

    def statistic(totals: np.ndarray) -> np.ndarray:
        return macro_f1_from_totals(totals, k)

    return PairedInputs(
        mode="sums",
        base=rows(base_predicted),
        candidate=rows(cand_predicted),
        statistic=statistic,
        base_value=float(macro_f1_from_codes(gold, base_predicted, k)),
        candidate_value=float(macro_f1_from_codes(gold, cand_predicted, k)),
        discordant=float(np.mean(base_predicted != cand_predicted)),
        rows=tuple(keep),
    )


def _ece_paired(
    base: Sequence[Any], candidate: Sequence[Any], labels: Sequence[str]
) -> PairedInputs | None:
    keep = [
        i
        for i in _both_scored(base, candidate)
        if base[i].probabilities and candidate[i].probabilities
    ]
    if not keep:
        return None
    base_confidence = np.array([base[i].confidence or 0.0 for i in keep])
    cand_confidence = np.array([candidate[i].confidence or 0.0 for i in keep])
    base_correct = np.array([float(bool(base[i].correct)) for i in keep])
    cand_correct = np.array([float(bool(candidate[i].correct)) for i in keep])
    discordant = float(
        np.mean(
            [
                base[i].predicted != candidate[i].predicted
                or base[i].confidence != candidate[i].confidence
                for i in keep
            ]
        )
    )
    return ece_paired_inputs(
        (base_confidence, base_correct), (cand_confidence, cand_correct), discordant, tuple(keep)
    )


def ece_paired_inputs(
    base: tuple[np.ndarray, np.ndarray],
    candidate: tuple[np.ndarray, np.ndarray],
    discordant: float,
    rows: Any,
) -> PairedInputs:
    """The gate's view of ECE over paired (confidence, correct) arrays: index resamples."""
    return PairedInputs(
        mode="indices",
        base=list(base),
        candidate=list(candidate),
        statistic=lambda confidence, correct, axis=-1: ece_from_arrays(
            confidence, correct, axis=axis
        ),
        base_value=float(ece_from_arrays(*base)),
        candidate_value=float(ece_from_arrays(*candidate)),
        discordant=discordant,
        rows=rows,
    )


#: The built-in metrics, registered by name in harness/builtins.py.
ACCURACY = Metric(
    "accuracy",
    accuracy_metric,
    "fraction correct, Wilson 95% CI",
    item_score="correct",
    ci_method="wilson",
    per_slice=True,
)
MACRO_F1 = Metric(
    "macro_f1",
    macro_f1_metric,
    "macro-averaged F1, bootstrap 95% CI",
    per_slice=True,
    needs_labels=True,
    paired=_macro_f1_paired,
)
ECE = Metric(
    "ece",
    ece_metric,
    "expected calibration error, 10 equal-mass bins, bootstrap 95% CI",
    direction=LOWER,
    needs_labels=True,
    needs_probabilities=True,
    paired=_ece_paired,
)
BRIER = Metric(
    "brier",
    brier_metric,
    "multiclass Brier score, bootstrap 95% CI",
    direction=LOWER,
    item_score="brier",
    needs_labels=True,
    needs_probabilities=True,
)
PER_CLASS = Metric(
    "per_class",
    per_class_table,
    "per-class precision, recall, F1 and support",
    table=True,
    ci_method="none",
    needs_labels=True,
)
CONFUSION_MATRIX = Metric(
    "confusion_matrix",
    confusion_table,
    "confusion matrix (gold rows, predicted columns)",
    table=True,
    ci_method="none",
    needs_labels=True,
)
CALIBRATION = Metric(
    "calibration",
    calibration_table,
    "ECE (10 equal-mass bins), Brier, reliability diagram",
    table=True,
    ci_method="none",
    needs_labels=True,
    needs_probabilities=True,
)
EXACT_MATCH = Metric(
    "exact_match",
    mean_score("em"),
    "exact match after answer normalisation (max over references), bootstrap 95% CI",
    item_score="em",
    per_slice=True,
)
TOKEN_F1 = Metric(
    "f1",
    mean_score("f1"),
    "token-overlap F1 (max over references), bootstrap 95% CI",
    item_score="f1",
    per_slice=True,
)
HAS_ANS_EXACT = Metric(
    "has_ans_exact",
    mean_score("has_ans_em"),
    "exact match on answerable questions (SQuAD v2.0 HasAns_exact), bootstrap 95% CI",
    item_score="has_ans_em",
)
HAS_ANS_F1 = Metric(
    "has_ans_f1",
    mean_score("has_ans_f1"),
    "F1 on answerable questions (SQuAD v2.0 HasAns_f1), bootstrap 95% CI",
    item_score="has_ans_f1",
)
NO_ANS_EXACT = Metric(
    "no_ans_exact",
    mean_score("no_ans_em"),
    "share of unanswerable questions left unanswered (SQuAD v2.0 NoAns_exact)",
    item_score="no_ans_em",
)
NO_ANS_F1 = Metric(
    "no_ans_f1",
    mean_score("no_ans_f1"),
    "F1 on unanswerable questions (equals NoAns_exact: 1 only for an empty answer)",
    item_score="no_ans_f1",
)
ABSTENTION_RATE = Metric(
    "abstention_rate",
    mean_score("abstained"),
    "share of questions the model left unanswered (empty answer)",
    direction=LOWER,
    item_score="abstained",
    tolerance=0.02,
)


def _oracle(score: str) -> Callable[..., MetricValue | None]:
    def compute(
        items: Sequence[Any], labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        from harness.tasks.squad import oracle_sweep_items

        swept = oracle_sweep_items(_scored(items), score)
        if swept is None:
            return None
        result, n = swept
        return MetricValue(
            result.score, None, None, n, f"oracle (threshold {result.threshold:.4g})"
        )

    return compute


# Tuned on the evaluated items themselves: an upper bound, never a test score.
ORACLE_BEST_EXACT = Metric(
    "oracle_best_exact",
    _oracle("em"),
    "ORACLE: best exact match over no-answer thresholds tuned on the evaluated set",
    ci_method="none",
)
ORACLE_BEST_F1 = Metric(
    "oracle_best_f1",
    _oracle("f1"),
    "ORACLE: best F1 over no-answer thresholds tuned on the evaluated set",
    ci_method="none",
)
FLIP_RATE = Metric(
    "flip_rate",
    mean_score("flipped"),
    "share of variants whose prediction differs from the original's",
    direction=LOWER,
    item_score="flipped",
    tolerance=0.02,
)
PASS_RATE = Metric(
    "pass_rate",
    mean_score("passed"),
    "share of variants that meet the test's expectation",
    item_score="passed",
    tolerance=0.02,
)


# --- prompted models (harness.prompting): scoring variants and contextual calibration ---


def ece_calibrated_metric(
    items: Sequence[Any], labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    """ECE of the contextually calibrated probabilities (10 equal-mass bins), bootstrap CI."""
    carrying = [
        item
        for item in items
        if "confidence_calibrated" in item.scores and "acc_calibrated" in item.scores
    ]
    if not carrying:
        return None
    confidence = np.array([float(item.scores["confidence_calibrated"]) for item in carrying])
    correct = np.array([float(item.scores["acc_calibrated"]) for item in carrying])
    low, high = metric_interval(
        context,
        len(carrying),
        weighted_ece(confidence, correct, ECE_BINS),
        _clusters(carrying, context),
    )
    return MetricValue(
        float(ece_from_arrays(confidence, correct)),
        low,
        high,
        len(carrying),
        "bootstrap-percentile",
    )


def _variant(name: str, description: str, direction: str = HIGHER) -> Metric:
    return Metric(
        name,
        mean_score(name),
        description,
        direction=direction,
        item_score=name,
        per_slice=direction == HIGHER,
    )


ACC = _variant("acc", "prompted: argmax of summed verbalizer log-likelihood")
ACC_CHAR = _variant("acc_char", "prompted: log-likelihood per character (lm-eval acc_norm)")
ACC_BYTE = _variant("acc_byte", "prompted: log-likelihood per UTF-8 byte")
ACC_TOKEN = _variant("acc_token", "prompted: log-likelihood per token")
ACC_PMI = _variant("acc_pmi", "prompted: LL(answer | prompt) − LL(answer | 'Answer:')")
ACC_CALIBRATED = _variant("acc_calibrated", "prompted: accuracy after contextual calibration")
BRIER_CALIBRATED = _variant(
    "brier_calibrated", "prompted: Brier score after contextual calibration", LOWER
)
ECE_CALIBRATED = Metric(
    "ece_calibrated",
    ece_calibrated_metric,
    "prompted: ECE after contextual calibration (10 equal-mass bins)",
    direction=LOWER,
)
VARIANT_ACCURACY = _variant(
    "variant_accuracy", "prompt variants: each item's accuracy averaged over the variants"
)
ITEM_SPREAD = _variant(
    "item_spread", "prompt variants: per-item max − min over the variants", LOWER
)
