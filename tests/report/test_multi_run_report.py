"""harness report RUN RUN RUN: one page, every run's metrics side by side, pairwise gates."""

from __future__ import annotations

import pytest
from helpers.rundirs import item, write_run_dir

from harness.cli import main
from harness.errors import ComparisonRefusedError
from harness.report import render_comparison


def rows(correct_until: int, n: int = 40):
    return [
        item(
            "nli_core",
            f"x{i}",
            "entailment",
            "entailment" if i < correct_until else "neutral",
            tags={"phenomenon": "negation" if i % 2 else "overlap"},
        )
        for i in range(n)
    ]


def test_three_runs_side_by_side_with_pairwise_verdicts(tmp_path):
    slices = {"nli_core": ["phenomenon"]}
    runs = [
        write_run_dir(tmp_path / "a", rows(36), model="classifier", slice_by=slices),
        write_run_dir(tmp_path / "b", rows(20), model="prompted<lm>", slice_by=slices),
        write_run_dir(tmp_path / "c", rows(36), model="served", slice_by=slices),
    ]
    out = render_comparison(runs, tmp_path / "page.html")
    html = out.read_text()
    # One column per run, escaped model names, overall and slice rows.
    assert "prompted&lt;lm&gt;" in html and "prompted<lm>" not in html
    assert html.count("<h2>nli_core</h2>") == 1
    assert "0.900" in html and "0.500" in html
    assert "phenomenon=negation" in html
    # 3 pairs; the drop from 0.9 to 0.5 fails the gate, equal runs pass.
    assert html.count('<td class="FAIL">FAIL</td>') == 1
    assert html.count('class="PASS">PASS</td>') + html.count('class="WARN">WARN</td>') == 2
    assert "http" not in html.replace("http-equiv", "")


def test_runs_of_different_suites_are_refused(tmp_path, capsys):
    a = write_run_dir(tmp_path / "a", rows(30))
    b = write_run_dir(tmp_path / "b", rows(30), suite_hash="ffffffffffffffff")
    with pytest.raises(ComparisonRefusedError, match="different suites"):
        render_comparison([a, b], tmp_path / "x.html")
    assert main(["report", str(a), str(b), "--out", str(tmp_path / "x.html")]) != 0
    assert not (tmp_path / "x.html").exists()
