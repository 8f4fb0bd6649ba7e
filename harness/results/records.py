"""The run record: typed rows of results.json and items.jsonl (schema in docs/results-schema.md).

Pydantic lives here, at the JSON boundary, and nowhere else in the pipeline: the
runner builds these records to write a run, and the report and the gate read a run
back through them, so a field is named and typed once.

    ResultsFile           results.json: suite, model, environment, tests[], analyses
      TestResults         one test: metrics with CIs, tables, slices, sections, counts
        MetricRecord      value, ci_low, ci_high, n, method
        SliceRecord       field, value, n, metrics, gap
    ItemRecord            one line of items.jsonl: one example scored within one test

JSON has no NaN: an undefined number (the CI of an empty slice) is ``null``.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from harness.core import Outcome
from harness.results.manifest import RunManifest

#: Version 2: the task core (tasks, typed requests, metric declarations); version 1
#: runs are refused with a message saying to re-run them. Version 3: an outcome for
#: every item (items.jsonl ``outcome``), counted per test (``outcomes``,
#: ``denominator``), and the run manifest (``manifest``); version 2 runs are read, each
#: item's outcome taken from ``infra_error`` (``infra_error`` or ``scored``), without a
#: manifest (compare says so).
SCHEMA_VERSION = 3


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MetricRecord(_Record):
    """A headline number with its sample size and 95% confidence interval."""

    # Numbers are numbers: a value written as a string ("0.5") is a damaged record.
    model_config = ConfigDict(extra="forbid", strict=True)

    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int = 0
    method: str = ""


class SliceRecord(_Record):
    """Metrics of the items whose tag ``field`` equals ``value``; ``gap`` = slice − overall."""

    field: str
    value: str
    n: int
    metrics: dict[str, MetricRecord]
    gap: float | None = None
    # Per gold label, [correct, scored] in the slice and in the rest of its test.
    by_gold: dict[str, list[int]] | None = None
    rest_by_gold: dict[str, list[int]] | None = None


class TestResults(_Record):
    """One test of a run (items are in items.jsonl)."""

    __test__ = False  # not a pytest test class, despite the name

    name: str
    kind: str
    description: str = ""
    labels: list[str] = Field(default_factory=list)
    n: int = 0
    metrics: dict[str, MetricRecord] = Field(default_factory=dict)
    tables: dict[str, Any] = Field(default_factory=dict)
    slices: list[SliceRecord] = Field(default_factory=list)
    sections: dict[str, Any] = Field(default_factory=dict)
    timings: dict[str, float] = Field(default_factory=dict)
    counts: dict[str, int] = Field(default_factory=dict)
    # The count of each item outcome, and the denominator every metric shares
    # (``harness.metrics.outcomes``): ``{"items", "counted", "left_out": {outcome: n}}``.
    outcomes: dict[str, int] = Field(default_factory=dict)
    denominator: dict[str, Any] = Field(default_factory=dict)
    cluster_by: str | None = None


class SuiteInfo(_Record):
    name: str
    description: str = ""
    hash: str
    path: str | None = None
    task: str
    labels: list[str] = Field(default_factory=list)
    seed: int


class ModelInfo(_Record):
    spec: str
    kind: str
    name: str
    fingerprint: str
    is_reference: bool = False
    description: str = ""
    serves: list[str] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)


class TestNoiseRecord(_Record):
    """One test's run-to-run noise (harness.metrics.noise): p_i per item that flipped."""

    __test__ = False  # not a pytest test class, despite the name

    n: int
    repeats: int
    flip_rate: float
    flip_rate_ci: list[float]
    items_flipping: int
    aa_variance: float
    score_spread: float | None = None
    flipping: dict[str, float] = Field(default_factory=dict)


class NoiseRecord(_Record):
    """``harness run --repeats K``: the model re-asked K times without the cache."""

    repeats: int
    tests: dict[str, TestNoiseRecord] = Field(default_factory=dict)


class ResultsFile(_Record):
    """results.json."""

    schema_version: int
    harness_version: str
    created_at: str
    suite: SuiteInfo
    model: ModelInfo
    environment: dict[str, Any] = Field(default_factory=dict)
    timings: dict[str, float] = Field(default_factory=dict)
    tests: list[TestResults]
    analyses: dict[str, Any] = Field(default_factory=dict)
    findings: list[dict[str, Any]] = Field(default_factory=list)
    #: What decided the numbers (harness.results.manifest); None in version 2 runs.
    manifest: RunManifest | None = None
    #: The measured noise floor (``--repeats``); None when it was not measured.
    noise: NoiseRecord | None = None


class ItemRecord(_Record):
    """One line of items.jsonl."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    test: str
    id: str
    parent_id: str | None = None
    transform: dict[str, Any] | None = None
    fields: dict[str, Any] = Field(default_factory=dict)
    gold: Any = None
    predicted: Any = None
    probabilities: dict[str, float] | None = None
    confidence: float | None = None
    correct: bool | None = None
    scores: dict[str, float] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    # What the model was asked and answered, when it is not plain classification.
    request: dict[str, Any] | None = None
    response: Any = None
    # Why the model could not be asked (a served model's server kept failing): the item
    # is in no metric and in no pairing of the gate; counted in ``counts.infra_errors``.
    infra_error: str | None = None
    # What became of the item (``harness.core.OUTCOMES``) and, for the answers worth
    # telling apart, why (``outcome_detail``, only where there is one).
    outcome: Outcome = "scored"
    outcome_detail: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _outcome_of_older_rows(cls, value: Any) -> Any:
        """A row written before outcomes (schema 2): an infra error, or scored."""
        if isinstance(value, dict) and "outcome" not in value:
            return {**value, "outcome": "infra_error" if value.get("infra_error") else "scored"}
        return value

    @field_validator("scores", mode="before")
    @classmethod
    def _finite_scores(cls, value: Any) -> Any:
        """Undefined per-item scores (null in JSON) are left out rather than made up."""
        if isinstance(value, dict):
            return {
                str(k): v
                for k, v in value.items()
                if isinstance(v, int | float)
                and not isinstance(v, bool)
                and math.isfinite(v)
                or isinstance(v, bool)
            }
        return value

    @field_validator("tags", mode="before")
    @classmethod
    def _string_tags(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                str(k): str(v) for k, v in value.items() if isinstance(v, str | int | float | bool)
            }
        return value

    @property
    def transform_name(self) -> str:
        """The transform that made this variant, or ``original`` for a source example."""
        if self.transform and self.transform.get("name"):
            return str(self.transform["name"])
        return "original"

    def to_json(self) -> dict[str, Any]:
        # ``infra_error`` and ``outcome_detail`` appear only on the items that have one.
        return self.model_dump(mode="json", exclude_none=False, exclude=self._unset())

    def _unset(self) -> set[str]:
        return {name for name in ("infra_error", "outcome_detail") if getattr(self, name) is None}
