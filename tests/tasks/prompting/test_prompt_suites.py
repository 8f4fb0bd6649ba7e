"""Prompted suites end to end through harness run, with python: callables as language models.

* multiple choice with the lettered template: prompt, continuations and variants;
* prompt_variants: per-variant accuracy, mean, sd, spread and per-item averages by hand.
"""

from __future__ import annotations

import json
import math
import statistics

import yaml

from harness.runner import run_suite

NLI = ["entailment", "neutral", "contradiction"]


def letter_lm(rows):
    """Prefers the letter B, and 'A' a little over 'C'/'D'; other answers: by length."""
    scores = {" A": -1.0, " B": -0.5, " C": -2.0, " D": -2.5}
    return [
        {"loglikelihood": scores.get(r["continuation"], -0.1 * len(r["continuation"]))}
        for r in rows
    ]


def template_lm(rows):
    """GPT-3 template: always right ('True' iff entailment); yes/maybe/no: always 'Yes'."""
    answers = []
    for row in rows:
        context, word = row["context"], row["continuation"].strip()
        if "True, False or Neither" in context:
            gold = "True" if "same" in context.split("Question:")[-1] else "False"
            answers.append({"loglikelihood": 0.0 if word == gold else -5.0})
        else:
            answers.append({"loglikelihood": 0.0 if word.lower() == "yes" else -5.0})
    return answers


def write(tmp_path, suite):
    path = tmp_path / "suite.yaml"
    path.write_text(yaml.safe_dump(suite))
    return path


def items(run_dir):
    return [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]


def test_multiple_choice_with_a_lettered_template(tmp_path):
    suite = {
        "name": "mc",
        "task": "multiple_choice",
        "task_options": {"prompt": "multiple_choice/lettered"},
        "model": f"python:{__name__}:letter_lm",
        "tests": [
            {
                "name": "mc",
                "data": {
                    "source": "inline",
                    "examples": [
                        {"id": "q1", "question": "Who?", "choices": ["x", "y", "z"], "answer": 1},
                        {"id": "q2", "question": "What?", "choices": ["x", "y"], "answer": 0},
                    ],
                },
            }
        ],
    }
    out = run_suite(
        write(tmp_path, suite),
        out_dir=tmp_path / "run",
        model_options={"serves": "loglikelihood"},
        progress=False,
        render_report=False,
        allow_code=True,
    )
    first, second = items(out)
    assert first["request"]["prompt"] == "Question: Who?\nA. x\nB. y\nC. z\nAnswer:"
    assert first["request"]["continuations"] == [" A", " B", " C"]
    assert first["predicted"] == "y" and first["correct"] is True
    assert second["correct"] is False and second["scores"]["acc"] == 0.0
    results = json.loads((out / "results.json").read_text())
    assert results["tests"][0]["metrics"]["accuracy"]["value"] == 0.5


def test_prompt_variants_spread_and_item_averages(tmp_path):
    examples = [
        {"id": f"e{i}", "premise": "p", "hypothesis": h, "label": label}
        for i, (h, label) in enumerate(
            [
                ("same", "entailment"),
                ("other", "contradiction"),
                ("same", "entailment"),
                ("other", "contradiction"),
            ]
        )
    ]
    suite = {
        "name": "variants",
        "task": "nli",
        "labels": NLI,
        "model": f"python:{__name__}:template_lm",
        "tests": [
            {
                "name": "spread",
                "data": {"source": "inline", "examples": examples},
                "prompt_variants": {"templates": ["nli/gpt3", "nli/yes_maybe_no"]},
            }
        ],
    }
    out = run_suite(
        write(tmp_path, suite),
        out_dir=tmp_path / "run",
        model_options={"serves": "loglikelihood"},
        progress=False,
        render_report=False,
        allow_code=True,
    )
    results = json.loads((out / "results.json").read_text())
    [test] = results["tests"]
    section = test["sections"]["prompt_sensitivity"]
    # gpt3: 4/4 right; yes/maybe/no says entailment everywhere: 2/4 right.
    assert [v["accuracy"] for v in section["variants"]] == [1.0, 0.5]
    assert section["mean"] == 0.75
    assert math.isclose(section["sd"], statistics.stdev([1.0, 0.5]))
    assert section["spread"] == 0.5 and section["items_with_spread"] == 2
    e0, e1, _, _ = (item["scores"] for item in items(out))
    assert e0["variant_accuracy"] == 1.0 and e0["item_spread"] == 0.0
    assert e1["variant_accuracy"] == 0.5 and e1["item_spread"] == 1.0
    assert test["metrics"]["variant_accuracy"]["value"] == 0.75
