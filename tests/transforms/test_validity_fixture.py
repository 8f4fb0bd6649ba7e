"""Validity fixtures: every transform a shipped suite uses keeps at least 95% valid variants.

Each fixture (tests/transforms/validity/<transform>.jsonl) lists variants of nli-core
items and of SICK pairs (``source``: ``nli-core`` or ``sick``) — split, item or pair id,
variant index, a hash of the variant's fields — with a verdict given by reading the
variant as an NLI annotator would: *valid* when it is grammatical (for typos: the
intended word is plain to a reader) and the label relation the test assumes holds (the
gold label for invariance tests; the directed label for directional ones), with the
reason for each *invalid* one. No sentence is stored: the test regenerates every
variant with the suite's parameters — SICK's from the third-party copy beside the
repository, skipped when it is absent — so a change to a transform that alters a
judged variant fails here until it is judged again.

SICK names no people and no places, so name_swap and location_swap are judged on
nli-core only; a test checks that they find nothing to change in SICK.
"""

from __future__ import annotations

import csv
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
MIN_JUDGED = 60
SOURCES = ("nli-core", "sick")
#: Transforms that find nothing to change in SICK (no first names, no places).
NOT_IN_SICK = ("name_swap", "location_swap")


def judged_transforms() -> dict[str, tuple[dict, list[str], int]]:
    """Shipped transforms as the suites use them, plus fixtures with their own settings
    (``<name>.params.json``) for transforms no shipped suite uses yet (synonym,
    number_change, location_swap)."""
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


def _nli_core_rows(split: str) -> dict[str, dict]:
    lines = (NLI_CORE / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


def _sick_rows(sick_dir: Path, split: str) -> dict[str, dict]:
    """SICK pairs by pair id, in the shape of nli-core rows; the example id is the one a
    suite reading the file gets (``<file stem>:<pair_ID>``)."""
    with (sick_dir / f"{split}.txt").open(encoding="utf-8-sig", newline="") as handle:
        return {
            row["pair_ID"]: {
                "id": f"{split}:{row['pair_ID']}",
                "premise": row["sentence_A"],
                "hypothesis": row["sentence_B"],
                "label": row["entailment_judgment"].lower(),
            }
            for row in csv.DictReader(handle, delimiter="\t")
        }


def _judged(name: str, source: str) -> list[dict]:
    lines = (FIXTURES / f"{name}.jsonl").read_text().splitlines()
    return [row for row in map(json.loads, lines) if row["source"] == source]


def test_every_shipped_transform_has_a_fixture() -> None:
    assert set(shipped_transforms()) <= {path.stem for path in FIXTURES.glob("*.jsonl")}
    assert set(judged_transforms()) == {path.stem for path in FIXTURES.glob("*.jsonl")}
    for name in judged_transforms():
        sources = {row["source"] for row in _judged(name, "nli-core") + _judged(name, "sick")}
        assert sources == ({"nli-core"} if name in NOT_IN_SICK else set(SOURCES)), name


def _cases() -> list:
    return [
        pytest.param(name, source, marks=[pytest.mark.realdata] if source == "sick" else [])
        for name in sorted(judged_transforms())
        for source in SOURCES
        if not (source == "sick" and name in NOT_IN_SICK)
    ]


@pytest.mark.parametrize(("name", "source"), _cases())
def test_fixture_regenerates_and_is_at_least_95_percent_valid(
    name: str, source: str, request: pytest.FixtureRequest
) -> None:
    params, fields, seed = judged_transforms()[name]
    transform = TRANSFORMS.get(name)
    options = transform.Options.model_validate(params)
    judged = _judged(name, source)
    assert len(judged) >= MIN_JUDGED
    if source == "sick":
        sick_dir = request.getfixturevalue("sick_dir")
        splits = {split: _sick_rows(sick_dir, split) for split in {row["split"] for row in judged}}
    else:
        splits = {split: _nli_core_rows(split) for split in {row["split"] for row in judged}}
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
    assert valid >= MIN_VALID, f"{name} on {source}: {valid:.1%} valid"


@pytest.mark.realdata
@pytest.mark.parametrize("name", NOT_IN_SICK)
def test_transforms_judged_on_nli_core_only_change_nothing_in_sick(
    name: str, sick_dir: Path
) -> None:
    """SICK has no first names and no places: its fixture would be empty, not skipped."""
    transform = TRANSFORMS.get(name)
    options = transform.Options.model_validate({})
    rows = _sick_rows(sick_dir, "SICK_test_annotated")
    assert len(rows) == 4927
    for item in rows.values():
        example = Example(
            id=item["id"],
            fields={"premise": item["premise"], "hypothesis": item["hypothesis"]},
            target=item["label"],
        )
        assert (
            transform().apply(
                example, options, rng_for(0, name, example.id), ["premise", "hypothesis"]
            )
            == []
        )
