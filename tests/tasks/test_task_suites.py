"""Multiple-choice, extractive-QA and generation suites end to end through the real runner.

Each model is a ``python:`` callable (tests/helpers/mock_models.py) whose answers can be
worked out by hand, so every per-item score and every overall number is checked
against a hand computation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from harness.cli import main
from harness.errors import ModelError
from harness.runner import run_suite

MC_EXAMPLES = [
    # overlap_loglikelihood picks the choice the context mentions; shortest_choice the shortest.
    {
        "id": "m1",
        "context": "Mara keeps a tortoise called Basil.",
        "question": "What pet does Mara keep?",
        "choices": ["a parrot", "a tortoise", "a goldfish"],
        "answer": 1,
        "kind": "lookup",
    },
    {
        "id": "m2",
        "context": "The ferry leaves at noon from the northern pier.",
        "question": "Where does the ferry leave from?",
        "choices": ["the harbour office", "the bus station", "the northern pier", "a beach"],
        "answer": "C",
        "kind": "lookup",
    },
    {
        "id": "m3",
        "context": "Owen sold his bicycle and bought a kayak.",
        "question": "What did Owen buy?",
        "choices": ["bicycle", "kayak", "a tent", "skis", "a van"],
        "answer": "kayak",
        "kind": "contrast",
    },
    {
        "id": "m4",
        "context": "The museum opens on Tuesdays.",
        "question": "When does the museum open?",
        "choices": ["on Tuesdays", "on Sundays", "never"],
        "answer": 0,
        "kind": "contrast",
    },
]


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def mc_suite(
    tmp_path: Path, model: str = "python:helpers.mock_models:overlap_loglikelihood"
) -> Path:
    return write_yaml(
        tmp_path / "mc.yaml",
        {
            "name": "mc_demo",
            "task": "multiple_choice",
            "input_fields": ["context", "question", "choices"],
            "seed": 5,
            "model": {
                "type": "python",
                "path": model.split(":", 1)[1],
                "options": {"serves": "loglikelihood"},
            },
            "tests": [
                {
                    "name": "mc",
                    "data": {"source": "inline", "examples": MC_EXAMPLES},
                    "slice_by": ["kind"],
                }
            ],
        },
    )


def read_run(run: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    results = json.loads((run / "results.json").read_text())
    items = [json.loads(line) for line in (run / "items.jsonl").read_text().splitlines()]
    return results, items


def test_multiple_choice_with_a_loglikelihood_callable(tmp_path: Path) -> None:
    run = run_suite(mc_suite(tmp_path), out_dir=tmp_path / "run", progress=False, allow_code=True)
    results, items = read_run(run)
    test = results["tests"][0]
    # The context mentions the gold choice in every item except m4 ("on Tuesdays" is
    # mentioned too, but "never" has one missing word like "on Sundays"... all scored below).
    by_id = {item["id"]: item for item in items}
    # m1: "a tortoise" → "a" and "tortoise" both in context (0); "a parrot" misses 1.
    assert by_id["inline:m1"]["predicted"] == "a tortoise" and by_id["inline:m1"]["correct"]
    assert by_id["inline:m1"]["response"]["loglikelihoods"] == [-1.0, 0.0, -1.0]
    # m2: gold given as a letter; "the northern pier" is all in the context.
    assert by_id["inline:m2"]["gold"] == "the northern pier" and by_id["inline:m2"]["correct"]
    # m3: gold given as text; "bicycle" and "kayak" are both mentioned: the tie goes to
    # the earlier choice, so the model is wrong here.
    assert by_id["inline:m3"]["predicted"] == "bicycle" and not by_id["inline:m3"]["correct"]
    # m4: "on Tuesdays" (0) beats "on Sundays" (−1) and "never" (−1).
    assert by_id["inline:m4"]["correct"]
    accuracy = test["metrics"]["accuracy"]
    assert accuracy["value"] == pytest.approx(3 / 4) and accuracy["n"] == 4
    assert accuracy["ci_low"] < 0.75 < accuracy["ci_high"]
    slices = {(s["field"], s["value"]): s for s in test["slices"]}
    assert slices[("kind", "lookup")]["metrics"]["accuracy"]["value"] == 1.0
    assert slices[("kind", "contrast")]["metrics"]["accuracy"]["value"] == 0.5
    assert (run / "report.html").exists()
    assert results["model"]["serves"] == ["loglikelihood"]


def test_multiple_choice_from_a_predictions_file(tmp_path: Path) -> None:
    predictions = tmp_path / "choices.jsonl"
    rows = [
        {"id": "inline:m1", "choice": 1},
        {"id": "inline:m2", "choice": 0},
        {"id": "inline:m3", "loglikelihoods": [-3.0, -0.5, -2.0, -9.0, -4.0]},
        {"id": "inline:m4", "choice": 2},
    ]
    predictions.write_text("".join(json.dumps(row) + "\n" for row in rows))
    run = run_suite(
        mc_suite(tmp_path),
        out_dir=tmp_path / "run",
        progress=False,
        render_report=False,
        model=f"predictions:{predictions}",
        allow_code=True,
    )
    _, items = read_run(run)
    assert [item["correct"] for item in items] == [True, False, True, False]
    assert [item["predicted"] for item in items] == [
        "a tortoise",
        "the harbour office",
        "kayak",
        "never",
    ]


def test_gate_on_two_multiple_choice_runs_needs_no_task_specific_code(tmp_path: Path) -> None:
    base = run_suite(mc_suite(tmp_path), out_dir=tmp_path / "base", progress=False, allow_code=True)
    candidate = run_suite(
        mc_suite(tmp_path),
        out_dir=tmp_path / "candidate",
        progress=False,
        model="python:helpers.mock_models:shortest_choice_loglikelihood",
        model_options={"serves": "loglikelihood"},
        allow_code=True,
    )
    _, candidate_items = read_run(candidate)
    # shortest choice: m1 "a parrot"(8) vs "a tortoise"(10) vs "a goldfish"(10) → wrong;
    # m2 "a beach" → wrong; m3 "skis" → wrong; m4 "never" → wrong.
    assert [item["correct"] for item in candidate_items] == [False, False, False, False]
    out = tmp_path / "gate.json"
    code = main(["gate", str(base), str(candidate), "--no-html", "--json", str(out)])
    verdict = json.loads(out.read_text())
    headline = {
        check["metric"]: check
        for check in verdict["checks"]
        if check["test"] == "mc" and check["slice"] is None
    }
    accuracy = headline["accuracy"]
    assert (accuracy["base"], accuracy["candidate"]) == (0.75, 0.0)
    assert accuracy["delta"] == pytest.approx(-0.75) and accuracy["n"] == 4
    assert accuracy["discordant"] == pytest.approx(0.75)
    assert code == verdict["exit_code"] == (1 if verdict["outcome"] == "FAIL" else 0)
    assert main(["gate", str(base), str(base), "--no-html"]) == 0


QA_EXAMPLES = [
    {
        "id": "q1",
        "context": "The capital of Freedonia is Paris",
        "question": "What is the capital of Freedonia?",
        "answers": [{"text": "Paris", "start": 28}],
    },
    {
        "id": "q2",
        "context": "The river flows past the old town of Brno",
        "question": "What does the river flow past?",
        "answers": [{"text": "the old town of Brno", "start": 21}],
    },
    {
        "id": "q3",
        "context": "Nobody knows who built the tower",
        "question": "Who built the tower?",
        "answers": [],
    },
    {
        "id": "q4",
        "context": "The tower is 42 metres",
        "question": "How tall is the tower?",
        "answers": [{"text": "42 metres", "start": 13}],
    },
]


def test_extractive_qa_with_a_span_callable(tmp_path: Path) -> None:
    suite = write_yaml(
        tmp_path / "qa.yaml",
        {
            "name": "qa_demo",
            "task": "extractive_qa",
            "model": "python:helpers.mock_models:last_word_span",
            "tests": [{"name": "qa", "data": {"source": "inline", "examples": QA_EXAMPLES}}],
        },
    )
    run = run_suite(
        suite,
        out_dir=tmp_path / "run",
        progress=False,
        model_options={"serves": "extract_span"},
        allow_code=True,
    )
    results, items = read_run(run)
    # Hand-computed (SQuAD normalisation drops "the"):
    # q1 "Paris" = gold: EM 1, F1 1. q2 "Brno" vs "old town of brno": P 1, R 1/4, F1 0.4.
    # q3 unanswerable, "tower" predicted: EM 0, F1 0. q4 "metres" vs "42 metres": F1 2/3.
    expected_f1 = [1.0, 0.4, 0.0, 2 / 3]
    assert [item["scores"]["em"] for item in items] == [1.0, 0.0, 0.0, 0.0]
    assert [item["scores"]["f1"] for item in items] == pytest.approx(expected_f1)
    assert items[1]["response"]["start"] == len("The river flows past the old town of ")
    metrics = results["tests"][0]["metrics"]
    assert metrics["exact_match"]["value"] == pytest.approx(0.25)
    assert metrics["f1"]["value"] == pytest.approx(sum(expected_f1) / 4)
    assert metrics["f1"]["n"] == 4
    assert (run / "report.html").exists()


def test_generation_with_a_text_callable(tmp_path: Path) -> None:
    examples = [
        {"id": "g1", "prompt": "Say hello\nhello there", "references": ["Hello there"]},
        {"id": "g2", "prompt": "Name a colour\nblue sky", "references": ["blue", "navy"]},
        {"id": "g3", "prompt": "Count\none two three", "references": "four five"},
    ]
    suite = write_yaml(
        tmp_path / "gen.yaml",
        {
            "name": "gen_demo",
            "task": "generation",
            "model": "python:helpers.mock_models:echo_last_line",
            "tests": [{"name": "gen", "data": {"source": "inline", "examples": examples}}],
        },
    )
    run = run_suite(
        suite,
        out_dir=tmp_path / "run",
        progress=False,
        render_report=False,
        model_options={"serves": "generate"},
        allow_code=True,
    )
    results, items = read_run(run)
    # g1 exact after lower-casing; g2 "BLUE SKY" vs "blue": P 1/2, R 1 → F1 2/3; g3 disjoint.
    assert [item["scores"]["em"] for item in items] == [1.0, 0.0, 0.0]
    assert [item["scores"]["f1"] for item in items] == pytest.approx([1.0, 2 / 3, 0.0])
    assert items[0]["response"]["text"] == "HELLO THERE"
    metrics = results["tests"][0]["metrics"]
    assert metrics["exact_match"]["value"] == pytest.approx(1 / 3)
    assert metrics["f1"]["value"] == pytest.approx((1 + 2 / 3) / 3)


def test_a_model_that_cannot_serve_the_task_is_refused_at_load(tmp_path: Path, capsys) -> None:
    suite = mc_suite(tmp_path)
    with pytest.raises(ModelError) as caught:
        run_suite(
            suite,
            out_dir=tmp_path / "run",
            progress=False,
            model="python:helpers.mock_models:word_rules",
            allow_code=True,
        )
    message = str(caught.value)
    assert "\n" not in message
    assert "task 'multiple_choice' needs 'loglikelihood' requests" in message
    assert "helpers.mock_models:word_rules" in message and "serves: classify" in message
    assert not (tmp_path / "run").exists()
    # Through the CLI: exit 2, one line, no traceback.
    code = main(["run", str(suite), "--model", "python:helpers.mock_models:word_rules"])
    err = capsys.readouterr().err
    assert code == 2
    assert "needs 'loglikelihood' requests" in err and "Traceback" not in err
