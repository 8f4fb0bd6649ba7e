"""Memory: peak RSS of ``harness run`` at 10,000 and 1,000,000 generated examples.

Each size runs in its own ``harness run`` subprocess with the same suite shape: one
one test over a generated data file (JSONL, CSV or Parquet: ``--format``) of distinct
NLI pairs (with a slice tag), a cheap ``python:`` classifier written beside it
(probabilities from the lengths of the two sentences), default metrics with their
bootstrap CIs, one slice field, prediction
cache, explanations and report off (``run_suite(..., render_report=False)``: rendering
at scale is the report's own bench). The peak resident set of each subprocess comes from
``os.wait4`` (the kernel's ``ru_maxrss`` for that child alone).

``--kind evaluate`` (the default): an ``evaluate`` test, one item per example.
``--kind perturbation``: a ``perturbation`` test (invariance under ``punctuation`` on
the hypothesis, which changes every pair), two items per example (the original and
its variant), flip rate and the other robustness metrics per slice.

    python bench/memory.py [--kind evaluate|perturbation] [--small 10000] [--large 1000000]
                           [--format jsonl|csv|parquet] [--load-only]

``--load-only`` measures the data source alone: the file read, checked and turned into
examples, every example read once in chunks of 8,192 as a streamed test reads them.

Prints both peaks and their ratio (goal: large / small <= 1.5).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SUBJECTS = ["The chef", "A girl", "My neighbour", "The pilot", "An old man", "The teacher"]
ACTIONS = ["cooks dinner", "reads a book", "walks a dog", "paints a fence", "plays chess"]
LABELS = ("entailment", "neutral", "contradiction")

MODEL_MODULE = '''\
"""A cheap deterministic classifier for the memory bench."""


def predict(batch):
    answers = []
    for fields in batch:
        score = (len(fields["premise"]) + 3 * len(fields["hypothesis"])) % 7
        first = 0.2 + 0.1 * score
        answers.append(
            {"entailment": first, "neutral": (1 - first) / 2, "contradiction": (1 - first) / 2}
        )
    return answers
'''


def generated_rows(n: int) -> Iterator[list[dict[str, str]]]:
    """``n`` distinct pairs, 10,000 rows at a time (so the bench itself stays small)."""
    chunk = []
    for i in range(n):
        subject, action = SUBJECTS[i % len(SUBJECTS)], ACTIONS[(i // 6) % len(ACTIONS)]
        chunk.append(
            {
                "id": f"r{i}",
                "premise": f"{subject} {action} on day {i + 1}.",
                "hypothesis": f"{subject} {action}.",
                "label": LABELS[i % 3],
                "phenomenon": ["overlap", "negation", "addition", "mixed"][i % 4],
            }
        )
        if len(chunk) == 10_000:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


#: The test each ``--kind`` runs (the data block and slice field are the same).
TESTS = {
    "evaluate": "",
    "perturbation": "    perturb: [punctuation]\n    fields: [hypothesis]\n",
}
#: items.jsonl lines per example.
ITEMS_PER_EXAMPLE = {"evaluate": 1, "perturbation": 2}


def write_data(path: Path, n: int, file_format: str = "jsonl") -> None:
    if file_format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer = None
        pending: list[dict[str, str]] = []
        for chunk in generated_rows(n):
            pending.extend(chunk)
            if len(pending) >= 100_000:  # row groups of 100,000 rows
                table = pa.Table.from_pylist(pending)
                writer = writer or pq.ParquetWriter(path, table.schema)
                writer.write_table(table)
                pending = []
        if pending:
            table = pa.Table.from_pylist(pending)
            writer = writer or pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
        if writer is not None:
            writer.close()
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        if file_format == "csv":
            writer_csv = csv.DictWriter(handle, fieldnames=list(next(generated_rows(1))[0]))
            writer_csv.writeheader()
            for chunk in generated_rows(n):
                writer_csv.writerows(chunk)
            return
        for chunk in generated_rows(n):
            handle.write("\n".join(json.dumps(row) for row in chunk) + "\n")


def write_suite(
    directory: Path, n: int, kind: str = "evaluate", file_format: str = "jsonl"
) -> Path:
    data = f"pairs.{file_format}"
    write_data(directory / data, n, file_format)
    (directory / "memory_bench_model.py").write_text(MODEL_MODULE, encoding="utf-8")
    suite = directory / "suite.yaml"
    suite.write_text(
        f"""\
name: memory_bench
description: One {kind} test over {n} generated pairs.
task: nli
labels: [entailment, neutral, contradiction]
seed: 7
model: "python:memory_bench_model:predict"
bootstrap_resamples: 1000
tests:
  - name: pairs
    data: {{source: file, path: {data}, meta_columns: [phenomenon]}}
    slice_by: [phenomenon]
{TESTS[kind]}""",
        encoding="utf-8",
    )
    return suite


#: ``--load-only``: the file to examples and nothing else (the source's own checks, then
#: every example read once, in order, as a streamed test reads them).
LOAD_DRIVER = """\
import sys
from pathlib import Path
from harness.tasks import load_context
from harness.data.sources import FileSource
options = FileSource.Options(source="file", path=sys.argv[1], meta_columns=["phenomenon"])
context = load_context("nli", base_dir=Path(sys.argv[1]).parent, labels=("entailment", "neutral",
    "contradiction"), input_fields=("premise", "hypothesis"), seed=7,)
examples = FileSource().load(options, context)
count = sum(len(examples[start:start + 8192]) for start in range(0, len(examples), 8192))
assert count == int(sys.argv[2]), count
"""


def peak_rss_mib(
    n: int, root: Path, kind: str = "evaluate", file_format: str = "jsonl", load_only: bool = False
) -> tuple[float, float]:
    """(peak RSS in MiB, wall seconds) of one ``harness run`` over ``n`` examples."""
    directory = root / f"n{n}-{kind}-{file_format}"
    directory.mkdir()
    suite = write_suite(directory, n, kind, file_format)
    # ``harness run --allow-code`` (the suite names the model beside it, found through
    # PYTHONPATH) minus the report (rendering at scale is measured by bench/report.py).
    driver = (
        "import sys; from pathlib import Path; from harness.runner import run_suite; "
        "run_suite(sys.argv[1], out_dir=Path(sys.argv[2]), use_cache=False, progress=False, "
        "render_report=False, explain_failures=0, allow_code=True)"
    )
    command = [sys.executable, "-c", driver, str(suite), str(directory / "run")]
    if load_only:
        command = [
            sys.executable,
            "-c",
            LOAD_DRIVER,
            str(directory / f"pairs.{file_format}"),
            str(n),
        ]
    # The model module beside the suite, ahead of whatever PYTHONPATH already holds.
    path = os.pathsep.join(p for p in (str(directory), os.environ.get("PYTHONPATH", "")) if p)
    environment = {**os.environ, "PYTHONPATH": path}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"harness run over {n} items failed with exit {process.returncode}")
    if load_only:
        return usage.ru_maxrss / 1024, seconds
    lines = sum(1 for _ in (directory / "run" / "items.jsonl").open(encoding="utf-8"))
    if lines != n * ITEMS_PER_EXAMPLE[kind]:
        raise SystemExit(f"items.jsonl has {lines} lines, expected {n * ITEMS_PER_EXAMPLE[kind]}")
    return usage.ru_maxrss / 1024, seconds  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=sorted(TESTS), default="evaluate")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    parser.add_argument(
        "--load-only", action="store_true", help="only load the file's examples, no run"
    )
    args = parser.parse_args()
    print(f"format: {args.format}" + (" (loading only)" if args.load_only else ""))
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        print(f"test kind: {args.kind}", flush=True)
        small, small_s = peak_rss_mib(args.small, root, args.kind, args.format, args.load_only)
        print(f"{args.small:>9,} examples: peak RSS {small:8.1f} MiB ({small_s:.1f} s)", flush=True)
        large, large_s = peak_rss_mib(args.large, root, args.kind, args.format, args.load_only)
        print(f"{args.large:>9,} examples: peak RSS {large:8.1f} MiB ({large_s:.1f} s)", flush=True)
    print(f"ratio {args.large:,} / {args.small:,}: {large / small:.2f} (goal <= 1.5)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
