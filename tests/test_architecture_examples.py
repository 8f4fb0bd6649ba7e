"""The worked example in docs/architecture.md runs as written."""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from harness import registry
from harness.runner import run_suite

DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"


def code_blocks() -> dict[str, str]:
    """``# file: NAME`` python blocks of the page, by file name."""
    blocks = re.findall(r"```python\n# file: (\S+)\n(.*?)```", DOC.read_text(), flags=re.S)
    return {name: body for name, body in blocks}


@pytest.fixture
def example_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    blocks = code_blocks()
    assert set(blocks) == {"confident_errors.py", "test_confident_errors.py"}
    for name, body in blocks.items():
        (tmp_path / name).write_text(body)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("confident_errors", "test_confident_errors"):
        sys.modules.pop(name, None)


def test_the_worked_metric_and_its_test_run(example_modules: Path) -> None:
    module = importlib.import_module("test_confident_errors")
    module.test_counts_only_confident_errors()


def test_the_worked_metric_plugs_into_a_suite(example_modules: Path, tmp_path: Path) -> None:
    metrics = registry.METRICS
    importlib.import_module("confident_errors").register(registry)
    try:
        examples = [
            {"id": f"e{i}", "premise": "A dog runs.", "hypothesis": h, "label": label}
            for i, (h, label) in enumerate(
                [
                    ("A dog runs.", "entailment"),
                    ("A dog does not run.", "contradiction"),
                    ("A dog runs fast.", "neutral"),
                    ("A dog runs.", "contradiction"),
                ]
            )
        ]
        suite = tmp_path / "suite.yaml"
        suite.write_text(
            yaml.safe_dump(
                {
                    "name": "worked",
                    "task": "nli",
                    "labels": ["entailment", "neutral", "contradiction"],
                    "model": "python:helpers.mock_models:word_rules",
                    "tests": [
                        {
                            "name": "t",
                            "data": {"source": "inline", "examples": examples},
                            "metrics": ["accuracy", "confident_error_rate"],
                        }
                    ],
                }
            )
        )
        run = run_suite(suite, out_dir=tmp_path / "run", progress=False, render_report=False)
        results = json.loads((run / "results.json").read_text())
        value = results["tests"][0]["metrics"]["confident_error_rate"]
        # word_rules: e3 "A dog runs." ⊆ premise → entailment with confidence 0.9, gold
        # contradiction: the one confident error of four.
        assert value["value"] == pytest.approx(0.25) and value["n"] == 4
    finally:
        metrics._entries.pop("confident_error_rate", None)
        metrics._descriptions.pop("confident_error_rate", None)
