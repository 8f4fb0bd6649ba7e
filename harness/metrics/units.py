"""How the terminal shows a metric's numbers.

Units, one rule for everything the terminal prints about results (this table, the
findings, ``harness compare`` and ``harness gate``): a metric's value, its CI bounds and
differences are on the metric's own scale with three decimals — a proportion as a
proportion (``0.472``, never ``47.2%``), a count as a count (``12.000`` queries) — and a
difference carries its sign (``+0.120``). Percent signs are left to confidence levels
(``95%``) and progress bars.
"""

from __future__ import annotations

import math
from typing import Any


def number(value: Any, *, signed: bool = False) -> str:
    """A metric value as the terminal prints it; ``—`` when there is none.

    >>> number(0.4721), number(-0.12, signed=True), number(None)
    ('0.472', '-0.120', '—')
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return "—"
    return f"{value:+.3f}" if signed else f"{value:.3f}"
