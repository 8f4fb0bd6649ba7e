"""A perturbation test with a hundred broken pairs, run through the command line and
looked at in a browser: the robustness section and the explanations table."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers.suites import write_suite
from report_browser import chromium, layout
from test_cli import harness

TYPOS = """\
  - name: pairs_typos
    kind: perturbation
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    perturb: [{name: typo, params: {kind: mix, rate: 0.5, max_edits: 2, n_variants: 2}}]
    fields: [hypothesis]
    expect: invariance
"""


@pytest.fixture(scope="module")
def typo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("typos")
    write_suite(where, n=80, extra=TYPOS)
    result = harness(
        "run", "suite.yaml", "--allow-code", "--out", "run", "--quiet", "--no-cache", cwd=where
    )
    assert result.returncode == 0, result.stderr
    return where / "run"


def robustness(run: Path) -> dict:
    results = json.loads((run / "results.json").read_text())
    test = next(t for t in results["tests"] if t["name"] == "pairs_typos")
    return test["sections"]


def test_broken_pairs_beyond_the_first_three_are_folded(typo_run: Path) -> None:
    sections = robustness(typo_run)
    broken = len(sections["robustness"]["failures"])
    assert broken > 20  # the case this guards: many broken pairs
    html = (typo_run / "report.html").read_text()
    before, _, folded = html.partition('<details class="more-failures">')
    assert before.count('class="robustness-failure panel"') == 3
    assert folded.count('class="robustness-failure panel"') == broken - 3
    assert f"Show {broken - 3} more broken cases" in folded


def test_the_words_table_counts_failures_not_a_method(typo_run: Path) -> None:
    """Each word shows its mean attribution and how many explained failures hold it
    (the count printed as '<built-in method items of dict ...>')."""
    words = robustness(typo_run)["explanations"]["words_by_slice"]
    assert words
    html = (typo_run / "report.html").read_text()
    assert "built-in method" not in html
    cells = re.findall(r'<span class="muted small word-weight">([^<]*)</span>', html)
    expected = [f"{w['weight']:,.2f}, {w['items']:,}" for row in words for w in row["words"]]
    assert cells == expected


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_the_robustness_section_stays_short_however_many_pairs_break(
    tmp_path: Path, typo_run: Path
) -> None:
    seen = layout(
        tmp_path,
        typo_run / "report.html",
        {
            "robustness": "#test-pairs-typos .robustness",
            "explanations": "#test-pairs-typos .explanations",
            "words": "table.words-by-slice",
        },
    )
    # Three open cards and a fold: about a screen, not a card per broken pair.
    assert seen["robustness"]["height"] < 1400
    assert seen["height"] < 8000
    assert "built-in" not in seen["words"]["text"]
    # Inspect by hand when changing the section (not committed).
    png = tmp_path / "report.png"
    url = (typo_run / "report.html").resolve().as_uri()
    chromium(tmp_path, url, f"--screenshot={png}", "--window-size=1280,6000")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
