"""Vectorised statistics that several metric forms share: macro-F1 and ECE over label
codes and arrays (the point values and the gate's resamples), and over count weights
(a test's shared resamples, ``harness.metrics.resampling``).
"""

from __future__ import annotations

import numpy as np

from harness.metrics.resampling import WeightedStatistic

ECE_BINS = 10


def macro_f1_from_codes(
    gold: np.ndarray, predicted: np.ndarray, n_labels: int, axis: int = -1
) -> np.ndarray:
    """Macro-F1 over the last axis, vectorised for the bootstrap.

    Matches ``sklearn.metrics.f1_score(average="macro", labels=range(n_labels),
    zero_division=0)`` on every row (checked in tests/metrics/test_classification.py).
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


def macro_f1_from_totals(totals: np.ndarray, n_labels: int) -> np.ndarray:
    """Macro-F1 from per-label totals ``(..., 3·n_labels)``: [true positives | gold |
    predicted], as sums over items (weighted or not) give them; F1 = 0 for a label
    neither gold nor predicted, as scikit-learn's ``zero_division=0``."""
    true_positive = totals[..., :n_labels]
    denominator = totals[..., n_labels : 2 * n_labels] + totals[..., 2 * n_labels :]
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(denominator > 0, 2 * true_positive / np.maximum(denominator, 1), 0.0)
    return f1.mean(axis=-1)


def weighted_macro_f1(gold: np.ndarray, predicted: np.ndarray, n_labels: int) -> WeightedStatistic:
    """Macro-F1 over ``n_labels`` labels on each resample (codes; -1: no label's).

    The same counts and float operations as ``macro_f1_from_codes`` on the resampled
    items, so the same values.
    """
    # Each item is one cell of the (gold, predicted) table; predictions outside the
    # labels (-1) share a column of their own. A resample's cell counts are a weighted
    # bincount: memory stays one code per item, not a row of indicators.
    width = n_labels + 1
    predicted_column = np.where(
        (np.asarray(predicted) >= 0) & (np.asarray(predicted) < n_labels),
        np.asarray(predicted),
        n_labels,
    )
    cells = (np.asarray(gold, dtype=np.int64) * width + predicted_column).astype(np.int64)
    size = n_labels * width

    def statistic(weights: np.ndarray) -> np.ndarray:
        table = np.stack([np.bincount(cells, weights=row, minlength=size) for row in weights])
        table = table.reshape(len(weights), n_labels, width)
        diagonal = np.arange(n_labels)
        true_positive = table[:, diagonal, diagonal]
        gold_totals = table.sum(axis=2)
        predicted_totals = table.sum(axis=1)[:, :n_labels]
        totals = np.concatenate([true_positive, gold_totals, predicted_totals], axis=1)
        return macro_f1_from_totals(totals, n_labels)

    return statistic


#: Items per block in ``weighted_ece``: bins are found among block sums, then within one
#: block, so no resample needs a cumulative sum over all its items.
ECE_BLOCK = 128


def weighted_ece(confidence: np.ndarray, correct: np.ndarray, n_bins: int) -> WeightedStatistic:
    """ECE with ``n_bins`` equal-mass bins on each resample.

    The resampled items in confidence order are the items in confidence order, each
    repeated as often as it was drawn (ties keep the items' order). A bin holds the
    places [a, b) of that sequence, as ``np.array_split`` cuts it, and its sums are
    differences of prefix sums at its edges. A prefix sum is read from the sums of
    whole blocks of items before the edge plus the part of the edge's own block.
    """
    order = np.argsort(np.asarray(confidence, dtype=float), kind="stable")
    n = len(order)
    blocks = max(1, -(-n // ECE_BLOCK))
    padded = blocks * ECE_BLOCK

    def sorted_padded(values: np.ndarray) -> np.ndarray:
        out = np.zeros(padded)
        out[:n] = np.asarray(values, dtype=float)[order]
        return out.reshape(blocks, ECE_BLOCK)

    confidence_blocks = sorted_padded(confidence)
    correct_blocks = sorted_padded(correct)
    # Each block's items (their indices; padding: item 0 with weight masked to 0).
    block_items = np.concatenate([order, np.zeros(padded - n, dtype=order.dtype)])
    block_items = block_items.reshape(blocks, ECE_BLOCK)
    real = (np.arange(padded) < n).reshape(blocks, ECE_BLOCK)
    # Weights @ membership gives each block's places, Σ w·confidence and Σ w·correct in
    # one sparse product, reading the weights once and in order.
    block_of = np.empty(n, dtype=np.int32)
    block_of[order] = np.arange(n, dtype=np.int32) // ECE_BLOCK
    # Built as CSR directly (three entries an item), without COO's temporaries. scipy.sparse
    # is imported here: a warm re-run, whose summaries are cached, then never imports it.
    import scipy.sparse

    membership = scipy.sparse.csr_array(
        (
            np.column_stack(
                [np.ones(n), np.asarray(confidence, float), np.asarray(correct, float)]
            ).ravel(),
            np.column_stack([block_of, block_of + blocks, block_of + 2 * blocks]).ravel(),
            np.arange(0, 3 * n + 1, 3, dtype=np.int64),
        ),
        shape=(n, 3 * blocks),
    )

    def statistic(weights: np.ndarray) -> np.ndarray:
        rows = weights.shape[0]
        per_block = np.asarray(weights @ membership)
        block_places = np.cumsum(per_block[:, :blocks], axis=1)
        block_conf = np.cumsum(per_block[:, blocks : 2 * blocks], axis=1)
        block_corr = np.cumsum(per_block[:, 2 * blocks :], axis=1)
        totals = block_places[:, -1]

        bins = np.minimum(n_bins, totals).astype(np.int64)
        size, extra = np.divmod(totals.astype(np.int64), bins)
        k = np.arange(n_bins + 1)[None, :]
        edges = np.where(
            k <= bins[:, None], k * size[:, None] + np.minimum(k, extra[:, None]), totals[:, None]
        ).astype(float)

        # The block holding each edge's place: the first whose prefix passes it.
        row = np.arange(rows)[:, None]
        shift = row * (float(totals.max()) + 1)
        found = np.searchsorted((block_places + shift).ravel(), (edges + shift).ravel(), "right")
        block = found.reshape(edges.shape) - row * blocks
        at_end = block >= blocks
        block = np.minimum(block, blocks - 1)

        def before(prefix: np.ndarray) -> np.ndarray:
            """The prefix sum up to (not including) each edge's block."""
            padded_prefix = np.concatenate([np.zeros((rows, 1)), prefix], axis=1)
            return np.take_along_axis(padded_prefix, block, axis=1)

        inside = edges - before(block_places)  # places taken from the edge's block
        # The weights of the edge's block's items: (rows, edges, items of the block).
        own = weights[row[..., None], block_items[block]] * real[block]
        # Items of the block wholly before the edge, and the share of the one it cuts.
        reached = np.cumsum(own, axis=2)
        whole = reached <= inside[..., None]
        cut_place = inside - np.where(whole, own, 0.0).sum(axis=2)
        cut_item = np.minimum(whole.sum(axis=2), ECE_BLOCK - 1)
        sums = []
        for prefix, values in ((block_conf, confidence_blocks), (block_corr, correct_blocks)):
            in_block = values[block]  # (rows, edges, items of the block)
            partial = np.where(whole, own * in_block, 0.0).sum(axis=2)
            cut_value = np.take_along_axis(in_block, cut_item[..., None], axis=2)[..., 0]
            total = before(prefix) + partial + cut_place * cut_value
            sums.append(np.where(at_end, prefix[:, -1:], total))
        conf, corr = sums
        return np.abs(np.diff(corr, axis=1) - np.diff(conf, axis=1)).sum(axis=1) / totals

    return statistic
