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
from harness.cli.gate import main as gate_main
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
    tests = [name for name in dir(module) if name.startswith("test_")]
    assert tests == [
        "test_counts_only_confident_errors",
        "test_follows_the_metric_contract",
        "test_paired_form_compares_the_same_items",
    ]
    for name in tests:
        getattr(module, name)()


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
        run = run_suite(
            suite, out_dir=tmp_path / "run", progress=False, render_report=False, allow_code=True
        )
        results = json.loads((run / "results.json").read_text())
        value = results["tests"][0]["metrics"]["confident_error_rate"]
        # word_rules: e3 "A dog runs." ⊆ premise → entailment with confidence 0.9, gold
        # contradiction: the one confident error of four.
        assert value["value"] == pytest.approx(0.25) and value["n"] == 4
        # The gate pairs two runs on it (here the same model twice: no regression).
        again = run_suite(
            suite, out_dir=tmp_path / "again", progress=False, render_report=False, allow_code=True
        )
        config = tmp_path / "gate.yaml"
        config.write_text("checks:\n  - {test: t, metric: confident_error_rate}\n")
        verdict = tmp_path / "gate.json"
        code = gate_main(
            [
                "gate",
                str(run),
                str(again),
                "--config",
                str(config),
                "--json",
                str(verdict),
                "--no-html",
            ]
        )
        checks = json.loads(verdict.read_text())["checks"]
        assert code == 0 and [c["name"] for c in checks] == ["t/confident_error_rate"]
        assert checks[0]["base"] == checks[0]["candidate"] == pytest.approx(0.25)
    finally:
        metrics._entries.pop("confident_error_rate", None)
        metrics._descriptions.pop("confident_error_rate", None)
