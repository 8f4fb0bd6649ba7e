"""The static report: structure, ordering, escaping, errors and the section-template contract."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers.rundirs import item
from report_fixtures import IMG, MALICIOUS, SCRIPT, build_items, build_results
from report_html import parse

import harness.report
from harness.errors import RunDirectoryError
from harness.report import _render, render_report, render_report_html, script_json, word_diff
from harness.report._embed import slim_item

NETWORK = re.compile(r"^\s*(?:https?:|//|ftp:|ws:|wss:)", re.IGNORECASE)


def test_public_api_is_what_all_says():
    assert set(harness.report.__all__) == {
        name
        for name in dir(harness.report)
        if not name.startswith("_") and name.isidentifier() and not name.startswith("@")
    } - {"annotations"}
    assert {"render_report", "render_report_html"} <= set(harness.report.__all__)


def test_render_report_writes_report_html_atomically(run_dir):
    path = render_report(run_dir)
    assert path == run_dir / "report.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # No temporary file is left behind.
    assert sorted(p.name for p in run_dir.iterdir()) == [
        "items.jsonl",
        "report.html",
        "results.json",
    ]


def test_render_report_to_another_path(run_dir, tmp_path):
    out = tmp_path / "elsewhere" / "r.html"
    assert render_report(run_dir, out) == out
    assert "Failure browser" in out.read_text(encoding="utf-8")


def test_no_network_loads(run_dir):
    html = render_report(run_dir).read_text(encoding="utf-8")
    _, tags = parse(html)
    loads = [
        (tag, name, value)
        for tag, attrs in tags
        for name, value in attrs.items()
        if name in ("src", "href", "srcset", "data", "action", "poster", "xlink:href")
    ]
    assert not [entry for entry in loads if NETWORK.match(entry[2] or "")]
    # Every href stays on the page; nothing has a src at all.
    assert all((value or "").startswith("#") for _, name, value in loads if name == "href")
    assert not [entry for entry in loads if entry[1] == "src"]
    assert not [tag for tag, _ in tags if tag in ("link", "img", "iframe", "object", "embed")]
    assert "@import" not in html and "url(" not in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.IGNORECASE)
    # The CSP forbids anything but the one inline script (by hash).
    assert "default-src 'none'" in html


def test_every_part_is_present(run_dir):
    root, _ = parse(render_report(run_dir).read_text(encoding="utf-8"))
    assert root.find("section", id="overview")
    assert root.find("section", id="failures")
    tests = {s.attrs["data-test"]: s for s in root.find_all("section", cls="test")}
    assert list(tests) == ["nli_core", "nli_negation"]
    core = tests["nli_core"]
    assert core.find("table", cls="confusion")
    assert core.find("svg", cls="reliability")
    assert core.find("table", cls="per-class")
    keys = [b.attrs["data-key"] for b in root.find_all("section", cls="block")]
    assert keys == ["mystery_section", "another_unknown", "gap_summary"]
    # Unknown sections fall back to a readable key/value table.
    mystery = root.find("section", cls="block", data_key="mystery_section")
    assert [th.text() for th in mystery.find("table", cls="kv").find_all("th", scope="row")][
        :3
    ] == [
        "note",
        "flip_rate",
        "per_transform",
    ]
    assert mystery.find("span", cls="metric-ci")
    assert [th.text() for th in mystery.find("table", cls="records").find_all("th")] == [
        "transform",
        "n",
        "flipped",
    ]
    # Overview: one row per headline metric, with its CI and n.
    overview = root.find("table", cls="overview")
    rows = list(overview.find("tbody").find_all("tr"))
    assert len(rows) == 5
    assert "[0.700, 0.800]" in rows[0].text()
    # Summary header facts.
    header = root.find("header").text()
    for fact in (
        "nli_robustness",
        "0123456789abcdef",
        "reference model",
        "0.1.0",
        "13",
        "2026-11-22T12:00:00+00:00",
        "12.3 s",
        "58",
    ):
        assert fact in header
    assert "2 truncated" in core.text()


def test_reference_flag_only_for_reference_models(results, items):
    results["model"]["is_reference"] = False
    assert "reference model</span>" not in render_report_html(results, items)


def test_slices_sorted_by_gap_most_negative_first(run_dir):
    root, _ = parse(render_report(run_dir).read_text(encoding="utf-8"))
    core = root.find("section", cls="test", data_test="nli_core")
    gaps = [row.attrs["data-gap"] for row in core.find_all("tr", cls="slice-row")]
    assert gaps == ["-0.18", "-0.06", "0.02", "0.05", ""]
    first = next(core.find_all("tr", cls="slice-row"))
    assert "negation" in first.text() and "-0.180" in first.text()


def test_malicious_strings_appear_only_escaped(run_dir):
    html = render_report(run_dir).read_text(encoding="utf-8")
    for needle in (SCRIPT, IMG, "<img", "</script>\u2028"):
        assert needle not in html, needle
    assert html.count("<script") == 3  # two JSON islands and the report's own script
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text
    root, tags = parse(html)
    assert not [t for t, _ in tags if t == "img"]
    assert not [(t, a) for t, a in tags for name in a if name.startswith("on")]
    # The model name and the slice value are visible as literal text.
    title = root.find("title").text()
    assert title == "harness report: nli_robustness · reference-bow " + MALICIOUS
    slice_names = [row.find("th").text() for row in root.find_all("tr", cls="slice-row")]
    assert "length=" + MALICIOUS in slice_names


def test_embedded_items_round_trip(items, results):
    html = render_report_html(results, items)
    root, _ = parse(html)
    data = root.find("script", id="items-data").text()
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data) == [slim_item(item) for item in items]


def test_script_json_cannot_break_out():
    value = {"a": "</script><script>x()</script>", "b": "&amp; \u2028 \u2029", "c": float("nan")}
    text = str(script_json(value))
    assert "</" not in text and "&" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": value["a"], "b": value["b"], "c": None}


def test_items_with_null_correct_and_missing_pieces_render(results):
    items = [{"test": "nli_core", "id": "x", "correct": None, "fields": None, "tags": None}]
    results["tests"][0]["tables"] = {"confusion_matrix": {"labels": ["a"], "matrix": []}}
    results["tests"][1] = {"name": "bare"}
    html = render_report_html(results, items)
    assert 'data-test="bare"' in html


def test_missing_items_jsonl_is_reported_not_fatal(make_run, results):
    run = make_run(results, None)
    html = render_report(run).read_text(encoding="utf-8")
    assert "no items.jsonl" in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "results.json: missing"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"schema_version": 99}', "unsupported schema_version 99"),
    ],
)
def test_bad_results_json_raises_one_line_error(tmp_path, content, message):
    run = tmp_path / "run"
    run.mkdir()
    if content is not None:
        (run / "results.json").write_text(content, encoding="utf-8")
    with pytest.raises(RunDirectoryError, match=re.escape(message)) as caught:
        render_report(run)
    assert "\n" not in str(caught.value)
    assert not (run / "report.html").exists()


def test_missing_run_directory(tmp_path):
    with pytest.raises(RunDirectoryError, match="run directory not found"):
        render_report(tmp_path / "nope")


def test_file_instead_of_run_directory(tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(RunDirectoryError, match="not a directory"):
        render_report(tmp_path / "file")


def test_corrupt_items_line_names_the_line(make_run, results):
    run = make_run(results, [])
    (run / "items.jsonl").write_text('{"id": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(RunDirectoryError, match=r"items\.jsonl:1: test: Field required"):
        render_report(run)
    valid = json.dumps(item("nli", "x1", "entailment", "neutral"))
    (run / "items.jsonl").write_text(valid + "\n{oops\n", encoding="utf-8")
    with pytest.raises(RunDirectoryError, match=r"items\.jsonl:2: not valid JSON"):
        render_report(run)


def test_word_diff_marks_changed_words():
    diff = word_diff("A dog runs near the river.", "A dog walks near the lake.")
    assert [(p.kind, p.text) for p in diff.original] == [
        ("equal", "A dog "),
        ("changed", "runs"),
        ("equal", " near the "),
        ("changed", "river."),
    ]
    assert "".join(p.text for p in diff.perturbed) == "A dog walks near the lake."
    assert diff.changed and not word_diff("same", "same").changed
    assert [p.kind for p in word_diff("a b", "a x b").perturbed] == ["equal", "added", "equal"]


@pytest.fixture
def template_copy(tmp_path, monkeypatch):
    """A copy of the shipped templates that tests may add section templates to."""
    root = tmp_path / "templates"
    shutil.copytree(Path(str(_render.templates_root())), root)
    monkeypatch.setattr(_render, "templates_root", lambda: root)
    return root


def test_section_template_contract(template_copy, results, items):
    (template_copy / "sections" / "mystery_section.html.j2").write_text(
        '{% import "macros.html.j2" as m %}'
        '<div class="custom">{{ section.note }}|{{ test.name }}|{{ run.suite.name }}'
        "|{{ m.metric_ci(section.flip_rate) }}"
        '|{{ m.word_diff("the dog " ~ section.note, "the cat " ~ section.note) }}</div>',
        encoding="utf-8",
    )
    (template_copy / "analyses" / "gap_summary.html.j2").write_text(
        '<p class="custom-analysis">{{ section.rows|length }} {{ run.suite.hash }}</p>',
        encoding="utf-8",
    )
    html = render_report_html(results, items)
    root, _ = parse(html)
    custom = root.find("div", cls="custom")
    text = custom.text()
    assert text.startswith("an unknown section " + MALICIOUS + "|nli_core|nli_robustness|")
    assert "0.330" in text and "n=6" in text
    assert [e.text() for e in custom.find_all("ins")] == ["cat"]
    assert [e.text() for e in custom.find_all("del")] == ["dog"]
    assert SCRIPT not in html
    assert root.find("p", cls="custom-analysis").text() == "1 0123456789abcdef"
    # The other sections still use the fallback.
    assert root.find("section", cls="block", data_key="another_unknown").find("table", cls="kv")


def test_section_keys_cannot_name_other_files(template_copy, results, items):
    results["tests"][0]["sections"] = {"../report": {"x": 1}, "macros": {"y": 2}}
    root, _ = parse(render_report_html(results, items))
    for key in ("../report", "macros"):
        assert root.find("section", cls="block", data_key=key).find("table", cls="kv")


def test_rendering_is_deterministic(results, items):
    assert render_report_html(results, items) == render_report_html(build_results(), build_items())
