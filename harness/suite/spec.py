"""What a loaded suite is: its schema at the YAML boundary, then frozen records.

    name, description, task, labels, seed, model, tests[], analyses[], gate

``SuiteSchema`` is the top level as pydantic validates it; each test is a ``TestSpec``
(test kinds extend it with their own keys) and each analysis an ``AnalysisSpec``. The
loader (``harness.suite.loading``) turns them into a frozen ``Suite`` of ``TestPlan``s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from harness.errors import HarnessError
from harness.files.yaml_positions import Location
from harness.models.base import ModelSpec
from harness.options import Options, SourceMap
from harness.registry import did_you_mean
from harness.tasks import TaskSetup, make_task


class ModelConfig(Options):
    """``model:`` as a mapping: ``{type: hf-classifier, path: ..., label_map: {...}, ...}``."""

    type: str
    path: str = ""
    label_map: dict[str, str] = Field(default_factory=dict)
    batch_size: int | None = None
    max_length: int | None = None
    device: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)

    def to_spec(self) -> ModelSpec:
        options: dict[str, Any] = dict(self.options)
        for key in ("label_map", "batch_size", "max_length", "device"):
            value = getattr(self, key)
            if value is not None and value != {}:  # 0 is a value (and an error), not "unset"
                options[key] = value
        return ModelSpec(kind=self.type, target=self.path, options=options)


class TestSpec(Options):
    """The keys every test has; test kinds extend this with their own."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    kind: str = "evaluate"
    description: str = ""
    data: dict[str, Any]
    # Collapse or rename gold and predicted labels, e.g. {neutral: non-entailment}.
    label_mapping: dict[str, str] = Field(default_factory=dict)
    # How a prediction is collapsed by label_mapping: "argmax" over the model's labels,
    # then mapped (HANS's convention), or "sum": the argmax of the summed probabilities.
    label_collapse: Literal["argmax", "sum"] = "argmax"
    slice_by: list[str] = Field(default_factory=list)
    # None: the task's default metrics (harness.tasks).
    metrics: list[str] | None = None
    # Items sharing this tag (a template family, a passage) are resampled together.
    cluster_by: str | None = None
    # A task of this test's own (a multiple-choice view in an extractive QA suite):
    # the suite's task, input fields and task options otherwise.
    task: str | None = None
    input_fields: list[str] | None = None
    task_options: dict[str, Any] = Field(default_factory=dict)

    def score_options(self) -> dict[str, Any]:
        """Keyword options for ``task.score`` beyond the label mapping.

        Only a non-default collapse is passed, so tasks without labels keep their
        plain ``score`` signature; the classification task defaults to "argmax".
        """
        return {"collapse": self.label_collapse} if self.label_collapse != "argmax" else {}


class SuiteSchema(BaseModel):
    """The top level of a suite file."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    task: str
    labels: list[str] = Field(default_factory=list)
    input_fields: list[str] | None = None
    # Options of the task (e.g. generation: stop, max_tokens), validated by the task.
    task_options: dict[str, Any] = Field(default_factory=dict)
    seed: StrictInt = Field(default=0, ge=0, le=2**32 - 1)
    # "none": no built-in model fits the suite; every run names one with --model.
    model: str | ModelConfig | None = "reference"
    bootstrap_resamples: int = Field(default=2000, ge=100, le=100_000)
    tests: list[dict[str, Any]] = Field(min_length=1)
    analyses: list[dict[str, Any]] = Field(default_factory=list)
    gate: dict[str, Any] | None = None

    @field_validator("name")
    @classmethod
    def _a_name_not_a_path(cls, value: str) -> str:
        """The name becomes a folder (``runs/<name>/``): "." and ".." would leave it."""
        if not value.strip("."):
            raise ValueError(
                f"'{value}' cannot name a suite: it becomes the folder runs/<name>, "
                "and dots alone would put the runs outside runs/"
            )
        return value

    @field_validator("labels")
    @classmethod
    def _unique_labels(cls, labels: list[str]) -> list[str]:
        if len(set(labels)) != len(labels):
            raise ValueError("labels must be unique")
        return labels


class AnalysisSpec(Options):
    """Common keys of an analysis entry; analyses extend this."""

    name: str


@dataclass(frozen=True)
class TestPlan:
    """One validated test: its kind, its options and the validated data spec."""

    spec: TestSpec
    kind: str
    data: Any  # the data source's Options instance
    location: Location
    # The test's own task when it names one (``TestSpec.task``).
    task: TestTask | None = None


@dataclass(frozen=True)
class TestTask:
    """A test's own task: its name, input fields and validated options."""

    name: str
    input_fields: tuple[str, ...]
    options: Any

    def make(self, label_map: Mapping[str, str] | None = None) -> Any:
        return make_task(
            self.name,
            TaskSetup(input_fields=self.input_fields, label_map=label_map, options=self.options),
        )


@dataclass(frozen=True)
class Suite:
    """A loaded, validated, frozen suite."""

    path: Path | None
    name: str
    description: str
    task: str
    labels: tuple[str, ...]
    input_fields: tuple[str, ...]
    seed: int
    model: ModelSpec | None
    task_options: Any
    bootstrap_resamples: int
    tests: tuple[TestPlan, ...]
    analyses: tuple[tuple[str, Any], ...]
    gate: Mapping[str, Any] | None
    hash: str
    sources: SourceMap

    def make_task(
        self, label_map: Mapping[str, str] | None = None, load_examples: Any = None
    ) -> Any:
        """The suite's task (``harness.tasks``), for a model with this ``label_map``.

        ``load_examples(data_options)`` lets the task read data blocks of its own
        (a prompt's few-shot pool)."""
        return make_task(
            self.task,
            TaskSetup(
                labels=self.labels,
                input_fields=self.input_fields,
                label_map=label_map,
                options=self.task_options,
                extras={"base_dir": self.base_dir, "load_examples": load_examples},
            ),
        )

    @property
    def base_dir(self) -> Path:
        """Relative paths in the suite resolve against the suite file's folder."""
        return self.path.parent if self.path else Path.cwd()

    def test(self, name: str) -> TestPlan:
        for plan in self.tests:
            if plan.spec.name == name:
                return plan
        known = [plan.spec.name for plan in self.tests]
        raise HarnessError(f"suite '{self.name}' has no test '{name}'{did_you_mean(name, known)}")
