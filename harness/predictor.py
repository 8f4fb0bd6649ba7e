"""Batched, cached predictions in the suite's label space.

The runner's only path to a model: examples are deduplicated by input, looked up
in the prediction cache, the rest sorted by length (so each batch pads little) and
sent to the adapter in batches; each finished batch is cached before the next
starts. Model labels are mapped onto suite labels by name (``harness.labels``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from harness.cache import PredictionCache, input_key
from harness.core import Example, Prediction
from harness.labels import model_label_matrix

ProgressFactory = Callable[[str, int], Any]


def _text_length(example: Example) -> int:
    return sum(len(value) for value in example.fields.values())


class CachedPredictor:
    """``predict(examples) -> predictions`` over any ``ClassifierModel``."""

    def __init__(
        self,
        model: Any,
        suite_labels: Sequence[str],
        *,
        label_map: Mapping[str, str] | None = None,
        cache: PredictionCache | None = None,
        progress: ProgressFactory | None = None,
    ) -> None:
        self.model = model
        self.suite_labels = tuple(suite_labels)
        self.matrix = model_label_matrix(
            list(model.labels),
            self.suite_labels,
            label_map,
            model_name=f"model '{model.describe().get('name', '')}'",
        )
        self.cache = cache if getattr(model, "cacheable", True) else None
        self.progress = progress
        self.cached = 0
        self.computed = 0

    def _classify_missing(
        self, pending: dict[str, Example], description: str
    ) -> dict[str, np.ndarray]:
        """Classify ``cache key -> example`` in length-sorted batches, caching each batch."""
        results: dict[str, np.ndarray] = {}
        if not pending:
            return results
        batch_size = max(1, int(getattr(self.model, "batch_size", 32) or 32))
        ordered = sorted(pending.items(), key=lambda entry: _text_length(entry[1]))
        # A bar per query of a few examples (an attack's probes) would only flood stderr.
        bar = None
        if self.progress is not None and len(ordered) > batch_size:
            bar = self.progress(description, len(ordered))
        try:
            for start in range(0, len(ordered), batch_size):
                keys = [key for key, _ in ordered[start : start + batch_size]]
                batch = [example for _, example in ordered[start : start + batch_size]]
                probabilities = np.asarray(self.model.classify(batch), dtype=float)
                if self.cache is not None:
                    self.cache.put_many(zip(keys, probabilities, strict=True))
                results.update(zip(keys, probabilities, strict=True))
                if bar is not None:
                    bar.update(len(batch))
        finally:
            if bar is not None:
                bar.close()
        return results

    def predict(self, examples: Sequence[Example], description: str = "") -> list[Prediction]:
        if getattr(self.model, "cacheable", True):
            keys = [input_key(example.fields) for example in examples]
            known = self.cache.get_many(keys) if self.cache is not None else {}
            # One query per distinct input, whatever the number of tests asking for it.
            pending: dict[str, Example] = {}
            for key, example in zip(keys, examples, strict=True):
                if key not in known and key not in pending:
                    pending[key] = example
            self.cached += sum(1 for key in keys if key in known)
            known.update(self._classify_missing(pending, description))
            self.computed += len(pending)
            raw_rows = [known[key] for key in keys]
        else:
            # Precomputed predictions are looked up by example id, not by input text.
            raw_rows = list(np.asarray(self.model.classify(list(examples)), dtype=float))
            self.cached += len(examples)
        predictions = []
        for example, raw in zip(examples, raw_rows, strict=True):
            suite_probabilities = raw @ self.matrix
            scores = {
                label: float(p)
                for label, p in zip(self.suite_labels, suite_probabilities, strict=True)
            }
            label = self.suite_labels[int(np.argmax(suite_probabilities))]
            predictions.append(
                Prediction(
                    example_id=example.id, label=label, scores=scores, raw=[float(p) for p in raw]
                )
            )
        return predictions
