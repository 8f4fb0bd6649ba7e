"""Metrics: objects that declare what they measure, computed over per-item results.

A ``Metric`` declares its ``name``, its ``direction`` (is higher or lower better),
``item_score`` (the per-item score it is the mean of, when it is one: the gate then
tests it paired, item by item), its CI method, whether it is shown per slice, whether
it is a table, and the gate's default tolerance. The gate, compare and the report read
these declarations and keep no list of their own.

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
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from harness.core import ItemResult
from harness.execution import MetricValue
from harness.resampling import (
    IntervalPlan,
    WeightedStatistic,
    bootstrap,
    weighted_ece,
    weighted_macro_f1,
    weighted_mean,
)
from harness.stats import wilson_interval

ECE_BINS = 10


@dataclass(frozen=True)
class MetricContext:
    resamples: int = 2000
    seed: int | str = 0
    cluster_by: str | None = None
    # Set while a test's headline metrics are computed: their bootstrap intervals are
    # then drawn once, on the same resamples (harness.resampling).
    plan: IntervalPlan | None = field(default=None, compare=False, repr=False)


def metric_interval(
    context: MetricContext, n: int, statistic: WeightedStatistic, clusters: np.ndarray | None
) -> tuple[float, float]:
    """A metric's percentile bootstrap interval: the test's resamples (seeded by the
    test, not the metric, so every metric of a test sees the same ones)."""
    return bootstrap(
        n,
        statistic,
        resamples=context.resamples,
        seed=context.seed,
        clusters=clusters,
        plan=context.plan,
    )


def _scored(items: Sequence[ItemResult]) -> list[ItemResult]:
    """Items with a gold label and a prediction (unlabeled variants are not scored)."""
    return [item for item in items if item.correct is not None]


def _clusters(items: Sequence[ItemResult], context: MetricContext) -> np.ndarray | None:
    if context.cluster_by is None:
        return None
    return np.array([item.tags.get(context.cluster_by, item.id) for item in items])


def _label_codes(
    items: Sequence[ItemResult], labels: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    index = {label: i for i, label in enumerate(labels)}
    gold = np.array([index[str(item.gold)] for item in items], dtype=np.int64)
    predicted = np.array([index.get(str(item.predicted), -1) for item in items], dtype=np.int64)
    return gold, predicted


def _probabilities(items: Sequence[ItemResult], labels: Sequence[str]) -> np.ndarray | None:
    rows = [item.probabilities for item in items]
    if not rows or any(scores is None for scores in rows):
        return None
    return np.array([[scores.get(label, 0.0) for label in labels] for scores in rows if scores])


# --- headline metrics -----------------------------------------------------------------


def accuracy_metric(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> MetricValue:
    """Fraction correct with a Wilson 95% CI (cluster bootstrap when items are clustered)."""
    scored = _scored(items)
    correct = np.array([float(bool(item.correct)) for item in scored])
    n = len(correct)
    value = float(correct.mean()) if n else float("nan")
    clusters = _clusters(scored, context)
    if clusters is not None and n:
        low, high = metric_interval(context, n, weighted_mean(correct), clusters)
        return MetricValue(value, low, high, n, "cluster-bootstrap-percentile")
    low, high = wilson_interval(int(correct.sum()), n)
    return MetricValue(value, low, high, n, "wilson")


def macro_f1_from_codes(
    gold: np.ndarray, predicted: np.ndarray, n_labels: int, axis: int = -1
) -> np.ndarray:
    """Macro-F1 over the last axis, vectorised for the bootstrap.

    Matches ``sklearn.metrics.f1_score(average="macro", labels=range(n_labels),
    zero_division=0)`` on every row (checked in tests/test_metrics.py).
    """
    gold = np.moveaxis(np.asarray(gold), axis, -1)
    predicted = np.moveaxis(np.asarray(predicted), axis, -1)
    scores = []
    for label in range(n_labels):
        is_gold = gold == label
        is_predicted = predicted == label
        true_positive = np.sum(is_gold & is_predicted, axis=-1)
        denominator = np.sum(is_gold, axis=-1) + np.sum(is_predicted, axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = np.where(denominator > 0, 2 * true_positive / np.maximum(denominator, 1), 0.0)
        scores.append(f1)
    return np.mean(scores, axis=0)


def macro_f1_metric(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> MetricValue:
    """Macro-F1 over the test's labels (sklearn), percentile-bootstrap 95% CI."""
    from sklearn.metrics import f1_score

    scored = _scored(items)
    if not scored:
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    gold, predicted = _label_codes(scored, labels)
    value = float(
        f1_score(gold, predicted, labels=list(range(len(labels))), average="macro", zero_division=0)
    )

    low, high = metric_interval(
        context,
        len(scored),
        weighted_macro_f1(gold, predicted, len(labels)),
        _clusters(scored, context),
    )
    method = "cluster-bootstrap-percentile" if context.cluster_by else "bootstrap-percentile"
    return MetricValue(value, low, high, len(scored), method)


def ece_from_arrays(
    confidence: np.ndarray, correct: np.ndarray, n_bins: int = ECE_BINS, axis: int = -1
) -> np.ndarray:
    """ECE with equal-mass bins over the last axis (vectorised for the bootstrap).

    Items are sorted by confidence and cut into ``n_bins`` groups of (nearly) equal
    size, as ``np.array_split`` does; ECE = Σ_b (|B_b|/n)·|acc(B_b) − conf(B_b)|.
    """
    confidence = np.moveaxis(np.asarray(confidence, dtype=float), axis, -1)
    correct = np.moveaxis(np.asarray(correct, dtype=float), axis, -1)
    n = confidence.shape[-1]
    order = np.argsort(confidence, axis=-1, kind="stable")
    confidence = np.take_along_axis(confidence, order, axis=-1)
    correct = np.take_along_axis(correct, order, axis=-1)
    total = np.zeros(confidence.shape[:-1])
    for chunk in np.array_split(np.arange(n), min(n_bins, n)):
        if len(chunk) == 0:
            continue
        gap = np.abs(correct[..., chunk].mean(axis=-1) - confidence[..., chunk].mean(axis=-1))
        total = total + gap * len(chunk) / n
    return total


def _confidence_and_correct(items: Sequence[ItemResult]) -> tuple[np.ndarray, np.ndarray]:
    confidence = np.array([item.confidence or 0.0 for item in items])
    correct = np.array([float(bool(item.correct)) for item in items])
    return confidence, correct


def ece_metric(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    """Expected calibration error (top-label, 10 equal-mass bins) with a bootstrap CI."""
    scored = _scored(items)
    if _probabilities(scored, labels) is None:
        return None
    confidence, correct = _confidence_and_correct(scored)
    value = float(ece_from_arrays(confidence, correct))
    low, high = metric_interval(
        context,
        len(scored),
        weighted_ece(confidence, correct, ECE_BINS),
        _clusters(scored, context),
    )
    return MetricValue(value, low, high, len(scored), "bootstrap-percentile")


def brier_per_item(items: Sequence[ItemResult], labels: Sequence[str]) -> np.ndarray | None:
    """Σ_k (p_k − y_k)² for each item: the multiclass Brier score's summands (range [0, 2])."""
    probabilities = _probabilities(items, labels)
    if probabilities is None:
        return None
    gold, _ = _label_codes(items, labels)
    onehot = np.eye(len(labels))[gold]
    return np.sum((probabilities - onehot) ** 2, axis=1)


def brier_metric(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> MetricValue | None:
    """Multiclass Brier score (lower is better) with a bootstrap CI."""
    scored = _scored(items)
    per_item = brier_per_item(scored, labels)
    if per_item is None:
        return None
    low, high = metric_interval(
        context, len(scored), weighted_mean(per_item), _clusters(scored, context)
    )
    return MetricValue(float(per_item.mean()), low, high, len(scored), "bootstrap-percentile")


# --- tables ------------------------------------------------------------------------------


def per_class_table(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> dict[str, Any]:
    """Precision, recall, F1 and support per gold label (sklearn)."""
    from sklearn.metrics import precision_recall_fscore_support

    scored = _scored(items)
    if not scored:
        return {}
    gold, predicted = _label_codes(scored, labels)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=list(range(len(labels))), zero_division=0
    )
    return {
        label: {
            "precision": float(precision[i]),
            "recall": float(recall[i]),
            "f1": float(f1[i]),
            "support": int(support[i]),
        }
        for i, label in enumerate(labels)
    }


def confusion_table(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> dict[str, Any]:
    """Confusion matrix: rows are gold labels, columns predicted labels (sklearn)."""
    from sklearn.metrics import confusion_matrix

    scored = _scored(items)
    gold, predicted = _label_codes(scored, labels)
    matrix = (
        confusion_matrix(gold, predicted, labels=list(range(len(labels))))
        if scored
        else np.zeros((len(labels),) * 2)
    )
    return {"labels": list(labels), "matrix": np.asarray(matrix, dtype=int).tolist()}


def calibration_table(
    items: Sequence[ItemResult], labels: Sequence[str], context: MetricContext
) -> dict[str, Any] | None:
    """ECE (10 equal-mass bins), Brier, and the reliability diagram's bins."""
    scored = _scored(items)
    per_item_brier = brier_per_item(scored, labels)
    if per_item_brier is None or not scored:
        return None
    confidence, correct = _confidence_and_correct(scored)
    order = np.argsort(confidence, kind="stable")
    bins = []
    for chunk in np.array_split(order, min(ECE_BINS, len(order))):
        if len(chunk) == 0:
            continue
        bins.append(
            {
                "lower": float(confidence[chunk].min()),
                "upper": float(confidence[chunk].max()),
                "confidence": float(confidence[chunk].mean()),
                "accuracy": float(correct[chunk].mean()),
                "count": int(len(chunk)),
            }
        )
    return {
        "ece": float(ece_from_arrays(confidence, correct)),
        "brier": float(per_item_brier.mean()),
        "n_bins": ECE_BINS,
        "binning": "equal-mass",
        "bins": bins,
    }


# --- means of per-item scores ------------------------------------------------------------


def mean_score(score: str) -> Callable[..., MetricValue | None]:
    """The mean of the per-item score ``score`` over the items that carry it, bootstrap CI."""

    def compute(
        items: Sequence[Any], labels: Sequence[str], context: MetricContext
    ) -> MetricValue | None:
        carrying = [item for item in items if score in item.scores]
        if not carrying:
            return None
        values = np.array([float(item.scores[score]) for item in carrying])
        low, high = metric_interval(
            context, len(values), weighted_mean(values), _clusters(carrying, context)
        )
        method = "cluster-bootstrap-percentile" if context.cluster_by else "bootstrap-percentile"
        return MetricValue(float(values.mean()), low, high, len(values), method)

    compute.__doc__ = f"Mean of the per-item score '{score}' with a bootstrap 95% CI."
    # harness.metric_columns computes the same mean from a score column.
    compute.mean_of = score  # type: ignore[attr-defined]
    return compute


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
        if self.item_score is not None:
            return any(self.item_score in item.scores for item in items)
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
        true_positive = totals[..., :k]
        denominator = totals[..., k : 2 * k] + totals[..., 2 * k :]
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = np.where(denominator > 0, 2 * true_positive / np.maximum(denominator, 1), 0.0)
        return f1.mean(axis=-1)

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
    return PairedInputs(
        mode="indices",
        base=[base_confidence, base_correct],
        candidate=[cand_confidence, cand_correct],
        statistic=lambda confidence, correct, axis=-1: ece_from_arrays(
            confidence, correct, axis=axis
        ),
        base_value=float(ece_from_arrays(base_confidence, base_correct)),
        candidate_value=float(ece_from_arrays(cand_confidence, cand_correct)),
        discordant=discordant,
        rows=tuple(keep),
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
