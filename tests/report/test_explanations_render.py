"""The explanations section and the failure browser's coverage note, rendered from results."""

from __future__ import annotations

from helpers.rundirs import item, results_for
from report_html import parse

from harness.report import render_report_html


def _run(n_failing: int, methods: list[str]) -> tuple[dict, list[dict]]:
    items = [
        item("t", f"w{i}", "entailment", "contradiction", fields={"hypothesis": f"not {i}"})
        for i in range(n_failing)
    ] + [item("t", "r0", "entailment", "entailment", fields={"hypothesis": "yes"})]
    results = results_for(items)
    explained = [
        {
            "id": f"w{i}",
            "label": "contradiction",
            "method": method,
            "fields": {"hypothesis": [["not", 0.8], [str(i), 0.0]]},
            "details": {},
            "test": "t",
            "gold": "entailment",
            "predicted": "contradiction",
            "confidence": 0.9,
            "parent_id": None,
            "tags": {},
        }
        for i, method in enumerate(methods)
    ]
    results["tests"][0]["sections"]["explanations"] = {
        "method": methods[0],
        "methods": {m: methods.count(m) for m in sorted(set(methods))},
        "target": "the predicted label",
        "limit": len(methods),
        "detailed_limit": 2,
        "featured": min(5, len(methods)),
        "min_items": 3,
        "n_failing": n_failing,
        "n_explained": len(methods),
        "items": explained,
        "words_by_slice": [
            {"field": "all", "value": "all", "words": [{"word": "not", "weight": 0.7, "items": 7}]}
        ],
    }
    return results, items


def test_the_section_features_five_and_says_both_methods() -> None:
    methods = ["integrated_gradients"] * 2 + ["occlusion"] * 5
    results, items = _run(7, methods)
    root = parse(render_report_html(results, items))[0]
    section = root.find("div", cls="explanations")
    text = " ".join(section.text().split())
    assert "7 of 7 failures explained" in text
    assert (
        "the first 2 by integrated gradients, the other 5 by leave-one-word-out occlusion" in text
    )
    assert len(list(section.find_all("details", cls="explained-item"))) == 5
    assert "all 7 can be expanded in the failure browser" in text
    note = " ".join(root.find("p", id="fb-explained").text().split())
    assert (
        "7 of the 7 incorrect items this page holds can be expanded" in note
        and "no explanation" not in note
    )


def test_the_browser_note_counts_failures_without_an_explanation() -> None:
    results, items = _run(9, ["occlusion"] * 4)
    root = parse(render_report_html(results, items))[0]
    note = " ".join(root.find("p", id="fb-explained").text().split())
    assert "4 of the 9 incorrect items this page holds can be expanded" in note
    assert "5 have no explanation" in note and "the first 4 failures of each test" in note
    text = " ".join(root.find("div", cls="explanations").text().split())
    assert "4 of 9 failures explained by leave-one-word-out occlusion" in text


def test_a_run_without_explanations_says_how_it_ran() -> None:
    results, items = _run(3, ["occlusion"])
    del results["tests"][0]["sections"]["explanations"]
    root = parse(render_report_html(results, items))[0]
    note = " ".join(root.find("p", id="fb-explained").text().split())
    assert "No word attributions in this run" in note and "--explain 0" in note
