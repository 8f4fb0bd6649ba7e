"""Code a suite names runs only when the command line says so.

A suite file may come from anyone (a repository, a colleague, an issue), and opening it
with ``run``, ``validate`` or ``doctor`` must not run code nobody chose. A suite names
code through a model spec whose adapter imports a module of the user's (``python:
pkg.mod:fn``; ``names_code`` in ``declare_options``): its ``model:``, or a model a test
kind or an analysis asks besides the one under test (a coherence test's ``judge:``),
each declared by the component (``named_models(spec)``: ``(field path, ModelSpec, the
command-line option that replaces it)``).

Such a suite is refused, before anything is imported, with one line naming the file,
the line, the field and the spec, unless ``--allow-code`` is given; a spec the command
line replaces (``--model``, ``--judge``) is never loaded, so it needs no opt-in, and a
``python:`` spec given on the command line is the user's own choice.

Where imports are looked up is the user's too: the installed packages and the folders
on ``PYTHONPATH``. harness never puts the suite's folder on the import path, and
``python -m harness`` takes off the working directory that Python puts first
(``harness/__main__.py``), so a module lying beside a suite is not imported by
accident.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from harness.errors import UnsafeLoadError
from harness.files.yaml_positions import Location
from harness.models.base import ModelSpec
from harness.models.opt_in import refuse_named_code
from harness.registry import ANALYSES, TEST_KINDS
from harness.suite.spec import Suite


@dataclass(frozen=True)
class NamedModel:
    """A model spec written in a suite file, where, and the option that replaces it."""

    location: Location
    spec: ModelSpec
    replaced_by: str


def named_models(suite: Suite) -> Iterator[NamedModel]:
    """Every model spec the suite's file names: ``model:``, then what its tests' kinds
    and its analyses declare (``named_models(spec)`` / ``named_models(options)``)."""
    if suite.model is not None:
        yield NamedModel(("model",), suite.model, "--model")
    for plan in suite.tests:
        declared = getattr(TEST_KINDS.get(plan.kind), "named_models", None)
        if declared is not None:
            for field, spec, replaced_by in declared(plan.spec):
                yield NamedModel((*plan.location, *field), spec, replaced_by)
    for index, (name, options) in enumerate(suite.analyses):
        declared = getattr(ANALYSES.get(name), "named_models", None)
        if declared is not None:
            for field, spec, replaced_by in declared(options):
                yield NamedModel(("analyses", index, *field), spec, replaced_by)


def check_named_code(suite: Suite, *, allow_code: bool, given: Collection[str] = ()) -> None:
    """Refuse a suite that names code to import (``UnsafeLoadError``, one line at the
    suite's line and field) unless ``allow_code``; ``given`` are the command-line options
    that replace a suite's spec (``--model``, ``--judge``), whose specs are not loaded."""
    if allow_code:
        return
    for named in named_models(suite):
        if named.replaced_by in given:
            continue
        refusal = refuse_named_code(named.spec, named.replaced_by)
        if refusal is not None:
            located = suite.sources.error(named.location, str(refusal))
            raise UnsafeLoadError(str(located))
