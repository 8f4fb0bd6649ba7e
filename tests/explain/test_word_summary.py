"""The per-slice word summary and the split between the detailed and the cheap method."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from harness.core import Example, ItemResult, Prediction
from harness.explain import (
    FUNCTION_WORDS,
    ItemAttribution,
    ScoredTest,
    WordScore,
    explain_tests,
    words_by_slice,
)
from harness.runner import run_suite

# Every pair is labelled by reading it: a closed door is not open (entailment), and so on.
EXAMPLES = [
    ("door", "The door is closed.", "The door is not open.", "entailment", "negated"),
    ("boy", "The boy is awake.", "The boy is not asleep.", "entailment", "negated"),
    ("woman", "A woman is silent.", "A woman is not talking.", "entailment", "negated"),
    ("shop", "The shop is closed today.", "The shop is not open today.", "entailment", "negated"),
    ("cup", "The cup is empty.", "There is no water in the cup.", "entailment", "negated"),
    ("alone", "The man is alone.", "No one is with the man.", "entailment", "negated"),
    ("fridge", "The fridge is empty.", "There is no food in the fridge.", "entailment", "negated"),
    ("girl", "The girl is sleeping.", "The girl is not sleeping.", "contradiction", "negated"),
    ("dog", "A dog runs in a park.", "A dog runs.", "entailment", "plain"),
    ("eat", "A man is eating.", "A man is fasting.", "contradiction", "plain"),
]


def _suite() -> str:
    rows = "\n".join(
        f'        - {{id: {i}, premise: "{p}", hypothesis: "{h}", label: {g}, kind: {k}}}'
        for i, p, h, g, k in EXAMPLES
    )
    return f"""\
name: negation_cue
task: nli
labels: [entailment, neutral, contradiction]
seed: 5
model: "python:helpers.cue_models:negation_cue"
tests:
  - name: pairs
    slice_by: [kind]
    data:
      source: inline
      examples:
{rows}
"""


def test_a_model_resting_on_negation_shows_not_and_no(tmp_path: Path) -> None:
    (tmp_path / "suite.yaml").write_text(_suite(), encoding="utf-8")
    run = run_suite(
        tmp_path / "suite.yaml",
        out_dir=tmp_path / "run",
        progress=False,
        explain_failures=10,
        allow_code=True,
    )
    results = json.loads((run / "results.json").read_text())
    section = results["tests"][0]["sections"]["explanations"]
    # door, boy, woman, shop (not), cup, alone, fridge (no): contradiction, gold entailment;
    # eat: entailment, gold contradiction. girl and dog are right.
    assert section["n_failing"] == 8 and section["n_explained"] == 8
    by_id = {item["id"].rpartition(":")[2]: item for item in section["items"]}
    # The function words did push the wrong answers (the model weighs them a little),
    # so a summary that kept them would list them.
    door = {word: score for word, score, _ in by_id["door"]["fields"]["hypothesis"]}
    assert door["The"] > 0 and door["is"] > 0 and door["not"] > 10 * door["is"]
    summary = {(row["field"], row["value"]): row["words"] for row in section["words_by_slice"]}
    for key in [("all", "all"), ("predicted", "contradiction"), ("kind", "negated")]:
        words = summary[key]
        # "not" is the largest word in 4 failures, "no" in 3: shrunken means 4/6 and 3/5.
        assert [w["word"] for w in words] == ["not", "no"]
        assert words[0] == {"word": "not", "weight": pytest.approx(4 / 6, abs=1e-4), "items": 4}
        assert words[1] == {"word": "no", "weight": pytest.approx(3 / 5, abs=1e-4), "items": 3}
    # eat's answer (entailment) is pushed by no content word: "man" and "fasting" weigh 0.
    assert ("predicted", "entailment") not in summary
    listed = {w["word"] for words in summary.values() for w in words}
    assert not listed & FUNCTION_WORDS


def _item(item_id: str, tags: dict[str, str], predicted: str = "contradiction") -> ItemResult:
    example = Example(id=item_id, fields={"hypothesis": "x"}, target="entailment", meta=tags)
    prediction = Prediction(example_id=item_id, label=predicted, scores={predicted: 0.9})
    return ItemResult("t", example, prediction, "entailment", predicted, False, tags=tags)


def _attribution(item_id: str, words: Sequence[tuple[str, float]]) -> ItemAttribution:
    scores = [WordScore(word, score) for word, score in words]
    return ItemAttribution("t", item_id, "contradiction", "occlusion", {"hypothesis": scores})


def test_the_summary_ranks_by_shrunken_mean_with_a_minimum_count() -> None:
    # "sleeping" is in 3 failures with 0.5 each; "never" in 4 with 1, 1, 0.5, -0.5;
    # "asleep" has the largest score of all but is in 2 failures (under the minimum);
    # "the" is everywhere and large, but a function word.
    rows = [
        ("a", [("never", 2.0), ("sleeping", 1.0), ("the", 2.0)]),
        ("b", [("Never,", 4.0), ("sleeping", 2.0), ("The", 4.0)]),
        ("c", [("never", 1.0), ("sleeping", 1.0), ("the", 2.0)]),
        ("d", [("never", -1.0), ("asleep", 2.0), ("the", 2.0)]),
        ("e", [("asleep", 3.0), ("the", 3.0)]),
    ]
    items = [_item(i, {"kind": "k"}) for i, _ in rows]
    attributions = [_attribution(i, words) for i, words in rows]
    summary = words_by_slice(items, attributions)
    everything = next(row for row in summary if row["field"] == "all")
    # never: (1 + 1 + 0.5 − 0.5) / (4 + 2) = 1/3; sleeping: (0.5 + 0.5 + 0.5) / (3 + 2) = 0.3.
    assert everything["words"] == [
        {"word": "never", "weight": pytest.approx(1 / 3, abs=1e-4), "items": 4},
        {"word": "sleeping", "weight": pytest.approx(0.3, abs=1e-4), "items": 3},
    ]
    assert {(row["field"], row["value"]) for row in summary} == {
        ("all", "all"),
        ("kind", "k"),
        ("predicted", "contradiction"),
    }


def test_negation_and_quantifiers_are_not_function_words() -> None:
    for word in ("not", "no", "never", "nobody", "nothing", "none", "all", "some", "every"):
        assert word not in FUNCTION_WORDS
    for word in ("the", "a", "is", "of", "to", "and", "he", "they"):
        assert word in FUNCTION_WORDS


class _Recording:
    """An attributor that records which items it was asked to explain, and for what."""

    def __init__(self, method: str) -> None:
        self.method = method
        self.seen: list[str] = []
        self.targets: list[list[str]] = []
        self.calls = 0

    def attribute(
        self,
        items: Sequence[ItemResult],
        fields: Sequence[str],
        targets: Sequence[Sequence[str]] | None = None,
    ) -> list[ItemAttribution]:
        self.calls += 1
        self.seen += [item.id for item in items]
        self.targets += [list(t) for t in targets or []]
        return [_attribution(item.id, [("not", 1.0)]) for item in items]


def _explain(tests, findings=(), per_test=6, detailed=2, best=None, cheap=None):
    best = best or _Recording("integrated_gradients")
    cheap = cheap or _Recording("occlusion")
    sections = explain_tests(
        tests,
        list(findings),
        model=None,
        labels=("entailment", "neutral", "contradiction"),
        fields=["hypothesis"],
        per_test=per_test,
        detailed=detailed,
        best=best,
        occlusion=lambda predictor: cheap,
    )
    return sections, best, cheap


def test_the_first_failures_get_the_detailed_method_and_the_rest_the_cheap_one() -> None:
    items = [_item(f"i{n}", {}) for n in range(7)]
    sections, detailed, cheap = _explain([ScoredTest("t", items, {}, None)])
    section = sections["t"]
    # Equal confidence: ordered by id; the first 6 are chosen, i6 is left out.
    assert detailed.seen == ["i0", "i1"] and cheap.seen == ["i2", "i3", "i4", "i5"]
    assert section["n_failing"] == 7 and section["n_explained"] == 6
    assert section["featured"] == 5
    # A black box: occlusion for all, in one call.
    only = _Recording("occlusion")
    sections, _, cheap = _explain([ScoredTest("t", items, {}, None)], per_test=10, best=only)
    assert cheap.seen == [f"i{n}" for n in range(7)] and cheap.calls == 1
    assert sections["t"]["methods"] == {"occlusion": 7}


def test_several_tests_are_attributed_in_one_call_per_method() -> None:
    first = [_item(f"a{n}", {}) for n in range(4)]
    second = [_item(f"b{n}", {}) for n in range(4)]
    tests = [ScoredTest("t1", first, {}, None), ScoredTest("t2", second, {}, None)]
    sections, detailed, cheap = _explain(tests, per_test=3, detailed=1)
    assert detailed.calls == 1 and detailed.seen == ["a0", "b0"]
    assert cheap.calls == 1 and cheap.seen == ["a1", "a2", "b1", "b2"]
    assert set(sections) == {"t1", "t2"}


def test_a_collapsed_label_is_explained_as_the_sum_of_its_members() -> None:
    items = [_item("i0", {}, predicted="non-entailment")]
    mapping = {"neutral": "non-entailment", "contradiction": "non-entailment"}
    _, detailed, _ = _explain([ScoredTest("t", items, mapping, None)])
    assert detailed.targets == [["neutral", "contradiction"]]
    _, detailed, _ = _explain([ScoredTest("t", [_item("i1", {})], {}, None)])
    assert detailed.targets == [["contradiction"]]


def test_each_findings_evidence_is_explained_besides_the_featured_failures() -> None:
    # Ten failures: the first two (by id) are featured; the finding points at kind=rare.
    items = [_item(f"i{n}", {"kind": "rare" if n >= 7 else "common"}) for n in range(10)]
    analysis = [_item(f"h{n}", {"heuristic": "overlap"}) for n in range(3)]
    findings = [
        {"status": "finding", "key": "t/slice", "statement": "s", "rank": 1,
         "evidence": {"test": "t", "slice": ["kind", "rare"]}},
        {"status": "underpowered", "key": "t/u", "statement": "u", "rank": None,
         "evidence": {"test": "t", "slice": ["kind", "common"]}},
        {"status": "finding", "key": "gap/row", "statement": "g", "rank": 2,
         "evidence": {"analysis": "gap", "items": {"tests": ["h"], "where": {"heuristic": "overlap"},
                                                    "gold": "entailment"}}},
    ]  # fmt: skip
    tests = [ScoredTest("t", items, {}, None), ScoredTest("h", analysis, {}, None)]
    sections, detailed, cheap = _explain(tests, findings, per_test=2, detailed=2)
    assert detailed.seen == ["i0", "i1", "h0", "h1"]
    assert cheap.seen == ["i7", "i8", "i9", "h2"]
    evidence = sections["t"]["evidence"]
    assert [(e["finding"], e["ids"]) for e in evidence] == [("t/slice", ["i7", "i8", "i9"])]
    assert sections["h"]["evidence"][0]["ids"] == ["h0", "h1", "h2"]
    assert sections["t"]["n_explained"] == 5


def test_an_empty_explanation_is_not_counted_as_explained() -> None:
    class Silent(_Recording):
        def attribute(self, items, fields, targets=None):  # type: ignore[override]
            return [ItemAttribution("t", item.id, "x", self.method, {}) for item in items]

    items = [_item(f"i{n}", {}) for n in range(3)]
    sections, _, _ = _explain(
        [ScoredTest("t", items, {}, None)], best=Silent("occlusion"), cheap=Silent("occlusion")
    )
    section = sections["t"]
    assert section["n_failing"] == 3 and section["n_explained"] == 0
    assert section["n_unexplained"] == 3 and section["items"] == []
