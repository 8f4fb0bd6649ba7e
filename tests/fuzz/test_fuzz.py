"""Malformed suites, data files, command lines, damaged caches and bad model outputs,
through the real CLI: each is answered with one line that names where, the right exit
code, no traceback, no partial output, in bounded time (tests/fuzz/fuzz_cases.py).

The default run takes a seeded subset of ``CI_CASES`` cases; ``-m fuzz_full`` runs them all.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from fuzz_cases import (
    CACHE_DAMAGE,
    RUN,
    Case,
    all_cases,
    base_files,
    cache_cases,
    problems,
    run_case,
)

from harness.seeding import rng_for

#: Cases in the default run; the whole set (``-m fuzz_full``) is about twice as large.
CI_CASES = 330

ALL_CASES = all_cases()
_rng = rng_for(2026, "fuzz-subset")
CI_SUBSET = sorted(_rng.sample(range(len(ALL_CASES)), min(CI_CASES, len(ALL_CASES))))


def _predictions(run_dir: Path) -> dict[str, str]:
    rows = [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]
    return {f"{row['test']}/{row['id']}": row["predicted"] for row in rows}


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The base world run once with a cache: the template to damage, the answers to match."""
    directory = tmp_path_factory.mktemp("fuzz-clean")
    argv = ("run", "suite.yaml", "--out", "out", "--quiet", "--allow-code", "--cache-dir", "cache")
    case = Case("clean", "base", base_files(), argv=argv, expected_exit=0, location=None)
    outcome = run_case(case, directory, directory / "unused-cache")
    assert problems(case, outcome) == [], outcome.stderr
    return directory / "cache", _predictions(directory / "out")


def _check(case: Case, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path / "world", tmp_path / "cache")
    found = problems(case, outcome)
    assert found == [], f"{case.id}: {found}\nstderr: {outcome.stderr[-1500:]}"


def test_the_ci_subset_is_large_enough():
    assert len(CI_SUBSET) >= 300
    families = {ALL_CASES[index].family for index in CI_SUBSET}
    # Every kind of damage is represented, not just the most numerous.
    assert {"key-typo", "wrong-type", "encoding", "yaml-abuse", "path", "data-jsonl"} <= families


@pytest.mark.parametrize("index", CI_SUBSET, ids=[ALL_CASES[i].id for i in CI_SUBSET])
def test_fuzz_case(index: int, tmp_path: Path):
    (tmp_path / "world").mkdir()
    _check(ALL_CASES[index], tmp_path)


@pytest.mark.fuzz_full
@pytest.mark.parametrize(
    "index",
    [i for i in range(len(ALL_CASES)) if i not in set(CI_SUBSET)],
    ids=[c.id for i, c in enumerate(ALL_CASES) if i not in set(CI_SUBSET)],
)
def test_fuzz_case_full(index: int, tmp_path: Path):
    (tmp_path / "world").mkdir()
    _check(ALL_CASES[index], tmp_path)


@pytest.mark.parametrize("damage", CACHE_DAMAGE)
def test_a_damaged_cache_heals_and_answers_as_a_clean_run(
    damage: str, clean_run: tuple[Path, dict[str, str]], tmp_path: Path
):
    template, clean_predictions = clean_run
    case = next(c for c in cache_cases(template) if c.name == damage)
    if damage in {"empty-file", "no-tables"}:
        # An empty database is a valid empty cache: nothing to warn about.
        case = replace(case, warning=None)
    world = tmp_path / "world"
    world.mkdir()
    outcome = run_case(case, world, tmp_path / "cache")
    assert problems(case, outcome) == [], outcome.stderr
    # Healing means the same answers as a cold run, never a wrong one (NaN -> "entailment").
    assert _predictions(world / "out") == clean_predictions


def test_a_failed_run_leaves_neither_output_nor_staging(tmp_path: Path):
    """A data error in the last test is found before the model runs: nothing is written."""
    files = dict(base_files())
    files["pairs.csv"] = b"id,premise,hypothesis,label\n1,a,b,maybe\n"
    case = Case(
        "leftovers",
        "bad-last-test",
        files,
        argv=(*RUN, "--cache-dir", "cache"),
        location=r"pairs\.csv:2",
    )
    world = tmp_path / "world"
    world.mkdir()
    outcome = run_case(case, world, tmp_path / "cache")
    assert problems(case, outcome) == []
    assert not (world / "out").exists()
    assert not (world / "cache").exists() or not any((world / "cache").rglob("*.sqlite"))
