"""Wall time of the harness's attack path / TextAttack's own Attacker, on the same model.

    python bench/attack.py [--examples 16] [--max-queries 200] [--model minilm|tiny]

The default model is all-MiniLM-L6-v2 with a seeded classification head (a real-size
encoder, so the model's cost is measured, not only bookkeeping); ``tiny`` is the tiny
random BERT of the tests, where the ratio mostly measures per-query overhead.

Both sides run DeepWordBug restricted to the hypothesis on the same examples. The
harness side goes through the hf-classifier adapter, the batched predictor and the
on-disk prediction cache (cold, then warm: a re-run answers every query from the cache).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "attack"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=16)
    parser.add_argument("--max-queries", type=int, default=200)
    parser.add_argument("--model", choices=["minilm", "tiny"], default="minilm")
    args = parser.parse_args()

    import numpy as np
    from attack_helpers import LABELS, attack_suite, nli_examples, run_context
    from helpers.tiny_models import build_tiny_bert_classifier

    from harness.attack.offline import import_textattack
    from harness.attack.recipes import build_attack
    from harness.cache import PredictionCache
    from harness.kinds.attack import AttackKind
    from harness.models.base import ModelContext, ModelSpec, load_model
    from harness.predictor import CachedPredictor

    import_textattack()
    from textattack import AttackArgs, Attacker
    from textattack.datasets import Dataset
    from textattack.models.wrappers import HuggingFaceModelWrapper
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    workdir = Path(tempfile.mkdtemp(prefix="attack-bench-"))
    if args.model == "tiny":
        model_dir = build_tiny_bert_classifier(workdir / "tiny-bert", labels=LABELS, seed=0)
    else:
        from overhead import build_classifier

        model_dir = build_classifier(workdir / "minilm", labels=LABELS)
    context = ModelContext(task="nli", labels=LABELS, input_fields=("premise", "hypothesis"))
    adapter = load_model(ModelSpec.parse(f"hf-classifier:{model_dir}"), context)
    base = nli_examples()
    examples = [
        dataclasses.replace(
            base[i % len(base)],
            id=f"bench-{i}",
            fields={
                "premise": base[i % len(base)].fields["premise"],
                "hypothesis": base[i % len(base)].fields["hypothesis"] + " " * (i // len(base)),
            },
        )
        for i in range(args.examples)
    ]
    # Gold = the model's own prediction, so every example is attacked.
    predicted = np.asarray(adapter.classify(examples)).argmax(axis=1)
    examples = [
        dataclasses.replace(e, target=LABELS[int(p)])
        for e, p in zip(examples, predicted, strict=True)
    ]
    suite = attack_suite({"recipe": "deepwordbug", "max_queries": args.max_queries}, seed=0)
    cache = PredictionCache(workdir / "cache", "bench")

    def harness_run() -> tuple[float, dict]:
        predictor = CachedPredictor(adapter, LABELS, cache=cache)
        started = time.perf_counter()
        outcome = AttackKind().run(suite.tests[0], run_context(suite, predictor, examples))
        return time.perf_counter() - started, outcome.sections["attack"]["counts"]

    model = AutoModelForSequenceClassification.from_pretrained(model_dir).eval()
    wrapper = HuggingFaceModelWrapper(model, AutoTokenizer.from_pretrained(model_dir))
    # Pay TextAttack's first-use imports before either side is timed.
    build_attack("deepwordbug", wrapper, input_fields=("premise", "hypothesis"))

    harness_cold, harness_counts = harness_run()
    harness_warm, _ = harness_run()

    attack_args = AttackArgs(
        num_examples=len(examples),
        disable_stdout=True,
        silent=True,
        random_seed=0,
        query_budget=args.max_queries,
    )
    dataset = Dataset(
        [((e.fields["premise"], e.fields["hypothesis"]), LABELS.index(e.target)) for e in examples],
        input_columns=["premise", "hypothesis"],
    )
    started = time.perf_counter()
    attack = build_attack(
        "deepwordbug", wrapper, input_fields=("premise", "hypothesis"), field_name="hypothesis"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        results = Attacker(attack, dataset, attack_args).attack_dataset()
    textattack_s = time.perf_counter() - started
    kinds = [type(r).__name__.replace("AttackResult", "").lower() for r in results]

    print(f"examples={len(examples)} max_queries={args.max_queries}")
    print(f"harness (cold cache): {harness_cold:.2f}s  counts={harness_counts}")
    print(f"harness (warm cache): {harness_warm:.2f}s")
    print(
        f"textattack Attacker:  {textattack_s:.2f}s  "
        f"succeeded={kinds.count('successful')} failed={kinds.count('failed')} "
        f"skipped={kinds.count('skipped')}"
    )
    print(f"ratio harness/textattack (cold): {harness_cold / textattack_s:.2f}")
    print(f"ratio harness/textattack (warm): {harness_warm / textattack_s:.2f}")


if __name__ == "__main__":
    main()
