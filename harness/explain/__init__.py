"""Explanations of failures: word attributions by integrated gradients or occlusion."""

from harness.explain._base import (
    TOP_WORDS_PER_FIELD,
    Attributor,
    ItemAttribution,
    WordScore,
    top_words,
    words_of,
)
from harness.explain._explain import (
    DEFAULT_DETAILED,
    DEFAULT_PER_TEST,
    EVIDENCE_PER_FINDING,
    FEATURED,
    attributor_for,
    choose,
    evidence_by_test,
    explanations_section,
    members_of,
    normalised_word,
    select_failures,
    words_by_slice,
)
from harness.explain._function_words import FUNCTION_WORDS
from harness.explain._gradients import IntegratedGradientsAttributor, ReferenceIntegratedGradients
from harness.explain._integrated import (
    MAX_STEPS,
    START_STEPS,
    TOLERANCE,
    Integrated,
    integrated_gradients,
)
from harness.explain._occlusion import (
    MAX_OCCLUDED_WORDS,
    OcclusionAttributor,
    target_probability,
    without_word,
)
from harness.explain._run import ScoredTest, explain_tests

__all__ = [
    "DEFAULT_DETAILED",
    "DEFAULT_PER_TEST",
    "EVIDENCE_PER_FINDING",
    "FEATURED",
    "FUNCTION_WORDS",
    "MAX_OCCLUDED_WORDS",
    "MAX_STEPS",
    "START_STEPS",
    "TOLERANCE",
    "TOP_WORDS_PER_FIELD",
    "Attributor",
    "Integrated",
    "IntegratedGradientsAttributor",
    "ItemAttribution",
    "OcclusionAttributor",
    "ReferenceIntegratedGradients",
    "ScoredTest",
    "WordScore",
    "attributor_for",
    "choose",
    "evidence_by_test",
    "explain_tests",
    "explanations_section",
    "integrated_gradients",
    "members_of",
    "normalised_word",
    "select_failures",
    "target_probability",
    "top_words",
    "without_word",
    "words_by_slice",
    "words_of",
]
