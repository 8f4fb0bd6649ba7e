"""Findings, attributions and layout in headless Chromium, on a report from a real run.

The run: a ``python:`` model that answers contradiction whenever the hypothesis says
"not" fails a whole slice (a finding), and its failures are explained by occlusion.
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

# No spaces, so it stays one word; a browser would still parse it as an <img> tag.
MARKUP = "<img/src=x/onerror=alert(1)>awake"


def _examples() -> str:
    rows = []
    for i in range(30):
        # Litotes: entailed although the hypothesis says "not"; the model gets them wrong.
        rows.append(
            {
                "id": f"l{i}",
                "premise": f"Cat {i} sleeps.",
                "hypothesis": f"Cat {i} is not {MARKUP}.",
                "label": "entailment",
                "kind": "litotes",
            }
        )
        rows.append(
            {
                "id": f"p{i}",
                "premise": f"Dog {i} runs fast.",
                "hypothesis": f"Dog {i} runs.",
                "label": "entailment",
                "kind": "plain",
            }
        )
    return json.dumps(rows)


SUITE = f"""\
name: browser
task: nli
labels: [entailment, neutral, contradiction]
seed: 5
model: "python:helpers.mock_models:not_detector"
bootstrap_resamples: 200
tests:
  - name: pairs
    slice_by: [kind]
    data: {{source: inline, examples: {_examples()}}}
  - name: typo_invariance_with_a_long_name_that_makes_tables_wide
    slice_by: [kind]
    data: {{source: inline, examples: {_examples()}}}
    perturb:
      - {{name: typo, params: {{rate: 0.3, n_variants: 2}}}}
    fields: [hypothesis]
    expect: invariance
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-findings")
    (root / "suite.yaml").write_text(SUITE, encoding="utf-8")
    run = run_suite(
        root / "suite.yaml",
        out_dir=root / "run",
        progress=False,
        explain_failures=3,
        allow_code=True,
    )
    return run / "report.html"


def _driven(tmp_path: Path, report: Path, script: str, name: str) -> Path:
    """A copy of the report with a measuring script appended (its CSP removed for that)."""
    html = report.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    driven = tmp_path / name
    driven.write_text(html.replace("</body>", f"<script>{script}</script></body>"), "utf-8")
    return driven


def test_findings_lead_and_their_links_jump_to_the_evidence(tmp_path: Path, report: Path) -> None:
    results = json.loads((report.parent / "results.json").read_text())
    top = [f for f in results["findings"] if f["status"] == "finding"][0]
    assert top["key"] == "pairs/slice/kind=litotes/accuracy"
    # Click the first finding's link as a user would; record where the page scrolled.
    script = (
        "setTimeout(function () {"
        " var link = document.querySelector('#findings a.evidence-link');"
        " link.click();"
        " setTimeout(function () {"
        "  var target = document.getElementById(link.getAttribute('href').slice(1));"
        "  document.body.setAttribute('data-target', target ? target.id : '');"
        "  document.body.setAttribute('data-top', target ? Math.round(target.getBoundingClientRect().top) : -1);"
        "  document.body.setAttribute('data-scroll', Math.round(window.scrollY));"
        "  document.body.setAttribute('data-hash', location.hash);"
        " }, 300); }, 300);"
    )
    root, _ = dump(tmp_path, _driven(tmp_path, report, script, "click.html"))
    body = root.find("body").attrs
    assert body["data-target"] == "test-pairs-slice-kind-litotes"
    assert body["data-hash"] == "#test-pairs-slice-kind-litotes"
    # The row is now at the top of the viewport (below the sticky contents bar).
    assert int(body["data-scroll"]) > 0 and 0 <= int(body["data-top"]) < 120
    # The linked row is the litotes slice row, and the findings come first in <main>.
    row = root.find("tr", id="test-pairs-slice-kind-litotes")
    assert "litotes" in row.text()
    main = root.find("main")
    first_section = next(c for c in main.children if not isinstance(c, str))
    assert first_section.attrs.get("id") == "findings"


@pytest.mark.parametrize("width", [1000, 1920])
def test_no_table_overflows_the_page(tmp_path: Path, report: Path, width: int) -> None:
    # Every table must fit the page or scroll inside its own box.
    script = (
        "setTimeout(function () {"
        " var W = document.documentElement.clientWidth, out = [];"
        " function box(el) { for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {"
        "  if (/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowX)) { return p; } } return null; }"
        " document.querySelectorAll('details').forEach(function (d) { d.open = true; });"
        " document.querySelectorAll('table').forEach(function (t) {"
        "  var b = box(t), r = (b || t).getBoundingClientRect();"
        "  if (r.right > W + 1) { out.push(t.className + ':' + Math.round(r.right)); } });"
        " document.body.setAttribute('data-overflow', out.join('|'));"
        " document.body.setAttribute('data-width', document.documentElement.scrollWidth + '/' + W);"
        "}, 500);"
    )
    driven = _driven(tmp_path, report, script, "measure.html")
    html = chromium(tmp_path, driven.resolve().as_uri(), "--dump-dom", f"--window-size={width},900")
    body = re.search(r"<body[^>]*>", html).group(0)
    assert 'data-overflow=""' in body, body
    scroll, client = re.search(r'data-width="(\d+)/(\d+)"', body).groups()
    assert int(scroll) <= int(client)
    # Screenshots at this width (inspect them by hand when changing the layout).
    png = tmp_path / f"report-{width}.png"
    chromium(
        tmp_path, report.resolve().as_uri(), f"--screenshot={png}", f"--window-size={width},2400"
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_attributions_render_as_escaped_text(tmp_path: Path, report: Path) -> None:
    root, tags = dump(tmp_path, report, "test=pairs&correct=incorrect")
    assert not [t for t, _ in tags if t in ("img", "iframe")]
    # The section's explained failures: the deciding word is shaded, markup is text.
    section = root.find("section", id="test-pairs")
    explained = list(section.find_all("details", cls="explained-item"))
    # The section features its first failures: the 3 asked for and the findings' evidence.
    results = json.loads((report.parent / "results.json").read_text())
    pairs = next(t for t in results["tests"] if t["name"] == "pairs")
    featured = pairs["sections"]["explanations"]["featured"]
    assert featured >= 3 and len(explained) == featured
    words = [w for w in explained[0].find_all("span", cls="attr-word")]
    texts = [w.text() for w in words]
    assert MARKUP + "." in texts
    shaded = [w for w in words if "rgba(220, 38, 38" in (w.attrs.get("style") or "")]
    assert [w.text() for w in shaded] == ["not"]
    # The failure browser shows the same attributions under the explained rows, as text.
    blocks = list(root.find("tbody", id="fb-rows").find_all("details", cls="attribution"))
    assert blocks, "no explained row in the failure browser"
    browser_words = [w.text() for w in blocks[0].find_all("span", cls="attr-word")]
    assert "not" in browser_words and MARKUP + "." in browser_words
    # Above the browser: how many incorrect items can be expanded, how many cannot, and
    # the option that raises the cap (3 per test here).
    results = json.loads((report.parent / "results.json").read_text())
    sections = [t["sections"]["explanations"] for t in results["tests"]]
    explained = sum(s["n_explained"] for s in sections)
    failing = sum(s["n_failing"] for s in sections)
    note = " ".join(root.find("p", id="fb-explained").text().split())
    assert f"{explained} of the {failing} incorrect items this page holds can be expanded" in note
    assert (
        f"{failing - explained} have no explanation" in note
        and "harness explain RUN_DIR --n N" in note
    )


# Narrower than the printable width of both A4 and Letter at Chromium's default margins.
PRINT_WIDTH = 700
FOLDED = "folded-sentinel-text"


def test_print_layout_fits_the_page_and_prints_folded_sections_open(
    tmp_path: Path, report: Path
) -> None:
    # The page as print media lays it out: the print rules applied at the paper's width,
    # and the beforeprint event the browser sends before printing.
    css = re.search(r"<style[^>]*>(.*?)</style>", report.read_text("utf-8"), re.S)
    assert css and "@media print" in css.group(1)
    script = (
        "setTimeout(function () {"
        " var style = document.createElement('style');"
        f" style.textContent = {json.dumps(css.group(1))}.split('@media print').join('@media all');"
        " document.head.appendChild(style);"
        " window.dispatchEvent(new Event('beforeprint'));"
        " var W = document.documentElement.clientWidth, out = [];"
        " document.querySelectorAll('body *').forEach(function (e) {"
        "  var r = e.getBoundingClientRect();"
        "  if (r.width > 0 && r.right > W + 1) { out.push(e.tagName + '.' + e.className); } });"
        " var closed = document.querySelectorAll('details:not([open])').length;"
        " document.body.setAttribute('data-overflow', out.slice(0, 20).join('|'));"
        " document.body.setAttribute('data-closed', closed);"
        " document.body.setAttribute('data-width', document.documentElement.scrollWidth + '/' + W);"
        "}, 500);"
    )
    driven = _driven(tmp_path, report, script, "print.html")
    html = chromium(
        tmp_path,
        driven.resolve().as_uri(),
        "--dump-dom",
        "--hide-scrollbars",
        f"--window-size={PRINT_WIDTH},900",
    )
    body = re.search(r"<body[^>]*>", html).group(0)
    assert 'data-overflow=""' in body, body
    assert 'data-closed="0"' in body, body
    scroll, client = re.search(r'data-width="(\d+)/(\d+)"', body).groups()
    assert int(client) == PRINT_WIDTH and int(scroll) <= int(client)


def test_printed_pdf_holds_the_folded_sections_within_the_page(
    tmp_path: Path, report: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    results = json.loads((report.parent / "results.json").read_text())
    # A folded section only the print handler can open (the page's own script runs; the
    # copy only drops the CSP line so this extra markup is allowed to stay).
    copy = _driven(tmp_path, report, "", "paper.html")
    copy.write_text(
        copy.read_text("utf-8").replace(
            '<section id="failures"',
            f'<details><summary>more</summary><p>{FOLDED}</p></details><section id="failures"',
        ),
        "utf-8",
    )
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, copy.resolve().as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    reader = pypdf.PdfReader(pdf)
    starts: list[float] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            starts.append(tm[4] * cm[0] + cm[4])

    text = ""
    for page in reader.pages:
        text += page.extract_text(visitor_text=visit)
    flat = " ".join(text.split())
    assert FOLDED in flat
    # The underpowered comparisons sit in a folded block of the findings: printed too.
    underpowered = [f for f in results["findings"] if f["status"] == "underpowered"]
    for finding in underpowered:
        assert " ".join(finding["statement"].split()) in flat
    width = float(reader.pages[0].mediabox.width)
    assert starts and max(starts) < width
