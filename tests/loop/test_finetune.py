"""Fine-tuning a tiny BERT built in the test: it learns, its checkpoint loads through
hf-classifier with the right labels, the dev split stays out of the tests, nothing is
half-written when training is interrupted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from helpers.tiny_models import build_tiny_bert_classifier, build_tiny_bert_encoder

from harness.core import Example
from harness.errors import HarnessError
from harness.loop.augment import augment, held_out_keys, input_key
from harness.loop.dev_split import carve_dev, root_id
from harness.loop.finetune import FinetuneSettings, finetune
from harness.models import load_model
from harness.models.base import ModelContext, ModelSpec
from harness.models.training_card import TRAINING_CARD_NAME, read_training_card
from harness.runner import make_loader, selected_suite

LABELS = ("entailment", "neutral", "contradiction")
FIELDS = ("premise", "hypothesis")
SUBJECTS = ["A man", "A woman", "The boy", "The girl", "A dog", "The cat", "Two birds", "A chef"]


def toy_examples(n: int, offset: int = 0) -> list[Example]:
    """Separable by one word: "playing" → entailment, "sleeping" → contradiction."""
    examples = []
    for i in range(offset, offset + n):
        subject = SUBJECTS[i % len(SUBJECTS)]
        entailed = i % 2 == 0
        verb = "playing" if entailed else "sleeping"
        examples.append(
            Example(
                id=f"toy-{i}",
                fields={"premise": f"{subject} is outside.", "hypothesis": f"{subject} is {verb}."},
                target="entailment" if entailed else "contradiction",
            )
        )
    return examples


# A learning rate at which the dev loss falls every epoch: at 5e-3 it bounced between
# epochs, and which epoch had the lowest loss (the one kept) moved with the number of
# torch threads, so the kept model could be a chance-level one.
SETTINGS = FinetuneSettings(
    seed=3, epochs=8, learning_rate=2e-3, batch_size=8, patience=3, dev_fraction=0.2
)


def context(tmp_path: Path) -> ModelContext:
    return ModelContext(
        task="nli", labels=LABELS, input_fields=FIELDS, seed=0, cache_dir=tmp_path / "cache"
    )


def one_epoch(tmp_path: Path, model: str, examples: list[Example], out: Path):
    """``finetune`` for one epoch with the suite's labels, quietly: what most tests need."""
    return finetune(
        model,
        examples,
        out,
        labels=LABELS,
        input_fields=FIELDS,
        settings=FinetuneSettings(epochs=1),
        cache_dir=tmp_path / "cache",
        progress=False,
        say=lambda line: None,
    )


@pytest.fixture(scope="module")
def generic_bert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny BERT encoder: fine-tuning gives it a new head named with the suite's labels."""
    return build_tiny_bert_encoder(tmp_path_factory.mktemp("bert-encoder"))


@pytest.fixture(scope="module")
def trained(generic_bert: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("finetuned") / "model"
    result = finetune(
        f"hf-classifier:{generic_bert}",
        toy_examples(120),
        out,
        labels=LABELS,
        input_fields=FIELDS,
        settings=SETTINGS,
        cache_dir=out.parent / "cache",
        data={"source": "toy"},
        progress=False,
        say=lambda line: None,
    )
    return result


def test_learns_a_separable_task_and_loads_through_hf_classifier(trained, tmp_path: Path) -> None:
    model = load_model(ModelSpec.parse(f"hf-classifier:{trained.directory}"), context(tmp_path))
    # The new head is named with the suite's labels: no label_map needed.
    assert tuple(model.labels) == LABELS
    held_out = toy_examples(40, offset=1000)
    probabilities = model.classify(held_out)
    predicted = [model.labels[int(i)] for i in np.argmax(probabilities, axis=1)]
    accuracy = np.mean([p == e.target for p, e in zip(predicted, held_out, strict=True)])
    assert accuracy > 0.8  # chance on two balanced labels is 0.5
    card = trained.card
    assert card["dev_scores"]["accuracy"] > 0.8
    assert card["head"].startswith("new")
    assert card["label_ids"] == {label: i for i, label in enumerate(LABELS)}
    assert card["data"]["train"]["n"] + card["data"]["dev"]["n"] == 120
    assert card["hyperparameters"]["learning_rate"] == SETTINGS.learning_rate
    assert card["seeds"]["seed"] == SETTINGS.seed
    assert 1 <= card["early_stopping"]["epochs_run"] <= SETTINGS.epochs


def test_the_training_card_is_beside_the_checkpoint_and_the_model_reports_it(
    trained, tmp_path: Path
) -> None:
    written = json.loads((trained.directory / TRAINING_CARD_NAME).read_text())
    assert written == read_training_card(trained.directory)
    assert written["data"]["dev"]["digest"] == trained.card["data"]["dev"]["digest"]
    model = load_model(ModelSpec.parse(f"hf-classifier:{trained.directory}"), context(tmp_path))
    assert model.training_card() == written
    leftovers = [p.name for p in trained.directory.parent.iterdir() if ".partial-" in p.name]
    assert leftovers == []
    assert not (trained.directory / "trainer").exists()


def test_a_checkpoint_with_the_suites_labels_keeps_its_head_mapped_by_name(
    tmp_path: Path,
) -> None:
    # Its labels in another order than the suite's: ids follow the checkpoint, not the suite.
    order = ("contradiction", "entailment", "neutral")
    base = build_tiny_bert_classifier(tmp_path / "named", labels=order)
    result = one_epoch(tmp_path, f"hf-classifier:{base}", toy_examples(20), tmp_path / "out")
    assert result.card["head"].startswith("kept")
    assert result.card["label_ids"] == {label: i for i, label in enumerate(order)}
    model = load_model(ModelSpec.parse(result.spec), context(tmp_path))
    assert tuple(model.labels) == order


def test_the_dev_split_comes_from_training_data_only_and_keeps_variants_with_originals(
    tmp_path: Path,
) -> None:
    from test_augment import TEST_ROWS, train_examples, write_suite

    suite = selected_suite(write_suite(tmp_path), None)
    augmentation = augment(suite, train_examples(), make_loader(suite, None))
    examples = [a.example for a in augmentation.examples]
    train, dev = carve_dev(examples, 0.25, seed=0)
    tests = held_out_keys(suite, make_loader(suite, None))
    assert {input_key(Example("t", row), FIELDS) for row in TEST_ROWS} <= tests
    assert dev and all(input_key(e, FIELDS) not in tests for e in dev)
    assert {root_id(e) for e in dev}.isdisjoint({root_id(e) for e in train})
    assert len(train) + len(dev) == len(examples)
    # Seeded: the same seed carves the same split, another seed another one.
    assert carve_dev(examples, 0.25, seed=0) == (train, dev)
    assert carve_dev(examples, 0.25, seed=1) != (train, dev)


def test_an_interrupted_fine_tuning_leaves_no_checkpoint(
    generic_bert: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import transformers

    def interrupted(self, *args, **kwargs):
        # Something is on disk by now (the staging directory): it must not survive.
        assert any(".partial-" in p.name for p in tmp_path.iterdir())
        raise KeyboardInterrupt

    monkeypatch.setattr(transformers.Trainer, "train", interrupted)
    with pytest.raises(KeyboardInterrupt):
        one_epoch(tmp_path, f"hf-classifier:{generic_bert}", toy_examples(20), tmp_path / "model")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_bad_requests_are_refused_before_any_work(generic_bert: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "file").write_text("x")
    with pytest.raises(HarnessError, match="already exists"):
        one_epoch(tmp_path, f"hf-classifier:{generic_bert}", toy_examples(10), taken)
    odd = [Example("odd", {"premise": "a", "hypothesis": "b"}, target="maybe")]
    with pytest.raises(HarnessError, match="label 'maybe' is not one of the suite's labels"):
        one_epoch(tmp_path, f"hf-classifier:{generic_bert}", toy_examples(10) + odd, tmp_path / "a")
    with pytest.raises(HarnessError, match="fine-tuning takes reference, packaged-minilm"):
        one_epoch(tmp_path, "openai:gpt", toy_examples(10), tmp_path / "b")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert os.listdir(tmp_path) == ["taken"] or sorted(os.listdir(tmp_path)) == ["taken"]


def test_examples_that_share_a_text_stay_on_one_side_of_the_dev_split() -> None:
    # Ten premises with three hypotheses each (minimal pairs), and one pair reworded.
    examples = [
        Example(f"e{i}", {"premise": f"Premise {i // 3}.", "hypothesis": f"H {i}."}, "neutral")
        for i in range(30)
    ]
    examples.append(Example("x", {"premise": "premise  0.", "hypothesis": "other"}, "neutral"))
    train, dev = carve_dev(examples, 0.2, seed=0)
    assert dev and train and len(train) + len(dev) == 31

    def premises(split):
        return {" ".join(e.fields["premise"].lower().split()) for e in split}

    assert premises(dev).isdisjoint(premises(train))
    assert len(dev) % 3 in (0, 1)  # whole triples (and the reworded pair with its triple)
