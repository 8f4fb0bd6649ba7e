"""The gate's outputs for CI: JUnit XML, a Markdown summary, and JSON.

* JUnit: one ``<testcase>`` per gated check; ``<failure>`` for FAIL, ``<skipped>`` for
  WARN (so CI UIs flag it without failing), the check's line in ``<system-out>``.
* Markdown: verdict first, then one table row per check (for ``$GITHUB_STEP_SUMMARY``
  or a PR comment); every cell escaped.
* JSON: ``GateVerdict.to_json()`` with non-finite numbers as ``null``.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from typing import Any

from harness.files.jsonio import dumps_json
from harness.gate.gate import FAIL, INCONCLUSIVE, PASS, WARN, GateVerdict

__all__ = ["render_json", "render_junit", "render_markdown"]

_ICON = {PASS: "✅", WARN: "⚠️", INCONCLUSIVE: "❔", FAIL: "❌"}
# Characters XML 1.0 cannot hold at all (not even escaped).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_json(verdict: GateVerdict) -> str:
    return dumps_json(verdict.to_json(), indent=2) + "\n"


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def render_junit(verdict: GateVerdict) -> str:
    """JUnit XML (the common Jenkins/Surefire schema) with one testcase per check."""
    counts = verdict.counts()
    base = verdict.comparison.base
    suite_name = _xml_text(f"harness-gate.{base.suite.get('name')}")
    attributes = {
        "tests": str(len(verdict.checks)),
        "failures": str(counts[FAIL]),
        "errors": "0",
        "skipped": str(counts[WARN] + counts[INCONCLUSIVE]),
        "time": "0",
    }
    root = ET.Element("testsuites", {"name": "harness gate", **attributes})
    suite = ET.SubElement(root, "testsuite", {"name": suite_name, **attributes})
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("verdict", verdict.outcome),
        ("baseline", verdict.comparison.base.model_name),
        ("candidate", verdict.comparison.candidate.model_name),
        ("suite_hash", str(base.suite_hash)),
        ("alpha", str(verdict.config.alpha)),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": _xml_text(value)})
    for check in verdict.checks:
        name = check.metric + (f"[{check.slice}]" if check.slice else "")
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": _xml_text(f"harness.gate.{check.test}"),
                "name": _xml_text(name),
                "time": "0",
            },
        )
        line = _xml_text(check.line())
        reason = _xml_text("; ".join(check.reasons) or check.outcome)
        if check.outcome == FAIL:
            failure = ET.SubElement(case, "failure", {"message": reason, "type": "regression"})
            failure.text = line
        elif check.outcome in (WARN, INCONCLUSIVE):
            ET.SubElement(case, "skipped", {"message": f"{check.outcome}: {reason}"})
        ET.SubElement(case, "system-out").text = line
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _cell(value: Any) -> str:
    """A Markdown table cell: HTML-escaped, pipes escaped, on one line."""
    text = str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|").replace("`", "\\`")
    return " ".join(text.split())


def _number(value: float, signed: bool = False) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def render_markdown(verdict: GateVerdict) -> str:
    """A Markdown summary: verdict first, then the checks table, notes and flips."""
    comparison = verdict.comparison
    counts = verdict.counts()
    base, cand = comparison.base, comparison.candidate
    lines = [
        f"## {_ICON[verdict.outcome]} harness gate: **{verdict.outcome}**",
        "",
        f"Candidate `{_cell(cand.model_name)}` vs baseline `{_cell(base.model_name)}` on suite "
        f"`{_cell(base.suite.get('name'))}` (hash `{_cell(base.suite_hash)}`): "
        f"{counts[FAIL]} fail, "
        + (f"{counts[INCONCLUSIVE]} inconclusive, " if counts[INCONCLUSIVE] else "")
        + f"{counts[WARN]} warn, {counts[PASS]} pass. "
        f"Paired bootstrap ({verdict.config.resamples} resamples), Holm over "
        f"{len(verdict.checks)} comparisons at α = {verdict.config.alpha}. "
        "Δ = candidate − baseline, oriented so negative is worse.",
    ]
    if verdict.strict and verdict.outcome in (WARN, INCONCLUSIVE):
        lines += ["", "Strict mode: warnings and inconclusive checks fail the gate."]
    for line in verdict.infra_failures:
        lines += ["", f"{_ICON[FAIL]} {_cell(line)}"]
    changes = comparison.finding_changes()
    failing = [check for check in verdict.checks if check.outcome == FAIL]
    if changes or failing:
        lines += ["", "**What changed**", ""]
        lines += [f"- {change['change']}: {_cell(change['text'])}" for change in changes]
        lines += [
            f"- significant regression: `{_cell(check.name)}` Δ {_number(check.difference.delta, True)}"
            f" [{_number(check.difference.ci_low, True)}, {_number(check.difference.ci_high, True)}]"
            for check in failing
        ]
    lines += [
        "",
        "| outcome | check | Δ | 95% CI | n | d | MDE | τ | p (Holm) | baseline → candidate | why |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---|---|",
    ]
    order = {FAIL: 0, INCONCLUSIVE: 1, WARN: 2, PASS: 3}
    for check in sorted(verdict.checks, key=lambda c: order[c.outcome]):
        d = check.difference
        lines.append(
            "| "
            + " | ".join(
                [
                    f"{_ICON[check.outcome]} {check.outcome}",
                    f"`{_cell(check.name)}`",
                    _number(d.delta, signed=True),
                    f"[{_number(d.ci_low, True)}, {_number(d.ci_high, True)}]",
                    str(d.n),
                    _number(d.discordant),
                    _number(check.mde),
                    f"{check.tolerance:.3f}",
                    f"{check.p_adjusted:.3g}",
                    f"{_number(d.base_value)} → {_number(d.candidate_value)}",
                    _cell("; ".join(check.reasons)),
                ]
            )
            + " |"
        )
    if verdict.notes:
        lines += ["", "**Notes**", ""] + [f"- {_cell(note)}" for note in verdict.notes]
    lines += ["", "**Flipped items** (accuracy)", ""]
    for name in comparison.tests:
        flips = comparison.flip_counts(name)
        lines.append(
            f"- `{_cell(name)}`: {flips['broken']} broken (✓→✗), {flips['fixed']} fixed (✗→✓)"
        )
    return "\n".join(lines) + "\n"
