"""What a component needs from the machine, present or missing: a ``Resource``.

A component that reads something from the machine says so itself, and ``harness
doctor`` (``harness.suite.doctor``) lists what each component of a suite says;
``harness run`` stops before any work on what is missing and required:

* a model adapter's factory: ``resources(spec, base_dir)``, given to
  ``harness.models.base.declare_options`` (local files, a hub id in the local cache,
  an importable callable, the packaged encoder);
* a data source: ``resources(options, where, base_dir)`` (files, built-in and hub data
  sets); a generator: ``resources(params, where)`` (WordNet);
* a transform: ``unavailable_reason()``; a test kind: ``resources(spec, where)`` (its
  transforms, an attack recipe's downloads); an analysis: ``resources(options, where,
  base_dir)`` (the data blocks it reads).

Each hook yields ``Resource``s and only looks (files, caches, importable modules): it
loads no model and imports no heavy library, so a check costs milliseconds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

WORDNET_HOW = (
    "apt-get update && apt-get install -y wordnet-base wordnet-sense-index "
    "(or set HARNESS_WORDNET_DIR to a WordNet 3.0 dict directory)"
)


@dataclass(frozen=True)
class Resource:
    """One thing a suite needs; ``how`` says how to provide it when it is missing."""

    kind: str  # model, data, wordnet, transform, textattack, executor, device, chromium
    what: str
    present: bool
    how: str = ""
    # Optional resources are reported, never fatal (Chromium, a GPU, WordNet where
    # built-in word lists stand in for it).
    required: bool = True

    @classmethod
    def found(cls, kind: str, what: str, required: bool = True) -> Resource:
        """Present: ``what`` says where it was found."""
        return cls(kind, what, True, required=required)

    @classmethod
    def missing(cls, kind: str, what: str, how: str, required: bool = True) -> Resource:
        """Absent: ``how`` says how to provide it."""
        return cls(kind, what, False, how, required=required)

    def line(self) -> str:
        status = "ok" if self.present else ("MISSING" if self.required else "absent")
        text = f"{status:8} {self.kind:11} {self.what}"
        return text if self.present or not self.how else f"{text}: {self.how}"


def wordnet_resource(what: str, required: bool = True) -> Resource:
    """WordNet 3.0 from Debian's packages (or ``HARNESS_WORDNET_DIR``), for ``what``."""
    from harness.nltk_data import system_wordnet_dir

    directory = system_wordnet_dir()
    if directory is not None:
        return Resource.found("wordnet", f"{what} (WordNet in {directory})")
    return Resource.missing("wordnet", what, WORDNET_HOW, required=required)


def hub_model_cached(repo_id: str) -> bool:
    """Whether the local Hugging Face cache holds ``repo_id``'s config (no download)."""
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - transformers depends on huggingface_hub
        return False
    return isinstance(try_to_load_from_cache(repo_id, "config.json"), str)


def hub_dataset_cached(name: str) -> bool:
    """Whether the local ``datasets`` cache holds a copy of hub data set ``name``."""
    root = Path(
        os.environ.get("HF_DATASETS_CACHE")
        or Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface")) / "datasets"
    )
    return (root / name.replace("/", "___")).is_dir()
