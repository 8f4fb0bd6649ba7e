"""Reading-comprehension data through the file source: multiple-choice answer formats,
span offsets, and one-line errors naming the file, the line and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.data.base import LoadContext
from harness.data.sources import FileSource
from harness.errors import DataError

MC = LoadContext(
    base_dir=Path("."),
    labels=(),
    input_fields=("context", "question", "choices"),
    seed=0,
    task="multiple_choice",
)
QA = LoadContext(
    base_dir=Path("."),
    labels=(),
    input_fields=("context", "question"),
    seed=0,
    task="extractive_qa",
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
