"""Does a model fit a suite: the one check ``validate``, ``doctor`` and ``run`` make
before the first prediction.

``run`` used to learn that a model cannot serve a suite only after loading it (the
reference model reading premise and hypothesis) or halfway through (prompt variants
on a classifier), while ``validate`` and ``doctor`` said the suite was fine. Here,
from the spec alone:

* the adapter's own cheap ``check`` (a local file, an importable callable, the inputs
  it reads) and its options (``preflight.check_model_spec``);
* the request kinds it serves, as the adapter declares them (``declare_options(serves=)``),
  against the suite's task (``task.check_model`` on a stand-in that serves those kinds)
  and against each test kind's ``model_fit(spec, served)``: ``None`` (it runs), a reason
  (it is skipped), or a ``ModelError`` (the run is refused).

``run`` calls the same function again once the model has loaded, with the kinds the
model really serves, so an adapter that declares nothing (a plugin) is checked too.

A suite whose ``model:`` is ``none`` has no built-in model that fits: the refusal names
the adapters whose declared requests would (``fitting_adapters``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from harness.errors import HarnessError, ModelError
from harness.models.base import ModelContext, ModelSpec, declared_serves
from harness.registry import MODELS, TEST_KINDS
from harness.suite.preflight import check_model_spec
from harness.suite.spec import Suite


class ServedKinds:
    """A stand-in a task checks instead of a loaded model: it serves the declared kinds
    and answers with the suite's labels (a checkpoint's own labels are read when it loads)."""

    def __init__(self, spec: ModelSpec | str, served: frozenset[str], labels: tuple[str, ...]):
        self.serves = tuple(sorted(served))
        self.labels = labels
        self._spec = str(spec)

    def describe(self) -> dict[str, Any]:
        return {"spec": self._spec, "name": self._spec}


def skipped_tests(suite: Suite, served: frozenset[str]) -> dict[str, str]:
    """Tests a model serving ``served`` would skip, with why; a ``ModelError`` refuses the run."""
    skipped: dict[str, str] = {}
    for plan in suite.tests:
        fit = getattr(TEST_KINDS.get(plan.kind), "model_fit", None)
        reason = fit(plan.spec, served) if fit is not None else None
        if reason is not None:
            skipped[plan.spec.name] = reason
    return skipped


def check_served(
    suite: Suite,
    spec: ModelSpec | str,
    served: frozenset[str],
    load_examples: Callable[[Any], Any] | None = None,
    label_map: Any = None,
) -> None:
    """The suite's task and every test kind accept a model serving ``served``
    (``ModelError`` otherwise), checked on a stand-in before the model loads."""
    stand_in = ServedKinds(spec, served, suite.labels)
    if any(plan.task is None for plan in suite.tests):
        task = suite.make_task(label_map=label_map, load_examples=load_examples)
        check_task_serves(suite, task, stand_in, label_map)
    skipped_tests(suite, served)


def check_task_serves(suite: Suite, task: Any, model: Any, label_map: Any) -> None:
    """``task.check_model(model)``; when the model cannot serve the suite's task but can
    serve the tests that have a task of their own, the error says to select those."""
    try:
        task.check_model(model)
    except ModelError as error:
        servable = list(_own_task_tests(suite, model, label_map))
        if not servable:
            raise
        raise ModelError(
            f"{error}; it can run this suite's test(s) {', '.join(servable)}: "
            f"--tests {' '.join(servable)}"
        ) from None


def _own_task_tests(suite: Suite, model: Any, label_map: Any) -> Iterator[str]:
    for plan in suite.tests:
        if plan.task is None:
            continue
        try:
            plan.task.make(label_map=label_map).check_model(model)
        except ModelError:
            continue
        yield plan.spec.name


def fitting_adapters(suite: Suite, context: ModelContext) -> list[str]:
    """How to name each registered adapter that would run at least one test of ``suite``,
    by the requests it declares (``hf-causal:PATH``, ``python:MODULE:FUNCTION
    (serves=loglikelihood)``)."""
    fitting = []
    for name in MODELS.names():
        factory = MODELS.get(name)
        forms: tuple[Mapping[str, Any], ...] = getattr(factory, "forms", ({},))
        for options in forms:
            spec = ModelSpec(name, options=dict(options))
            served = declared_serves(factory, spec, context)
            if served is None:
                continue
            try:
                check_served(suite, spec, served)
            except HarnessError:
                continue
            if len(skipped_tests(suite, served)) == len(suite.tests):
                continue
            how = " ".join(f"{key}={value}" for key, value in options.items())
            fitting.append(f"{name}{getattr(factory, 'usage', '')}" + (f" ({how})" if how else ""))
    return fitting


def no_model_message(suite: Suite, context: ModelContext) -> str:
    """The one line for a suite that names no model (``model: none``)."""
    fitting = fitting_adapters(suite, context)
    adapters = ", ".join(fitting) if fitting else "none of the registered adapters"
    return f"this suite names no model (no built-in model fits it); pass --model: {adapters}"


def check_model_fits(
    suite: Suite,
    spec: ModelSpec | None,
    context: ModelContext,
    load_examples: Callable[[Any], Any] | None = None,
) -> None:
    """Everything about the model that can be known before it loads (``ModelError``)."""
    if spec is None:
        raise ModelError(no_model_message(suite, context))
    check_model_spec(spec, context)
    served = declared_serves(MODELS.get(spec.kind), spec, context)
    if served is not None:
        check_served(suite, spec, served, load_examples, spec.options.get("label_map"))
