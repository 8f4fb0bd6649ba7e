"""Memory: peak RSS of ``harness gate BASE CAND`` on runs of 10,000 and 1,000,000 items.

For each size the bench writes two run directories of one ``evaluate`` test (a
baseline and a candidate that agree on most items: about 80% and 78% correct, one in
ten items flipped), with what a classification run holds per item: inputs, gold,
prediction, probabilities and confidence, the ``correct`` and ``brier`` scores and a
slice tag. results.json lists accuracy and macro-F1 as headline metrics, so the gate
computes both and the accuracy of every slice; ``--json``, ``--markdown``,
``--junit`` and compare.html are all written. The run directories are written by the
bench itself (a ``harness run`` over a million items is bench/memory.py's subject).

Each gate runs in its own subprocess; its peak resident set comes from ``os.wait4``
(the kernel's ``ru_maxrss`` for that child alone).

    python bench/gate_memory.py [--small 10000] [--large 1000000]

Prints both peaks, their ratio (goal: large / small <= 1.5) and the gate's verdict line.
Brier and ECE are not headline metrics here, because time, not memory, limits them at
a million items. The paired bootstrap draws how often each distinct (baseline,
candidate) row is resampled. Accuracy and macro-F1 have a handful of distinct rows
whatever n is, but a continuous per-item score (Brier, token F1) has about one per
item, and ECE resamples item indices. Either way the cost is resamples × n.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

LABELS = ("entailment", "neutral", "contradiction")
PHENOMENA = ("overlap", "negation", "addition", "mixed")


def _results(n: int, model: str) -> dict[str, object]:
    metric = {"value": 0.8, "ci_low": None, "ci_high": None, "n": n, "method": "wilson"}
    return {
        "schema_version": 2,
        "harness_version": "0.1.0",
        "created_at": "2026-01-01T00:00:00+00:00",
        "suite": {
            "name": "gate_memory_bench",
            "description": "",
            "hash": "0123456789abcdef",
            "task": "nli",
            "labels": list(LABELS),
            "seed": 7,
        },
        "model": {"spec": model, "kind": "python", "name": model, "fingerprint": model},
        "tests": [
            {
                "name": "pairs",
                "kind": "evaluate",
                "labels": list(LABELS),
                "n": n,
                "metrics": {"accuracy": metric, "macro_f1": metric},
                "slices": [
                    {"field": "phenomenon", "value": value, "n": n // 4, "metrics": {}}
                    for value in PHENOMENA
                ],
            }
        ],
    }


def write_runs(root: Path, n: int) -> tuple[Path, Path]:
    """A baseline and a candidate run directory of ``n`` items each."""
    # One seeded generator per size: the bench's own data, not the harness's randomness.
    rng = random.Random(f"gate-memory-{n}")
    runs = (root / f"n{n}" / "base", root / f"n{n}" / "cand")
    handles = []
    for run, model in zip(runs, ("baseline", "candidate"), strict=True):
        run.mkdir(parents=True)
        (run / "results.json").write_text(json.dumps(_results(n, model)), encoding="utf-8")
        handles.append((run / "items.jsonl").open("wb"))
    try:
        batch: tuple[list[bytes], list[bytes]] = ([], [])
        for i in range(n):
            gold = LABELS[i % 3]
            base_right = rng.random() < 0.8
            # The candidate agrees with the baseline on 90% of the items.
            cand_right = base_right if rng.random() < 0.9 else not base_right
            for side, right in enumerate((base_right, cand_right)):
                predicted = gold if right else LABELS[(i + 1 + side) % 3]
                top = round(0.4 + 0.5 * rng.random(), 3)
                others = [label for label in LABELS if label != predicted]
                probabilities = {predicted: top, others[0]: round(1 - top, 3), others[1]: 0.0}
                brier = sum((p - (label == gold)) ** 2 for label, p in probabilities.items())
                row = {
                    "test": "pairs",
                    "id": f"r{i}",
                    "fields": {"premise": f"The chef cooks on day {i}.", "hypothesis": "He cooks."},
                    "gold": gold,
                    "predicted": predicted,
                    "probabilities": probabilities,
                    "confidence": top,
                    "correct": right,
                    "scores": {"correct": float(right), "brier": brier},
                    "tags": {"phenomenon": PHENOMENA[i % 4]},
                }
                batch[side].append(orjson.dumps(row))
            if len(batch[0]) == 10_000:
                for side, handle in enumerate(handles):
                    handle.write(b"\n".join(batch[side]) + b"\n")
                    batch[side].clear()
        for side, handle in enumerate(handles):
            if batch[side]:
                handle.write(b"\n".join(batch[side]) + b"\n")
    finally:
        for handle in handles:
            handle.close()
    return runs


def gate_peak_rss_mib(base: Path, cand: Path) -> tuple[float, float, str]:
    """(peak RSS in MiB, wall seconds, verdict line) of one ``harness gate``."""
    out = cand.parent / "out"
    out.mkdir()
    command = [
        sys.executable, "-m", "harness", "gate", str(base), str(cand),
        "--json", str(out / "gate.json"), "--markdown", str(out / "gate.md"),
        "--junit", str(out / "gate.xml"), "--html", str(out / "compare.html"),
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1 is a failed gate, a result like any other
        raise SystemExit(f"harness gate failed with exit {code}")
    return usage.ru_maxrss / 1024, seconds, output.splitlines()[0]  # ru_maxrss is in KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    peaks = []
    with tempfile.TemporaryDirectory() as temporary:
        for n in (args.small, args.large):
            started = time.perf_counter()
            base, cand = write_runs(Path(temporary), n)
            written = time.perf_counter() - started
            peak, seconds, verdict = gate_peak_rss_mib(base, cand)
            peaks.append(peak)
            print(
                f"{n:>9,} items per run: gate peak RSS {peak:8.1f} MiB ({seconds:.1f} s; "
                f"runs written in {written:.1f} s)",
                flush=True,
            )
            print(f"  {verdict}", flush=True)
    print(f"ratio {args.large:,} / {args.small:,}: {peaks[1] / peaks[0]:.2f} (goal <= 1.5)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
