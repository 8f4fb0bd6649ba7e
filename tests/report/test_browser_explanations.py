"""The explanations a report shows, read in headless Chromium on a real run.

The run: a ``python:`` model that answers contradiction whenever the hypothesis says
"not" fails every litotes pair; one test collapses neutral and contradiction into
"non-entailment", so its failures are explained towards a collapsed label.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from report_browser import chromium, dump

from harness.runner import run_suite

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed"),
]


def _examples(n: int = 24) -> str:
    rows = []
    for i in range(n):
        if i % 3:
            rows.append(
                {
                    "id": f"l{i}",
                    "premise": f"Cat {i} sleeps on the warm sofa.",
                    "hypothesis": f"Cat {i} is not awake.",
                    "label": "entailment",
                    "kind": "litotes",
                }
            )
        else:
            rows.append(
                {
                    "id": f"p{i}",
                    "premise": f"Dog {i} runs.",
                    "hypothesis": f"Dog {i} moves.",
                    "label": "entailment",
                    "kind": "plain",
                }
            )
    return json.dumps(rows)


SUITE = f"""\
name: browser_explanations
task: nli
labels: [entailment, neutral, contradiction]
seed: 5
model: "python:helpers.mock_models:not_detector"
bootstrap_resamples: 200
tests:
  - name: pairs
    slice_by: [kind]
    data: {{source: inline, examples: {_examples()}}}
  - name: collapsed
    slice_by: [kind]
    label_mapping: {{neutral: non-entailment, contradiction: non-entailment}}
    data: {{source: inline, examples: {_examples()}}}
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-explanations")
    (root / "suite.yaml").write_text(SUITE, encoding="utf-8")
    run = run_suite(root / "suite.yaml", out_dir=root / "run", progress=False, allow_code=True)
    return run / "report.html"


def test_the_words_table_lists_words_and_counts(tmp_path: Path, report: Path) -> None:
    root, _ = dump(tmp_path, report)
    tables = list(root.find_all("table", cls="words-by-slice"))
    assert tables, "no words table"
    for table in tables:
        text = " ".join(table.text().split())
        assert "<built-in" not in text and "built-in method" not in text
    # "not" is in every explained failure of the pairs test, with its mean and count.
    results = json.loads((report.parent / "results.json").read_text())
    section = next(t for t in results["tests"] if t["name"] == "pairs")["sections"]["explanations"]
    row = next(r for r in section["words_by_slice"] if r["field"] == "all")
    first = row["words"][0]
    cells = " ".join(tables[0].find("tbody").text().split())
    assert f"{first['word']} {first['weight']:.2f}, {first['items']}" in cells
    # Screenshot of the section, to look at when changing it.
    png = _screenshot(tmp_path, report, "#test-pairs .explanations", "words-table.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_collapsed_label_failure_expands_to_words(tmp_path: Path, report: Path) -> None:
    results = json.loads((report.parent / "results.json").read_text())
    section = next(t for t in results["tests"] if t["name"] == "collapsed")["sections"][
        "explanations"
    ]
    assert section["n_explained"] > 0 and section["n_unexplained"] == 0
    # Expand every explanation of the collapsed test in the failure browser, as a user
    # clicking "Which words drove ..." would, and read what opens.
    script = (
        "setTimeout(function () {"
        " var out = [];"
        " document.querySelectorAll('#fb-rows details.attribution').forEach(function (d) {"
        "  d.open = true;"
        "  var words = d.querySelectorAll('span.attr-word');"
        "  var shaded = Array.prototype.filter.call(words, function (w) {"
        "   return (w.getAttribute('style') || '').indexOf('rgba') >= 0; });"
        "  out.push(d.querySelector('summary').textContent + '|' + words.length + '|' + shaded.length);"
        " });"
        " document.body.setAttribute('data-expanded', JSON.stringify(out));"
        "}, 500);"
    )
    html = report.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    driven = tmp_path / "expanded.html"
    driven.write_text(html.replace("</body>", f"<script>{script}</script></body>"), "utf-8")
    root, _ = dump(tmp_path, driven, "test=collapsed&correct=wrong")
    expanded = json.loads(root.find("body").attrs["data-expanded"])
    assert expanded, "no explained failure in the browser"
    for entry in expanded:
        summary, words, shaded = entry.rsplit("|", 2)
        assert "non-entailment" in summary and "neutral + contradiction" in summary
        assert int(words) > 0 and int(shaded) > 0, entry
    # The section's own explained failures say the same.
    collapsed = root.find("section", id="test-collapsed")
    item = next(iter(collapsed.find_all("details", cls="explained-item")))
    assert "the sum of neutral + contradiction" in " ".join(item.text().split())
    shaded_words = [
        w.text()
        for w in item.find_all("span", cls="attr-word")
        if "rgba(220, 38, 38" in (w.attrs.get("style") or "")
    ]
    assert shaded_words == ["not"]
    png = _screenshot(tmp_path, report, "#fb-rows details.attribution", "collapsed.png", "open")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _screenshot(tmp_path: Path, report: Path, selector: str, name: str, action: str = "") -> Path:
    """A screenshot of ``selector``'s element alone on the page (opened first with ``open``)."""
    html = report.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    opening = "target.open = true; target.parentElement.open = true;" if action == "open" else ""
    script = (
        "setTimeout(function () {"
        f" var target = document.querySelector({json.dumps(selector)});"
        f" if (target) {{ {opening} var node = (target.closest('tr') || target).cloneNode(true);"
        "  var box = document.createElement(node.tagName === 'TR' ? 'table' : 'div');"
        "  box.appendChild(node); document.body.innerHTML = ''; document.body.appendChild(box); }"
        "}, 300);"
    )
    page = tmp_path / f"{name}.html"
    page.write_text(html.replace("</body>", f"<script>{script}</script></body>"), "utf-8")
    png = tmp_path / name
    hash_ = "#test=collapsed&correct=wrong" if action == "open" else ""
    chromium(
        tmp_path, page.resolve().as_uri() + hash_, f"--screenshot={png}", "--window-size=1200,1000"
    )
    return png
