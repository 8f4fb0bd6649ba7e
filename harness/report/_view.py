"""The view model: results.json reshaped into what the templates show, nothing computed anew.

Everything here tolerates partial results (a test without calibration, a slice without
a gap, an item with ``correct: null``): a missing piece is left out of the report.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from harness.core import OUTCOMES
from harness.metrics.outcomes import denominator, not_measured_reason
from harness.report import _svg
from harness.report._embed import Embedded
from harness.tasks import explains_failures

# Section and analysis keys that may name a template file; anything else uses the fallback.
_TEMPLATE_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def is_metric(value: Any) -> bool:
    """Whether ``value`` looks like a metric dict (``value`` plus a CI or ``n``)."""
    return isinstance(value, dict) and "value" in value and ("ci_low" in value or "n" in value)


def title_from_key(key: str) -> str:
    """``"attack_success"`` → ``"Attack success"``."""
    text = str(key).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "test"
    slug, index = base, 2
    while slug in taken:
        slug, index = f"{base}-{index}", index + 1
    taken.add(slug)
    return slug


def _sort_slices(slices: list[Any]) -> list[dict[str, Any]]:
    rows = [s for s in slices if isinstance(s, dict)]
    # Most negative gap first; slices without a gap go last, in their original order.
    return sorted(rows, key=lambda s: (_number(s.get("gap")) is None, _number(s.get("gap")) or 0.0))


def slice_anchor(test_anchor: str, field: Any, value: Any) -> str:
    """The id of a slice's row in its test's slice table (findings link to it)."""
    text = f"{field}-{value}".lower()
    return f"{test_anchor}-slice-" + (re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x")


def _slice_view(test: Mapping[str, Any], test_anchor: str) -> dict[str, Any] | None:
    rows = _sort_slices(_list(test.get("slices")))
    if not rows:
        return None
    metric_names: list[str] = []
    for row in rows:
        for name in _dict(row.get("metrics")):
            if name not in metric_names:
                metric_names.append(name)
    gaps = [abs(g) for g in (_number(r.get("gap")) for r in rows) if g is not None]
    max_abs = max(gaps, default=0.0)
    return {
        "metric_names": metric_names,
        "rows": [
            {
                "field": row.get("field"),
                "value": row.get("value"),
                "anchor": slice_anchor(test_anchor, row.get("field"), row.get("value")),
                "n": row.get("n"),
                "metrics": _dict(row.get("metrics")),
                "gap": row.get("gap"),
                "gap_bar": _svg.gap_bar(row.get("gap"), max_abs),
            }
            for row in rows
        ],
    }


def _confusion_view(table: Any) -> dict[str, Any] | None:
    table = _dict(table)
    labels = [str(x) for x in _list(table.get("labels"))]
    matrix = _list(table.get("matrix"))
    if not labels or len(matrix) != len(labels):
        return None
    rows = []
    column_totals = [0] * len(labels)
    for i, (gold, counts) in enumerate(zip(labels, matrix, strict=True)):
        counts = [c if isinstance(c, (int, float)) else 0 for c in _list(counts)]
        counts = (counts + [0] * len(labels))[: len(labels)]
        total = sum(counts)
        cells = []
        for j, count in enumerate(counts):
            column_totals[j] += count
            fraction = count / total if total else 0.0
            cells.append(
                {
                    "count": count,
                    "fraction": fraction,
                    "style": _svg.heat_style(fraction, diagonal=i == j),
                    "diagonal": i == j,
                    "predicted": labels[j],
                }
            )
        rows.append({"gold": gold, "cells": cells, "total": total})
    return {"labels": labels, "rows": rows, "column_totals": column_totals}


def _calibration_view(table: Any) -> dict[str, Any] | None:
    table = _dict(table)
    if not table:
        return None
    bins = [b for b in _list(table.get("bins")) if isinstance(b, dict)]
    return {
        "ece": table.get("ece"),
        "brier": table.get("brier"),
        "n_bins": table.get("n_bins", len(bins)),
        "binning": table.get("binning"),
        "bins": bins,
        "svg": _svg.reliability_diagram(bins) if bins else None,
    }


def _per_class_view(table: Any) -> list[dict[str, Any]] | None:
    rows = [
        {"label": label, **_dict(values)}
        for label, values in _dict(table).items()
        if isinstance(values, dict)
    ]
    return rows or None


def _blocks(
    mapping: Any, folder: str, has_template: Callable[[str], bool], prefix: str, taken: set[str]
) -> list[dict[str, Any]]:
    """Sections or analyses as render blocks: the template to use, or ``None`` for fallback."""
    blocks = []
    for key, data in _dict(mapping).items():
        name = f"{folder}/{key}.html.j2"
        template = name if _TEMPLATE_KEY.match(str(key)) and has_template(name) else None
        blocks.append(
            {
                "key": key,
                "title": title_from_key(key),
                "template": template,
                "data": data,
                "anchor": prefix + "-" + _slug(key, taken),
            }
        )
    return blocks


def build_view(
    results: Mapping[str, Any],
    embedded: Embedded | None,
    has_template: Callable[[str], bool],
) -> dict[str, Any]:
    """Everything the report template shows, from results.json and items.jsonl.

    ``embedded`` is what the failure browser embeds, with counts over all the run's
    items; ``None`` when the run directory has no items.jsonl.
    """
    suite = _dict(results.get("suite"))
    model = _dict(results.get("model"))
    taken: set[str] = set()
    tests = []
    per_test = embedded.per_test if embedded is not None else {}
    for test in _list(results.get("tests")):
        if not isinstance(test, dict):
            continue
        tables = _dict(test.get("tables"))
        name = str(test.get("name", ""))
        anchor = "test-" + _slug(name, taken)
        tests.append(
            {
                "test": test,
                "name": name,
                "anchor": anchor,
                "kind": test.get("kind"),
                "description": test.get("description"),
                "n": test.get("n"),
                "labels": _list(test.get("labels")),
                "metrics": [(k, v) for k, v in _dict(test.get("metrics")).items() if is_metric(v)],
                "slices": _slice_view(test, anchor),
                "confusion": _confusion_view(tables.get("confusion_matrix")),
                "calibration": _calibration_view(tables.get("calibration")),
                "per_class": _per_class_view(tables.get("per_class")),
                "other_tables": {
                    k: v
                    for k, v in tables.items()
                    if k not in ("confusion_matrix", "calibration", "per_class")
                },
                "sections": _blocks(test.get("sections"), "sections", has_template, anchor, taken),
                "timings": _dict(test.get("timings")),
                "counts": _dict(test.get("counts")),
                "n_items": per_test[name].items if name in per_test else 0,
                "n_wrong": per_test[name].wrong if name in per_test else 0,
                "outcomes": outcomes_view(test),
            }
        )
    analyses = _blocks(results.get("analyses"), "analyses", has_template, "analysis", taken)
    title_parts = [
        str(suite.get("name") or "run"),
        str(model.get("name") or model.get("spec") or ""),
    ]
    return {
        "title": "harness report: " + " · ".join(p for p in title_parts if p),
        "run": results,
        "suite": suite,
        "model": model,
        "environment": _dict(results.get("environment")),
        "timings": _dict(results.get("timings")),
        "tests": tests,
        "analyses": analyses,
        "findings": _findings_view(results.get("findings"), tests, analyses),
        # Tests this run did not measure: the findings box says so before anything else.
        "not_measured": not_measured_view(tests),
        "n_items": None if embedded is None else embedded.total,
        "items_missing": embedded is None,
        "embedded": embedded,
        "outcome_names": OUTCOMES,
        "explanation_coverage": explanation_coverage(results, embedded),
    }


def outcomes_view(test: Mapping[str, Any]) -> dict[str, Any] | None:
    """What became of a test's items (results.json ``outcomes``), for the line beside its
    metrics; None for a run written before outcomes were counted (schema 2)."""
    counts = {
        str(k): int(v)
        for k, v in _dict(test.get("outcomes")).items()
        if isinstance(v, int) and not isinstance(v, bool)
    }
    if not counts:
        return None
    total = denominator(counts)
    return {
        "total": total["items"],
        "counted": total["counted"],
        "others": [
            (name, counts[name]) for name in OUTCOMES if name != "scored" and counts.get(name)
        ],
        # Only "nothing answered" here: the share allowed (--max-infra-error-share) is the
        # run's choice, and the counts beside the metrics show any share.
        "not_measured": not_measured_reason(counts, max_infra_error_share=1.0),
    }


def not_measured_view(tests: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """``(test, why)`` for each test of which no item was answered."""
    found = []
    for test in tests:
        outcomes = test.get("outcomes")
        if isinstance(outcomes, dict) and outcomes.get("not_measured"):
            found.append((str(test["name"]), str(outcomes["not_measured"])))
    return found


def explanation_coverage(
    results: Mapping[str, Any], embedded: Embedded | None
) -> dict[str, Any] | None:
    """How many incorrect items of the failure browser can be expanded with attributions.

    Over the items the page holds (all of them unless the run is cut, see
    ``harness.report._embed``). ``None`` when the run's task has no explanations (its
    task's ``explains_failures``).
    """
    suite = _dict(results.get("suite"))
    if not explains_failures(str(suite.get("task"))) or not embedded or not embedded.total:
        return None
    limits: list[int] = []
    for test in _list(results.get("tests")):
        section = _dict(_dict(_dict(test).get("sections")).get("explanations"))
        if isinstance(section.get("limit"), int):
            limits.append(section["limit"])
    details = _dict(_dict(results.get("model")).get("details"))
    return {
        "n_failing": embedded.wrong_embedded,
        "n_explained": embedded.explained_wrong_embedded,
        "n_without": embedded.wrong_embedded - embedded.explained_wrong_embedded,
        "limit": max(limits, default=None),
        "off": not limits,
        # A predictions file cannot answer the inputs explanations ask about.
        "unanswerable": bool(details.get("answers_only_listed_ids")),
    }


def _findings_view(
    findings: Any, tests: list[dict[str, Any]], analyses: list[dict[str, Any]]
) -> dict[str, Any]:
    """results.json's findings with the link to their evidence; nothing decided here."""
    test_anchors = {t["name"]: t["anchor"] for t in tests}
    analysis_anchors = {str(a["key"]): a["anchor"] for a in analyses}
    rows = []
    for finding in _list(findings):
        if not isinstance(finding, dict):
            continue
        evidence = _dict(finding.get("evidence"))
        href = None
        if "test" in evidence and str(evidence["test"]) in test_anchors:
            href = test_anchors[str(evidence["test"])]
            where = _list(evidence.get("slice"))
            if len(where) == 2:
                href = slice_anchor(href, where[0], where[1])
        elif "analysis" in evidence and str(evidence["analysis"]) in analysis_anchors:
            href = analysis_anchors[str(evidence["analysis"])]
        rows.append({**finding, "href": href, **finding_texts(finding)})
    real = [row for row in rows if row.get("status") == "finding"]
    confidence = _number(real[0].get("confidence")) if real else None
    return {
        "findings": real,
        "underpowered": [row for row in rows if row.get("status") == "underpowered"],
        "confidence": confidence,
    }


def _percent_or_number(value: Any, percent: bool) -> str:
    number = _number(value)
    if number is None:
        return "—"
    return f"{number:.0%}" if percent else f"{number:.2f}"


def finding_texts(finding: Mapping[str, Any]) -> dict[str, str]:
    """A finding's numbers as the report prints them (rates in %, gaps signed)."""
    rate = finding.get("effect_kind") == "rate"

    def show(value: Any) -> str:
        return _percent_or_number(value, rate)

    def signed(value: Any) -> str:
        number = _number(value)
        return "—" if number is None else f"{number:+.2f}"

    value_text = (
        f"{show(finding.get('value'))} [{show(finding.get('value_ci_low'))},"
        f" {show(finding.get('value_ci_high'))}]"
    )
    if rate:
        return {
            "value_text": value_text,
            # What the null is: a tolerance, chance, the majority label's accuracy.
            "against_text": f"{finding.get('null_label') or 'tolerance'}"
            f" {show(finding.get('null'))}",
            "effect_text": f"{show(finding.get('estimate'))} [{show(finding.get('ci_low'))},"
            f" {show(finding.get('ci_high'))}]",
        }
    comparison = _dict(finding.get("comparison"))
    if finding.get("effect_kind") == "estimate":
        return {
            "value_text": f"{signed(finding.get('value'))} [{signed(finding.get('value_ci_low'))},"
            f" {signed(finding.get('value_ci_high'))}]",
            "against_text": f"0 ({comparison.get('label', 'no difference')})",
            "effect_text": f"{signed(finding.get('estimate'))} [{signed(finding.get('ci_low'))},"
            f" {signed(finding.get('ci_high'))}]",
        }
    return {
        "value_text": value_text,
        "against_text": f"{show(comparison.get('value'))} on {comparison.get('label', 'the rest')}"
        f" (n={comparison.get('n', '—')})",
        "effect_text": f"gap {signed(finding.get('estimate'))} [{signed(finding.get('ci_low'))},"
        f" {signed(finding.get('ci_high'))}]",
    }


def attribution_scale(item: Mapping[str, Any]) -> float:
    """The largest absolute word score of an explained item (its shading's full scale)."""
    scores = [
        abs(value)
        for words in _dict(item.get("fields")).values()
        for pair in _list(words)
        if isinstance(pair, list) and len(pair) >= 2 and (value := _number(pair[1])) is not None
    ]
    return max(scores, default=0.0)


def attribution_pieces(words: Any, omitted: Any = 0) -> list[dict[str, Any]]:
    """A field's kept words in text order, with a gap where words were left out.

    Each kept word is ``[word, score, position]`` (``position`` among the field's words;
    older runs have ``[word, score]`` and keep every word). A gap says how many words it
    stands for; a trailing one holds the rest of ``omitted``.

    >>> [p.get("word", p.get("gap")) for p in attribution_pieces(
    ...     [["a", 0.1, 0], ["c", 0.5, 2]], omitted=3)]
    ['a', 1, 'c', 2]
    """
    pieces: list[dict[str, Any]] = []
    expected = 0
    gaps = 0
    for pair in _list(words):
        if not isinstance(pair, list) or len(pair) < 2:
            continue
        position = pair[2] if len(pair) > 2 and isinstance(pair[2], int) else expected
        if position > expected:
            pieces.append({"gap": position - expected})
            gaps += position - expected
        pieces.append({"word": str(pair[0]), "score": _number(pair[1]) or 0.0})
        expected = position + 1
    rest = (omitted if isinstance(omitted, int) else 0) - gaps
    if rest > 0:
        pieces.append({"gap": rest})
    return pieces


def explained_items(results: Mapping[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """``(test, item id)`` → the word scores the failure browser shows for that item."""
    explained: dict[tuple[str, str], dict[str, Any]] = {}
    for test in _list(results.get("tests")):
        section = _dict(_dict(_dict(test).get("sections")).get("explanations"))
        for entry in _list(section.get("items")):
            entry = _dict(entry)
            explained[(str(_dict(test).get("name")), str(entry.get("id")))] = {
                "label": entry.get("label"),
                "method": entry.get("method"),
                "fields": _dict(entry.get("fields")),
                "omitted": _dict(entry.get("omitted")),
                "members": _list(entry.get("members")),
                "scale": attribution_scale(entry),
            }
    return explained
