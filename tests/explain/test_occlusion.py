"""Occlusion against a ``python:`` model whose decision rests on one known word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import mock_models

from harness.explain import normalised_word, without_word, words_of
from harness.runner import run_suite

SUITE = """\
name: occlusion
task: nli
labels: [entailment, neutral, contradiction]
seed: 3
model: "python:helpers.mock_models:not_detector"
tests:
  - name: pairs
    slice_by: [kind]
    data:
      source: inline
      examples:
        - {id: a, premise: "The cat sleeps.", hypothesis: "The cat is not awake.", label: entailment, kind: litotes}
        - {id: b, premise: "A man sings.", hypothesis: "A man does not stay <b>silent</b>.", label: entailment, kind: litotes}
        - {id: c, premise: "A dog runs.", hypothesis: "A dog runs.", label: entailment, kind: plain}
        - {id: d, premise: "A girl reads.", hypothesis: "A girl sleeps.", label: contradiction, kind: plain}
"""


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("The cat is not awake.", 11, 14, "The cat is awake."),
        ("not awake", 0, 3, "awake"),
        ("is not", 3, 6, "is"),
    ],
)
def test_without_word(text: str, start: int, end: int, expected: str) -> None:
    assert text[start:end] in {"not"}
    assert without_word(text, start, end) == expected


def test_the_deciding_word_gets_all_the_credit(tmp_path: Path) -> None:
    (tmp_path / "suite.yaml").write_text(SUITE, encoding="utf-8")
    run = run_suite(
        tmp_path / "suite.yaml", out_dir=tmp_path / "run", progress=False, allow_code=True
    )
    results = json.loads((run / "results.json").read_text())
    section = results["tests"][0]["sections"]["explanations"]
    assert section["method"] == "occlusion"
    # a, b: "not" makes the model say contradiction (wrong); d: entailment (wrong).
    assert section["n_failing"] == 3 and section["n_explained"] == 3
    # Inline examples get ids "inline:<id>".
    by_id = {item["id"].rpartition(":")[2]: item for item in section["items"]}
    for item_id in ("a", "b"):
        item = by_id[item_id]
        assert item["label"] == "contradiction"
        hypothesis = {word: score for word, score, _ in item["fields"]["hypothesis"]}
        # Without "not": p(contradiction) falls from 0.9 to 0.05.
        assert hypothesis.pop("not") == pytest.approx(0.85)
        assert set(hypothesis.values()) == {0.0}
        assert {score for _, score, _ in item["fields"]["premise"]} == {0.0}
        # Every word is scored, in order, with its position; markup included as text.
        text = next(e for e in SUITE_EXAMPLES if e[0] == item_id)[1]
        words = [(w, p) for w, _, p in item["fields"]["hypothesis"]]
        assert words == [(w, p) for p, (w, _, _) in enumerate(words_of(text))]
    # d's answer rests on no single word: removing any one leaves it unchanged.
    assert {s for words in by_id["d"]["fields"].values() for _, s, _ in words} == {0.0}
    # Two failures are too few for the per-slice summary (tests/explain/test_word_summary.py).
    assert section["words_by_slice"] == []

    # Cached like predictions: a second run asks the model nothing.
    calls = len(mock_models.CALLS)
    run_suite(tmp_path / "suite.yaml", out_dir=tmp_path / "again", progress=False, allow_code=True)
    assert len(mock_models.CALLS) == calls


SUITE_EXAMPLES = [
    ("a", "The cat is not awake."),
    ("b", "A man does not stay <b>silent</b>."),
]


def test_explain_zero_turns_explanations_off(tmp_path: Path) -> None:
    (tmp_path / "suite.yaml").write_text(SUITE, encoding="utf-8")
    run = run_suite(
        tmp_path / "suite.yaml",
        out_dir=tmp_path / "run",
        progress=False,
        explain_failures=0,
        allow_code=True,
    )
    results = json.loads((run / "results.json").read_text())
    assert "explanations" not in results["tests"][0]["sections"]


def test_normalised_word() -> None:
    assert normalised_word("Not,") == "not"
    assert normalised_word("<b>silent</b>.") == "b>silent</b"
