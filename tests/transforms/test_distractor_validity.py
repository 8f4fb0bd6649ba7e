"""Validity fixture for ``add_one_sent`` as suites/reading_comprehension.yaml uses it.

Each row of validity_rc/add_one_sent.jsonl names a distractor variant of an rc-core
test question (item id, variant index, a hash of the variant's fields) with a verdict
given by reading the inserted sentence beside the passage and the question as a
careful annotator would: *valid* when the sentence is grammatical, does not answer the
question, does not contradict the passage, and its fake answer has the type of the
gold answer; the reason for each *invalid* one. No sentence is stored: the test
regenerates every variant with the suite's seed and settings, so a change to the
generator that alters a judged variant fails here until it is judged again.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from harness.core import Example, stable_id
from harness.data.sources import BUILTIN_DATASETS_DIR
from harness.seeding import rng_for
from harness.transforms.distractor import AddOneSentTransform

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "validity_rc" / "add_one_sent.jsonl"
MIN_VALID = 0.95


def suite_settings() -> tuple[int, int]:
    suite = yaml.safe_load((ROOT / "suites" / "reading_comprehension.yaml").read_text())
    [test] = [t for t in suite["tests"] if t.get("kind") == "distractor"]
    return suite["seed"], test.get("n_variants", 1)


def test_judged_distractors_regenerate_and_at_least_95_percent_are_valid() -> None:
    seed, n_variants = suite_settings()
    judged = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    assert len(judged) >= 80
    rows = {
        row["id"]: row
        for row in map(
            json.loads,
            (BUILTIN_DATASETS_DIR / "rc-core" / "test.jsonl").read_text().splitlines(),
        )
    }
    transform = AddOneSentTransform()
    options = transform.Options(n_variants=n_variants)
    made: dict[str, list[Example]] = {}
    for entry in judged:
        if entry["id"] not in made:
            row = rows[entry["id"]]
            example = Example(
                id=row["id"],
                fields={"context": row["context"], "question": row["question"]},
                target=row["answers"],
                meta={"answer_type": row["answer_type"]},
            )
            made[entry["id"]] = transform.apply(
                example, options, rng_for(seed, "add_one_sent", example.id), ("context",)
            )
        variant = made[entry["id"]][entry["variant"]]
        assert stable_id(variant.fields) == entry["hash"], f"{entry['id']} changed; re-judge"
        assert entry["verdict"] == "valid" or entry.get("why"), entry
    valid = sum(entry["verdict"] == "valid" for entry in judged) / len(judged)
    assert valid >= MIN_VALID, f"add_one_sent: {valid:.1%} valid"
