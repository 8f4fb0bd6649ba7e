"""The run manifest: everything that decides a run's numbers, and what differs between two.

Two numbers can only be compared when whatever decides them is known to be the same, or
known to differ. results.json's ``manifest`` records it (docs/results-schema.md):

    model        kind, target, fingerprint; SHA-256 of the weights, tokenizer and config
                 files (``weights``, ``tokenizer``, ``config``), device and dtype
    prompt       per test: the prompt template's name and text (empty: the task's own)
    chat_format  the chat format the model wraps prompts in (null: raw prompts)
    decoding     per test: each distinct set of decoding settings as sent
    data         per test: a digest of its items (ids, inputs, targets)
    seed         the suite's seed
    code         harness version and a digest of harness's own source
    environment  Python, platform, package versions
    training     how harness trained the model: its training card (``harness finetune``)

``manifest_differences`` names what differs. The fields in ``REFUSED_FIELDS`` make the
two runs' numbers incomparable (the gate and compare refuse unless
``--allow-manifest-diff FIELD``); the rest are stated, different weights above all
(comparing two models is the point).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelIdentity(_Record):
    """What model answered: its files' digests where it has files."""

    kind: str
    target: str = ""
    fingerprint: str = ""
    #: SHA-256 over the weight files' digests (null: a served or built-in model).
    weights: str | None = None
    tokenizer: str | None = None
    config: str | None = None
    #: Every digested file: name -> SHA-256.
    files: dict[str, str] = Field(default_factory=dict)
    device: str | None = None
    dtype: str | None = None


class PromptRecord(_Record):
    """A test's prompt template (empty name and text: the task builds prompts itself)."""

    name: str = ""
    text: str = ""


class RunManifest(_Record):
    """results.json's ``manifest``."""

    model: ModelIdentity
    prompt: dict[str, PromptRecord] = Field(default_factory=dict)
    chat_format: dict[str, Any] | None = None
    decoding: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    data: dict[str, str] = Field(default_factory=dict)
    seed: int = 0
    code: dict[str, str] = Field(default_factory=dict)
    environment: dict[str, Any] = Field(default_factory=dict)
    #: How harness trained the model (its training card, harness.models.training_card); null otherwise.
    training: dict[str, Any] | None = None


#: Differences that make two runs' numbers incomparable: refused unless allowed by name.
REFUSED_FIELDS = ("data", "prompt", "chat_format", "decoding", "seed")
#: Differences that are stated and allowed: what is being compared (the model) and where.
STATED_FIELDS = (
    "model",
    "weights",
    "tokenizer",
    "config",
    "device",
    "dtype",
    "code",
    "environment",
    "training",
)
FIELDS = REFUSED_FIELDS + STATED_FIELDS


@dataclass(frozen=True)
class ManifestDifference:
    """One field that differs between the baseline's and the candidate's manifest."""

    field: str
    detail: str

    @property
    def refused(self) -> bool:
        return self.field in REFUSED_FIELDS

    def line(self) -> str:
        return f"{self.field}: {self.detail}"


def _short(value: Any, width: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


def _per_test(
    name: str, base: dict[str, Any], candidate: dict[str, Any]
) -> ManifestDifference | None:
    """The first test (sorted) whose value differs, with how many others do."""
    changed = sorted(t for t in set(base) | set(candidate) if base.get(t) != candidate.get(t))
    if not changed:
        return None
    first = changed[0]
    more = f" (and {len(changed) - 1} more test(s))" if len(changed) > 1 else ""
    detail = (
        f"test '{first}': {_short(base.get(first))} in the baseline, "
        f"{_short(candidate.get(first))} in the candidate{more}"
    )
    return ManifestDifference(name, detail)


def _both(name: str, base: Any, candidate: Any) -> ManifestDifference | None:
    if base == candidate:
        return None
    return ManifestDifference(
        name, f"{_short(base)} in the baseline, {_short(candidate)} in the candidate"
    )


def manifest_differences(base: RunManifest, candidate: RunManifest) -> list[ManifestDifference]:
    """Every field of ``FIELDS`` that differs, refused ones first."""
    found: list[ManifestDifference | None] = [
        _per_test("data", base.data, candidate.data),
        _per_test(
            "prompt",
            {k: v.model_dump() for k, v in base.prompt.items()},
            {k: v.model_dump() for k, v in candidate.prompt.items()},
        ),
        _both("chat_format", base.chat_format, candidate.chat_format),
        _per_test("decoding", base.decoding, candidate.decoding),
        _both("seed", base.seed, candidate.seed),
        _both(
            "model",
            f"{base.model.kind}:{base.model.target}",
            f"{candidate.model.kind}:{candidate.model.target}",
        ),
    ]
    for name in ("weights", "tokenizer", "config", "device", "dtype"):
        found.append(_both(name, getattr(base.model, name), getattr(candidate.model, name)))
    found.append(_both("code", base.code, candidate.code))
    packages = (base.environment.get("packages"), candidate.environment.get("packages"))
    python = (base.environment.get("python"), candidate.environment.get("python"))
    found.append(_both("environment", [python[0], packages[0]], [python[1], packages[1]]))
    found.append(_both("training", base.training, candidate.training))
    return [d for d in found if d is not None]
