"""The hypothesis-only probe on synthetic data with and without a label-revealing word."""

from __future__ import annotations

import random

import pytest

from harness.analyses.artifacts import ArtifactProbeAnalysis, HypothesisOnlyProbe
from harness.core import Example
from harness.errors import SuiteError
from harness.options import SourceMap
from harness.registry import ANALYSES

FILLER = [f"word{i}" for i in range(60)]
TRAIN_SPEC = {
    "source": "inline",
    "examples": [{"premise": "p", "hypothesis": "h", "label": "neutral"}],
}


def synthetic(
    prefix: str, n: int, labels: list[str], marker: dict[str, str], seed: int
) -> list[Example]:
    """Hypotheses of random filler words; a label's marker word, when given, is added."""
    rng = random.Random(f"{seed}:{prefix}")
    examples = []
    for i in range(n):
        label = labels[i % len(labels)]
        words = rng.sample(FILLER, 5)
        if label in marker:
            words.insert(rng.randrange(6), marker[label])
        examples.append(
            Example(
                id=f"{prefix}:{i}",
                fields={"premise": "a premise", "hypothesis": " ".join(words)},
                target=label,
            )
        )
    return examples


def run_probe(builders, train: list[Example], test: list[Example], predicted: list[str]) -> dict:
    outcome = builders.outcome("dev", test, predicted)
    context = builders.context(load_examples=lambda data: train)
    options = ArtifactProbeAnalysis.Options(train=TRAIN_SPEC, test="dev", top_k=3)
    return ArtifactProbeAnalysis().run(options, {"dev": outcome}, context)


def test_finds_a_marker_word(builders) -> None:
    labels = ["entailment", "contradiction"]
    marker = {"contradiction": "nobody"}
    train = synthetic("train", 200, labels, marker, seed=1)
    test = synthetic("test", 100, labels, marker, seed=2)
    # The model is right on the first 60 items only.
    predicted = [e.target if i < 60 else "neutral" for i, e in enumerate(test)]
    result = run_probe(builders, train, test, predicted)
    assert result["probe_accuracy"]["value"] >= 0.98
    assert result["majority_accuracy"]["value"] == pytest.approx(0.5)
    assert result["probe_minus_majority"] >= 0.45
    assert result["top_words"]["contradiction"][0]["word"] == "nobody"
    assert result["train"] == {"n": 200, "label_counts": {"contradiction": 100, "entailment": 100}}
    # Easy/hard split by the probe's own predictions, computed independently.
    probe = HypothesisOnlyProbe().fit(
        [e.fields["hypothesis"] for e in train], [e.target for e in train]
    )
    right = [
        p == e.target
        for p, e in zip(probe.predict([e.fields["hypothesis"] for e in test]), test, strict=True)
    ]
    easy_correct = sum(1 for i, r in enumerate(right) if r and i < 60)
    assert result["easy"]["n"] == sum(right)
    assert result["easy"]["model_accuracy"]["value"] == pytest.approx(easy_correct / sum(right))
    assert result["hard"]["n"] == 100 - sum(right)
    assert len(result["hard_ids"]) == result["hard"]["n"]


def test_no_artifact_means_majority_level(builders) -> None:
    labels = ["entailment", "entailment", "neutral", "contradiction"]
    train = synthetic("train", 400, labels, {}, seed=3)
    test = synthetic("test", 400, labels, {}, seed=4)
    result = run_probe(builders, train, test, [e.target for e in test])
    assert result["majority_label"] == "entailment"
    assert result["majority_accuracy"]["value"] == pytest.approx(0.5)
    # Not better than always answering the majority label.
    assert result["probe_minus_majority"] < 0.05
    assert result["probe_accuracy"]["ci_low"] < result["majority_accuracy"]["value"]


def test_collapsed_test_labels_map_the_probe(builders) -> None:
    labels = ["entailment", "contradiction"]
    marker = {"contradiction": "nobody"}
    train = synthetic("train", 200, labels, marker, seed=5)
    test = synthetic("test", 50, labels, marker, seed=6)
    outcome = builders.outcome("hans", test, [e.target for e in test], builders.BINARY)
    context = builders.context(
        label_mappings={"hans": builders.BINARY}, load_examples=lambda data: train
    )
    options = ArtifactProbeAnalysis.Options(train=TRAIN_SPEC, test="hans")
    result = ArtifactProbeAnalysis().run(options, {"hans": outcome}, context)
    # Unmapped, every "contradiction" would count as wrong (accuracy near 0.5).
    assert result["probe_accuracy"]["value"] >= 0.9


def test_train_block_is_validated_at_load_time() -> None:
    options = ArtifactProbeAnalysis.Options(train={"source": "inline"}, test="dev")
    with pytest.raises(SuiteError, match="examples"):
        ArtifactProbeAnalysis.check(options, ("analyses", 0), SourceMap(None))
    options = ArtifactProbeAnalysis.Options(train={"source": "files", "path": "x"}, test="dev")
    with pytest.raises(SuiteError, match="did you mean 'file'"):
        ArtifactProbeAnalysis.check(options, ("analyses", 0), SourceMap(None))
    ArtifactProbeAnalysis.check(
        ArtifactProbeAnalysis.Options(train=TRAIN_SPEC, test="dev"),
        ("analyses", 0),
        SourceMap(None),
    )
    assert ANALYSES.get("artifact_probe") is ArtifactProbeAnalysis


def test_the_training_block_is_not_cut_by_limit(tmp_path) -> None:
    """--limit counts each test's examples; the probe's training data is not a test (cut to
    two examples of one label, it refused the whole run after every prediction)."""
    import json

    import yaml

    from harness.runner import run_suite

    suite = tmp_path / "suite.yaml"
    suite.write_text(yaml.safe_dump(ArtifactProbeAnalysis.example, sort_keys=False))
    run = run_suite(suite, out_dir=tmp_path / "run", limit=2, progress=False, render_report=False)
    results = json.loads((run / "results.json").read_text())
    assert results["tests"][0]["n"] == 2
    train = results["analyses"]["artifact_probe"]["train"]
    assert train["n"] == 60 and len(train["label_counts"]) == 3
