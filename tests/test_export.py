"""``harness export`` and ``predictions:FILE`` through the real CLI: the export lists
exactly what a run asks a predictions file (generated and perturbed items included), a
file keyed by the dataset's own ids answers, and what a file cannot answer (attacks,
explanations) is skipped with a note instead of failing on missing ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.suites import nli_rows

from harness.cli import main

SUITE = """\
name: export_demo
task: nli
labels: [entailment, neutral, contradiction]
seed: 7
model: reference
bootstrap_resamples: 200
tests:
  - name: pairs
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
  - name: hans
    data: {source: generator, name: hans, params: {n_per_subcase: 1}}
    label_mapping: {neutral: non-entailment, contradiction: non-entailment}
  - name: typos
    data: {source: file, path: pairs.jsonl}
    perturb:
      - {name: typo, params: {rate: 0.2, n_variants: 2}}
    fields: [hypothesis]
    expect: invariance
  - name: attacked
    data: {source: file, path: pairs.jsonl}
    attack: {recipe: deepwordbug, field: hypothesis, max_queries: 20, n_examples: 3}
"""


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    rows = nli_rows(12)
    (tmp_path / "pairs.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    path = tmp_path / "suite.yaml"
    path.write_text(SUITE)
    return path


def _rule(fields: dict[str, str]) -> str:
    """A stand-in model: contradiction when the hypothesis negates, else entailment."""
    return "contradiction" if " not " in fields["hypothesis"] else "entailment"


def _predictions_from(export: Path, out: Path, own_ids: bool = False) -> Path:
    rows = [json.loads(line) for line in export.read_text().splitlines()]
    with out.open("w") as handle:
        for row in rows:
            example_id = row["id"]
            if own_ids and example_id.startswith("pairs:"):
                example_id = example_id.partition(":")[2]  # the dataset's own id: r4
            handle.write(json.dumps({"id": example_id, "label": _rule(row["fields"])}) + "\n")
    return out


def _items(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]


def test_an_export_answered_row_by_row_runs_the_whole_suite(
    suite: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "items.jsonl"
    assert main(["export", str(suite), "--out", str(exported)]) == 0
    err = capsys.readouterr().err
    rows = [json.loads(line) for line in exported.read_text().splitlines()]
    assert len({row["id"] for row in rows}) == len(rows)
    by_test: dict[str, int] = {}
    for row in rows:
        for test in row["tests"]:
            by_test[test] = by_test.get(test, 0) + 1
    # Generated items and perturbed variants are there, with their fields and parents.
    assert by_test["pairs"] == 12 and by_test["hans"] > 0
    variants = [row for row in rows if row.get("transform") == "typo"]
    assert variants and all(row["parent_id"].startswith("pairs:") for row in variants)
    assert "attacked" not in by_test
    assert "test attacked is left out: it asks about inputs it makes as it goes" in err

    predictions = _predictions_from(exported, tmp_path / "preds.jsonl")
    out = tmp_path / "run"
    code = main(["run", str(suite), "--model", f"predictions:{predictions}", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    notes = [line for line in captured.err.splitlines() if line.startswith("harness: note:")]
    assert notes == [
        f"harness: note: test attacked: skipped: predictions:{predictions} answers only the ids "
        "it lists, and this test asks about inputs it makes as it goes",
        f"harness: note: failures are not explained: predictions:{predictions} answers only "
        "the ids it lists, and explanations ask about inputs with words left out",
    ]
    items = _items(out)
    # The run asked for exactly the exported ids, test by test.
    asked = {(item["test"], item["id"]) for item in items}
    assert asked == {(test, row["id"]) for row in rows for test in row["tests"]}
    assert all(
        item["predicted"] == _rule(item["fields"]) for item in items if item["test"] == "pairs"
    )
    results = json.loads((out / "results.json").read_text())
    attacked = next(test for test in results["tests"] if test["name"] == "attacked")
    assert attacked["counts"] == {"skipped_model_answers_listed_ids_only": 1}
    assert all("explanations" not in test["sections"] for test in results["tests"])
    page = (out / "report.html").read_text()
    assert "the model answers only the example ids it lists (a predictions file)" in page


def test_export_to_stdout_matches_the_file_and_limit_matches_run(
    suite: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(suite), "--limit", "3", "--out", str(tmp_path / "a.jsonl")]) == 0
    capsys.readouterr()
    assert main(["export", str(suite), "--limit", "3"]) == 0
    captured = capsys.readouterr()
    assert captured.out == (tmp_path / "a.jsonl").read_text()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert sum(1 for row in rows if "pairs" in row["tests"]) == 3
    assert f"{len(rows)} items of 3 tests written to stdout" in captured.err


def test_rows_keyed_by_the_datasets_own_ids(
    suite: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(suite), "--out", str(tmp_path / "items.jsonl")]) == 0
    predictions = _predictions_from(
        tmp_path / "items.jsonl", tmp_path / "preds.jsonl", own_ids=True
    )
    assert '"id": "r4"' in predictions.read_text()
    out = tmp_path / "run"
    code = main(
        ["run", str(suite), "--model", f"predictions:{predictions}", "--out", str(out), "--quiet"]
    )
    assert code == 0, capsys.readouterr().err
    assert {item["id"] for item in _items(out) if item["test"] == "pairs"} == {
        f"pairs:r{i}" for i in range(12)
    }


def test_an_own_id_two_examples_share_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = nli_rows(3)
    for name in ("first", "second"):
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "suite.yaml").write_text(
        SUITE.split("tests:")[0]
        + "tests:\n"
        + "  - {name: a, data: {source: file, path: first.jsonl}}\n"
        + "  - {name: b, data: {source: file, path: second.jsonl}}\n"
    )
    predictions = tmp_path / "preds.jsonl"
    predictions.write_text(
        "".join(json.dumps({"id": row["id"], "label": "neutral"}) + "\n" for row in rows)
    )
    code = main(["run", str(tmp_path / "suite.yaml"), "--model", f"predictions:{predictions}"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err == [
        f"harness: error: {predictions}: id 'r0' is ambiguous: examples 'first:r0' and "
        "'second:r0' both have it; key these rows by the full id"
    ]


def test_a_missing_id_says_which_forms_were_looked_for_and_how_to_list_them(
    suite: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    predictions = tmp_path / "preds.jsonl"
    predictions.write_text(json.dumps({"id": "r0", "label": "neutral"}) + "\n")
    code = main(["run", str(suite), "--model", f"predictions:{predictions}", "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err == [
        f"harness: error: {predictions}: no prediction for example id 'pairs:r1' (or 'r1') "
        "(11 of 12 ids missing); the file must have a row for every id the suite asks for: "
        "harness export SUITE writes them all"
    ]


def test_the_reading_comprehension_suite_round_trips_through_an_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another task, and a kind that asks about a second split (the squad test's
    no-answer threshold is tuned on train items): the export has them all."""
    suite = str(Path(__file__).resolve().parent.parent / "suites" / "reading_comprehension.yaml")
    exported = tmp_path / "items.jsonl"
    assert main(["export", suite, "--limit", "3", "--out", str(exported)]) == 0
    err = capsys.readouterr().err
    assert 'a predictions file answers each id: {"id": ..., "answer": "..."}' in err
    assert "test multiple_choice is left out: task 'multiple_choice' needs" in err
    rows = [json.loads(line) for line in exported.read_text().splitlines()]
    assert all({"context", "question"} <= set(row["fields"]) for row in rows)
    predictions = tmp_path / "answers.jsonl"
    predictions.write_text(
        "".join(json.dumps({"id": row["id"], "answer": ""}) + "\n" for row in rows)
    )
    out = tmp_path / "run"
    argv = [
        "run",
        suite,
        "--limit",
        "3",
        "--model",
        f"predictions:{predictions}",
        "--out",
        str(out),
    ]
    assert main([*argv, "--quiet"]) == 0, capsys.readouterr().err
    items = _items(out)
    assert {item["id"] for item in items} <= {row["id"] for row in rows}
    assert {item["test"] for item in items} == {test for row in rows for test in row["tests"]} - {
        "multiple_choice"
    }
