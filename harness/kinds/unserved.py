"""The outcome of a test whose model serves no requests of the kind the test needs.

Probes that only a language model can answer (BBQ and minimal pairs read loglikelihoods,
coherence reads generations) do not fail on another model: they report why they were
skipped in their own section, and how many examples were left unasked.
"""

from __future__ import annotations

from typing import Any

from harness.execution import RunContext, TestOutcome
from harness.suite import TestSpec


def unserved_outcome(
    spec: TestSpec,
    context: RunContext,
    *,
    request_kind: str,
    needs: str,
    section: str,
    n: int,
    details: dict[str, Any] | None = None,
) -> TestOutcome:
    """``spec`` skipped: the model serves no ``request_kind`` requests; ``needs`` says what
    would serve them. The reason goes in ``sections[section]`` after ``details``."""
    name = str(context.model.describe().get("name", "model")) if context.model else "model"
    reason = f"skipped: {name} serves no '{request_kind}' requests; {needs}"
    return TestOutcome.of_test(
        spec,
        spec.kind,
        (),
        [],
        sections={section: {**(details or {}), "skipped": reason}},
        counts={"skipped": n},
    )
