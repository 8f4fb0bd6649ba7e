"""The runner end to end with a mock model through the real python adapter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import mock_models
from helpers.suites import write_suite
from sklearn.metrics import accuracy_score, f1_score

from harness.errors import LabelMappingError
from harness.runner import run_suite


def run(tmp_path: Path, name: str = "run", **options) -> Path:
    suite = write_suite(tmp_path)
    return run_suite(
        suite,
        out_dir=tmp_path / name,
        progress=False,
        render_report=False,
        **options,
        allow_code=True,
    )


def test_run_writes_results_items_and_suite_copy(tmp_path: Path) -> None:
    run_dir = run(tmp_path)
    results = json.loads((run_dir / "results.json").read_text())
    items = [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]
    assert results["schema_version"] == 3
    assert results["suite"]["name"] == "tiny_nli" and results["suite"]["seed"] == 7
    assert results["model"]["kind"] == "python"
    assert [t["name"] for t in results["tests"]] == ["pairs", "pairs_binary"]
    assert len(items) == 60 and (run_dir / "suite.yaml").exists()
    # Metrics in results.json agree with an independent computation from items.jsonl.
    for test in results["tests"]:
        rows = [i for i in items if i["test"] == test["name"]]
        gold = [r["gold"] for r in rows]
        predicted = [r["predicted"] for r in rows]
        assert test["metrics"]["accuracy"]["value"] == pytest.approx(
            accuracy_score(gold, predicted)
        )
        assert test["metrics"]["macro_f1"]["value"] == pytest.approx(
            f1_score(gold, predicted, labels=test["labels"], average="macro", zero_division=0)
        )
    binary = results["tests"][1]
    assert binary["labels"] == ["entailment", "non-entailment"]
    slices = results["tests"][0]["slices"]
    assert {s["value"] for s in slices} == {"overlap", "negation", "addition", "mixed"}
    gaps = [s["gap"] for s in slices]
    assert gaps == sorted(gaps)


def test_second_run_is_served_from_the_cache(tmp_path: Path) -> None:
    mock_models.CALLS.clear()
    first = run(tmp_path, "first")
    calls_after_first = sum(mock_models.CALLS)
    # Both tests share their 30 inputs: each distinct input is classified once.
    assert calls_after_first == 30
    second = run(tmp_path, "second")
    assert sum(mock_models.CALLS) == calls_after_first
    counts = json.loads((second / "results.json").read_text())["tests"][0]["counts"]
    assert counts["cached"] == 30 and counts["computed"] == 0

    def strip(r):
        return {k: v for k, v in r.items() if k not in {"created_at", "timings", "environment"}}  # noqa: E731

    a = json.loads((first / "results.json").read_text())
    b = json.loads((second / "results.json").read_text())
    for test in a["tests"] + b["tests"]:
        test.pop("timings"), test.pop("counts")
    assert strip(a) == strip(b)
    assert (first / "items.jsonl").read_text() == (second / "items.jsonl").read_text()


def test_unmappable_model_fails_before_writing_anything(tmp_path: Path) -> None:
    suite = write_suite(tmp_path)
    with pytest.raises(LabelMappingError):
        run_suite(
            suite,
            model="python:helpers.mock_models:word_rules",
            model_options={"labels": ["yes", "no", "maybe"]},
            out_dir=tmp_path / "out",
            progress=False,
            allow_code=True,
        )
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
