"""sklearn: joblib pipelines fit in the test; loading a pickle needs an explicit opt-in."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from harness.core import Example
from harness.errors import LabelMappingError, ModelError, UnsafeLoadError
from harness.models.base import ModelContext, ModelSpec, load_model

NLI = ("entailment", "neutral", "contradiction")
CONTEXT = ModelContext(task="nli", labels=NLI, input_fields=("premise", "hypothesis"))
ALLOWED = ModelContext(
    task="nli", labels=NLI, input_fields=("premise", "hypothesis"), allow_pickle=True
)

ROWS = [
    ("A man plays a guitar.", "A man plays music.", "entailment"),
    ("A woman reads a book.", "A woman reads.", "entailment"),
    ("A man plays a guitar.", "The man is famous.", "neutral"),
    ("A woman reads a book.", "The book is long.", "neutral"),
    ("A man plays a guitar.", "Nobody plays music.", "contradiction"),
    ("A woman reads a book.", "Nobody reads.", "contradiction"),
]
EXAMPLES = [
    Example(id=f"e{i}", fields={"premise": p, "hypothesis": h}, target=label)
    for i, (p, h, label) in enumerate(ROWS)
]
TEXTS = [f"{p} [SEP] {h}" for p, h, _ in ROWS]
TARGETS = [label for _, _, label in ROWS]


def text_pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(), LogisticRegression(C=10.0, max_iter=1000)).fit(
        TEXTS, TARGETS
    )


def save(estimator, path: Path) -> Path:
    import joblib

    joblib.dump(estimator, path)
    return path


@pytest.fixture
def pipeline_file(tmp_path) -> Path:
    return save(text_pipeline(), tmp_path / "pipeline.joblib")


def test_loading_a_pickle_needs_an_opt_in(pipeline_file):
    with pytest.raises(UnsafeLoadError, match="is a pickle; loading it can run code") as caught:
        load_model(ModelSpec.parse(f"sklearn:{pipeline_file}"), CONTEXT)
    assert "--allow-pickle" in str(caught.value)
    # Only the command line opens the door: a suite or model option cannot.
    for value in ("false", "true"):
        with pytest.raises(ModelError, match="pass --allow-pickle on the command line"):
            load_model(
                ModelSpec.parse(f"sklearn:{pipeline_file}", {"allow_pickle": value}), CONTEXT
            )
    assert load_model(ModelSpec.parse(f"sklearn:{pipeline_file}"), ALLOWED)


def test_probabilities_equal_the_pipeline_called_directly(pipeline_file):
    model = load_model(ModelSpec.parse(f"sklearn:{pipeline_file}"), ALLOWED)
    assert tuple(model.labels) == ("contradiction", "entailment", "neutral")
    probabilities = model.classify(EXAMPLES)
    np.testing.assert_allclose(probabilities, text_pipeline().predict_proba(TEXTS), atol=1e-12)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    facts = model.describe()
    assert facts["kind"] == "sklearn" and facts["is_reference"] is False


def test_input_template(tmp_path):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts = [f"hypothesis: {h} premise: {p}" for p, h, _ in ROWS]
    pipeline = make_pipeline(CountVectorizer(), LogisticRegression()).fit(texts, TARGETS)
    path = save(pipeline, tmp_path / "p.joblib")
    template = "hypothesis: {hypothesis} premise: {premise}"
    model = load_model(ModelSpec.parse(f"sklearn:{path}", {"input_template": template}), ALLOWED)
    assert model.render(EXAMPLES) == texts
    np.testing.assert_allclose(model.classify(EXAMPLES), pipeline.predict_proba(texts))
    bad = load_model(ModelSpec.parse(f"sklearn:{path}", {"input_template": "{question}"}), ALLOWED)
    with pytest.raises(ModelError, match="cannot be filled from example 'e0'"):
        bad.classify(EXAMPLES)


def test_frame_input_gives_one_column_per_field(tmp_path):
    import pandas as pd
    from sklearn.compose import make_column_transformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    frame = pd.DataFrame([{"premise": p, "hypothesis": h} for p, h, _ in ROWS])
    pipeline = make_pipeline(
        make_column_transformer((TfidfVectorizer(), "premise"), (TfidfVectorizer(), "hypothesis")),
        LogisticRegression(),
    ).fit(frame, TARGETS)
    path = save(pipeline, tmp_path / "frame.joblib")
    model = load_model(ModelSpec.parse(f"sklearn:{path}", {"input": "frame"}), ALLOWED)
    np.testing.assert_allclose(model.classify(EXAMPLES), pipeline.predict_proba(frame))


def test_without_predict_proba_the_prediction_is_one_hot(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    pipeline = make_pipeline(TfidfVectorizer(), LinearSVC()).fit(TEXTS, TARGETS)
    path = save(pipeline, tmp_path / "svc.joblib")
    model = load_model(ModelSpec.parse(f"sklearn:{path}"), ALLOWED)
    probabilities = model.classify(EXAMPLES)
    predicted = pipeline.predict(TEXTS)
    assert set(np.unique(probabilities)) == {0.0, 1.0}
    assert [model.labels[row.argmax()] for row in probabilities] == list(predicted)


def test_numeric_classes_need_a_label_map(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    numeric = [NLI.index(label) for label in TARGETS]
    path = save(
        make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(TEXTS, numeric),
        tmp_path / "n.joblib",
    )
    with pytest.raises(LabelMappingError, match="label '0'"):
        load_model(ModelSpec.parse(f"sklearn:{path}"), ALLOWED)
    label_map = {"0": "entailment", "1": "neutral", "2": "contradiction"}
    model = load_model(ModelSpec.parse(f"sklearn:{path}", {"label_map": label_map}), ALLOWED)
    assert tuple(model.labels) == ("0", "1", "2")


def test_fingerprint_follows_file_and_options(tmp_path, pipeline_file):
    first = load_model(ModelSpec.parse(f"sklearn:{pipeline_file}"), ALLOWED).fingerprint()
    assert load_model(ModelSpec.parse(f"sklearn:{pipeline_file}"), ALLOWED).fingerprint() == first
    templated = ModelSpec.parse(f"sklearn:{pipeline_file}", {"input_template": "{premise}"})
    assert load_model(templated, ALLOWED).fingerprint() != first
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    save(
        make_pipeline(TfidfVectorizer(), LogisticRegression(C=0.1)).fit(TEXTS, TARGETS),
        pipeline_file,
    )
    assert load_model(ModelSpec.parse(f"sklearn:{pipeline_file}"), ALLOWED).fingerprint() != first


def test_a_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no such file"):
        load_model(ModelSpec.parse(f"sklearn:{tmp_path / 'absent.joblib'}"), ALLOWED)
