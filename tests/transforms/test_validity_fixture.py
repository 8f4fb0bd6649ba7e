"""Validity fixtures: every transform a shipped suite uses is at least 95% valid, per mode
and source, on a sample judged after its code was final.

Each fixture (tests/transforms/validity/<transform>.<mode>.<source>.jsonl, the format in
harness/transforms/validity/fixtures.py) lists variants drawn with a fresh seed from the
pooled train and test splits of a source — nli-core, SICK (third-party, beside the
repository; those cases are ``realdata`` and skip without it), rc-core or a generator —
with a verdict given by reading each one as a careful annotator would: *valid* when it
is grammatical and natural enough and the relation the test assumes holds (the gold
label for an invariance test, the directed label for a directional one), with the
reason for each *invalid* one. No sentence is stored; every variant is regenerated here.

A fixture stops counting the moment the code that made it changes: its header records
the code's digest (``harness.cache.derived.behaviour_digest``), and a changed transform fails
here until a new sample, with a new seed, is drawn and judged. A judged sample is never
re-judged after the code was tuned on it: that would measure the tuning, not the
transform.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.transforms.validity.fixtures import (
    MIN_JUDGED,
    Fixture,
    changed_since_judged,
    fixture_files,
    fixture_name,
    read_fixture,
    verdict_problems,
)
from harness.transforms.validity.populations import (
    SOURCES,
    current_digest,
    population,
    regenerate,
    variant_hash,
)
from harness.transforms.validity.table import has_validity_table, with_validity_tables
from harness.transforms.validity.usages import shipped_usages

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "validity"
SUITES = sorted((ROOT / "suites").glob("*.yaml"))

#: Judged on every NLI source although no shipped suite uses them: the transforms and
#: modes the validity audit named, which a user can put in a suite.
ALSO_JUDGED = (
    ("synonym", "default"),
    ("location_swap", "default"),
    ("number_change", "consistent"),
    ("number_change", "one_field"),
)
#: Shipped usages whose fixtures are still to be drawn. Listing one that has a fixture
#: fails, so each entry goes when its fixture comes.
NOT_YET_JUDGED: set[tuple[str, str, str]] = set()


def _fixture_cases() -> list:
    cases = []
    for path in fixture_files(FIXTURES):
        fixture = read_fixture(path)
        third_party = SOURCES[fixture.header.usage.source].third_party
        cases.append(
            pytest.param(path, id=path.stem, marks=[pytest.mark.realdata] if third_party else [])
        )
    return cases


def _data_dir(fixture: Fixture, request: pytest.FixtureRequest) -> Path | None:
    """The third-party data directory for a SICK fixture (skips when it is absent)."""
    if not SOURCES[fixture.header.usage.source].third_party:
        return None
    return Path(request.getfixturevalue("sick_dir")).parent


@pytest.mark.parametrize("path", _fixture_cases())
def test_fixture_is_current_complete_and_at_least_95_percent_valid(
    path: Path, request: pytest.FixtureRequest
) -> None:
    fixture = read_fixture(path)
    usage = fixture.header.usage
    assert path.name == fixture_name(*usage.key), "the file name must match its header"
    message = changed_since_judged(fixture, current_digest(usage))
    assert message is None, message
    assert verdict_problems(fixture) == []
    data_dir = _data_dir(fixture, request)
    made = regenerate(fixture, data_dir=data_dir)
    for row in fixture.rows:
        parent, variants = made[(row.split, row.id)]
        assert row.variant < len(variants), f"{row.id}: variant {row.variant} no longer made"
        assert variant_hash(variants[row.variant]) == row.hash, f"{row.id}: changed; redraw"
    if fixture.header.population < MIN_JUDGED:
        # "All of them where fewer exist": the whole population, regenerated, is judged
        # (and a fixture of a transform that changes nothing in a source shows it does not).
        everything = population(usage, data_dir=data_dir)
        assert len(everything) == fixture.header.population
        assert {(c.split, c.parent.id, c.index) for c in everything} == {
            (row.split, row.id, row.variant) for row in fixture.rows
        }


def test_every_shipped_usage_has_a_fixture_judged_with_its_settings() -> None:
    shipped = shipped_usages(SUITES)
    assert shipped, "no shipped suite applies a transform"
    assert set(shipped) >= NOT_YET_JUDGED
    for key, usage in sorted(shipped.items()):
        path = FIXTURES / fixture_name(*key)
        if key in NOT_YET_JUDGED:
            assert not path.exists(), f"{path.name} exists: remove {key} from NOT_YET_JUDGED"
            continue
        assert path.exists(), f"{key} is used by a shipped suite but has no fixture"
        assert read_fixture(path).header.usage.settings() == usage.settings(), (
            f"{path.name} was judged with other settings than the suite uses: redraw"
        )


@pytest.mark.parametrize(("transform", "mode"), ALSO_JUDGED)
def test_named_transforms_are_judged_on_every_nli_source(transform: str, mode: str) -> None:
    for source in ("nli-core", "sick"):
        assert (FIXTURES / fixture_name(transform, mode, source)).exists(), (transform, source)


def test_docs_validity_tables_are_written_from_the_fixtures() -> None:
    fixtures = [read_fixture(path) for path in fixture_files(FIXTURES)]
    docs = {doc: doc.read_text(encoding="utf-8") for doc in sorted((ROOT / "docs").glob("*.md"))}
    assert has_validity_table(docs[ROOT / "docs" / "robustness.md"])
    for doc, text in docs.items():
        assert text == with_validity_tables(text, fixtures), (
            f"{doc.name}: run python scripts/validity_table.py"
        )
