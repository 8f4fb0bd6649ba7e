"""``harness gate`` on a prompt-variant test pairs item scores averaged over the variants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.rundirs import item, write_run_dir

from harness.cli.gate import main

LABELS = ("entailment", "neutral", "contradiction")
N = 300
VARIANTS = 6


def _rows(first_wrong: set[int], variants_right: list[int]) -> list[dict]:
    """Items of a prompt_sensitivity test: the item's own prediction is the first
    variant's; ``variant_accuracy`` is the share of the 6 variants that got it right."""
    rows = []
    for i in range(N):
        gold = LABELS[i % 3]
        predicted = LABELS[(i + 1) % 3] if i in first_wrong else gold
        share = variants_right[i] / VARIANTS
        outcomes = [1.0] * variants_right[i] + [0.0] * (VARIANTS - variants_right[i])
        scores = {"variant_accuracy": share, "item_spread": max(outcomes) - min(outcomes)}
        tags = {"phenomenon": ("negation", "lexical")[i % 2]}
        rows.append(item("prompts", f"p{i}", gold, predicted, tags=tags, scores=scores))
    return rows


def _gate(tmp_path: Path, base: list[dict], candidate: list[dict]) -> tuple[int, dict]:
    slices = {"slice_by": {"prompts": ["phenomenon"]}}
    base_dir = write_run_dir(tmp_path / "base", base, **slices)
    cand_dir = write_run_dir(tmp_path / "cand", candidate, model="cand", **slices)
    out = tmp_path / "gate.json"
    code = main(["gate", str(base_dir), str(cand_dir), "--json", str(out), "--no-html"])
    return code, json.loads(out.read_text())


def test_default_gate_pairs_variant_averaged_scores(tmp_path: Path) -> None:
    # The first variant is as good in both runs, but the candidate gets 2 of 6 variants
    # wrong on every item where the baseline got them all right: a real regression.
    first_wrong = set(range(0, N, 10))
    base = _rows(first_wrong, [6 if i % 2 else 5 for i in range(N)])
    candidate = _rows(first_wrong, [4 if i % 2 else 5 for i in range(N)])
    code, verdict = _gate(tmp_path, base, candidate)
    headline = [c for c in verdict["checks"] if c["slice"] is None]
    assert [(c["test"], c["metric"]) for c in headline] == [("prompts", "variant_accuracy")]
    # Half the items lose 2 of 6 variants: Δ = -(2/6) / 2.
    assert headline[0]["delta"] == pytest.approx(-1 / 6)
    assert headline[0]["base"] == pytest.approx((1 + 5 / 6) / 2)
    assert headline[0]["outcome"] == "FAIL"
    assert code == 1
    # Slices are gated on the same score.
    assert {c["metric"] for c in verdict["checks"]} == {"variant_accuracy"}
    assert {c["slice"] for c in verdict["checks"]} == {
        None,
        "phenomenon=lexical",
        "phenomenon=negation",
    }


def test_one_unlucky_prompt_does_not_fail_the_default_gate(tmp_path: Path) -> None:
    # The candidate's first variant is much worse, yet averaged over the variants the
    # items score the same: the gate looks at the average and passes.
    variants_right = [5] * N
    base = _rows(set(), variants_right)
    candidate = _rows(set(range(0, N, 3)), variants_right)
    code, verdict = _gate(tmp_path, base, candidate)
    assert {c["metric"] for c in verdict["checks"]} == {"variant_accuracy"}
    assert all(c["outcome"] == "PASS" for c in verdict["checks"])
    assert code == 0


def test_tests_without_variants_keep_accuracy(tmp_path: Path) -> None:
    rows = [item("nli", f"x{i}", LABELS[i % 3], LABELS[i % 3]) for i in range(60)]
    code, verdict = _gate(tmp_path, rows, rows)
    assert {c["metric"] for c in verdict["checks"]} == {"accuracy"}
    assert code == 0
