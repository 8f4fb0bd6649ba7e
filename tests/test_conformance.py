"""One contract for every registered component (in the spirit of scikit-learn's estimator checks).

Every model adapter, data source, generator, metric, task, test kind and analysis in
the registries is checked here; transforms have theirs in
tests/transforms/test_transform_semantic.py (``test_every_transform_follows_the_contract``).
A new component is covered by registering it; a new model adapter or data source also
needs one line in ``MODEL_CASES`` / ``SOURCE_CASES`` saying how to build a small one,
and the test ``test_every_*_has_a_case`` fails until that line exists.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from harness.core import Example, Prediction
from harness.errors import HarnessError, ModelError
from harness.execution import MetricValue
from harness.metrics import HIGHER, LOWER, Metric, MetricContext
from harness.models.base import ModelContext, ModelOptions, ModelSpec, load_model
from harness.predictor import RequestRunner
from harness.registry import (
    ANALYSES,
    DATA_SOURCES,
    GENERATORS,
    METRICS,
    MODELS,
    TASKS,
    TEST_KINDS,
)
from harness.requests import (
    REQUEST_KINDS,
    Classify,
    ExtractSpan,
    Generate,
    Loglikelihood,
    ScoreChoices,
    served_kinds,
)
from harness.tasks import TaskSetup, load_context
from harness.tasks.classification import score_classification

LABELS = ("entailment", "neutral", "contradiction")
PAIRS = [
    ("A man is playing a guitar on stage.", "A man is playing music."),
    ("Two dogs run across a field.", "No animals are outside."),
    ("A woman slices an onion.", "A woman is cooking for her family."),
    ("The children are asleep.", "The children are not awake."),
    ("A cyclist climbs a steep hill.", "Someone is riding a bicycle."),
    ("The market is crowded today.", "Nobody is at the market."),
]
EXAMPLES = [
    Example(id=f"c{i}", fields={"premise": p, "hypothesis": h}, target=LABELS[i % 3])
    for i, (p, h) in enumerate(PAIRS)
]
CONTEXT = ModelContext(
    task="nli", labels=LABELS, input_fields=("premise", "hypothesis"), seed=0, allow_pickle=True
)


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

#: One request of each kind, to ask every adapter what it serves.
PROBES = {
    "classify": [Classify(example=e, example_id=e.id) for e in EXAMPLES],
    # Non-empty contexts: a served model gives no log-probability for a prompt's first
    # token (its adapter refuses an empty context in one line, docs/served-models.md).
    "loglikelihood": [
        Loglikelihood(context="A man is playing", continuation=" a guitar", example_id="l1"),
        Loglikelihood(context="Two", continuation=" dogs run.", example_id="l2"),
    ],
    "generate": [Generate(prompt="A man is", max_tokens=3, stop=("\n",), example_id="g1")],
    "extract_span": [
        ExtractSpan(
            context="The ferry leaves at noon from the northern pier.",
            question="When does the ferry leave?",
            example_id="s1",
        )
    ],
    "score_choices": [
        ScoreChoices(
            context="Owen sold his bicycle and bought a kayak.",
            question="What did Owen buy?",
            choices=("a bicycle", "a kayak", "a tent"),
            example_id="c1",
        )
    ],
}


def test_every_model_adapter_has_a_case() -> None:
    assert set(MODELS.names()) <= set(MODEL_CASES), "add a line to MODEL_CASES"


@pytest.mark.parametrize("name", MODELS.names())
def test_model_adapter_declares_validated_options(name: str) -> None:
    options = MODELS.get(name).Options
    assert issubclass(options, ModelOptions)
    assert options.model_config.get("extra") == "forbid"
    with pytest.raises(ModelError) as caught:
        load_model(ModelSpec(kind=name, target="x", options={"batchsize": 8}), CONTEXT)
    message = str(caught.value)
    assert "unknown option 'batchsize'" in message and "did you mean 'batch_size'" in message
    assert "\n" not in message


@pytest.mark.parametrize("name", sorted(MODEL_CASES))
def test_model_adapter_serves_checked_deterministic_answers(
    name: str, tmp_path: Path, tiny_bert: Path
) -> None:
    spec = MODEL_CASES[name](tmp_path, tiny_bert)
    with contextlib.ExitStack() as stack:
        if name == "openai-compatible":
            from helpers.openai_server import OpenAIServer
            from helpers.tiny_language_models import build_tiny_gpt2

            server = stack.enter_context(OpenAIServer(build_tiny_gpt2(tmp_path / "gpt2")))
            spec = ModelSpec.parse("openai-compatible:tiny", {"base_url": server.url})
        first, second = load_model(spec, CONTEXT), load_model(spec, CONTEXT)
        fingerprint = first.fingerprint()
        assert isinstance(fingerprint, str) and len(fingerprint) >= 16
        assert second.fingerprint() == fingerprint
        assert first.describe().get("name")
        served = served_kinds(first)
        assert served and served <= set(REQUEST_KINDS)
        for kind in sorted(served):
            requests = PROBES[kind]
            answers = RequestRunner(first).run(requests)  # checks every answer
            assert answers == RequestRunner(second).run(requests), kind
            if kind == "classify":
                for answer in answers:
                    assert math.isclose(sum(answer["probabilities"]), 1.0, abs_tol=1e-4)


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
    source = DATA_SOURCES.get(name)
    assert source.Options.model_config.get("extra") == "forbid"
    options = source.Options.model_validate(SOURCE_CASES[name](tmp_path))
    context = load_context(
        "nli",
        base_dir=tmp_path,
        labels=LABELS,
        input_fields=("premise", "hypothesis"),
        seed=0,
    )
    if name == "hub":
        with pytest.raises(HarnessError) as caught:
            source().load(options, context)
        assert "\n" not in str(caught.value)
        return
    first, second = source().load(options, context), source().load(options, context)
    assert first and first == second
    assert len({e.id for e in first}) == len(first)
    for example in first:
        assert set(example.fields) == {"premise", "hypothesis"}
        assert all(isinstance(value, str) and value for value in example.fields.values())
        assert example.target in (*LABELS, "non-entailment")


# --- generators ------------------------------------------------------------------------


@pytest.mark.parametrize("name", GENERATORS.names())
def test_generator_is_deterministic_with_unique_ids_and_valid_targets(name: str) -> None:
    generator = GENERATORS.get(name)
    assert generator.Options.model_config.get("extra") == "forbid"
    options = generator.Options()
    first = generator().generate(options, 7)
    second = generator().generate(options, 7)
    assert first and [dataclasses.astuple(e) for e in first] == [
        dataclasses.astuple(e) for e in second
    ]
    assert len({e.id for e in first}) == len(first)
    for example in first:
        # NLI generators give labels; others their task's target (a choice index) or
        # none (minimal pairs are compared, not labelled).
        if isinstance(example.target, str):
            assert example.target in (*LABELS, "non-entailment")
        else:
            json.dumps(example.target)
        assert all(v is not None for v in example.fields.values())
        json.dumps(dict(example.fields))
        json.dumps(dict(example.meta))  # slice tags are plain data


# --- metrics ---------------------------------------------------------------------------


def _items() -> list[Any]:
    rng = np.random.default_rng(3)
    examples = [
        Example(id=f"m{i}", fields={"premise": "p", "hypothesis": "h"}, target=LABELS[i % 3])
        for i in range(60)
    ]
    predictions = []
    for example in examples:
        p = rng.dirichlet([1.0, 1.0, 1.0])
        predictions.append(
            Prediction(example_id=example.id, scores=dict(zip(LABELS, p.tolist(), strict=True)))
        )
    _, items = score_classification("t", examples, predictions, LABELS)
    # Give every item the per-item scores that registered metrics average.
    names = {METRICS.get(n).item_score for n in METRICS.names()} - {None, "correct", "brier"}
    return [
        dataclasses.replace(
            item, scores={**item.scores, **{n: float(rng.integers(0, 2)) for n in names}}
        )
        for item in items
    ]


@pytest.mark.parametrize("name", METRICS.names())
def test_metric_declares_itself_and_its_value_matches_its_declaration(name: str) -> None:
    metric = METRICS.get(name)
    assert isinstance(metric, Metric) and metric.name == name
    assert metric.direction in (HIGHER, LOWER)
    assert metric.description
    items = _items()
    result = metric(items, LABELS, MetricContext(resamples=200, seed=1))
    if metric.table:
        assert not metric.gateable and not metric.per_slice
        json.dumps(result)
        return
    if result is None:
        return  # the metric says it does not apply to these items (bias or QA scores)
    assert isinstance(result, MetricValue)
    assert result.n == len(items)
    if "oracle" in result.method:
        return  # tuned on the evaluated items: no CI, by design
    if math.isnan(result.value):
        return  # undefined here, and says so (NaN, never a made-up 0)
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low - 1e-12 <= result.value <= result.ci_high + 1e-12
    if metric.item_score is not None:
        expected = np.mean([item.scores[metric.item_score] for item in items])
        assert result.value == pytest.approx(expected)
    if metric.gateable:
        paired = metric.paired_inputs(items, items, LABELS)
        assert paired is not None
        assert paired.base_value == pytest.approx(result.value)
        assert paired.candidate_value == pytest.approx(result.value)
        assert paired.discordant == 0


# --- tasks, test kinds, analyses ---------------------------------------------------------


@pytest.mark.parametrize("name", TASKS.names())
def test_task_declares_fields_requests_and_registered_metrics(name: str) -> None:
    task_class = TASKS.get(name)
    assert task_class.name == name
    assert task_class.Options.model_config.get("extra") == "forbid"
    assert task_class.default_input_fields and isinstance(task_class.target_column, str)
    assert task_class.default_metrics
    for metric in task_class.default_metrics:
        assert metric in METRICS.names()
        assert not METRICS.get(metric).needs_labels or task_class.needs_labels
    setup = TaskSetup(
        labels=LABELS if task_class.needs_labels else (),
        input_fields=task_class.default_input_fields,
        options=task_class.Options(),
    )
    task = task_class(setup)
    assert task.request_kinds() and set(task.request_kinds()) <= set(REQUEST_KINDS)


@pytest.mark.parametrize(
    "registry,name",
    [(TEST_KINDS, n) for n in TEST_KINDS.names()] + [(ANALYSES, n) for n in ANALYSES.names()],
)
def test_test_kinds_and_analyses_have_strict_options_and_run(registry: Any, name: str) -> None:
    component = registry.get(name)
    assert component.Options.model_config.get("extra") == "forbid"
    assert callable(getattr(component(), "run", None))
