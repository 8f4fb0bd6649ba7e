"""Knowledge integration and logical consistency on models built to behave in a known way.

Both run end to end through the runner with a ``python:`` model (tests/helpers/probe_models.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.analyses.knowledge import unit_outcome
from harness.generators.knowledge import PARTS
from harness.registry import ANALYSES
from harness.runner import run_suite


def _run(tmp_path: Path, model: str, test: str, generator: str, params: str, analysis: str):
    suite = tmp_path / "suite.yaml"
    model = model if model.startswith("{") else f'"{model}"'
    suite.write_text(
        f"""\
name: probes
task: nli
labels: [entailment, neutral, contradiction]
seed: 13
model: {model}
bootstrap_resamples: 200
tests:
  - name: {test}
    data: {{source: generator, name: {generator}, params: {params}}}
analyses:
  - {{name: {analysis}, tests: [{test}]}}
""",
        encoding="utf-8",
    )
    run_dir = run_suite(suite, out_dir=tmp_path / "run", progress=False, allow_code=True)
    results = json.loads((run_dir / "results.json").read_text())
    html = (run_dir / "report.html").read_text()
    return results["analyses"][analysis], html


def test_unit_outcomes() -> None:
    assert unit_outcome(True, True) == "right_both"
    assert unit_outcome(False, True) == "right_only_with_fact"
    assert unit_outcome(False, False) == "wrong_both"
    assert unit_outcome(True, False) == "right_only_without_fact"


def test_knowledge_decomposition_on_a_model_that_knows_some_facts(tmp_path: Path) -> None:
    # 20 units per relation cycle through the pairs: part-whole has 10 pairs, the
    # model knows the first 5, so 10 of 20 units need the stated fact.
    section, html = _run(
        tmp_path,
        "python:helpers.probe_models:knows_some_facts",
        "knowledge",
        "knowledge",
        "{n_per_relation: 20}",
        "knowledge_integration",
    )
    rows = {row["relation"]: row for row in section["per_relation"]}
    assert len(PARTS) == 10
    expected = {
        "hypernymy": {"right_both": 20},
        "part_whole": {"right_both": 10, "right_only_with_fact": 10},
        "antonymy": {"right_only_with_fact": 20},
        "located_in": {"wrong_both": 20},
    }
    for relation, counts in expected.items():
        row = rows[relation]
        assert row["n_units"] == 20
        for outcome in ("right_both", "right_only_with_fact", "wrong_both"):
            share = row[outcome]
            assert share["value"] == pytest.approx(counts.get(outcome, 0) / 20), (relation, outcome)
            assert share["ci_low"] <= share["value"] <= share["ci_high"]
        # The model answers the controls right (neutral) every time.
        assert row["control_accuracy"]["without"]["value"] == 1.0
        assert row["control_accuracy"]["with"]["value"] == 1.0
        assert row["right_both_and_controls"]["value"] == row["right_both"]["value"]
    # Side-by-side examples of missing knowledge: without the fact wrong, with it right.
    (example, *_) = rows["antonymy"]["examples"]["right_only_with_fact"]
    assert example["without"]["predicted"] == "neutral"
    assert example["with"]["predicted"] == "contradiction"
    assert example["with"]["premise"].startswith(example["without"]["premise"])
    assert "right only with the fact" in html
    assert ANALYSES.get("knowledge_integration").__name__ == "KnowledgeIntegrationAnalysis"


def test_cloze_check_splits_knowledge_by_what_the_lm_knows(tmp_path: Path) -> None:
    # The same behaviour as knows_some_facts, as a prompted LM whose cloze also knows
    # every located-in fact: those it knows but never uses (wrong both when known).
    section, html = _run(
        tmp_path,
        '{type: python, path: "helpers.probe_models:knows_some_facts_lm", '
        "options: {serves: loglikelihood}}",
        "knowledge",
        "knowledge",
        "{n_per_relation: 20}",
        "knowledge_integration",
    )
    assert section["cloze"]["asked"] is True
    rows = {row["relation"]: row for row in section["per_relation"]}
    expected = {
        # relation: (known by cloze, {outcome: share} if known, {outcome: share} if not)
        "hypernymy": (20, {"right_both": 1.0}, {}),
        "part_whole": (10, {"right_both": 1.0}, {"right_only_with_fact": 1.0}),
        "antonymy": (0, {}, {"right_only_with_fact": 1.0}),
        "located_in": (20, {"wrong_both": 1.0}, {}),
    }
    for relation, (n_known, if_known, if_not) in expected.items():
        cloze = rows[relation]["cloze"]
        assert cloze["known_by_cloze"]["value"] == pytest.approx(n_known / 20), relation
        assert cloze["if_known"]["n_units"] == n_known
        assert cloze["if_not_known"]["n_units"] == 20 - n_known
        for part, shares in (("if_known", if_known), ("if_not_known", if_not)):
            for outcome, share in shares.items():
                assert cloze[part][outcome]["value"] == pytest.approx(share), (relation, part)
    # The NLI split itself is the classifier's (the prompt carries the same decisions).
    assert rows["located_in"]["wrong_both"]["value"] == 1.0
    assert section["cloze"]["known_by_cloze"]["value"] == pytest.approx((20 + 10 + 0 + 20) / 80)
    assert "known by cloze" in html


def test_no_cloze_for_a_classifier_and_a_reason_shown(tmp_path: Path) -> None:
    section, html = _run(
        tmp_path,
        "python:helpers.probe_models:knows_some_facts",
        "knowledge",
        "knowledge",
        "{n_per_relation: 4, relations: [hypernymy]}",
        "knowledge_integration",
    )
    assert section["cloze"]["asked"] is False
    assert "does not serve loglikelihood" in section["cloze"]["why"]
    assert "cloze" not in section["per_relation"][0]
    assert "No cloze check" in html


def test_cloze_stems_and_candidates() -> None:
    from harness.analyses.knowledge_cloze import candidates, cloze_context
    from harness.generators.knowledge import PAIRS

    for relation, pairs in PAIRS.items():
        for word, answer in pairs:
            assert answer in candidates(relation)
            assert cloze_context(relation, word).split()[-1] in {"of", "is", "the", "in"}
    assert cloze_context("part_whole", "umbrella") == "One part of an umbrella is the"
    assert len(candidates("located_in")) == len(PAIRS["located_in"])


@pytest.mark.slow
def test_cloze_on_a_tiny_causal_lm_ranks_as_the_adapter_scores(tmp_path: Path) -> None:
    """The cloze verdicts equal an argmax over the adapter's own log-likelihoods."""
    from helpers.tiny_language_models import build_tiny_gpt2

    from harness.analyses.knowledge_cloze import candidates, cloze_context
    from harness.generators.knowledge import PAIRS
    from harness.models.base import ModelContext, ModelSpec, load_model
    from harness.requests import Loglikelihood

    path = build_tiny_gpt2(tmp_path / "gpt2")
    section, _ = _run(
        tmp_path,
        f"hf-causal:{path}",
        "knowledge",
        "knowledge",
        "{n_per_relation: 6, relations: [hypernymy, located_in]}",
        "knowledge_integration",
    )
    model = load_model(
        ModelSpec.parse(f"hf-causal:{path}"), ModelContext(task="nli", labels=(), input_fields=())
    )
    for row in section["per_relation"]:
        relation = row["relation"]
        known = 0
        for word, answer in PAIRS[relation][:6]:
            options = candidates(relation)
            scores = model.loglikelihood(
                [Loglikelihood(context=cloze_context(relation, word), continuation=f" {o}")
                 for o in options]
            )  # fmt: skip
            values = [float(s["loglikelihood"]) for s in scores]
            best = max(values)
            known += [o for o, v in zip(options, values, strict=True) if v == best] == [answer]
        assert row["cloze"]["known_by_cloze"]["value"] == pytest.approx(known / 6), relation
        assert row["cloze"]["if_known"]["n_units"] == known


def test_always_entailment_is_caught_by_the_controls(tmp_path: Path) -> None:
    section, _ = _run(
        tmp_path,
        "python:helpers.mock_models:always_entailment",
        "knowledge",
        "knowledge",
        "{n_per_relation: 8, relations: [hypernymy]}",
        "knowledge_integration",
    )
    (row,) = section["per_relation"]
    assert row["right_both"]["value"] == 1.0
    assert row["right_both_and_controls"]["value"] == 0.0
    assert row["control_accuracy"]["without"]["value"] == 0.0


def test_consistency_rates_on_a_model_that_violates_symmetry(tmp_path: Path) -> None:
    section, html = _run(
        tmp_path,
        "python:helpers.probe_models:asymmetric",
        "consistency",
        "consistency",
        "{n_per_constraint: 20}",
        "logical_consistency",
    )
    rows = {row["constraint"]: row for row in section["constraints"]}
    # Every 4th of 20 symmetry groups (5) and every 5th of 20 paraphrase groups (4).
    assert rows["symmetry"]["violations"] == 5 and rows["symmetry"]["applicable"] == 20
    assert rows["symmetry"]["violation_rate"]["value"] == pytest.approx(0.25)
    assert rows["paraphrase"]["violation_rate"]["value"] == pytest.approx(0.20)
    # Gold answers elsewhere: negation applies to every group (h predicted entailed),
    # transitivity to every chain, and neither is violated.
    assert rows["negation"]["applicable"] == 20 and rows["negation"]["violations"] == 0
    assert rows["transitivity"]["applicable"] == 20 and rows["transitivity"]["violations"] == 0
    low, high = (
        rows["symmetry"]["violation_rate"]["ci_low"],
        rows["symmetry"]["violation_rate"]["ci_high"],
    )
    assert low < 0.25 < high
    # Violating pairs side by side: both directions of the group, one not contradiction.
    (first, *_) = rows["symmetry"]["examples"]
    assert [item["role"] for item in first] == ["forward", "backward"]
    assert first[0]["premise"] == first[1]["hypothesis"]
    assert [item["predicted"] for item in first] == ["contradiction", "neutral"]
    assert "violating groups" in html
