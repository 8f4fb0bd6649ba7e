"""hf-classifier: a tiny BERT built in the test and loaded through the real adapter."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from helpers.tiny_models import build_tiny_bert_classifier

from harness.core import Example
from harness.errors import LabelMappingError, ModelError, ResourceUnavailableError, UnsafeLoadError
from harness.labels import model_label_matrix
from harness.models.base import ClassifierModel, ModelContext, ModelSpec, load_model

NLI = ("entailment", "neutral", "contradiction")
CONTEXT = ModelContext(task="nli", labels=NLI, input_fields=("premise", "hypothesis"))

PAIRS = [
    ("A man is playing a guitar on the stage.", "Nobody is playing an instrument."),
    ("The children are playing football outside.", "Children play."),
    ("Every student passed the exam.", "Some students did not pass the exam."),
    (
        "The doctor saw the lawyer before the meeting, and then the lawyer was seen by "
        "the doctor again after the meeting in the old building near the quiet lake.",
        "The lawyer was seen.",
    ),
    ("A cat is sleeping on the sofa.", "A cat is sleeping."),
    ("Two dogs are running through the snow.", "An animal is outside in the cold snow today."),
]


def examples(pairs=PAIRS) -> list[Example]:
    return [
        Example(id=f"ex{index}", fields={"premise": premise, "hypothesis": hypothesis})
        for index, (premise, hypothesis) in enumerate(pairs)
    ]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    return build_tiny_bert_classifier(tmp_path_factory.mktemp("tiny-bert"))


def direct_probabilities(path: Path, pairs, max_length: int = 128) -> np.ndarray:
    """The same inputs through transformers directly, one at a time (no padding)."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path).eval()
    rows = []
    with torch.no_grad():
        for premise, hypothesis in pairs:
            encoded = tokenizer(
                premise, hypothesis, truncation=True, max_length=max_length, return_tensors="pt"
            )
            rows.append(torch.softmax(model(**encoded).logits, dim=-1)[0].numpy())
    return np.array(rows)


def load(path: Path, context: ModelContext = CONTEXT, **options):
    return load_model(ModelSpec.parse(f"hf-classifier:{path}", options), context)


def test_probabilities_match_a_direct_forward_pass(tiny_model):
    model = load(tiny_model)
    assert isinstance(model, ClassifierModel)
    assert tuple(model.labels) == NLI
    probabilities = model.classify(examples())
    assert probabilities.shape == (len(PAIRS), 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-6)
    np.testing.assert_allclose(probabilities, direct_probabilities(tiny_model, PAIRS), atol=1e-5)
    # A random model whose outputs were all 1/3 would make the comparison above vacuous.
    assert np.ptp(probabilities) > 0.05


def test_describe_and_protocol_attributes(tiny_model):
    model = load(tiny_model, batch_size=4)
    facts = model.describe()
    assert facts["kind"] == "hf-classifier"
    assert facts["is_reference"] is False
    assert facts["device"] == "cpu"
    assert {"name", "spec", "description"} <= set(facts)
    assert model.batch_size == 4
    assert model.cacheable is True
    assert model.truncated_count == 0


def test_labels_map_by_name_whatever_their_order(tmp_path):
    path = build_tiny_bert_classifier(
        tmp_path / "shuffled", labels=("CONTRADICTION", "NEUTRAL", "ENTAILMENT")
    )
    model = load(path)
    assert tuple(model.labels) == ("CONTRADICTION", "NEUTRAL", "ENTAILMENT")
    suite_probabilities = model.classify(examples()) @ model_label_matrix(model.labels, NLI)
    direct = direct_probabilities(path, PAIRS)  # columns: contradiction, neutral, entailment
    np.testing.assert_allclose(suite_probabilities, direct[:, ::-1], atol=1e-5)


def test_generic_labels_are_an_error_at_load_time(tmp_path):
    path = build_tiny_bert_classifier(tmp_path / "generic", label_names_style="generic")
    with pytest.raises(LabelMappingError, match="LABEL_0"):
        load(path)


def test_an_explicit_label_map_fixes_generic_labels(tmp_path):
    path = build_tiny_bert_classifier(tmp_path / "generic", label_names_style="generic")
    label_map = {"LABEL_0": "contradiction", "LABEL_1": "entailment", "LABEL_2": "neutral"}
    model = load(path, label_map=label_map)
    matrix = model_label_matrix(model.labels, NLI, label_map)
    suite_probabilities = model.classify(examples()) @ matrix
    direct = direct_probabilities(path, PAIRS)
    np.testing.assert_allclose(suite_probabilities, direct[:, [1, 2, 0]], atol=1e-5)


def test_truncation_is_counted_and_applied(tiny_model):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model)
    lengths = [len(tokenizer(p, h)["input_ids"]) for p, h in PAIRS]
    max_length = sorted(lengths)[len(lengths) // 2]
    expected = sum(length > max_length for length in lengths)
    assert 0 < expected < len(PAIRS)  # the check below could fail either way
    model = load(tiny_model, max_length=max_length)
    probabilities = model.classify(examples())
    assert model.truncated_count == expected
    model.classify(examples()[:1])
    assert model.truncated_count == expected + (lengths[0] > max_length)
    direct = direct_probabilities(tiny_model, PAIRS, max_length=max_length)
    np.testing.assert_allclose(probabilities, direct, atol=1e-5)


def test_dynamic_padding_gives_the_same_probabilities_as_batch_size_one(tiny_model):
    batched = load(tiny_model, batch_size=4).classify(examples())
    single = load(tiny_model, batch_size=1).classify(examples())
    np.testing.assert_allclose(batched, single, atol=1e-5)


def test_out_of_memory_halves_the_batch_and_remembers_it(tiny_model):
    model = load(tiny_model, batch_size=8)
    expected = model.classify(examples())
    network = model.model
    original_forward = network.forward
    sizes: list[int] = []

    def forward(*args, **kwargs):
        size = kwargs["input_ids"].shape[0]
        sizes.append(size)
        if size > 2:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return original_forward(*args, **kwargs)

    network.forward = forward
    try:
        probabilities = model.classify(examples())
    finally:
        del network.forward
    np.testing.assert_allclose(probabilities, expected, atol=1e-5)
    assert model.batch_size == 2
    assert sizes == [6, 4, 2, 2, 2]  # 8 -> 4 -> 2, then 2 for the rest


def test_out_of_memory_at_batch_size_one_is_a_model_error(tiny_model):
    model = load(tiny_model, batch_size=2)

    def forward(*args, **kwargs):
        raise RuntimeError("CUDA out of memory")

    model.model.forward = forward
    with pytest.raises(ModelError, match="out of memory even on a single input"):
        model.classify(examples())


def test_other_errors_are_not_retried(tiny_model):
    model = load(tiny_model, batch_size=8)

    def forward(*args, **kwargs):
        raise RuntimeError("shape mismatch")

    model.model.forward = forward
    with pytest.raises(RuntimeError, match="shape mismatch"):
        model.classify(examples())
    assert model.batch_size == 8


def test_a_hub_id_that_is_not_cached_is_unavailable_offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    with pytest.raises(ResourceUnavailableError) as caught:
        load("no-such-org/no-such-model-for-harness-tests")
    message = str(caught.value)
    assert "\n" not in message
    assert "no-such-org/no-such-model-for-harness-tests" in message
    assert "HF_HUB_OFFLINE" in message and "local directory" in message


def test_remote_code_needs_an_opt_in(tiny_model, tmp_path):
    import shutil

    path = tmp_path / "custom"
    shutil.copytree(tiny_model, path)
    config = json.loads((path / "config.json").read_text())
    config["model_type"] = "harness-custom-bert"
    config["auto_map"] = {"AutoConfig": "configuration_custom.CustomConfig"}
    (path / "config.json").write_text(json.dumps(config))
    with pytest.raises(UnsafeLoadError, match="trust-remote-code"):
        load(path)


def test_fingerprint_follows_weights_and_options(tmp_path):
    path = build_tiny_bert_classifier(tmp_path / "model", seed=0)
    first = load(path).fingerprint()
    assert load(path).fingerprint() == first
    assert load(path, max_length=16).fingerprint() != first
    assert load(path, label_map={"entailment": "entailment"}).fingerprint() != first
    assert load(path, batch_size=3).fingerprint() == first  # batching cannot change answers
    build_tiny_bert_classifier(path, seed=1)
    assert load(path).fingerprint() != first


def test_a_directory_without_config_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="config.json"):
        load(tmp_path)


def test_single_text_inputs(tiny_model):
    context = ModelContext(task="sentiment", labels=NLI, input_fields=("text",))
    model = load(tiny_model, context)
    texts = [premise for premise, _ in PAIRS]
    probabilities = model.classify(
        [Example(id=str(i), fields={"text": t}) for i, t in enumerate(texts)]
    )
    assert probabilities.shape == (len(texts), 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-6)


def test_a_checkpoint_without_head_weights_is_refused_unless_allowed(
    tiny_model: Path, tmp_path: Path
):
    """Saving only the encoder leaves the classification head to random initialisation:
    predictions would differ run to run, so loading refuses with one line."""
    import shutil

    from transformers import AutoModelForSequenceClassification

    encoder_only = tmp_path / "encoder-only"
    model = AutoModelForSequenceClassification.from_pretrained(tiny_model)
    model.bert.save_pretrained(encoder_only)  # the config keeps id2label; no classifier.*
    for name in tiny_model.iterdir():
        if "token" in name.name or name.name == "vocab.txt":
            shutil.copy(name, encoder_only / name.name)
    examples = [Example(id="a", fields={"premise": "a man", "hypothesis": "a dog"})]
    with pytest.raises(
        ModelError, match=r"newly initialised.*classifier\.bias.*allow_untrained_head"
    ):
        load_model(ModelSpec.parse(f"hf-classifier:{encoder_only}"), CONTEXT).classify(examples)
    allowed = ModelSpec.parse(f"hf-classifier:{encoder_only}", {"allow_untrained_head": True})
    probabilities = load_model(allowed, CONTEXT).classify(examples)
    assert probabilities.shape == (1, 3)
