"""What explanations cost: the default run with and without them, and seconds per failure.

    python bench/explain.py [--suite suites/nli_robustness.yaml] [--model reference]
                            [--limit N] [--repeats 2] [--device cpu|cuda] [--skip-runs]

1. The README's main command as a user runs it, cold: ``harness run SUITE`` in a fresh
   process with an empty cache, once with the default explanations and once with
   ``--explain 0``; prints both wall times, their ratio (goal <= 1.3), how many failures
   the default run explained and whether every finding's evidence has its explanations.
2. Seconds per explained failure for each method, on the failures the default run
   explained, in one process, each path timed ``--repeats`` times in turn (medians):

   * integrated gradients as it was: captum, 32 Gauss-Legendre steps, one item at a
     time (``LegacyIntegratedGradients`` below), against the batched integral whose step
     count the completeness check sets (``harness.explain``); the completeness errors
     of both are printed beside the tolerance;
   * occlusion as it was: one predictor call per test, against one call for every
     test's failures (variants batched and deduplicated together). Both start from an
     empty response cache. Beside them, the model alone on the same variants (its
     ``classify``: no cache, no requests): the floor for exact leave-one-word-out
     occlusion, which only fewer model calls can go below.

The load average is printed beside each figure: the machine may be shared, and the
ratios compare paths measured under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def harness_run(suite: Path, model: str, out: Path, cache: Path, *extra: str) -> float:
    command = [sys.executable, "-m", "harness", "run", str(suite), "--model", model]
    command += ["--out", str(out), "--quiet", *extra]
    env = {**os.environ, "HARNESS_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"harness run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def evidence_explained(results: dict[str, Any]) -> tuple[int, int]:
    """(findings whose evidence has failures, of those how many have them explained)."""
    groups = [
        group
        for test in results["tests"]
        for group in (test["sections"].get("explanations") or {}).get("evidence", [])
    ]
    findings = {f["key"] for f in results["findings"] if f["status"] == "finding"}
    with_ids = {g["finding"] for g in groups if g["ids"]}
    return len(findings), len(with_ids & findings)


# --- integrated gradients as it was (captum, fixed steps, one item at a time) ----------


class LegacyIntegratedGradients:
    """The attribution this project computed before: captum, ``n_steps`` Gauss-Legendre
    steps, one item per call, towards the model's argmax label."""

    def __init__(self, model: Any, n_steps: int = 32) -> None:
        self.model = model
        self.n_steps = n_steps

    def attribute(self, texts: Sequence[str]) -> float:
        """One item; returns captum's convergence delta."""
        from harness.models.reference import ReferenceModel

        if isinstance(self.model, ReferenceModel):
            return self._reference(texts)
        return self._classifier(texts)

    def _classifier(self, texts: Sequence[str]) -> float:
        import torch
        from captum.attr import LayerIntegratedGradients

        adapter = self.model
        model, tokenizer = adapter.model, adapter.tokenizer
        encoded = tokenizer(
            *[[t] for t in texts],
            truncation=True,
            max_length=adapter.max_length,
            return_tensors="pt",
        ).to(adapter.device)
        ids = encoded["input_ids"]
        special = torch.tensor(
            tokenizer.get_special_tokens_mask(ids[0].tolist(), already_has_special_tokens=True),
            dtype=torch.bool,
            device=ids.device,
        )
        baseline = torch.where(special, ids[0], torch.full_like(ids[0], tokenizer.pad_token_id))[
            None
        ]
        extra = {k: v for k, v in encoded.items() if k != "input_ids"}

        def probabilities(input_ids: Any) -> Any:
            n = input_ids.shape[0]
            kwargs = {k: v.expand(n, -1) for k, v in extra.items()}
            return torch.softmax(model(input_ids=input_ids, **kwargs).logits.float(), dim=-1)

        with torch.no_grad():
            target = int(torch.argmax(probabilities(ids)[0]))
            probabilities(baseline)
        _, delta = LayerIntegratedGradients(probabilities, model.get_input_embeddings()).attribute(
            ids,
            baselines=baseline,
            target=target,
            n_steps=self.n_steps,
            return_convergence_delta=True,
        )
        return float(delta.reshape(-1)[0])

    def _reference(self, texts: Sequence[str]) -> float:
        import torch
        from captum.attr import IntegratedGradients

        adapter = self.model
        encoder = adapter.encoder
        model, batcher = encoder._load()
        tokenizer, head, device = batcher.tokenizer, adapter.head, encoder.device
        coef = torch.tensor(head.coef, dtype=torch.float32, device=device)
        intercept = torch.tensor(head.intercept, dtype=torch.float32, device=device)
        embed = model.get_input_embeddings()
        inputs, baselines, masks = [], [], []
        for text in texts:
            encoded = tokenizer(
                text, truncation=True, max_length=encoder.max_length, return_tensors="pt"
            )
            ids = encoded["input_ids"][0].to(device)
            special = torch.tensor(
                tokenizer.get_special_tokens_mask(ids.tolist(), already_has_special_tokens=True),
                dtype=torch.bool,
                device=device,
            )
            masks.append(encoded["attention_mask"].to(device))
            with torch.no_grad():
                inputs.append(embed(ids[None]))
                pad = tokenizer.pad_token_id or 0
                baselines.append(embed(torch.where(special, ids, torch.full_like(ids, pad))[None]))

        def sentence(embeddings: Any, mask: Any) -> Any:
            mask = mask.expand(embeddings.shape[0], -1)
            tokens = model(inputs_embeds=embeddings, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

        def probabilities(premise: Any, hypothesis: Any) -> Any:
            u, v = sentence(premise, masks[0]), sentence(hypothesis, masks[1])
            scores = torch.cat([u, v, torch.abs(u - v), u * v], dim=1) @ coef.T + intercept
            return torch.softmax(scores, dim=1)

        with torch.no_grad():
            target = int(torch.argmax(probabilities(*inputs)[0]))
            probabilities(*baselines)
        _, delta = IntegratedGradients(probabilities).attribute(
            tuple(inputs),
            baselines=tuple(baselines),
            target=target,
            n_steps=self.n_steps,
            return_convergence_delta=True,
        )
        return float(delta.reshape(-1)[0])


# --- per-method timings ------------------------------------------------------------------


def chosen_failures(run_dir: Path) -> tuple[Any, dict[str, list[Any]], dict[str, str]]:
    """The default run's explained failures per test (as ItemResults) and their methods."""
    from harness.cli.explain_run import item_result
    from harness.results import load_numbered_items

    results = json.loads((run_dir / "results.json").read_text())
    wanted: dict[tuple[str, str], str] = {}
    for test in results["tests"]:
        for entry in (test["sections"].get("explanations") or {}).get("items", []):
            wanted[(test["name"], entry["id"])] = entry["method"]
    chosen: dict[str, list[Any]] = {}
    methods = {}
    for _, record in load_numbered_items(run_dir):
        key = (record.test, record.id)
        if key in wanted:
            chosen.setdefault(record.test, []).append(item_result(record))
            methods[f"{record.test}\0{record.id}"] = wanted[key]
    return results, chosen, methods


def per_method(run_dir: Path, model_spec: str, repeats: int, device: str) -> None:
    from harness.cache import ResponseCache
    from harness.explain import OcclusionAttributor, attributor_for, members_of
    from harness.models.base import ModelContext, ModelSpec, load_model
    from harness.predictor import RequestRunner, TaskPredictor
    from harness.suite import load_suite

    results, chosen, methods = chosen_failures(run_dir)
    suite = load_suite(run_dir / "suite.yaml")
    scratch = Path(tempfile.mkdtemp(prefix="bench-explain-"))
    context = ModelContext(
        task=suite.task,
        labels=suite.labels,
        input_fields=suite.input_fields,
        seed=suite.seed,
        cache_dir=Path(os.environ.get("HARNESS_CACHE_DIR", scratch)),
    )
    options = {"device": device} if device != "auto" else {}
    model = load_model(ModelSpec.parse(model_spec, options), context)
    task = suite.make_task()
    task.check_model(model)
    fields = list(suite.input_fields)
    all_items = [(name, item) for name, items in chosen.items() for item in items]
    targets = {
        (name, item.id): members_of(
            str(item.predicted), suite.labels, suite.test(name).spec.label_mapping
        )
        for name, item in all_items
    }
    gradient_items = [
        (n, i) for n, i in all_items if methods[f"{n}\0{i.id}"] == "integrated_gradients"
    ] or all_items[:10]
    best = attributor_for(model, None, None, suite.labels)
    timings: dict[str, list[float]] = {}
    checks: dict[str, float] = {}

    def timed(name: str, count: int, run: Any) -> None:
        started = time.perf_counter()
        run()
        timings.setdefault(name, []).append((time.perf_counter() - started) / max(count, 1))

    def legacy_gradients() -> None:
        legacy = LegacyIntegratedGradients(model)
        deltas = [
            abs(legacy.attribute([str(i.example.fields[f]) for f in suite.input_fields]))
            for _, i in gradient_items
        ]
        checks["legacy_max_delta"] = max(deltas)

    def new_gradients() -> None:
        best.cache = None
        out = best.attribute(
            [i for _, i in gradient_items], fields, [targets[(n, i.id)] for n, i in gradient_items]
        )
        checks["new_max_delta"] = max(abs(a.details["delta"]) for a in out)
        checks["new_mean_steps"] = statistics.mean(a.details["steps"] for a in out)
        checks["unconverged"] = sum(not a.details["converged"] for a in out)

    def occlusion(per_test: bool) -> Any:
        def run() -> None:
            cache_dir = Path(tempfile.mkdtemp(dir=scratch))
            cache = ResponseCache(cache_dir, model.fingerprint())
            predictor = TaskPredictor(task, RequestRunner(model, cache=cache))
            attributor = OcclusionAttributor(predictor)
            groups = (
                [list(chosen[name]) for name in chosen] if per_test else [[i for _, i in all_items]]
            )
            names = (
                [[name] * len(chosen[name]) for name in chosen]
                if per_test
                else [[n for n, _ in all_items]]
            )
            for items, tests in zip(groups, names, strict=True):
                attributor.attribute(
                    items, fields, [targets[(t, i.id)] for t, i in zip(tests, items, strict=True)]
                )
            cache.close()

        return run

    class Recording:
        """A predictor that keeps what it is asked (the occlusion variants) and answers
        nothing (no scores: the attributions are not wanted, only the variants)."""

        def __init__(self) -> None:
            self.asked: list[Any] = []

        def predict(self, examples: Any, description: str = "") -> Any:
            self.asked += list(examples)
            return [SimpleNamespace(scores=None)] * len(examples)

    recording = Recording()
    OcclusionAttributor(recording).attribute(
        [i for _, i in all_items], fields, [targets[(t, i.id)] for t, i in all_items]
    )
    variants = recording.asked

    def forward_only() -> None:
        # The adapter alone on the same variants: no cache, no requests, no bookkeeping.
        model.classify(variants)

    gradient_ok = not isinstance(best, OcclusionAttributor)
    for _ in range(repeats):
        if gradient_ok:
            timed("integrated gradients, as it was", len(gradient_items), legacy_gradients)
            timed("integrated gradients, now", len(gradient_items), new_gradients)
        timed("occlusion, as it was", len(all_items), occlusion(per_test=True))
        timed("occlusion, now", len(all_items), occlusion(per_test=False))
        if hasattr(model, "classify"):
            timed("occlusion's variants, model alone", len(all_items), forward_only)
    print(
        f"seconds per explained failure ({len(gradient_items)} by integrated gradients, "
        f"{len(all_items)} by occlusion; medians of {repeats}; {load()}):"
    )
    for name, values in timings.items():
        print(
            f"  {name:34} {statistics.median(values):8.3f} s  [{min(values):.3f}-{max(values):.3f}]"
        )
    for method in ("integrated gradients", "occlusion"):
        before, now = f"{method}, as it was", f"{method}, now"
        if before in timings:
            ratio = statistics.median(timings[before]) / statistics.median(timings[now])
            print(f"  {method}: {ratio:.2f}x less per failure (goal >= 3)")
    alone = "occlusion's variants, model alone"
    if alone in timings:
        ratio = statistics.median(timings["occlusion, now"]) / statistics.median(timings[alone])
        print(
            f"  occlusion now / the model alone on its {len(variants)} variants: {ratio:.2f} "
            "(1.0: only fewer model calls can make it cheaper)"
        )
    if gradient_ok:
        from harness.explain import TOLERANCE

        print(
            f"  completeness |delta|: now max {checks['new_max_delta']:.2e} (tolerance {TOLERANCE}; "
            f"{checks['unconverged']:.0f} above it; mean steps {checks['new_mean_steps']:.1f}), "
            f"as it was max {checks['legacy_max_delta']:.2e} (32 steps)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default=str(ROOT / "suites" / "nli_robustness.yaml"))
    parser.add_argument("--model", default="reference")
    parser.add_argument("--limit", type=int, help="--limit N for both runs (a quick look)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--device", default="auto", help="device for part 2 (cpu, cuda)")
    parser.add_argument("--skip-runs", metavar="RUN_DIR", help="part 2 only, on this default run")
    args = parser.parse_args()
    suite = Path(args.suite).resolve()
    limit = ["--limit", str(args.limit)] if args.limit else []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        if args.skip_runs:
            default_run = Path(args.skip_runs)
        else:
            print(
                f"suite: {suite.name}, model: {args.model}{' --limit ' + str(args.limit) if args.limit else ''}"
            )
            before = load()
            off = harness_run(
                suite, args.model, work / "off", work / "cache-off", "--explain", "0", *limit
            )
            print(f"  --explain 0 (cold):    {off:8.1f} s  ({before} -> {load()})")
            before = load()
            on = harness_run(suite, args.model, work / "on", work / "cache-on", *limit)
            print(f"  default (cold):        {on:8.1f} s  ({before} -> {load()})")
            print(f"  default / --explain 0: {on / off:8.2f}   (goal <= 1.3)")
            results = json.loads((work / "on" / "results.json").read_text())
            explained = sum(
                (t["sections"].get("explanations") or {}).get("n_explained", 0)
                for t in results["tests"]
            )
            findings, covered = evidence_explained(results)
            print(
                f"  explained failures: {explained}; findings: {findings}, "
                f"with explained evidence: {covered}; explaining took "
                f"{results['timings'].get('explanations_s', 0):.1f} s of the run"
            )
            default_run = work / "on"
        per_method(default_run, args.model, args.repeats, args.device)


if __name__ == "__main__":
    main()
