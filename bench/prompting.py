"""Wall time of harness prompted scoring / lm-evaluation-harness 0.4, same model, items, prompts.

    python bench/prompting.py [--items 60] [--architecture llama] [--layers 4] [--hidden 256]
                              [--repeats 3]

(a) 3-way NLI, single-token verbalizers, GPT-3 style prompt: 3 requests per item;
(b) 4-choice questions with multi-token answers after a few-shot context of 300+ tokens.

Both sides get the same Loglikelihood requests on the same random causal LM (built
here, tokenizer trained here, with " True", " False", " Neither" as single tokens, as
in real LM vocabularies) on CPU, float32, batch size 16, ``--threads`` torch threads;
the harness side goes through the hf-causal adapter and the predictor (no cache),
lm-eval through HFLM.

What each side computes: lm-eval 0.4 already scores the single-token continuations of
one context with one forward pass (its logits cache), so in (a) both sides run the
same forward passes and the ratio stays near 1 whatever the harness does around them
(every NLI item has its own premise: there is nothing further to share). In (b) the
harness runs the shared few-shot block once per batch, each item's question once, and
each answer's tokens after those cached keys and values; lm-eval runs the whole
context again for every answer.
Each side is timed ``--repeats`` times, alternating; prints the median of both ratios
(goals: ≤ 0.35 and ≤ 0.5) with their range, the load average (the machine may be
shared) and the largest log-likelihood difference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def build_model(directory: Path, architecture: str, layers: int, hidden: int) -> Path:
    import torch
    from helpers.tiny_models import CORPUS, train_byte_level_tokenizer
    from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM

    # Real LM vocabularies have " True", " False" and " Neither" as single tokens; the
    # lines below teach the tiny BPE those words, so (a) measures single-token verbalizers.
    verbalizer_lines = ["Answer: True", "Answer: False", "Answer: Neither"] * 20
    tokenizer = train_byte_level_tokenizer(
        [*CORPUS, *verbalizer_lines], add_bos=architecture == "llama"
    )
    tokenizer.model_max_length = 2048
    torch.manual_seed(0)
    if architecture == "llama":
        model: object = LlamaForCausalLM(
            LlamaConfig(
                vocab_size=len(tokenizer),
                hidden_size=hidden,
                intermediate_size=hidden * 3,
                num_hidden_layers=layers,
                num_attention_heads=4,
                num_key_value_heads=2,
                max_position_embeddings=2048,
                bos_token_id=tokenizer.bos_token_id,
                eos_token_id=tokenizer.eos_token_id,
                pad_token_id=tokenizer.pad_token_id,
            )
        )
    else:
        model = GPT2LMHeadModel(
            GPT2Config(
                vocab_size=len(tokenizer),
                n_positions=2048,
                n_embd=hidden,
                n_layer=layers,
                n_head=4,
                eos_token_id=tokenizer.eos_token_id,
            )
        )
    model.save_pretrained(directory)  # type: ignore[attr-defined]
    tokenizer.save_pretrained(directory)
    return directory


def workloads(items: int) -> dict[str, list[tuple[str, str]]]:
    from helpers.tiny_models import CORPUS

    from harness.tasks.prompting.templates import load_template

    nli = load_template("nli/gpt3")
    a = []
    for i in range(items):
        prompt = nli.render(
            {"premise": CORPUS[i % len(CORPUS)], "hypothesis": CORPUS[(i * 7 + 3) % len(CORPUS)]}
        )
        a += [(prompt, words[0]) for words in nli.verbalizers.values()]
    shots = "\n\n".join(
        f"Question: {CORPUS[j]} What happened next?\nAnswer: {CORPUS[(j + 5) % len(CORPUS)]}"
        for j in range(16)
    )
    b = []
    for i in range(items):
        context = f"{shots}\n\nQuestion: {CORPUS[i % len(CORPUS)]} What happened next?\nAnswer:"
        b += [(context, " " + CORPUS[(i + c * 3 + 1) % len(CORPUS)]) for c in range(4)]
    return {"a": a, "b": b}


def time_harness(path: Path, pairs: list[tuple[str, str]]) -> tuple[float, list[float]]:
    from harness.models.base import ModelContext, ModelSpec, load_model
    from harness.predictor import RequestRunner
    from harness.requests import Loglikelihood

    model = load_model(
        ModelSpec.parse(f"hf-causal:{path}", {"device": "cpu", "batch_size": 16}),
        ModelContext(task="nli", labels=(), input_fields=()),
    )
    model.model  # load before timing, as lm-eval does in its constructor  # noqa: B018
    runner = RequestRunner(model, cache=None)
    started = time.perf_counter()
    answers = runner.run([Loglikelihood(context=c, continuation=x) for c, x in pairs])
    return time.perf_counter() - started, [a["loglikelihood"] for a in answers]


def time_lmeval(path: Path, pairs: list[tuple[str, str]]) -> tuple[float, list[float]]:
    from lm_eval.api.instance import Instance
    from lm_eval.models.huggingface import HFLM

    lm = HFLM(pretrained=str(path), device="cpu", dtype="float32", batch_size=16)
    instances = [
        Instance(request_type="loglikelihood", doc={}, arguments=pair, idx=i)
        for i, pair in enumerate(pairs)
    ]
    started = time.perf_counter()
    answers = lm.loglikelihood(instances, disable_tqdm=True)
    return time.perf_counter() - started, [a[0] for a in answers]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--architecture", choices=["gpt2", "llama"], default="llama")
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=3, help="timings per side; medians")
    # One thread by default: on a shared machine, more threads than free cores turn
    # both sides' timings into scheduling noise. Both sides always get the same number.
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(max(1, args.threads))
    with tempfile.TemporaryDirectory() as tmp:
        path = build_model(Path(tmp) / "lm", args.architecture, args.layers, args.hidden)
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(path))
        for name, pairs in workloads(args.items).items():
            tokens = {len(tokenizer.encode(x, add_special_tokens=False)) for _, x in pairs}
            ours_runs, theirs_runs = [], []
            for _ in range(args.repeats):  # alternating, so both sides meet the same load
                ours, our_lls = time_harness(path, pairs)
                theirs, their_lls = time_lmeval(path, pairs)
                ours_runs.append(ours)
                theirs_runs.append(theirs)
            ratios = sorted(o / t for o, t in zip(ours_runs, theirs_runs, strict=True))
            context_tokens = len(tokenizer.encode(pairs[0][0]))
            difference = max(abs(x - y) for x, y in zip(our_lls, their_lls, strict=True))
            goal = 0.35 if name == "a" else 0.5
            print(
                f"({name}) {len(pairs)} requests, context {context_tokens} tokens, continuations "
                f"{min(tokens)}-{max(tokens)} tokens: harness {statistics.median(ours_runs):.2f} s, "
                f"lm-eval {statistics.median(theirs_runs):.2f} s (medians of {args.repeats}); "
                f"ratio median {statistics.median(ratios):.3f} [{ratios[0]:.3f}-{ratios[-1]:.3f}] "
                f"(goal <= {goal}); max |LL difference| {difference:.2e}; "
                f"load average {os.getloadavg()[0]:.2f}"
            )


if __name__ == "__main__":
    main()
