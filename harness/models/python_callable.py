"""``python``: a Python callable named by import path, ``package.module:function``.

    harness run suite.yaml --model python:my_models.rules:predict

The callable receives a batch (a list) and returns one answer per element. What it
receives and answers depends on the request kind it serves (option ``serves``):

* ``classify`` (default): field dicts (``{"premise": ..., "hypothesis": ...}``) →
  a dict label → probability, or a label string (probability 1);
* ``loglikelihood``: ``{"context", "continuation"}`` → a log-probability, or
  ``(log-probability, is_greedy)``;
* ``generate``: ``{"prompt", "stop", "max_tokens"}`` → the generated text;
* ``extract_span``: ``{"context", "question"}`` → the answer text (its first
  occurrence in the context is the span; ``""`` means no answer) or
  ``{"text", "start"}``.

Options: ``serves``, ``labels`` (the labels a classifier answers with; default the
suite's), ``batch_size`` (32), ``label_map``.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, get_args

import numpy as np

from harness.core import OUTCOME_FLAGS, Example
from harness.errors import ModelError
from harness.models.base import ModelContext, ModelOptions, ModelSpec, declare_options
from harness.models.common import (
    answer_span,
    check_label_mapping,
    label_map_option,
    option_int,
    sha256_file,
    sha256_json,
)
from harness.models.opt_in import is_own_module
from harness.requests import (
    ExtractSpan,
    Generate,
    Loglikelihood,
    check_probabilities,
)
from harness.resources import Resource


def import_callable(target: str) -> Callable[..., Any]:
    """``package.module:function`` (or ``module:Class.method``) → the callable."""
    module_name, _, qualified_name = target.partition(":")
    if not module_name or not qualified_name:
        raise ModelError(f"python model '{target}' must be 'package.module:function'")
    try:
        value: Any = importlib.import_module(module_name)
    except Exception as error:  # an import runs the module's code, which can raise anything
        raise ModelError(
            f"python model '{target}': cannot import {module_name}: {type(error).__name__}: {error}"
        ) from None
    for part in qualified_name.split("."):
        if not hasattr(value, part):
            raise ModelError(f"python model '{target}': {module_name} has no '{qualified_name}'")
        value = getattr(value, part)
    if not callable(value):
        raise ModelError(f"python model '{target}': '{qualified_name}' is not callable")
    return value


class PythonModel:
    """Calls the function on batches of field dicts and checks what comes back."""

    cacheable = True
    truncated_count = 0

    def __init__(
        self,
        target: str,
        function: Callable[..., Any],
        *,
        labels: Sequence[str],
        input_fields: Sequence[str],
        options: Mapping[str, Any],
        spec: str = "",
    ) -> None:
        self.target = target
        self.function = function
        self.labels: tuple[str, ...] = tuple(str(label) for label in labels)
        self.input_fields = tuple(input_fields)
        self.batch_size = option_int(options, "batch_size", 32)
        self.label_map = label_map_option(options)
        self.kind = str(options.get("serves", "classify"))
        self.spec = spec or f"python:{target}"
        self._fingerprint: str | None = None

    @property
    def serves(self) -> tuple[str, ...]:
        return (self.kind,)

    def _call(self, batch: list[Any]) -> list[Any]:
        answers = self.function(batch)
        answers = list(answers) if answers is not None else []
        if len(answers) != len(batch):
            raise ModelError(
                f"python model '{self.target}' returned {len(answers)} answers for "
                f"{len(batch)} requests"
            )
        return answers

    def _batched(self, payloads: list[Any]) -> list[Any]:
        answers: list[Any] = []
        for start in range(0, len(payloads), self.batch_size):
            answers.extend(self._call(payloads[start : start + self.batch_size]))
        return answers

    def loglikelihood(self, requests: Sequence[Loglikelihood]) -> list[Any]:
        return self._batched([request.payload() for request in requests])

    def generate(self, requests: Sequence[Generate]) -> list[Any]:
        answers = self._batched([request.payload() for request in requests])
        # A callable may answer {"text": ..., "hit_max_tokens": true} to say it was cut.
        return [
            {
                "text": str(answer.get("text", "")),
                **{k: True for k in OUTCOME_FLAGS if answer.get(k) is True},
            }
            if isinstance(answer, Mapping)
            else {"text": str(answer)}
            for answer in answers
        ]

    def extract_span(self, requests: Sequence[ExtractSpan]) -> list[Any]:
        answers = self._batched([request.payload() for request in requests])
        spans = []
        for request, answer in zip(requests, answers, strict=True):
            text, span = answer_span(answer, request.context)
            if span is None:
                raise ModelError(
                    f"python model '{self.target}' answered {text!r} for example "
                    f"'{request.example_id}', which is not a span of its context"
                )
            spans.append(span)
        return spans

    def manifest_files(self) -> dict[str, Path]:
        """The module that defines the callable: it decides the answers (its weights)."""
        module = inspect.getmodule(self.function)
        source = getattr(module, "__file__", None)
        return {Path(source).name: Path(source)} if source and Path(source).is_file() else {}

    def _source_hash(self) -> str:
        module = inspect.getmodule(self.function)
        source = getattr(module, "__file__", None)
        if source and Path(source).is_file():
            return sha256_file(Path(source))
        return "unknown-source"

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = sha256_json(
                {
                    "adapter": "python/2",
                    "serves": self.kind,
                    "target": self.target,
                    "module": self._source_hash(),
                    "labels": list(self.labels),
                    "label_map": self.label_map,
                }
            )
        return self._fingerprint

    def describe(self) -> dict[str, Any]:
        doc = inspect.getdoc(self.function) or ""
        return {
            "kind": "python",
            "name": self.target,
            "spec": self.spec,
            "is_reference": False,
            "description": doc.splitlines()[0] if doc else f"Python callable {self.target}",
            "device": "cpu",
            "labels": list(self.labels),
        }

    def _row(self, answer: Any, example: Example) -> np.ndarray:
        index = {label: column for column, label in enumerate(self.labels)}
        row = np.zeros(len(self.labels))
        if isinstance(answer, str):
            answer = {answer: 1.0}
        if not isinstance(answer, Mapping):
            raise ModelError(
                f"python model '{self.target}' answered {answer!r} for example '{example.id}'; "
                f"expected a label or a dict label -> probability"
            )
        for label, value in answer.items():
            if str(label) not in index:
                raise ModelError(
                    f"python model '{self.target}' answered label '{label}' for example "
                    f"'{example.id}', not one of {', '.join(self.labels)}; set the option labels"
                )
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise ModelError(
                    f"python model '{self.target}' gave example '{example.id}' a probability "
                    f"that is not a number: {value!r} for '{label}'"
                )
            row[index[str(label)]] = float(value)
        # Probabilities as given: renormalising would hide a model that returns scores,
        # NaN or garbage (check_probabilities then names the first bad example).
        problem = check_probabilities([float(value) for value in row], len(self.labels))
        if problem is not None:
            raise ModelError(
                f"python model '{self.target}' gave example '{example.id}' {problem}: "
                f"{answer!r}; return probabilities that sum to 1"
            )
        return row

    def classify(self, examples: Sequence[Example]) -> np.ndarray:
        probabilities = np.zeros((len(examples), len(self.labels)))
        for start in range(0, len(examples), self.batch_size):
            batch = list(examples[start : start + self.batch_size])
            answers = self.function([dict(example.fields) for example in batch])
            answers = list(answers) if answers is not None else []
            if len(answers) != len(batch):
                raise ModelError(
                    f"python model '{self.target}' returned {len(answers)} answers for "
                    f"{len(batch)} examples"
                )
            for offset, (answer, example) in enumerate(zip(answers, batch, strict=True)):
                probabilities[start + offset] = self._row(answer, example)
        return probabilities


def load_python_model(spec: ModelSpec, context: ModelContext) -> PythonModel:
    """Build the adapter for ``python:package.module:function``."""
    function = import_callable(spec.target)
    serves = spec.options.get("serves", "classify")
    labels = spec.options.get("labels") or context.labels
    if isinstance(labels, str):
        labels = [label.strip() for label in labels.split(",") if label.strip()]
    model = PythonModel(
        spec.target,
        function,
        labels=labels,
        input_fields=context.input_fields,
        options=spec.options,
        spec=str(spec),
    )
    if serves == "classify":
        check_label_mapping(model.labels, context.labels, spec.options, model_name=spec.target)
    return model


class PythonModelOptions(ModelOptions):
    """Options of ``python``."""

    # The labels a classifier callable answers with (default: the suite's).
    labels: list[str] | str | None = None
    # The request kind the callable serves (see the module docstring).
    serves: Literal["classify", "loglikelihood", "generate", "extract_span"] = "classify"


def _python_model_serves(spec: ModelSpec, context: ModelContext) -> tuple[str, ...]:
    return (str(spec.options.get("serves", "classify")),)


def _check_python_model(spec: ModelSpec, context: ModelContext) -> None:
    import_callable(spec.target)


def _python_code_module(spec: ModelSpec) -> str | None:
    """The module ``python:MODULE:FUNCTION`` imports, unless it is harness's own (its
    scripted models): a file that names another needs ``--allow-code``. A spec without a
    module imports nothing (its adapter's check says what is wrong with it)."""
    module = spec.target.partition(":")[0]
    return None if not module or is_own_module(module) else module


def _python_model_resources(spec: ModelSpec, base_dir: Path) -> Iterator[Resource]:
    """The callable's module must be importable (found, not imported: no code runs)."""
    module = spec.target.partition(":")[0]
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if found:
        yield Resource.found("model", f"{spec} (module {module} importable)")
    else:
        yield Resource.missing(
            "model",
            str(spec),
            f"module '{module}' is not importable: install it or put its folder on PYTHONPATH",
        )


declare_options(
    load_python_model,
    PythonModelOptions,
    _check_python_model,
    description="an import path 'module:function' to a callable",
    resources=_python_model_resources,
    serves=_python_model_serves,
    names_code=_python_code_module,
    usage=":MODULE:FUNCTION",
    forms=[
        {"serves": kind} for kind in get_args(PythonModelOptions.model_fields["serves"].annotation)
    ],
)
