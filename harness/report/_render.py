"""The run report: results.json + items.jsonl → one self-contained report.html.

Built with the pages' toolkit (``harness.report._html``): the shipped templates, CSS and
JS inlined, the failure browser's items embedded as escaped JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from harness.files.jsonio import write_atomic
from harness.report._embed import (
    DEFAULT_MAX_EMBEDDED_BYTES,
    Embedded,
    embed_items,
    embed_items_file,
)
from harness.report._html import (
    TemplateLoader,
    environment,
    inline_asset,
    script_hash,
    script_json,
    script_text,
    templates_root,
)
from harness.report._load import load_results
from harness.report._view import build_view, explained_items
from harness.results import ITEMS_FILE, check_item_counts

TEMPLATE = "report.html.j2"


def render_report_html(
    results: dict[str, Any],
    items: list[dict[str, Any]] | None,
    max_embedded_bytes: int = DEFAULT_MAX_EMBEDDED_BYTES,
) -> str:
    """The whole report as one self-contained HTML string (CSS, JS, data and charts inline).

    ``items`` may be ``None`` when a run directory has no items.jsonl; the failure
    browser then says so. The failure browser embeds the items that fit
    ``max_embedded_bytes`` (see ``harness.report._embed``).
    """
    embedded = None
    if items is not None:
        embedded = embed_items(items, explained_items(results), max_embedded_bytes)
    return _render_html(results, embedded)


def _render_html(results: dict[str, Any], embedded: Embedded | None) -> str:
    root = templates_root()
    env = environment(root)
    loader = env.loader
    assert isinstance(loader, TemplateLoader)
    view = build_view(results, embedded, loader.has)
    tests_meta = [
        {"name": t["name"], "labels": [str(x) for x in t["labels"]]} for t in view["tests"]
    ]
    js = inline_asset(root, "report.js", "</script")
    template = env.get_template(TEMPLATE)
    return template.render(
        view=view,
        run=results,
        css=inline_asset(root, "report.css", "</style"),
        js=js,
        # The Content-Security-Policy allows exactly this script (by hash): no inline event
        # handler, no other script and no network load can run, even if escaping ever failed.
        script_hash=script_hash(str(js)),
        items_json=script_text(embedded.json_array() if embedded is not None else "[]"),
        meta_json=script_json({"tests": tests_meta}),
    )


def render_report(
    run_dir: Path, out: Path | None = None, max_embedded_bytes: int = DEFAULT_MAX_EMBEDDED_BYTES
) -> Path:
    """Render ``run_dir``'s results.json + items.jsonl to ``report.html`` (or ``out``).

    items.jsonl is read as a stream, so memory does not grow with the run beyond what
    the page embeds. Written atomically (a temporary file in the same directory, then
    ``os.replace``). Raises ``harness.errors.RunDirectoryError`` when results.json is
    missing or corrupt, or a line of items.jsonl is not an item.
    """
    run_dir = Path(run_dir)
    results = load_results(run_dir)
    embedded = embed_items_file(run_dir, explained_items(results), max_embedded_bytes)
    if embedded is not None:  # a cut or edited items.jsonl is refused, not shown as whole
        check_item_counts(
            run_dir / ITEMS_FILE,
            # The tests whose record counts outcomes: a runner that wrote them wrote
            # every item (a record assembled by hand may list fewer).
            {str(t["name"]): int(t["n"]) for t in results["tests"] if t.get("outcomes")},
            {
                name: counts.items
                for name, counts in embedded.per_test.items()
                if any(t["name"] == name and t.get("outcomes") for t in results["tests"])
            },
        )
    html = _render_html(results, embedded)
    target = Path(out) if out is not None else run_dir / "report.html"
    write_atomic(target, html)
    return target
