"""compare.html: a self-contained comparison report (verdict, checks, differences, flips).

Jinja2 with autoescaping renders ``reports/compare.html.j2``; CSS and JS are inlined
from ``reports/compare.css`` and ``reports/compare.js``; flipped items are embedded as
JSON with ``<``, ``>`` and ``&`` written as ``\\u003c``-style escapes, so no data string
can close the script element. Nothing is fetched from the network.

The page embeds at most ``MAX_EMBEDDED_FLIPS`` flipped items (the broken ones first,
then fixed ones, listed in item order) and says so when it holds fewer than flipped:
two runs of a million items can flip a hundred thousand, more than a page should
carry or the gate should hold in memory. Counts everywhere are over all items, and
every item is in both runs' items.jsonl.
"""

from __future__ import annotations

import base64
import hashlib
import math
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from harness.files.jsonio import dumps_json, to_jsonable
from harness.gate.compare import Comparison
from harness.gate.gate import GateVerdict

TEMPLATE = "compare.html.j2"
#: Flipped items embedded in compare.html (the browser shows 500 at a time).
MAX_EMBEDDED_FLIPS = 2_000

__all__ = ["MAX_EMBEDDED_FLIPS", "render_compare_html", "script_json"]


def _templates_root() -> Traversable:
    try:
        return resources.files("harness.reports")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "reports"


def script_json(data: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``.

    >>> str(script_json({"x": "</script>"}))
    '{"x": "\\\\u003c/script\\\\u003e"}'
    """
    text = dumps_json(data)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _number(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return f"{value:.{digits}f}"


def _signed(value: Any) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return f"{value:+.3f}"


def _pvalue(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value:.2g}" if value < 0.001 else f"{value:.4f}"


def ci_bar(
    delta: float | None, low: float | None, high: float | None, tolerance: float | None
) -> Markup:
    """A small SVG: zero line, −τ (dashed), the 95% CI and Δ̂. Built from numbers only."""
    values = [abs(v) for v in (delta, low, high, tolerance) if v is not None and math.isfinite(v)]
    if delta is None or low is None or high is None or not values:
        return Markup("")
    scale = max(max(values) * 1.15, 0.02)
    width, height = 120, 14

    def x(value: float) -> float:
        return round((value + scale) / (2 * scale) * width, 2)

    parts = [
        f'<svg class="ci-bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'role="img" aria-label="95% confidence interval">',
        f'<line x1="{x(0)}" y1="0" x2="{x(0)}" y2="{height}" stroke="#9aa0a6"/>',
    ]
    if tolerance:
        parts.append(
            f'<line x1="{x(-tolerance)}" y1="0" x2="{x(-tolerance)}" y2="{height}" '
            'stroke="#b3261e" stroke-dasharray="2,2"/>'
        )
    color = "#b3261e" if high < 0 else ("#1e6b34" if low > 0 else "#1a73e8")
    parts.append(
        f'<line x1="{x(low)}" y1="7" x2="{x(high)}" y2="7" stroke="{color}" stroke-width="2"/>'
    )
    parts.append(f'<circle cx="{x(delta)}" cy="7" r="3" fill="{color}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _environment() -> Any:
    import jinja2

    root = _templates_root()
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: (
                root.joinpath(name).read_text(encoding="utf-8") if name == TEMPLATE else None
            )
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(num=_number, signed=_signed, pvalue=_pvalue)
    environment.globals.update(ci_bar=ci_bar)
    return environment, root


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

    environment, root = _environment()
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
    template = environment.get_template(TEMPLATE)
    js = root.joinpath("compare.js").read_text(encoding="utf-8")
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
        items_json=script_json([flip.to_json() for flip in flips]),
        flips_embedded=len(flips),
        flips_total=comparison.flip_total(),
        css=Markup(root.joinpath("compare.css").read_text(encoding="utf-8")),
        js=Markup(js),
        # The CSP allows exactly this script, as the report's does: no inline handlers.
        script_hash=base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode(),
    )
