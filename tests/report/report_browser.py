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
