"""A large perturbation test streams: the same results.json and items.jsonl as in memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers.suites import write_suite

from harness.kinds import evaluate
from harness.kinds.perturbation import PerturbationKind
from harness.runner import run_suite

# Three expectations; a transform that applies to a third of the parents (contraction:
# "does not" -> "doesn't"), so that most parents' first case comes from a later
# transform; fewer failures kept than found, the cut crossing chunks; clusters and
# slices; metrics over the variants.
PERTURBATION_TESTS = """\
  - name: inv
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    perturb:
      - contraction
      - {name: typo, params: {kind: mix, rate: 0.2, max_edits: 2, n_variants: 2}}
      - punctuation
    fields: [hypothesis]
    slice_by: [phenomenon]
    cluster_by: phenomenon
    max_failures: 30
    metrics: [accuracy, macro_f1, calibration]
  - name: dir
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    perturb: [contraction]
    fields: [hypothesis]
    only_gold: [contradiction]
    expect: directional
    to_label: contradiction
    slice_by: [phenomenon]
  - name: aug
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    perturb: [case, {name: typo, params: {n_variants: 3}}]
    expect: augmentation
    slice_by: [phenomenon]
    max_failures: 2
"""


def _without_timings(results: dict) -> dict:
    results = {k: v for k, v in results.items() if k not in {"created_at", "timings"}}
    results["tests"] = [{k: v for k, v in t.items() if k != "timings"} for t in results["tests"]]
    return results


def _spy_on_outcomes(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    outcomes: list[Any] = []
    original = PerturbationKind.run

    def spy(self: PerturbationKind, plan: Any, context: Any) -> Any:
        outcomes.append(original(self, plan, context))
        return outcomes[-1]

    monkeypatch.setattr(PerturbationKind, "run", spy)
    return outcomes


def test_a_streamed_perturbation_test_writes_what_an_in_memory_one_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = write_suite(tmp_path, n=47, extra=PERTURBATION_TESTS)
    options: dict[str, Any] = {"use_cache": False, "progress": False, "explain_failures": 0}
    outcomes = _spy_on_outcomes(monkeypatch)
    whole = run_suite(suite, out_dir=tmp_path / "whole", **options, allow_code=True)
    assert [o.spooled for o in outcomes] == [None, None, None]
    whole_results = json.loads((whole / "results.json").read_text())
    # The suite exercises what the streamed path must carry across chunks.
    inv = whole_results["tests"][2]["sections"]["robustness"]
    assert inv["n_failures"] > 30 and len(inv["failures"]) == 30
    # Cases are ordered by the first transform that made one of the parent: the kept
    # failures run through every contraction parent (all chunks), then start over.
    positions = [int(f["parent_id"].split(":r")[1]) for f in inv["failures"]]
    assert positions[-1] < 10 < max(positions)
    assert inv["per_transform"][0]["n_parents"] < inv["metrics"]["flip_rate"]["n"]
    assert "perturbed_macro_f1" in whole_results["tests"][2]["metrics"]
    assert whole_results["tests"][3]["counts"]["filtered"] > 0

    outcomes.clear()
    # Chunks of 10 examples: 47 in five chunks, the last one short.
    monkeypatch.setattr(evaluate, "STREAM_ABOVE", 10)
    monkeypatch.setattr(evaluate, "STREAM_CHUNK", 10)
    streamed = run_suite(suite, out_dir=tmp_path / "streamed", **options, allow_code=True)
    assert [o.spooled.n for o in outcomes] == [o.item_count() for o in outcomes]
    assert all(o.spooled is not None and o.items == [] for o in outcomes)
    assert _without_timings(json.loads((streamed / "results.json").read_text())) == (
        _without_timings(whole_results)
    )
    assert (streamed / "items.jsonl").read_bytes() == (whole / "items.jsonl").read_bytes()
    # The spool is gone once the run directory is in place.
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_warm_streamed_run_reads_its_variants_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chunk's variants are kept between runs (harness/cache/derived.py), keyed by its examples."""
    from harness.transforms.typo import TypoTransform

    suite = write_suite(tmp_path, n=25, extra=PERTURBATION_TESTS)
    calls: list[str] = []
    original = TypoTransform.apply

    def counted(self: Any, example: Any, *args: Any) -> Any:
        calls.append(example.id)
        return original(self, example, *args)

    monkeypatch.setattr(TypoTransform, "apply", counted)
    monkeypatch.setattr(evaluate, "STREAM_ABOVE", 10)
    monkeypatch.setattr(evaluate, "STREAM_CHUNK", 10)
    monkeypatch.setenv("HARNESS_CACHE_DIR", str(tmp_path / "cache"))
    options: dict[str, Any] = {"progress": False, "explain_failures": 0}
    cold = run_suite(suite, out_dir=tmp_path / "cold", **options, allow_code=True)
    # typo runs in two tests: 'inv' over every example, 'aug' over every example.
    assert len(calls) == 2 * 25
    calls.clear()
    warm = run_suite(suite, out_dir=tmp_path / "warm", **options, allow_code=True)
    assert calls == []
    assert (warm / "items.jsonl").read_bytes() == (cold / "items.jsonl").read_bytes()
    warm_tests = json.loads((warm / "results.json").read_text())["tests"]
    assert all(t["counts"]["computed"] == 0 for t in warm_tests)


def test_infra_errors_stream_as_they_are_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pilot's original and its variants cannot be asked: in no case, counted, the same
    whichever way the test runs."""
    suite = write_suite(tmp_path, n=30, extra=PERTURBATION_TESTS)
    options: dict[str, Any] = {
        "use_cache": False,
        "progress": False,
        "explain_failures": 0,
        "model": "python:helpers.flaky_models:unreachable_pilot",
        "model_options": {"batch_size": 1},
    }
    whole = run_suite(suite, out_dir=tmp_path / "whole", **options, allow_code=True)
    monkeypatch.setattr(evaluate, "STREAM_ABOVE", 10)
    monkeypatch.setattr(evaluate, "STREAM_CHUNK", 10)
    streamed = run_suite(suite, out_dir=tmp_path / "streamed", **options, allow_code=True)
    results = json.loads((streamed / "results.json").read_text())
    inv = next(t for t in results["tests"] if t["name"] == "inv")
    assert inv["counts"]["infra_errors"] > 0
    assert inv["sections"]["robustness"]["metrics"]["flip_rate"]["n"] == 25  # 5 pilots out
    assert _without_timings(results) == _without_timings(
        json.loads((whole / "results.json").read_text())
    )
    assert (streamed / "items.jsonl").read_bytes() == (whole / "items.jsonl").read_bytes()
