"""Automatic batch sizing for hf-classifier on a GPU, tested with a fake device.

There is no GPU here: the network is wrapped in a module that raises
``torch.OutOfMemoryError`` (what CUDA raises) whenever a batch holds more padded tokens
than a budget, so the search, the token budget it sets and the out-of-memory back-off
can be checked against known limits. The CPU path must stay as it was.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers.tiny_models import build_tiny_bert_classifier

from harness.core import Example
from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.models.batching import largest_fitting
from harness.models.hf import AUTO_BATCH_LIMIT

torch = pytest.importorskip("torch")

NLI = ("entailment", "neutral", "contradiction")
CONTEXT = ModelContext(task="nli", labels=NLI, input_fields=("premise", "hypothesis"))
SUBJECTS = ["A man", "The girl", "Two dogs", "An old teacher", "The chef in the kitchen"]
ACTIONS = ["is running", "plays the guitar on a stage", "sleeps", "reads a very long book"]
#: Batches of other sizes pad to other lengths, and float32 sums then differ in their
#: last digits (3.9e-6 seen on one probability); the tolerance test_hf_classifier.py
#: uses for batch size 4 against batch size 1. Rows paired with the wrong inputs would
#: differ by far more: two distinct inputs' probabilities differ by 0.33 (median).
PADDING_TOLERANCE = 1e-5


def examples(n: int = 40) -> list[Example]:
    return [
        Example(
            id=f"ex{i}",
            fields={
                "premise": f"{SUBJECTS[i % 5]} {ACTIONS[i % 4]} near the house number {i}.",
                "hypothesis": f"{SUBJECTS[(i + 1) % 5]} {ACTIONS[(i + 2) % 4]}.",
            },
        )
        for i in range(n)
    ]


# --- the search -------------------------------------------------------------------------


@pytest.mark.parametrize("start", [1, 8, 32, 1000])
@pytest.mark.parametrize("limit", [1, 7, 256])
def test_search_finds_the_largest_size_that_fits(start: int, limit: int) -> None:
    budget = 2 * math.ceil(math.log2(limit + 1)) + 2
    for threshold in range(1, 300):
        found, probed = largest_fitting(lambda n, t=threshold: n <= t, start, limit)
        assert found == min(threshold, limit), (threshold, probed)
        assert len(probed) <= budget + math.ceil(math.log2(start + 1)), (threshold, probed)
        assert all(1 <= n <= max(limit, 1) for n in probed)


def test_search_refuses_when_nothing_fits() -> None:
    with pytest.raises(ModelError, match="out of memory even on a single input"):
        largest_fitting(lambda n: False, start=16, limit=64)


def test_search_passes_other_errors_through() -> None:
    class Broken(Exception):
        pass

    def fits(n: int) -> bool:
        raise Broken("not memory")

    with pytest.raises(Broken):
        largest_fitting(fits, start=4, limit=64)


# --- a fake device ---------------------------------------------------------------------------


class OutOfMemoryAbove(torch.nn.Module):
    """The wrapped network, except that more than ``tokens`` padded tokens raise CUDA's
    out-of-memory error; records the batch shapes it ran."""

    def __init__(self, network: Any, tokens: int) -> None:
        super().__init__()
        self.network = network
        self.tokens = tokens
        self.shapes: list[tuple[int, int]] = []

    def forward(self, **inputs: Any) -> Any:
        shape = tuple(inputs["input_ids"].shape)
        if shape[0] * shape[1] > self.tokens:
            raise torch.OutOfMemoryError(
                f"CUDA out of memory. Tried to allocate a batch of {shape[0]}x{shape[1]}"
            )
        self.shapes.append((shape[0], shape[1]))
        return self.network(**inputs)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_bert_classifier(tmp_path_factory.mktemp("tiny-bert"))


def adapter(path: Path, **options: Any) -> Any:
    return load_model(ModelSpec(kind="hf-classifier", target=str(path), options=options), CONTEXT)


def test_search_on_a_fake_device_sets_the_token_budget(tiny_model: Path) -> None:
    model = adapter(tiny_model, batch_size=4)
    fake = OutOfMemoryAbove(model.model, tokens=1000)
    model._model = fake
    found = model.auto_size(length=64)
    assert found["largest_batch"] == 1000 // 64  # 15 rows of 64 tokens fit, 16 do not
    assert found["max_tokens_per_batch"] == 15 * 64
    assert model.max_tokens_per_batch == 15 * 64
    assert model.batch_size == AUTO_BATCH_LIMIT
    assert model.describe()["auto_batch_size"] == found
    # Every probe that ran (did not raise) was within the budget.
    assert all(rows * length <= 1000 for rows, length in fake.shapes)


def test_a_user_token_budget_is_never_raised(tiny_model: Path) -> None:
    model = adapter(tiny_model, max_tokens_per_batch=300)
    model._model = OutOfMemoryAbove(model.model, tokens=1000)
    assert model.auto_size(length=64)["max_tokens_per_batch"] == 300


def test_auto_sized_predictions_equal_the_plain_path(
    tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = examples()
    plain = adapter(tiny_model).classify(inputs)

    model = adapter(tiny_model, batch_size=2)
    fake = OutOfMemoryAbove(model.model, tokens=600)
    model._model = fake
    monkeypatch.setattr(type(model), "auto_sizing_applies", lambda self: True)
    assert model.request_batch_size == AUTO_BATCH_LIMIT
    sized = model.classify(inputs)
    np.testing.assert_allclose(sized, plain, atol=PADDING_TOLERANCE)
    assert model.auto_batch is not None
    assert model.auto_batch["probe_length"] == model.max_length
    # Batches were cut by the token budget found, so none ran out of memory, and they
    # are larger than the batch_size of 2 the adapter started from.
    probe_length = model.auto_batch["probe_length"]
    prediction_batches = [shape for shape in fake.shapes if shape[1] != probe_length]
    assert prediction_batches and len(prediction_batches) < len(inputs) / 2
    assert all(rows * length <= 600 for rows, length in prediction_batches)
    assert max(rows for rows, _ in prediction_batches) > 2


def test_the_out_of_memory_back_off_still_works_after_the_search(
    tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = examples()
    plain = adapter(tiny_model).classify(inputs)
    model = adapter(tiny_model)
    fake = OutOfMemoryAbove(model.model, tokens=2000)
    model._model = fake
    model.auto_size(length=model.max_length)
    fake.tokens = 200  # the device has less room than the probe saw
    monkeypatch.setattr(type(model), "auto_sizing_applies", lambda self: True)
    np.testing.assert_allclose(model.classify(inputs), plain, atol=PADDING_TOLERANCE)
    assert all(rows * length <= 200 for rows, length in fake.shapes[-3:])


def test_the_cpu_path_is_unchanged(tiny_model: Path) -> None:
    model = adapter(tiny_model, batch_size=3)
    assert model.device.type == "cpu"
    assert not model.auto_sizing_applies()
    assert model.request_batch_size is None  # the runner cuts batches of batch_size
    model.classify(examples(8))
    assert model.auto_batch is None and model.batch_size == 3
    assert model.max_tokens_per_batch is None
    assert model.describe()["auto_batch_size"] is None


def test_the_option_turns_it_off_on_a_gpu(tiny_model: Path) -> None:
    on, off = adapter(tiny_model), adapter(tiny_model, auto_batch_size=False)
    for model in (on, off):
        model._device = torch.device("cuda")  # what resolve_device gives on a GPU machine
    assert on.auto_sizing_applies() and on.request_batch_size == AUTO_BATCH_LIMIT
    assert not off.auto_sizing_applies() and off.request_batch_size is None
