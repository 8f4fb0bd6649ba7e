"""The report in a real browser: headless Chromium, driven through the URL hash.

Each test renders the report, opens it via file:// with ``--dump-dom`` after the page's
script has run, and inspects the resulting DOM.
"""

from __future__ import annotations

import re
import shutil

import pytest
from report_browser import browser_order, chromium, dump, shown
from report_fixtures import IMG, MALICIOUS, SCRIPT

from harness.report import render_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed"),
]


@pytest.fixture
def report(run_dir):
    return render_report(run_dir)


def test_default_view_shows_incorrect_items_most_confident_first(tmp_path, report, items):
    root, _ = dump(tmp_path, report)
    status, ids, _ = shown(root)
    wrong = [item for item in items if item["correct"] is False]
    assert int(status["data-matched"]) == len(wrong)
    assert ids == browser_order(wrong)
    # Static parts rendered too.
    assert root.find("table", cls="confusion")
    assert root.find("svg", cls="reliability")


def test_gold_filter_from_hash(tmp_path, report, items):
    root, _ = dump(tmp_path, report, "gold=neutral")
    status, ids, _ = shown(root)
    expected = [i for i in items if i["gold"] == "neutral" and i["correct"] is False]
    assert expected and ids == browser_order(expected)
    assert int(status["data-matched"]) == len(expected)


def test_combined_filters_and_null_correct(tmp_path, report, items):
    root, _ = dump(tmp_path, report, "test=nli_core&correct=unscored")
    _, ids, rows = shown(root)
    assert ids == ["core:004/swap"]  # correct is null, confidence null: must not crash
    assert "unscored" in rows[0].text()
    root, _ = dump(tmp_path, report, "slice=phenomenon%3Dnegation&correct=all&sort=id")
    _, ids, _ = shown(root)
    expected = sorted(
        i["id"] for i in items if i["test"] == "nli_core" and i["tags"]["phenomenon"] == "negation"
    )
    assert ids == expected


def test_text_search_and_variants(tmp_path, report, items):
    root, _ = dump(tmp_path, report, "q=beside+the+LAKE&correct=all")
    status, ids, rows = shown(root)
    variants = [i for i in items if i["parent_id"]]
    assert sorted(ids) == sorted(i["id"] for i in variants)
    row = next(r for r in rows if r.attrs["data-id"] == "core:002/swap")
    text = row.text()
    assert "variant of" in text and "core:002" in text and "synonym_swap" in text
    assert "'near the river' -> 'beside the lake'" in text
    # The premise is shown against its parent's, changed words marked.
    assert [e.text() for e in row.find_all("ins", cls="diff-added")] == ["beside", "lake."]
    assert [e.text() for e in row.find_all("del", cls="diff-removed")] == ["near", "river."]


def test_pagination(tmp_path, report, items):
    root, _ = dump(tmp_path, report, "correct=all&page=2")
    status, ids, _ = shown(root)
    assert status["data-page"] == "2" and status["data-pages"] == "2"
    assert ids == browser_order(items)[50:]
    assert len(items) > 50


def test_controls_update_the_hash(tmp_path, report, items):
    # A copy of the report with a driver script appended (and the CSP that would block it
    # removed): it picks "neutral" in the gold select as a user would.
    html = report.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    driver = (
        "<script>setTimeout(function () {"
        " var s = document.getElementById('fb-gold'); s.value = 'neutral';"
        " s.dispatchEvent(new Event('change'));"
        " setTimeout(function () {"
        "  document.body.setAttribute('data-hash', location.hash); }, 300); }, 300);</script>"
    )
    driven = tmp_path / "driven.html"
    driven.write_text(html.replace("</body>", driver + "</body>"), encoding="utf-8")
    root, _ = dump(tmp_path, driven, "q=dog")
    assert root.find("body").attrs["data-hash"] == "#gold=neutral&q=dog"
    status, ids, _ = shown(root)
    expected = [
        i
        for i in items
        if i["gold"] == "neutral"
        and i["correct"] is False
        and "dog" in (" ".join(i["fields"].values()) + i["id"]).lower()
    ]
    assert ids == browser_order(expected)


def test_malicious_strings_are_text_and_run_nothing(tmp_path, report, results):
    root, tags = dump(tmp_path, report, "q=mailman&correct=all")
    _, ids, rows = shown(root)
    assert ids == ["core:005"]
    # The title is untouched by any payload and no element was created from data.
    assert (
        root.find("title").text() == f"harness report: nli_robustness · {results['model']['name']}"
    )
    assert root.find("title").text() != "pwned"
    assert not [t for t, _ in tags if t in ("img", "iframe")]
    assert sum(1 for t, _ in tags if t == "script") == 3
    assert MALICIOUS in rows[0].text()
    root, _ = dump(tmp_path, report, "test=nli_negation&correct=all&sort=id")
    _, ids, rows = shown(root)
    assert ids[0] == "neg:000"
    tag_texts = [a.text() for a in rows[0].find_all("a", cls="tag")]
    assert "group=" + MALICIOUS in tag_texts
    assert SCRIPT in root.find("header").text() and IMG in root.find("header").text()


def test_screenshot(tmp_path, report):
    """A full-page screenshot (inspect it by hand when changing the design; not committed)."""
    png = tmp_path / "report.png"
    chromium(tmp_path, report.resolve().as_uri(), f"--screenshot={png}", "--window-size=1280,2000")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000


def test_the_slice_menu_lists_the_selected_tests_slices(tmp_path, report, items):
    """With a test selected, the slice menu holds that test's slices only (a whole suite's
    slices ran to hundreds of entries); a slice the test lacks still shows, marked."""

    def menu(root):
        select = root.find("select", id="fb-slice")
        return [option.attrs.get("value") for option in select.find_all("option")][1:]

    def slices(test=None):
        return sorted(
            {
                f"{key}={value}"
                for item in items
                if test is None or item["test"] == test
                for key, value in item["tags"].items()
            }
        )

    root, _ = dump(tmp_path, report)
    assert menu(root) == slices()
    root, _ = dump(tmp_path, report, "test=nli_negation")
    assert menu(root) == slices("nli_negation")
    assert "phenomenon=negation" not in menu(root) and "template=t0" in menu(root)
    first = root.find("select", id="fb-slice").find("option")
    assert first.text() == "all slices of this test"
    root, _ = dump(tmp_path, report, "test=nli_core&slice=length%3Dshort&correct=all")
    assert menu(root) == slices("nli_core")
    status, ids, _ = shown(root)
    short = [i for i in items if i["test"] == "nli_core" and i["tags"]["length"] == "short"]
    assert int(status["data-matched"]) == len(short)
    # A linked slice of another test: kept visible, marked, and it matches nothing.
    root, _ = dump(tmp_path, report, "test=nli_negation&slice=length%3Dshort")
    assert "length=short" in menu(root)
    marked = [o.text() for o in root.find("select", id="fb-slice").find_all("option")]
    assert "length=short (no items)" in marked
    status, _, _ = shown(root)
    assert status["data-matched"] == "0"


def test_screenshot_of_the_failure_browser_with_a_test_selected(tmp_path, report):
    """Inspect by hand when changing the browser; the menu's entries are checked above."""
    png = tmp_path / "failures.png"
    url = report.resolve().as_uri() + "#test=nli_negation&correct=all"
    chromium(tmp_path, url, f"--screenshot={png}", "--window-size=1280,1600")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
