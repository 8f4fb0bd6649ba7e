"""What ``harness run`` and ``harness validate`` print, through the real CLI: a table of
each test's headline metric before the findings, one unit rule (proportions, never
percentages), progress bars that name their test, and bounded validate output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers.suites import write_suite

from harness.cli import main
from harness.metrics.units import number

SUITES = Path(__file__).resolve().parent.parent / "suites"

PERTURBED = """\
  - name: typos
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    perturb:
      - {name: typo, params: {rate: 0.3, n_variants: 2}}
    fields: [hypothesis]
    expect: invariance
"""


def test_run_prints_each_tests_headline_metric_before_the_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = write_suite(tmp_path, n=60, extra=PERTURBED)
    assert main(["run", str(suite), "--allow-code", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    start = out.index("tests (headline metric with its 95% CI and n):")
    assert out[start + 1].split() == ["test", "metric", "value", "95%", "CI", "n", "answered"]
    rows = out[start + 2 : start + 2 + len(results["tests"])]
    expected = {"pairs": "accuracy", "pairs_binary": "accuracy", "typos": "flip_rate"}
    for row, test in zip(rows, results["tests"], strict=True):
        record = test["metrics"][expected[test["name"]]]
        assert row.split() == [
            test["name"],
            expected[test["name"]],
            number(record["value"]),
            f"[{number(record['ci_low'])},",
            f"{number(record['ci_high'])}]",
            str(record["n"]),
            f"{test['denominator']['counted']}/{test['n']}",
        ]
    findings_at = next(i for i, line in enumerate(out) if line.startswith("findings"))
    assert findings_at == start + 2 + len(results["tests"])


def test_the_terminal_prints_proportions_never_percentages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = write_suite(tmp_path, n=60, extra=PERTURBED)
    assert main(["run", str(suite), "--allow-code", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    out = capsys.readouterr().out
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    assert any(f["status"] == "finding" and f["effect_kind"] == "rate" for f in results["findings"])
    for line in out.splitlines():
        # A confidence level is a level, not a result: "95% CI", "CIs at 99.8%".
        assert "%" not in re.sub(r"\d+(\.\d+)?% CI|CIs at [\d.]+%", "", line), line
    # Every number after a metric or in a CI has three decimals.
    levels = re.sub(r"\d+(\.\d+)?% CI|CIs at [\d.]+%", "", out)
    numbers = re.findall(r"(?<![\w.])[+-]?\d+\.\d+", levels)
    assert numbers and all(len(n.split(".")[1]) == 3 for n in numbers), numbers


def test_progress_bars_name_their_test(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Occlusion explanations of each test's failures get a bar that says which test."""
    suite = write_suite(tmp_path, n=60, model="python:helpers.mock_models:always_entailment")
    code = main(
        [
            "run",
            str(suite),
            "--allow-code",
            "--out",
            str(tmp_path / "out"),
            "--model-option",
            "batch_size=2",
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    descriptions = {
        match.group(1).strip()
        for match in re.finditer(r"(?:^|\r)([^\r\n|]*?):?\s+\d+%\|", err, re.MULTILINE)
    }
    assert descriptions, err
    # pairs_binary asks the same occluded inputs as pairs: answered from the cache, no bar.
    explaining = {d for d in descriptions if "explaining failures" in d}
    # One occlusion pass explains every test's failures at once, and names them all.
    assert explaining == {"pairs, pairs_binary: explaining failures (occlusion)"}
    named = {name for d in descriptions for name in d.split(":")[0].split(", ")}
    assert named <= {"pairs", "pairs_binary"}, descriptions


def test_validate_of_the_reading_comprehension_suite_stays_short(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(SUITES / "reading_comprehension.yaml")]) == 0
    out = capsys.readouterr().out
    assert len(out) < 1000, out
    assert "'text'" not in out and "labels: ," not in out
    assert "  test extractive [squad]: 245 examples (205 with an answer, 40 without)" in out


def test_validate_lists_labels_and_counts_many_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = write_suite(tmp_path, n=30)
    assert main(["validate", str(suite), "--allow-code"]) == 0
    out = capsys.readouterr().out
    assert (
        "  test pairs [evaluate]: 30 examples (contradiction 10, entailment 10, neutral 10)" in out
    )
