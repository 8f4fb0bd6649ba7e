"""The report at scale: render time, file size and failure-browser filter time at 100,000 items.

A run of ``--items`` items (default 100,000): an evaluate test over distinct NLI pairs
recombined from nli-core's premises and hypotheses (sliced by phenomenon), plus a typo
invariance test whose originals and variants make up the last tenth of the items. The
model is a cheap rule (``python:``) that answers probabilities, so every item carries
probabilities, a confidence and a verdict, as a real classifier's items do.

Measured:

1. ``harness report RUN`` (render only: read results.json and items.jsonl, write
   report.html), wall seconds in this process, best of ``--repeats``;
2. the size of report.html, and how many items it embeds (the page may embed fewer
   items than the run has: see docs/reports.md);
3. in headless Chromium, from a copy of the page that ends with a probe script (the
   copy drops the CSP line so the probe may run): the time from navigation start to the
   failure browser's first page laid out, and then the time of each filter change (a
   change of the hash, as the browser's controls make, up to the new page of rows laid
   out), for the filters a user reaches for: correct = all, one test, a gold label, a
   slice, a text query and a sort.

    python bench/report.py [--items 100000] [--repeats 3]

Goals (issue "Throughput and scale"): render ≤ 10 s, file ≤ 25 MB, each filter ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from harness.data.sources import BUILTIN_DATASETS_DIR

LABELS = ("entailment", "neutral", "contradiction")

RULES = '''
LABELS = ("entailment", "neutral", "contradiction")


def predict(batch):
    """Probabilities from the lengths of the texts: cheap, deterministic, spread out."""
    answers = []
    for fields in batch:
        a, b = len(fields["premise"]), len(fields["hypothesis"])
        weights = [1.0 + (a * 7 + b) % 11, 1.0 + (a + b * 3) % 7, 1.0 + (a * b) % 5]
        total = sum(weights)
        answers.append({label: w / total for label, w in zip(LABELS, weights)})
    return answers
'''


def recombined_rows(n: int) -> list[dict[str, str]]:
    rows = []
    for split in ("train", "test"):
        path = BUILTIN_DATASETS_DIR / "nli-core" / f"{split}.jsonl"
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    premises = sorted({(row["premise"], row["phenomenon"]) for row in rows})
    hypotheses = sorted({row["hypothesis"] for row in rows})
    out = []
    for index in range(n):  # a deterministic walk over the premise × hypothesis grid
        premise, phenomenon = premises[index % len(premises)]
        out.append(
            {
                "id": f"p{index}",
                "premise": premise,
                "hypothesis": hypotheses[(index * 7919) % len(hypotheses)],
                "label": LABELS[index % 3],
                "phenomenon": phenomenon,
            }
        )
    return out


def build_run(directory: Path, n_items: int) -> tuple[Path, float]:
    """Write the data, suite and model; run the suite; return the run dir and its seconds."""
    from harness.cli import main

    n_perturbed = n_items // 20  # originals + one variant each: a tenth of the items
    rows = recombined_rows(n_items - n_perturbed)
    (directory / "pairs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (directory / "originals.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows[:n_perturbed])
    )
    (directory / "report_bench_rules.py").write_text(RULES)
    suite = directory / "suite.yaml"
    suite.write_text(
        "name: report_at_scale\ntask: nli\nlabels: [entailment, neutral, contradiction]\n"
        "bootstrap_resamples: 200\ntests:\n"
        "  - name: recombined\n    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}\n"
        "    slice_by: [phenomenon]\n"
        "  - name: typos\n    data: {source: file, path: originals.jsonl}\n"
        "    perturb: [{name: typo, params: {rate: 0.1}}]\n    fields: [hypothesis]\n"
    )
    run_dir = directory / "run"
    argv = ["run", str(suite), "--out", str(run_dir), "--quiet", "--no-cache"]
    import sys

    sys.path.insert(0, str(directory))
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main([*argv, "--model", "python:report_bench_rules:predict"])
    if code != 0:
        raise SystemExit(f"harness run exited with {code}")
    return run_dir, time.perf_counter() - started


# Filters applied one after another, each a URL hash as the browser's controls write it.
FILTERS = (
    ("correct = all", "correct=all"),
    ("one test", "correct=all&test=typos"),
    ("gold label", "gold=neutral"),
    ("slice", "slice=phenomenon%3Dnegation"),
    ("text query", "correct=all&q=river+man"),
    ("sort by id", "correct=all&sort=id"),
    ("back to wrong", ""),
)

PROBE = """<script>
(function () {
  // Synchronous on purpose: history.replaceState changes the hash without an event, and
  // dispatching hashchange runs the browser's own handler at once, so performance.now()
  // brackets exactly the filtering, the new rows and their layout.
  var filters = %s;
  function settle() { return document.getElementById("fb-rows").offsetHeight; }
  settle();
  var times = [performance.now()];
  filters.forEach(function (hash) {
    var started = performance.now();
    history.replaceState(null, "", "#" + (hash || "correct=wrong"));
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    settle();
    times.push(performance.now() - started);
  });
  document.title = "times:" + JSON.stringify(times);
}());
</script>"""


def browser_times(page: Path, profile: Path) -> list[float]:
    """[load ms, filter ms...] measured by the probe (see the module docstring)."""
    from long_text import probed_dom

    probe = PROBE % json.dumps([hash_ for _, hash_ in FILTERS])
    found = re.search(r"times:(\[[^<]*\])", probed_dom(page, probe, profile, timeout=900))
    if found is None:
        raise RuntimeError("the probe did not finish")
    return [float(x) for x in json.loads(found.group(1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", help="keep the run here (and reuse it when present)")
    args = parser.parse_args()
    from harness.report import render_report

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(args.workdir or scratch)
        root.mkdir(parents=True, exist_ok=True)
        if (root / "run" / "results.json").exists():
            run_dir, run_seconds = root / "run", float("nan")
        else:
            run_dir, run_seconds = build_run(root, args.items)
        n_items = sum(1 for _ in (run_dir / "items.jsonl").open(encoding="utf-8"))
        items_mb = (run_dir / "items.jsonl").stat().st_size / 1e6
        renders, cpu = [], []
        for _ in range(args.repeats):
            started, started_cpu = time.perf_counter(), time.process_time()
            report = render_report(run_dir)
            renders.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        size_mb = report.stat().st_size / 1e6
        html = report.read_text(encoding="utf-8")
        embedded = re.search(r'data-embedded="(\d+)"', html)
        print(
            f"run: {n_items:,} items ({items_mb:.1f} MB items.jsonl), harness run {run_seconds:.1f} s"
        )
        print(
            f"render report.html: {min(renders):.2f} s wall, {min(cpu):.2f} s CPU "
            f"(best of {args.repeats}; goal ≤ 10 s; load average {os.getloadavg()[0]:.1f})"
        )
        print(
            f"report.html: {size_mb:.1f} MB (goal ≤ 25 MB), embeds "
            f"{int(embedded.group(1)) if embedded else n_items:,} of {n_items:,} items"
        )
        if shutil.which("chromium") is None:
            print("chromium not found: browser timings skipped")
            return
        runs = [browser_times(report, root / f"profile-{i}") for i in range(args.repeats)]
        loads = [times[0] for times in runs]
        print(f"chromium: page loaded and first page of rows laid out in {min(loads) / 1000:.2f} s")
        for position, (name, _) in enumerate(FILTERS, start=1):
            best = min(times[position] for times in runs)
            print(f"  filter {name:<14} {best:7.1f} ms (best of {args.repeats}; goal ≤ 200 ms)")


if __name__ == "__main__":
    main()
