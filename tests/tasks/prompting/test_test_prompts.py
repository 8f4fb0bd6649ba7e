"""A ``prompt:`` of an evaluate test's own, over the suite's prompt: run through harness run."""

from __future__ import annotations

import json

import pytest
import yaml

from harness.errors import SuiteError
from harness.runner import run_suite
from harness.suite import load_suite

NLI = ["entailment", "neutral", "contradiction"]
EXAMPLES = [
    {"id": f"e{i}", "premise": "p", "hypothesis": h, "label": label}
    for i, (h, label) in enumerate([("same", "entailment"), ("other", "contradiction")] * 2)
]
POOL = [
    {"id": "s1", "premise": "A dog runs.", "hypothesis": "An animal runs.", "label": "entailment"},
    {"id": "s2", "premise": "A cat naps.", "hypothesis": "A cat dances.", "label": "contradiction"},
    {"id": "s3", "premise": "A man sits.", "hypothesis": "A man is tall.", "label": "neutral"},
]


def template_lm(rows):
    """GPT-3 template: always right ('True' iff entailment); other templates: 'Yes'."""
    answers = []
    for row in rows:
        context, word = row["context"], row["continuation"].strip()
        if "True, False or Neither" in context:
            gold = "True" if "same" in context.split("Question:")[-1] else "False"
            answers.append({"loglikelihood": 0.0 if word == gold else -5.0})
        else:
            answers.append({"loglikelihood": 0.0 if word.lower() == "yes" else -5.0})
    return answers


def suite_with(tests):
    return {
        "name": "test_prompts",
        "task": "nli",
        "labels": NLI,
        "task_options": {"prompt": "nli/gpt3"},
        "model": f"python:{__name__}:template_lm",
        "tests": [{"data": {"source": "inline", "examples": EXAMPLES}, **t} for t in tests],
    }


def run(tmp_path, suite):
    path = tmp_path / "suite.yaml"
    path.write_text(yaml.safe_dump(suite, sort_keys=False))
    out = run_suite(
        path,
        out_dir=tmp_path / "run",
        model_options={"serves": "loglikelihood"},
        progress=False,
        render_report=False,
        allow_code=True,
    )
    results = json.loads((out / "results.json").read_text())
    rows = [json.loads(line) for line in (out / "items.jsonl").read_text().splitlines()]
    by_test: dict[str, list] = {}
    for row in rows:
        by_test.setdefault(row["test"], []).append(row)
    return {t["name"]: t for t in results["tests"]}, by_test


def test_a_test_prompt_replaces_the_suite_prompt_for_that_test_only(tmp_path):
    tests, items = run(
        tmp_path,
        suite_with(
            [
                {"name": "suite_prompt"},
                {"name": "own_prompt", "prompt": "nli/yes_maybe_no"},
                {
                    "name": "own_verbalizers",
                    "prompt": {
                        "template": "nli/yes_maybe_no",
                        # "Yes" now means contradiction: the model's favourite word.
                        "verbalizers": {
                            "entailment": " No",
                            "neutral": " Maybe",
                            "contradiction": " Yes",
                        },
                    },
                },
            ]
        ),
    )
    # GPT-3 template: every item right. yes/maybe/no: "Yes" everywhere, i.e. entailment
    # (right on the 2 entailment items); with the swapped verbalizers, contradiction.
    assert tests["suite_prompt"]["metrics"]["accuracy"]["value"] == 1.0
    assert tests["own_prompt"]["metrics"]["accuracy"]["value"] == 0.5
    assert {row["predicted"] for row in items["own_prompt"]} == {"entailment"}
    assert {row["predicted"] for row in items["own_verbalizers"]} == {"contradiction"}
    assert "True, False or Neither?" in items["suite_prompt"][0]["request"]["prompt"]
    own = items["own_prompt"][0]["request"]["prompt"]
    assert own == '"p" Does it follow that "same"? Yes, maybe or no?\nAnswer:'


def test_a_test_prompt_can_bring_its_own_shots(tmp_path):
    shots = {"k": 2, "source": {"source": "inline", "examples": POOL}, "seed": 3}
    tests, items = run(
        tmp_path,
        suite_with(
            [
                {"name": "zero_shot"},
                {"name": "two_shot", "prompt": {"template": "nli/gpt3", "shots": shots}},
            ]
        ),
    )
    zero = items["zero_shot"][0]["request"]["prompt"]
    two = items["two_shot"][0]["request"]["prompt"]
    assert zero.count("True, False or Neither?") == 1
    # Two demonstrations from the pool (each with its answer), then the item itself.
    assert two.count("True, False or Neither?") == 3
    assert two.endswith(zero)
    assert sum(example["premise"] in two for example in POOL) == 2
    assert tests["two_shot"]["metrics"]["accuracy"]["value"] == 1.0


@pytest.mark.parametrize(
    ("prompt", "message"),
    [
        ("nli/no_such_template", "no_such_template"),
        ({"template": "nli/gpt3", "verbalizers": {"entailment": " True"}}, "neutral"),
        ({"template": "nli/gpt3", "shots": {"k": 2}}, "source"),
        ({"template": "nli/gpt3", "colour": "red"}, "colour"),
    ],
)
def test_a_bad_test_prompt_is_one_line_naming_the_suite_line(tmp_path, prompt, message):
    path = tmp_path / "suite.yaml"
    path.write_text(yaml.safe_dump(suite_with([{"name": "t", "prompt": prompt}]), sort_keys=False))
    with pytest.raises(SuiteError) as raised:
        load_suite(path)
    text = str(raised.value)
    assert "suite.yaml" in text and ":" in text and "prompt" in text and message in text
    assert "\n" not in text
