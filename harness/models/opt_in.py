"""Loads that can run code, and the command-line opt-in each needs.

Three kinds of model load run code that is not harness's own:

* a pickle (``sklearn:model.joblib``): unpickling runs whatever the file says;
* a Hugging Face checkpoint with its own Python code (``trust_remote_code``);
* Python code named by a file (``python:pkg.mod:fn`` in a suite's ``model:`` or a
  coherence test's ``judge:``, or in the run directory ``harness explain`` reads):
  importing the module runs it.

Each is refused unless the command line opts in (``--allow-pickle``,
``--trust-remote-code``, ``--allow-code``): a suite or a run directory may come from
someone else, and opening it must not run their code. A ``python:`` spec given on the
command line (``--model``, ``--judge``) is the user's own choice and needs no flag.
The refusals share one form (``unsafe_load``):

    <what>; loading it can run code; pass <flag> if you trust it
"""

from __future__ import annotations

from typing import Any

from harness.errors import UnsafeLoadError
from harness.models.base import COMMAND_LINE_ONLY, ModelSpec

__all__ = [
    "ALLOW_CODE_FLAG",
    "COMMAND_LINE_ONLY",
    "code_named_by",
    "is_own_module",
    "refuse_named_code",
    "unsafe_load",
]

#: The flag that lets a suite (or a run directory) name Python code to import.
ALLOW_CODE_FLAG = "--allow-code"

#: harness's own modules: part of the program being run, so naming them runs nothing
#: new (the built-in example suites' scripted models live in ``harness.testing``).
OWN_PACKAGE = "harness"


def unsafe_load(what: str, flag: str, instead: str = "") -> UnsafeLoadError:
    """The one form of a refused load: ``<what>; loading it can run code; pass <flag> if
    you trust it``, then ``instead`` (another way to opt in) when given."""
    hint = f" ({instead})" if instead else ""
    return UnsafeLoadError(f"{what}; loading it can run code; pass {flag} if you trust it{hint}")


def is_own_module(module: str) -> bool:
    """Whether ``module`` is one of harness's own (``harness`` or ``harness.x.y``)."""
    return module == OWN_PACKAGE or module.startswith(OWN_PACKAGE + ".")


def code_named_by(spec: ModelSpec) -> str | None:
    """The module a spec would import to build its model, as its adapter declares it
    (``names_code`` in ``declare_options``); None when it names no code of the user's
    (a built-in adapter's weights, an installed plugin adapter: installed code is the
    user's own, as pytest treats its installed plugins)."""
    from harness.registry import MODELS

    names_code: Any = getattr(MODELS.get(spec.kind), "names_code", None)
    return names_code(spec) if names_code is not None else None


def refuse_named_code(spec: ModelSpec, flag_instead: str) -> UnsafeLoadError | None:
    """The refusal for a spec read from a file that names code, or None when it names
    none; ``flag_instead`` is the command-line option that would give the spec itself
    (``--model``)."""
    module = code_named_by(spec)
    if module is None:
        return None
    return unsafe_load(
        f"{spec} names Python code to import (module {module})",
        ALLOW_CODE_FLAG,
        f"or give it on the command line: {flag_instead} {spec}" if flag_instead else "",
    )
