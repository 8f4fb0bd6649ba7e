"""Integrated gradients through captum on a tiny BERT loaded by the real hf-classifier adapter."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.core import Example, ItemResult, Prediction
from harness.explain import IntegratedGradientsAttributor, attributor_for, words_of
from harness.models.base import ModelContext, ModelSpec, load_model

pytest.importorskip("captum")

NLI = ("entailment", "neutral", "contradiction")
CONTEXT = ModelContext(task="nli", labels=NLI, input_fields=("premise", "hypothesis"))
PAIRS = [
    ("A man is playing a guitar on the stage.", "Nobody is playing an instrument."),
    ("Every student passed the exam.", "Some students did not pass the <b>exam</b>."),
]


def failing_item(adapter, premise: str, hypothesis: str, index: int) -> ItemResult:
    example = Example(id=f"ex{index}", fields={"premise": premise, "hypothesis": hypothesis})
    probabilities = adapter.classify([example])[0]
    label = NLI[int(probabilities.argmax())]
    prediction = Prediction(
        example.id, label, dict(zip(NLI, map(float, probabilities), strict=True))
    )
    return ItemResult("t", example, prediction, gold="neutral", predicted=label, correct=False)


def test_attributions_are_complete_within_captums_delta(tiny_bert: Path, tmp_path: Path) -> None:
    import torch

    adapter = load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert}"), CONTEXT)
    attributor = attributor_for(adapter, predictor=None)
    assert isinstance(attributor, IntegratedGradientsAttributor)
    # The tiny random model's softmax is sharp: enough steps for a small integration error.
    attributor.n_steps = 1024  # a tight integral, so the delta bound below holds for any tiny model
    items = [failing_item(adapter, p, h, i) for i, (p, h) in enumerate(PAIRS)]
    attributions = attributor.attribute(items, ["premise", "hypothesis"])
    for item, attribution in zip(items, attributions, strict=True):
        details = attribution.details
        # The explained output is the adapter's own probability for the predicted label.
        probabilities = adapter.classify([item.example])[0]
        assert details["output"] == pytest.approx(float(probabilities.max()), abs=1e-5)
        # The baseline output, computed here independently: non-special tokens -> [PAD].
        encoded = adapter.tokenizer(
            item.example.fields["premise"], item.example.fields["hypothesis"], return_tensors="pt"
        )
        ids = encoded["input_ids"][0]
        special = torch.tensor(
            adapter.tokenizer.get_special_tokens_mask(ids.tolist(), already_has_special_tokens=True)
        ).bool()
        baseline = torch.where(special, ids, torch.full_like(ids, adapter.tokenizer.pad_token_id))
        with torch.no_grad():
            logits = adapter.model(
                input_ids=baseline[None],
                attention_mask=encoded["attention_mask"],
                token_type_ids=encoded["token_type_ids"],
            ).logits
        target = int(probabilities.argmax())
        expected_baseline = float(torch.softmax(logits, -1)[0, target])
        assert details["baseline_output"] == pytest.approx(expected_baseline, abs=1e-5)
        # Completeness: the token attributions sum to the output difference, up to the
        # integration error captum reports as the convergence delta.
        difference = details["output"] - details["baseline_output"]
        assert abs(details["total"] - difference) <= abs(details["delta"]) + 1e-6
        assert details["total"] - difference == pytest.approx(details["delta"], abs=1e-5)
        assert abs(details["delta"]) < 0.01
        # Every word of both fields is scored, as written (markup stays text).
        for name in ("premise", "hypothesis"):
            text = item.example.fields[name]
            assert [w.word for w in attribution.fields[name]] == [w for w, _, _ in words_of(text)]


def test_attributions_are_cached_in_the_response_cache(tiny_bert: Path, tmp_path: Path) -> None:
    from harness.cache import ResponseCache

    adapter = load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert}"), CONTEXT)
    cache = ResponseCache(tmp_path / "cache", adapter.fingerprint())
    items = [failing_item(adapter, *PAIRS[0], 0)]
    first = IntegratedGradientsAttributor(adapter, cache=cache).attribute(items, ["hypothesis"])

    class Exploding(IntegratedGradientsAttributor):
        def token_attributions(self, texts):  # type: ignore[override]
            raise AssertionError("computed again instead of read from the cache")

    again = Exploding(adapter, cache=cache).attribute(items, ["hypothesis"])
    assert again[0].fields == first[0].fields
    cache.close()


def test_reference_model_attributions_are_complete(tmp_path: Path) -> None:
    """End to end through encoder, pair features and head, rebuilt in torch."""
    from harness.explain import ReferenceIntegratedGradients
    from harness.models.reference import ReferenceModel, SentenceEncoder, encoder_directory

    rows = [
        ("A man plays a guitar.", "A man plays music.", "entailment"),
        ("A woman reads a book.", "A woman reads.", "entailment"),
        ("A man plays a guitar.", "The man is famous.", "neutral"),
        ("A woman reads a book.", "The book is long.", "neutral"),
        ("A man plays a guitar.", "Nobody plays music.", "contradiction"),
        ("A woman reads a book.", "The woman is not reading.", "contradiction"),
    ]
    train = [
        Example(id=f"r{i}", fields={"premise": p, "hypothesis": h}, target=label)
        for i, (p, h, label) in enumerate(rows)
    ]
    model = ReferenceModel(tmp_path, train, encoder=SentenceEncoder(encoder_directory()))
    attributor = attributor_for(model, predictor=None)
    assert isinstance(attributor, ReferenceIntegratedGradients)
    attributor.n_steps = 64
    example = Example(
        id="x", fields={"premise": "A boy rides a bike.", "hypothesis": "Nobody rides."}
    )
    probabilities = model.classify([example])[0]
    label = model.labels[int(probabilities.argmax())]
    prediction = Prediction(
        "x", label, dict(zip(model.labels, map(float, probabilities), strict=True))
    )
    item = ItemResult("t", example, prediction, gold="entailment", predicted=label, correct=False)
    (attribution,) = attributor.attribute([item], ["premise", "hypothesis"])
    details = attribution.details
    # The torch rebuild gives the adapter's own probability.
    assert details["output"] == pytest.approx(float(probabilities.max()), abs=1e-4)
    difference = details["output"] - details["baseline_output"]
    assert abs(details["total"] - difference) <= abs(details["delta"]) + 1e-6
    assert abs(details["delta"]) < 0.01
    assert [w.word for w in attribution.fields["hypothesis"]] == ["Nobody", "rides."]
