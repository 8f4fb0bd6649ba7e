"""Data files are converted a column at a time: the same rows as iterating ``datasets``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.data.sources import read_rows


def _rows(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        rows.append(
            {
                "id": f"r{i}",
                "premise": f"Sentence {i} é 🙂",
                "label": i % 3,
                "score": i / 7 if i % 5 else None,
                "choices": [f"c{i}", f"d{i}"],
                "meta": {"group": f"g{i % 4}", "weight": float(i)},
                "flag": bool(i % 2),
            }
        )
    return rows


@pytest.mark.parametrize("n", [1, 7, 70_000])  # 70,000 spans two Arrow record batches
def test_columnar_rows_equal_the_rows_datasets_iterates(tmp_path: Path, n: int) -> None:
    import datasets

    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in _rows(n)), encoding="utf-8")
    datasets.disable_progress_bars()
    reference = list(
        datasets.load_dataset("json", data_files=str(path), split="train", keep_in_memory=True)
    )
    rows = read_rows(path, "jsonl")
    assert rows == reference
    # Column order and types survive, not only values (None stays None, bools stay bools).
    assert [list(row) for row in rows[:3]] == [list(row) for row in reference[:3]]
    assert rows[0]["flag"] is False and rows[0]["score"] is None


def test_csv_rows_equal_the_rows_datasets_iterates(tmp_path: Path) -> None:
    import datasets

    path = tmp_path / "rows.csv"
    path.write_text('id,text,label\n1,a b,0\n2,"c, d",1\n3,,2\n', encoding="utf-8")
    datasets.disable_progress_bars()
    reference = list(
        datasets.load_dataset("csv", data_files=str(path), split="train", keep_in_memory=True)
    )
    assert read_rows(path, "csv") == reference
    assert reference[2]["text"] is None


def test_a_column_of_mixed_types_reads_back_as_the_file_holds_it(tmp_path: Path) -> None:
    # datasets stores such a column as JSON text; the raw Arrow table would give the
    # premise '"a b"' (quoted) and '["a"]' instead of the values themselves.
    rows = [
        {"id": "1", "premise": "a b", "label": "entailment"},
        {"id": "2", "premise": ["a"], "label": "entailment"},
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert read_rows(path, "jsonl") == rows
