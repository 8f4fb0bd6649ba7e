"""Loading run directories, refusing bad comparisons, differences and flips."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers.rundirs import item, write_run_dir

from harness.errors import ComparisonRefusedError, RunDirectoryError
from harness.gate import compare_dirs, evaluate_gate, load_run_dir
from harness.gate.gate import PASS

LABELS = ("entailment", "neutral", "contradiction")


def _rows(test: str = "nli", n: int = 30, wrong: set[int] = frozenset(), **extra) -> list[dict]:
    rows = []
    for i in range(n):
        gold = LABELS[i % 3]
        predicted = LABELS[(i + 1) % 3] if i in wrong else gold
        tags = {"phenomenon": "negation" if i % 2 else "lexical", "template": f"t{i // 5}"}
        rows.append(item(test, f"{test}:{i}", gold, predicted, tags=tags, **extra))
    return rows


def _pair(tmp_path: Path, base_rows, cand_rows, base_options=None, cand_options=None):
    base_options = {"slice_by": {"nli": ["phenomenon"]}, **(base_options or {})}
    cand_options = {"slice_by": {"nli": ["phenomenon"]}, "model": "cand", **(cand_options or {})}
    base = write_run_dir(tmp_path / "base", base_rows, **base_options)
    cand = write_run_dir(tmp_path / "cand", cand_rows, **cand_options)
    return base, cand


def test_run_compared_with_itself_passes_with_no_flips(tmp_path: Path) -> None:
    base, _ = _pair(tmp_path, _rows(wrong={1, 2, 3}), _rows())
    comparison = compare_dirs(base, base, resamples=500)
    assert comparison.flips() == []
    verdict = evaluate_gate(comparison)
    assert verdict.outcome == PASS and verdict.exit_code == 0
    assert {c.name for c in verdict.checks} == {
        "nli/accuracy",
        "nli/accuracy[phenomenon=lexical]",
        "nli/accuracy[phenomenon=negation]",
    }
    assert all(c.difference.delta == 0 and c.difference.discordant == 0 for c in verdict.checks)


def test_flips_are_grouped_by_slice_and_transform(tmp_path: Path) -> None:
    base_rows = _rows(wrong={0, 1})
    base_rows.append(
        item(
            "nli",
            "nli:0~swap",
            "entailment",
            "entailment",
            parent_id="nli:0",
            transform="swap_names",
            tags={"phenomenon": "lexical"},
        )
    )
    cand_rows = _rows(wrong={1, 4, 5})
    cand_rows.append(
        item(
            "nli",
            "nli:0~swap",
            "entailment",
            "neutral",
            parent_id="nli:0",
            transform="swap_names",
            tags={"phenomenon": "lexical"},
        )
    )
    base, cand = _pair(tmp_path, base_rows, cand_rows)
    comparison = compare_dirs(base, cand, resamples=500)
    status = {f.id: f.status for f in comparison.flips()}
    assert status == {
        "nli:0": "fixed",
        "nli:4": "broken",
        "nli:5": "broken",
        "nli:0~swap": "broken",
    }
    counts = comparison.flip_counts("nli")
    assert (counts["broken"], counts["fixed"]) == (3, 1)
    assert counts["by_transform"] == {
        "original": {"fixed": 1, "broken": 2},
        "swap_names": {"fixed": 0, "broken": 1},
    }
    assert counts["by_slice"]["phenomenon=lexical"] == {"fixed": 1, "broken": 2}
    # The variant is resampled with its parent (one cluster), not as an independent item.
    accuracy = comparison.difference("nli", "accuracy")
    assert accuracy.n == 31 and accuracy.clusters == 30
    assert accuracy.mcnemar.worse == 3 and accuracy.mcnemar.better == 1
    assert accuracy.delta == pytest.approx(-2 / 31)


def test_cluster_by_is_read_from_results_or_the_suite_copy(tmp_path: Path) -> None:
    base, cand = _pair(
        tmp_path,
        _rows(),
        _rows(wrong={3}),
        base_options={"cluster_by": {"nli": "template"}},
        cand_options={
            "suite_yaml": "name: demo\ntests:\n  - name: nli\n    cluster_by: template\n"
        },
    )
    assert load_run_dir(base).tests["nli"].cluster_by == "template"
    assert load_run_dir(cand).tests["nli"].cluster_by == "template"
    assert compare_dirs(base, cand, resamples=200).difference("nli", "accuracy").clusters == 6


@pytest.mark.parametrize(
    "cand_options,cand_rows,reason",
    [
        ({"suite_hash": "ffffffffffffffff"}, None, "different suites"),
        ({"labels": ("yes", "no", "maybe")}, None, "different label sets"),
        ({"seed": 14}, None, "different seeds"),
        ({}, _rows(n=29), "1 item id(s) only in the baseline"),
        ({}, _rows(test="other"), "test 'nli' is only in the baseline run"),
    ],
)
def test_refuses_apples_and_oranges(tmp_path: Path, cand_options, cand_rows, reason) -> None:
    base, cand = _pair(tmp_path, _rows(), cand_rows or _rows(), cand_options=cand_options)
    with pytest.raises(ComparisonRefusedError, match=re.escape(reason)) as error:
        compare_dirs(base, cand)
    assert "\n" not in str(error.value)
    assert error.value.exit_code == 2


def test_refuses_items_whose_gold_labels_differ(tmp_path: Path) -> None:
    cand_rows = _rows()
    cand_rows[0] = item("nli", "nli:0", "neutral", "neutral")
    base, cand = _pair(tmp_path, _rows(), cand_rows)
    with pytest.raises(ComparisonRefusedError, match="item 'nli:0' has gold"):
        compare_dirs(base, cand, allow_subset=True)


def test_allow_subset_compares_shared_items_and_says_so(tmp_path: Path) -> None:
    cand_rows = _rows(n=33)[3:]  # drops nli:0-2, adds nli:30-32
    base, cand = _pair(tmp_path, _rows(), cand_rows, cand_options={"suite_hash": "f" * 16})
    comparison = compare_dirs(base, cand, allow_subset=True, resamples=200)
    assert comparison.difference("nli", "accuracy").n == 27
    notes = " ".join(comparison.notes)
    assert "3 item id(s) only in the baseline and 3 only in the candidate" in notes
    assert "different suites" in notes
    pairing = comparison.test("nli")
    assert (pairing.only_base, pairing.only_candidate) == (3, 3)


def test_other_metrics_macro_f1_and_lower_is_better_scores(tmp_path: Path) -> None:
    base_rows = _rows(wrong={1}, scores={"flipped": 0.0})
    cand_rows = _rows(wrong={1, 2}, scores={"flipped": 1.0})
    base, cand = _pair(tmp_path, base_rows, cand_rows)
    comparison = compare_dirs(base, cand, resamples=300)
    assert set(comparison.metrics("nli")) >= {"accuracy", "macro_f1", "flip_rate"}
    flip_rate = comparison.difference("nli", "flip_rate")
    assert flip_rate.base_value == 0 and flip_rate.candidate_value == 1
    assert flip_rate.delta == -1.0 and not flip_rate.higher_is_better  # oriented: worse
    macro_f1 = comparison.difference("nli", "macro_f1")
    assert macro_f1.delta < 0 and macro_f1.ci_low <= macro_f1.delta <= macro_f1.ci_high


def _corrupt(path: Path, what: str) -> None:
    if what == "results-json":
        (path / "results.json").write_text("{not json", encoding="utf-8")
    elif what == "schema":
        data = json.loads((path / "results.json").read_text())
        data["schema_version"] = 99
        (path / "results.json").write_text(json.dumps(data))
    elif what == "items-missing":
        (path / "items.jsonl").unlink()
    elif what == "items-line":
        with (path / "items.jsonl").open("a") as handle:
            handle.write("{broken\n")
    elif what == "results-missing":
        (path / "results.json").unlink()


@pytest.mark.parametrize(
    "what,message",
    [
        ("results-json", "not valid JSON"),
        ("schema", "unsupported schema_version 99"),
        ("items-missing", "items.jsonl: missing"),
        ("items-line", "items.jsonl:31: not valid JSON"),
        ("results-missing", "results.json: missing"),
    ],
)
def test_bad_run_directories_are_one_line_errors(tmp_path: Path, what: str, message: str) -> None:
    run = write_run_dir(tmp_path / "run", _rows())
    _corrupt(run, what)
    with pytest.raises(RunDirectoryError, match=message) as error:
        load_run_dir(run)
    assert "\n" not in str(error.value)


def test_missing_run_directory(tmp_path: Path) -> None:
    with pytest.raises(RunDirectoryError, match="run directory not found"):
        load_run_dir(tmp_path / "nope")


def test_adversarial_examples_are_not_paired_but_their_originals_are(tmp_path: Path) -> None:
    """Attacks search each model for its own adversarial examples, so their ids differ
    between runs; the comparison pairs the attacked originals and says so."""
    base_rows = _rows(wrong={0}) + [
        item(
            "nli",
            "adv-base",
            "neutral",
            "entailment",
            parent_id="nli:1",
            transform="attack:deepwordbug",
        )
    ]
    cand_rows = _rows(wrong={0, 4}) + [
        item(
            "nli",
            "adv-cand-1",
            "neutral",
            "entailment",
            parent_id="nli:1",
            transform="attack:deepwordbug",
        ),
        item(
            "nli",
            "adv-cand-2",
            "entailment",
            "neutral",
            parent_id="nli:3",
            transform="attack:deepwordbug",
        ),
    ]
    base, cand = _pair(tmp_path, base_rows, cand_rows)
    comparison = compare_dirs(base, cand, resamples=200)  # no --allow-subset needed
    difference = comparison.difference("nli", "accuracy")
    assert difference.n == 30
    assert difference.delta == pytest.approx(-1 / 30)
    (note,) = [note for note in comparison.notes if "adversarial" in note]
    assert note == (
        "test 'nli': 3 adversarial example(s) are specific to the model that was attacked "
        "and are not paired; the originals they were made from are paired as usual"
    )
    # A perturbation variant is seeded, not model-adaptive: a missing one is still refused.
    cand_rows.append(
        item("nli", "typo-x", "neutral", "neutral", parent_id="nli:1", transform="typo")
    )
    base, cand = _pair(tmp_path / "again", base_rows, cand_rows)
    with pytest.raises(ComparisonRefusedError, match="only in the candidate"):
        compare_dirs(base, cand, resamples=200)


def test_two_items_that_got_worse_are_not_a_significant_regression(tmp_path: Path) -> None:
    # A slice of two items, both right in the baseline and wrong in the candidate: the
    # bootstrap puts Δ* = −1 in every resample, yet two items cannot establish anything
    # (McNemar's exact one-sided p for 2 discordant pairs is 0.25).
    base_rows = _rows(n=30) + [item("nli", f"nli:tiny{i}", "neutral", "neutral", tags={"phenomenon": "tiny"}) for i in range(2)]  # fmt: skip
    cand_rows = _rows(n=30) + [item("nli", f"nli:tiny{i}", "neutral", "entailment", tags={"phenomenon": "tiny"}) for i in range(2)]  # fmt: skip
    base, cand = _pair(tmp_path, base_rows, cand_rows)
    verdict = evaluate_gate(compare_dirs(base, cand, resamples=500))
    tiny = next(c for c in verdict.checks if c.slice == "phenomenon=tiny")
    assert tiny.difference.n == 2 and tiny.difference.delta == -1.0
    assert tiny.tolerance > 0 and tiny.method == "paired-bootstrap"
    assert tiny.p_value == pytest.approx(0.25)
    assert tiny.outcome == "WARN"
    assert any("not significant" in reason for reason in tiny.reasons)


def test_a_real_regression_stays_significant_under_the_floor(tmp_path: Path) -> None:
    # 30 items, 12 of them flipped right → wrong: McNemar's floor (2^-12) is far below α.
    base, cand = _pair(tmp_path, _rows(n=30), _rows(n=30, wrong=set(range(0, 24, 2))))
    verdict = evaluate_gate(compare_dirs(base, cand, resamples=2000))
    overall = next(c for c in verdict.checks if c.slice is None)
    assert overall.outcome == "FAIL" and overall.p_value < 0.01
