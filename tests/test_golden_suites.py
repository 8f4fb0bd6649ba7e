"""The shipped suites give the numbers they gave before the task core.

``tests/golden/<suite>_digest.json`` holds what a reader of results.json relies on —
every metric with its CI and n, every slice, the kind sections' summaries, the
analyses — as the reference model produced it. A change to any number shows up as a
diff; floats may differ in the last digits between machines' BLAS builds, not more.
Regenerate after an intended change with ``HARNESS_UPDATE_GOLDEN=1`` and review the
diff like code.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
from pathlib import Path
from typing import Any

import pytest

from harness.runner import run_suite

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
# Per-item detail (failure lists, examples) carries model probabilities whose last
# digits depend on batch composition; the counts and rates built from them are kept.
DETAIL_KEYS = {"failures", "examples", "failing_examples", "hard_ids", "items", "cases", "broken"}
VOLATILE_KEYS = {"timings", "cached", "computed", "seconds", "queries_s"}


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: _strip(item)
            for key, item in value.items()
            if key not in DETAIL_KEYS and key not in VOLATILE_KEYS
        }
    if isinstance(value, list):
        return [_strip(item) for item in value]
    return value


def digest(results: dict[str, Any]) -> dict[str, Any]:
    """The numbers of a results.json that must not change, without volatile parts."""
    return {
        "suite": results["suite"]["name"],
        "tests": {
            test["name"]: _strip(
                {
                    "n": test["n"],
                    "labels": test["labels"],
                    "metrics": test["metrics"],
                    "tables": test["tables"],
                    "slices": test["slices"],
                    "sections": test["sections"],
                    "counts": test["counts"],
                }
            )
            for test in results["tests"]
        },
        "analyses": _strip(results["analyses"]),
    }


def differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where two digests differ; floats compare to 1e-6 relative (or 1e-9 absolute)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = [f"{path}/{key}: missing" for key in expected if key not in actual]
        found += [f"{path}/{key}: unexpected" for key in actual if key not in expected]
        for key in expected.keys() & actual.keys():
            found += differences(expected[key], actual[key], f"{path}/{key}")
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: {len(expected)} entries expected, {len(actual)} found"]
        return [
            d
            for i, (e, a) in enumerate(zip(expected, actual, strict=True))
            for d in differences(e, a, f"{path}[{i}]")
        ]
    numbers = (int, float)
    if (
        isinstance(expected, numbers)
        and isinstance(actual, numbers)
        and not isinstance(expected, bool)
        and not isinstance(actual, bool)
    ):
        # A calibration bin's edges are single model probabilities (the lowest and highest
        # confidence in the bin), whose last float32 digits move with batch composition.
        raw_probability = "/calibration/bins[" in path and path.endswith(("/lower", "/upper"))
        if math.isclose(expected, actual, rel_tol=1e-5 if raw_probability else 1e-6, abs_tol=1e-9):
            return []
        return [f"{path}: {expected!r} expected, {actual!r} found"]
    return [] if expected == actual else [f"{path}: {expected!r} expected, {actual!r} found"]


def test_the_digest_comparison_sees_a_changed_number() -> None:
    base = {"tests": {"t": {"metrics": {"accuracy": {"value": 0.5, "n": 10}}}}}
    changed = {"tests": {"t": {"metrics": {"accuracy": {"value": 0.5001, "n": 10}}}}}
    rounding = {"tests": {"t": {"metrics": {"accuracy": {"value": 0.5 + 1e-12, "n": 10}}}}}
    assert differences(base, changed) == [
        "/tests/t/metrics/accuracy/value: 0.5 expected, 0.5001 found"
    ]
    assert differences(base, rounding) == []


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One cache for both suites: the reference head is fit once.
    return tmp_path_factory.mktemp("golden-cache")


@pytest.mark.slow
@pytest.mark.attack
@pytest.mark.parametrize("suite", ["nli_diagnostics", "nli_robustness"])
def test_shipped_suite_numbers_are_unchanged(
    suite: str, shared_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if suite == "nli_robustness":
        if importlib.util.find_spec("textattack") is None:
            pytest.skip("textattack is not installed")
        # Imported the way harness does (offline NLTK data first), whatever ran before.
        from harness.attack.offline import import_textattack

        import_textattack()
        from harness.kinds.attack import AttackKind

        # The attack's time budget is wall time: on a loaded machine it runs out and
        # leaves examples unattacked, which moves the digest. A clock that stands still
        # keeps every example attacked, as on an idle machine.
        monkeypatch.setattr(AttackKind.__init__, "__defaults__", (lambda: 0.0,))
    monkeypatch.setenv("HARNESS_CACHE_DIR", str(shared_cache))
    run = run_suite(
        ROOT / "suites" / f"{suite}.yaml",
        out_dir=tmp_path / "run",
        progress=False,
        render_report=False,
        explain_failures=0,  # word attributions are tested on their own
    )
    actual = digest(json.loads((run / "results.json").read_text()))
    path = GOLDEN / f"{suite}_digest.json"
    if os.environ.get("HARNESS_UPDATE_GOLDEN"):
        path.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n")
    expected = json.loads(path.read_text())
    found = differences(expected, actual)
    assert not found, "\n".join(found[:20])
