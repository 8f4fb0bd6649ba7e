"""A mock model whose "server" fails for some inputs, for the infrastructure-error tests.

    harness run suite.yaml --model python:helpers.flaky_models:unreachable_pilot

Kept apart from ``mock_models`` so that the golden run's model fingerprint (a hash of
its module's source) does not change when this file does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers.mock_models import word_rules


def unreachable_pilot(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """``word_rules``, except that a batch with a premise about the pilot cannot be served.

    It raises ``InfraError``, as an adapter does when its server keeps failing after
    retries: those items must become infrastructure errors, not answers.
    """
    from harness.errors import InfraError

    if any("pilot" in fields["premise"] for fields in batch):
        raise InfraError("server at http://127.0.0.1:9/v1 /completions: 503 after 5 attempts")
    return word_rules(batch)


#: Contexts of the religion category's BBQ templates: a served LM that cannot answer them.
UNREACHABLE_CONTEXTS = ("Airport security", "splitting the bill")


def unreachable_religion_lm(batch: Sequence[Mapping[str, str]]) -> list[object]:
    """``indifferent_lm``, except that requests about the religion templates fail.

    Each such request is answered ``{"infra_error": ...}``, as a served adapter answers
    one request whose server kept failing: those BBQ items must be in no score.
    """
    from helpers.biased_models import indifferent_lm

    scores = indifferent_lm(batch)
    return [
        {"infra_error": "server at http://127.0.0.1:9/v1 /completions: 503 after 5 attempts"}
        if any(marker in request["context"] for marker in UNREACHABLE_CONTEXTS)
        else score
        for request, score in zip(batch, scores, strict=True)
    ]


def unreachable(batch: Sequence[Mapping[str, str]]) -> list[dict[str, float]]:
    """A served classifier whose server is down for good: every item is an infra error."""
    from harness.errors import InfraError

    raise InfraError("server at http://127.0.0.1:9/v1 /completions: 503 after 5 attempts")


def unreachable_lm(batch: Sequence[Mapping[str, str]]) -> list[object]:
    """A served language model whose server is down for good: every request is answered
    ``{"infra_error": ...}``, so no item of any test is scored."""
    return [
        {"infra_error": "server at http://127.0.0.1:9/v1 /completions: 503 after 5 attempts"}
        for _ in batch
    ]
