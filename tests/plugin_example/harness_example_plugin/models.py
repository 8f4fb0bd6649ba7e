"""A model adapter: an NLI classifier by keywords (``example-keywords``, or with a word list).

model: example-keywords                      # built-in negation words
model: {type: example-keywords, path: negations.txt}
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from harness.core import Example
from harness.models.base import ModelContext, ModelOptions, ModelSpec, declare_options
from harness.resources import Resource

LABELS = ("entailment", "neutral", "contradiction")
NEGATIONS = ("not", "no", "never", "nobody")


class KeywordClassifier:
    """Contradiction when the hypothesis has a negation word the premise lacks, entailment
    when the hypothesis only reuses premise words, neutral otherwise."""

    labels = LABELS
    cacheable = True
    truncated_count = 0
    serves = ("classify",)

    def __init__(self, negations: Sequence[str], batch_size: int) -> None:
        self.negations = frozenset(negations)
        self.batch_size = batch_size

    def fingerprint(self) -> str:
        return hashlib.sha256(("keywords:" + ",".join(sorted(self.negations))).encode()).hexdigest()

    def describe(self) -> dict[str, Any]:
        return {
            "name": "example-keywords",
            "kind": "example-keywords",
            "words": len(self.negations),
        }

    def classify(self, examples: Sequence[Example]) -> np.ndarray:
        rows = []
        for example in examples:
            premise = set(example.fields["premise"].lower().strip(".").split())
            hypothesis = set(example.fields["hypothesis"].lower().strip(".").split())
            if (self.negations & hypothesis) - premise:
                rows.append([0.1, 0.2, 0.7])
            elif hypothesis <= premise:
                rows.append([0.8, 0.15, 0.05])
            else:
                rows.append([0.3, 0.5, 0.2])
        return np.array(rows)


class KeywordOptions(ModelOptions):
    """Options of ``example-keywords``."""


def load_keywords(spec: ModelSpec, context: ModelContext) -> KeywordClassifier:
    negations = NEGATIONS
    if spec.target:
        negations = tuple(Path(spec.target).read_text(encoding="utf-8").split())
    return KeywordClassifier(negations, int(spec.options.get("batch_size", 32)))


def keyword_resources(spec: ModelSpec, base_dir: Path) -> Iterator[Resource]:
    """The word list, when the spec names one."""
    if not spec.target:
        yield Resource("model", f"{spec} (built-in negation words)", True)
        return
    path = base_dir / spec.target
    if path.is_file():
        yield Resource("model", f"{spec} ({path})", True)
    else:
        yield Resource("model", str(spec), False, f"word list not found: {path}")


declare_options(
    load_keywords,
    KeywordOptions,
    description="an NLI classifier by negation keywords and word overlap",
    resources=keyword_resources,
)
