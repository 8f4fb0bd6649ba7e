"""50,000 items: the report renders and the embedded data parses back intact."""

from __future__ import annotations

import json
import shutil

import pytest
from report_browser import chromium, shown
from report_fixtures import LABELS, build_results, write_run
from report_html import parse

from harness.report import render_report
from harness.report._embed import slim_item

N_ITEMS = 50_000


def synthetic_items(n: int) -> list[dict]:
    items = []
    for index in range(n):
        gold = LABELS[index % 3]
        predicted = LABELS[(index // 3) % 3]
        confidence = ((index * 7919) % 1000) / 1000
        items.append(
            {
                "test": "nli_core" if index % 5 else "nli_negation",
                "id": f"synthetic:{index:06d}",
                "parent_id": f"synthetic:{index - 1:06d}" if index % 10 == 9 else None,
                "transform": {"name": "typo", "params": {}, "seed": "s", "description": "x"}
                if index % 10 == 9
                else None,
                "fields": {"premise": f"Premise number {index} </script>", "hypothesis": "h"},
                "gold": gold,
                "predicted": predicted,
                "probabilities": {
                    label: confidence if label == predicted else 0.1 for label in LABELS
                },
                "confidence": confidence,
                "correct": None if index % 97 == 0 else gold == predicted,
                "scores": {},
                "tags": {"bucket": str(index % 50)},
                "request": None,
                "response": None,
            }
        )
    return items


@pytest.fixture(scope="module")
def large_report(tmp_path_factory):
    items = synthetic_items(N_ITEMS)
    run = write_run(tmp_path_factory.mktemp("large") / "run", build_results(), items)
    # Everything embedded (the default budget would cap 50,000 items; tests/report/test_embed.py
    # covers the cap): this checks the data round trip and the browser at this size.
    return render_report(run, max_embedded_bytes=200_000_000), items


def test_fifty_thousand_items_render_and_round_trip(large_report):
    report, items = large_report
    html = report.read_text(encoding="utf-8")
    root, _ = parse(html)
    data = json.loads(root.find("script", id="items-data").text())
    assert len(data) == N_ITEMS
    assert data == [slim_item(item) for item in items]
    assert "</script> " not in root.find("script", id="items-data").text()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_fifty_thousand_items_page_in_browser(large_report, tmp_path):
    report, items = large_report
    html = chromium(
        tmp_path, report.resolve().as_uri() + "#correct=all&sort=id&page=3", "--dump-dom"
    )
    root, _ = parse(html)
    status, ids, _ = shown(root)
    assert int(status["data-matched"]) == N_ITEMS
    assert status["data-pages"] == str(N_ITEMS // 50)
    expected = sorted(items, key=lambda i: f"{i['test']}\0{i['id']}")[100:150]
    assert ids == [i["id"] for i in expected]
