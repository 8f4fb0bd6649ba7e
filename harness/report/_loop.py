"""loop.html: what ``harness loop`` did and what the fine-tuned model fixed and broke.

It reads only the loop's summary (``loop.json``, written by ``harness.loop``): per
finding, before → after with the paired effect and its corrected CI and a verdict; the
gate's verdict on clean accuracy; the augmentation's counts; the training card; each
step's wall time. Every string is autoescaped; nothing is loaded from the network.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from harness.report._html import environment, templates_root


def render_loop_html(summary: Mapping[str, Any]) -> str:
    """The loop page as one HTML string."""
    from harness import __version__

    root = templates_root()
    env = environment(root)
    css = (root / "compare.css").read_text(encoding="utf-8")
    return env.get_template("loop.html.j2").render(
        loop=summary, css=css, harness_version=__version__
    )
