"""Builders for diagnostic-analysis tests: TestOutcomes from hand-made predictions."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import SimpleNamespace
from typing import Any

import pytest

from harness.core import Example, Prediction
from harness.execution import RunContext, TestOutcome
from harness.kinds.evaluate import summarize
from harness.options import SourceMap
from harness.suite import TestSpec
from harness.tasks.classification import score_classification

LABELS = ("entailment", "neutral", "contradiction")
BINARY = {"neutral": "non-entailment", "contradiction": "non-entailment"}


def make_context(
    label_mappings: Mapping[str, Mapping[str, str]] | None = None,
    load_examples: Callable[[Any], list[Example]] | None = None,
) -> RunContext:
    mappings = dict(label_mappings or {})
    suite = SimpleNamespace(
        seed=0,
        labels=LABELS,
        sources=SourceMap(None),
        test=lambda name: SimpleNamespace(
            spec=SimpleNamespace(label_mapping=mappings.get(name, {}))
        ),
    )
    return RunContext(
        suite=suite,
        predictor=None,  # type: ignore[arg-type]
        model=None,
        load_examples=load_examples or (lambda data: []),
        bootstrap_resamples=200,
    )


def make_outcome(
    name: str,
    examples: Sequence[Example],
    predicted: Sequence[str],
    label_mapping: Mapping[str, str] | None = None,
) -> TestOutcome:
    """Score hand-made predictions the way the evaluate kind does."""
    predictions = [
        Prediction(example_id=e.id, label=p) for e, p in zip(examples, predicted, strict=True)
    ]
    labels, items = score_classification(name, examples, predictions, LABELS, label_mapping)
    spec = TestSpec(name=name, data={"source": "inline"}, label_mapping=dict(label_mapping or {}))
    return summarize(spec, items, labels, make_context(), metric_names=["accuracy"])


def counted_examples(prefix: str, correct: int, n: int, meta: Mapping[str, str], gold: str):
    """``n`` examples with gold ``gold`` and predictions right on the first ``correct``."""
    examples = [
        Example(
            id=f"{prefix}:{i}",
            fields={"premise": f"premise {prefix} {i}", "hypothesis": f"hypothesis {i}"},
            target=gold,
            meta=dict(meta),
        )
        for i in range(n)
    ]
    wrong = "contradiction" if gold == "entailment" else "entailment"
    predicted = [gold if i < correct else wrong for i in range(n)]
    return examples, predicted


@pytest.fixture
def builders() -> SimpleNamespace:
    return SimpleNamespace(
        context=make_context, outcome=make_outcome, counted=counted_examples, BINARY=BINARY
    )
