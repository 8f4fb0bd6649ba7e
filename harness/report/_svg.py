"""Small inline SVG charts. Every chart is built from numbers; any text is escaped."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape


def _finite(x: Any) -> float | None:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    return float(x) if math.isfinite(x) else None


def _f(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def ci_bar(
    value: Any,
    low: Any = None,
    high: Any = None,
    *,
    domain: tuple[float, float] | None = None,
    width: int = 120,
    height: int = 14,
) -> Markup:
    """A horizontal bar: the 95% CI as a band, the value as a tick, on [0, 1] by default.

    Values outside [0, 1] widen the axis to fit them. Missing numbers give an empty string.
    """
    v, lo, hi = _finite(value), _finite(low), _finite(high)
    if v is None:
        return Markup("")
    if domain is None:
        present = [x for x in (v, lo, hi) if x is not None]
        start, stop = min(0.0, *present), max(1.0, *present)
    else:
        start, stop = domain
    span = (stop - start) or 1.0
    pad = 3.0

    def x(t: float) -> float:
        return pad + (min(max(t, start), stop) - start) / span * (width - 2 * pad)

    mid = height / 2
    parts = [
        f'<svg class="ci-bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        ' role="img" aria-hidden="true">',
        f'<line class="axis" x1="{_f(x(start))}" x2="{_f(x(stop))}" y1="{_f(mid)}"'
        f' y2="{_f(mid)}"/>',
    ]
    if lo is not None and hi is not None:
        parts.append(
            f'<rect class="band" x="{_f(x(lo))}" y="{_f(mid - 4)}"'
            f' width="{_f(max(x(hi) - x(lo), 1.0))}" height="8" rx="2"/>'
        )
    parts.append(
        f'<line class="tick" x1="{_f(x(v))}" x2="{_f(x(v))}" y1="1" y2="{_f(height - 1)}"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def difference_bar(
    delta: float | None, low: float | None, high: float | None, tolerance: float | None
) -> Markup:
    """A paired difference on a scale around zero: the zero line, −τ (dashed), the 95% CI
    and Δ̂, red when the CI lies below zero, green above it (compare.html)."""
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


def gap_bar(gap: Any, max_abs: float, *, width: int = 120, height: int = 14) -> Markup:
    """A bar from the centre line: left (red) for a negative gap, right (green) for positive."""
    g = _finite(gap)
    if g is None:
        return Markup("")
    scale = max_abs if max_abs and max_abs > 0 else 1.0
    centre = width / 2
    length = min(abs(g) / scale, 1.0) * (width / 2 - 2)
    x = centre - length if g < 0 else centre
    cls = "neg" if g < 0 else "pos"
    return Markup(
        f'<svg class="gap-bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        ' role="img" aria-hidden="true">'
        f'<rect class="{cls}" x="{_f(x)}" y="2" width="{_f(max(length, 0.5))}"'
        f' height="{height - 4}" rx="1"/>'
        f'<line class="zero" x1="{_f(centre)}" x2="{_f(centre)}" y1="0" y2="{height}"/>'
        "</svg>"
    )


def heat_style(fraction: Any, *, diagonal: bool) -> str:
    """Inline CSS for a confusion-matrix cell: blue on the diagonal, red off it."""
    f = _finite(fraction) or 0.0
    f = min(max(f, 0.0), 1.0)
    rgb = "37, 99, 235" if diagonal else "220, 38, 38"
    alpha = 0.06 + 0.84 * f if f > 0 else 0.0
    colour = "#fff" if alpha > 0.55 else "inherit"
    return f"background-color: rgba({rgb}, {alpha:.2f}); color: {colour}"


def reliability_diagram(bins: Sequence[Mapping[str, Any]], *, size: int = 300) -> Markup:
    """Confidence (x) against accuracy (y) per bin, with the diagonal and the bin counts.

    Each bin is a bar spanning [lower, upper] whose height is its accuracy; the dot is
    at (mean confidence, accuracy), and the shaded gap to the diagonal is the bin's
    calibration error.
    """
    left, bottom, top, right = 40, 36, 10, 10
    plot_w, plot_h = size - left - right, size - top - bottom

    def px(t: float) -> float:
        return left + min(max(t, 0.0), 1.0) * plot_w

    def py(t: float) -> float:
        return top + (1 - min(max(t, 0.0), 1.0)) * plot_h

    parts = [
        f'<svg class="reliability" width="{size}" height="{size}" viewBox="0 0 {size} {size}"'
        ' role="img" aria-label="Reliability diagram: confidence against accuracy per bin">',
    ]
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<line class="grid" x1="{_f(px(0))}" x2="{_f(px(1))}" y1="{_f(py(t))}"'
            f' y2="{_f(py(t))}"/>'
            f'<text class="tick-label" x="{left - 4}" y="{_f(py(t) + 3)}" text-anchor="end">'
            f"{t:g}</text>"
            f'<text class="tick-label" x="{_f(px(t))}" y="{_f(top + plot_h + 12)}"'
            f' text-anchor="middle">{t:g}</text>'
        )
    for item in bins:
        lower, upper = _finite(item.get("lower")), _finite(item.get("upper"))
        accuracy, confidence = _finite(item.get("accuracy")), _finite(item.get("confidence"))
        count = item.get("count")
        if lower is None or upper is None:
            continue
        x0, x1 = px(lower), px(upper)
        w = max(x1 - x0 - 1, 1.0)
        title = escape(
            f"[{lower:.2f}, {upper:.2f}]: n={count}, confidence="
            f"{'—' if confidence is None else f'{confidence:.3f}'}, accuracy="
            f"{'—' if accuracy is None else f'{accuracy:.3f}'}"
        )
        parts.append(f"<g><title>{title}</title>")
        if accuracy is not None:
            parts.append(
                f'<rect class="bin" x="{_f(x0 + 0.5)}" y="{_f(py(accuracy))}" width="{_f(w)}"'
                f' height="{_f(py(0) - py(accuracy))}"/>'
            )
        if accuracy is not None and confidence is not None:
            y_a, y_c = py(accuracy), py(confidence)
            parts.append(
                f'<rect class="gap" x="{_f(x0 + 0.5)}" y="{_f(min(y_a, y_c))}" width="{_f(w)}"'
                f' height="{_f(abs(y_a - y_c))}"/>'
                f'<circle class="dot" cx="{_f(px(confidence))}" cy="{_f(y_a)}" r="3"/>'
            )
        if isinstance(count, int) and w >= 14:
            parts.append(
                f'<text class="count" x="{_f(x0 + w / 2)}" y="{_f(py(0) - 3)}"'
                f' text-anchor="middle">{count}</text>'
            )
        parts.append("</g>")
    parts.append(
        f'<line class="diagonal" x1="{_f(px(0))}" y1="{_f(py(0))}" x2="{_f(px(1))}"'
        f' y2="{_f(py(1))}"/>'
        f'<rect class="frame" x="{left}" y="{top}" width="{plot_w}" height="{plot_h}"/>'
        f'<text class="axis-label" x="{_f(left + plot_w / 2)}" y="{size - 6}"'
        ' text-anchor="middle">confidence</text>'
        f'<text class="axis-label" x="12" y="{_f(top + plot_h / 2)}" text-anchor="middle"'
        f' transform="rotate(-90 12 {_f(top + plot_h / 2)})">accuracy</text>'
        "</svg>"
    )
    return Markup("".join(parts))


def attribution_style(score: Any, scale: Any) -> str:
    """Inline shading of one word: red towards the predicted answer, blue away from it.

    Built from numbers only, so it is safe inside a ``style`` attribute.

    >>> attribution_style(0.5, 1.0)
    'background-color: rgba(220, 38, 38, 0.425)'
    """
    try:
        value, largest = float(score), float(scale)
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(value) or not math.isfinite(largest) or largest <= 0:
        return ""
    alpha = min(1.0, abs(value) / largest) * 0.85
    colour = "220, 38, 38" if value > 0 else "37, 99, 235"
    return f"background-color: rgba({colour}, {alpha:.3f})"
