"""Sharded runs: wall time of ``harness run`` on 1 vs 2 Ray workers, same model and inputs.

The model is the one ``bench/overhead.py`` builds (all-MiniLM-L6-v2 weights with a
seeded 3-way head, loaded through the real ``hf-classifier`` adapter); the inputs are
nli-core's pairs, repeated ``--copies`` times with a numbered hypothesis so that no two
requests are equal. The cache is off, so every run computes everything. One local
cluster is started first (``ray.init(num_cpus=--cpus)``) and shared by the runs, so its
start-up is not counted; each run's wall time includes starting its actors and
loading a model replica in each, which a real sharded run pays too.

    python bench/scale.py [--copies 1] [--items N] [--batch-size 32] [--cpus 2]

Prints the local executor's time as a reference, then 1 and 2 workers and the speed-up.
Each Ray actor gets one CPU (Ray then runs torch on one thread in it), while the local
run uses all of torch's threads: on a 2-core machine expect 2 workers to be at most
about as fast as the local run, and faster than 1 worker.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from overhead import build_classifier, load_pairs


def write_suite(workdir: Path, model_dir: Path, copies: int, items: int | None) -> Path:
    pairs = []
    for copy in range(copies):
        for pair in load_pairs()[:items]:
            pairs.append(
                {**pair, "id": f"{pair['id']}-{copy}", "hypothesis": f"{pair['hypothesis']} {copy}"}
            )
    data = workdir / "pairs.jsonl"
    data.write_text("".join(json.dumps(p) + "\n" for p in pairs))
    suite = workdir / "scale.yaml"
    suite.write_text(
        "name: scale\ntask: nli\nlabels: [entailment, neutral, contradiction]\n"
        f"model: 'hf-classifier:{model_dir}'\n"
        "tests:\n  - name: pairs\n    data: {source: file, path: pairs.jsonl}\n    metrics: [accuracy]\n"
    )
    return suite


def timed_run(
    suite: Path, workdir: Path, batch_size: int, workers: int | None
) -> tuple[float, int]:
    """Wall seconds of one ``run_suite`` (cache and report off) and the items it scored."""
    from harness.runner import run_suite

    started = time.perf_counter()
    run_dir = run_suite(
        suite,
        out_dir=workdir / f"run-{time.time_ns()}",
        use_cache=False,
        progress=False,
        render_report=False,
        explain_failures=0,
        model_options={"batch_size": batch_size, "max_length": 256},
        executor="local" if workers is None else "ray",
        executor_options=None if workers is None else {"workers": workers},
    )
    seconds = time.perf_counter() - started
    results = json.loads((run_dir / "results.json").read_text())
    return seconds, int(results["tests"][0]["n"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--items", type=int, help="only the first N of nli-core's pairs")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray cluster")
    args = parser.parse_args()

    import ray
    import torch

    with tempfile.TemporaryDirectory() as temporary:
        workdir = Path(temporary)
        model_dir = build_classifier(workdir / "model")
        suite = write_suite(workdir, model_dir, args.copies, args.items)
        started = time.perf_counter()
        ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
        print(
            f"local Ray cluster ({args.cpus} CPUs) started in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        try:
            # Printed as measured: on a busy machine one run can take minutes.
            local, n = timed_run(suite, workdir, args.batch_size, None)
            print(f"items: {n}  batch size: {args.batch_size}  threads: {torch.get_num_threads()}")
            print(f"local executor:  {local:7.1f} s  {n / local:7.1f} items/s", flush=True)
            one, _ = timed_run(suite, workdir, args.batch_size, 1)
            print(f"ray, 1 worker:   {one:7.1f} s  {n / one:7.1f} items/s", flush=True)
            two, _ = timed_run(suite, workdir, args.batch_size, 2)
            print(f"ray, 2 workers:  {two:7.1f} s  {n / two:7.1f} items/s")
        finally:
            ray.shutdown()
    print(f"speed-up 2 vs 1 workers: {one / two:.2f}x   2 workers vs local: {local / two:.2f}x")


if __name__ == "__main__":
    main()
