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
    WordScore,
    explain_failures,
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
    run = run_suite(tmp_path / "suite.yaml", out_dir=tmp_path / "run", progress=False)
    results = json.loads((run / "results.json").read_text())
    section = results["tests"][0]["sections"]["explanations"]
    # door, boy, woman, shop (not), cup, alone, fridge (no): contradiction, gold entailment;
    # eat: entailment, gold contradiction. girl and dog are right.
    assert section["n_failing"] == 8 and section["n_explained"] == 8
    by_id = {item["id"].rpartition(":")[2]: item for item in section["items"]}
    # The function words did push the wrong answers (the model weighs them a little),
    # so a summary that kept them would list them.
    door = dict(by_id["door"]["fields"]["hypothesis"])
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
    """An attributor that records which items it was asked to explain."""

    def __init__(self, method: str) -> None:
        self.method = method
        self.seen: list[str] = []

    def attribute(
        self, items: Sequence[ItemResult], fields: Sequence[str]
    ) -> list[ItemAttribution]:
        self.seen += [item.id for item in items]
        return [_attribution(item.id, [("not", 1.0)]) for item in items]


def test_the_first_failures_get_the_detailed_method_and_the_rest_the_cheap_one() -> None:
    items = [_item(f"i{n}", {}) for n in range(7)]
    detailed, cheap = _Recording("integrated_gradients"), _Recording("occlusion")
    section = explain_failures(items, detailed, ["hypothesis"], 6, detailed=2, fallback=cheap)
    assert section is not None
    # Equal confidence: ordered by id; the cap of 6 leaves i6 out.
    assert detailed.seen == ["i0", "i1"] and cheap.seen == ["i2", "i3", "i4", "i5"]
    assert section["n_failing"] == 7 and section["n_explained"] == 6
    assert section["featured"] == 5
    # Occlusion fallback for an occlusion attributor: one method for all.
    only = _Recording("occlusion")
    section = explain_failures(items, only, ["hypothesis"], 10, detailed=2, fallback=cheap)
    assert section is not None and only.seen == [f"i{n}" for n in range(7)]
    assert section["methods"] == {"occlusion": 7}
