"""The headline numbers of robustness, attack and bias tests, paired and gated.

Two hand-made runs of each kind, small enough to work out every number by hand: the
metrics' paired forms over the runs' columns (read from items.jsonl, as the gate reads
them), then ``harness gate`` itself on a config that names them.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from helpers.rundirs import item, write_run_dir

from harness.bias.bbq import AMBIGUOUS, BIASED, COUNTER, DISAMBIGUATED, UNKNOWN, BBQAnswer, bbq_rows
from harness.cli.gate import main
from harness.gate.rundir import load_run_dir
from harness.metrics.base import PairedColumns
from harness.metrics.bbq import COLUMNS
from harness.registry import METRICS

E, N, C = "entailment", "neutral", "contradiction"

# case -> (gold, original's prediction, [variant predictions]) per run; every variant
# keeps its original's gold (an invariance test).
PERTURBED = {
    "base": {
        "o1": (E, E, [E, E]),
        "o2": (N, N, [C]),
        "o3": (C, E, [E]),
        "o4": (E, E, [E]),
    },
    "cand": {
        "o1": (E, E, [N, E]),
        "o2": (N, N, [N]),
        "o3": (C, C, [N]),
        "o4": (E, N, [N]),
    },
}


def _perturbed_rows(side: str) -> list[dict]:
    rows = []
    for case, (gold, original, variants) in PERTURBED[side].items():
        rows.append(item("perturbed", case, gold, original))
        for i, predicted in enumerate(variants):
            flipped = float(predicted != original)
            rows.append(
                item(
                    "perturbed",
                    f"{case}:{i}",
                    gold,
                    predicted,
                    parent_id=case,
                    transform="typo",
                    scores={"flipped": flipped, "passed": 1.0 - flipped},
                )
            )
    return rows


# original -> what the attack did, per run (a5 was left unattacked in the baseline).
ATTACKED = {
    "base": {
        "a1": "succeeded",
        "a2": "failed",
        "a3": "failed",
        "a4": "skipped",
        "a5": "not_attacked",
    },
    "cand": {"a1": "failed", "a2": "failed", "a3": "succeeded", "a4": "succeeded", "a5": "failed"},
}


def _attack_rows(side: str) -> list[dict]:
    rows = []
    for case, outcome in ATTACKED[side].items():
        right = outcome != "skipped"
        rows.append(item("attacked", case, E, E if right else N, tags={"attack_result": outcome}))
        if outcome == "succeeded":  # the adversarial example: its own id in each run
            rows.append(
                item("attacked", f"{case}:adv:{side}", E, N, parent_id=case, transform="attack:x")
            )
    return rows


# item -> (condition, answer kind, gold kind) per run.
BBQ = {
    "base": {
        "b1": (AMBIGUOUS, UNKNOWN, UNKNOWN),
        "b2": (AMBIGUOUS, BIASED, UNKNOWN),
        "b3": (DISAMBIGUATED, COUNTER, COUNTER),
        "b4": (DISAMBIGUATED, BIASED, BIASED),
    },
    "cand": {
        "b1": (AMBIGUOUS, BIASED, UNKNOWN),
        "b2": (AMBIGUOUS, BIASED, UNKNOWN),
        "b3": (DISAMBIGUATED, BIASED, COUNTER),
        "b4": (DISAMBIGUATED, BIASED, BIASED),
    },
}


def _bbq_rows(side: str) -> list[dict]:
    rows = []
    for i, (case, (condition, answer, gold)) in enumerate(BBQ[side].items()):
        indicators = bbq_rows([BBQAnswer(condition, answer, gold)])[0]
        scores = {f"bbq_{c}": float(v) for c, v in zip(COLUMNS, indicators, strict=True)}
        labels = ("A", "B", "C")
        rows.append(
            item(
                "bbq",
                case,
                labels[0],
                labels[0] if answer == gold else labels[1],
                tags={"template": f"t{i}"},
                scores=scores,
            )
        )
    return rows


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("headlines")
    return {
        side: write_run_dir(
            root / side,
            _perturbed_rows(side) + _attack_rows(side) + _bbq_rows(side),
            model=f"model-{side}",
        )
        for side in ("base", "cand")
    }


def _paired(runs: dict[str, Path], test: str) -> PairedColumns:
    base = load_run_dir(runs["base"]).tests[test].columns
    cand = load_run_dir(runs["cand"]).tests[test].columns
    # The same ids, minus each run's own adversarial examples: pair by id.
    base_ids = {base.id_at(i): i for i in range(len(base)) if not base.adaptive()[i]}
    cand_ids = {cand.id_at(i): i for i in range(len(cand)) if not cand.adaptive()[i]}
    shared = [key for key in base_ids if key in cand_ids]
    return PairedColumns(
        base,
        cand,
        np.array([base_ids[k] for k in shared]),
        np.array([cand_ids[k] for k in shared]),
    )


@pytest.mark.parametrize(
    ("metric", "base", "candidate"),
    [
        # flipped cases: base o2; candidate o1, o3.
        ("consistency", 3 / 4, 2 / 4),
        ("accuracy_original", 3 / 4, 3 / 4),
        # per case, the mean over its variants: base 1, 0, 0, 1; candidate ½, 1, 0, 0.
        ("accuracy_perturbed", 2 / 4, 1.5 / 4),
        ("accuracy_drop", 3 / 4 - 2 / 4, 3 / 4 - 1.5 / 4),
        # original and every variant right: base o1, o4; candidate o2.
        ("worst_case_accuracy", 2 / 4, 1 / 4),
        # a failed check (a flipped variant): base o2; candidate o1, o3.
        ("failure_rate", 1 / 4, 2 / 4),
    ],
)
def test_case_metrics_pair_cases_rebuilt_from_the_items(runs, metric, base, candidate) -> None:
    inputs = METRICS.get(metric).paired(_paired(runs, "perturbed"), ())
    assert (inputs.base_value, inputs.candidate_value) == pytest.approx((base, candidate))
    assert len(inputs.rows) == 4  # one row per case, not per item


@pytest.mark.parametrize(
    ("metric", "base", "candidate"),
    [
        # a5 is counted in one run only: a1..a4 are paired.
        ("attack_success_rate", 1 / 3, 2 / 4),
        ("accuracy_under_attack", 2 / 4, 2 / 4),
        ("original_accuracy", 3 / 4, 4 / 4),
    ],
)
def test_attack_metrics_pair_the_attacked_originals(runs, metric, base, candidate) -> None:
    inputs = METRICS.get(metric).paired(_paired(runs, "attacked"), ())
    assert (inputs.base_value, inputs.candidate_value) == pytest.approx((base, candidate))
    assert len(inputs.rows) == 4


@pytest.mark.parametrize(
    ("metric", "base", "candidate"),
    [
        ("accuracy_ambiguous", 1 / 2, 0.0),
        ("accuracy_disambiguated", 1.0, 1 / 2),
        # disambiguated: biased-gold accuracy − counter-biased-gold accuracy, |gap|.
        ("accuracy_gap_bias_aligned", 0.0, 1.0),
        # s_DIS = 2·n_biased/n_nonUNK − 1, |s|: base 1 of 2 biased, candidate 2 of 2.
        ("bbq_s_dis", 0.0, 1.0),
    ],
)
def test_bbq_metrics_pair_template_sums(runs, metric, base, candidate) -> None:
    inputs = METRICS.get(metric).paired(_paired(runs, "bbq"), ("A", "B", "C"))
    assert (inputs.base_value, inputs.candidate_value) == pytest.approx((base, candidate))


def test_the_gate_gates_the_new_headline_metrics(runs, tmp_path: Path) -> None:
    config = tmp_path / "gate.yaml"
    config.write_text(
        "checks:\n"
        + "".join(
            f"  - {{test: {test}, metric: {metric}}}\n"
            for test, metric in [
                ("perturbed", "consistency"),
                ("perturbed", "accuracy_drop"),
                ("perturbed", "worst_case_accuracy"),
                ("perturbed", "failure_rate"),
                ("attacked", "attack_success_rate"),
                ("attacked", "accuracy_under_attack"),
                ("bbq", "accuracy_ambiguous"),
                ("bbq", "bbq_s_dis"),
            ]
        )
    )
    verdict = tmp_path / "gate.json"
    arguments = ["gate", str(runs["base"]), str(runs["cand"]), "--config", str(config)]
    code = main([*arguments, "--json", str(verdict), "--no-html", "--strict"])
    found = json.loads(verdict.read_text())
    checks = {check["name"]: check for check in found["checks"]}
    assert set(checks) == {
        "perturbed/consistency",
        "perturbed/accuracy_drop",
        "perturbed/worst_case_accuracy",
        "perturbed/failure_rate",
        "attacked/attack_success_rate",
        "attacked/accuracy_under_attack",
        "bbq/accuracy_ambiguous",
        "bbq/bbq_s_dis",
    }
    drop = checks["perturbed/accuracy_drop"]
    assert (drop["base"], drop["candidate"]) == pytest.approx((0.25, 0.375))
    assert not drop["higher_is_better"] and drop["delta"] == pytest.approx(-0.125)
    consistency = checks["perturbed/consistency"]
    assert consistency["n"] == 4 and consistency["delta"] == pytest.approx(-0.25)
    assert checks["attacked/attack_success_rate"]["delta"] == pytest.approx(-(0.5 - 1 / 3))
    # Four units cannot show a significant regression: every worse check warns, and
    # --strict turns warnings into exit 1.
    assert {check["outcome"] for check in found["checks"]} <= {"WARN", "PASS"}
    assert code == 1 and found["outcome"] == "WARN"


def test_compare_lists_the_headline_metrics_each_test_reports(runs, tmp_path: Path) -> None:
    """results.json lists a test's headline numbers; compare pairs each it can."""
    for side in ("base", "cand"):
        results = json.loads((runs[side] / "results.json").read_text())
        for test in results["tests"]:
            if test["name"] == "perturbed":
                test["metrics"]["consistency"] = {"value": 0.5, "n": 4, "method": "wilson"}
                test["metrics"]["failure_rate"] = {"value": 0.5, "n": 4, "method": "wilson"}
        (runs[side] / "results.json").write_text(json.dumps(results))
    out = tmp_path / "compare.json"
    assert (
        main(["compare", str(runs["base"]), str(runs["cand"]), "--json", str(out), "--no-html"])
        == 0
    )
    tests = {test["test"]: test for test in json.loads(out.read_text())["tests"]}
    assert [m["metric"] for m in tests["perturbed"]["metrics"]] == [
        "accuracy",
        "consistency",
        "failure_rate",
        "flip_rate",
        "pass_rate",
    ]
