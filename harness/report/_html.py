"""The toolkit every HTML page is built with: one template root, one Jinja environment,
one number format, one way to put JSON in a page.

The pages: the run report (``harness report RUN``), the comparison (``harness compare``
and ``harness gate``: compare.html) and the page of several runs (``harness report RUN
RUN ...``). Their templates, CSS and JS live in ``reports/`` (shipped as
``harness.reports``) and are inlined, so every page works from ``file://`` and loads
nothing from the network; every string from data or models is escaped (autoescape).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from harness.files.jsonio import to_jsonable
from harness.report import _diff, _svg
from harness.report._view import (
    attribution_pieces,
    attribution_scale,
    is_metric,
    title_from_key,
)


def templates_root() -> Traversable:
    """Where the templates live: the checkout this package was imported from, else the
    ``harness.reports`` package.

    A checkout first: an editable install maps ``harness.reports`` to the checkout it was
    made from, so code imported from another checkout (``PYTHONPATH``) would render with
    that one's templates; and an editable install made before reports/ became a package
    maps only ``harness``.
    """
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (
        checkout / "reports" / "report.html.j2"
    ).is_file():
        return checkout / "reports"
    return resources.files("harness.reports")


class TemplateLoader(jinja2.BaseLoader):
    """Loads templates from a ``Traversable`` (works for wheels, zips and checkouts)."""

    def __init__(self, root: Traversable) -> None:
        self.root = root

    def _find(self, template: str) -> Traversable | None:
        parts = template.split("/")
        if any(part in ("", ".", "..") or "\\" in part for part in parts):
            return None
        node = self.root
        for part in parts:
            node = node.joinpath(part)
        return node if node.is_file() else None

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        node = self._find(template)
        if node is None:
            raise jinja2.TemplateNotFound(template)
        return node.read_text(encoding="utf-8"), None, lambda: True

    def has(self, template: str) -> bool:
        return self._find(template) is not None


# --- numbers ------------------------------------------------------------------------------


def format_number(value: Any, digits: int = 3) -> str:
    """Numbers for people: ``None`` → ``—``, ints with separators, floats to ``digits``.

    >>> format_number(0.71234), format_number(12000), format_number(None)
    ('0.712', '12,000', '—')
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "∞" if value > 0 else "-∞"
        return f"{value:,.{digits}f}"
    return str(value)


def format_signed(value: Any, digits: int = 3) -> str:
    """A gap with its sign: ``-0.120``, ``+0.040``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return f"{value:+.{digits}f}"
    return format_number(value, digits)


def format_pvalue(value: Any) -> str:
    """A p-value: four decimals, or two significant digits below 0.001.

    >>> format_pvalue(0.0312), format_pvalue(0.00004), format_pvalue(None)
    ('0.0312', '4e-05', '—')
    """
    if value is None:
        return "—"
    return f"{value:.2g}" if value < 0.001 else f"{value:.4f}"


def format_seconds(value: Any) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "—"
    if value < 60:
        return f"{value:.1f} s"
    minutes, seconds = divmod(value, 60)
    if minutes < 60:
        return f"{int(minutes)} min {seconds:.0f} s"
    hours, minutes = divmod(minutes, 60)
    return f"{int(hours)} h {int(minutes)} min"


# --- JSON and assets in a page ------------------------------------------------------------

_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_json(data: Any) -> Markup:
    """JSON safe to place inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, so escaping them as ``\\u003c``
    etc. keeps the JSON equal while ``</script>`` can never close the element; U+2028/9
    are escaped for old JavaScript parsers. NaN/Infinity (not JSON) become ``null``.

    >>> str(script_json({"t": "</script>"}))
    '{"t":"\\\\u003c/script\\\\u003e"}'
    """
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        text = json.dumps(to_jsonable(data), ensure_ascii=False, separators=(",", ":"))
    return script_text(text)


def script_text(json_text: str) -> Markup:
    """JSON text made safe for a ``<script>`` element (see ``script_json``)."""
    # Chained str.replace: str.translate with a dict is ~15x slower on a 20 MB page.
    for raw, escaped in _SCRIPT_ESCAPES:
        json_text = json_text.replace(raw, escaped)
    return Markup(json_text)


def inline_asset(root: Traversable, name: str, closing: str) -> Markup:
    """A CSS or JS file's text for inlining; refused if it could close its own element."""
    text = root.joinpath(name).read_text(encoding="utf-8")
    if closing in text.lower():
        raise ValueError(f"reports/{name} must not contain {closing!r}")
    return Markup(text)


def script_hash(js: str) -> str:
    """The CSP hash of the page's one script: only it may run (no inline handlers)."""
    return base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode()


def record_columns(rows: Any) -> list[str]:
    """The keys of a list of records, in first-seen order (the generic table's columns)."""
    columns: dict[str, None] = {}
    for row in rows:
        if isinstance(row, dict):
            columns.update(dict.fromkeys(row))
    return list(columns)


# --- the environment ----------------------------------------------------------------------

_ENVIRONMENTS: dict[tuple[str, bool], jinja2.Environment] = {}


def environment(root: Traversable | None = None, *, strict: bool = False) -> jinja2.Environment:
    """The Jinja environment over ``root`` (the shipped templates by default).

    Lenient by default: a section template asking for a key a run lacks renders empty,
    not a crash. ``strict`` (the comparison page, whose view is built here) makes a
    missing key an error instead.
    """
    root = templates_root() if root is None else root
    key = (str(root), strict)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _make_environment(root, strict)
    return _ENVIRONMENTS[key]


def _make_environment(root: Traversable, strict: bool) -> jinja2.Environment:
    loader = TemplateLoader(root)
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "htm", "xml", "svg", "j2"),
            default_for_string=True,
            default=True,
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined if strict else jinja2.ChainableUndefined,
        # Compiling the templates is most of a small report's rendering: keep the compiled
        # code between processes, keyed by each template's source (Jinja's own cache, in a
        # private directory under the system's temporary directory).
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    env.filters.update(
        num=format_number,
        signed=format_signed,
        pvalue=format_pvalue,
        seconds=format_seconds,
        title_from_key=title_from_key,
        word_diff=_diff.word_diff,
    )
    env.globals.update(
        word_diff_pieces=_diff.word_diff,
        ci_bar_svg=_svg.ci_bar,
        difference_bar=_svg.difference_bar,
        is_metric=is_metric,
        is_mapping=lambda v: isinstance(v, dict),
        is_list=lambda v: isinstance(v, (list, tuple)),
        is_number=lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        has_template=loader.has,
        record_columns=record_columns,
        attribution_style=_svg.attribution_style,
        attribution_scale=attribution_scale,
        attribution_pieces=attribution_pieces,
    )
    return env
