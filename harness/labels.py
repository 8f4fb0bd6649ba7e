"""Mapping label names between models, data and suites: by name, never by index.

A model whose labels cannot be mapped onto the suite's labels is an error, never a
silent index match: LABEL_0/LABEL_1 heads must be given an explicit ``label_map``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from harness.errors import LabelMappingError
from harness.registry import did_you_mean

#: A test's ``label_mapping`` that scores a three-way NLI model on two-way items
#: (HANS-style: entailment or not).
TWO_WAY_NLI: Mapping[str, str] = {"neutral": "non-entailment", "contradiction": "non-entailment"}


def _normalise(label: str) -> str:
    return label.strip().lower().replace("-", "_").replace(" ", "_")


def unknown_label_map_keys(
    model_labels: Sequence[str], label_map: Mapping[str, str] | None
) -> list[str]:
    """``label_map`` keys that name no label of the model (compared as names are).

    >>> unknown_label_map_keys(["LABEL_0", "LABEL_1"], {"label_0": "yes", "LABEL_2": "no"})
    ['LABEL_2']
    """
    known = {_normalise(str(label)) for label in model_labels}
    return [key for key in (label_map or {}) if _normalise(str(key)) not in known]


def unknown_label_map_message(key: str, model_labels: Sequence[str], model_name: str) -> str:
    return (
        f"label_map names '{key}', which {model_name} does not have (its labels: "
        f"{', '.join(map(str, model_labels))})"
        f"{did_you_mean(_normalise(key), [_normalise(str(label)) for label in model_labels])}"
    )


def model_label_matrix(
    model_labels: Sequence[str],
    suite_labels: Sequence[str],
    label_map: Mapping[str, str] | None = None,
    *,
    model_name: str = "model",
) -> np.ndarray:
    """A 0/1 matrix M (model labels × suite labels) so that ``suite_probs = model_probs @ M``.

    Names match case-insensitively (``ENTAILMENT`` → ``entailment``); ``label_map``
    overrides by model label name. Several model labels may map onto one suite label
    (their probabilities add up); every model label and every suite label must be covered.

    >>> model_label_matrix(["CONTRADICTION", "NEUTRAL", "ENTAILMENT"],
    ...                    ["entailment", "neutral", "contradiction"]).tolist()
    [[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
    """
    explicit = {_normalise(k): v for k, v in (label_map or {}).items()}
    by_name = {_normalise(label): index for index, label in enumerate(suite_labels)}
    matrix = np.zeros((len(model_labels), len(suite_labels)))
    for row, model_label in enumerate(model_labels):
        target = explicit.get(_normalise(str(model_label)), str(model_label))
        column = by_name.get(_normalise(target))
        if column is None:
            raise LabelMappingError(
                f"{model_name} label '{model_label}' does not match any suite label "
                f"({', '.join(suite_labels)}); pass label_map, e.g. "
                f"--model-option label_map.{model_label}={suite_labels[0]}"
            )
        matrix[row, column] = 1.0
    uncovered = [suite_labels[c] for c in range(len(suite_labels)) if matrix[:, c].sum() == 0]
    if uncovered:
        raise LabelMappingError(
            f"{model_name} has no label for suite label(s) {', '.join(uncovered)} "
            f"(model labels: {', '.join(map(str, model_labels))}); map them with label_map "
            f"or collapse the suite's labels with a test's label_mapping"
        )
    return matrix


def collapse_matrix(
    labels: Sequence[str], mapping: Mapping[str, str]
) -> tuple[tuple[str, ...], np.ndarray]:
    """Collapse labels (e.g. neutral+contradiction → non-entailment).

    Returns the new label list (first-seen order) and the matrix to apply to
    probabilities. Labels not named in ``mapping`` keep their name.

    >>> names, m = collapse_matrix(["entailment", "neutral", "contradiction"],
    ...     {"neutral": "non-entailment", "contradiction": "non-entailment"})
    >>> names
    ('entailment', 'non-entailment')
    >>> m.tolist()
    [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]
    """
    new_labels: list[str] = []
    for label in labels:
        target = mapping.get(label, label)
        if target not in new_labels:
            new_labels.append(target)
    matrix = np.zeros((len(labels), len(new_labels)))
    for row, label in enumerate(labels):
        matrix[row, new_labels.index(mapping.get(label, label))] = 1.0
    return tuple(new_labels), matrix
