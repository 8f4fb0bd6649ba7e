"""Compare and gate act on the run manifests: a refused difference stops them.

Two runs whose data, prompt template, chat format, decoding settings or seed differ
measure different things; their difference is not the model's. Such a difference is
refused (exit 2, one line naming it) unless ``--allow-manifest-diff FIELD`` names it;
the others (the weights above all: comparing models is the point) are stated. A run
written before manifests (results.json schema 2) has none: that is said, not guessed.
"""

from __future__ import annotations

from collections.abc import Collection

from harness.errors import ComparisonRefusedError, HarnessError
from harness.registry import did_you_mean
from harness.results.manifest import (
    FIELDS,
    ManifestDifference,
    RunManifest,
    manifest_differences,
)

__all__ = ["FIELDS", "check_allowed_fields", "check_manifests"]


def check_allowed_fields(fields: Collection[str]) -> tuple[str, ...]:
    """The ``--allow-manifest-diff`` names, each checked to be a manifest field."""
    for name in fields:
        if name not in FIELDS:
            raise HarnessError(
                f"--allow-manifest-diff {name}: not a manifest field{did_you_mean(name, FIELDS)}; "
                f"fields: {', '.join(FIELDS)}"
            )
    return tuple(fields)


def check_manifests(
    base: RunManifest | None,
    candidate: RunManifest | None,
    allowed: Collection[str] = (),
    *,
    allow_subset: bool = False,
) -> tuple[list[ManifestDifference], list[str]]:
    """(the differences, notes to print); raises ``ComparisonRefusedError`` at the first
    refused difference that ``allowed`` does not name. ``allow_subset`` allows different
    data: the comparison is then of the items both runs share."""
    allowed = set(check_allowed_fields(allowed))
    if allow_subset:
        allowed.add("data")
    if base is None or candidate is None:
        which = " and ".join(
            side for side, m in (("baseline", base), ("candidate", candidate)) if m is None
        )
        return [], [
            f"the {which} run has no manifest (written before results.json schema 3): "
            "its data, prompt and decoding are not checked"
        ]
    differences = manifest_differences(base, candidate)
    for difference in differences:
        if difference.refused and difference.field not in allowed:
            advice = (
                "pass --allow-subset to compare the items both runs share"
                if difference.field == "data"
                else f"pass --allow-manifest-diff {difference.field} to compare them anyway"
            )
            raise ComparisonRefusedError(
                f"cannot compare these runs: their manifests differ in {difference.line()}; "
                + advice
            )
    notes = [f"manifest: {d.line()}" + (" (allowed)" if d.refused else "") for d in differences]
    return differences, notes
