"""Build synthetic run directories (results.json + items.jsonl, docs/results-schema.md).

    from helpers.rundirs import item, write_run_dir
    rows = [item("nli", f"x{i}", "entailment", "neutral") for i in range(10)]
    run = write_run_dir(tmp_path / "base", rows)

``simulate_paired_correctness`` draws correlated correctness for two models, for
statistical tests of the gate.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

LABELS = ("entailment", "neutral", "contradiction")


def item(
    test: str,
    id: str,
    gold: str | None,
    predicted: str | None,
    *,
    tags: Mapping[str, str] | None = None,
    parent_id: str | None = None,
    transform: str | Mapping[str, Any] | None = None,
    fields: Mapping[str, Any] | None = None,
    probabilities: Mapping[str, float] | None = None,
    scores: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """One items.jsonl row; ``correct`` and ``scores['correct']`` follow gold and predicted."""
    correct = None if gold is None or predicted is None else gold == predicted
    if isinstance(transform, str):
        transform = {"name": transform, "params": {}, "seed": "0", "description": ""}
    confidence = None
    if probabilities is not None and predicted is not None:
        confidence = probabilities.get(predicted)
    all_scores = {} if correct is None else {"correct": float(correct)}
    all_scores.update(scores or {})
    return {
        "test": test,
        "id": id,
        "parent_id": parent_id,
        "transform": dict(transform) if transform else None,
        "fields": dict(fields or {"premise": f"premise {id}", "hypothesis": f"hypothesis {id}"}),
        "gold": gold,
        "predicted": predicted,
        "probabilities": dict(probabilities) if probabilities else None,
        "confidence": confidence,
        "correct": correct,
        "scores": all_scores,
        "tags": dict(tags or {}),
    }


def results_for(
    rows: Sequence[Mapping[str, Any]],
    *,
    suite_name: str = "demo",
    suite_hash: str = "0123456789abcdef",
    labels: Sequence[str] = LABELS,
    seed: int = 13,
    model: str = "reference",
    slice_by: Mapping[str, Sequence[str]] | None = None,
    cluster_by: Mapping[str, str] | None = None,
    schema_version: Any = 2,
) -> dict[str, Any]:
    """A results.json document summarising ``rows`` (accuracy and per-slice accuracy)."""
    by_test: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        by_test[row["test"]].append(row)

    def accuracy(members: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        scored = [r["correct"] for r in members if r["correct"] is not None]
        value = float(np.mean(scored)) if scored else float("nan")
        return {
            "value": value,
            "ci_low": None,
            "ci_high": None,
            "n": len(scored),
            "method": "wilson",
        }

    tests = []
    for name, members in by_test.items():
        overall = accuracy(members)
        slices = []
        for field in (slice_by or {}).get(name, ()):
            values = sorted({r["tags"][field] for r in members if field in r["tags"]})
            for value in values:
                group = [r for r in members if r["tags"].get(field) == value]
                metric = accuracy(group)
                slices.append(
                    {
                        "field": field,
                        "value": value,
                        "n": metric["n"],
                        "metrics": {"accuracy": metric},
                        "gap": metric["value"] - overall["value"],
                    }
                )
        test = {
            "name": name,
            "kind": "evaluate",
            "description": "",
            "labels": list(labels),
            "n": len(members),
            "metrics": {"accuracy": overall},
            "tables": {},
            "slices": slices,
            "sections": {},
            "timings": {},
            "counts": {},
        }
        if cluster_by and name in cluster_by:
            test["cluster_by"] = cluster_by[name]
        tests.append(test)
    return {
        "schema_version": schema_version,
        "harness_version": "0.1.0",
        "created_at": "2026-01-01T00:00:00+00:00",
        "suite": {
            "name": suite_name,
            "description": "",
            "hash": suite_hash,
            "path": f"suites/{suite_name}.yaml",
            "task": "nli",
            "labels": list(labels),
            "seed": seed,
        },
        "model": {"spec": model, "kind": model, "name": model, "fingerprint": model},
        "environment": {},
        "timings": {"total_s": 0.0},
        "tests": tests,
        "analyses": {},
    }


def write_run_dir(
    path: Path,
    rows: Iterable[Mapping[str, Any]],
    *,
    suite_yaml: str | None = None,
    **options: Any,
) -> Path:
    """Write ``path/results.json`` and ``path/items.jsonl`` (and ``suite.yaml`` if given)."""
    rows = list(rows)
    path.mkdir(parents=True, exist_ok=True)
    results = results_for(rows, **options)
    (path / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    with (path / "items.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    if suite_yaml is not None:
        (path / "suite.yaml").write_text(suite_yaml, encoding="utf-8")
    return path


def simulate_paired_correctness(
    rng: np.random.Generator,
    n: int,
    base_accuracy: float,
    candidate_accuracy: float,
    rho: float = 0.5,
) -> tuple[np.ndarray, np.ndarray]:
    """Correctness of two models on ``n`` items: marginals as given, correlated by ``rho``.

    Each item has a latent difficulty shared by both models (weight ``rho``), so their
    errors overlap as real models' do.
    """
    from scipy.stats import norm

    shared = rng.standard_normal(n)
    base_noise, cand_noise = rng.standard_normal(n), rng.standard_normal(n)
    scale = np.sqrt(rho), np.sqrt(1 - rho)
    base = scale[0] * shared + scale[1] * base_noise < norm.ppf(base_accuracy)
    cand = scale[0] * shared + scale[1] * cand_noise < norm.ppf(candidate_accuracy)
    return base, cand


def rows_from_correctness(
    test: str,
    correct: Sequence[bool],
    *,
    golds: Sequence[str] | None = None,
    tags: Sequence[Mapping[str, str]] | None = None,
    labels: Sequence[str] = LABELS,
) -> list[dict[str, Any]]:
    """Item rows whose correctness is ``correct`` (wrong answers take the next label)."""
    rows = []
    for i, ok in enumerate(correct):
        gold = golds[i] if golds is not None else labels[i % len(labels)]
        predicted = gold if ok else labels[(labels.index(gold) + 1) % len(labels)]
        rows.append(item(test, f"{test}:{i}", gold, predicted, tags=tags[i] if tags else None))
    return rows
