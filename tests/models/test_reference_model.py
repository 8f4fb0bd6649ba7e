"""The reference model: the real all-MiniLM-L6-v2 encoder with a head fit on a tiny set."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from harness.core import Example
from harness.errors import LabelMappingError, ModelError
from harness.models import reference
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.models.reference import (
    REFERENCE_NAME,
    ReferenceModel,
    SentenceEncoder,
    encoder_directory,
    pair_features,
)

NLI = ("entailment", "neutral", "contradiction")
CONTEXT = ModelContext(task="nli", labels=NLI, input_fields=("premise", "hypothesis"))

TRAIN_ROWS = [
    ("A man is playing a guitar on stage.", "A man is playing music.", "entailment"),
    ("A woman is reading a book in the park.", "A woman is reading.", "entailment"),
    ("Two dogs are running through the snow.", "Animals are outside.", "entailment"),
    ("The chef cooked dinner for the guests.", "Someone made food.", "entailment"),
    ("A man is playing a guitar on stage.", "The man is famous.", "neutral"),
    ("A woman is reading a book in the park.", "The book is a novel.", "neutral"),
    ("Two dogs are running through the snow.", "The dogs are brothers.", "neutral"),
    ("The chef cooked dinner for the guests.", "The guests were hungry.", "neutral"),
    ("A man is playing a guitar on stage.", "Nobody is playing music.", "contradiction"),
    ("A woman is reading a book in the park.", "The woman is asleep at home.", "contradiction"),
    ("Two dogs are running through the snow.", "The dogs are sleeping indoors.", "contradiction"),
    ("The chef cooked dinner for the guests.", "Nobody cooked anything.", "contradiction"),
]
TRAIN = [
    Example(id=f"train:{i}", fields={"premise": p, "hypothesis": h}, target=label)
    for i, (p, h, label) in enumerate(TRAIN_ROWS)
]
TEST = [
    Example(
        id="t0", fields={"premise": "A boy is riding a bicycle.", "hypothesis": "A boy rides."}
    ),
    Example(
        id="t1", fields={"premise": "A boy is riding a bicycle.", "hypothesis": "Nobody rides."}
    ),
    Example(id="t2", fields={"premise": "The girl smiles.", "hypothesis": "The girl is happy."}),
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder(encoder_directory(), batch_size=4)


class CountingEncoder:
    """Wraps an encoder and records every batch of texts it is asked to encode."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self.inner = encoder
        self.calls: list[list[str]] = []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def encode(self, texts):
        self.calls.append(list(texts))
        return self.inner.encode(texts)


def test_fits_on_injected_examples_and_gives_probabilities(encoder, tmp_path):
    model = ReferenceModel(tmp_path, TRAIN, encoder=encoder)
    assert model.labels == ("contradiction", "entailment", "neutral")
    probabilities = model.classify(TEST)
    assert probabilities.shape == (len(TEST), 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-9)
    training = model.classify(TRAIN)
    accuracy = np.mean(
        [
            model.labels[row.argmax()] == example.target
            for row, example in zip(training, TRAIN, strict=True)
        ]
    )
    assert accuracy >= 0.75  # a fit that ignored its features would sit near 1/3


def test_fit_is_deterministic(encoder, tmp_path):
    first = ReferenceModel(tmp_path / "a", TRAIN, encoder=encoder)
    second = ReferenceModel(tmp_path / "b", TRAIN, encoder=encoder)
    np.testing.assert_array_equal(first.classify(TEST), second.classify(TEST))
    assert first.loaded_from_cache is False and second.loaded_from_cache is False
    assert first.head_path.read_bytes() == second.head_path.read_bytes()


def test_second_load_reads_the_cached_head_without_encoding_the_train_set(encoder, tmp_path):
    cold = CountingEncoder(encoder)
    expected = ReferenceModel(tmp_path, TRAIN, encoder=cold).classify(TEST)
    train_texts = {text for example in TRAIN for text in example.fields.values()}
    assert any(train_texts <= set(call) for call in cold.calls)

    warm = CountingEncoder(encoder)
    model = ReferenceModel(tmp_path, TRAIN, encoder=warm)
    probabilities = model.classify(TEST)
    assert model.loaded_from_cache is True
    test_texts = {text for example in TEST for text in example.fields.values()}
    assert [set(call) for call in warm.calls] == [test_texts]
    np.testing.assert_array_equal(probabilities, expected)


def test_the_cache_is_plain_arrays_and_keyed_by_the_training_data(encoder, tmp_path):
    model = ReferenceModel(tmp_path, TRAIN, encoder=encoder)
    model.classify(TEST[:1])
    with np.load(model.head_path, allow_pickle=False) as data:
        assert set(data.files) == {"coef", "intercept", "classes"}
        assert data["coef"].shape == (3, 4 * 384)
    changed = ReferenceModel(tmp_path, TRAIN[:-1], encoder=encoder)
    assert changed.cache_key() != model.cache_key()
    assert changed.fingerprint() != model.fingerprint()
    other_c = ReferenceModel(tmp_path, TRAIN, encoder=encoder, C=0.5)
    assert other_c.cache_key() != model.cache_key()


def test_a_damaged_cache_file_is_refit(encoder, tmp_path):
    expected = ReferenceModel(tmp_path, TRAIN, encoder=encoder).classify(TEST)
    model = ReferenceModel(tmp_path, TRAIN, encoder=encoder)
    model.head_path.write_bytes(b"not an npz file")
    np.testing.assert_array_equal(model.classify(TEST), expected)
    assert model.loaded_from_cache is False


def test_features_are_u_v_absolute_difference_and_product(encoder, tmp_path):
    model = ReferenceModel(tmp_path, TRAIN, encoder=encoder)
    pairs = [("A boy is riding a bicycle.", "Nobody rides.")]
    features = model.features(pairs)
    assert features.shape == (1, 4 * 384)
    u, v = encoder.encode(list(pairs[0]))
    np.testing.assert_allclose(features[0, :384], u, atol=1e-6)
    np.testing.assert_allclose(features[0, 384:768], v, atol=1e-6)
    np.testing.assert_allclose(features[0, 768:1152], np.abs(u - v), atol=1e-6)
    np.testing.assert_allclose(features[0, 1152:], u * v, atol=1e-6)


def test_head_matches_scikit_learn_predict_proba(encoder, tmp_path):
    from sklearn.linear_model import LogisticRegression

    model = ReferenceModel(tmp_path, TRAIN, encoder=encoder)
    pairs = [tuple(example.fields.values()) for example in TRAIN]
    features = model.features(pairs)
    direct = LogisticRegression(C=1.0, max_iter=2000, random_state=0).fit(
        features, [example.target for example in TRAIN]
    )
    test_features = model.features([tuple(example.fields.values()) for example in TEST])
    np.testing.assert_allclose(
        model.head.predict_proba(test_features), direct.predict_proba(test_features), atol=1e-6
    )


def test_embeddings_match_manual_mean_pooling(encoder):
    import torch
    from transformers import AutoModel, AutoTokenizer

    texts = ["A boy is riding a bicycle.", "Nobody rides.", "The girl smiles at her mother today."]
    tokenizer = AutoTokenizer.from_pretrained(encoder_directory())
    network = AutoModel.from_pretrained(encoder_directory()).eval()
    manual = []
    with torch.no_grad():
        for text in texts:
            encoded = tokenizer(text, return_tensors="pt")
            tokens = network(**encoded).last_hidden_state[0]
            mean = tokens.mean(dim=0).numpy()  # no padding: the mask is all ones
            manual.append(mean / np.linalg.norm(mean))
    embeddings = encoder.encode(texts)
    assert embeddings.shape == (3, 384)
    np.testing.assert_allclose(embeddings, np.array(manual), atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)


def test_pair_features_layout():
    features = pair_features(np.array([[1.0, -2.0]]), np.array([[3.0, 1.0]]))
    assert features.tolist() == [[1.0, -2.0, 3.0, 1.0, 2.0, 3.0, 3.0, -2.0]]


def test_the_factory_describes_a_reference_model(monkeypatch, tmp_path):
    monkeypatch.setattr(reference, "load_training_examples", lambda: TRAIN)
    context = ModelContext(
        task="nli", labels=NLI, input_fields=("premise", "hypothesis"), cache_dir=tmp_path
    )
    model = load_model(ModelSpec.parse("reference"), context)
    facts = model.describe()
    assert facts["is_reference"] is True
    assert facts["name"] == REFERENCE_NAME
    assert facts["kind"] == "reference"
    assert {"spec", "description", "device"} <= set(facts)
    assert model.classify(TEST[:1]).shape == (1, 3)
    assert (tmp_path / "reference" / model.head_path.name).is_file()


def test_the_factory_checks_labels_and_inputs(monkeypatch, tmp_path):
    monkeypatch.setattr(reference, "load_training_examples", lambda: TRAIN)
    binary = ModelContext(
        task="nli",
        labels=("entailment", "non-entailment"),
        input_fields=("premise", "hypothesis"),
        cache_dir=tmp_path,
    )
    with pytest.raises(LabelMappingError):
        load_model(ModelSpec.parse("reference"), binary)
    label_map = {"neutral": "non-entailment", "contradiction": "non-entailment"}
    load_model(ModelSpec.parse("reference", {"label_map": label_map}), binary)
    qa = ModelContext(task="qa", labels=NLI, input_fields=("context", "question"))
    with pytest.raises(ModelError, match="premise, hypothesis"):
        load_model(ModelSpec.parse("reference"), qa)


def test_builtin_training_split_when_present():
    path = Path(reference.__file__).parent.parent / "datasets" / "nli-core" / "train.jsonl"
    if not path.is_file():
        pytest.skip("nli-core train split not written yet")
    examples = reference.load_training_examples()
    assert {example.target for example in examples} == set(NLI)
    assert all(example.fields["premise"] and example.fields["hypothesis"] for example in examples)


def test_reference_head_can_be_fit_on_a_local_file(tmp_path, monkeypatch) -> None:
    """``train_file`` + ``train_columns`` replace nli-core; C is a hyperparameter of the cache key."""
    import json

    from harness.models.base import ModelContext, ModelSpec, load_model

    rows = [
        {"a": f"A person number {i} walks.", "b": h, "gold": g}
        for i in range(6)
        for h, g in (
            ("A person walks.", "ENTAILMENT"),
            ("Nobody walks.", "CONTRADICTION"),
            ("A person walks home.", "NEUTRAL"),
        )
    ]
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    context = ModelContext(
        task="nli",
        labels=("entailment", "neutral", "contradiction"),
        input_fields=("premise", "hypothesis"),
        cache_dir=tmp_path / "cache",
    )
    options = {
        "train_file": str(path),
        "train_columns": {"premise": "a", "hypothesis": "b", "label": "gold"},
    }
    model = load_model(ModelSpec("reference", options=options), context)
    assert len(model.train_examples) == 18
    assert "train.jsonl" in model.describe()["description"]
    other_c = load_model(ModelSpec("reference", options={**options, "C": 0.1}), context)
    assert other_c.C == 0.1
    assert other_c.fingerprint() != model.fingerprint()
