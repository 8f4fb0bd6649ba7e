"""harness report RUN RUN RUN: one page, every run's metrics side by side, pairwise gates."""

from __future__ import annotations

import pytest
from helpers.rundirs import item, write_run_dir
from report_browser import CHROMIUM, chromium, layout

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
    assert html.count('<td class="FAIL"><span class="outcome-pill outcome-fail">FAIL</span>') == 1
    passed = html.count('class="PASS"><span') + html.count('class="WARN"><span')
    assert passed == 2
    # The page's verdict is the worst pair's, and it comes before any metric.
    assert '<h2>Gate: <span class="outcome">FAIL</span></h2>' in html
    assert "3 pairs of runs gated: 1 FAIL, " in html
    assert html.index('id="verdict"') < html.index("<h2>nli_core</h2>")
    assert "http" not in html.replace("http-equiv", "")


def test_runs_of_different_suites_are_refused(tmp_path, capsys):
    a = write_run_dir(tmp_path / "a", rows(30))
    b = write_run_dir(tmp_path / "b", rows(30), suite_hash="ffffffffffffffff")
    with pytest.raises(ComparisonRefusedError, match="different suites"):
        render_comparison([a, b], tmp_path / "x.html")
    assert main(["report", str(a), str(b), "--out", str(tmp_path / "x.html")]) != 0
    assert not (tmp_path / "x.html").exists()


def many_tests(correct_until: int, tests: int = 12, n: int = 40):
    """A suite of ``tests`` tests with two slices each: a page as long as a real suite's."""
    return [
        item(
            f"test_{t:02d}",
            f"x{i}",
            "entailment",
            "entailment" if i < correct_until else "neutral",
            tags={"phenomenon": "negation" if i % 2 else "overlap", "length": str(i % 3)},
        )
        for t in range(tests)
        for i in range(n)
    ]


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium")
def test_the_page_leads_with_its_verdict_in_the_reports_style(tmp_path):
    """In a browser: the verdict is on the first screen however many tests follow, and
    the page wears the run report's style sheet (its fonts, header band and table heads)."""
    slices = {f"test_{t:02d}": ["phenomenon", "length"] for t in range(12)}
    runs = [
        write_run_dir(tmp_path / "a", many_tests(36), model="classifier", slice_by=slices),
        write_run_dir(tmp_path / "b", many_tests(20), model="prompted", slice_by=slices),
        write_run_dir(tmp_path / "c", many_tests(35), model="served", slice_by=slices),
    ]
    page = render_comparison(runs, tmp_path / "page.html")
    seen = layout(
        tmp_path,
        page,
        {
            "verdict": "#verdict",
            "outcome": "#verdict .outcome",
            "header": "header.page-header",
            "table_head": "section#test-test-11 thead th",
            "body": "body",
            "last_test": "section#test-test-11",
        },
    )
    # The page is long (every test and slice), the verdict is not at its bottom but on
    # the first screen (900 px), and says FAIL in the report's colour for bad.
    assert seen["height"] > 3000
    assert seen["verdict"]["top"] < 450 < seen["last_test"]["top"]
    assert seen["outcome"]["text"] == "FAIL"
    assert seen["outcome"]["color"] == "rgb(220, 38, 38)"
    # report.css: system-ui font stack, the header's band, grey table heads.
    assert seen["body"]["font"].startswith("system-ui")
    assert seen["header"]["background"] == "rgba(0, 0, 0, 0)"  # a gradient, not a colour
    assert seen["table_head"]["background"] == "rgb(243, 244, 246)"
    png = tmp_path / "multi.png"
    chromium(tmp_path, page.resolve().as_uri(), f"--screenshot={png}", "--window-size=1280,1400")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
