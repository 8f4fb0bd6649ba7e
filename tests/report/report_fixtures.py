"""Builders for the report tests: a small but realistic run, from plain dicts."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

LABELS = ["entailment", "neutral", "contradiction"]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=\"document.title='pwned'\">"
TITLE_SCRIPT = "<script>document.title='pwned'</script>"
MALICIOUS = SCRIPT + IMG + TITLE_SCRIPT + "</script>\u2028"

SUBJECTS = ["A dog", "The woman", "Two children", "A chef", "The old man", "A cyclist"]
ACTIONS = ["runs in the park", "reads a book", "cooks dinner", "plays football", "sleeps"]


def metric(value: float, n: int, spread: float = 0.05) -> dict[str, Any]:
    return {
        "value": value,
        "ci_low": max(0.0, value - spread),
        "ci_high": min(1.0, value + spread),
        "n": n,
        "method": "wilson",
    }


def build_items() -> list[dict[str, Any]]:
    """40 nli_core items (6 with a variant) and 12 nli_negation items; deterministic."""
    rng = random.Random(7)
    items: list[dict[str, Any]] = []
    for index in range(40):
        gold = LABELS[index % 3]
        # Every 4th item is wrong: predicted is the next label.
        predicted = LABELS[(index + 1) % 3] if index % 4 == 0 else gold
        confidence = round(0.40 + 0.5 * rng.random(), 3)
        rest = (1 - confidence) / 2
        probabilities = {label: rest for label in LABELS}
        probabilities[predicted] = confidence
        premise = f"{SUBJECTS[index % 6]} {ACTIONS[index % 5]} near the river."
        if index == 5:
            premise = "The dog " + MALICIOUS + " barks at the mailman."
        items.append(
            {
                "test": "nli_core",
                "id": f"core:{index:03d}",
                "parent_id": None,
                "transform": None,
                "fields": {"premise": premise, "hypothesis": f"Someone {ACTIONS[index % 5]}."},
                "gold": gold,
                "predicted": predicted,
                "probabilities": probabilities,
                "confidence": confidence,
                "correct": predicted == gold,
                "scores": {"correct": float(predicted == gold)},
                "tags": {
                    "phenomenon": ["negation", "lexical", "quantifier"][index % 3],
                    "length": "short" if index % 2 else "long",
                },
            }
        )
    for index in range(0, 12, 2):
        parent = items[index]
        premise = parent["fields"]["premise"].replace("near the river", "beside the lake")
        items.append(
            {
                **parent,
                "id": f"core:{index:03d}/swap",
                "parent_id": parent["id"],
                "transform": {
                    "name": "synonym_swap",
                    "params": {"max_words": 1},
                    "seed": "13:synonym_swap:" + parent["id"],
                    "description": "'near the river' -> 'beside the lake'",
                },
                "fields": {**parent["fields"], "premise": premise},
                "predicted": "neutral",
                "correct": None if index == 4 else parent["gold"] == "neutral",
                "confidence": None if index == 4 else 0.55,
                "probabilities": None if index == 4 else parent["probabilities"],
            }
        )
    for index in range(12):
        gold = ["entailment", "contradiction"][index % 2]
        predicted = "neutral" if index % 3 == 0 else gold
        items.append(
            {
                "test": "nli_negation",
                "id": f"neg:{index:03d}",
                "parent_id": None,
                "transform": None,
                "fields": {
                    "premise": f"{SUBJECTS[index % 6]} does not {ACTIONS[index % 5]}.",
                    "hypothesis": f"{SUBJECTS[index % 6]} {ACTIONS[index % 5]}.",
                },
                "gold": gold,
                "predicted": predicted,
                "probabilities": {"entailment": 0.2, "neutral": 0.5, "contradiction": 0.3},
                "confidence": round(0.5 + index / 40, 3),
                "correct": predicted == gold,
                "scores": {},
                "tags": {"template": f"t{index % 2}", "group": MALICIOUS if index == 0 else "g"},
            }
        )
    return items


def build_results() -> dict[str, Any]:
    return {
        "schema_version": 2,
        "harness_version": "0.1.0",
        "created_at": "2026-11-22T12:00:00+00:00",
        "suite": {
            "name": "nli_robustness",
            "description": "Where NLI reasoning breaks: negation, lexical overlap, synonyms.",
            "hash": "0123456789abcdef",
            "path": "suites/nli_robustness.yaml",
            "task": "nli",
            "labels": LABELS,
            "seed": 13,
        },
        "model": {
            "spec": "reference",
            "kind": "reference",
            "name": "reference-bow " + MALICIOUS,
            "fingerprint": "feedbeef",
            "is_reference": True,
            "description": "Built-in bag-of-words reference model.",
            "details": {"vocabulary": 512},
        },
        "environment": {"python": "3.11.7", "platform": "linux", "packages": {"numpy": "2.0"}},
        "timings": {"total_s": 12.3},
        "tests": [
            {
                "name": "nli_core",
                "kind": "evaluate",
                "description": "In-distribution NLI accuracy.",
                "labels": LABELS,
                "n": 46,
                "metrics": {
                    "accuracy": metric(0.75, 40),
                    "macro_f1": metric(0.74, 40, 0.07),
                    "ece": metric(0.08, 40, 0.03),
                    "brier": metric(0.31, 40, 0.04),
                },
                "tables": {
                    "per_class": {
                        label: {
                            "precision": 0.7 + i / 20,
                            "recall": 0.8 - i / 20,
                            "f1": 0.75,
                            "support": 13 + (i == 0),
                        }
                        for i, label in enumerate(LABELS)
                    },
                    "confusion_matrix": {
                        "labels": LABELS,
                        "matrix": [[10, 4, 0], [0, 9, 4], [3, 0, 10]],
                    },
                    "calibration": {
                        "ece": 0.08,
                        "brier": 0.31,
                        "n_bins": 4,
                        "binning": "equal-mass",
                        "bins": [
                            {
                                "lower": 0.4,
                                "upper": 0.55,
                                "confidence": 0.48,
                                "accuracy": 0.6,
                                "count": 10,
                            },
                            {
                                "lower": 0.55,
                                "upper": 0.7,
                                "confidence": 0.62,
                                "accuracy": 0.7,
                                "count": 10,
                            },
                            {
                                "lower": 0.7,
                                "upper": 0.8,
                                "confidence": 0.75,
                                "accuracy": 0.8,
                                "count": 10,
                            },
                            {
                                "lower": 0.8,
                                "upper": 0.9,
                                "confidence": 0.85,
                                "accuracy": 0.9,
                                "count": 10,
                            },
                        ],
                    },
                },
                # Deliberately not sorted: the report sorts by gap itself.
                "slices": [
                    {
                        "field": "phenomenon",
                        "value": "lexical",
                        "n": 13,
                        "metrics": {"accuracy": metric(0.77, 13, 0.2)},
                        "gap": 0.02,
                    },
                    {
                        "field": "phenomenon",
                        "value": "negation",
                        "n": 14,
                        "metrics": {"accuracy": metric(0.57, 14, 0.2)},
                        "gap": -0.18,
                    },
                    {
                        "field": "length",
                        "value": MALICIOUS,
                        "n": 20,
                        "metrics": {"accuracy": metric(0.80, 20, 0.15)},
                        "gap": 0.05,
                    },
                    {
                        "field": "phenomenon",
                        "value": "quantifier",
                        "n": 13,
                        "metrics": {"accuracy": metric(0.69, 13, 0.2)},
                        "gap": -0.06,
                    },
                    {"field": "length", "value": "unknown", "n": 0, "metrics": {}, "gap": None},
                ],
                "sections": {
                    "mystery_section": {
                        "note": "an unknown section " + MALICIOUS,
                        "flip_rate": metric(0.33, 6, 0.2),
                        "per_transform": [
                            {"transform": "synonym_swap", "n": 6, "flipped": 2},
                            {"transform": "negate", "n": 4, "flipped": 3},
                        ],
                        "labels": ["a", "b"],
                        "nested": {"deep": {"value_only": 1.5}},
                    }
                },
                "timings": {"load_s": 0.1, "predict_s": 2.0, "examples_per_s": 150.0},
                "counts": {"cached": 0, "computed": 46, "truncated": 2, "skipped": 0},
            },
            {
                "name": "nli_negation",
                "kind": "diagnostic",
                "description": "Negated premises.",
                "labels": LABELS,
                "n": 12,
                "metrics": {"accuracy": metric(0.67, 12, 0.25)},
                "tables": {},
                "slices": [
                    {
                        "field": "template",
                        "value": "t0",
                        "n": 6,
                        "metrics": {"accuracy": metric(0.5, 6, 0.3)},
                        "gap": -0.17,
                    },
                    {
                        "field": "template",
                        "value": "t1",
                        "n": 6,
                        "metrics": {"accuracy": metric(0.83, 6, 0.3)},
                        "gap": 0.16,
                    },
                ],
                "sections": {"another_unknown": {"items": 12, "threshold": None}},
                "timings": {},
                "counts": {},
            },
        ],
        "analyses": {"gap_summary": {"rows": [{"test": "nli_negation", "gap": -0.08}]}},
    }


def write_run(directory: Path, results: dict[str, Any], items: list[dict[str, Any]] | None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if items is not None:
        with (directory / "items.jsonl").open("w", encoding="utf-8") as handle:
            for item in items:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return directory
