"""Explanations of failures: word attributions by integrated gradients or occlusion."""

from harness.explain._base import Attributor, ItemAttribution, WordScore, words_of
from harness.explain._explain import (
    DEFAULT_DETAILED,
    DEFAULT_MAX_FAILURES,
    attributor_for,
    explain_failures,
    normalised_word,
    select_failures,
    words_by_slice,
)
from harness.explain._function_words import FUNCTION_WORDS
from harness.explain._gradients import IntegratedGradientsAttributor, ReferenceIntegratedGradients
from harness.explain._occlusion import OcclusionAttributor, without_word

__all__ = [
    "DEFAULT_DETAILED",
    "DEFAULT_MAX_FAILURES",
    "FUNCTION_WORDS",
    "Attributor",
    "IntegratedGradientsAttributor",
    "ItemAttribution",
    "OcclusionAttributor",
    "ReferenceIntegratedGradients",
    "WordScore",
    "attributor_for",
    "explain_failures",
    "normalised_word",
    "select_failures",
    "without_word",
    "words_by_slice",
    "words_of",
]
