"""Analyses across finished tests: shallow-heuristic baselines, annotation-artifact probes, gaps.

* ``heuristics``: the lexical-overlap heuristic and the majority-class baseline;
* ``agreement``: analysis ``heuristic_agreement`` (does the model behave like the heuristic?);
* ``artifacts``: analysis ``artifact_probe`` (a hypothesis-only classifier);
* ``gaps``: analysis ``reasoning_gap`` (diagnostic slices vs in-distribution accuracy).

Generators for the diagnostic items live in ``harness.generators`` (``hans``,
``capabilities``); docs/diagnostics.md explains how they fit together.
"""

from harness.analyses.heuristics import (
    collapse_to_binary,
    content_words,
    majority_baseline,
    majority_label,
    overlap_heuristic_label,
)

__all__ = [
    "collapse_to_binary",
    "content_words",
    "majority_baseline",
    "majority_label",
    "overlap_heuristic_label",
]
