"""Reading-comprehension data through the file source: multiple-choice answer formats,
span offsets, and one-line errors naming the file, the line and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.data.base import LoadContext
from harness.data.sources import FileSource
from harness.errors import DataError
from harness.tasks import load_context

MC = load_context(
    "multiple_choice",
    base_dir=Path("."),
    labels=(),
    input_fields=("context", "question", "choices"),
    seed=0,
)
QA = load_context(
    "extractive_qa",
    base_dir=Path("."),
    labels=(),
    input_fields=("context", "question"),
    seed=0,
)
COLUMNS = {"context": "passage", "choices": "options", "answer": "label"}


def load(path: Path, context: LoadContext, columns=None):
    options = FileSource.Options(source="file", path=str(path), columns=columns or {})
    return FileSource().load(options, context)


@pytest.mark.parametrize("label", ["B", 1, "1", "a bridge"])
def test_multiple_choice_answer_as_letter_index_or_text(tmp_path, label):
    row = {
        "passage": "The town built a bridge.",
        "question": "What did the town build?",
        "options": ["a tower", "a bridge", "a road"],
        "label": label,
    }
    path = tmp_path / "mc.jsonl"
    path.write_text(json.dumps(row) + "\n")
    [example] = load(path, MC, COLUMNS)
    assert example.target == 1
    assert example.fields["choices"] == ["a tower", "a bridge", "a road"]


def test_multiple_choice_csv_with_json_options(tmp_path):
    path = tmp_path / "mc.csv"
    path.write_text(
        'passage,question,options,label\n"It rained.","What happened?","[""rain"", ""snow""]",A\n'
    )
    [example] = load(path, MC, COLUMNS)
    assert example.target == 0


def test_answer_index_out_of_range_is_one_line(tmp_path):
    path = tmp_path / "mc.jsonl"
    rows = [
        {"passage": "p", "question": "q", "options": ["x", "y"], "label": 0},
        {"passage": "p", "question": "q", "options": ["x", "y"], "label": 5},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(DataError) as error:
        load(path, MC, COLUMNS)
    message = str(error.value)
    assert "mc.jsonl" in message and ":2" in message and "out of range" in message
    assert "\n" not in message


def test_missing_passage_column_is_one_line(tmp_path):
    path = tmp_path / "mc.jsonl"
    path.write_text(json.dumps({"question": "q", "options": ["x", "y"], "label": 0}) + "\n")
    with pytest.raises(DataError) as error:
        load(path, MC, COLUMNS)
    assert "missing column 'passage'" in str(error.value) and "\n" not in str(error.value)


def test_span_offsets_that_do_not_match_the_context(tmp_path):
    path = tmp_path / "qa.jsonl"
    rows = [
        {"context": "Paris is big.", "question": "q", "answers": [{"text": "Paris", "start": 0}]},
        {"context": "Paris is big.", "question": "q", "answers": [{"text": "Paris", "start": 3}]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(DataError) as error:
        load(path, QA)
    message = str(error.value)
    assert "qa.jsonl" in message and ":2" in message and "not 'Paris'" in message


def squad_document(version: str, offset: int = 0) -> dict:
    qas = [{"id": "q1", "question": "Who?", "answers": [{"text": "Ada", "answer_start": offset}]}]
    if version == "v2.0":
        qas.append(
            {
                "id": "q2",
                "question": "Where?",
                "answers": [],
                "is_impossible": True,
                "plausible_answers": [{"text": "London", "answer_start": 13}],
            }
        )
    return {
        "version": version,
        "data": [{"title": "T", "paragraphs": [{"context": "Ada lived in London.", "qas": qas}]}],
    }


@pytest.mark.parametrize("version", ["1.1", "v2.0"])
def test_squad_json_through_the_file_source(tmp_path, version):
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(squad_document(version)))
    examples = load(path, QA)
    assert examples[0].id == "dev:q1"
    assert examples[0].target == [{"text": "Ada", "start": 0}]
    assert examples[0].fields == {"context": "Ada lived in London.", "question": "Who?"}
    if version == "v2.0":
        assert examples[1].target == []


def test_squad_json_bad_offset_names_the_question(tmp_path):
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(squad_document("v2.0", offset=4)))
    with pytest.raises(DataError) as error:
        load(path, QA)
    message = str(error.value)
    assert "dev.json" in message and "question 'q1'" in message and "not 'Ada'" in message


# --- options spread over several columns ---------------------------------------------

PASSAGE = "The town built a bridge in 1871 and a tower in 1902."
QUESTION = "What did the town build first?"
LETTERS = ["A", "B", "C", "D"]
SPREAD = {"context": "passage", "answer": "label"}


def spread_load(path: Path, choice_columns, **extra):
    options = FileSource.Options(
        source="file", path=str(path), columns=SPREAD, choice_columns=choice_columns, **extra
    )
    return FileSource().load(options, MC)


@pytest.mark.parametrize("label", ["B", "b", 1, "1", "a bridge"])
def test_options_in_lettered_csv_columns_with_each_answer_format(tmp_path, label):
    path = tmp_path / "mc.csv"
    path.write_text(
        "passage,question,A,B,C,D,label\n"
        f'"{PASSAGE}","{QUESTION}",a tower,a bridge,a road,a mill,{label}\n'
    )
    [example] = spread_load(path, LETTERS)
    assert example.fields["choices"] == ["a tower", "a bridge", "a road", "a mill"]
    assert example.target == 1
    assert "A" not in example.fields and "A" not in example.meta


@pytest.mark.parametrize(("label", "expected"), [(2, 2), ("option_3", 2), ("a road", 2)])
def test_options_in_numbered_jsonl_columns_answer_as_index_column_or_text(
    tmp_path, label, expected
):
    columns = ["option_1", "option_2", "option_3", "option_4"]
    row = {"passage": PASSAGE, "question": QUESTION, "label": label}
    row.update(zip(columns, ["a tower", "a bridge", "a road", "a mill"], strict=True))
    path = tmp_path / "mc.jsonl"
    path.write_text(json.dumps(row) + "\n")
    [example] = spread_load(path, columns)
    assert example.target == expected
    assert example.fields["choices"][expected] == "a road"


def test_tsv_rows_may_have_fewer_options_when_trailing_columns_are_empty(tmp_path):
    path = tmp_path / "mc.tsv"
    path.write_text(
        "passage\tquestion\tA\tB\tC\tD\tlabel\n"
        f"{PASSAGE}\t{QUESTION}\ta tower\ta bridge\ta road\ta mill\tD\n"
        f"{PASSAGE}\t{QUESTION}\ta tower\ta bridge\t\t\tA\n"
    )
    first, second = spread_load(path, LETTERS)
    assert (len(first.fields["choices"]), first.target) == (4, 3)
    assert second.fields["choices"] == ["a tower", "a bridge"] and second.target == 0


def _one_line_error(path: Path, choice_columns) -> str:
    with pytest.raises(DataError) as error:
        spread_load(path, choice_columns)
    message = str(error.value)
    assert "\n" not in message and path.name in message
    return message


def test_spread_options_bad_input_names_file_row_and_field(tmp_path):
    header = "passage,question,A,B,C,D,label\n"
    good = f'"{PASSAGE}","{QUESTION}",a tower,a bridge,a road,a mill,B\n'

    out_of_range = tmp_path / "range.csv"
    out_of_range.write_text(header + good + f'"{PASSAGE}","{QUESTION}",x,y,z,w,7\n')
    message = _one_line_error(out_of_range, LETTERS)
    assert "range.csv:3" in message and "'label'" in message and "out of range" in message

    no_passage = tmp_path / "nopassage.csv"
    no_passage.write_text("question,A,B,C,D,label\n" + f'"{QUESTION}",x,y,z,w,A\n')
    message = _one_line_error(no_passage, LETTERS)
    assert "nopassage.csv:2" in message and "missing column 'passage'" in message

    no_column = tmp_path / "nocolumn.csv"
    no_column.write_text(header + good)
    message = _one_line_error(no_column, [*LETTERS, "E"])
    assert "nocolumn.csv:2" in message and "missing choice column 'E'" in message

    gap = tmp_path / "gap.csv"
    gap.write_text(header + f'"{PASSAGE}","{QUESTION}",x,,z,w,A\n')
    message = _one_line_error(gap, LETTERS)
    assert "gap.csv:2" in message and "choice column 'B' is empty" in message


def test_a_suite_maps_spread_options_and_runs_multiple_choice(tmp_path):
    from harness.runner import run_suite

    (tmp_path / "mc.csv").write_text(
        "passage,question,A,B,C,D,label\n"
        f'"{PASSAGE}","{QUESTION}",a tower,a bridge,a road,a mill,B\n'
        f'"{PASSAGE}","What did the town build in 1902?",a tower,a bridge,a road,a mill,a tower\n'
    )
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        "name: spread_mc\ntask: multiple_choice\nseed: 1\nmodel: rc-reference\n"
        "tests:\n  - name: mc\n    task: multiple_choice\n    input_fields: [context, question, choices]\n"
        "    data:\n      source: file\n      path: mc.csv\n"
        "      columns: {context: passage, answer: label}\n"
        "      choice_columns: [A, B, C, D]\n    metrics: [accuracy]\n"
    )
    run_dir = run_suite(suite, out_dir=tmp_path / "run", progress=False)
    items = [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]
    assert [item["gold"] for item in items] == ["a bridge", "a tower"]  # "B", then the text
    assert [item["fields"]["choices"] for item in items] == [
        ["a tower", "a bridge", "a road", "a mill"]
    ] * 2
    results = json.loads((run_dir / "results.json").read_text())
    accuracy = results["tests"][0]["metrics"]["accuracy"]["value"]
    assert accuracy == sum(item["correct"] for item in items) / 2
