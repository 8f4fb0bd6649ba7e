"""The NLI judge: its reliability on the control set (against scikit-learn), the floor,
which pairs it is asked, and a tiny classifier built here answering through the predictor."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from helpers.tiny_models import build_tiny_bert_classifier
from sklearn.metrics import accuracy_score, confusion_matrix, recall_score

from harness.coherence.control_set import CONTROL_PAIRS
from harness.coherence.judge import (
    NLI_FIELDS,
    NLI_LABELS,
    JudgeFloor,
    NLIJudge,
    chance_of_flags,
    judge_reliability,
    sentence_pairs,
    trusted_for,
)
from harness.errors import LabelMappingError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.predictor import RequestRunner

CONTEXT = ModelContext(task="nli", labels=NLI_LABELS, input_fields=NLI_FIELDS)


def test_control_set_is_balanced_unique_and_reuses_premises() -> None:
    labels = Counter(pair.label for pair in CONTROL_PAIRS)
    assert labels == {"contradiction": 30, "entailment": 30, "neutral": 30}
    keys = [(pair.premise, pair.hypothesis) for pair in CONTROL_PAIRS]
    assert len(set(keys)) == len(keys)
    assert all(pair.premise != pair.hypothesis for pair in CONTROL_PAIRS)
    assert all(p.premise.endswith(".") and p.hypothesis.endswith(".") for p in CONTROL_PAIRS)
    # A judge cannot score well from the premise alone: premises recur across labels.
    by_premise: dict[str, set[str]] = {}
    for pair in CONTROL_PAIRS:
        by_premise.setdefault(pair.premise, set()).add(pair.label)
    assert sum(len(found) >= 2 for found in by_premise.values()) >= 20


def test_reliability_matches_scikit_learn() -> None:
    rng = np.random.default_rng(4)
    gold = [pair.label for pair in CONTROL_PAIRS]
    predicted: list[str | None] = [
        str(rng.choice(NLI_LABELS)) if rng.random() < 0.5 else label for label in gold
    ]
    predicted[3] = None  # one pair unanswered (an infrastructure error)
    kept = [i for i, p in enumerate(predicted) if p is not None]
    g = [gold[i] for i in kept]
    p = [predicted[i] for i in kept]
    reliability = judge_reliability(gold, predicted)
    assert reliability["n"] == 89 and reliability["unanswered"] == 1
    assert reliability["accuracy"]["value"] == pytest.approx(accuracy_score(g, p))
    recalls = recall_score(g, p, labels=list(NLI_LABELS), average=None)
    for label, expected in zip(NLI_LABELS, recalls, strict=True):
        assert reliability["recall"][label]["value"] == pytest.approx(expected)
    matrix = confusion_matrix(g, p, labels=list(NLI_LABELS))
    assert reliability["confusion"]["matrix"] == matrix.tolist()
    not_contradicting = [i for i, label in enumerate(g) if label != "contradiction"]
    false_alarms = sum(p[i] == "contradiction" for i in not_contradicting)
    assert reliability["false_contradiction_rate"]["value"] == pytest.approx(
        false_alarms / len(not_contradicting)
    )
    accuracy = reliability["accuracy"]
    assert accuracy["ci_low"] < accuracy["value"] < accuracy["ci_high"]


def reliability_with(correct: dict[str, int], false_contradictions: int = 0) -> dict:
    """Control-set verdicts with ``correct[label]`` of 30 right per label; among the wrong
    non-contradiction answers, ``false_contradictions`` say contradiction."""
    gold, predicted = [], []
    budget = false_contradictions
    for label in NLI_LABELS:
        for index in range(30):
            gold.append(label)
            if index < correct[label]:
                predicted.append(label)
            elif label != "contradiction" and budget > 0:
                predicted.append("contradiction")
                budget -= 1
            else:
                predicted.append("neutral" if label != "neutral" else "entailment")
    return judge_reliability(gold, predicted)


def test_the_floor_decides_what_each_measure_can_trust() -> None:
    floor = JudgeFloor()
    good = trusted_for(
        reliability_with({"entailment": 27, "neutral": 27, "contradiction": 27}), floor
    )
    assert good["self_contradiction"] == {"trusted": True, "reasons": []}
    assert good["paraphrase_consistency"]["trusted"]
    # Contradiction recall 20/30 < 0.70: self-contradiction is no finding, consistency is.
    weak = trusted_for(
        reliability_with({"entailment": 28, "neutral": 28, "contradiction": 20}), floor
    )
    assert not weak["self_contradiction"]["trusted"]
    assert weak["self_contradiction"]["reasons"] == ["contradiction recall 0.67 < 0.70"]
    assert weak["paraphrase_consistency"]["trusted"]
    # Too many false contradictions (7 of 60 > 0.10), though accuracy is fine.
    noisy = trusted_for(
        reliability_with({"entailment": 26, "neutral": 25, "contradiction": 30}, 7), floor
    )
    assert noisy["self_contradiction"]["reasons"] == ["false-contradiction rate 0.12 > 0.10"]
    # Entailment recall 15/30: paraphrase consistency is no finding.
    blind = trusted_for(
        reliability_with({"entailment": 15, "neutral": 30, "contradiction": 30}), floor
    )
    assert blind["paraphrase_consistency"]["reasons"] == ["entailment recall 0.50 < 0.70"]
    # Exactly at the floor passes.
    edge = trusted_for(
        reliability_with({"entailment": 21, "neutral": 21, "contradiction": 21}), floor
    )
    assert edge["self_contradiction"]["trusted"] and edge["paraphrase_consistency"]["trusted"]


def test_sentence_pairs_are_every_ordered_pair_or_a_seeded_sample() -> None:
    sentences = [f"Sentence {i}." for i in range(8)]  # 56 ordered pairs
    every, available = sentence_pairs(sentences, 100, random.Random(0))
    assert available == 56 and len(every) == 56 and len(set(every)) == 56
    sampled, available = sentence_pairs(sentences, 10, random.Random("7:coherence_pairs:x"))
    assert available == 56 and len(sampled) == 10 and set(sampled) <= set(every)
    assert sampled == sorted(sampled)
    again, _ = sentence_pairs(sentences, 10, random.Random("7:coherence_pairs:x"))
    assert again == sampled
    other, _ = sentence_pairs(sentences, 10, random.Random("8:coherence_pairs:x"))
    assert other != sampled
    # The same sentence twice is never asked about against itself.
    assert sentence_pairs(["Yes.", "yes.", "No."], 10, random.Random(0))[1] == 4


def test_chance_of_flags_by_simulation() -> None:
    rng = np.random.default_rng(2)
    checks = [1, 3, 6, 20]
    simulated = np.mean([[(rng.random(k) < 0.05).any() for k in checks] for _ in range(20_000)])
    assert chance_of_flags(0.05, checks) == pytest.approx(simulated, abs=0.01)
    assert chance_of_flags(0.0, checks) == 0.0
    assert chance_of_flags(float("nan"), checks) is None and chance_of_flags(0.1, []) is None


PAIRS = [
    ("The shop is closed on Sundays.", "The shop is open every day."),
    ("A man is playing a guitar.", "A man plays an instrument."),
    ("The cat slept all day.", "Penguins cannot fly."),
]


def direct_probabilities(path: Path, pairs) -> np.ndarray:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path).eval()
    with torch.no_grad():
        return np.array(
            [
                torch.softmax(
                    model(
                        **tokenizer(p, h, truncation=True, max_length=128, return_tensors="pt")
                    ).logits,
                    dim=-1,
                )[0].numpy()
                for p, h in pairs
            ]
        )


def test_a_tiny_classifier_judges_through_the_predictor_with_labels_mapped_by_name(tmp_path):
    # Its labels in another order than the judge's: they are mapped by name.
    own = ("contradiction", "neutral", "entailment")
    path = build_tiny_bert_classifier(tmp_path / "judge", labels=own, seed=3)
    model = load_model(ModelSpec.parse(f"hf-classifier:{path}"), CONTEXT)
    judge = NLIJudge(f"hf-classifier:{path}", RequestRunner(model))
    verdicts = judge.judge(PAIRS + PAIRS[:1])
    direct = direct_probabilities(path, PAIRS)
    for verdict, row in zip(verdicts, direct, strict=False):
        assert verdict is not None
        expected = dict(zip(own, row.tolist(), strict=True))
        assert verdict.probabilities == pytest.approx(expected, abs=1e-5)
        assert verdict.label == max(expected, key=expected.get)
    assert verdicts[3] == verdicts[0]  # the repeated pair: one request, the same answer
    assert judge.runner.computed == 3
    assert judge.describe()["fingerprint"] == model.fingerprint()


def test_a_judge_whose_labels_cannot_be_mapped_needs_a_label_map(tmp_path):
    path = build_tiny_bert_classifier(tmp_path / "generic", label_names_style="generic")
    with pytest.raises(LabelMappingError, match="label_map"):
        load_model(ModelSpec.parse(f"hf-classifier:{path}"), CONTEXT)
    mapping = {"LABEL_0": "entailment", "LABEL_1": "neutral", "LABEL_2": "contradiction"}
    spec = ModelSpec.parse(f"hf-classifier:{path}", {"label_map": mapping})
    judge = NLIJudge(str(spec), RequestRunner(load_model(spec, CONTEXT)), mapping)
    verdict = judge.judge(PAIRS[:1])[0]
    direct = direct_probabilities(path, PAIRS[:1])[0]
    assert verdict is not None
    assert [verdict.probabilities[label] for label in NLI_LABELS] == pytest.approx(
        direct.tolist(), abs=1e-5
    )


@pytest.mark.slow
def test_a_tiny_classifier_as_the_judge_of_a_cli_run(tmp_path):
    import json

    from helpers.coherence_models import contradicting
    from test_cli import harness

    from harness.coherence.sentences import split_sentences

    path = build_tiny_bert_classifier(tmp_path / "judge", seed=5)
    (tmp_path / "suite.yaml").write_text(
        "name: tiny_judge\ntask: generation\nseed: 2\nbootstrap_resamples: 200\ntests:\n"
        "  - name: open\n    kind: coherence\n"
        "    data: {source: generator, name: coherence_prompts, params: {genres: [story]}, limit: 4}\n"
    )
    result = harness(
        "run",
        "suite.yaml",
        "--model",
        "python:helpers.coherence_models:contradicting",
        "--model-option",
        "serves=generate",
        "--judge",
        f"hf-classifier:{path}",
        "--out",
        "out",
        "--quiet",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    test = json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]
    judge = test["sections"]["coherence"]["judge"]
    assert judge["spec"] == f"hf-classifier:{path}"
    # The control set's accuracy is the tiny model's own, computed here without harness.
    direct = direct_probabilities(path, [(p.premise, p.hypothesis) for p in CONTROL_PAIRS])
    predicted = [NLI_LABELS[i] for i in direct.argmax(axis=1)]
    expected = np.mean([p == pair.label for p, pair in zip(predicted, CONTROL_PAIRS, strict=True)])
    assert judge["reliability"]["accuracy"]["value"] == pytest.approx(expected)
    # Each generation contradicts itself exactly when the model, asked directly about its
    # sentence pairs, calls one of them a contradiction.
    rows = [
        json.loads(line) for line in (tmp_path / "out" / "items.jsonl").read_text().splitlines()
    ]
    for row in rows:
        assert row["predicted"] == contradicting([{"prompt": row["request"]["prompt"]}])[0]
        sentences = [s.text for s in split_sentences(row["predicted"])]
        pairs = [(a, b) for a in sentences for b in sentences if a != b]
        labels = [NLI_LABELS[i] for i in direct_probabilities(path, pairs).argmax(axis=1)]
        assert row["scores"]["self_contradiction"] == float("contradiction" in labels)
        assert row["scores"]["pairs_judged"] == len(pairs) == 6
