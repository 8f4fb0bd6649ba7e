"""Preflight: every resource a suite needs, present or missing, before any work.

    harness doctor suites/nli_robustness.yaml [--model SPEC]

lists the model (local files, a hub id in the local cache, an importable callable,
the packaged reference encoder), each test's data (files, built-in data sets, hub
data sets in the local cache), WordNet for the transforms and generators that use it,
TextAttack and each attack recipe's downloads, the device, and Chromium (only the
report's browser tests use it). ``harness run`` runs the same checks first and stops
with one line per missing resource.

The checks only look (files, caches, importable modules); they load no model and
import no heavy library, so they cost milliseconds.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from harness.errors import HarnessError, ResourceUnavailableError
from harness.models.base import ModelSpec
from harness.suite import Suite, TestPlan

WORDNET_HOW = (
    "apt-get install wordnet-base wordnet-sense-index "
    "(or set HARNESS_WORDNET_DIR to a WordNet 3.0 dict directory)"
)


@dataclass(frozen=True)
class Resource:
    """One thing a suite needs; ``how`` says how to provide it when it is missing."""

    kind: str  # model, data, wordnet, textattack, executor, device, chromium
    what: str
    present: bool
    how: str = ""
    # Optional resources are reported, never fatal (Chromium, a GPU).
    required: bool = True

    def line(self) -> str:
        status = "ok" if self.present else ("MISSING" if self.required else "absent")
        text = f"{status:8} {self.kind:11} {self.what}"
        return text if self.present or not self.how else f"{text}: {self.how}"


# --- model ---------------------------------------------------------------------------


def _hub_cached(repo_id: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - transformers depends on huggingface_hub
        return False
    try:
        return isinstance(try_to_load_from_cache(repo_id, "config.json"), str)
    except ValueError:  # not a valid hub id at all ("./missing-dir"): in no cache
        return False


def _local_or_hub(spec: ModelSpec, base_dir: Path) -> Resource:
    local = Path(spec.target).expanduser()
    if not local.is_absolute():
        local = (base_dir / local) if (base_dir / local).exists() else local
    if local.exists():
        return Resource("model", f"{spec} (local directory {local})", True)
    if _hub_cached(spec.target):
        return Resource("model", f"{spec} (in the local Hugging Face cache)", True)
    return Resource(
        "model",
        str(spec),
        False,
        f"no local directory '{spec.target}' and not in the Hugging Face cache: pass a "
        "directory saved with save_pretrained, or pre-populate the cache "
        f"(huggingface-cli download {spec.target}) and set HF_HUB_OFFLINE=1",
    )


def _file(spec: ModelSpec, base_dir: Path) -> Resource:
    path = Path(spec.target).expanduser()
    path = path if path.is_absolute() or path.exists() else base_dir / path
    if path.is_file():
        return Resource("model", f"{spec} ({path})", True)
    return Resource("model", str(spec), False, f"file not found: {path}")


def _python(spec: ModelSpec, base_dir: Path) -> Resource:
    module = spec.target.partition(":")[0]
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if found:
        return Resource("model", f"{spec} (module {module} importable)", True)
    return Resource(
        "model",
        str(spec),
        False,
        f"module '{module}' is not importable: install it or put its folder on PYTHONPATH",
    )


def _reference(spec: ModelSpec, base_dir: Path) -> Resource:
    from harness.models.reference import encoder_directory

    try:
        directory = encoder_directory()
    except HarnessError as error:
        return Resource("model", "reference", False, str(error))
    return Resource("model", f"reference (packaged all-MiniLM-L6-v2 in {directory})", True)


MODEL_CHECKS = {
    "hf-classifier": _local_or_hub,
    "hf-causal": _local_or_hub,
    "hf-masked": _local_or_hub,
    "hf-qa": _local_or_hub,
    "hf-mc": _local_or_hub,
    "rc-reference": _reference,
    "predictions": _file,
    "sklearn": _file,
    "python": _python,
    "reference": _reference,
}


def model_resource(spec: ModelSpec, base_dir: Path) -> Resource:
    from harness.registry import MODELS

    MODELS.get(spec.kind)  # an unknown kind is bad input (with a did-you-mean), not a resource
    check = MODEL_CHECKS.get(spec.kind)
    if check is None:  # served models and plugins: nothing on disk to look at
        return Resource("model", f"{spec} (not checked before the run)", True)
    return check(spec, base_dir)


# --- data, transforms, generators, attacks -----------------------------------------------


def _wordnet(what: str, required: bool = True) -> Resource:
    from harness.nltk_data import system_wordnet_dir

    directory = system_wordnet_dir()
    if directory is not None:
        return Resource("wordnet", f"{what} (WordNet in {directory})", True)
    return Resource("wordnet", what, False, WORDNET_HOW, required=required)


def _hub_dataset_cached(name: str) -> bool:
    root = Path(
        os.environ.get("HF_DATASETS_CACHE")
        or Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface")) / "datasets"
    )
    return (root / name.replace("/", "___")).is_dir()


def data_resources(data: Any, where: str, base_dir: Path) -> Iterator[Resource]:
    source = getattr(data, "source", "")
    if source == "file":
        path = Path(data.path).expanduser()
        path = path if path.is_absolute() else base_dir / path
        if path.is_file():
            yield Resource("data", f"{where}: {path}", True)
        else:
            yield Resource("data", f"{where}: {path}", False, "file not found")
    elif source == "builtin":
        from harness.data.sources import BUILTIN_DATASETS_DIR

        path = BUILTIN_DATASETS_DIR / data.name / f"{data.split}.jsonl"
        yield Resource("data", f"{where}: built-in {data.name}/{data.split}", path.is_file())
    elif source == "hub":
        cached = _hub_dataset_cached(data.name)
        yield Resource(
            "data",
            f"{where}: hub dataset {data.name}",
            cached,
            ""
            if cached
            else "not in the local datasets cache: download it on a connected "
            "machine, copy the cache here and set HF_DATASETS_OFFLINE=1, or use a local file",
        )
    elif source == "generator":
        params = dict(getattr(data, "params", {}) or {})
        if data.name == "capabilities":
            use = str(params.get("use_wordnet", "auto"))
            if use != "no":
                # 'auto' falls back to built-in word pairs: WordNet then only adds variety.
                yield _wordnet(f"{where}: capabilities generator", required=use == "yes")
        yield Resource("data", f"{where}: generator {data.name}", True)
    else:
        yield Resource("data", f"{where}: {source or 'inline'} data", True)


def resources_of_test(plan: TestPlan, base_dir: Path) -> Iterator[Resource]:
    where = f"test '{plan.spec.name}'"
    yield from data_resources(plan.data, where, base_dir)
    from harness.registry import TRANSFORMS

    for entry in getattr(plan.spec, "perturb", None) or ():
        # A transform that needs something from the machine says what it lacks.
        reason = getattr(TRANSFORMS.get(entry.name), "unavailable_reason", None)
        if not callable(reason):
            continue
        problem = reason()
        what = f"{where}: transform {entry.name}"
        if problem is None:
            yield Resource("transform", f"{what} (its resources are present)", True)
        else:
            yield Resource("transform", what, False, problem)
    attack = getattr(plan.spec, "attack", None)
    if attack is not None:
        yield from attack_resources(attack.recipe, where)
    if plan.kind == "coherence":
        from harness.kinds.coherence import judge_spec

        judge = judge_spec(getattr(plan.spec, "judge", None), None)
        if judge is not None:
            found = model_resource(judge, base_dir)
            yield replace(found, what=f"{where}: judge {found.what}")


def attack_resources(recipe: str, where: str) -> Iterator[Resource]:
    if importlib.util.find_spec("textattack") is None:
        yield Resource(
            "textattack",
            f"{where}: recipe {recipe}",
            False,
            "textattack is not installed: pip install 'harness[attack]'",
        )
        return
    from harness.attack.recipes import check_resources

    try:
        check_resources(recipe)
    except ResourceUnavailableError as error:
        yield Resource("textattack", f"{where}: recipe {recipe}", False, str(error))
        return
    yield Resource("textattack", f"{where}: recipe {recipe} (offline resources present)", True)


# --- the machine ----------------------------------------------------------------------


def device_resource() -> Resource:
    if importlib.util.find_spec("torch") is None:
        return Resource("device", "torch", False, "pip install torch==2.13.0")
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
        "apt-get install chromium (reports open in any browser without it)",
        required=False,
    )


def executor_resource(name: str) -> Resource | None:
    """The package a distributed executor needs (``--executor ray``); None for local runs."""
    if name != "ray":
        return None
    if importlib.util.find_spec("ray") is None:
        return Resource(
            "executor", "ray (for --executor ray)", False, "pip install 'harness[scale]'"
        )
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
    resources = [model_resource(spec, suite.base_dir)] if model else []
    distributed = executor_resource(executor)
    if distributed is not None:
        resources.append(distributed)
    for plan in suite.tests:
        resources.extend(resources_of_test(plan, suite.base_dir))
    for name, options in suite.analyses:
        for key in ("train", "data"):
            data = getattr(options, key, None)
            if isinstance(data, Mapping) and "source" in data:
                from harness.registry import DATA_SOURCES

                # Analyses hold a raw data block; the suite loader has validated it.
                data = DATA_SOURCES.get(str(data["source"])).Options.model_validate(data)
                resources.extend(data_resources(data, f"analysis '{name}'", suite.base_dir))
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
