"""compare.html: a self-contained comparison report (verdict, checks, differences, flips).

Built with the pages' toolkit (``harness.report._html``): ``reports/compare.html.j2``
with autoescaping; CSS and JS are inlined from ``reports/compare.css`` and
``reports/compare.js``; flipped items are embedded as
JSON with ``<``, ``>`` and ``&`` written as ``\\u003c``-style escapes, so no data string
can close the script element. Nothing is fetched from the network.

The page embeds at most ``MAX_EMBEDDED_FLIPS`` flipped items (the broken ones first,
then fixed ones, listed in item order) and says so when it holds fewer than flipped:
two runs of a million items can flip a hundred thousand, more than a page should
carry or the gate should hold in memory. Counts everywhere are over all items, and
every item is in both runs' items.jsonl.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from harness.files.jsonio import dumps_json, to_jsonable
from harness.gate.compare import Comparison
from harness.gate.gate import GateVerdict
from harness.report._html import (
    environment,
    inline_asset,
    script_hash,
    script_text,
    templates_root,
)

TEMPLATE = "compare.html.j2"
#: Flipped items embedded in compare.html (the browser shows 500 at a time).
MAX_EMBEDDED_FLIPS = 2_000

__all__ = ["MAX_EMBEDDED_FLIPS", "render_compare_html"]


def _regressions(summary: dict[str, Any], verdict: dict[str, Any] | None) -> dict[str, Any]:
    """The significant regressions to lead with: failing checks under a gate; without one,
    differences whose 95% CI lies below zero (uncorrected, so labelled as such)."""
    if verdict is not None:
        rows = [
            {
                "name": c.get("name"),
                "delta": c.get("delta"),
                "ci_low": c.get("ci_low"),
                "ci_high": c.get("ci_high"),
                "base": c.get("base"),
                "candidate": c.get("candidate"),
            }
            for c in verdict["checks"]
            if c.get("outcome") == "FAIL"
        ]
        return {"rows": rows, "corrected": True}
    rows = []
    for test in summary["tests"]:
        for row in list(test["metrics"]) + list(test["slices"]):
            high = row.get("ci_high")
            if isinstance(high, (int, float)) and high < 0:
                name = f"{test['test']}:{row.get('metric')}" + (
                    f"[{row['slice']}]" if row.get("slice") else ""
                )
                rows.append(
                    {
                        "name": name,
                        "delta": row.get("delta"),
                        "ci_low": row.get("ci_low"),
                        "ci_high": high,
                        "base": row.get("base"),
                        "candidate": row.get("candidate"),
                    }
                )
    return {"rows": rows, "corrected": False}


def render_compare_html(
    comparison: Comparison,
    verdict: GateVerdict | None = None,
    *,
    max_flips: int = MAX_EMBEDDED_FLIPS,
) -> str:
    """The comparison report as one HTML string (at most ``max_flips`` flipped items)."""
    from harness import __version__

    root = templates_root()
    env = environment(root, strict=True)
    alpha = verdict.config.alpha if verdict else 0.05
    summary = comparison.summary(alpha)
    verdict_view = None
    if verdict is not None:
        verdict_view = {
            "outcome": verdict.outcome,
            "counts": verdict.counts(),
            "alpha": verdict.config.alpha,
            "strict": verdict.strict,
            "exit_code": verdict.exit_code,
            "checks": [to_jsonable(check.to_json()) for check in verdict.checks],
            "infra_failures": list(verdict.infra_failures),
        }
    for side in ("base", "candidate"):
        summary[side]["path_name"] = Path(summary[side]["path"]).name
    title = (
        f"harness gate {verdict.outcome}: {summary['candidate']['model']} vs "
        f"{summary['base']['model']}"
        if verdict
        else f"harness compare: {summary['candidate']['model']} vs {summary['base']['model']}"
    )
    flips = comparison.flips(limit=max_flips)
    template = env.get_template(TEMPLATE)
    js = inline_asset(root, "compare.js", "</script")
    return template.render(
        title=title,
        base=summary["base"],
        candidate=summary["candidate"],
        resamples=summary["resamples"],
        notes=summary["notes"],
        finding_changes=summary["finding_changes"],
        regressions=_regressions(summary, verdict_view),
        tests=to_jsonable(summary["tests"]),
        verdict=verdict_view,
        harness_version=__version__,
        items_json=script_text(dumps_json([flip.to_json() for flip in flips])),
        flips_embedded=len(flips),
        flips_total=comparison.flip_total(),
        css=inline_asset(root, "compare.css", "</style"),
        js=js,
        # The CSP allows exactly this script, as the report's does: no inline handlers.
        script_hash=script_hash(str(js)),
    )
