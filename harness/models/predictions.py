"""``predictions``: precomputed predictions in a JSONL or CSV file, keyed by example id.

    {"id": "nc-test-0017", "label": "entailment"}
    {"id": "nc-test-0018", "probabilities": {"entailment": 0.1, "neutral": 0.7, "contradiction": 0.2}}
    {"id": "nli-core/test:nc-test-0019", "entailment": 0.2, "neutral": 0.2, "contradiction": 0.6}

or CSV with an ``id`` column and either a ``label`` column or one numeric column per
label. A bare label counts as probability 1 for that label; probabilities are scaled
to sum to 1. Options: ``id_column`` (default ``id``), ``label_map``.

An example's id is ``SOURCE:ROW_ID`` (``nli-core/test:nc-test-0017``: the built-in
split and the row's own ``id``; a file's name without its suffix; the row's index when
the data has no ids). A row may give either that full id or the dataset's own id
(``nc-test-0017``), as long as the own id belongs to one example of the run; generated
and perturbed items have ids no one can guess, and ``harness export SUITE`` writes
every id a suite will ask for, with its fields.

For the other tasks a row holds the answer in the task's form:

    {"id": "mc:3", "choice": 2}                       multiple_choice (or "loglikelihoods": [...])
    {"id": "qa:7", "answer": "Paris"}                 extractive_qa ("" for no answer;
                                                      or {"text": ..., "start": ...})
    {"id": "gen:1", "text": "a generated answer"}     generation

A file answers only the ids it lists: tests that make new inputs as they go (attacks)
and explanations of failures (which ask about reworded inputs) are skipped with a note.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from harness.core import Example
from harness.errors import ModelError
from harness.files.jsonio import read_jsonl
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
    answer_span,
    check_label_mapping,
    label_map_option,
    sha256_file,
    sha256_json,
)
from harness.requests import CLASSIFY
from harness.tasks import task_class


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs from a JSONL or CSV/TSV file."""
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        yield from read_jsonl(path, ModelError)
    elif suffix in {".csv", ".tsv"}:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t" if suffix == ".tsv" else ",")
            for row in reader:
                yield reader.line_num, dict(row)
    else:
        raise ModelError(f"{path}: predictions must be .jsonl or .csv (or .tsv)")


def read_predictions(path: Path, id_column: str = "id") -> dict[str, dict[str, float]]:
    """example id → {label: probability} (rows scaled to sum to 1)."""
    predictions: dict[str, dict[str, float]] = {}
    for number, row in _rows(path):
        where = f"{path}:{number}"
        if row.get(id_column) in (None, ""):
            raise ModelError(f"{where}: no '{id_column}' (each row needs the example id)")
        example_id = str(row[id_column])
        if example_id in predictions:
            raise ModelError(f"{where}: example id '{example_id}' occurs more than once")
        scores: dict[str, float] = {}
        if isinstance(row.get("probabilities"), Mapping):
            for label, value in row["probabilities"].items():
                number_value = _number(value)
                if number_value is None:
                    raise ModelError(f"{where}: probability of '{label}' is not a number")
                scores[str(label)] = number_value
        else:
            for column, value in row.items():
                if column in {id_column, "label", "probabilities"}:
                    continue
                number_value = _number(value)
                if number_value is not None:
                    scores[str(column)] = number_value
            if not scores:
                label = row.get("label")
                if label in (None, ""):
                    raise ModelError(
                        f"{where}: needs a 'label', a 'probabilities' object or one "
                        f"numeric column per label"
                    )
                scores = {str(label): 1.0}
        if any(value < 0 for value in scores.values()) or sum(scores.values()) <= 0:
            raise ModelError(f"{where}: probabilities must be non-negative and not all zero")
        total = sum(scores.values())
        predictions[example_id] = {label: value / total for label, value in scores.items()}
    if not predictions:
        raise ModelError(f"{path}: no predictions in the file")
    return predictions


def _normalise(label: str) -> str:
    return label.strip().lower().replace("-", "_").replace(" ", "_")


def prediction_labels(
    seen: Sequence[str], suite_labels: Sequence[str], label_map: Mapping[str, str] | None
) -> tuple[str, ...]:
    """The labels seen in the file, plus suite labels nobody predicted when all seen map.

    >>> prediction_labels(["entailment", "contradiction"], ["entailment", "neutral", "contradiction"], None)
    ('contradiction', 'entailment', 'neutral')
    """
    explicit = {_normalise(k): v for k, v in (label_map or {}).items()}
    suite = {_normalise(label) for label in suite_labels}
    targets = {_normalise(explicit.get(_normalise(label), label)) for label in seen}
    labels = set(seen)
    if targets <= suite:
        labels |= {label for label in suite_labels if _normalise(label) not in targets}
    return tuple(sorted(labels))


class RowIds:
    """Finds a file's row for an example id: the full id, or the dataset's own id.

    An example id is ``SOURCE:OWN_ID``; a row keyed by ``OWN_ID`` answers it when no row
    has the full id and no other example of the run has claimed that own id (two data
    files with a row ``1`` each: their rows must be keyed by full id).
    """

    def __init__(self, path: Path, ids: Iterable[str]) -> None:
        self.path = path
        self.ids = set(ids)
        self._claimed: dict[str, str] = {}  # own id -> the example id that used it

    def find(self, example_id: str) -> str | None:
        """The file's key for ``example_id``, or None when the file has no row for it."""
        if example_id in self.ids:
            return example_id
        _, separator, own = example_id.partition(":")
        if not separator or own not in self.ids:
            return None
        claimed = self._claimed.setdefault(own, example_id)
        if claimed != example_id:
            raise ModelError(
                f"{self.path}: id '{own}' is ambiguous: examples '{claimed}' and "
                f"'{example_id}' both have it; key these rows by the full id"
            )
        return own

    def missing(self, example_ids: Sequence[str]) -> ModelError | None:
        """The error for the ids the file has no row for (None when it has them all)."""
        missing = [example_id for example_id in example_ids if self.find(example_id) is None]
        if not missing:
            return None
        first = missing[0]
        own = first.partition(":")[2]
        also = f" (or '{own}')" if own else ""
        return ModelError(
            f"{self.path}: no prediction for example id '{first}'{also} ({len(missing)} of "
            f"{len(example_ids)} ids missing); the file must have a row for every id the suite "
            "asks for: harness export SUITE writes them all"
        )


def _described(path: Path, spec: str, what: str, **details: Any) -> dict[str, Any]:
    """``describe()`` of a predictions file: ``what`` it holds, answered by id only."""
    return adapter_description(
        "predictions",
        path.name,
        spec,
        f"{what} from {path.name}",
        device="none",
        **details,
        answers_only_listed_ids=True,
    )


class PredictionsModel(FingerprintedOnce):
    """Looks each example up by id; never worth caching (``cacheable = False``)."""

    cacheable = False
    answers_only_listed_ids = True
    truncated_count = 0
    batch_size = 1024

    def __init__(
        self,
        path: Path,
        *,
        suite_labels: Sequence[str],
        options: Mapping[str, Any],
        spec: str = "",
    ) -> None:
        self.path = Path(path)
        self.spec = spec or f"predictions:{path}"
        self.label_map = label_map_option(options)
        self.predictions = read_predictions(self.path, str(options.get("id_column", "id")))
        self.row_ids = RowIds(self.path, self.predictions)
        seen = sorted({label for scores in self.predictions.values() for label in scores})
        self.labels: tuple[str, ...] = prediction_labels(seen, suite_labels, self.label_map)

    def fingerprint_fields(self) -> dict[str, Any]:
        return {
            "adapter": "predictions/1",
            "file": sha256_file(self.path),
            "label_map": self.label_map,
        }

    def describe(self) -> dict[str, Any]:
        return _described(
            self.path,
            self.spec,
            f"{len(self.predictions)} precomputed predictions",
            labels=list(self.labels),
        )

    def classify(self, examples: Sequence[Example]) -> np.ndarray:
        problem = self.row_ids.missing([example.id for example in examples])
        if problem is not None:
            raise problem
        column = {label: index for index, label in enumerate(self.labels)}
        probabilities = np.zeros((len(examples), len(self.labels)))
        for row, example in enumerate(examples):
            key = self.row_ids.find(example.id)
            assert key is not None  # every id was found above
            for label, value in self.predictions[key].items():
                probabilities[row, column[label]] = value
        return probabilities


class PrecomputedAnswers:
    """Answers of a multiple-choice, QA or generation task, looked up by example id."""

    cacheable = False
    answers_only_listed_ids = True
    truncated_count = 0
    batch_size = 1024
    labels: tuple[str, ...] = ()

    def __init__(self, path: Path, *, serves: str, id_column: str, spec: str = "") -> None:
        self.path = Path(path)
        self.spec = spec or f"predictions:{path}"
        self.serves = (serves,)
        self.rows: dict[str, tuple[int, dict[str, Any]]] = {}
        for number, row in _rows(self.path):
            if row.get(id_column) in (None, ""):
                raise ModelError(
                    f"{path}:{number}: no '{id_column}' (each row needs the example id)"
                )
            example_id = str(row[id_column])
            if example_id in self.rows:
                raise ModelError(
                    f"{path}:{number}: example id '{example_id}' occurs more than once"
                )
            self.rows[example_id] = (number, row)
        if not self.rows:
            raise ModelError(f"{path}: no predictions in the file")
        self.row_ids = RowIds(self.path, self.rows)

    def fingerprint(self) -> str:
        return sha256_json({"adapter": "predictions-answers/1", "file": sha256_file(self.path)})

    def describe(self) -> dict[str, Any]:
        return _described(self.path, self.spec, f"{len(self.rows)} precomputed answers")

    def _row(self, example_id: str, key: str) -> tuple[str, Any]:
        found = self.row_ids.find(example_id)
        if found is None:
            raise self.row_ids.missing([example_id]) or ModelError(example_id)
        number, row = self.rows[found]
        if key not in row:
            raise ModelError(f"{self.path}:{number}: no '{key}' for example '{example_id}'")
        return f"{self.path}:{number}", row[key]

    def loglikelihood(self, requests: Sequence[Any]) -> list[tuple[float, bool]]:
        answers = []
        for request in requests:
            found = self.row_ids.find(request.example_id)
            number, row = self.rows.get(found, (0, {})) if found is not None else (0, {})
            if "loglikelihoods" in row:
                where, values = self._row(request.example_id, "loglikelihoods")
                if not isinstance(values, list) or request.index >= len(values):
                    raise ModelError(
                        f"{where}: 'loglikelihoods' has no value for choice {request.index}"
                    )
                answers.append((float(values[request.index]), False))
                continue
            where, choice = self._row(request.example_id, "choice")
            if isinstance(choice, str) and choice.strip().isdigit():
                choice = int(choice)
            if isinstance(choice, bool) or not isinstance(choice, int):
                raise ModelError(f"{where}: 'choice' must be a choice index")
            # A chosen answer without scores: certain of it, nothing for the others.
            answers.append((0.0 if request.index == choice else float("-inf"), False))
        return answers

    def extract_span(self, requests: Sequence[Any]) -> list[Mapping[str, Any]]:
        spans = []
        for request in requests:
            where, answer = self._row(request.example_id, "answer")
            text, span = answer_span(answer, request.context)
            if span is None:
                raise ModelError(f"{where}: answer {text!r} is not a span of the example's context")
            spans.append(span)
        return spans

    def generate(self, requests: Sequence[Any]) -> list[dict[str, str]]:
        return [{"text": str(self._row(request.example_id, "text")[1])} for request in requests]


def load_predictions_model(spec: ModelSpec, context: ModelContext) -> Any:
    """Load ``predictions:PATH`` (JSONL or CSV keyed by example id)."""
    path = model_file(spec, "preds.jsonl", "predictions")
    # A task without labels says which request its precomputed answers serve.
    answers = getattr(task_class(context.task), "precomputed_answers", None)
    if answers is not None:
        return PrecomputedAnswers(
            path,
            serves=answers,
            id_column=str(spec.options.get("id_column", "id")),
            spec=str(spec),
        )
    model = PredictionsModel(
        path, suite_labels=context.labels, options=spec.options, spec=str(spec)
    )
    check_label_mapping(
        model.labels, context.labels, spec.options, model_name=str(path), labels_are_fixed=False
    )
    return model


def _predictions_serve(spec: ModelSpec, context: ModelContext) -> tuple[str, ...]:
    """A file answers what the suite's task asks of it: its precomputed answers, or labels."""
    return (getattr(task_class(context.task), "precomputed_answers", None) or CLASSIFY,)


class PredictionsOptions(ModelOptions):
    """Options of ``predictions``."""

    id_column: str = "id"


declare_file_adapter(
    load_predictions_model,
    PredictionsOptions,
    description="precomputed predictions (JSONL/CSV) keyed by example id",
    serves=_predictions_serve,
)
