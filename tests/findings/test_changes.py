"""Compare and gate outputs lead with findings that appeared or went away."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.rundirs import item, write_run_dir

from harness.gate import compare_dirs, evaluate_gate
from harness.gate.outputs import render_json, render_markdown
from harness.report import render_compare_html

LABELS = ("entailment", "neutral", "contradiction")
MARKUP = "<b>x</b>"


def rows(wrong_in: str, n: int = 120) -> list[dict]:
    """Odd items are ``negation``, even ones a slice named with markup; ``wrong_in`` fails."""
    out = []
    for i in range(n):
        phenomenon = "negation" if i % 2 else MARKUP
        gold = LABELS[i % 3]
        predicted = LABELS[(i + 1) % 3] if phenomenon == wrong_in and i % 4 < 3 else gold
        out.append(item("nli", f"nli:{i}", gold, predicted, tags={"phenomenon": phenomenon}))
    return out


def runs(tmp_path: Path) -> tuple[Path, Path]:
    options = {"slice_by": {"nli": ["phenomenon"]}}
    base = write_run_dir(tmp_path / "base", rows("negation"), **options)
    cand = write_run_dir(tmp_path / "cand", rows(MARKUP), model="cand", **options)
    return base, cand


NEGATION = "nli/slice/phenomenon=negation/accuracy"
OTHER = f"nli/slice/phenomenon={MARKUP}/accuracy"


def test_new_and_resolved_findings_by_key(tmp_path: Path) -> None:
    comparison = compare_dirs(*runs(tmp_path), resamples=200)
    changes = comparison.finding_changes()
    assert [(c["change"], c["key"]) for c in changes] == [
        ("new finding", OTHER),
        ("finding resolved", NEGATION),
    ]
    # The resolved finding says what the candidate shows instead (nothing listed here:
    # the negation slice now does better than the rest).
    assert changes[1]["candidate"] is None
    assert changes[0]["text"].startswith(f"nli: accuracy where phenomenon = {MARKUP}: ")
    # A run compared with itself changes nothing.
    base = tmp_path / "base"
    assert compare_dirs(base, base, resamples=200).finding_changes() == []


def test_gate_outputs_lead_with_what_changed(tmp_path: Path) -> None:
    verdict = evaluate_gate(compare_dirs(*runs(tmp_path), resamples=200))
    lines = verdict.summary().splitlines()
    assert lines[1].startswith(f"new finding: nli: accuracy where phenomenon = {MARKUP}")
    assert lines[2].startswith("finding resolved: nli: accuracy where phenomenon = negation")

    markdown = render_markdown(verdict)
    changed = markdown.index("**What changed**")
    assert changed < markdown.index("| outcome | check |")
    assert "- new finding: " in markdown and "- finding resolved: " in markdown
    assert "- significant regression: `nli/accuracy` Δ -0.250" in markdown

    data = json.loads(render_json(verdict))
    assert [c["change"] for c in data["comparison"]["finding_changes"]] == [
        "new finding",
        "finding resolved",
    ]

    html = render_compare_html(verdict.comparison, verdict)
    assert html.index('id="changes"') < html.index('id="checks"') < html.index('id="differences"')
    changes = html[html.index('id="changes"') : html.index('id="checks"')]
    assert "new finding" in changes and "finding resolved" in changes
    assert "significant regression" in changes
    # Slice names from data are escaped.
    assert MARKUP not in changes and "&lt;b&gt;x&lt;/b&gt;" in changes
