"""``sklearn``: a scikit-learn pipeline saved with joblib.

    harness run suite.yaml --model sklearn:model.joblib --allow-pickle

A joblib file is a pickle, and loading a pickle can run code, so it needs an
explicit opt-in (``--allow-pickle`` or the model option ``allow_pickle: true``).
Each example is rendered as one text with ``input_template`` (default
``"{premise} [SEP] {hypothesis}"`` for NLI, formatted with the example's fields), or
passed as a pandas DataFrame with one column per input field (``input: frame``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

from harness.core import Example
from harness.errors import ModelError
from harness.models.base import (
    ModelContext,
    ModelOptions,
    ModelSpec,
    declare_file_adapter,
    model_file,
)
from harness.models.common import (
    FingerprintedOnce,
    adapter_description,
    check_label_mapping,
    label_map_option,
    option_int,
    sha256_file,
)
from harness.models.opt_in import COMMAND_LINE_ONLY, unsafe_load


def default_template(input_fields: Sequence[str]) -> str:
    """``{premise} [SEP] {hypothesis}`` for NLI; the fields joined by `` [SEP] `` otherwise.

    >>> default_template(["premise", "hypothesis"])
    '{premise} [SEP] {hypothesis}'
    """
    return " [SEP] ".join("{" + name + "}" for name in input_fields)


class SklearnModel(FingerprintedOnce):
    """A fitted estimator with ``classes_`` and ``predict_proba`` (or just ``predict``)."""

    cacheable = True
    truncated_count = 0

    def __init__(
        self,
        path: Path,
        estimator: Any,
        *,
        input_fields: Sequence[str],
        options: Mapping[str, Any],
        spec: str = "",
    ) -> None:
        self.path = Path(path)
        self.estimator = estimator
        self.input_fields = tuple(input_fields)
        self.input_mode = str(options.get("input", "text"))
        if self.input_mode not in {"text", "frame"}:
            raise ModelError(f"model option input={self.input_mode!r} must be 'text' or 'frame'")
        self.template = str(options.get("input_template", default_template(self.input_fields)))
        self.batch_size = option_int(options, "batch_size", 256)
        self.label_map = label_map_option(options)
        self.spec = spec or f"sklearn:{path}"
        classes = getattr(estimator, "classes_", None)
        if classes is None:
            raise ModelError(
                f"{self.path}: the estimator has no classes_; save a fitted classifier"
            )
        self.classes = list(classes)
        self.labels: tuple[str, ...] = tuple(str(label) for label in self.classes)

    def fingerprint_fields(self) -> dict[str, Any]:
        return {
            "adapter": "sklearn/1",
            "file": sha256_file(self.path),
            "input": self.input_mode,
            "input_template": self.template if self.input_mode == "text" else None,
            "label_map": self.label_map,
        }

    def describe(self) -> dict[str, Any]:
        return adapter_description(
            "sklearn",
            self.path.name,
            self.spec,
            f"scikit-learn {type(self.estimator).__name__} from {self.path.name}",
            device="cpu",
            labels=list(self.labels),
            input=self.input_mode,
            input_template=self.template if self.input_mode == "text" else None,
        )

    def render(self, examples: Sequence[Example]) -> Any:
        """What the estimator is given: a list of texts, or a DataFrame of input fields."""
        if self.input_mode == "frame":
            import pandas as pd

            return pd.DataFrame(
                [
                    {name: example.fields.get(name) for name in self.input_fields}
                    for example in examples
                ],
                columns=list(self.input_fields),
            )
        texts = []
        for example in examples:
            try:
                texts.append(self.template.format(**example.fields))
            except (KeyError, IndexError, ValueError) as error:
                raise ModelError(
                    f"input_template {self.template!r} cannot be filled from example "
                    f"'{example.id}' (fields: {', '.join(example.fields)}): {error!r}"
                ) from None
        return texts

    def classify(self, examples: Sequence[Example]) -> np.ndarray:
        if not examples:
            return np.zeros((0, len(self.labels)))
        inputs = self.render(examples)
        if hasattr(self.estimator, "predict_proba"):
            probabilities = np.asarray(self.estimator.predict_proba(inputs), dtype=np.float64)
        else:
            predicted = list(self.estimator.predict(inputs))
            probabilities = np.zeros((len(examples), len(self.classes)))
            for row, label in enumerate(predicted):
                probabilities[row, self.classes.index(label)] = 1.0
        if probabilities.shape != (len(examples), len(self.labels)):
            raise ModelError(
                f"{self.path}: predict_proba returned shape {probabilities.shape}, expected "
                f"({len(examples)}, {len(self.labels)})"
            )
        return probabilities


def load_sklearn_model(spec: ModelSpec, context: ModelContext) -> SklearnModel:
    """Load ``sklearn:PATH`` (a joblib file); refuses without the pickle opt-in."""
    path = model_file(spec, "model.joblib")
    if not context.allow_pickle:
        raise unsafe_load(f"{path} is a pickle", COMMAND_LINE_ONLY["allow_pickle"])
    import joblib

    try:
        estimator = joblib.load(path)
    except Exception as error:  # unpickling can raise anything
        raise ModelError(f"{path}: cannot be loaded with joblib: {error}") from None
    model = SklearnModel(
        path, estimator, input_fields=context.input_fields, options=spec.options, spec=str(spec)
    )
    check_label_mapping(model.labels, context.labels, spec.options, model_name=str(path))
    return model


class SklearnOptions(ModelOptions):
    """Options of ``sklearn``."""

    input: Literal["text", "frame"] = "text"
    input_template: str | None = None


declare_file_adapter(
    load_sklearn_model,
    SklearnOptions,
    description="a joblib scikit-learn pipeline (needs --allow-pickle)",
    serves=("classify",),
)
