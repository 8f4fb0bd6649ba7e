"""The self-contained HTML run report (``harness report RUN_DIR``).

``render_report(run_dir)`` reads results.json + items.jsonl and writes report.html;
templates, CSS and JS live in ``reports/`` (shipped as ``harness.reports``) and are
inlined, so the report works from ``file://`` and loads nothing from the network.
See docs/report.md for what it shows and the contract for section templates.
"""

from harness.report._diff import DiffPiece, WordDiff, word_diff
from harness.report._embed import DEFAULT_MAX_EMBEDDED_BYTES
from harness.report._load import load_items, load_results
from harness.report._multi import render_comparison
from harness.report._render import (
    render_report,
    render_report_html,
    script_json,
    templates_root,
)

__all__ = [
    "DEFAULT_MAX_EMBEDDED_BYTES",
    "DiffPiece",
    "WordDiff",
    "load_items",
    "load_results",
    "render_comparison",
    "render_report",
    "render_report_html",
    "script_json",
    "templates_root",
    "word_diff",
]
