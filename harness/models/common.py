"""Small pieces every model adapter shares: hashing, option coercion, inputs, labels.

Nothing here imports torch or transformers; ``harness.models.batching`` holds the
tokenizer and batching code that the transformer-based adapters share.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from harness.cache import file_digests
from harness.core import Example
from harness.errors import LabelMappingError, ModelError
from harness.requests import span_response


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes, hashed once per (path, size, modification time):
    remembered in the process and, during a run, in the cache directory
    (``harness.cache.file_digests``)."""
    return file_digests.sha256_file(path)


def sha256_json(value: Any) -> str:
    """The sha256 of a JSON rendering of ``value`` (keys sorted, non-JSON values as str)."""
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FingerprintedOnce:
    """An adapter whose fingerprint is the hash of ``fingerprint_fields()``, computed on
    first use and kept (the fields hash model files, which do not change during a run)."""

    _fingerprint: str | None = None

    def fingerprint_fields(self) -> dict[str, Any]:
        raise NotImplementedError

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = sha256_json(self.fingerprint_fields())
        return self._fingerprint


def adapter_description(
    kind: str, name: str, spec: str, description: str, *, is_reference: bool = False, **details: Any
) -> dict[str, Any]:
    """What an adapter's ``describe()`` returns: the fields every adapter gives, in the
    order the run record shows them, then its own ``details``."""
    return {
        "kind": kind,
        "name": name,
        "spec": spec,
        "is_reference": is_reference,
        "description": description,
        **details,
    }


# Files in a Hugging Face model directory that decide its predictions.
_MODEL_FILE_SUFFIXES = (".json", ".txt", ".model", ".safetensors", ".bin", ".jinja")
_IGNORED_MODEL_FILES = {"training_args.bin", "trainer_state.json"}


def model_directory_files(directory: Path) -> list[Path]:
    """Config, tokenizer and weights files of a saved model (top level, sorted by name)."""
    return sorted(
        path
        for path in directory.iterdir()
        if path.is_file()
        and not path.name.startswith(".")
        and path.suffix in _MODEL_FILE_SUFFIXES
        and path.name not in _IGNORED_MODEL_FILES
    )


def sha256_model_directory(directory: Path) -> str:
    """A hash over the names and contents of a saved model's config/tokenizer/weights files."""
    return sha256_json({path.name: sha256_file(path) for path in model_directory_files(directory)})


def option_int(options: Mapping[str, Any], name: str, default: int, *, minimum: int = 1) -> int:
    """An integer option (the CLI may pass it as a string), checked against ``minimum``."""
    value = options.get(name, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ModelError(f"model option {name}={value!r} is not an integer") from None
    if number < minimum:
        raise ModelError(f"model option {name}={number} must be at least {minimum}")
    return number


def option_bool(options: Mapping[str, Any], name: str, default: bool = False) -> bool:
    """A boolean option; accepts true/false/yes/no/1/0 strings from the command line."""
    value = options.get(name, default)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "yes", "1", "on"}:
        return True
    if text in {"false", "no", "0", "off", ""}:
        return False
    raise ModelError(f"model option {name}={value!r} is not true or false")


def label_map_option(options: Mapping[str, Any]) -> dict[str, str] | None:
    """The ``label_map`` option (model label → suite label), checked to be a mapping."""
    label_map = options.get("label_map")
    if label_map is None:
        return None
    if not isinstance(label_map, Mapping):
        raise ModelError(
            f"model option label_map must map model labels to suite labels, got {label_map!r}"
        )
    return {str(key): str(value) for key, value in label_map.items()}


def example_inputs(
    examples: Iterable[Example], input_fields: Sequence[str]
) -> list[tuple[str, ...]]:
    """The input texts of each example, in ``input_fields`` order (e.g. premise, hypothesis)."""
    inputs = []
    for example in examples:
        try:
            inputs.append(tuple(str(example.fields[name]) for name in input_fields))
        except KeyError as error:
            raise ModelError(
                f"example '{example.id}' has no field {error}; it has "
                f"{', '.join(example.fields) or 'no fields'}"
            ) from None
    return inputs


def check_label_mapping(
    model_labels: Sequence[str],
    suite_labels: Sequence[str],
    options: Mapping[str, Any],
    model_name: str,
    *,
    labels_are_fixed: bool = True,
) -> None:
    """Fail at load time (``LabelMappingError``) when the model's labels cannot be mapped,
    or when ``label_map`` names a label the model does not have (a typo that would
    otherwise map nothing). ``labels_are_fixed=False``: the labels are only those seen so
    far (a predictions file), so a ``label_map`` may name more."""
    from harness.labels import model_label_matrix, unknown_label_map_keys, unknown_label_map_message

    label_map = label_map_option(options)
    if labels_are_fixed:
        for key in unknown_label_map_keys(model_labels, label_map):
            raise LabelMappingError(unknown_label_map_message(key, model_labels, model_name))
    model_label_matrix(list(model_labels), list(suite_labels), label_map, model_name=model_name)


def answer_span(answer: Any, context: str) -> tuple[str, Mapping[str, Any] | None]:
    """An answer given as its text or as ``{"text", "start"}``, and its ``extract_span``
    response: at ``start`` when given, else where the text first stands in ``context``;
    the empty answer spans nothing. None: the text is not a span of the context (the
    adapter says whose answer it was)."""
    if isinstance(answer, Mapping):
        text = str(answer.get("text", ""))
        start = answer.get("start")
    else:
        text, start = str(answer), None
    if not text:
        return text, span_response("", 0, 0)
    if not isinstance(start, int):
        start = context.find(text)
    if start < 0 or context[start : start + len(text)] != text:
        return text, None
    return text, span_response(text, start, start + len(text))


def normalise_rows(probabilities: np.ndarray) -> np.ndarray:
    """Rows scaled to sum to 1 (float64)."""
    probabilities = np.asarray(probabilities, dtype=np.float64)
    return probabilities / probabilities.sum(axis=1, keepdims=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp creates the file private (0600); cached files are ordinary data.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
