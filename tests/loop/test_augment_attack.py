"""Augmentation with a suite's own attack tests: adversarial training examples keep their
original's label, differ from it, are counted per recipe, and go through the leakage check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from harness.core import Example, Prediction
from harness.execution import RunContext
from harness.loop.attack_augment import DEFAULT_ATTACKED, attack_cap, attack_sample
from harness.loop.augment import NEEDS_MODEL, ORIGINAL, augment, input_key
from harness.runner import make_loader, selected_suite

LABELS = ("entailment", "neutral", "contradiction")
NEGATIONS = {"not", "no", "nobody", "never"}

TRAIN = [
    ("Mary is reading a long book in the park.", "Mary is reading a book.", "entailment"),
    ("John cooked dinner for his friends.", "John cooked dinner.", "entailment"),
    (
        "The children are playing football outside.",
        "The children are not playing.",
        "contradiction",
    ),
    ("Emma gave Noah a red apple yesterday.", "Noah got an apple from Emma.", "entailment"),
    ("Two dogs are running through the snow.", "The dogs are hungry tonight.", "neutral"),
    ("David painted the fence on Sunday.", "David painted the fence.", "entailment"),
    ("A woman is riding a bicycle down the hill.", "A woman is riding a bicycle.", "entailment"),
    ("The old bridge was built in 1920.", "The bridge is famous worldwide.", "neutral"),
]
TEST_ROWS = [
    {
        "id": "t1",
        "premise": "A man plays a guitar.",
        "hypothesis": "A man plays.",
        "label": "entailment",
    },
]


def words(text: str) -> list[str]:
    return [w.strip(".,!?").lower() for w in text.split() if w.strip(".,!?")]


class OverlapClassifier:
    """A classifier built for the test: entailment grows with the hypothesis words found in
    the premise, contradiction with a negation. Character edits to an overlapping word
    (deepwordbug's) move it towards neutral, so some attacks succeed and some fail."""

    def __init__(self) -> None:
        self.asked = 0

    def scores(self, fields: dict[str, str]) -> dict[str, float]:
        premise = set(words(fields["premise"]))
        hypothesis = words(fields["hypothesis"])
        overlap = sum(w in premise for w in hypothesis) / max(len(hypothesis), 1)
        negated = 1.5 if NEGATIONS & set(hypothesis) else 0.05
        raw = [overlap + 0.01, 1.0 - overlap + 0.02, negated]
        total = sum(raw)
        return {label: value / total for label, value in zip(LABELS, raw, strict=True)}

    def predict(self, examples, description=""):
        predictions = []
        for example in examples:
            self.asked += 1
            scores = self.scores(dict(example.fields))
            label = max(scores, key=scores.__getitem__)
            predictions.append(Prediction(example.id, label=label, scores=scores))
        return predictions


def train_examples() -> list[Example]:
    return [
        Example(id=f"train-{i}", fields={"premise": p, "hypothesis": h}, target=label)
        for i, (p, h, label) in enumerate(TRAIN)
    ]


def write_suite(directory: Path, attack: dict, test_rows=TEST_ROWS) -> Path:
    data = {"source": "inline", "examples": test_rows}
    suite = {
        "name": "augment_attack_suite",
        "task": "nli",
        "labels": list(LABELS),
        "seed": 3,
        "tests": [
            {"name": "clean", "data": data},
            {"name": "wordbug", "data": data, "attack": attack},
        ],
    }
    path = directory / "suite.yaml"
    path.write_text(yaml.safe_dump(suite, sort_keys=False))
    return path


def attack_context(suite) -> RunContext:
    return RunContext(
        suite=suite,
        predictor=OverlapClassifier(),
        model=None,
        load_examples=make_loader(suite, None),
        bootstrap_resamples=100,
    )


def run_attack_augment(path: Path, train):
    suite = selected_suite(path, None)
    loader = make_loader(suite, None)
    augmentation = augment(suite, train, loader, attack_context=attack_context(suite))
    return suite, augmentation


@pytest.fixture
def textattack():
    from harness.attack.offline import import_textattack, textattack_installed

    if not textattack_installed():
        pytest.skip("textattack is not installed (pip install 'reasoning-harness[attack]')")
    return import_textattack()


ATTACK = {"recipe": "deepwordbug", "field": "hypothesis", "max_queries": 60, "n_examples": 7}


@pytest.mark.attack
def test_adversarial_examples_keep_the_label_differ_and_the_counts_add_up(
    textattack, tmp_path: Path
) -> None:
    train = train_examples()
    suite, augmentation = run_attack_augment(write_suite(tmp_path, ATTACK), train)
    by_id = {e.id: e for e in train}
    (count,) = augmentation.attacks
    adversarial = [a for a in augmentation.examples if a.origin == "wordbug/deepwordbug"]
    assert count.succeeded > 0 and adversarial
    # A sample of the test's n_examples, not the whole training set.
    assert count.examples == 7 < len(train)
    classifier = OverlapClassifier()
    for made in adversarial:
        parent = by_id[made.example.parent_id]
        assert made.expect == "adversarial"
        assert made.example.target == parent.target  # an attack keeps the label
        assert made.example.fields["premise"] == parent.fields["premise"]  # field: hypothesis
        assert made.example.fields["hypothesis"] != parent.fields["hypothesis"]
        # It is adversarial: the classifier is right on the parent and wrong on it.
        assert classifier.predict([parent])[0].label == parent.target
        assert classifier.predict([made.example])[0].label != parent.target
    assert count.examples == count.attempted + count.not_attacked
    assert count.attempted == count.succeeded + count.failed + count.skipped + count.infra_errors
    assert count.succeeded == count.leaked + count.duplicates + count.kept
    assert count.kept == len(adversarial)
    # The model is wrong on the contradiction and neutral pairs: nothing to attack there.
    assert count.skipped > 0
    originals = [a for a in augmentation.examples if a.origin == ORIGINAL]
    assert len(originals) == len(train)
    summary = json.loads(json.dumps(augmentation.summary()))
    assert summary["attacks"][0]["succeeded"] == count.succeeded
    assert summary["variants"] == len(adversarial)


@pytest.mark.attack
def test_a_planted_leak_among_the_adversarial_examples_is_dropped(
    textattack, tmp_path: Path
) -> None:
    train = train_examples()
    _, first = run_attack_augment(write_suite(tmp_path, ATTACK), train)
    adversarial = [a.example for a in first.examples if a.origin != ORIGINAL]
    assert adversarial and first.leaked == 0
    planted = adversarial[0]
    # A test item equal to one adversarial example after normalisation (case, spacing).
    row = {
        "id": "t-planted",
        "premise": planted.fields["premise"].upper(),
        "hypothesis": "  " + planted.fields["hypothesis"] + " ",
        "label": "neutral",
    }
    suite, second = run_attack_augment(write_suite(tmp_path, ATTACK, [*TEST_ROWS, row]), train)
    (count,) = second.attacks
    keys = {input_key(a.example, suite.input_fields) for a in second.examples}
    assert input_key(planted, suite.input_fields) not in keys
    assert count.leaked == 1 and second.leaked == 1
    assert second.summary()["variants_leaked"] == 1
    assert count.kept == first.attacks[0].kept - 1


def test_attack_tests_without_a_model_give_nothing_and_say_why(tmp_path: Path) -> None:
    suite = selected_suite(write_suite(tmp_path, ATTACK), None)
    augmentation = augment(suite, train_examples(), make_loader(suite, None))
    assert augmentation.skipped_tests == {"wordbug": NEEDS_MODEL}
    assert augmentation.attacks == []
    assert all(a.origin == ORIGINAL for a in augmentation.examples)


def test_the_examples_attacked_are_a_seeded_sample_capped_by_the_test(tmp_path: Path) -> None:
    uncapped = {"recipe": "deepwordbug"}
    suite = selected_suite(write_suite(tmp_path, uncapped), None)
    spec = suite.tests[1].spec
    assert attack_cap(spec) == DEFAULT_ATTACKED
    many = [
        Example(id=f"x{i}", fields={"premise": "p", "hypothesis": f"h {i}"}, target="neutral")
        for i in range(DEFAULT_ATTACKED + 20)
    ]
    sample = attack_sample(many, spec, seed=3)
    assert len(sample) == DEFAULT_ATTACKED
    assert [e.id for e in sample] != [e.id for e in many[:DEFAULT_ATTACKED]]  # not the first rows
    assert attack_sample(list(reversed(many)), spec, seed=3) == sample  # order-free
    assert attack_sample(many, spec, seed=4) != sample
