"""Generative QA end to end through ``hf-causal``: a tiny random GPT-2 built here answers
the extractive test by generation (prompt template, stop sequences, abstention mapping)
through the real ``harness run`` command.

The expected answers come from the same adapter asked directly, without stop sequences:
the run must cut them at the suite's stop sequences, map the abstention, and score
them as the official SQuAD v2.0 script does, recomputed here by a scorer written in
this test (normalise, drop gold answers that normalise to empty, maximum over golds).
"""

from __future__ import annotations

import collections
import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

from helpers.processes import WAIT_LIMIT_S
from helpers.tiny_models import build_tiny_causal_lm

from harness.models.base import ModelContext, ModelSpec, load_model
from harness.requests import Generate

TESTS_DIR = Path(__file__).resolve().parents[1]
TEMPLATE = "{context}\nQ: {question}\nA:"
MAX_TOKENS = 8
ROWS = [
    ("The man is playing a guitar.", "What is the man playing?", ["a guitar"]),
    ("A woman is slicing an onion.", "What is the woman slicing?", ["an onion"]),
    ("Two dogs are running in the park.", "Where are the dogs running?", ["in the park"]),
    ("The cat is sleeping on the sofa.", "Who is cooking dinner?", []),
]


def normalise(text: str) -> str:
    text = "".join(ch for ch in text.lower() if ch not in set(string.punctuation))
    return " ".join(re.sub(r"\b(a|an|the)\b", " ", text).split())


def exact(gold: str, predicted: str) -> float:
    return float(normalise(gold) == normalise(predicted))


def f1(gold: str, predicted: str) -> float:
    gold_tokens, predicted_tokens = normalise(gold).split(), normalise(predicted).split()
    if not gold_tokens or not predicted_tokens:
        return float(gold_tokens == predicted_tokens)
    common = sum(
        (collections.Counter(gold_tokens) & collections.Counter(predicted_tokens)).values()
    )
    if common == 0:
        return 0.0
    precision, recall = common / len(predicted_tokens), common / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def squad_v2(golds: list[str], predicted: str) -> tuple[float, float]:
    kept = [gold for gold in golds if normalise(gold)] or [""]
    return max(exact(g, predicted) for g in kept), max(f1(g, predicted) for g in kept)


def test_extractive_test_by_generation_through_hf_causal(tmp_path):
    model_dir = build_tiny_causal_lm(tmp_path / "lm", "gpt2")
    lm = load_model(
        ModelSpec.parse(f"hf-causal:{model_dir}"),
        ModelContext(task="extractive_qa", labels=(), input_fields=()),
    )
    prompts = [TEMPLATE.format(context=c, question=q) for c, q, _ in ROWS]
    free = [lm.generate([Generate(prompt=p, max_tokens=MAX_TOKENS)])[0]["text"] for p in prompts]
    # A stop sequence taken from inside the first free answer, so the cut is exercised.
    first = free[0].lstrip()
    stops = ["\n", first[3:5]] if len(first) > 5 and first[3:5].strip() else ["\n"]

    def cut(text: str) -> str:
        text = text.lstrip()
        for stop in stops:
            text = text.split(stop)[0]
        return text

    expected = [cut(text).strip() for text in free]
    # The unanswerable question's own answer is declared an abstention: it must map to "".
    abstention = expected[3]
    assert normalise(abstention), "the tiny model's answer normalises to nothing"

    rows = []
    for context, question, golds in ROWS:
        answers = [{"text": g, "start": context.index(g)} for g in golds]
        rows.append({"context": context, "question": question, "answers": answers})
    (tmp_path / "qa.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    suite = {
        "name": "generative_rc",
        "task": "extractive_qa",
        "seed": 3,
        "model": "rc-reference",
        "task_options": {
            "squad_version": "2.0",
            "mode": "generate",
            "prompt_template": TEMPLATE,
            "stop": stops,
            "max_tokens": MAX_TOKENS,
            "abstentions": [abstention],
        },
        "tests": [
            {
                "name": "extractive",
                "kind": "squad",
                "data": {"source": "file", "path": "qa.jsonl"},
                "metrics": ["exact_match", "f1", "abstention_rate"],
            }
        ],
    }
    # JSON is YAML; it escapes whatever bytes the random model produced.
    (tmp_path / "suite.yaml").write_text(json.dumps(suite))
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)]),
        "HARNESS_CACHE_DIR": str(tmp_path / "cache"),
    }
    process = subprocess.run(
        [sys.executable, "-m", "harness", "run", "suite.yaml", "--model", f"hf-causal:{model_dir}"]
        + ["--out", "run", "--quiet", "--explain", "0"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=WAIT_LIMIT_S,
    )
    assert process.returncode == 0, process.stderr[-2000:]

    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert results["model"]["kind"] == "hf-causal"
    items = [
        json.loads(line) for line in (tmp_path / "run" / "items.jsonl").read_text().splitlines()
    ]
    assert len(items) == len(ROWS)
    by_question = {item["fields"]["question"]: item for item in items}
    scores = []
    for (context, question, golds), answer in zip(ROWS, expected, strict=True):
        item = by_question[question]
        abstained = normalise(answer) == normalise(abstention)
        predicted = "" if abstained else answer
        assert item["response"]["abstained"] is abstained
        # The exact prompt is kept for the failure browser, with the decoding it ran under.
        assert item["request"]["prompt"] == TEMPLATE.format(context=context, question=question)
        assert item["request"]["stop"] == stops and item["request"]["max_tokens"] == MAX_TOKENS
        assert item["predicted"] == predicted
        em, f = squad_v2(golds, predicted)
        assert item["scores"]["em"] == em
        assert abs(item["scores"]["f1"] - f) < 1e-9
        scores.append((em, f))
    assert by_question["Who is cooking dinner?"]["scores"]["em"] == 1.0
    [test] = results["tests"]
    metrics = test["metrics"]
    assert abs(metrics["exact_match"]["value"] - sum(s[0] for s in scores) / len(scores)) < 1e-9
    assert abs(metrics["f1"]["value"] - sum(s[1] for s in scores) / len(scores)) < 1e-9
    assert metrics["abstention_rate"]["value"] == 0.25
