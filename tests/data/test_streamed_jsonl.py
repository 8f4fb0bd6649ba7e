"""A large JSONL file is read a block at a time: the same examples and the same errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.data import sources, streamed
from harness.data.base import LoadContext
from harness.data.sources import FileSource
from harness.data.streamed import JsonlExamples
from harness.errors import DataError
from harness.tasks import load_context

LABELS = ("entailment", "neutral", "contradiction")


def _context(tmp_path: Path) -> LoadContext:
    return load_context(
        "nli",
        base_dir=tmp_path,
        labels=LABELS,
        input_fields=("premise", "hypothesis"),
        seed=0,
    )


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def _rows(n: int, with_ids: bool = True) -> list[dict]:
    rows = []
    for i in range(n):
        row = {
            "premise": f"Premise number {i}.",
            "hypothesis": f"Hypothesis {i % 7}.",
            "label": LABELS[i % 3],
            "phenomenon": ["a", "b"][i % 2],
        }
        if with_ids:
            row["id"] = f"x{i}"
        rows.append(row)
    return rows


def _load(tmp_path: Path, **options):
    return FileSource().load(
        FileSource.Options(
            source="file", path="rows.jsonl", meta_columns=["phenomenon"], **options
        ),
        _context(tmp_path),
    )


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "STREAM_FILE_BYTES", 0)
    monkeypatch.setattr(streamed, "BLOCK_ROWS", 7)


@pytest.mark.parametrize("with_ids", [True, False])
def test_streamed_examples_equal_the_examples_of_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_ids: bool
) -> None:
    _write(tmp_path / "rows.jsonl", _rows(30, with_ids))
    whole = _load(tmp_path)
    monkeypatch.setattr(sources, "STREAM_FILE_BYTES", 0)
    monkeypatch.setattr(streamed, "BLOCK_ROWS", 7)
    lazy = _load(tmp_path)
    assert isinstance(lazy, JsonlExamples)
    assert len(lazy) == 30 and list(lazy) == whole
    # Slices across block boundaries, single items, negative indices.
    assert lazy[5:23] == whole[5:23] and lazy[0:0] == [] and lazy[28:100] == whole[28:]
    assert lazy[13] == whole[13] and lazy[-1] == whole[-1]
    assert lazy[::4] == whole[::4]
    with pytest.raises(IndexError):
        lazy[30]
    limited = _load(tmp_path, limit=10)
    assert list(limited) == whole[:10]


def test_a_bad_row_in_a_later_block_names_its_line(tmp_path: Path, small_blocks: None) -> None:
    rows = _rows(30)
    rows[17]["label"] = "maybe"
    _write(tmp_path / "rows.jsonl", rows)
    with pytest.raises(DataError) as error:
        _load(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'rows.jsonl'}:18: ")
    assert "maybe" in str(error.value)


def test_invalid_json_and_non_utf8_lines_are_located(tmp_path: Path, small_blocks: None) -> None:
    lines = [json.dumps(row) for row in _rows(20)]
    lines[15] = '{"premise": "unfinished'
    (tmp_path / "rows.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"rows\.jsonl:16: not valid JSON"):
        _load(tmp_path)
    data = "\n".join(json.dumps(row) for row in _rows(20)).encode()
    data = data.replace(b"Premise number 9.", b"Premise \xff 9.")
    (tmp_path / "rows.jsonl").write_bytes(data)
    with pytest.raises(DataError, match=r"rows\.jsonl:10: not UTF-8"):
        _load(tmp_path)


def test_an_id_repeated_in_another_block_is_an_error(tmp_path: Path, small_blocks: None) -> None:
    rows = _rows(30)
    rows[25]["id"] = "x3"
    _write(tmp_path / "rows.jsonl", rows)
    with pytest.raises(DataError, match=r"id 'rows:x3' occurs more than once \(rows 4 and 26\)"):
        _load(tmp_path)
