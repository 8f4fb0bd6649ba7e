"""The gate configuration: schema errors with lines, tolerances, slices, floors."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.rundirs import item, write_run_dir

from harness.errors import SuiteError
from harness.gate import compare_dirs, evaluate_gate, load_gate_config
from harness.gate.config import gate_config_from_mapping
from harness.gate.gate import FAIL, PASS
from harness.metrics.intervals import holm, holm_adjusted

LABELS = ("entailment", "neutral", "contradiction")


def _runs(tmp_path: Path, wrong_base: set[int], wrong_cand: set[int], n: int = 600):
    def rows(wrong: set[int]) -> list[dict]:
        return [
            item(
                "nli",
                f"x{i}",
                LABELS[i % 3],
                LABELS[(i + 1) % 3] if i in wrong else LABELS[i % 3],
                tags={"phenomenon": ("negation", "lexical", "quantifier")[i % 3]},
                scores={"flipped": float(i in wrong)},
            )
            for i in range(n)
        ]

    options = {"slice_by": {"nli": ["phenomenon"]}}
    base = write_run_dir(tmp_path / "base", rows(wrong_base), **options)
    cand = write_run_dir(tmp_path / "cand", rows(wrong_cand), model="cand", **options)
    return compare_dirs(base, cand, resamples=2000)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gate.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_names_file_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "alpha: 0.05\nchecks:\n  - test: nli\n    tolerence: 0.01\n")
    with pytest.raises(SuiteError) as error:
        load_gate_config(path)
    message = str(error.value)
    assert f"{path}:4:" in message and "tolerence" in message and "tolerance" in message


def test_suite_file_gate_section_and_bad_values(tmp_path: Path) -> None:
    path = _write(tmp_path, "name: s\ntests: []\ngate:\n  alpha: 2\n")
    with pytest.raises(SuiteError, match=r"gate.yaml:4: gate.alpha"):
        load_gate_config(path)
    assert load_gate_config(_write(tmp_path, "name: s\ntests: []\n")) is None


def test_defaults_gate_headline_and_every_slice(tmp_path: Path) -> None:
    comparison = _runs(tmp_path, set(), set())
    verdict = evaluate_gate(comparison)
    tolerances = {c.name: c.tolerance for c in verdict.checks}
    assert tolerances == {
        "nli/accuracy": 0.01,
        "nli/accuracy[phenomenon=lexical]": 0.02,
        "nli/accuracy[phenomenon=negation]": 0.02,
        "nli/accuracy[phenomenon=quantifier]": 0.02,
    }
    assert verdict.outcome == PASS


def test_clear_regression_fails_with_holm_across_all_checks(tmp_path: Path) -> None:
    comparison = _runs(
        tmp_path, set(range(0, 600, 10)), set(range(0, 600, 10)) | set(range(1, 120))
    )
    verdict = evaluate_gate(comparison)
    assert verdict.outcome == FAIL and verdict.exit_code == 1
    p = [c.p_value for c in verdict.checks]
    assert [c.p_adjusted for c in verdict.checks] == pytest.approx(holm_adjusted(p).tolist())
    assert [c.outcome == FAIL for c in verdict.checks] == holm(p, 0.05).tolist()
    headline = verdict.checks[0]
    assert headline.name == "nli/accuracy" and headline.method == "paired-bootstrap"
    line = headline.line()
    for part in ("Δ=", "n=600", "d=", "MDE=", "τ=0.010", "p="):
        assert part in line


def test_floor_ceiling_slices_and_mcnemar_at_zero_tolerance(tmp_path: Path) -> None:
    comparison = _runs(tmp_path, set(), {3, 4})
    config = gate_config_from_mapping(
        {
            "checks": [
                {"test": "nli", "metric": "accuracy", "tolerance": 0, "floor": 0.999},
                {
                    "test": "nli",
                    "metric": "flip_rate",
                    "ceiling": 0.10,
                    "slices": ["phenomenon=lexical"],
                },
            ]
        }
    )
    verdict = evaluate_gate(comparison, config)
    by_name = {c.name: c for c in verdict.checks}
    accuracy = by_name["nli/accuracy"]
    assert accuracy.method == "mcnemar-exact" and accuracy.p_value == pytest.approx(0.25)
    assert accuracy.outcome == FAIL and "below the floor" in accuracy.reasons[0]
    assert by_name["nli/flip_rate"].outcome == PASS  # 2/600 flips: under τ and the ceiling
    assert by_name["nli/flip_rate[phenomenon=lexical]"].tolerance == 0.02
    assert verdict.exit_code == 1


def test_config_errors_against_the_runs_are_located(tmp_path: Path) -> None:
    comparison = _runs(tmp_path, set(), set(), n=30)
    path = _write(tmp_path, "checks:\n  - test: nli\n    metric: bleu\n")
    with pytest.raises(SuiteError, match=r"gate.yaml:3: checks\[0\].metric: metric 'bleu'"):
        evaluate_gate(comparison, load_gate_config(path))
    path = _write(tmp_path, "checks:\n  - test: nli\n    slices: [topic]\n")
    with pytest.raises(
        SuiteError, match=r"gate.yaml:3: checks\[0\].slices\[0\]: .*no slice 'topic'"
    ):
        evaluate_gate(comparison, load_gate_config(path))
