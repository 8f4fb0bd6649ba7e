"""The model-adapter contract.

An adapter serves typed requests (``harness.requests``): it declares the kinds it
serves in ``serves`` (or by having the methods) and has one method per kind:

    classify(examples)          -> probabilities, shape (n, len(labels))
    loglikelihood(requests)     -> [(log-prob, is_greedy)] or [{"loglikelihood", "is_greedy"}]
    generate(requests)          -> [text] or [{"text"}]
    extract_span(requests)      -> [{"text", "start", "end", "score"}]

A task asks for what it needs; a model that cannot serve it is refused at load.

Adapters are built by a factory registered in ``harness.registry.MODELS``::

    factory(spec: ModelSpec, context: ModelContext) -> adapter

and declare what they are with ``declare_options``: their options as a
``ModelOptions`` model (a misspelt option is an error with a did-you-mean, never
silently ignored), a description (``harness list models``), a cheap ``check`` for
``harness validate`` and the ``resources`` they need from the machine (``harness
doctor``). Constructors store what they are given and load lazily where they can.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.core import Example
from harness.errors import ModelError, ModelSpecError
from harness.registry import did_you_mean
from harness.requests import ExtractSpan, Generate, Loglikelihood
from harness.resources import Resource


@dataclass(frozen=True)
class ModelSpec:
    """Which adapter to build and with what: ``kind`` is a registry name.

    >>> ModelSpec.parse("hf-classifier:roberta-large-mnli")
    ModelSpec(kind='hf-classifier', target='roberta-large-mnli', options={})
    >>> ModelSpec.parse("reference").kind
    'reference'
    """

    kind: str
    target: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, options: Mapping[str, Any] | None = None) -> ModelSpec:
        kind, _, target = text.partition(":")
        if not kind:
            raise ModelError(f"model spec '{text}' has no kind; expected KIND[:TARGET]")
        return cls(kind=kind, target=target, options=dict(options or {}))

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}" if self.target else self.kind


#: What an adapter serves: request kinds, or a function of its spec and the suite.
ServedKinds = Sequence[str] | Callable[["ModelSpec", "ModelContext"], Sequence[str]]


@dataclass(frozen=True)
class ModelContext:
    """What an adapter may need to know about the suite it runs in."""

    task: str
    labels: tuple[str, ...]
    input_fields: tuple[str, ...]
    seed: int = 0
    # Where adapters may cache what they build (the reference model's fitted head).
    cache_dir: Path = Path(".harness-cache")
    # Explicit opt-ins for loads that can execute code.
    allow_pickle: bool = False
    trust_remote_code: bool = False


@runtime_checkable
class ClassifierModel(Protocol):
    """Gives, for each example, a probability for each of the model's own labels."""

    #: The model's own label names, in the column order of ``classify``'s output.
    labels: Sequence[str]
    #: False when predictions are already precomputed (nothing to gain by caching).
    cacheable: bool
    #: The batch size the runner should send (adapters may lower it on out-of-memory).
    batch_size: int
    #: How many inputs were truncated to the model's maximum length so far.
    truncated_count: int

    def fingerprint(self) -> str:
        """A hash that changes whenever the model's predictions could change."""
        ...

    def describe(self) -> Mapping[str, Any]:
        """Name, kind, spec and facts for results.json (``is_reference``, device, ...)."""
        ...

    def classify(self, examples: Sequence[Example]) -> np.ndarray:
        """Probabilities, shape (len(examples), len(labels)); rows sum to 1."""
        ...


@runtime_checkable
class LoglikelihoodModel(Protocol):
    """A language model scoring continuations: log P(continuation | context)."""

    def loglikelihood(self, requests: Sequence[Loglikelihood]) -> list[Any]: ...


@runtime_checkable
class GenerativeModel(Protocol):
    """A language model completing prompts (greedy unless a request says otherwise)."""

    def generate(self, requests: Sequence[Generate]) -> list[Any]: ...


@runtime_checkable
class SpanExtractionModel(Protocol):
    """An extractive QA model: the answer span in each request's context."""

    def extract_span(self, requests: Sequence[ExtractSpan]) -> list[Any]: ...


class ModelOptions(BaseModel):
    """Options every adapter may take; adapters extend this with their own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label_map: dict[str, str] = Field(default_factory=dict)
    batch_size: int | None = Field(default=None, ge=1, le=1_000_000)

    def check_spec(self, spec: ModelSpec) -> None:
        """What can be wrong with a spec whatever is on disk (``ModelSpecError``); adapters
        that know more (no target, fixed labels) say so. Runs wherever options validate."""


#: Options that open a door to running code (``ModelContext`` fields) and the flag that
#: sets each: only the command line may (harness.models.opt_in).
COMMAND_LINE_ONLY = {
    "allow_pickle": "--allow-pickle",
    "trust_remote_code": "--trust-remote-code",
}


#: ``resources(spec, base_dir)``: what an adapter needs from the machine (harness.resources).
ModelResources = Callable[[ModelSpec, Path], Iterator[Resource]]


def answers_only_listed_ids(model: Any) -> bool:
    """Whether ``model`` looks its answers up by example id (a predictions file): it cannot
    answer an input it was not given, so what makes new inputs as it goes (an attack,
    explanations by occlusion) skips it with a note instead of asking."""
    return bool(getattr(model, "answers_only_listed_ids", False))


def refuse_target(spec: ModelSpec, what: str) -> None:
    """For adapters with nothing to point at (the built-in baselines): a target would be
    ignored, so it is refused (``ModelSpecError``)."""
    if spec.target:
        raise ModelSpecError(
            f"{what} takes no target (got '{spec}'); write '{spec.kind}', or name another "
            "adapter (harness list models)",
            location=("path",),
        )


def declare_options(
    factory: Any,
    options: type[ModelOptions],
    check: Any | None = None,
    *,
    description: str = "",
    resources: ModelResources | None = None,
    serves: ServedKinds | None = None,
    usage: str = "",
    forms: Sequence[Mapping[str, Any]] = ({},),
    names_code: Callable[[ModelSpec], str | None] | None = None,
) -> None:
    """Attach what an adapter factory declares about itself: the options model it accepts,
    its one-line ``description`` (``harness list models``), optionally a cheap
    ``check(spec, context)`` that ``harness validate`` runs without loading the model
    (files present, callable importable), raising ``ModelError``, and optionally its
    ``resources(spec, base_dir)`` for ``harness doctor`` (an adapter without them, a
    served model, is not checked before the run).

    ``serves`` is what the adapter answers, known without loading it (request kinds, or
    ``serves(spec, context)`` where options or the task decide), so ``validate`` and
    ``doctor`` check a model against the suite as ``run`` does; ``usage`` (``":PATH"``)
    and ``forms`` (option sets that change what it serves) say how to name it when a
    suite needs what it serves (``harness.suite.model_fit``).

    ``names_code(spec)`` is the module of the user's that building ``spec`` would import
    (None: none): a spec read from a file that names code needs ``--allow-code``
    (``harness.models.opt_in``)."""
    setattr(factory, "Options", options)  # noqa: B010  (a function attribute, for mypy)
    setattr(factory, "description", description)  # noqa: B010
    setattr(factory, "usage", usage)  # noqa: B010
    setattr(factory, "forms", tuple(forms))  # noqa: B010
    if serves is not None:
        setattr(factory, "serves", serves)  # noqa: B010
    if check is not None:
        setattr(factory, "check", check)  # noqa: B010
    if resources is not None:
        setattr(factory, "resources", resources)  # noqa: B010
    if names_code is not None:
        setattr(factory, "names_code", names_code)  # noqa: B010


def declared_serves(factory: Any, spec: ModelSpec, context: ModelContext) -> frozenset[str] | None:
    """The request kinds ``spec`` would serve, as its adapter declares them without loading
    it; None for an adapter that declares nothing (a plugin: known once it loads)."""
    serves = getattr(factory, "serves", None)
    if serves is None:
        return None
    return frozenset(serves(spec, context) if callable(serves) else serves)


def model_file_resources(spec: ModelSpec, base_dir: Path) -> Iterator[Resource]:
    """``resources`` for adapters whose target is a local file (``sklearn``, ``predictions``)."""
    path = Path(spec.target).expanduser()
    path = path if path.is_absolute() or path.exists() else base_dir / path
    if path.is_file():
        yield Resource.found("model", f"{spec} ({path})")
    else:
        yield Resource.missing("model", str(spec), f"file not found: {path}")


def model_file(spec: ModelSpec, example: str = "PATH", what: str = "") -> Path:
    """The local file ``KIND:PATH`` names; one line when it names none (``example``: a
    path to show) or no file (``what``: what the file is, by default a KIND model)."""
    if not spec.target:
        raise ModelError(f"{spec.kind} needs a file, e.g. {spec.kind}:{example}")
    path = Path(spec.target).expanduser()
    if not path.is_file():
        raise ModelError(f"{path}: no such file ({what or f'{spec.kind} model'})")
    return path


def check_model_file(spec: ModelSpec, context: ModelContext) -> None:
    """``check`` for adapters whose target is a local file (``sklearn``, ``predictions``)."""
    model_file(spec)


def declare_file_adapter(
    factory: Any, options: type[ModelOptions], *, description: str, serves: ServedKinds
) -> None:
    """``declare_options`` for an adapter whose target is a local file (``KIND:FILE``):
    checked without loading (``check_model_file``), found for ``harness doctor``
    (``model_file_resources``)."""
    declare_options(
        factory,
        options,
        check_model_file,
        description=description,
        resources=model_file_resources,
        serves=serves,
        usage=":FILE",
    )


def validate_model_options(spec: ModelSpec, factory: Any) -> dict[str, Any]:
    """``spec.options`` checked against the factory's ``Options``; one-line ``ModelError``.

    Returns the options the user set (coerced: ``"8"`` becomes ``8``), so adapters keep
    their own defaults for the rest.
    """
    for key, flag in COMMAND_LINE_ONLY.items():
        if key in spec.options:
            raise ModelError(
                f"model '{spec}': option '{key}' cannot be set in a suite or as a model option; "
                f"pass {flag} on the command line if you trust the model"
            )
    options_model: type[ModelOptions] = getattr(factory, "Options", ModelOptions)
    try:
        validated = options_model.model_validate(dict(spec.options))
    except ValidationError as error:
        first = error.errors()[0]
        path = ".".join(str(part) for part in first["loc"])
        allowed = sorted(options_model.model_fields)
        if first["type"] == "extra_forbidden":
            key = str(first["loc"][0])
            message = f"unknown option '{key}'{did_you_mean(key, allowed)}"
        else:
            message = f"option '{path}': {first['msg']}"
        raise ModelError(
            f"model '{spec}': {message}; options of {spec.kind}: {', '.join(allowed)}"
        ) from None
    validated.check_spec(spec)
    return validated.model_dump(exclude_unset=True)


def load_model(spec: ModelSpec, context: ModelContext) -> Any:
    """Build the adapter that ``spec.kind`` names (see ``harness list``)."""
    from dataclasses import replace

    from harness.registry import MODELS

    factory = MODELS.get(spec.kind)
    spec = replace(spec, options=validate_model_options(spec, factory))
    return factory(spec, context)
