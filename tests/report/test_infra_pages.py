"""A run where the model could answer nothing (its server down for good), as a user sees it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from report_browser import layout
from test_cli import harness

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def unanswered_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("unanswered")
    result = harness(
        "run",
        str(ROOT / "suites" / "bias_probes_lm.yaml"),
        "--model",
        "python:helpers.flaky_models:unreachable_lm",
        "--model-option",
        "serves=loglikelihood",
        "--limit",
        "12",
        "--out",
        "run",
        "--quiet",
        "--no-cache",
        cwd=where,
    )
    # Nothing was measured: the run says so (exit 4) and still writes its folder.
    assert result.returncode == 4, result.stderr
    return where / "run"


def test_undefined_scores_read_undefined_with_each_reason_once(unanswered_run: Path) -> None:
    html = (unanswered_run / "report.html").read_text()
    assert ">NaN<" not in html
    assert html.count('class="missing bias-nan"') == 6  # the six BBQ scores of the one row
    assert html.count('class="note bias-nan-note"') == 1
    assert "Undefined scores: no ambiguous items; no disambiguated items." in html
    assert "12 items not scored (infrastructure errors)" in html


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_the_bbq_row_stays_one_line(tmp_path: Path, unanswered_run: Path) -> None:
    """A pill per undefined cell wrapped and overlapped its neighbours: the row grew."""
    seen = layout(
        tmp_path,
        unanswered_run / "report.html",
        {"row": "table.bias-bbq tr.overall", "cell": "table.bias-bbq tr.overall .bias-nan"},
    )
    assert seen["cell"]["text"] == "undefined"
    assert seen["row"]["height"] < 45
