"""Render time of a 100,000-character item in report.html and compare.html (headless Chromium).

Two runs of one small suite (an evaluate test and a typo-invariance test) by two rule
models that disagree, so the long item appears in the report's item browser, in its
perturbation diffs and among compare.html's flipped items. The long item is one
unbroken token (the worst case for line breaking) or, as the control, the same length
with spaces. Each page is loaded with ``chromium --headless --dump-dom`` from a copy
that ends with a probe script: it forces layout (``offsetHeight``) after the page's own
script has rendered the items, and writes ``performance.now()`` (milliseconds since
navigation start: parsing, scripts and layout) into the title. The copy drops the CSP
line so the probe may run; the page is otherwise unchanged.

    python bench/long_text.py [--chars 100000] [--repeats 3]

Prints seconds per page and the ratio unbroken / spaced (goal: under a second each).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

LABELS = ("entailment", "neutral", "contradiction")


def rules_a(batch: Sequence[Mapping[str, str]]) -> list[str]:
    return ["entailment" if len(f["hypothesis"]) % 2 else "neutral" for f in batch]


def rules_b(batch: Sequence[Mapping[str, str]]) -> list[str]:
    return ["neutral" if len(f["hypothesis"]) % 2 else "entailment" for f in batch]


def write_world(directory: Path, long_text: str) -> Path:
    rows = [
        {"id": f"r{i}", "premise": f"A man walks a dog on day {i}.", "hypothesis": f"A man walks {'x' * (i % 3)}.", "label": LABELS[i % 3]}
        for i in range(12)
    ]  # fmt: skip
    rows.append({"id": "long", "premise": long_text, "hypothesis": long_text[:50_000] + " walks", "label": "neutral"})  # fmt: skip
    (directory / "pairs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    suite = directory / "suite.yaml"
    suite.write_text(
        "name: long_text\ntask: nli\nlabels: [entailment, neutral, contradiction]\n"
        "bootstrap_resamples: 100\ntests:\n"
        "  - name: pairs\n    data: {source: file, path: pairs.jsonl}\n"
        "  - name: typos\n    data: {source: file, path: pairs.jsonl}\n"
        "    perturb: [{name: typo, params: {rate: 0.3}}]\n    fields: [premise, hypothesis]\n"
    )
    return suite


def build_pages(directory: Path, long_text: str) -> dict[str, Path]:
    from harness.cli import main

    suite = write_world(directory, long_text)
    with contextlib.redirect_stdout(io.StringIO()):
        for name, model in (("base", "rules_a"), ("cand", "rules_b")):
            argv = ["run", str(suite), "--out", str(directory / name), "--quiet", "--no-cache"]
            assert main([*argv, "--model", f"python:long_text:{model}"]) == 0
        main(["compare", str(directory / "base"), str(directory / "cand")])
    return {"report.html": directory / "cand" / "report.html", "compare.html": directory / "cand" / "compare.html"}  # fmt: skip


PROBE = (
    "<script>document.body.offsetHeight;"
    'document.title = "rendered-ms:" + performance.now().toFixed(0);</script>'
)


def probed_dom(page: Path, probe: str, profile: Path, timeout: int = 600) -> str:
    """The DOM of a copy of ``page`` that ends with ``probe`` (its CSP line dropped so the
    probe may run), as headless Chromium dumps it once the page has loaded."""
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    probe_page = page.with_name(f"probe-{page.name}")
    probe_page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    command = [
        shutil.which("chromium") or "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        "--dump-dom",
        probe_page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, check=True, timeout=timeout, text=True)
    return done.stdout


def load_seconds(page: Path, profile: Path) -> float:
    """Seconds from navigation start to the items rendered and laid out (see the docstring)."""
    found = re.search(r"rendered-ms:(\d+)", probed_dom(page, PROBE, profile))
    if found is None:
        raise RuntimeError(f"{page.name}: the probe did not run")
    return int(found.group(1)) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory() as root_name:
        root = Path(root_name)
        texts = {
            "unbroken": "a" * args.chars,
            "spaced": ("word " * (args.chars // 5))[: args.chars],
        }
        pages = {}
        for name, text in texts.items():
            (root / name).mkdir()
            pages[name] = build_pages(root / name, text)

        def best(page: Path) -> float:
            return min(load_seconds(page, root / "profile") for _ in range(args.repeats))

        for page_name in ("report.html", "compare.html"):
            times = {name: best(pages[name][page_name]) for name in texts}
            ratio = times["unbroken"] / times["spaced"] if times["spaced"] > 0 else float("nan")
            print(
                f"{page_name:<13} {args.chars:,} chars: unbroken {times['unbroken']:.2f} s, "
                f"spaced {times['spaced']:.2f} s, ratio {ratio:.2f}"
            )


if __name__ == "__main__":
    main()
