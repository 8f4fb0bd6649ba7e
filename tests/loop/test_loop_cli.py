"""``harness augment``, ``finetune`` and ``loop`` through the real command line, on the
reference model (the packaged encoder with its logistic head) and a small suite."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

TESTS_DIR = Path(__file__).resolve().parents[1]

SUBJECTS = ["Mary", "John", "Emma", "David", "Sarah", "James", "Laura", "Peter"]
PLACES = ["the park", "the kitchen", "the garden", "the office", "the station", "the library"]
ACTIVITIES = ["reading a book", "eating an apple", "writing a letter", "painting a fence"]
#: The training pairs' activities: no training pair is a test pair (but the planted one).
TRAIN_ACTIVITIES = ["baking bread", "washing a car", "feeding a cat", "playing chess"]


def rows(offset: int, n: int, activities: list[str] = ACTIVITIES) -> list[dict]:
    """NLI pairs about named people: entailed, contradicted or neutral by construction."""
    made = []
    for i in range(offset, offset + n):
        name = SUBJECTS[i % len(SUBJECTS)]
        place = PLACES[(i // 3) % len(PLACES)]
        activity = activities[(i // 2) % len(activities)]
        premise = f"{name} is {activity} in {place}."
        kind = i % 3
        if kind == 0:
            hypothesis, label = f"{name} is {activity}.", "entailment"
        elif kind == 1:
            hypothesis, label = f"{name} is not {activity}.", "contradiction"
        else:
            hypothesis, label = f"{name} is {activity} with a friend.", "neutral"
        made.append({"id": f"p{i}", "premise": premise, "hypothesis": hypothesis, "label": label})
    return made


def write_project(directory: Path) -> None:
    test_data = {"source": "inline", "examples": rows(0, 24)}
    suite = {
        "name": "loop_small",
        "task": "nli",
        "labels": ["entailment", "neutral", "contradiction"],
        "seed": 5,
        "model": "reference",
        "tests": [
            {"name": "clean", "data": test_data},
            {
                "name": "typos",
                "data": test_data,
                "perturb": [{"name": "typo", "params": {"rate": 0.3, "n_variants": 2}}],
                "fields": ["hypothesis"],
                "expect": "invariance",
            },
            {
                "name": "names",
                "data": test_data,
                "perturb": [{"name": "name_swap", "params": {"n_variants": 2}}],
                "expect": "invariance",
            },
        ],
    }
    (directory / "suite.yaml").write_text(yaml.safe_dump(suite, sort_keys=False))
    train = rows(100, 48, TRAIN_ACTIVITIES)
    # A planted leak: a training pair that is a test item up to case and punctuation.
    leaked = dict(rows(0, 1)[0], id="leak")
    leaked["premise"] = leaked["premise"].upper().rstrip(".")
    (directory / "train.jsonl").write_text(
        "".join(json.dumps(row) + "\n" for row in [*train, leaked])
    )


def harness(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    pythonpath = os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": pythonpath},
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_loop_end_to_end_on_the_reference_model(tmp_path: Path) -> None:
    write_project(tmp_path)
    result = harness(
        "loop", "suite.yaml", "--model", "reference", "--train", "train.jsonl",
        "--out", "loop", "--quiet", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr  # the gate's verdict decides
    out = tmp_path / "loop"
    for name in ("before/results.json", "after/results.json", "augmented.jsonl",
                 "augmentation.json", "model/training_card.json", "model/train.jsonl",
                 "gate/verdict.json", "gate/gate.md", "gate/junit.xml", "gate/compare.html",
                 "loop.json", "loop.html"):  # fmt: skip
        assert (out / name).is_file(), name
    summary = json.loads((out / "loop.json").read_text())
    before = json.loads((out / "before/results.json").read_text())
    after = json.loads((out / "after/results.json").read_text())
    findings = [f for f in before["findings"] if f["status"] == "finding"]
    # Every finding of the run before has its before → after, on the same items.
    assert [f["key"] for f in summary["findings"]] == [f["key"] for f in findings]
    for finding, row in zip(findings, summary["findings"], strict=True):
        assert row["verdict"] in {"fixed", "improved", "unchanged", "worse"}
        assert abs(row["before"] - finding["estimate"]) < 1e-9  # the finding's own number
        assert row["ci_low"] <= row["delta"] <= row["ci_high"]
        assert row["confidence"] == 1 - 0.05 / len(findings)
        assert row["verdict"] in result.stdout
    # The gate checks clean accuracy, and says so on the terminal and in its outputs.
    verdict = json.loads((out / "gate/verdict.json").read_text())
    assert summary["gate"]["outcome"] == verdict["outcome"]
    assert [c["test"] for c in summary["gate"]["checks"]] == ["clean"]
    assert f"gate on clean accuracy: {verdict['outcome']}" in result.stdout
    assert result.returncode == (1 if verdict["outcome"] == "FAIL" else 0)
    # The planted leak is dropped and counted; the after-model was fit on the augmented data.
    augmentation = json.loads((out / "augmentation.json").read_text())
    assert augmentation["originals_leaked"] == 1
    augmented = [json.loads(line) for line in (out / "augmented.jsonl").read_text().splitlines()]
    assert "leak" not in {row["id"] for row in augmented}
    assert any(row["origin"] != "original" for row in augmented)
    # The run after records the training card in its manifest; the run before has none.
    card = json.loads((out / "model/training_card.json").read_text())
    assert before["manifest"]["training"] is None
    assert after["manifest"]["training"] == card
    assert card["data"]["augmentation"]["originals_leaked"] == 1
    assert card["data"]["train"]["n"] + card["data"]["dev"]["n"] == len(augmented)
    # The training data, dev split included, holds no test item (the leak check ran first).
    test_inputs = {(r["premise"].lower(), r["hypothesis"].lower()) for r in rows(0, 24)}
    assert not any(
        (r["premise"].lower(), r["hypothesis"].lower()) in test_inputs for r in augmented
    )
    # The page shows each finding's verdict and the gate's; the report shows the card.
    page = (out / "loop.html").read_text()
    assert "Gate on clean accuracy" in page and verdict["outcome"] in page
    # Why the gate did not pass is said, not only its outcome (a WARN can be an improvement).
    for reason in summary["gate"]["checks"][0]["reasons"]:
        assert reason in result.stdout and html.escape(reason) in page
    report = (out / "after/report.html").read_text()
    assert "Training card" in report and card["data"]["train"]["digest"] in report


def test_augment_and_finetune_commands(tmp_path: Path) -> None:
    write_project(tmp_path)
    augmented = harness(
        "augment", "suite.yaml", "--train", "train.jsonl", "--out", "aug.jsonl", cwd=tmp_path
    )
    assert augmented.returncode == 0, augmented.stderr
    assert "leakage check: 1 dropped" in augmented.stdout
    counts = json.loads((tmp_path / "aug.counts.json").read_text())
    assert {row["test"] for row in counts["transforms"]} == {"typos", "names"}
    tuned = harness(
        "finetune", "suite.yaml", "--model", "reference", "--train", "aug.jsonl",
        "--out", "ref", "--quiet", cwd=tmp_path,
    )  # fmt: skip
    assert tuned.returncode == 0, tuned.stderr
    card = json.loads((tmp_path / "ref/training_card.json").read_text())
    assert card["model"]["spec"] == "reference"
    assert 0.0 <= card["dev_scores"]["accuracy"] <= 1.0
    # Variants of one training pair sit on one side of the dev split.
    train_ids = [json.loads(line)["id"] for line in (tmp_path / "ref/train.jsonl").open()]
    aug_rows = [json.loads(line) for line in (tmp_path / "aug.jsonl").open()]
    in_train = {i.split(":", 1)[1] for i in train_ids}
    for row in aug_rows:
        if "parent_id" in row:
            assert (row["id"] in in_train) == (row["parent_id"] in in_train), row
    # Asking again for the same directory is refused: nothing is overwritten.
    again = harness(
        "finetune", "suite.yaml", "--model", "reference", "--train", "aug.jsonl", "--out", "ref",
        cwd=tmp_path,
    )  # fmt: skip
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "already exists" in again.stderr


def test_bad_training_data_is_one_line(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "bad.jsonl").write_text(
        json.dumps({"id": "x", "premise": "a", "hypothesis": "b", "label": "maybe"}) + "\n"
    )
    for train in ("bad.jsonl", "missing.jsonl", "builtin:no-such-set"):
        result = harness(
            "augment", "suite.yaml", "--train", train, "--out", "a.jsonl", cwd=tmp_path
        )
        assert result.returncode == 2, (train, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "a.jsonl").exists()


@pytest.mark.attack
def test_augment_attacks_training_pairs_through_the_model_it_is_given(tmp_path: Path) -> None:
    from harness.attack.offline import textattack_installed

    if not textattack_installed():
        pytest.skip("textattack is not installed (pip install 'reasoning-harness[attack]')")
    write_project(tmp_path)
    suite = yaml.safe_load((tmp_path / "suite.yaml").read_text())
    attack = {"recipe": "deepwordbug", "field": "hypothesis", "max_queries": 40, "n_examples": 6}
    suite["tests"].append({"name": "wordbug", "data": suite["tests"][0]["data"], "attack": attack})
    (tmp_path / "suite.yaml").write_text(yaml.safe_dump(suite, sort_keys=False))
    env_cache = ("--cache-dir", str(tmp_path / "cache"))
    without = harness(
        "augment", "suite.yaml", "--train", "train.jsonl", "--out", "a.jsonl", *env_cache,
        cwd=tmp_path,
    )  # fmt: skip
    assert without.returncode == 0, without.stderr
    assert "no --model was given to attack the training examples" in without.stdout
    assert "wordbug" not in (tmp_path / "a.jsonl").read_text()
    made = harness(
        "augment", "suite.yaml", "--train", "train.jsonl", "--out", "b.jsonl", "--model",
        "reference", "--quiet", *env_cache, cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    (row,) = json.loads((tmp_path / "b.counts.json").read_text())["attacks"]
    assert row["examples"] == 6 and row["succeeded"] > 0
    train = {r["id"]: r for r in map(json.loads, (tmp_path / "train.jsonl").open())}
    adversarial = [
        r for r in map(json.loads, (tmp_path / "b.jsonl").open()) if r["origin"] != "original"
    ]
    attacked = [r for r in adversarial if r["origin"] == "wordbug/deepwordbug"]
    assert len(attacked) == row["kept"] > 0
    for r in attacked:
        parent = train[r["parent_id"].split(":", 1)[1]]
        assert r["label"] == parent["label"] and r["hypothesis"] != parent["hypothesis"]
    # A second run reads the attack outcomes back from the model's cache: the same rows.
    again = harness(
        "augment", "suite.yaml", "--train", "train.jsonl", "--out", "c.jsonl", "--model",
        "reference", "--quiet", *env_cache, cwd=tmp_path,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "c.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()
    # The loop augments from the attack test's finding through the model it runs: the same
    # training pairs attacked, the same outcomes (read back from the cache).
    looped = harness(
        "loop", "suite.yaml", "--model", "reference", "--train", "train.jsonl", "--out", "loop",
        "--quiet", *env_cache, cwd=tmp_path,
    )  # fmt: skip
    assert looped.returncode == 0, looped.stderr
    summary = json.loads((tmp_path / "loop/loop.json").read_text())
    assert "wordbug" in summary["training"]["data"]["augmented_from"]
    assert summary["augmentation"]["attacks"] == [row]
    assert any(f["test"] == "wordbug" for f in summary["findings"])
    looped_rows = [json.loads(line) for line in (tmp_path / "loop/augmented.jsonl").open()]
    assert [r for r in looped_rows if r["origin"] == "wordbug/deepwordbug"] == attacked
