"""What test kinds and analyses receive and return.

A *test kind* (registry ``TEST_KINDS``) turns one test of a suite into a
``TestOutcome``. It is a class with an ``Options`` model (extending
``harness.suite.TestSpec``) and a ``run(plan, context) -> TestOutcome`` method, where
``plan`` is a ``harness.suite.TestPlan`` (``plan.spec``: the validated options,
``plan.data``: the validated data options). It may also define
``check(spec, location, sources)`` for suite-load-time checks.
The runner gives it a ``RunContext``: the only door to I/O, caching and the model.

An *analysis* (registry ``ANALYSES``) looks across finished tests (e.g. the
reasoning-gap table compares diagnostics with in-distribution accuracy). It is a
class with an ``Options`` model and ``run(options, outcomes, context) -> dict``;
the dict lands in results.json under ``analyses.<name>``.

Both declare a one-line ``description`` (``harness list``) and an ``example``: a small
suite that runs them with a scripted model (``example_suite`` builds one), which is
their usage example and what ``harness.testing`` checks them on.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from harness.core import OUTCOMES, Example, ItemResult, Prediction
from harness.metrics.base import MetricValue, SliceResult
from harness.metrics.outcomes import count_outcomes, denominator
from harness.seeding import rng_for


@dataclass(frozen=True)
class SpooledItems:
    """A streamed test's items: items.jsonl lines written to ``path`` as they were scored."""

    path: Path
    n: int
    infra_errors: int = 0
    # The count of each outcome (``harness.core.OUTCOMES``), tallied as items were written.
    outcomes: Mapping[str, int] = field(default_factory=dict)

    def lines(self) -> Iterator[bytes]:
        with self.path.open("rb") as stream:
            yield from stream


@dataclass
class TestOutcome:
    """Everything one test produced: items, metrics with CIs, slices, tables, sections.

    A streamed test (``spooled``) keeps its items on disk, not in ``items``: analyses and
    explanations see none of them; items.jsonl gets them all.
    """

    name: str
    kind: str
    description: str
    labels: tuple[str, ...]
    items: list[ItemResult]
    metrics: dict[str, MetricValue] = field(default_factory=dict)
    # Structured tables (per_class, confusion_matrix, calibration), JSON-ready.
    tables: dict[str, Any] = field(default_factory=dict)
    slices: list[SliceResult] = field(default_factory=list)
    # Kind-specific results (robustness, attack, diagnostics), JSON-ready; the report
    # renders each with the template reports/sections/<key>.html.j2 when it exists.
    sections: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    # Counts worth surfacing: truncated inputs, skipped examples, cached predictions.
    counts: dict[str, int] = field(default_factory=dict)
    spooled: SpooledItems | None = None

    @classmethod
    def of_test(
        cls,
        spec: Any,
        kind: str,
        labels: Sequence[str],
        items: list[ItemResult],
        **results: Any,
    ) -> TestOutcome:
        """The outcome of the test ``spec`` (a ``TestSpec``: its name and description) run
        as ``kind``; ``results``: the other fields (metrics, slices, sections, ...)."""
        return cls(
            name=spec.name,
            kind=kind,
            description=spec.description,
            labels=tuple(labels),
            items=items,
            **results,
        )

    def item_count(self) -> int:
        return self.spooled.n if self.spooled is not None else len(self.items)

    def infra_error_count(self) -> int:
        if self.spooled is not None:
            return self.spooled.infra_errors
        return sum(1 for item in self.items if item.infra_error)

    def outcome_counts(self) -> dict[str, int]:
        """The count of each outcome among this test's items (zeros included)."""
        if self.spooled is not None:
            return {name: int(self.spooled.outcomes.get(name, 0)) for name in OUTCOMES}
        return count_outcomes(self.items)

    def item_rows(self) -> Iterator[dict[str, Any] | bytes]:
        """The items.jsonl rows: dicts, or a streamed test's lines already encoded."""
        if self.spooled is not None:
            yield from self.spooled.lines()
        for item in self.items:
            yield item.to_json()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "description": self.description,
            "labels": list(self.labels),
            "n": self.item_count(),
            "metrics": {name: m.to_json() for name, m in self.metrics.items()},
            "tables": self.tables,
            "slices": [s.to_json() for s in self.slices],
            "sections": self.sections,
            "timings": self.timings,
            "counts": self.counts,
            "outcomes": (outcomes := self.outcome_counts()),
            "denominator": denominator(outcomes),
        }


def answered(items: Sequence[ItemResult]) -> list[ItemResult]:
    """The items the model answered: those with an infrastructure error are in no metric."""
    return [item for item in items if item.infra_error is None]


def blank_infra_errors(items: Sequence[ItemResult]) -> list[ItemResult]:
    """Items with an infrastructure error stripped of what scoring made of the stand-in answer.

    Such an item keeps its example, gold and ``infra_error`` (for items.jsonl and the
    report) but has no prediction, no correctness and no scores.
    """
    return [
        item
        if item.infra_error is None
        else replace(
            item,
            prediction=Prediction(item.example.id, infra_error=item.infra_error),
            predicted=None,
            correct=None,
            scores={},
        )
        for item in items
    ]


class Predictor(Protocol):
    """Batched, cached predictions in the suite's label space."""

    def predict(self, examples: Sequence[Example], description: str = "") -> list[Prediction]: ...


@dataclass
class RunContext:
    """What the runner hands to test kinds and analyses."""

    suite: Any  # harness.suite.Suite (Any to avoid an import cycle)
    # examples -> Predictions through the suite's task (``harness.predictor.TaskPredictor``).
    predictor: Predictor
    model: Any  # the adapter, for kinds that need it directly (attacks)
    # load_examples(data_options) -> examples, for any validated data block.
    load_examples: Callable[[Any], list[Example]]
    bootstrap_resamples: int = 2000
    # Progress callback factory: progress(description, total) -> update(n).
    progress: Callable[[str, int], Callable[[int], None]] | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    # The suite's task (``harness.tasks``): scoring, default metrics.
    task: Any = None
    # Typed requests -> JSON answers (``harness.predictor.RequestRunner``).
    requests: Any = None
    # Where large tests stream their items (``harness.results.RunSpool``); None: in memory.
    spool: Any = None
    # Generated examples and transform variants kept between runs (harness/cache/derived.py).
    derived: Any = None
    # Another model a test asks besides the one under test (an NLI judge):
    # ``open_model(spec, task, labels, input_fields) -> RequestRunner`` over that model,
    # with its own cache; loaded once per spec (harness.runner).
    open_model: Callable[[Any, str, tuple[str, ...], tuple[str, ...]], Any] | None = None
    # Data a component fits on rather than evaluates (a probe's training block): never cut
    # by --limit, which counts the examples of each test. None: ``load_examples``.
    load_training_examples: Callable[[Any], list[Example]] | None = None

    def training_examples(self, data_options: Any) -> list[Example]:
        """A training data block, whole (``load_training_examples``)."""
        return (self.load_training_examples or self.load_examples)(data_options)

    def __post_init__(self) -> None:
        # Test kinds score through the suite's task; a context built without one (in
        # tests, in scripts) gets the suite's own.
        if self.task is None and hasattr(self.suite, "make_task"):
            self.task = self.suite.make_task()

    @property
    def seed(self) -> int:
        return int(self.suite.seed)

    def score(
        self,
        test: str,
        examples: Sequence[Example],
        predictions: Sequence[Prediction],
        label_mapping: Mapping[str, str] | None = None,
        **score_options: Any,
    ) -> tuple[tuple[str, ...], list[ItemResult]]:
        """``task.score``, with items the model could not be asked marked and blanked.

        Tasks need not know about infrastructure errors: whatever a task makes of a
        stand-in answer, the item gets the prediction's ``infra_error`` back here and
        loses its correctness and scores (``blank_infra_errors``).
        """
        labels, items = self.task.score(test, examples, predictions, label_mapping, **score_options)
        failed = {p.example_id: p.infra_error for p in predictions if p.infra_error is not None}
        if not failed:
            return labels, items
        marked = [
            replace(item, prediction=replace(item.prediction, infra_error=failed[item.id]))
            if item.id in failed
            else item
            for item in items
        ]
        return labels, blank_infra_errors(marked)

    def rng(self, component: str, example_id: str = "") -> random.Random:
        """The RNG for one component and example: never global state (DESIGN.md)."""
        return rng_for(self.seed, component, example_id)


class TestKind(Protocol):
    Options: type

    def run(self, plan: Any, context: RunContext) -> TestOutcome: ...


class Analysis(Protocol):
    Options: type

    def run(
        self, options: Any, outcomes: Mapping[str, TestOutcome], context: RunContext
    ) -> dict[str, Any]: ...


# --- example suites ----------------------------------------------------------------------

#: NLI's three labels, the labels of an example suite whose task has labels.
NLI_LABELS = ("entailment", "neutral", "contradiction")

#: The scripted models of ``harness.testing.models``, by the request kind they serve.
SCRIPTED_MODELS: dict[str, Any] = {
    "classify": "python:harness.testing.models:nli_word_rules",
    **{
        kind: {
            "type": "python",
            "path": f"harness.testing.models:{function}",
            "options": {"serves": kind},
        }
        for kind, function in (
            ("loglikelihood", "overlap_loglikelihood"),
            ("extract_span", "last_word_span"),
            ("generate", "echo_last_line"),
        )
    },
}


def builtin_sample(name: str = "nli-core", limit: int = 12) -> dict[str, Any]:
    """A ``data:`` block: the first ``limit`` items of a built-in data set's test split."""
    return {"source": "builtin", "name": name, "split": "test", "limit": limit}


def generator_sample(name: str, limit: int | None = None, **params: Any) -> dict[str, Any]:
    """A ``data:`` block: items of the generator ``name`` with ``params``, the first
    ``limit`` of them (all: None)."""
    block: dict[str, Any] = {"source": "generator", "name": name}
    if params:
        block["params"] = params
    if limit is not None:
        block["limit"] = limit
    return block


def kind_example(
    kind: str,
    name: str,
    data: Mapping[str, Any],
    *,
    test: Mapping[str, Any] | None = None,
    **suite: Any,
) -> dict[str, Any]:
    """A test kind's ``example``: the suite ``<kind>_example`` with one test ``name`` of
    that kind over ``data`` (``test``: its other keys; ``suite``: as ``example_suite``)."""
    entry = {"name": name, "kind": kind, "data": dict(data), **(test or {})}
    return example_suite(f"{kind}_example", [entry], **suite)


def analysis_example(
    analysis: str,
    name: str,
    data: Mapping[str, Any],
    *,
    test: Mapping[str, Any] | None = None,
    **suite: Any,
) -> dict[str, Any]:
    """An analysis's ``example``: the suite ``<analysis>_example`` with one test ``name``
    over ``data`` (``test``: its other keys) and the analysis reading that test."""
    return example_suite(
        f"{analysis}_example",
        [{"name": name, "data": dict(data), **(test or {})}],
        analyses=[{"name": analysis, "tests": [name]}],
        **suite,
    )


def example_suite(
    name: str,
    tests: Sequence[Mapping[str, Any]],
    *,
    task: str = "nli",
    labels: Sequence[str] | None = NLI_LABELS,
    serves: str = "classify",
    analyses: Sequence[Mapping[str, Any]] = (),
    **settings: Any,
) -> dict[str, Any]:
    """A small suite, as a mapping, for a kind's or an analysis's ``example``: ``tests``
    (and ``analyses``) under ``task`` with a scripted model that ``serves`` one request
    kind; ``labels`` None for a task without labels; ``settings``: other top-level keys.

    >>> example_suite("demo", [{"name": "t", "data": builtin_sample()}])["model"]
    'python:harness.testing.models:nli_word_rules'
    """
    suite: dict[str, Any] = {"name": name, "task": task}
    if labels is not None:
        suite["labels"] = list(labels)
    suite.update(settings)
    suite["model"] = SCRIPTED_MODELS[serves]
    suite["tests"] = [dict(test) for test in tests]
    if analyses:
        suite["analyses"] = [dict(entry) for entry in analyses]
    return suite
