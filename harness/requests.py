"""Typed requests: the few things a task can ask a model for.

    Classify(example)                          -> {"probabilities": [...], "truncated": bool}
    Loglikelihood(context, continuation)       -> {"loglikelihood": float, "is_greedy": bool,
                                                   "tokens": int (optional)}
    Generate(prompt, stop, max_tokens, ...)    -> {"text": str}
    ExtractSpan(context, question)             -> {"text": str, "start": int, "end": int, "score": float}
    ScoreChoices(context, question, choices)   -> {"scores": [float, ...]}  (higher: more likely)

A model adapter declares the kinds it serves (``serves``); the predictor batches,
deduplicates and caches requests by ``(model fingerprint, kind, payload)``. The
``example_id`` and ``index`` of a request say where it came from; they are not part
of its identity (two items asking the same thing share one answer), but adapters that
look answers up by id (precomputed predictions) need them.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from harness.core import Example
from harness.files.jsonio import fields_json

CLASSIFY = "classify"
LOGLIKELIHOOD = "loglikelihood"
GENERATE = "generate"
EXTRACT_SPAN = "extract_span"
SCORE_CHOICES = "score_choices"
REQUEST_KINDS = (CLASSIFY, LOGLIKELIHOOD, GENERATE, EXTRACT_SPAN, SCORE_CHOICES)


@dataclass(frozen=True)
class Request:
    """Base of every request: ``kind`` names the adapter method that serves it."""

    kind: ClassVar[str] = ""
    example_id: str = field(default="", compare=False, kw_only=True)
    index: int = field(default=0, compare=False, kw_only=True)

    def payload(self) -> dict[str, Any]:
        """What identifies the request: two requests with equal payloads get one answer.

        Its own fields, tuples as lists, less where it came from (``example_id``, ``index``).
        """
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in fields_json(self, exclude={"example_id", "index"}).items()
        }

    def key(self) -> str:
        """The cache key within one model: a hash of the kind and the canonical payload."""
        canonical = json.dumps(
            [self.kind, self.payload()], sort_keys=True, ensure_ascii=False, default=str
        )
        return hashlib.sha256(canonical.encode()).hexdigest()

    def size(self) -> int:
        """A length to sort batches by (similar lengths pad little)."""
        return sum(len(str(value)) for value in self.payload().values())

    def check_response(self, response: Any, model: Any) -> str | None:
        """What is wrong with a model's answer to this request, or None when it is fine."""
        return None


@dataclass(frozen=True)
class Classify(Request):
    """Probabilities over the model's own labels for one example's input fields."""

    kind: ClassVar[str] = CLASSIFY
    example: Example = field(compare=False, default=None)  # type: ignore[assignment]

    def payload(self) -> dict[str, Any]:
        return {"fields": dict(self.example.fields)}

    def size(self) -> int:
        return sum(len(str(value)) for value in self.example.fields.values())

    def check_response(self, response: Any, model: Any) -> str | None:
        if not isinstance(response, Mapping) or "probabilities" not in response:
            return f"{response!r} where probabilities were expected"
        return check_probabilities(response["probabilities"], len(model.labels))


@dataclass(frozen=True)
class Loglikelihood(Request):
    """log P(continuation | context), and whether greedy decoding would produce it.

    An answer may also say how many tokens it scored (``tokens``, optional: hf-causal,
    hf-masked and openai-compatible report it), which per-token normalisation divides by.

    ``counterpart`` (optional) is the other sentence of a minimal pair. An adapter that
    declares ``scores_shared_tokens`` (hf-masked) then scores only the continuation's
    tokens that it shares with the counterpart, conditioning on the ones that differ
    (CrowS-Pairs); other adapters are not sent it. It is in the payload only when set,
    so requests without it keep their cache keys.
    """

    kind: ClassVar[str] = LOGLIKELIHOOD
    context: str = ""
    continuation: str = ""
    counterpart: str = ""

    def payload(self) -> dict[str, Any]:
        payload = {"context": self.context, "continuation": self.continuation}
        if self.counterpart:
            payload["counterpart"] = self.counterpart
        return payload

    def check_response(self, response: Any, model: Any) -> str | None:
        if not isinstance(response, Mapping) or not _is_number(response.get("loglikelihood")):
            return f"{response!r} where a log-likelihood was expected"
        value = float(response["loglikelihood"])
        if math.isnan(value) or value > 1e-6:
            return f"an invalid log-likelihood {value!r}"
        tokens = response.get("tokens")
        if tokens is not None and not (
            isinstance(tokens, int) and not isinstance(tokens, bool) and tokens >= 0
        ):
            return f"a scored-token count {tokens!r} that is not a non-negative integer"
        return None


@dataclass(frozen=True)
class Generate(Request):
    """A completion of ``prompt``; greedy unless ``temperature`` > 0; cut at ``stop``."""

    kind: ClassVar[str] = GENERATE
    prompt: str = ""
    stop: tuple[str, ...] = ()
    max_tokens: int = 64
    temperature: float = 0.0

    def check_response(self, response: Any, model: Any) -> str | None:
        return _without_text(response, "generated text")


@dataclass(frozen=True)
class ExtractSpan(Request):
    """The answer span to ``question`` in ``context`` (empty text: no answer)."""

    kind: ClassVar[str] = EXTRACT_SPAN
    context: str = ""
    question: str = ""

    def check_response(self, response: Any, model: Any) -> str | None:
        if problem := _without_text(response, "an answer span"):
            return problem
        start, end = response.get("start"), response.get("end")
        if response["text"] and not (
            isinstance(start, int) and isinstance(end, int) and 0 <= start <= end
        ):
            return f"a span with invalid offsets {start!r}..{end!r}"
        return None


@dataclass(frozen=True)
class ScoreChoices(Request):
    """One score per choice from a multiple-choice head (``AutoModelForMultipleChoice``)."""

    kind: ClassVar[str] = SCORE_CHOICES
    context: str = ""
    question: str = ""
    choices: tuple[str, ...] = ()

    def check_response(self, response: Any, model: Any) -> str | None:
        scores = response.get("scores") if isinstance(response, Mapping) else None
        if not isinstance(scores, list) or len(scores) != len(self.choices):
            return f"{response!r} where {len(self.choices)} choice scores were expected"
        if not all(_is_number(value) and math.isfinite(float(value)) for value in scores):
            return "a choice score that is not a finite number"
        return None


#: Probabilities may be off by rounding, not by more.
NORMALISATION_TOLERANCE = 1e-4


def _without_text(response: Any, expected: str) -> str | None:
    """What is wrong with an answer that must carry a ``text``, or None."""
    if not isinstance(response, Mapping) or not isinstance(response.get("text"), str):
        return f"{response!r} where {expected} was expected"
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_probabilities(row: Any, n_labels: int) -> str | None:
    """What is wrong with a model's probability vector, or None when it is fine.

    >>> check_probabilities([0.2, 0.8], 2) is None
    True
    >>> check_probabilities([float("nan"), 1.0], 2)
    'NaN or infinite probabilities'
    """
    if not isinstance(row, list | tuple) or len(row) != n_labels:
        size = len(row) if isinstance(row, list | tuple) else type(row).__name__
        return f"a vector of {size} values for {n_labels} labels"
    if not all(_is_number(value) for value in row):
        return "a probability that is not a number"
    values = [float(value) for value in row]
    if any(not math.isfinite(value) for value in values):
        return "NaN or infinite probabilities"
    if any(value < 0 for value in values):
        return "negative probabilities"
    if abs(sum(values) - 1.0) > NORMALISATION_TOLERANCE:
        return f"probabilities that sum to {sum(values):.6g}, not 1"
    return None


def served_kinds(model: Any) -> frozenset[str]:
    """The request kinds an adapter serves: its ``serves`` attribute, else its methods."""
    declared = getattr(model, "serves", None)
    if declared is not None:
        return frozenset(declared)
    return frozenset(kind for kind in REQUEST_KINDS if callable(getattr(model, kind, None)))


def span_response(text: str, start: int, end: int, score: float = 0.0) -> Mapping[str, Any]:
    """The JSON an ``extract_span`` adapter returns for one request."""
    return {"text": text, "start": int(start), "end": int(end), "score": float(score)}


#: The key of an answer that is no answer: the request failed outside the model.
INFRA_ERROR = "infra_error"


def infra_error_of(answer: Any) -> str | None:
    """The infrastructure error an adapter reported instead of answering, or None.

    >>> infra_error_of({"infra_error": "server at http://x: 503 after 5 attempts"})
    'server at http://x: 503 after 5 attempts'
    >>> infra_error_of({"text": "Paris"}) is None
    True
    """
    if isinstance(answer, Mapping) and answer.get(INFRA_ERROR):
        return str(answer[INFRA_ERROR])
    return None


def infra_error_answer(request: Request, message: str, n_labels: int = 0) -> dict[str, Any]:
    """A well-formed stand-in answer, marked as an infrastructure error.

    Tasks read it like any answer (so no task needs a special case); the predictor
    then marks the item's prediction, and scoring keeps it out of every metric. The
    stand-in values are never scored and never cached.
    """
    if request.kind == CLASSIFY:
        uniform = [1.0 / n_labels] * n_labels if n_labels else []
        answer: dict[str, Any] = {"probabilities": uniform, "truncated": False}
    elif request.kind == LOGLIKELIHOOD:
        answer = {"loglikelihood": 0.0, "is_greedy": False}
    elif request.kind == EXTRACT_SPAN:
        answer = {"text": "", "start": 0, "end": 0, "score": 0.0}
    else:
        answer = {"text": ""}
    return {**answer, INFRA_ERROR: message}
