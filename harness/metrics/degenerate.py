"""Degenerate answers: a served model whose scores carry no information.

A server that returns the same log-likelihood for everything, the same score for every
choice, or exactly uniform probabilities (chance) still yields an accuracy, which means
nothing. ``degenerate_reason`` looks at one test's answered items: the per-choice scores
of multiple-choice answers (``loglikelihoods``) or a classifier's probabilities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

#: Scores closer than this are the same score.
SAME = 1e-9


def _choice_scores(item: Any) -> list[float] | None:
    raw = getattr(getattr(item, "prediction", None), "raw", None)
    if isinstance(raw, dict) and isinstance(raw.get("loglikelihoods"), list):
        return [float(v) for v in raw["loglikelihoods"]]
    probabilities = getattr(item, "probabilities", None)
    if probabilities:
        return [float(v) for v in probabilities.values()]
    return None


def _same(a: Sequence[float], b: Sequence[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= SAME for x, y in zip(a, b, strict=True))


def degenerate_reason(items: Iterable[Any]) -> str | None:
    """Why a test's answers are degenerate, or None. Needs two answered items."""
    vectors = [
        scores
        for item in items
        if getattr(item, "infra_error", None) is None
        and (scores := _choice_scores(item)) is not None
        and len(scores) > 1
    ]
    if len(vectors) < 2:
        return None
    if all(max(v) - min(v) <= SAME for v in vectors):
        return (
            f"every choice of all {len(vectors)} items got the same score: the answers are "
            "at chance by construction"
        )
    if all(_same(v, vectors[0]) for v in vectors):
        return f"all {len(vectors)} items got the same scores: the output is constant"
    return None
