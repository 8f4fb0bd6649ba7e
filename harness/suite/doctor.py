"""Preflight: every resource a suite needs, present or missing, before any work.

    harness doctor suites/nli_robustness.yaml [--model SPEC]

lists what each component of the suite says it needs (``harness.resources``): the
model (local files, a hub id in the local cache, an importable callable, the packaged
reference encoder), each test's data (files, built-in data sets, hub data sets in the
local cache), WordNet for the transforms and generators that use it, TextAttack and
each attack recipe's downloads; then the executor, the device, and Chromium (only the
report's browser tests use it). ``harness run`` runs the same checks first and stops
with one line per missing resource.

The checks only look (files, caches, importable modules); they load no model and
import no heavy library, so they cost milliseconds.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from harness import install_hint
from harness.data.base import data_resources
from harness.errors import ResourceUnavailableError
from harness.models.base import ModelSpec
from harness.registry import ANALYSES, MODELS, TEST_KINDS
from harness.resources import Resource
from harness.suite.spec import Suite, TestPlan

__all__ = ["Resource", "check_suite", "missing", "require_resources"]


def model_resources(spec: ModelSpec, base_dir: Path) -> Iterator[Resource]:
    """What the model needs, as its adapter says (``resources`` in ``declare_options``)."""
    factory = MODELS.get(spec.kind)  # an unknown kind is bad input (a did-you-mean), not a resource
    needs = getattr(factory, "resources", None)
    if needs is None:  # served models and plugins: nothing on disk to look at
        yield Resource("model", f"{spec} (not checked before the run)", True)
        return
    yield from needs(spec, base_dir)


def resources_of_test(plan: TestPlan, base_dir: Path) -> Iterator[Resource]:
    """A test's data, then what its kind needs (its transforms, an attack's downloads)."""
    where = f"test '{plan.spec.name}'"
    yield from data_resources(plan.data, where, base_dir)
    needs = getattr(TEST_KINDS.get(plan.kind), "resources", None)
    if needs is not None:
        yield from needs(plan.spec, where)


def resources_of_analysis(name: str, options: Any, base_dir: Path) -> Iterator[Resource]:
    needs = getattr(ANALYSES.get(name), "resources", None)
    if needs is not None:
        yield from needs(options, f"analysis '{name}'", base_dir)


# --- the machine ----------------------------------------------------------------------


def device_resource() -> Resource:
    if importlib.util.find_spec("torch") is None:
        return Resource(
            "device",
            "torch",
            False,
            "pip install torch==2.13.0 (CPU only: add --index-url "
            "https://download.pytorch.org/whl/cpu; README: PyTorch: CPU or CUDA)",
        )
    import torch

    if torch.cuda.is_available():
        return Resource("device", f"cuda ({torch.cuda.get_device_name(0)})", True, required=False)
    return Resource("device", "cpu (no CUDA device; models run on the CPU)", True, required=False)


def chromium_resource() -> Resource:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return Resource(
                "chromium", f"{path} (for the report's browser tests)", True, required=False
            )
    return Resource(
        "chromium",
        "headless browser for the report's browser tests",
        False,
        "apt-get update && apt-get install -y chromium (reports open in any browser without it)",
        required=False,
    )


def executor_resource(name: str) -> Resource | None:
    """The package a distributed executor needs (``--executor ray``); None for local runs."""
    if name != "ray":
        return None
    if importlib.util.find_spec("ray") is None:
        return Resource("executor", "ray (for --executor ray)", False, install_hint("scale"))
    from importlib import metadata

    try:
        version = metadata.version("ray")
    except metadata.PackageNotFoundError:  # pragma: no cover - importable but not installed
        version = "unknown version"
    return Resource("executor", f"ray {version} (for --executor ray)", True)


def check_suite(
    suite: Suite,
    spec: ModelSpec,
    *,
    machine: bool = True,
    model: bool = True,
    executor: str = "local",
) -> list[Resource]:
    """Every resource ``suite`` needs with model ``spec``; ``machine`` adds device and browser."""
    resources = list(model_resources(spec, suite.base_dir)) if model else []
    distributed = executor_resource(executor)
    if distributed is not None:
        resources.append(distributed)
    for plan in suite.tests:
        resources.extend(resources_of_test(plan, suite.base_dir))
    for name, options in suite.analyses:
        resources.extend(resources_of_analysis(name, options, suite.base_dir))
    if machine:
        resources.extend([device_resource(), chromium_resource()])
    return resources


def missing(resources: list[Resource]) -> list[Resource]:
    return [resource for resource in resources if resource.required and not resource.present]


def require_resources(suite: Suite, spec: ModelSpec, executor: str = "local") -> None:
    """Raise one error with a line per missing required resource (``harness run``'s preflight)."""
    # The model is left to loading, whose errors point at the suite's line.
    absent = missing(check_suite(suite, spec, machine=False, model=False, executor=executor))
    if absent:
        raise ResourceUnavailableError(
            "\n".join(f"missing {resource.what}: {resource.how}" for resource in absent)
        )
