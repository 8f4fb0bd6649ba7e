"""Annotation artifacts: how far does the hypothesis alone go? Analysis ``artifact_probe``.

Gururangan et al. (2018) and Poliak et al. (2018) show that crowd-written NLI
hypotheses leak their label ("not", "nobody" → contradiction; "sleeping" →
contradiction; generic words → entailment), so a classifier that never sees the
premise beats the majority class by a wide margin. This analysis fits such a
hypothesis-only probe (TF-IDF + logistic regression, fixed ``random_state``) on a
training data block, evaluates it on a named test, and splits that test's items into
*easy* (the probe is right) and *hard* (the probe is wrong). A model whose accuracy
drops sharply from easy to hard leans on the same artifacts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness.analyses._common import outcomes_named, proportion, scored_items
from harness.analyses.heuristics import majority_label
from harness.core import Example
from harness.data.base import data_resources, validate_data_spec
from harness.errors import DataError
from harness.execution import RunContext, TestOutcome, builtin_sample, example_suite
from harness.options import Options, SourceMap
from harness.resources import Resource


class HypothesisOnlyProbe:
    """A TF-IDF + logistic-regression classifier over one input field (scikit-learn).

    >>> probe = HypothesisOnlyProbe().fit(["nobody ran", "a dog ran", "nobody sat", "a cat sat"],
    ...                                   ["contradiction", "entailment"] * 2)
    >>> probe.predict(["nobody slept"])
    ['contradiction']
    """

    def __init__(self, random_state: int = 0, regularization: float = 1.0) -> None:
        self.random_state = random_state
        self.regularization = regularization

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> HypothesisOnlyProbe:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        if len(set(labels)) < 2:
            raise DataError("artifact_probe: the training data needs at least two labels")
        self.vectorizer_ = TfidfVectorizer(lowercase=True, token_pattern=r"(?u)\b\w+\b")
        features = self.vectorizer_.fit_transform(texts)
        self.classifier_ = LogisticRegression(
            C=self.regularization, max_iter=2000, random_state=self.random_state
        )
        self.classifier_.fit(features, list(labels))
        return self

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [str(label) for label in self.classifier_.predict(self.vectorizer_.transform(texts))]

    def top_words(self, k: int) -> dict[str, list[dict[str, Any]]]:
        """Per label, the ``k`` words whose weights point most strongly to it."""
        vocabulary = self.vectorizer_.get_feature_names_out()
        classes = [str(c) for c in self.classifier_.classes_]
        coefficients = self.classifier_.coef_
        if len(classes) == 2:
            # Binary: one weight vector, positive for classes[1], negative for classes[0].
            coefficients = [-coefficients[0], coefficients[0]]
        words = {}
        for label, weights in zip(classes, coefficients, strict=True):
            order = sorted(range(len(vocabulary)), key=lambda i: (-weights[i], vocabulary[i]))
            words[label] = [
                {"word": str(vocabulary[i]), "weight": round(float(weights[i]), 4)}
                for i in order[:k]
                if weights[i] > 0
            ]
        return words


def probe_outputs(
    options: Any,
    train_texts: Sequence[str],
    train_labels: Sequence[str],
    test_texts: Sequence[str],
    derived: Any,
) -> tuple[list[str], dict[str, list[dict[str, Any]]]]:
    """The probe's labels for ``test_texts`` and its top words, fit on the training texts;
    or what an identical earlier fit gave (same texts, labels, options, code and
    scikit-learn version; harness/cache/derived.py). A warm re-run then neither imports
    scikit-learn nor fits."""

    def compute() -> tuple[list[str], dict[str, list[dict[str, Any]]]]:
        probe = HypothesisOnlyProbe(random_state=options.random_state).fit(
            train_texts, train_labels
        )
        return probe.predict(test_texts), probe.top_words(options.top_k)

    from harness.cache.derived import memoized_by_code

    return memoized_by_code(
        derived,
        "artifact_probe",
        [HypothesisOnlyProbe],
        compute,
        lambda made: {"predicted": made[0], "top_words": made[1]},
        lambda stored: (list(stored["predicted"]), dict(stored["top_words"])),
        train=[list(train_texts), list(train_labels)],
        test=list(test_texts),
        random_state=options.random_state,
        top_k=options.top_k,
    )


class ArtifactProbeAnalysis:
    """Hypothesis-only probe: its accuracy vs the majority class; model accuracy on easy/hard."""

    description: ClassVar[str] = (
        "hypothesis-only probe vs majority class; model accuracy on easy/hard items"
    )
    example: ClassVar[dict[str, Any]] = example_suite(
        "artifact_probe_example",
        [{"name": "nli_core", "data": builtin_sample(limit=30)}],
        analyses=[
            {
                "name": "artifact_probe",
                "train": {"source": "builtin", "name": "nli-core", "split": "train", "limit": 60},
                "test": "nli_core",
            }
        ],
    )

    class Options(Options):
        name: Literal["artifact_probe"] = "artifact_probe"
        # Any data block (e.g. {source: builtin, name: nli-core, split: train}).
        train: dict[str, Any]
        test: str
        field: str = "hypothesis"
        top_k: int = Field(default=10, gt=0)
        random_state: int = 0

    @staticmethod
    def resources(options: Options, where: str, base_dir: Path) -> Iterator[Resource]:
        """What its training data needs (the suite loader has validated the block)."""
        train = validate_data_spec(options.train, ("train",), SourceMap(None))
        yield from data_resources(train, where, base_dir)

    @staticmethod
    def check(options: Options, location: tuple, sources: SourceMap) -> None:
        """Validate the ``train`` data block at suite-load time."""
        validate_data_spec(options.train, (*location, "train"), sources)

    def run(
        self, options: Options, outcomes: Mapping[str, TestOutcome], context: RunContext
    ) -> dict[str, Any]:
        (outcome,) = outcomes_named(outcomes, [options.test], "artifact_probe")
        suite = context.suite
        train_data = validate_data_spec(options.train, ("analyses", "train"), suite.sources)
        train: list[Example] = [
            e for e in context.training_examples(train_data) if e.target is not None
        ]
        if not train:
            raise DataError("artifact_probe: the training data has no labelled examples")
        train_texts = [e.fields.get(options.field, "") for e in train]
        train_labels = [str(e.target) for e in train]

        # The test may collapse labels (HANS: non-entailment); map the probe's labels alike.
        mapping: Mapping[str, str] = {}
        if hasattr(suite, "test"):
            mapping = suite.test(options.test).spec.label_mapping
        items = scored_items(outcome)
        raw, top_words = probe_outputs(
            options,
            train_texts,
            train_labels,
            [item.example.fields.get(options.field, "") for item in items],
            context.derived,
        )
        probe_labels = [mapping.get(label, label) for label in raw]
        probe_right = [p == item.gold for p, item in zip(probe_labels, items, strict=True)]
        majority = majority_label(train_labels, list(suite.labels))
        majority_mapped = mapping.get(majority, majority)
        n = len(items)
        easy = [item for item, right in zip(items, probe_right, strict=True) if right]
        hard = [item for item, right in zip(items, probe_right, strict=True) if not right]
        probe_accuracy = proportion(sum(probe_right), n)
        majority_accuracy = proportion(sum(1 for i in items if i.gold == majority_mapped), n)
        return {
            "test": outcome.name,
            "field": options.field,
            "train": {"n": len(train), "label_counts": dict(sorted(Counter(train_labels).items()))},
            "probe": "TF-IDF unigrams + logistic regression on the hypothesis only",
            "probe_accuracy": probe_accuracy,
            "majority_label": majority_mapped,
            "majority_accuracy": majority_accuracy,
            "probe_minus_majority": (
                probe_accuracy["value"] - majority_accuracy["value"] if n else None
            ),
            "easy": {
                "n": len(easy),
                "model_accuracy": proportion(sum(1 for i in easy if i.correct), len(easy)),
            },
            "hard": {
                "n": len(hard),
                "model_accuracy": proportion(sum(1 for i in hard if i.correct), len(hard)),
            },
            "model_accuracy": proportion(sum(1 for i in items if i.correct), n),
            "top_words": top_words,
            "hard_ids": [item.example.id for item in hard],
        }
