"""The HTML pages: the run report, the comparison of two runs, the page of several runs.

``render_report(run_dir)`` reads results.json + items.jsonl and writes report.html;
``render_compare_html(comparison, verdict)`` is compare.html (``harness compare`` and
``harness gate``); ``render_comparison(run_dirs, out)`` puts several runs side by side;
``render_loop_html(summary)`` is loop.html (``harness loop``).
All three are built with one toolkit (``_html``: template root, Jinja environment,
number formats, JSON in a page): templates, CSS and JS live in ``reports/`` (shipped as
``harness.reports``) and are inlined, so every page works from ``file://`` and loads
nothing from the network. See docs/report.md for what the report shows and the
contract for section templates.
"""

import importlib as _importlib
import typing as _typing

from harness.report._diff import DiffPiece, WordDiff, word_diff
from harness.report._embed import DEFAULT_MAX_EMBEDDED_BYTES
from harness.report._html import format_number, script_json, templates_root
from harness.report._load import load_items, load_results
from harness.report._loop import render_loop_html
from harness.report._multi import render_comparison
from harness.report._render import render_report, render_report_html

if _typing.TYPE_CHECKING:  # the same names, eagerly, for the type checker
    from harness.report._compare import MAX_EMBEDDED_FLIPS, render_compare_html

# The comparison page loads on first use (PEP 562): it needs the gate's statistics,
# which building the command line must not load.
_LAZY = {
    "MAX_EMBEDDED_FLIPS": "harness.report._compare",
    "render_compare_html": "harness.report._compare",
}

__all__ = [
    "DEFAULT_MAX_EMBEDDED_BYTES",
    "MAX_EMBEDDED_FLIPS",
    "DiffPiece",
    "WordDiff",
    "format_number",
    "load_items",
    "load_results",
    "render_compare_html",
    "render_comparison",
    "render_loop_html",
    "render_report",
    "render_report_html",
    "script_json",
    "templates_root",
    "word_diff",
]


def __getattr__(name: str) -> _typing.Any:
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module 'harness.report' has no attribute {name!r}")
    return getattr(_importlib.import_module(home), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
