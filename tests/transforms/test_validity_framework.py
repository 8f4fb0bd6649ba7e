"""The validity-fixture machinery: code digests, the file format, drawing, usages, tables
and the two scripts (run for real)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from harness.cache import derived
from harness.cache.derived import behaviour_digest
from harness.transforms.validity.fixtures import (
    Fixture,
    FixtureError,
    FixtureHeader,
    JudgedVariant,
    Usage,
    changed_since_judged,
    read_fixture,
    verdict_problems,
    write_fixture,
)
from harness.transforms.validity.populations import (
    Candidate,
    VariantsChanged,
    current_digest,
    draw,
    drawn_population,
    mode_of,
    population,
    population_digest,
    regenerate,
    restamp,
    variant_hash,
    variants_changed,
)
from harness.transforms.validity.table import validity_table, with_validity_tables
from harness.transforms.validity.usages import shipped_usages

ROOT = Path(__file__).resolve().parents[2]
NEGATION = Usage(
    transform="negation",
    mode="default",
    source="nli-core",
    fields=("hypothesis",),
    suite_seed=13,
    only_gold=("entailment",),
)

# --- behaviour digests ----------------------------------------------------------------------


@pytest.fixture
def fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for harness: a transform module, its word list, and infrastructure."""
    root = tmp_path / "harness"
    (root / "transforms").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "transforms" / "__init__.py").write_text('"""Transforms."""\n')
    (root / "transforms" / "made.py").write_text(
        '"""A transform."""\n\nfrom harness.core import Example\n'
        "from harness.transforms.words import WORDS\n\n\n"
        "def apply(text):\n"
        '    """Swap words."""\n'
        "    from harness.transforms import helper\n\n"
        "    return helper.pick(WORDS, text)\n"
    )
    (root / "transforms" / "helper.py").write_text("def pick(words, text):\n    return words[0]\n")
    (root / "transforms" / "words.py").write_text("WORDS = ['a', 'b']\n")
    (root / "core.py").write_text("class Example:\n    pass\n")
    monkeypatch.setattr(derived, "_PACKAGE_ROOT", root)
    derived._imported_modules.cache_clear()
    yield root
    derived._imported_modules.cache_clear()


def digest_now() -> str | None:
    derived._imported_modules.cache_clear()
    return behaviour_digest("harness.transforms.made")


def test_digest_ignores_imports_docstrings_infrastructure_and_packages(fake_package: Path) -> None:
    before = digest_now()
    made = fake_package / "transforms" / "made.py"
    text = made.read_text()
    # An import moved, added or reworded; a docstring changed.
    made.write_text(
        text.replace("from harness.core import Example\n", "")
        .replace("def apply(text):\n", "import os\n\n\ndef apply(text):\n")
        .replace('"""Swap words."""', '"""Swap the words of a text."""')
        + "\nfrom harness.core import Example  # noqa\n"
    )
    assert digest_now() == before
    # Infrastructure and package __init__ files are not behaviour.
    (fake_package / "core.py").write_text("class Example:\n    id = 1\n")
    (fake_package / "transforms" / "__init__.py").write_text("from . import helper\n")
    assert digest_now() == before


def test_digest_ignores_a_class_description_but_not_a_description_field(
    fake_package: Path,
) -> None:
    helper = fake_package / "transforms" / "helper.py"
    helper.write_text(helper.read_text() + "\n\nclass Made:\n    kind = 1\n")
    before = digest_now()
    # The line ``harness list`` prints is documentation, like a docstring.
    helper.write_text(
        helper.read_text().replace(
            "    kind = 1\n",
            '    description: ClassVar[str] = "made words"\n    kind = 1\n',
        )
    )
    assert digest_now() == before
    helper.write_text(helper.read_text().replace('"made words"', '"other words"'))
    assert digest_now() == before
    # What to install when a resource is missing never runs while variants are made.
    helper.write_text(
        helper.read_text().replace(
            "    kind = 1\n",
            "    kind = 1\n\n    @staticmethod\n    def unavailable_reason():\n"
            '        return "apt-get install words"\n',
        )
    )
    assert digest_now() == before
    # A dataclass field named ``description`` is data the code makes.
    helper.write_text(helper.read_text().replace("    kind = 1\n", "    description: str\n"))
    assert digest_now() != before


def test_digest_changes_with_code_and_word_lists_it_reaches(fake_package: Path) -> None:
    before = digest_now()
    (fake_package / "transforms" / "words.py").write_text("WORDS = ['a', 'c']\n")
    after_words = digest_now()
    assert after_words != before
    # A module reached only through an import inside a function.
    (fake_package / "transforms" / "helper.py").write_text(
        "def pick(words, text):\n    return words[-1]\n"
    )
    assert digest_now() not in {before, after_words}


def test_digest_of_a_module_moved_to_another_package_is_the_same(fake_package: Path) -> None:
    before = digest_now()
    (fake_package / "text").mkdir()
    (fake_package / "text" / "__init__.py").write_text("")
    (fake_package / "transforms" / "words.py").rename(fake_package / "text" / "words.py")
    made = fake_package / "transforms" / "made.py"
    made.write_text(made.read_text().replace("harness.transforms.words", "harness.text.words"))
    assert digest_now() == before


def test_digest_of_code_outside_harness_is_none() -> None:
    assert behaviour_digest("json") is None
    assert behaviour_digest("harness.transforms.negation") is not None


# --- the format -------------------------------------------------------------------------------


def _fixture(verdicts: list[str], population: int = 60) -> Fixture:
    header = FixtureHeader(NEGATION, 7, ("train", "test"), population, "d", "2025-01-01")
    rows = tuple(
        JudgedVariant("test", f"x{i}", 0, f"h{i}", verdict, "bad" if verdict == "invalid" else "")
        for i, verdict in enumerate(verdicts)
    )
    return Fixture(header, rows)


def test_fixture_round_trips_and_a_bad_line_is_named(tmp_path: Path) -> None:
    fixture = _fixture(["valid"] * 59 + ["invalid"])
    path = tmp_path / "negation.default.nli-core.jsonl"
    write_fixture(path, fixture)
    assert read_fixture(path) == fixture
    first = json.loads(path.read_text().splitlines()[0])["header"]
    assert list(first)[:11] == [
        "transform", "mode", "source", "params", "fields", "suite_seed", "draw_seed",
        "splits", "population", "source_digest", "drawn",
    ]  # fmt: skip
    path.write_text(path.read_text() + '{"split": "test"}\n')
    with pytest.raises(FixtureError, match=r"nli-core.jsonl:62: not a judged variant"):
        read_fixture(path)


@pytest.mark.parametrize(
    ("verdicts", "population", "problem"),
    [
        (["valid"] * 57 + ["invalid"] * 3, 100, None),  # 95% exactly
        (["valid"] * 56 + ["invalid"] * 4, 100, "56/60 valid"),
        (["valid"] * 59, 100, "59 judged of 100"),
        (["valid"] * 7, 7, None),  # all of a small population
        (["valid"] * 6, 7, "6 judged of 7"),
        (["valid"] * 59 + [""], 100, "not judged"),
    ],
)
def test_verdict_rules(verdicts: list[str], population: int, problem: str | None) -> None:
    problems = verdict_problems(_fixture(verdicts, population))
    assert (problems == []) if problem is None else any(problem in p for p in problems)


def test_an_invalid_verdict_needs_a_reason() -> None:
    fixture = _fixture(["valid"] * 60)
    rows = list(fixture.rows)
    rows[0] = JudgedVariant("test", "x0", 0, "h0", "invalid")
    assert verdict_problems(fixture.with_rows(rows)) == ["x0#0: invalid without a reason"]


def test_a_changed_digest_fails_with_the_redraw_message() -> None:
    fixture = _fixture(["valid"] * 60)
    assert changed_since_judged(fixture, "d") is None
    assert changed_since_judged(fixture, "e") == (
        "negation changed since its fixture was judged: redraw with a new seed and re-judge"
    )


# --- populations, drawing, usages -------------------------------------------------------------


def test_population_is_the_kinds_variants_of_the_pooled_splits() -> None:
    found = population(NEGATION)
    assert {c.split for c in found} == {"train", "test"}
    assert all(
        c.parent.target == "entailment" and c.variant.target == "contradiction" for c in found
    )
    assert found[0].parent.id.startswith("nli-core/train:")  # the id a suite run sees
    drawn = draw(found, 10, seed=3)
    assert drawn == draw(found, 10, seed=3) != draw(found, 10, seed=4)
    assert [found.index(c) for c in drawn] == sorted(found.index(c) for c in drawn)
    assert draw(found[:5], 60, seed=3) == found[:5]


def test_regenerate_gives_the_judged_variants() -> None:
    found = population(NEGATION)
    chosen: list[Candidate] = draw(found, 4, seed=1)
    header = FixtureHeader(NEGATION, 1, ("train", "test"), len(found), None, "2025-01-01")
    made = regenerate(Fixture(header, tuple(c.row() for c in chosen)))
    for candidate in chosen:
        _, variants = made[(candidate.split, candidate.parent.id)]
        assert variant_hash(variants[candidate.index]) == candidate.row().hash


def test_drawing_by_examples_is_one_variant_of_each_of_n_random_examples() -> None:
    from harness.transforms.validity.populations import draw_by_examples

    everything = population(NEGATION)
    lazy = draw_by_examples(NEGATION, 10, seed=5)
    assert lazy == draw_by_examples(NEGATION, 10, seed=5)
    assert len(lazy.chosen) == 10 and lazy.examples_read < lazy.examples
    assert {c.row() for c in lazy.chosen} <= {c.row() for c in everything}
    assert lazy.variants_seen == 10  # negation makes at most one variant per example
    # Reading every example sees every variant, and the estimate is then exact.
    whole = draw_by_examples(NEGATION, 10_000, seed=5)
    assert whole.examples_read == whole.examples
    assert {c.row() for c in whole.chosen} == {c.row() for c in everything}
    assert whole.population_estimate == len(everything)
    header = FixtureHeader(NEGATION, 5, ("train", "test"), 900, "d", "2025-01-01", 30, "p")
    assert FixtureHeader.from_json(header.to_json()) == header
    assert "| ≈900 |" in validity_table([Fixture(header, ())])
    # The population a by-examples header records is exactly what the draw read.
    read = replace(header, draw_seed=5, examples_read=lazy.examples_read)
    assert drawn_population(read) == lazy.seen
    assert population_digest(drawn_population(read)) == population_digest(lazy.seen)
    whole_header = replace(header, examples_read=None)
    assert population_digest(drawn_population(whole_header)) == population_digest(everything)


# --- restamping after a refactor ------------------------------------------------------------

#: A small real fixture: its whole population (7 variants) is judged.
SMALL = ROOT / "tests" / "transforms" / "validity" / "counterfactual.age.nli-core.jsonl"


def _stale_copy(tmp_path: Path) -> Path:
    """SMALL as if the code had been refactored since it was judged (another digest)."""
    fixture = read_fixture(SMALL)
    stale = replace(fixture, header=replace(fixture.header, source_digest="0" * 64))
    path = tmp_path / SMALL.name
    write_fixture(path, stale)
    return path


def test_population_digest_sees_any_change_in_a_variant() -> None:
    fixture = read_fixture(SMALL)
    found = drawn_population(fixture.header)
    assert population_digest(found) == fixture.header.population_digest
    changed = replace(found[0].variant, meta={**found[0].variant.meta, "planted": 1})
    assert population_digest([replace(found[0], variant=changed), *found[1:]]) != (
        population_digest(found)
    )
    assert population_digest(found[1:]) != population_digest(found)


def test_restamp_writes_todays_digest_when_the_variants_are_unchanged(tmp_path: Path) -> None:
    stale = read_fixture(_stale_copy(tmp_path))
    assert changed_since_judged(stale, current_digest(stale.header.usage)) is not None
    restamped = restamp(stale)
    assert restamped.header.source_digest == current_digest(stale.header.usage)
    assert changed_since_judged(restamped, current_digest(stale.header.usage)) is None
    assert restamped.rows == stale.rows
    assert replace(restamped.header, source_digest="0" * 64) == stale.header


class _PlantedChange:
    """The counterfactual kind's maker with a behaviour change: one more word in the
    premise of every variant."""

    def __init__(self, maker: object) -> None:
        self.maker = maker

    def variants(self, usage: Usage, example: object) -> list:
        made = self.maker.variants(usage, example)  # type: ignore[attr-defined]
        return [
            replace(v, fields={**v.fields, "premise": v.fields["premise"] + " Indeed."})
            for v in made
        ]

    def components(self, usage: Usage) -> tuple:
        return self.maker.components(usage)  # type: ignore[attr-defined, no-any-return]


def test_restamp_refuses_a_planted_behaviour_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harness.transforms.validity import populations

    stale = read_fixture(_stale_copy(tmp_path))
    planted = _PlantedChange(populations.VARIANT_MAKERS["counterfactual"])
    monkeypatch.setitem(populations.VARIANT_MAKERS, "counterfactual", planted)
    with pytest.raises(VariantsChanged) as refused:
        restamp(stale)
    assert str(refused.value) == (
        "counterfactual.age.nli-core.jsonl: the variants changed (the population's variants "
        "changed): redraw with a new seed and re-judge"
    )
    unrecorded = replace(stale, header=replace(stale.header, population_digest=None))
    with pytest.raises(VariantsChanged, match="records no population_digest"):
        restamp(unrecorded)


def test_restamp_refuses_a_changed_judged_variant() -> None:
    fixture = read_fixture(SMALL)
    found = drawn_population(fixture.header)
    row = replace(fixture.rows[0], hash="000000000000")
    tampered = fixture.with_rows([row, *fixture.rows[1:]])
    assert variants_changed(fixture, found) is None
    assert variants_changed(tampered, found) == f"judged variant {row.id}#{row.variant} changed"


def test_modes_and_shipped_usages() -> None:
    assert mode_of("number_change", {"fields_mode": "one_field"}) == "one_field"
    assert mode_of("number_change", {}) == "consistent"
    assert mode_of("typo", {"rate": 0.2}) == "mix"
    assert mode_of("negation", {}) == "default"
    usages = shipped_usages((ROOT / "suites").glob("*.yaml"))
    negation = usages[("negation", "default", "sick")]
    assert negation.fields == ("hypothesis",) and negation.only_gold == ("entailment",)
    assert usages[("typo", "mix", "nli-core")].params["n_variants"] == 2
    assert current_digest(negation) == behaviour_digest("harness.transforms.negation")


# --- tables -----------------------------------------------------------------------------------


def test_table_is_written_between_markers() -> None:
    judged = _fixture(["valid"] * 58 + ["invalid"] * 2, 70)
    nothing = Fixture(
        FixtureHeader(Usage("name_swap", "default", "sick"), 9, ("a",), 0, "d", "2025-01-02"), ()
    )
    table = validity_table([judged, nothing])
    assert table.splitlines()[2:] == [
        "| `name_swap` | default | sick | 0 | — | — | changes nothing | 9 | 2025-01-02 |",
        "| `negation` | default | nli-core | 70 | 60 | 58 | 96.7% | 7 | 2025-01-01 |",
    ]
    doc = "intro\n<!-- validity:begin transform=negation -->\nold\n<!-- validity:end -->\nend\n"
    rewritten = with_validity_tables(doc, [judged, nothing])
    assert "name_swap" not in rewritten and "96.7%" in rewritten and "old" not in rewritten
    assert with_validity_tables(rewritten, [judged, nothing]) == rewritten
    with pytest.raises(ValueError, match="no '<!-- validity:end -->'"):
        with_validity_tables("<!-- validity:begin -->\n", [judged])


# --- the scripts ------------------------------------------------------------------------------


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_sample_script_draws_writes_and_shows(tmp_path: Path) -> None:
    drawn = _script(
        "scripts/validity_sample.py", "--transform", "negation", "--source", "nli-core",
        "--seed", "11", "--n", "3", "--fixtures", str(tmp_path),
    )  # fmt: skip
    assert drawn.returncode == 0, drawn.stderr
    path = tmp_path / "negation.default.nli-core.jsonl"
    fixture = read_fixture(path)
    assert fixture.header.draw_seed == 11 and fixture.header.population == len(population(NEGATION))
    assert fixture.header.usage.settings() == NEGATION.settings()
    assert len(fixture.rows) == 3 and {row.verdict for row in fixture.rows} == {""}
    assert drawn.stdout.count("hypothesis':") == 3
    shown = _script("scripts/validity_sample.py", "--show", str(path))
    assert shown.returncode == 0 and shown.stdout.count("[unjudged]") == 3
    again = _script(
        "scripts/validity_sample.py", "--transform", "negation", "--source", "nli-core",
        "--seed", "12", "--fixtures", str(tmp_path),
    )  # fmt: skip
    assert again.returncode == 1 and "exists" in again.stderr and "Traceback" not in again.stderr
    missing = _script(
        "scripts/validity_sample.py", "--transform", "negation", "--source", "sick",
        "--seed", "12", "--fixtures", str(tmp_path), "--data-dir", str(tmp_path / "none"),
    )  # fmt: skip
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "SICK_train.txt is not in" in missing.stderr


def test_sample_script_restamps_or_refuses_in_one_line(tmp_path: Path) -> None:
    path = _stale_copy(tmp_path)
    restamped = _script("scripts/validity_sample.py", "--restamp", str(path))
    assert restamped.returncode == 0, restamped.stderr
    assert read_fixture(path).header.source_digest == read_fixture(SMALL).header.source_digest
    # Another population recorded than today's code makes: refused, nothing written.
    fixture = read_fixture(path)
    other = replace(fixture.header, source_digest="0" * 64, population_digest="f" * 64)
    write_fixture(path, replace(fixture, header=other))
    before = path.read_bytes()
    refused = _script("scripts/validity_sample.py", "--restamp", str(path))
    assert refused.returncode == 1 and path.read_bytes() == before
    assert refused.stderr.strip().splitlines() == [
        f"refused: {path.name}: the variants changed (the population's variants changed): "
        "redraw with a new seed and re-judge"
    ]


def test_sample_script_stamps_a_population_only_on_the_judged_code(tmp_path: Path) -> None:
    fixture = read_fixture(SMALL)
    bare = tmp_path / SMALL.name
    write_fixture(bare, replace(fixture, header=replace(fixture.header, population_digest=None)))
    stamped = _script("scripts/validity_sample.py", "--stamp-population", str(bare))
    assert stamped.returncode == 0, stamped.stderr
    assert read_fixture(bare).header == fixture.header
    header = replace(fixture.header, population_digest=None, source_digest="0" * 64)
    write_fixture(bare, replace(fixture, header=header))
    skipped = _script("scripts/validity_sample.py", "--stamp-population", str(bare))
    assert skipped.returncode == 0 and "not the code that was judged" in skipped.stderr
    assert read_fixture(bare).header.population_digest is None


def test_table_script_check_passes_on_the_repository() -> None:
    checked = _script("scripts/validity_table.py", "--check")
    assert checked.returncode == 0, checked.stdout
