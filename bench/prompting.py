"""Prompted scoring against lm-evaluation-harness 0.4 and the limits of the hardware, in one run.

    python bench/prompting.py [--items 60] [--architecture llama] [--layers 4] [--hidden 256]
                              [--repeats 3] [--device cpu|cuda] [--size tiny|1b]

(a) 3-way NLI, single-token verbalizers, GPT-3 style prompt: 3 requests per item;
(b) 4-choice questions with multi-token answers after a few-shot context of 300+ tokens.

Four paths get the same Loglikelihood requests on the same random causal LM (built
here, tokenizer trained here, with " True", " False", " Neither" as single tokens, as
in real LM vocabularies), batch size 16, ``--threads`` torch threads:

* harness: the hf-causal adapter through the predictor (no cache);
* lm-eval: HFLM;
* a careful hand loop: the requests tokenized in one call of the fast tokenizer, one
  sequence per distinct ``(context + continuation)[:-1]`` (a sequence that is the prefix
  of another is not run again, as lm-eval's logits cache does), length-sorted batches,
  log-softmax and gather on the device, one copy to the host per batch;
* the pure forward pass: the hand loop's batches tokenized, padded and moved to the
  device before the clock starts, and only ``model(...)`` timed -- the physical limit of
  what any path that runs those sequences can reach.

On CPU everything runs in float32; ``--device cuda`` runs every path in bfloat16, and
``--size 1b`` builds a ~1B-parameter Llama-config LM (2048 hidden, 16 layers) for it.

What each side computes: lm-eval 0.4 already scores the single-token continuations of
one context with one forward pass (its logits cache), so in (a) both sides run the
same forward passes and the ratio stays near 1 whatever the harness does around them
(every NLI item has its own premise: there is nothing further to share). In (b) the
harness runs the shared few-shot block once per batch, each item's question once, and
each answer's tokens after those cached keys and values; lm-eval runs the whole
context again for every answer.
Each path is timed ``--repeats`` times, in turn; prints the medians, the ratios
harness / lm-eval (time; goal for (b) <= 0.5) and pure forward / harness (speed as a
fraction of the limit; goal for (a) >= 0.85 on CPU, >= 0.8 in bfloat16 on a GPU), the
load average (the machine may be shared) and the largest log-likelihood difference
between harness, lm-eval and the hand loop.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

BATCH_SIZE = 16


def build_model(
    directory: Path, architecture: str, layers: int, hidden: int, size: str = "tiny"
) -> Path:
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
    if size == "1b":  # TinyLlama's shape: ~1B parameters less its 32k-token embeddings
        config = LlamaConfig(
            vocab_size=len(tokenizer),
            hidden_size=2048,
            intermediate_size=5632,
            num_hidden_layers=16,
            num_attention_heads=32,
            num_key_value_heads=4,
            max_position_embeddings=2048,
            bos_token_id=tokenizer.bos_token_id,
            eos_token_id=tokenizer.eos_token_id,
            pad_token_id=tokenizer.pad_token_id,
        )
        big = LlamaForCausalLM(config).to(torch.bfloat16)
        big.save_pretrained(directory)
        tokenizer.save_pretrained(directory)
        return directory
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


def time_harness(
    path: Path, pairs: list[tuple[str, str]], device: str, dtype: str
) -> tuple[float, list[float]]:
    from harness.models.base import ModelContext, ModelSpec, load_model
    from harness.predictor import RequestRunner
    from harness.requests import Loglikelihood

    model = load_model(
        ModelSpec.parse(
            f"hf-causal:{path}", {"device": device, "dtype": dtype, "batch_size": BATCH_SIZE}
        ),
        ModelContext(task="nli", labels=(), input_fields=()),
    )
    model.model  # load before timing, as lm-eval does in its constructor  # noqa: B018
    runner = RequestRunner(model, cache=None)
    _sync(device)
    started = time.perf_counter()
    answers = runner.run([Loglikelihood(context=c, continuation=x) for c, x in pairs])
    return time.perf_counter() - started, [a["loglikelihood"] for a in answers]


def time_lmeval(
    path: Path, pairs: list[tuple[str, str]], device: str, dtype: str
) -> tuple[float, list[float]]:
    from lm_eval.api.instance import Instance
    from lm_eval.models.huggingface import HFLM

    lm = HFLM(pretrained=str(path), device=device, dtype=dtype, batch_size=BATCH_SIZE)
    instances = [
        Instance(request_type="loglikelihood", doc={}, arguments=pair, idx=i)
        for i, pair in enumerate(pairs)
    ]
    _sync(device)
    started = time.perf_counter()
    answers = lm.loglikelihood(instances, disable_tqdm=True)
    return time.perf_counter() - started, [a[0] for a in answers]


def _sync(device: str) -> None:
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()


def sequences(tokenizer: Any, pairs: list[tuple[str, str]]) -> tuple[list[tuple[int, ...]], Any]:
    """The distinct ``(context + continuation)[:-1]`` of the requests, longest first, none
    the prefix of another, and each request's (sequence, first scored position, tokens)."""
    from harness.models.causal_scoring import PairEncoder

    encoded = PairEncoder(tokenizer).pairs(pairs)
    inputs = {(*p.context, *p.continuation)[:-1] for p in encoded}
    longest = sorted(inputs, key=len, reverse=True)
    kept: list[tuple[int, ...]] = []
    owner: dict[tuple[int, ...], int] = {}
    for sequence in longest:
        # A prefix of a longer kept sequence is answered by that sequence's logits.
        host = next((i for i, k in enumerate(kept) if k[: len(sequence)] == sequence), None)
        if host is None:
            kept.append(sequence)
            host = len(kept) - 1
        owner[sequence] = host
    where = [
        (
            owner[(*p.context, *p.continuation)[:-1]],
            len(p.context) - 1,
            p.continuation,
        )
        for p in encoded
    ]
    return kept, where


def _batches(rows: list[tuple[int, ...]], pad_id: int, device: str) -> list[tuple[Any, Any]]:
    import torch

    out = []
    for start in range(0, len(rows), BATCH_SIZE):
        chunk = rows[start : start + BATCH_SIZE]
        width = len(chunk[0])  # longest first
        ids = torch.full((len(chunk), width), pad_id, dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        for i, row in enumerate(chunk):
            ids[i, : len(row)] = torch.tensor(row)
            mask[i, : len(row)] = 1
        out.append((ids.to(device), mask.to(device)))
    return out


def load_lm(path: Path, device: str, dtype: str) -> Any:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(str(path), dtype=getattr(torch, dtype))
    return model.to(device).eval(), AutoTokenizer.from_pretrained(str(path))


def time_hand_loop(
    loaded: Any, pairs: list[tuple[str, str]], device: str
) -> tuple[float, list[float]]:
    """Tokenize, batch, run, gather on the device, one host copy per batch."""
    import torch

    model, tokenizer = loaded
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    _sync(device)
    started = time.perf_counter()
    kept, where = sequences(tokenizer, pairs)
    by_sequence: dict[int, list[int]] = {}
    for request, (sequence, _, _) in enumerate(where):
        by_sequence.setdefault(sequence, []).append(request)
    answers = [0.0] * len(pairs)
    with torch.inference_mode():
        for start, (ids, mask) in zip(
            range(0, len(kept), BATCH_SIZE), _batches(kept, pad_id, device), strict=True
        ):
            log_probs = torch.log_softmax(
                model(input_ids=ids, attention_mask=mask).logits.float(), dim=-1
            )
            rows, positions, tokens, owners = [], [], [], []
            for row in range(ids.shape[0]):
                for request in by_sequence.get(start + row, []):
                    _, first, continuation = where[request]
                    for offset, token in enumerate(continuation):
                        rows.append(row)
                        positions.append(first + offset)
                        tokens.append(token)
                        owners.append(request)
            picked = log_probs[
                torch.tensor(rows, device=device),
                torch.tensor(positions, device=device),
                torch.tensor(tokens, device=device),
            ].cpu()
            for request, value in zip(owners, picked.tolist(), strict=True):
                answers[request] += value
    _sync(device)
    return time.perf_counter() - started, answers


def time_pure_forward(loaded: Any, pairs: list[tuple[str, str]], device: str) -> float:
    """The hand loop's batches, ready on the device; only the forward passes timed."""
    import torch

    model, tokenizer = loaded
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    kept, _ = sequences(tokenizer, pairs)
    batches = _batches(kept, pad_id, device)
    _sync(device)
    started = time.perf_counter()
    with torch.inference_mode():
        for ids, mask in batches:
            model(input_ids=ids, attention_mask=mask)
    _sync(device)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--architecture", choices=["gpt2", "llama"], default="llama")
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=3, help="timings per path; medians")
    parser.add_argument("--device", default="cpu", help="cpu (float32) or cuda (bfloat16)")
    parser.add_argument(
        "--size", choices=["tiny", "1b"], default="tiny", help="1b: a ~1B Llama (for a GPU)"
    )
    # One thread by default: on a shared machine, more threads than free cores turn
    # every path's timings into scheduling noise. All paths always get the same number.
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(max(1, args.threads))
    dtype = "bfloat16" if args.device.startswith("cuda") else "float32"
    with tempfile.TemporaryDirectory() as tmp:
        path = build_model(Path(tmp) / "lm", args.architecture, args.layers, args.hidden, args.size)
        loaded = load_lm(path, args.device, dtype)
        tokenizer = loaded[1]
        print(
            f"device {args.device}, {dtype}, model {args.size} {args.architecture}, "
            f"{sum(p.numel() for p in loaded[0].parameters()) / 1e6:.1f}M parameters, "
            f"batch size {BATCH_SIZE}, {torch.get_num_threads()} thread(s)"
        )
        for name, pairs in workloads(args.items).items():
            tokens = {len(tokenizer.encode(x, add_special_tokens=False)) for _, x in pairs}
            runs: dict[str, list[float]] = {"harness": [], "lm-eval": [], "hand": [], "pure": []}
            loads = []
            for _ in range(args.repeats):  # in turn, so every path meets the same load
                ours, our_lls = time_harness(path, pairs, args.device, dtype)
                theirs, their_lls = time_lmeval(path, pairs, args.device, dtype)
                hand, hand_lls = time_hand_loop(loaded, pairs, args.device)
                runs["harness"].append(ours)
                runs["lm-eval"].append(theirs)
                runs["hand"].append(hand)
                runs["pure"].append(time_pure_forward(loaded, pairs, args.device))
                loads.append(os.getloadavg()[0])
            median = {k: statistics.median(v) for k, v in runs.items()}
            versus_lmeval = sorted(
                o / t for o, t in zip(runs["harness"], runs["lm-eval"], strict=True)
            )
            of_limit = sorted(p / o for p, o in zip(runs["pure"], runs["harness"], strict=True))
            context_tokens = len(tokenizer.encode(pairs[0][0]))
            difference = max(
                max(abs(x - y), abs(x - z))
                for x, y, z in zip(our_lls, their_lls, hand_lls, strict=True)
            )
            goal = "(goal <= 0.5)" if name == "b" else "(one forward per item on both sides)"
            limit_goal = "(goal >= 0.85 on CPU, >= 0.8 bf16 GPU)" if name == "a" else ""
            print(
                f"({name}) {len(pairs)} requests, context {context_tokens} tokens, continuations "
                f"{min(tokens)}-{max(tokens)} tokens; medians of {args.repeats}: "
                f"harness {median['harness']:.2f} s, lm-eval {median['lm-eval']:.2f} s, "
                f"hand loop {median['hand']:.2f} s, pure forward {median['pure']:.2f} s\n"
                f"    harness / lm-eval time {statistics.median(versus_lmeval):.3f} "
                f"[{versus_lmeval[0]:.3f}-{versus_lmeval[-1]:.3f}] {goal}\n"
                f"    harness speed / pure forward {statistics.median(of_limit):.3f} "
                f"[{of_limit[0]:.3f}-{of_limit[-1]:.3f}] {limit_goal}; "
                f"hand loop speed / pure forward {median['pure'] / median['hand']:.3f}\n"
                f"    max |LL difference| (lm-eval, hand loop) {difference:.2e}; "
                f"load average {min(loads):.1f}-{max(loads):.1f}"
            )


if __name__ == "__main__":
    main()
