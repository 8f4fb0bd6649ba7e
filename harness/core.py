"""Core data: the plain, frozen records that flow between pipeline stages.

    Example ──transform──▶ variant Examples (parent_id, transform)
    Example ──model──────▶ Prediction
    Example + Prediction ─▶ ItemResult

Derive variants with ``dataclasses.replace``; never mutate a record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from harness.files.jsonio import fields_json


def stable_id(*parts: object, length: int = 12) -> str:
    """A short, stable hash of ``parts``: same inputs give the same id on every machine.

    >>> stable_id("nli-core", "test", 3)
    '57eec412d4ed'
    """
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class TransformRecord:
    """What turned a parent example into a variant: name, parameters and seed."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)
    seed: str = ""
    # A short human-readable account of what changed ("'Mary' -> 'Aisha'").
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        return {**fields_json(self), "params": dict(self.params)}


@dataclass(frozen=True)
class Example:
    """One input to evaluate.

    ``fields`` holds the task inputs (``premise``/``hypothesis`` for NLI;
    ``context``/``question`` for QA; ``choices``, a list, for multiple choice),
    ``target`` the gold answer in the task's form (a label name for classification, a
    choice index, answer spans, reference texts), ``meta`` the slice tags (phenomenon,
    heuristic, template, ...).
    Variants made by a transform keep their origin in ``parent_id`` and ``transform``.
    """

    id: str
    fields: Mapping[str, Any]
    target: Any = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    parent_id: str | None = None
    transform: TransformRecord | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "fields": dict(self.fields),
            "target": self.target,
            "meta": dict(self.meta),
            "parent_id": self.parent_id,
            "transform": self.transform.to_json() if self.transform else None,
        }


@dataclass(frozen=True)
class Prediction:
    """A model's answer for one example.

    ``scores`` maps each suite label to a probability when the model gives them;
    ``label`` is the predicted label (argmax of ``scores`` for classifiers).
    ``raw`` keeps what the model returned before mapping, for debugging.
    ``infra_error`` says why the model could not be asked (a server that kept failing):
    such a prediction is no answer, and is kept out of every metric.
    """

    example_id: str
    label: str | None = None
    scores: Mapping[str, float] | None = None
    text: str | None = None
    span: tuple[int, int] | None = None
    raw: Any = None
    infra_error: str | None = None
    # What the model was asked, when it is worth keeping (a prompted model's prompt).
    request: Mapping[str, Any] | None = None

    @property
    def confidence(self) -> float | None:
        """Probability of the predicted label, when the model gave probabilities."""
        if self.scores is None or self.label is None:
            return None
        return float(self.scores.get(self.label, 0.0))


#: What became of an item, one per item (items.jsonl ``outcome``): ``scored`` (an answer
#: read as given), ``infra_error`` (the model could not be asked: in no metric), and the
#: answers that count as given but are worth telling apart: ``truncated_input`` (the
#: model read a cut input), ``truncated_output`` (generation hit its token limit),
#: ``unparseable`` (no answer could be read from the text), ``empty``, ``abstained``.
Outcome = Literal[
    "scored",
    "infra_error",
    "truncated_input",
    "truncated_output",
    "unparseable",
    "empty",
    "abstained",
]
OUTCOMES: tuple[str, ...] = get_args(Outcome)

#: Keys of a model's answer that mark an outcome: the input was cut to fit
#: (``truncated``), generation stopped at ``max_tokens`` (``hit_max_tokens``), a task
#: found no answer in the text (``unparseable``) or read an abstention (``abstained``).
TRUNCATED_INPUT_KEY = "truncated"
HIT_MAX_TOKENS_KEY = "hit_max_tokens"
UNPARSEABLE_KEY = "unparseable"
ABSTAINED_KEY = "abstained"
#: The flags an adapter may put on an answer (the rest are a task's reading of it).
OUTCOME_FLAGS = (TRUNCATED_INPUT_KEY, HIT_MAX_TOKENS_KEY)


def prediction_outcome(prediction: Prediction) -> tuple[str, str | None]:
    """``(outcome, detail)`` of one prediction (``OUTCOMES``), first match in that order.

    >>> prediction_outcome(Prediction("a", text="Paris"))
    ('scored', None)
    >>> prediction_outcome(Prediction("a", text=" ", raw={"text": " "}))
    ('empty', 'the model answered with no text')
    """
    if prediction.infra_error is not None:
        return "infra_error", prediction.infra_error
    raw = prediction.raw if isinstance(prediction.raw, Mapping) else {}
    if raw.get(TRUNCATED_INPUT_KEY) is True:
        return "truncated_input", "the input was cut to fit the model's maximum length"
    if raw.get(HIT_MAX_TOKENS_KEY) is True:
        return "truncated_output", "generation stopped at its token limit"
    if raw.get(UNPARSEABLE_KEY) is True:
        said = raw.get("generated", raw.get("text", ""))
        return "unparseable", f"no answer could be read from {str(said)[:200]!r}"
    generated = raw.get("generated", raw.get("text")) if raw else prediction.text
    if "start" in raw and raw.get("text") == "":
        # A span model's empty span is its way of saying "no answer".
        return "abstained", "the model gave no span"
    if isinstance(generated, str) and not generated.strip():
        return "empty", "the model answered with no text"
    if raw.get(ABSTAINED_KEY) is True:
        return "abstained", f"the model abstained ({str(generated)[:200]!r})"
    return "scored", None


@dataclass(frozen=True)
class ItemResult:
    """One example scored within one test: gold, prediction, per-item scores, slice tags."""

    test: str
    example: Example
    prediction: Prediction
    gold: str | None
    predicted: str | None
    correct: bool | None
    scores: Mapping[str, float] = field(default_factory=dict)
    tags: Mapping[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.example.id

    @property
    def probabilities(self) -> Mapping[str, float] | None:
        return self.prediction.scores

    @property
    def infra_error(self) -> str | None:
        """Why the model could not be asked for this item (None: it answered)."""
        return self.prediction.infra_error

    @property
    def confidence(self) -> float | None:
        return self.prediction.confidence

    @property
    def outcome(self) -> str:
        """What became of this item (``OUTCOMES``)."""
        return prediction_outcome(self.prediction)[0]

    def to_json(self) -> dict[str, Any]:
        """The items.jsonl row for this result (``harness.results.records.ItemRecord``)."""
        probabilities = dict(self.prediction.scores) if self.prediction.scores else None
        # Tasks other than classification keep what the model answered (choice
        # log-likelihoods, the generated text, the span) for the failure browser.
        response = self.prediction.raw if isinstance(self.prediction.raw, dict) else None
        record = {
            "test": self.test,
            "id": self.example.id,
            "parent_id": self.example.parent_id,
            "transform": self.example.transform.to_json() if self.example.transform else None,
            "fields": dict(self.example.fields),
            "gold": self.gold,
            "predicted": self.predicted,
            "probabilities": probabilities,
            "confidence": self.prediction.confidence,
            "correct": self.correct,
            "scores": dict(self.scores),
            "tags": dict(self.tags),
            "request": dict(self.prediction.request) if self.prediction.request else None,
            "response": response,
        }
        if self.prediction.infra_error is not None:
            # Only on the items that have one: the model could not be asked.
            record["infra_error"] = self.prediction.infra_error
        outcome, detail = prediction_outcome(self.prediction)
        record["outcome"] = outcome
        if detail is not None and outcome != "infra_error":  # infra_error says it already
            record["outcome_detail"] = detail
        return record
