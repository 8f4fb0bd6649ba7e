"""Warm re-run: wall time of ``harness run`` with a cold cache vs everything cached.

Runs the suite three times as a user would (``harness run`` in a fresh process each
time, so imports count), with a fresh cache directory:

1. cold: an empty cache, so every prediction, generated item, variant and attack is
   computed (and stored);
2. warm: the same command again: predictions, generated items, variants, attack
   outcomes and attributions all come from the cache;
3. a check that the warm run's results.json equals the cold run's apart from timings
   and cache counters.

    python bench/rerun.py [--suite suites/nli_robustness.yaml] [--model reference]
                          [--warm-repeats 3] [--profile]

Prints both wall times and their ratio (goal: >= 20). ``--profile`` also writes a
cProfile of one warm run (``rerun-warm.prof``) and the slowest imports
(``python -X importtime``) to the output directory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VOLATILE = {"created_at", "timings", "cached", "computed"}


def harness_run(
    suite: Path, model: str, out: Path, cache: Path, *extra: str, prefix: tuple[str, ...] = ()
) -> tuple[float, str]:
    command = [
        sys.executable,
        *prefix,
        "-m",
        "harness",
        "run",
        str(suite),
        "--model",
        model,
        "--out",
        str(out),
        "--quiet",
        *extra,
    ]
    env = {**os.environ, "HARNESS_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"harness run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, done.stderr


def stripped(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: stripped(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [stripped(v) for v in value]
    return value


def slowest_imports(stderr: str, top: int = 15) -> list[str]:
    """The imports with the largest cumulative time from ``-X importtime`` output."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        # "import time: <self us> | <cumulative us> | <module>"
        _, cumulative, name = line.removeprefix("import time:").split("|", 2)
        rows.append((int(cumulative), name.strip()))
    rows.sort(reverse=True)
    return [f"{us / 1e6:7.2f} s  {name}" for us, name in rows[:top]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default=str(ROOT / "suites" / "nli_robustness.yaml"))
    parser.add_argument("--model", default="reference")
    parser.add_argument("--warm-repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--out", help="keep runs (and profiles) here instead of a temp dir")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(args.out) if args.out else Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        cache = work / "cache"
        suite = Path(args.suite).resolve()
        cold, _ = harness_run(suite, args.model, work / "cold", cache)
        warm_times = []
        for repeat in range(args.warm_repeats):
            elapsed, _ = harness_run(suite, args.model, work / f"warm{repeat}", cache)
            warm_times.append(elapsed)
        warm = min(warm_times)

        cold_results = json.loads((work / "cold" / "results.json").read_text())
        warm_results = json.loads((work / "warm0" / "results.json").read_text())
        same = stripped(cold_results) == stripped(warm_results)
        differing = [
            cold_test["name"]
            for cold_test, warm_test in zip(
                cold_results["tests"], warm_results["tests"], strict=True
            )
            if stripped(cold_test) != stripped(warm_test)
        ]
        # An attack cut short by its time_budget_s in the cold run is resumed by the first
        # warm run (outcomes not reached are never kept): the one expected difference.
        cut_short = [
            test["name"]
            for test in cold_results["tests"]
            if test["counts"].get("not_attacked", 0) > 0
        ]

        print(f"suite: {suite.name}, model: {args.model}")
        print(f"cold (empty cache):     {cold:8.2f} s")
        print(
            f"warm (all cached):      {warm:8.2f} s  (best of {len(warm_times)}: "
            + ", ".join(f"{t:.2f}" for t in warm_times)
            + ")"
        )
        print(f"cold / warm:            {cold / warm:8.1f}x  (goal >= 20x)")
        print(f"warm results.json equals cold apart from timings: {same}")
        if not same:
            print(f"  tests that differ: {', '.join(differing)}")
            print(
                f"  attacks the cold run's time budget cut short: {', '.join(cut_short) or 'none'}"
            )

        if args.profile:
            profile = work / "rerun-warm.prof"
            harness_run(
                suite,
                args.model,
                work / "warm-profile",
                cache,
                prefix=("-m", "cProfile", "-o", str(profile)),
            )
            _, stderr = harness_run(
                suite, args.model, work / "warm-importtime", cache, prefix=("-X", "importtime")
            )
            print(f"cProfile of a warm run: {profile}")
            print("slowest imports of a warm run (cumulative):")
            for line in slowest_imports(stderr):
                print("  " + line)
        if not same and not set(differing) <= set(cut_short):
            raise SystemExit("warm results.json differs from the cold run's")


if __name__ == "__main__":
    main()
