"""Everything that can be checked before a model runs, shared by ``run`` and ``validate``.

A mistake found after an hour of predictions, or never (a misspelt label that quietly
selects nothing), is the expensive kind. So before the model loads:

* names in the suite refer to things that exist (``check_suite_names``, at suite load):
  ``label_mapping`` keys and ``label_values`` targets are suite labels, ``columns`` keys
  are the task's fields, analyses name tests the suite has;
* every test's data loads, and what the test names in it is there (``load_all_data``):
  ``slice_by`` tags; a data error without a file of its own (an inline example) is
  located at the suite line that holds it;
* the model spec resolves (``check_model_spec``): its kind is registered, its options
  validate, and whatever the adapter can check without loading weights (a factory's
  optional ``check(spec, context)``: a local file, an importable callable);
* output and cache directories can be created and written (``check_directory``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from harness.core import Example
from harness.errors import DataError, HarnessError, OutputPathError
from harness.files.yaml_positions import Location
from harness.registry import did_you_mean

#: Option fields through which an analysis names tests of its suite.
ANALYSIS_TEST_FIELDS = ("test", "tests", "reference_test", "references")


def check_directory(path: Path, what: str) -> None:
    """``path`` is a directory or can be made one, and is writable: else one line naming it.

    >>> check_directory(Path("/dev/null/run"), "--out")
    Traceback (most recent call last):
    harness.errors.OutputPathError: /dev/null/run (--out): /dev/null is a file, not a directory
    """
    existing = path
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        where = "is a file" if existing == path else f"{existing} is a file"
        raise OutputPathError(f"{path} ({what}): {where}, not a directory")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputPathError(f"{path} ({what}): {existing} is not writable")


def _unknown(kind: str, value: str, known: Sequence[str]) -> str:
    return f"unknown {kind} '{value}'{did_you_mean(value, list(known))}; known: {', '.join(known)}"


def check_suite_names(
    tests: Sequence[Any],
    analyses: Sequence[tuple[Location, Any]],
    labels: Sequence[str],
    fields: Sequence[str],
    sources: Any,
) -> None:
    """Static references of a suite (``tests``: its TestPlans); errors at the suite line."""
    test_names = [plan.spec.name for plan in tests]
    for plan in tests:
        if labels:
            for key in plan.spec.label_mapping:
                if key not in labels:
                    raise sources.error(
                        (*plan.location, "label_mapping", key), _unknown("label", key, labels)
                    )
            for raw, label in getattr(plan.data, "label_values", {}).items():
                if label not in labels:
                    raise sources.error(
                        (*plan.location, "data", "label_values", raw),
                        _unknown("label", label, labels),
                    )
        # A test with a task of its own maps that task's fields and target.
        known = list(fields)
        if plan.task is not None:
            from harness.tasks import task_class

            known = [*plan.task.input_fields, task_class(plan.task.name).target_column, "id"]
        for field in getattr(plan.data, "columns", {}):
            if field not in known:
                raise sources.error(
                    (*plan.location, "data", "columns", field), _unknown("field", field, known)
                )
    for location, options in analyses:
        for name in ANALYSIS_TEST_FIELDS:
            value = getattr(options, name, None)
            named = (
                list(value.values())
                if isinstance(value, Mapping)
                else [value]
                if isinstance(value, str)
                else list(value or [])
            )
            for index, test in enumerate(named):
                if test not in test_names:
                    where = (
                        (*location, name)
                        if isinstance(value, str | Mapping)
                        else (*location, name, index)
                    )
                    raise sources.error(where, _unknown("test", str(test), test_names))


def load_all_data(suite: Any, load: Callable[[Any], list[Example]]) -> dict[str, list[Example]]:
    """Each test's examples, loaded once before the model runs, with their names checked."""
    loaded: dict[str, list[Example]] = {}
    for plan in suite.tests:
        try:
            examples = load(plan.data)
        except DataError as error:
            if error.path is not None:
                raise
            # No file of its own: inline examples (row = line) or a sample of the data block.
            where: Location = (*plan.location, "data")
            if getattr(plan.data, "source", None) == "inline" and error.line is not None:
                where = (*where, "examples", error.line)
            raise suite.sources.error(where, error.message) from None
        tags = {key for example in examples for key in example.meta}
        # Tags a task adds when it scores (extractive QA: answer_position) are known too.
        from harness.tasks import task_class

        tags |= set(
            getattr(task_class(plan.task.name if plan.task else suite.task), "score_tags", ())
        )
        for index, tag in enumerate(plan.spec.slice_by):
            if tag not in tags:
                raise suite.sources.error(
                    (*plan.location, "slice_by", index),
                    f"no example of this test has the tag '{tag}'"
                    f"{did_you_mean(tag, sorted(tags))}; tags: {', '.join(sorted(tags)) or 'none'}",
                )
        loaded[plan.spec.name] = examples
    return loaded


def check_model_spec(spec: Any, context: Any) -> None:
    """Kind registered, options valid, and the adapter's own cheap ``check`` (no weights)."""
    from harness.models.base import validate_model_options
    from harness.registry import MODELS

    factory = MODELS.get(spec.kind)
    validate_model_options(spec, factory)
    check = getattr(factory, "check", None)
    if check is not None:
        check(spec, context)


def locate_model_error(error: HarnessError, suite: Any, from_suite: bool) -> HarnessError:
    """A model error from the suite's ``model:`` names its line; one from ``--model`` says so."""
    if from_suite:
        return suite.sources.error(("model",), str(error))
    try:
        return type(error)(f"--model: {error}")
    except TypeError:  # an error class with its own constructor
        return HarnessError(f"--model: {error}")
