"""Driving headless Chromium for the report tests: open a page, dump its DOM after scripts ran."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from helpers.processes import WAIT_LIMIT_S
from report_html import parse

CHROMIUM = shutil.which("chromium")


def chromium(tmp_path: Path, url: str, *extra: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=5000",
        *extra,
        url,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=WAIT_LIMIT_S, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump(tmp_path: Path, report: Path, hash_: str = ""):
    url = report.resolve().as_uri() + (f"#{hash_}" if hash_ else "")
    html = chromium(tmp_path, url, "--dump-dom")
    assert "fb-rows" in html, "the page did not load"
    return parse(html)


def shown(root):
    status = root.find("p", id="fb-status")
    rows = list(root.find("tbody", id="fb-rows").find_all("tr", cls="item-row"))
    return status.attrs, [row.attrs["data-id"] for row in rows], rows


def browser_order(items):
    """The failure browser's default order: confidence high first, missing last, then id."""

    def key(item):
        confidence = item.get("confidence")
        return (confidence is None, -(confidence or 0.0), f"{item['test']}\0{item['id']}")

    return [item["id"] for item in sorted(items, key=key)]


#: Appended to a copy of a page by ``layout``: once the page's own scripts ran, writes
#: what a person would see (where each marked element sits, the page's height, computed
#: styles) into the DOM for --dump-dom. ``MARKS`` is replaced by {name: CSS selector}.
_MEASURE = """<script>
addEventListener("load", () => setTimeout(() => {
  const out = {height: document.documentElement.scrollHeight};
  for (const [name, selector] of Object.entries(MARKS)) {
    const el = document.querySelector(selector);
    if (!el) { out[name] = null; continue; }
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    out[name] = {top: box.top + scrollY, bottom: box.bottom + scrollY, left: box.left,
      right: box.right, height: box.height, font: style.fontFamily,
      background: style.backgroundColor, color: style.color, text: el.textContent};
  }
  const pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.append(pre);
}, 0));
</script>"""


def layout(tmp_path: Path, page: Path, marks: dict[str, str], hash_: str = "") -> dict:
    """Where the first element each CSS selector names (``marks``: name -> selector) sits
    once Chromium laid the page out 1280 px wide and its scripts ran, and the page's
    height, in CSS pixels (None for a selector that matches nothing).

    A copy of the page gets the measuring script (its CSP removed, so that script may
    run); the page itself is not changed."""
    import html as html_lib
    import json
    import re

    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text, count=1)
    script = _MEASURE.replace("MARKS", json.dumps(marks).replace("</", "<\\/"))
    head, _, tail = text.rpartition("</body>")
    copy = tmp_path / f"measured-{page.name}"
    copy.write_text(head + script + "</body>" + tail, encoding="utf-8")
    url = copy.resolve().as_uri() + (f"#{hash_}" if hash_ else "")
    dom = chromium(tmp_path, url, "--dump-dom", "--window-size=1280,900")
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
    assert found, "the page did not finish loading"
    return json.loads(html_lib.unescape(found.group(1)))
