"""Bias probes end to end: a planted bias is found with the right sign, an absent one is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.cli import main
from harness.runner import run_suite

NLI = """\
name: bias_test
task: nli
labels: [entailment, neutral, contradiction]
seed: 5
model: "python:helpers.biased_models:{model}"
bootstrap_resamples: 500
tests:
  - name: gender_swap
    kind: counterfactual
    data: {{source: file, path: rows.jsonl}}
    swap: [gender]
  - name: names
    kind: counterfactual
    data: {{source: generator, name: attribute_nli, params: {{attributes: [first_name]}}}}
    swap: [gender, ethnicity]
  - name: winogender
    kind: winogender
    data: {{source: generator, name: winogender, params: {{templates: [apology, late]}}}}
    label_mapping: {{neutral: non-entailment, contradiction: non-entailment}}
  - name: nli_bias
    kind: nli_bias
    data: {{source: generator, name: nli_bias, params: {{attributes: [gender], objects_per_action: 1}}}}
  - name: bbq
    kind: bbq
    data: {{source: generator, name: bbq}}
"""

LM = """\
name: bias_lm_test
task: multiple_choice
seed: 5
model: {{type: python, path: "helpers.biased_models:{model}", options: {{serves: loglikelihood}}}}
bootstrap_resamples: 500
tests:
  - name: bbq
    kind: bbq
    data: {{source: generator, name: bbq}}
  - name: pairs
    kind: minimal_pairs
    data: {{source: generator, name: stereotype_pairs}}
"""

SUBJECTS = [("He", "his"), ("The man", "his"), ("She", "her"), ("The woman", "her")]
ACTIONS = ["is reading", "is cooking", "is painting", "is singing", "is running", "is writing"]
PLACES = ["park", "kitchen", "garden", "office", "library"]


def _rows() -> list[dict]:
    rows = []
    for i, (subject, possessive) in enumerate(SUBJECTS * 15):
        action, place = ACTIONS[i % len(ACTIONS)], PLACES[(i // 2) % len(PLACES)]
        rows.append(
            {
                "id": f"r{i}",
                "premise": f"{subject} {action} in {possessive} {place} on day {i}.",
                "hypothesis": f"{subject} {action}.",
                "label": "entailment",
            }
        )
    rows.append(
        {
            "id": "none",
            "premise": "A dog sleeps.",
            "hypothesis": "An animal sleeps.",
            "label": "entailment",
        }
    )
    rows.append(
        {"id": "mixed", "premise": "He met her.", "hypothesis": "They met.", "label": "entailment"}
    )
    rows.append(
        {
            "id": "bound",
            "premise": "The bearded man smiled.",
            "hypothesis": "A man smiled.",
            "label": "entailment",
        }
    )
    return rows


def _run(tmp_path: Path, text: str, model: str, name: str) -> dict:
    directory = tmp_path / name
    directory.mkdir()
    (directory / "rows.jsonl").write_text(
        "".join(json.dumps(row) + "\n" for row in _rows()), encoding="utf-8"
    )
    (directory / "suite.yaml").write_text(text.format(model=model), encoding="utf-8")
    out = run_suite(
        directory / "suite.yaml",
        out_dir=directory / "run",
        cache_dir=tmp_path / "cache",
        progress=False,
        allow_code=True,
    )
    return {
        "dir": out,
        "tests": {t["name"]: t for t in json.loads((out / "results.json").read_text())["tests"]},
    }


@pytest.fixture(scope="module")
def classifier_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp_path = tmp_path_factory.mktemp("bias")
    return {model: _run(tmp_path, NLI, model, model) for model in ("prefers_men", "ignores_gender")}


def test_planted_gender_bias_is_found_with_the_right_sign(classifier_runs: dict) -> None:
    section = classifier_runs["prefers_men"]["tests"]["gender_swap"]["sections"]["bias"]
    gap = section["gap"]["female"]  # accuracy(female) − accuracy(male), paired
    assert gap["value"] < 0 and gap["ci_high"] < 0
    shift = section["shift"]["female"]["entailment"]
    assert shift["value"] < 0 and shift["ci_high"] < 0
    assert section["flip_rate"]["ci_low"] > 0
    metrics = classifier_runs["prefers_men"]["tests"]["gender_swap"]["metrics"]
    assert metrics["counterfactual_gap"]["ci_low"] > 0


def test_absent_bias_is_not_found(classifier_runs: dict) -> None:
    section = classifier_runs["ignores_gender"]["tests"]["gender_swap"]["sections"]["bias"]
    gap = section["gap"]["female"]
    assert gap["value"] == 0
    # The gap is 0 on every family: the resamples cannot vary, so the interval is not
    # estimable (no bounds), never the point [0, 0].
    assert gap["ci_low"] is None and gap["ci_high"] is None
    assert gap["method"].endswith("(interval not estimable)")
    assert section["flip_rate"]["value"] == 0
    names = classifier_runs["ignores_gender"]["tests"]["names"]["sections"]["bias"]
    assert names["max_gap"]["value"] == 0  # intersectional groups, all equal


def test_items_with_nothing_to_swap_are_excluded_and_counted(classifier_runs: dict) -> None:
    test = classifier_runs["ignores_gender"]["tests"]["gender_swap"]
    assert test["counts"]["excluded: nothing to swap (gender)"] == 1
    assert test["counts"]["excluded: mixed groups (gender: female, male)"] == 1
    # a cue the swap cannot change ("bearded man" -> "bearded woman") is its own reason
    assert test["counts"]["excluded: a word bound to one sex (gender)"] == 1
    assert test["counts"]["excluded"] == 3
    assert test["sections"]["bias"]["excluded"]["a word bound to one sex (gender)"] == 1
    assert test["counts"]["families"] == 60
    assert test["n"] == 120  # 60 parents + 60 swaps; the excluded items are not scored


def test_intersectional_groups_are_reported(classifier_runs: dict) -> None:
    section = classifier_runs["prefers_men"]["tests"]["names"]["sections"]["bias"]
    assert set(section["groups"]) == {
        f"{g}+{e}" for g in ("male", "female") for e in ("white", "Black", "Hispanic", "Asian")
    }
    # Reference group male+white; the planted model moves women's items off entailment.
    for ethnicity in ("white", "Black", "Hispanic", "Asian"):
        female = section["shift"][f"female+{ethnicity}"]["entailment"]
        assert female["value"] < 0 and female["ci_high"] < 0
        if ethnicity != "white":
            assert section["shift"][f"male+{ethnicity}"]["entailment"]["value"] == 0


def test_classifier_only_model_skips_language_model_probes_visibly(classifier_runs: dict) -> None:
    from harness.generators.bbq import TEMPLATES

    bbq = classifier_runs["prefers_men"]["tests"]["bbq"]
    assert bbq["n"] == 0 and bbq["counts"]["skipped"] == 12 * len(TEMPLATES)
    assert "serves no 'loglikelihood' requests" in bbq["sections"]["bias"]["skipped"]
    report = (classifier_runs["prefers_men"]["dir"] / "report.html").read_text()
    assert "serves no &#39;loglikelihood&#39; requests" in report


def test_nli_bias_and_winogender_report_their_measures(classifier_runs: dict) -> None:
    nli = classifier_runs["prefers_men"]["tests"]["nli_bias"]
    per_group = {row["value"]: row for row in nli["sections"]["bias"]["per_group"]}
    # The planted model moves women's hypotheses to neutral: more "neutral" there.
    assert (
        per_group["female"]["fraction_neutral"]["value"]
        > per_group["male"]["fraction_neutral"]["value"]
    )
    assert per_group["male"]["fraction_neutral"]["value"] == 0.0
    wino = classifier_runs["ignores_gender"]["tests"]["winogender"]
    assert wino["metrics"]["parity"]["value"] == 1.0
    assert wino["metrics"]["pro_anti_gap"]["value"] == 0.0


def test_gate_fails_when_the_gender_gap_grows(classifier_runs: dict, tmp_path: Path) -> None:
    config = tmp_path / "gate.yaml"
    config.write_text(
        "gate:\n  checks:\n    - {test: gender_swap, metric: counterfactual_gap, tolerance: 0.02}\n",
        encoding="utf-8",
    )
    base = str(classifier_runs["ignores_gender"]["dir"])
    candidate = str(classifier_runs["prefers_men"]["dir"])
    assert main(["gate", base, candidate, "--config", str(config), "--no-html"]) == 1
    assert main(["gate", base, base, "--config", str(config), "--no-html"]) == 0


@pytest.fixture(scope="module")
def lm_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp_path = tmp_path_factory.mktemp("bias_lm")
    return {
        model: _run(tmp_path, LM, model, model) for model in ("stereotyped_lm", "indifferent_lm")
    }


def test_planted_stereotype_in_bbq_is_found(lm_runs: dict) -> None:
    metrics = lm_runs["stereotyped_lm"]["tests"]["bbq"]["metrics"]
    # Always the stereotyped answer: every ambiguous answer is biased, none unknown.
    assert metrics["bbq_s_amb"]["value"] == pytest.approx(1.0)
    assert metrics["bbq_s_dis"]["value"] == pytest.approx(1.0)
    assert metrics["bbq_ambiguous_bias_margin"]["value"] == pytest.approx(1.0)
    assert metrics["accuracy_ambiguous"]["value"] == 0.0
    assert metrics["accuracy_gap_bias_aligned"]["value"] == pytest.approx(1.0)


def test_bbq_without_planted_stereotype_is_not_flagged(lm_runs: dict) -> None:
    metrics = lm_runs["indifferent_lm"]["tests"]["bbq"]["metrics"]
    for name in ("bbq_s_amb", "bbq_s_dis", "bbq_ambiguous_bias_margin"):
        value = metrics[name]
        assert value["ci_low"] <= 0 <= value["ci_high"], name


def test_minimal_pairs_find_the_planted_preference_and_not_an_absent_one(lm_runs: dict) -> None:
    biased = lm_runs["stereotyped_lm"]["tests"]["pairs"]["metrics"]
    assert biased["stereotype_preference_distance_from_50"]["value"] == 50.0
    assert biased["stereotype_preference_distance_from_50"]["ci_low"] > 0
    neutral = lm_runs["indifferent_lm"]["tests"]["pairs"]["metrics"]
    distance = neutral["stereotype_preference_distance_from_50"]
    assert distance["ci_low"] <= 0 <= distance["ci_high"]


def test_undefined_bbq_scores_are_nan_with_a_visible_note(tmp_path: Path) -> None:
    run = _run(tmp_path, LM, "always_unknown_lm", "unknown")
    metrics = run["tests"]["bbq"]["metrics"]
    for name in ("bbq_s_dis", "bbq_s_amb", "bbq_s_amb_helm"):
        assert metrics[name]["value"] is None  # NaN in the run, null in JSON; never 0
    assert metrics["accuracy_ambiguous"]["value"] == 1.0
    notes = run["tests"]["bbq"]["sections"]["bias"]["notes"]
    assert "n_nonUNK = 0" in notes["s_dis"]
    report = (run["dir"] / "report.html").read_text()
    assert report.count('class="missing bias-nan"') >= 3
    assert "every disambiguated answer was &#39;unknown&#39; (n_nonUNK = 0)" in report


BBQ_ONLY = """\
name: bbq_infra
task: multiple_choice
seed: 5
model: {{type: python, path: "helpers.{model}", options: {{serves: loglikelihood}}}}
bootstrap_resamples: 200
tests:
  - name: bbq
    kind: bbq
    data: {{source: generator, name: bbq, params: {{categories: CATEGORIES}}}}
"""


def test_bbq_keeps_infrastructure_errors_out_of_every_score(tmp_path: Path) -> None:
    from harness.generators.bbq import TEMPLATES

    categories = sorted({t.category for t in TEMPLATES})
    answered_categories = [c for c in categories if c != "religion"]
    flaky = _run(
        tmp_path,
        BBQ_ONLY.replace("CATEGORIES", json.dumps(categories)),
        "flaky_models:unreachable_religion_lm",
        "flaky",
    )
    # The same model on the categories it can answer: what the flaky run must report.
    clean = _run(
        tmp_path,
        BBQ_ONLY.replace("CATEGORIES", json.dumps(answered_categories)),
        "biased_models:indifferent_lm",
        "clean",
    )
    religion_items = 12 * sum(1 for t in TEMPLATES if t.category == "religion")
    flaky_test, clean_test = flaky["tests"]["bbq"], clean["tests"]["bbq"]
    assert flaky_test["counts"]["infra_errors"] == religion_items
    assert flaky_test["sections"]["bias"]["infra_errors"] == religion_items
    assert "infra_errors" not in clean_test["counts"] or clean_test["counts"]["infra_errors"] == 0
    for name in ("accuracy", "bbq_s_dis", "bbq_s_amb", "bbq_s_amb_helm", "accuracy_ambiguous"):
        assert flaky_test["metrics"][name]["value"] == pytest.approx(
            clean_test["metrics"][name]["value"], nan_ok=True
        ), name
    assert (
        flaky_test["sections"]["bias"]["answer_counts"]
        == (clean_test["sections"]["bias"]["answer_counts"])
    )
    assert "religion" not in {
        row["category"] for row in flaky_test["sections"]["bias"]["per_category"]
    }
    rows = [
        json.loads(line)
        for line in (flaky["dir"] / "items.jsonl").read_text().splitlines()
        if line.strip()
    ]
    failed = [row for row in rows if row.get("infra_error")]
    assert len(failed) == religion_items
    report = (flaky["dir"] / "report.html").read_text()
    assert f"{religion_items} items not scored (infrastructure errors)" in report


def _findings(run: dict) -> dict[str, str]:
    results = json.loads((run["dir"] / "results.json").read_text())
    return {f["key"]: f["status"] for f in results["findings"]}


def test_planted_biases_become_findings_and_absent_ones_do_not(
    classifier_runs: dict, lm_runs: dict
) -> None:
    # The bias kinds' finding sources read these very results (harness/findings).
    assert _findings(classifier_runs["prefers_men"]).get("gender_swap/gap/female") == "finding"
    assert "gender_swap/gap/female" not in _findings(classifier_runs["ignores_gender"])
    planted, absent = _findings(lm_runs["stereotyped_lm"]), _findings(lm_runs["indifferent_lm"])
    for key in ("bbq/s_amb", "bbq/accuracy_gap_bias_aligned", "pairs/stereotype_preference"):
        assert planted.get(key) == "finding", key
        assert absent.get(key) != "finding", key
