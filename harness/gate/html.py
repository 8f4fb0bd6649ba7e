"""compare.html: a self-contained comparison report (verdict, checks, differences, flips).

Jinja2 with autoescaping renders ``reports/compare.html.j2``; CSS and JS are inlined
from ``reports/compare.css`` and ``reports/compare.js``; flipped items are embedded as
JSON with ``<``, ``>`` and ``&`` written as ``\\u003c``-style escapes, so no data string
can close the script element. Nothing is fetched from the network.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from harness.gate.compare import Comparison
from harness.gate.gate import GateVerdict
from harness.gate.outputs import _finite

TEMPLATE = "compare.html.j2"

__all__ = ["render_compare_html", "script_json"]


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
    text = json.dumps(_finite(data), ensure_ascii=False)
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


def render_compare_html(comparison: Comparison, verdict: GateVerdict | None = None) -> str:
    """The comparison report as one HTML string."""
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
            "checks": [_finite(check.to_json()) for check in verdict.checks],
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
    template = environment.get_template(TEMPLATE)
    return template.render(
        title=title,
        base=summary["base"],
        candidate=summary["candidate"],
        resamples=summary["resamples"],
        notes=summary["notes"],
        tests=_finite(summary["tests"]),
        verdict=verdict_view,
        harness_version=__version__,
        items_json=script_json([flip.to_json() for flip in comparison.flips()]),
        css=Markup(root.joinpath("compare.css").read_text(encoding="utf-8")),
        js=Markup(root.joinpath("compare.js").read_text(encoding="utf-8")),
    )
