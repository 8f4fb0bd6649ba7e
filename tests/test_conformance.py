"""One contract for every registered component (in the spirit of scikit-learn's estimator checks).

The checks are public (``harness.testing``), so a plugin runs the same ones on its own
components; here they run over every component in the registries. A new component is
covered by registering it: a test kind or an analysis runs its own ``example`` suite;
a new model adapter or data source also needs one line in ``MODEL_CASES`` /
``SOURCE_CASES`` saying how to build a small one, and the test ``test_every_*_has_a_case``
fails until that line exists. Transforms are checked in
tests/transforms/test_transform_semantic.py (``test_every_transform_follows_the_contract``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harness.errors import HarnessError
from harness.models.base import ModelSpec
from harness.registry import ANALYSES, DATA_SOURCES, GENERATORS, METRICS, MODELS, TASKS, TEST_KINDS
from harness.tasks import load_context
from harness.testing import (
    check_analysis,
    check_data_source,
    check_generator,
    check_metric,
    check_model_adapter,
    check_task,
    check_test_kind,
)
from harness.testing.adapters import NLI_EXAMPLES as EXAMPLES
from harness.testing.adapters import NLI_LABELS as LABELS

PAIRS = [(e.fields["premise"], e.fields["hypothesis"]) for e in EXAMPLES]


# --- model adapters -------------------------------------------------------------------


def _python(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    return ModelSpec.parse("python:helpers.mock_models:word_rules")


def _predictions(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    path = tmp_path / "predictions.jsonl"
    rows = [
        {"id": e.id, "probabilities": {"entailment": 0.5, "neutral": 0.3, "contradiction": 0.2}}
        for e in EXAMPLES
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return ModelSpec.parse(f"predictions:{path}")


def _hf_classifier(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    return ModelSpec.parse(f"hf-classifier:{tiny_bert}")


def _sklearn(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    import joblib
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts = [f"{p} {h}" for p, h in PAIRS]
    pipeline = make_pipeline(CountVectorizer(), LogisticRegression()).fit(
        texts, [e.target for e in EXAMPLES]
    )
    path = tmp_path / "pipeline.joblib"
    joblib.dump(pipeline, path)
    return ModelSpec.parse(f"sklearn:{path}")


def _reference(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    path = tmp_path / "train.jsonl"
    rows = [
        {"premise": p, "hypothesis": h, "label": LABELS[i % 3]} for i, (p, h) in enumerate(PAIRS)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows * 3))
    return ModelSpec.parse("reference", {"train_file": str(path)})


def _hf_causal(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    from helpers.tiny_models import build_tiny_causal_lm

    return ModelSpec.parse(f"hf-causal:{build_tiny_causal_lm(tmp_path / 'causal')}")


def _hf_masked(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    from helpers.tiny_language_models import build_tiny_masked_bert

    return ModelSpec.parse(f"hf-masked:{build_tiny_masked_bert(tmp_path / 'masked')}")


def _hf_qa(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    from helpers.tiny_models import build_tiny_bert_qa

    return ModelSpec.parse(f"hf-qa:{build_tiny_bert_qa(tmp_path / 'qa')}")


def _hf_mc(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    from helpers.tiny_models import build_tiny_bert_multiple_choice

    return ModelSpec.parse(f"hf-mc:{build_tiny_bert_multiple_choice(tmp_path / 'mc')}")


def _rc_reference(tmp_path: Path, tiny_bert: Path) -> ModelSpec:
    return ModelSpec.parse("rc-reference")


#: How to build a small instance of each registered adapter: one line per adapter.
#: ``openai-compatible`` needs a server: its case starts the loopback test server.
MODEL_CASES: dict[str, Callable[[Path, Path], ModelSpec]] = {
    "hf-causal": _hf_causal,
    "hf-classifier": _hf_classifier,
    "hf-masked": _hf_masked,
    "hf-mc": _hf_mc,
    "hf-qa": _hf_qa,
    "openai-compatible": lambda tmp_path, tiny_bert: ModelSpec.parse("openai-compatible:tiny"),
    "predictions": _predictions,
    "python": _python,
    "rc-reference": _rc_reference,
    "reference": _reference,
    "sklearn": _sklearn,
}


def test_every_model_adapter_has_a_case() -> None:
    assert set(MODELS.names()) <= set(MODEL_CASES), "add a line to MODEL_CASES"


@pytest.mark.parametrize("name", sorted(MODEL_CASES))
def test_model_adapter_follows_the_contract(name: str, tmp_path: Path, tiny_bert: Path) -> None:
    spec = MODEL_CASES[name](tmp_path, tiny_bert)
    with contextlib.ExitStack() as stack:
        if name == "openai-compatible":
            from helpers.openai_server import OpenAIServer
            from helpers.tiny_language_models import build_tiny_gpt2

            server = stack.enter_context(OpenAIServer(build_tiny_gpt2(tmp_path / "gpt2")))
            spec = ModelSpec.parse("openai-compatible:tiny", {"base_url": server.url})
        check_model_adapter(spec)


# --- data sources --------------------------------------------------------------------


def _inline(tmp_path: Path) -> dict[str, Any]:
    rows = [{"id": e.id, **e.fields, "label": e.target} for e in EXAMPLES]
    return {"source": "inline", "examples": rows}


def _file(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "data.jsonl"
    rows = [{"id": e.id, **e.fields, "label": e.target} for e in EXAMPLES]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return {"source": "file", "path": str(path)}


SOURCE_CASES: dict[str, Callable[[Path], dict[str, Any]]] = {
    "builtin": lambda tmp_path: {"source": "builtin", "name": "nli-core", "split": "test"},
    "file": _file,
    "generator": lambda tmp_path: {"source": "generator", "name": "hans", "limit": 40},
    # No network here: the hub source must fail with one line, which the test checks.
    "hub": lambda tmp_path: {"source": "hub", "name": "no-such-org/no-such-dataset"},
    "inline": _inline,
}


def test_every_data_source_has_a_case() -> None:
    assert set(DATA_SOURCES.names()) <= set(SOURCE_CASES), "add a line to SOURCE_CASES"


@pytest.mark.parametrize("name", sorted(SOURCE_CASES))
def test_data_source_loads_stable_unique_examples(name: str, tmp_path: Path) -> None:
    data = SOURCE_CASES[name](tmp_path)
    if name == "hub":
        source = DATA_SOURCES.get(name)
        context = load_context("nli", base_dir=tmp_path, labels=LABELS)
        with pytest.raises(HarnessError) as caught:
            source().load(source.Options.model_validate(data), context)
        assert "\n" not in str(caught.value)
        return
    check_data_source(data, base_dir=tmp_path)


# --- generators ------------------------------------------------------------------------


@pytest.mark.parametrize("name", GENERATORS.names())
def test_generator_is_deterministic_with_unique_ids_and_valid_targets(name: str) -> None:
    check_generator(name)


# --- metrics ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", METRICS.names())
def test_metric_follows_the_metric_contract(name: str) -> None:
    check_metric(METRICS.get(name), name=name)


def test_the_metric_check_finds_a_broken_paired_form() -> None:
    accuracy = METRICS.get("accuracy")
    # The sample carries no calibrated scores: that paired form finds nothing to pair.
    broken = dataclasses.replace(accuracy, paired=METRICS.get("ece_calibrated").paired)
    with pytest.raises(AssertionError, match="paired form does not apply"):
        check_metric(broken)
    lying = dataclasses.replace(accuracy, paired=METRICS.get("flip_rate").paired)
    with pytest.raises(AssertionError, match="paired value"):
        check_metric(lying)
    with pytest.raises(AssertionError, match="registered as"):
        check_metric(accuracy, name="other")


@pytest.mark.parametrize("name", TASKS.names())
def test_task_declares_fields_requests_and_registered_metrics(name: str) -> None:
    check_task(name)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=[pytest.mark.attack, pytest.mark.slow])
        if name == "attack"
        else name
        for name in TEST_KINDS.names()
    ],
)
def test_test_kind_follows_the_contract(name: str) -> None:
    if name == "attack":
        from harness.attack.offline import textattack_installed

        if not textattack_installed():
            pytest.skip("textattack is not installed (pip install 'reasoning-harness[attack]')")
    check_test_kind(name)


#: reasoning_gap's example, until its module carries one (``example``) as the others do.
REASONING_GAP_SUITE: dict[str, Any] = {
    "name": "reasoning_gap_example",
    "task": "nli",
    "labels": list(LABELS),
    "model": "python:harness.testing.models:nli_word_rules",
    "tests": [
        {"name": "nli_core", "data": {"source": "builtin", "name": "nli-core", "limit": 30}},
        {
            "name": "capabilities",
            "data": {
                "source": "generator",
                "name": "capabilities",
                "params": {"n_per_capability": 4, "use_wordnet": "no"},
            },
        },
    ],
    "analyses": [
        {
            "name": "reasoning_gap",
            "reference_test": "nli_core",
            "tests": ["capabilities"],
            "by": ["capability"],
        }
    ],
}


@pytest.mark.parametrize("name", ANALYSES.names())
def test_analysis_follows_the_contract(name: str) -> None:
    check_analysis(name, REASONING_GAP_SUITE if name == "reasoning_gap" else None)
