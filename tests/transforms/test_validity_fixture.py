"""Validity fixtures: every transform a shipped suite uses keeps at least 95% valid variants.

Each fixture (tests/transforms/validity/<transform>.jsonl) lists variants of nli-core
items — item id, variant index, a hash of the variant's fields — with a verdict given
by reading the variant as an NLI annotator would: *valid* when it is grammatical and
the label relation the test assumes holds (the gold label for invariance tests; the
directed label for directional ones), with the reason for each *invalid* one. No
sentence is stored: the test regenerates every variant with the suite's parameters,
so a change to a transform that alters a judged variant fails here until it is
judged again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from harness.core import Example, stable_id
from harness.registry import TRANSFORMS
from harness.seeding import rng_for

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "validity"
NLI_CORE = ROOT / "harness" / "datasets" / "nli-core"
MIN_VALID = 0.95


def judged_transforms() -> dict[str, tuple[dict, list[str], int]]:
    """Shipped transforms as the suites use them, plus fixtures with their own settings
    (``<name>.params.json``) for transforms no shipped suite uses yet (synonym)."""
    found = shipped_transforms()
    for path in sorted(FIXTURES.glob("*.params.json")):
        name = path.name.removesuffix(".params.json")
        settings = json.loads(path.read_text())
        found.setdefault(name, (settings["params"], settings["fields"], settings["seed"]))
    return found


def shipped_transforms() -> dict[str, tuple[dict, list[str], int]]:
    """transform -> (params, perturbed fields, suite seed) as the shipped NLI suites use it.

    The fixtures judge NLI pairs; the reading-comprehension transforms (question
    paraphrase, sentence shuffle, distractors) keep their relation by construction from
    rc-core's annotations and are checked item by item in their own tests.
    """
    found: dict[str, tuple[dict, list[str], int]] = {}
    for suite_path in sorted((ROOT / "suites").glob("*.yaml")):
        suite = yaml.safe_load(suite_path.read_text())
        if suite.get("task") != "nli":
            continue
        for test in suite.get("tests", []):
            for entry in test.get("perturb", []):
                entry = {"name": entry} if isinstance(entry, str) else entry
                fields = test.get("fields") or ["premise", "hypothesis"]
                found.setdefault(entry["name"], (entry.get("params", {}), fields, suite["seed"]))
    return found


def _rows(split: str) -> dict[str, dict]:
    lines = (NLI_CORE / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


def test_every_shipped_transform_has_a_fixture() -> None:
    assert set(shipped_transforms()) <= {path.stem for path in FIXTURES.glob("*.jsonl")}
    assert set(judged_transforms()) == {path.stem for path in FIXTURES.glob("*.jsonl")}


@pytest.mark.parametrize("name", sorted(judged_transforms()))
def test_fixture_regenerates_and_is_at_least_95_percent_valid(name: str) -> None:
    params, fields, seed = judged_transforms()[name]
    transform = TRANSFORMS.get(name)
    options = transform.Options.model_validate(params)
    judged = [json.loads(line) for line in (FIXTURES / f"{name}.jsonl").read_text().splitlines()]
    assert len(judged) >= 60
    splits = {split: _rows(split) for split in {row["split"] for row in judged}}
    made: dict[tuple[str, str], list[Example]] = {}
    for row in judged:
        key = (row["split"], row["id"])
        if key not in made:
            item = splits[row["split"]][row["id"]]
            example = Example(
                id=item["id"],
                fields={"premise": item["premise"], "hypothesis": item["hypothesis"]},
                target=item["label"],
            )
            made[key] = transform().apply(example, options, rng_for(seed, name, example.id), fields)
        variant = made[key][row["variant"]]
        assert stable_id(variant.fields) == row["hash"], f"{name}: {row['id']} changed; re-judge"
        assert row["verdict"] in ("valid", "invalid")
        assert row["verdict"] == "valid" or row.get("why"), row
    valid = sum(row["verdict"] == "valid" for row in judged) / len(judged)
    assert valid >= MIN_VALID, f"{name}: {valid:.1%} valid"
