"""Small suites written into a temporary directory for runner and CLI tests."""

from __future__ import annotations

import json
from pathlib import Path

SUBJECTS = ["The chef", "A girl", "My neighbour", "The pilot", "An old man", "The teacher"]
ACTIONS = ["cooks dinner", "reads a book", "walks a dog", "paints a fence", "plays chess"]


def nli_rows(n: int) -> list[dict]:
    """Deterministic NLI rows with phenomenon tags; mixes easy and hard cases for word_rules."""
    rows = []
    for i in range(n):
        subject, action = SUBJECTS[i % len(SUBJECTS)], ACTIONS[i % len(ACTIONS)]
        premise = f"{subject} {action} on day {i + 1}."
        kind = i % 3
        if kind == 0:
            hypothesis, label = f"{subject} {action}.", "entailment"
        elif kind == 1:
            hypothesis, label = f"{subject} does not {action.split()[0][:-1]}.", "contradiction"
        else:
            hypothesis, label = f"{subject} {action} with a friend.", "neutral"
        phenomenon = ["overlap", "negation", "addition"][kind] if i % 4 else "mixed"
        rows.append(
            {
                "id": f"r{i}",
                "premise": premise,
                "hypothesis": hypothesis,
                "label": label,
                "phenomenon": phenomenon,
            }
        )
    return rows


def write_suite(
    directory: Path,
    n: int = 30,
    model: str = "python:helpers.mock_models:word_rules",
    extra: str = "",
) -> Path:
    data = directory / "pairs.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in nli_rows(n)), encoding="utf-8")
    suite = directory / "suite.yaml"
    suite.write_text(
        f"""\
name: tiny_nli
description: A tiny suite for tests.
task: nli
labels: [entailment, neutral, contradiction]
seed: 7
model: "{model}"
bootstrap_resamples: 500
tests:
  - name: pairs
    data: {{source: file, path: pairs.jsonl, meta_columns: [phenomenon]}}
    slice_by: [phenomenon]
  - name: pairs_binary
    data: {{source: file, path: pairs.jsonl, meta_columns: [phenomenon]}}
    label_mapping: {{neutral: non-entailment, contradiction: non-entailment}}
    metrics: [accuracy, macro_f1]
{extra}""",
        encoding="utf-8",
    )
    return suite
