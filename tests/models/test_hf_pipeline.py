"""The hf-classifier pipeline: tokenize once, token-budget batches, a prefetch worker.

Its numbers must equal the straightforward path (encode each batch, forward, copy
back) in float32; its batcher and worker are checked on hand-made inputs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.models.batching import (
    BatchPipeline,
    length_sorted_order,
    plan_batches,
    run_in_batches,
    tokenize_once,
)
from harness.runner import run_suite

NLI = ("entailment", "neutral", "contradiction")
CONTEXT = ModelContext(task="nli", labels=NLI, input_fields=("premise", "hypothesis"))
WORDS = [
    "the",
    "a",
    "dog",
    "cat",
    "runs",
    "sleeps",
    "in",
    "park",
    "house",
    "red",
    "big",
    "small",
    "man",
    "woman",
    "plays",
    "music",
]


def pairs(n: int = 40) -> list[tuple[str, str]]:
    rng = np.random.default_rng(0)
    out = []
    for _ in range(n):
        premise = " ".join(rng.choice(WORDS, size=int(rng.integers(2, 30))))
        hypothesis = " ".join(rng.choice(WORDS, size=int(rng.integers(1, 12))))
        out.append((premise, hypothesis))
    return out


def reference_path(adapter, inputs) -> tuple[np.ndarray, list[bool]]:
    """The straightforward path: measure, sort, encode each batch anew, forward, copy back."""
    import torch

    order, truncated = adapter.batcher.plan(inputs)
    model = adapter.model

    def forward(batch):
        encoded = adapter.batcher.encode([inputs[i] for i in batch], adapter.device)
        with torch.inference_mode():
            return torch.softmax(model(**encoded).logits.float(), dim=-1).cpu().numpy()

    batches, _ = run_in_batches(order, adapter.batch_size, forward)
    probabilities = np.zeros((len(inputs), len(adapter.labels)))
    for batch, outputs in batches:
        probabilities[batch] = outputs
    return probabilities, truncated


@pytest.mark.parametrize("options", [{}, {"max_tokens_per_batch": 64}, {"batch_size": 3}])
def test_pipeline_equals_the_straightforward_path_in_float32(tiny_bert: Path, options) -> None:
    # max_length 16 truncates the longer pairs, so the second tokenizer call is exercised.
    spec = ModelSpec.parse(f"hf-classifier:{tiny_bert}", {"max_length": 16, **options})
    adapter = load_model(spec, CONTEXT)
    inputs = pairs()
    expected, truncated = reference_path(adapter, inputs)
    assert 0 < sum(truncated) < len(inputs)
    got = adapter.classify_inputs(inputs)
    np.testing.assert_allclose(got, expected, atol=1e-6)
    assert adapter.last_truncated == truncated


def test_tokenize_once_gives_the_ids_encode_gives(tiny_bert: Path) -> None:
    adapter = load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert}", {"max_length": 12}), CONTEXT)
    inputs = pairs(15)
    tokenized = tokenize_once(adapter.batcher, inputs)
    for index, item in enumerate(inputs):
        encoded = adapter.batcher.encode([item])
        assert tokenized.input_ids[index] == encoded["input_ids"][0].tolist()
        assert tokenized.token_type_ids[index] == encoded["token_type_ids"][0].tolist()
    assert tokenized.lengths == adapter.batcher.token_lengths(inputs)


def test_token_budget_batches_on_hand_made_lengths() -> None:
    lengths = [50, 40, 40, 10, 10, 10, 10, 3]
    order = length_sorted_order(lengths)
    # Budget 100 tokens, sized by each batch's longest (first) input: 100 // 50 = 2,
    # 100 // 40 = 2, then 100 // 10 = 10, capped at batch_size 4.
    assert plan_batches(order, lengths, batch_size=4, max_tokens=100) == [
        [0, 1],
        [2, 3],
        [4, 5, 6, 7],
    ]
    # Without a budget: consecutive batches of batch_size.
    assert plan_batches(order, lengths, batch_size=3) == [[0, 1, 2], [3, 4, 5], [6, 7]]
    # Truncated inputs count at max_length; an input longer than the budget goes alone.
    assert plan_batches([0, 1], [500, 400], batch_size=8, max_tokens=100, max_length=60) == [
        [0],
        [1],
    ]
    for batch in plan_batches(order, lengths, batch_size=8, max_tokens=64):
        assert len(batch) * max(lengths[i] for i in batch) <= 64 or len(batch) == 1


def test_worker_errors_surface_as_the_same_exception() -> None:
    def prepare(batch):
        if 5 in batch:
            raise ModelError("model 'x': the tokenizer failed on item 5")
        return batch

    pipeline = BatchPipeline(prepare, lambda prepared: np.zeros(len(prepared)))
    with pytest.raises(ModelError, match="the tokenizer failed on item 5"):
        pipeline.run_all(list(range(10)), [1] * 10, batch_size=2)


def test_out_of_memory_halves_the_batch_and_finishes() -> None:
    sizes = []

    def run(prepared):
        if len(prepared) > 2:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2 GiB")
        sizes.append(len(prepared))
        return np.array(prepared)

    results, batch_size = BatchPipeline(lambda b: b, run).run_all(
        list(range(7)), [1] * 7, batch_size=8
    )
    assert batch_size == 2 and max(sizes) == 2
    assert sorted(i for batch, _ in results for i in batch) == list(range(7))
    assert all(np.array_equal(out, batch) for batch, out in results)


def test_dtype_is_recorded_and_changes_the_fingerprint(tiny_bert: Path) -> None:
    auto = load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert}"), CONTEXT)
    float32 = load_model(
        ModelSpec.parse(f"hf-classifier:{tiny_bert}", {"dtype": "float32"}), CONTEXT
    )
    bf16 = load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert}", {"dtype": "bfloat16"}), CONTEXT)
    # On a CPU, auto is float32: same answers, same cache.
    assert auto.describe()["dtype"] == "float32" == float32.describe()["dtype"]
    assert auto.fingerprint() == float32.fingerprint()
    assert bf16.describe()["dtype"] == "bfloat16"
    assert bf16.fingerprint() != float32.fingerprint()
    inputs = pairs(10)
    half, full = bf16.classify_inputs(inputs), float32.classify_inputs(inputs)
    np.testing.assert_allclose(half.sum(axis=1), 1.0, atol=1e-6)
    # A random network amplifies rounding; on average bfloat16 stays close.
    assert 0 < np.abs(half - full).mean() < 0.05


def test_a_failing_worker_leaves_no_run_directory(
    tiny_bert: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise ModelError("model 'tiny': padding failed")

    monkeypatch.setattr("harness.models.hf.pad_batch", broken)
    rows = [
        {"id": str(i), "premise": p, "hypothesis": h, "label": "neutral"}
        for i, (p, h) in enumerate(pairs(6))
    ]
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        yaml.safe_dump(
            {
                "name": "pipeline",
                "task": "nli",
                "labels": list(NLI),
                "model": f"hf-classifier:{tiny_bert}",
                "tests": [{"name": "t", "data": {"source": "inline", "examples": rows}}],
            }
        )
    )
    with pytest.raises(ModelError, match="padding failed"):
        run_suite(suite, out_dir=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()
    assert not list(tmp_path.glob(".*partial*")) and not list(tmp_path.glob("*partial*"))
