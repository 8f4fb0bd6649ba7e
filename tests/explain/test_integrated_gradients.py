"""Integrated gradients: the batched, adaptive integral, and its use on real models.

The integral is checked where its answer is known by hand (a linear model, where IG is
exact, and a quadratic one), against captum on a tiny BERT loaded by the real
hf-classifier adapter, and batched against one item at a time.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from harness.core import Example, ItemResult, Prediction
from harness.explain import (
    START_STEPS,
    IntegratedGradientsAttributor,
    attributor_for,
    integrated_gradients,
    words_of,
)
from harness.models.base import ModelContext, ModelSpec, load_model

torch = pytest.importorskip("torch")

NLI = ("entailment", "neutral", "contradiction")
CONTEXT = ModelContext(task="nli", labels=NLI, input_fields=("premise", "hypothesis"))
PAIRS = [
    ("A man is playing a guitar on the stage.", "Nobody is playing an instrument."),
    ("Every student passed the exam.", "Some students did not pass the <b>exam</b>."),
    ("Two dogs are running through the snow.", "Animals are outside."),
]


# --- the integral ---------------------------------------------------------------------


def _inputs(seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(3, 4, 5, generator=generator, dtype=torch.float64)
    baseline = torch.randn(3, 4, 5, generator=generator, dtype=torch.float64) * 0.1
    return x, baseline


def test_a_linear_model_is_integrated_exactly_at_the_first_round() -> None:
    x, baseline = _inputs()
    w = torch.linspace(-1, 1, 20, dtype=torch.float64).reshape(4, 5)

    def linear(points, rows):
        return (points[0] * w).sum(dim=(1, 2))

    results = integrated_gradients(linear, [x], [baseline])
    for item, result in enumerate(results):
        # IG of w·x from x' is w ⊙ (x − x'), summed here over the width of each position.
        expected = (w * (x[item] - baseline[item])).sum(dim=-1).numpy()
        np.testing.assert_allclose(result.tokens[0], expected, atol=1e-12)
        assert abs(result.delta) < 1e-12 and result.converged
        assert result.steps == START_STEPS
        assert result.output - result.baseline_output == pytest.approx(float(expected.sum()))


def test_a_quadratic_model_gets_its_closed_form() -> None:
    # f(x) = Σ x², baseline 0: ∂f/∂x_i at αx is 2αx_i, so IG_i = x_i · ∫ 2αx_i dα = x_i².
    x, _ = _inputs(1)
    zero = torch.zeros_like(x)
    results = integrated_gradients(lambda p, rows: (p[0] ** 2).sum(dim=(1, 2)), [x], [zero])
    for item, result in enumerate(results):
        np.testing.assert_allclose(result.tokens[0], (x[item] ** 2).sum(-1).numpy(), atol=1e-12)


def test_steps_double_until_the_completeness_error_is_within_the_tolerance() -> None:
    x, baseline = _inputs(2)

    def sharp(points, rows):  # a steep sigmoid: a few nodes integrate it badly
        return torch.sigmoid(40 * points[0].sum(dim=(1, 2)) / 20)

    results = integrated_gradients(sharp, [x], [baseline], tolerance=1e-6, start_steps=2)
    assert all(r.converged and abs(r.delta) <= 1e-6 for r in results)
    assert max(r.steps for r in results) > 2
    # Cut off early, an item above the tolerance says so.
    capped = integrated_gradients(
        sharp, [x], [baseline], tolerance=1e-9, start_steps=2, max_steps=4
    )
    assert any(not r.converged for r in capped)
    assert all(r.steps == 4 or r.converged for r in capped)


def test_items_integrated_together_equal_items_integrated_alone() -> None:
    x, baseline = _inputs(3)

    def model(points, rows):
        return torch.tanh(points[0]).sum(dim=(1, 2)) * torch.tensor([1.0, 2.0, 3.0])[rows]

    together = integrated_gradients(model, [x], [baseline], tolerance=1e-4, max_tokens=8)
    for item in range(3):

        def alone_model(points, rows, item=item):
            return torch.tanh(points[0]).sum(dim=(1, 2)) * float(item + 1)

        (alone,) = integrated_gradients(
            alone_model, [x[item : item + 1]], [baseline[item : item + 1]], tolerance=1e-4
        )
        np.testing.assert_allclose(together[item].tokens[0], alone.tokens[0], atol=1e-10)
        assert together[item].steps == alone.steps


# --- on real models -------------------------------------------------------------------


def failing_item(adapter, premise: str, hypothesis: str, index: int) -> ItemResult:
    example = Example(id=f"ex{index}", fields={"premise": premise, "hypothesis": hypothesis})
    probabilities = adapter.classify([example])[0]
    label = NLI[int(probabilities.argmax())]
    prediction = Prediction(
        example.id, label, dict(zip(NLI, map(float, probabilities), strict=True))
    )
    return ItemResult("t", example, prediction, gold="neutral", predicted=label, correct=False)


def test_attributions_are_complete_and_agree_with_captum(tiny_bert: Path) -> None:
    captum = pytest.importorskip("captum.attr")
    adapter = load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert}"), CONTEXT)
    attributor = attributor_for(adapter, predictor=None, labels=NLI)
    assert isinstance(attributor, IntegratedGradientsAttributor)
    # The tiny random model's softmax is sharp: a tight tolerance takes many steps.
    attributor.tolerance, attributor.max_steps = 1e-4, 1024
    items = [failing_item(adapter, p, h, i) for i, (p, h) in enumerate(PAIRS)]
    attributions = attributor.attribute(items, ["premise", "hypothesis"])
    for item, attribution in zip(items, attributions, strict=True):
        details = attribution.details
        probabilities = adapter.classify([item.example])[0]
        target = int(probabilities.argmax())
        # The explained output is the adapter's own probability for the predicted label.
        assert details["output"] == pytest.approx(float(probabilities[target]), abs=1e-5)
        difference = details["output"] - details["baseline_output"]
        assert details["total"] - difference == pytest.approx(details["delta"], abs=1e-9)
        assert details["converged"] and abs(details["delta"]) <= 1e-4
        # captum on the same model, baseline and target (its own rule, many steps).
        encoded = adapter.tokenizer(
            item.example.fields["premise"],
            item.example.fields["hypothesis"],
            return_tensors="pt",
            return_special_tokens_mask=True,
        )
        # Every token of the texts becomes padding ([UNK] too: it stands for a word);
        # what the tokenizer adds around them ([CLS], [SEP]) stays.
        added = encoded.pop("special_tokens_mask")[0].bool()
        ids = encoded["input_ids"]
        pad = adapter.tokenizer.pad_token_id
        baseline = torch.where(added, ids[0], torch.full_like(ids[0], pad))

        def probability(input_ids, encoded=encoded):
            n = input_ids.shape[0]
            extra = {k: v.expand(n, -1) for k, v in encoded.items() if k != "input_ids"}
            return torch.softmax(adapter.model(input_ids=input_ids, **extra).logits, dim=-1)

        reference = captum.LayerIntegratedGradients(
            probability, adapter.model.get_input_embeddings()
        )
        scores = reference.attribute(
            ids, baselines=baseline[None], target=target, n_steps=1024, internal_batch_size=256
        )
        per_token = scores.sum(dim=-1)[0].detach().numpy()
        offsets = adapter.tokenizer(
            item.example.fields["premise"],
            item.example.fields["hypothesis"],
            return_offsets_mapping=True,
        )
        expected: dict[str, list[float]] = {}
        for name, sequence in (("premise", 0), ("hypothesis", 1)):
            words = words_of(item.example.fields[name])
            totals = [0.0] * len(words)
            for position, (start, end) in enumerate(offsets["offset_mapping"]):
                if offsets.sequence_ids()[position] != sequence or end <= start:
                    continue
                index = next(i for i, (_, s, e) in enumerate(words) if start < e and end > s)
                totals[index] += float(per_token[position])
            expected[name] = totals
            got = [w.score for w in attribution.fields[name]]
            scale = max(abs(v) for v in totals)
            np.testing.assert_allclose(got, totals, atol=2e-3 * scale)
            # Every word of both fields is scored, as written (markup stays text).
            assert [w.word for w in attribution.fields[name]] == [w for w, _, _ in words]


def test_batched_attributions_equal_per_item_attributions(tiny_bert: Path) -> None:
    adapter = load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert}"), CONTEXT)
    items = [failing_item(adapter, p, h, i) for i, (p, h) in enumerate(PAIRS)]
    together = IntegratedGradientsAttributor(adapter, labels=NLI).attribute(
        items, ["premise", "hypothesis"]
    )
    for item, batched in zip(items, together, strict=True):
        (alone,) = IntegratedGradientsAttributor(adapter, labels=NLI).attribute(
            [item], ["premise", "hypothesis"]
        )
        assert alone.details["steps"] == batched.details["steps"]
        for name in ("premise", "hypothesis"):
            np.testing.assert_allclose(
                [w.score for w in batched.fields[name]],
                [w.score for w in alone.fields[name]],
                atol=1e-5,
            )


def test_attributions_are_cached_in_the_response_cache(tiny_bert: Path, tmp_path: Path) -> None:
    from harness.cache import ResponseCache

    adapter = load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert}"), CONTEXT)
    cache = ResponseCache(tmp_path / "cache", adapter.fingerprint())
    items = [failing_item(adapter, *PAIRS[0], 0)]
    first = IntegratedGradientsAttributor(adapter, labels=NLI, cache=cache).attribute(
        items, ["hypothesis"]
    )

    class Exploding(IntegratedGradientsAttributor):
        def compute(self, texts, targets):  # type: ignore[override]
            raise AssertionError("computed again instead of read from the cache")

    again = Exploding(adapter, labels=NLI, cache=cache).attribute(items, ["hypothesis"])
    assert again[0].fields == first[0].fields
    # Another target is another key: the collapsed label is computed, not read.
    with pytest.raises(AssertionError, match="computed again"):
        Exploding(adapter, labels=NLI, cache=cache).attribute(
            items, ["hypothesis"], [["neutral", "contradiction"]]
        )
    cache.close()


def test_a_collapsed_label_is_attributed_as_the_sum_of_its_members(tiny_bert: Path) -> None:
    adapter = load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert}"), CONTEXT)
    item = failing_item(adapter, *PAIRS[1], 0)
    probabilities = adapter.classify([item.example])[0]
    attributor = IntegratedGradientsAttributor(adapter, labels=NLI)
    (attribution,) = attributor.attribute([item], ["hypothesis"], [["neutral", "contradiction"]])
    assert attribution.details["output"] == pytest.approx(
        float(probabilities[1] + probabilities[2]), abs=1e-5
    )
    assert attribution.members == ("neutral", "contradiction")
    assert attribution.explained


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
    attributor = attributor_for(model, predictor=None, labels=NLI)
    assert isinstance(attributor, ReferenceIntegratedGradients)
    examples = [
        Example(id="x", fields={"premise": "A boy rides a bike.", "hypothesis": "Nobody rides."}),
        Example(id="y", fields={"premise": "A girl sings.", "hypothesis": "A girl is silent."}),
    ]
    items = []
    for example in examples:
        probabilities = model.classify([example])[0]
        label = model.labels[int(probabilities.argmax())]
        prediction = Prediction(
            example.id, label, dict(zip(model.labels, map(float, probabilities), strict=True))
        )
        items.append(
            ItemResult("t", example, prediction, gold="entailment", predicted=label, correct=False)
        )
    attributions = attributor.attribute(items, ["premise", "hypothesis"])
    for example, attribution in zip(examples, attributions, strict=True):
        details = attribution.details
        # The torch rebuild gives the adapter's own probability.
        assert details["output"] == pytest.approx(
            float(model.classify([example])[0].max()), abs=1e-4
        )
        difference = details["output"] - details["baseline_output"]
        assert details["total"] - difference == pytest.approx(details["delta"], abs=1e-9)
        assert details["converged"] and abs(details["delta"]) <= attributor.tolerance
    assert [w.word for w in attributions[0].fields["hypothesis"]] == ["Nobody", "rides."]
    # Batched equals alone.
    (alone,) = attributor.attribute(items[1:], ["premise", "hypothesis"])
    np.testing.assert_allclose(
        [w.score for w in alone.fields["premise"]],
        [w.score for w in attributions[1].fields["premise"]],
        atol=1e-5,
    )
