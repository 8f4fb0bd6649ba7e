"""The findings table, rendered: what each finding is held against, in words."""

from __future__ import annotations

from helpers.rundirs import results_for
from report_html import parse

from harness.findings import findings_for
from harness.report import render_report_html


def metric(value: float, n: int) -> dict:
    return {"value": value, "ci_low": None, "ci_high": None, "n": n, "method": "wilson"}


def test_the_report_says_chance_where_a_rate_is_held_against_chance() -> None:
    by_gold = {
        "entailment": metric(140 / 150, 150),
        "non-entailment": metric(30 / 150, 150),
    }
    record = {
        "overall": {"model_accuracy_by_gold": by_gold},
        "per_heuristic": [],
        "chance": {"by_gold": {"entailment": 1 / 3, "non-entailment": 2 / 3}},
    }
    results = results_for([])
    results["findings"] = findings_for({"tests": [], "analyses": {"heuristic_agreement": record}})
    [finding] = results["findings"]
    assert finding["null_label"] == "chance"
    root = parse(render_report_html(results, None))[0]
    row = root.find("tr", cls="finding")
    cells = [" ".join(cell.text().split()) for cell in row.find_all("td")]
    assert "chance 67%" in cells
    assert not any("tolerance" in cell for cell in cells)
