"""CSV/TSV and Parquet files read as Arrow batches give the rows the earlier reader gave.

The earlier reader is ``datasets.load_dataset`` (pandas for CSV, 10,000 rows a chunk,
later chunks cast to the first chunk's types); each test reads the same file both ways
and compares values, their Python types and the column order. Small batch settings make
every file span several batches.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from harness.data import arrow_files, sources, streamed
from harness.data.base import LoadContext
from harness.data.sources import FileSource, read_rows
from harness.data.streamed import ArrowFileExamples
from harness.errors import DataError
from harness.files.textfiles import find_encoding_problem
from harness.seeding import rng_for
from harness.tasks import load_context

LABELS = ("entailment", "neutral", "contradiction")


def datasets_rows(path: Path, file_format: str) -> list[dict[str, Any]]:
    """What ``read_rows`` returned before: ``datasets`` with the options it was given."""
    import datasets

    options: dict[str, Any] = {
        "csv": {"encoding": "utf-8-sig"},
        "tsv": {"sep": "\t", "encoding": "utf-8-sig", "quoting": 3},
        "parquet": {},
    }[file_format]
    builder = "parquet" if file_format == "parquet" else "csv"
    datasets.disable_progress_bars()
    dataset = datasets.load_dataset(
        builder, data_files=str(path), split="train", keep_in_memory=True, **options
    )
    return list(dataset)


def typed(rows: list[dict[str, Any]]) -> list[list[tuple[str, str, Any]]]:
    """Rows as (column, type name, value) in column order: 1 == 1.0 == True otherwise."""
    return [[(key, type(value).__name__, value) for key, value in row.items()] for row in rows]


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arrow_files, "CSV_BLOCK_BYTES", 64)
    monkeypatch.setattr(arrow_files, "PARQUET_BATCH_ROWS", 3)


TRICKY_CSV = {
    "quoted commas and an empty cell": 'id,text,label\n1,a b,0\n2,"c, d",1\n3,,2\n',
    "numeric label with a gap": "id,premise,label\n1,a,0\n2,b,\n3,c,2\n",
    "mixed types": "id,x,label\n1,5,0\n2,two,1\n3,3.5,2\n",
    "booleans": "id,flag,maybe\n1,true,True\n2,False,\n3,TRUE,false\n",
    "byte-order mark": "\ufeffid,text\n1,x\n2,y\n",
    "header with spaces": "id, premise ,label \n1, a ,0\n2, 5 ,1\n",
    "missing-value words": 'id,text\n1,NA\n2,None\n3,null\n4,<NA>\n5,n/a\n6,""\n7,nan\n8,"NA"\n',
    "number forms": "id,n,x\n1,+5,1e3\n2, 6 ,1.50\n3,7,inf\n4,-8,-Infinity\n",
    "quoted newline and blank line": 'id,x\n1,"a\nb"\n\n2,c\n',
    "repeated and empty header": "id,x,x,\n1,a,b,c\n",
    "unicode": "id,text\n1,é 🙂 ü\n2,日本\n",
}


@pytest.mark.parametrize("name", sorted(TRICKY_CSV))
def test_csv_rows_equal_the_earlier_reading(tmp_path: Path, small_batches: None, name: str) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(TRICKY_CSV[name], encoding="utf-8")
    assert typed(read_rows(path, "csv")) == typed(datasets_rows(path, "csv"))


def test_tricky_csv_values_are_the_ones_expected(tmp_path: Path, small_batches: None) -> None:
    # What the comparisons above pin down, spelled out for the cases the issue names.
    def rows_of(name: str) -> list[dict[str, Any]]:
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.csv"
        path.write_text(TRICKY_CSV[name], encoding="utf-8")
        return read_rows(path, "csv")

    assert rows_of("quoted commas and an empty cell")[1:] == [
        {"id": 2, "text": "c, d", "label": 1},
        {"id": 3, "text": None, "label": 2},
    ]
    # An integer column with an empty cell reads as float (pandas' NaN).
    assert [row["label"] for row in rows_of("numeric label with a gap")] == [0.0, None, 2.0]
    assert [row["x"] for row in rows_of("mixed types")] == ["5", "two", "3.5"]
    assert rows_of("booleans")[1] == {"id": 2, "flag": False, "maybe": None}
    assert list(rows_of("byte-order mark")[0]) == ["id", "text"]
    assert rows_of("header with spaces")[1] == {"id": 2, " premise ": " 5 ", "label ": 1}
    assert {row["text"] for row in rows_of("missing-value words")} == {None}
    assert rows_of("number forms")[0] == {"id": 1, "n": 5, "x": 1000.0}
    assert list(rows_of("repeated and empty header")[0]) == ["id", "x", "x.1", "Unnamed: 3"]


def test_tsv_keeps_quotes_as_text(tmp_path: Path, small_batches: None) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text(
        'id\tpremise\tlabel\n1\tShe said "hi", twice\t0\n2\t"quoted"\t1\n3\t\t2\n',
        encoding="utf-8",
    )
    rows = read_rows(path, "tsv")
    assert typed(rows) == typed(datasets_rows(path, "tsv"))
    assert [row["premise"] for row in rows] == ['She said "hi", twice', '"quoted"', None]


def _generated_csv(n: int) -> str:
    """``n`` rows of every column type; floats printed with all their digits."""
    rng = rng_for(3, "arrow-files-test")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "premise", "score", "count", "flag", "label", "sparse"])
    for i in range(n):
        writer.writerow(
            [
                f"r{i}",
                rng.choice(["A dog, running.", 'He said "no".', "café", " padded "]) + str(i),
                repr(rng.uniform(-1e6, 1e6)) if i % 11 else "",
                rng.randint(-(2**40), 2**40),
                rng.choice(["True", "false", "TRUE"]),
                i % 3,
                # empty only after the first 10,000 rows: stays an integer column
                "" if i > 10_000 and i % 5 == 0 else str(i),
            ]
        )
    return out.getvalue()


def test_a_file_longer_than_the_type_chunk_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(_generated_csv(12_500), encoding="utf-8")
    monkeypatch.setattr(arrow_files, "CSV_BLOCK_BYTES", 50_000)  # about 20 batches
    new, old = read_rows(path, "csv"), datasets_rows(path, "csv")
    assert typed(new) == typed(old)
    assert new[10_005]["sparse"] is None and new[10_006]["sparse"] == 10_006


def test_later_text_that_looks_numeric_stays_as_written(tmp_path: Path) -> None:
    # The one difference, on purpose: the earlier reader re-printed a text column's later
    # chunk when that chunk held only numbers ('007' came back as '7').
    path = tmp_path / "rows.csv"
    lines = [f"{i},w{i}" for i in range(10_000)] + [
        f"{i},00{i % 10}" for i in range(10_000, 10_004)
    ]
    path.write_text("id,text\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert [row["text"] for row in read_rows(path, "csv")[-2:]] == ["002", "003"]
    assert [row["text"] for row in datasets_rows(path, "csv")[-2:]] == ["2", "3"]


def test_missing_values_are_pandas_defaults() -> None:
    from pandas._libs.parsers import STR_NA_VALUES

    assert set(arrow_files.MISSING_VALUES) == set(STR_NA_VALUES)


# --- errors ------------------------------------------------------------------------------


def _context(tmp_path: Path) -> LoadContext:
    return load_context(
        "nli",
        base_dir=tmp_path,
        labels=LABELS,
        input_fields=("premise", "hypothesis"),
        seed=0,
    )


def _load(tmp_path: Path, name: str, **options: Any) -> Any:
    return FileSource().load(
        FileSource.Options(source="file", path=name, meta_columns=["phenomenon"], **options),
        _context(tmp_path),
    )


def _pairs(n: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"x{i}",
            "premise": f"Premise number {i}, with a comma.",
            "hypothesis": f"Hypothesis {i % 7}.",
            "label": LABELS[i % 3],
            "phenomenon": ["a", "b"][i % 2],
        }
        for i in range(n)
    ]


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=4)
        return
    delimiter = "\t" if path.suffix == ".tsv" else ","
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture
def streaming(monkeypatch: pytest.MonkeyPatch, small_batches: None) -> None:
    monkeypatch.setattr(sources, "STREAM_FILE_BYTES", 0)
    monkeypatch.setattr(streamed, "BLOCK_ROWS", 7)


@pytest.mark.parametrize("name", ["rows.csv", "rows.tsv", "rows.parquet"])
def test_a_bad_row_in_a_later_batch_names_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    rows = _pairs(30)
    rows[17]["label"] = "maybe"
    _write(tmp_path / name, rows)
    # Header = line 1 in CSV/TSV (row 17 is on line 19); Parquet rows count from 1.
    line = 18 if name.endswith(".parquet") else 19
    expected = f"{tmp_path / name}:{line}: "
    with pytest.raises(DataError) as whole:
        _load(tmp_path, name)
    monkeypatch.setattr(arrow_files, "CSV_BLOCK_BYTES", 64)
    monkeypatch.setattr(arrow_files, "PARQUET_BATCH_ROWS", 3)
    monkeypatch.setattr(sources, "STREAM_FILE_BYTES", 0)
    monkeypatch.setattr(streamed, "BLOCK_ROWS", 7)
    with pytest.raises(DataError) as streamed_error:
        _load(tmp_path, name)
    assert str(whole.value) == str(streamed_error.value)
    assert str(whole.value).startswith(expected) and "maybe" in str(whole.value)


def test_a_value_of_the_wrong_type_after_the_type_chunk_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    lines = [f"{i},{i}" for i in range(10_003)] + ["10003,x", "10004,5"]
    path.write_text("id,count\n" + "\n".join(lines) + "\n", encoding="utf-8")
    # Row 10,003 is on line 10,005; the earlier reader named no line.
    with pytest.raises(DataError, match=r"rows\.csv:10005: field 'count': 'x' is not an integer"):
        read_rows(path, "csv")


def test_a_row_of_the_wrong_width_names_its_line(tmp_path: Path, small_batches: None) -> None:
    path = tmp_path / "rows.csv"
    body = "".join(f"{i},p{i},h,neutral\n" for i in range(12))
    path.write_text("id,premise,hypothesis,label\n" + body + "99,p,h\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"rows\.csv:14: 3 fields where the header has 4"):
        read_rows(path, "csv")


def test_an_unfinished_quote_is_the_error_pandas_gives(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('id,text\n1,a\n2,"unfinished\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"rows\.csv: cannot read as csv: .*EOF inside string"):
        read_rows(path, "csv")


def test_a_header_without_rows_is_an_error(tmp_path: Path) -> None:
    # As before (datasets said 'Instruction "train" corresponds to no data').
    path = tmp_path / "rows.csv"
    path.write_text("id,premise,label\n\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"rows\.csv: the file has a header row and no rows"):
        read_rows(path, "csv")


@pytest.mark.parametrize(
    "data",
    [
        b"id,text\n1,caf\xe9\n2,ok\n",  # Latin-1
        b"\xef\xbb\xbfid,text\n1,\xff\n",  # BOM, then a bad byte
        b"\xef\xbb\xbfid,t\xe9xt\n1,a\n",  # a bad byte on the BOM's line: column counts it
        b"id,text\n1,caf\xe9\n2,a\x00b\n",  # a NUL further on outranks the bad byte
        b"id,text\n1,a,b\n2,caf\xe9\n",  # a bad byte further on outranks a bad width
        b"\xff\xfei\x00d\x00\n\x00",  # UTF-16
    ],
)
def test_encoding_problems_are_reported_as_for_the_whole_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(data)
    problem = find_encoding_problem(data)
    assert problem is not None
    line, message = problem
    with pytest.raises(DataError) as error:
        read_rows(path, "csv")
    assert str(error.value) == f"{path}:{line}: {message}"


def test_a_bad_byte_after_a_byte_order_mark_is_placed_right() -> None:
    # The codec skips the BOM before it counts, so the offset was 3 bytes short.
    assert find_encoding_problem(b"\xef\xbb\xbfid,text\n1,\xff\n") == (
        2,
        "not UTF-8: byte 0xff at column 3 (Latin-1 or Windows-1252?); save the file as UTF-8",
    )


def test_a_record_longer_than_a_block_is_read(tmp_path: Path, small_batches: None) -> None:
    path = tmp_path / "rows.csv"
    long_text = "word, " * 200
    path.write_text(f'id,text\n1,short\n2,"{long_text}"\n3,"a\nb"\n', encoding="utf-8")
    assert typed(read_rows(path, "csv")) == typed(datasets_rows(path, "csv"))
    assert read_rows(path, "csv")[1]["text"] == long_text


def test_an_empty_file_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"")
    with pytest.raises(DataError, match=r"rows\.csv: the file is empty \(no header row\)"):
        read_rows(path, "csv")


def test_a_file_that_is_not_parquet_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.parquet"
    path.write_bytes(b"PAR1 but not really")
    with pytest.raises(DataError, match=r"rows\.parquet: cannot read as parquet: "):
        read_rows(path, "parquet")


# --- Parquet -----------------------------------------------------------------------------


def test_parquet_rows_equal_the_earlier_reading(tmp_path: Path, small_batches: None) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 50
    table = pa.table(
        {
            "id": [f"r{i}" for i in range(n)],
            "count": [i if i % 7 else None for i in range(n)],
            "score": [i / 3 for i in range(n)],
            "flag": [bool(i % 2) for i in range(n)],
            "choices": [[f"c{i}", f"d{i}"] for i in range(n)],
            "meta": [{"a": i, "b": str(i)} for i in range(n)],
            "kind": pa.array([["x", "y"][i % 2] for i in range(n)]).dictionary_encode(),
            "label": pa.array([i % 3 for i in range(n)], pa.int8()),
        }
    )
    path = tmp_path / "rows.parquet"
    pq.write_table(table, path, row_group_size=8)
    rows = read_rows(path, "parquet")
    assert typed(rows) == typed(datasets_rows(path, "parquet"))
    # Only the columns asked for, in the file's order, with the same values.
    narrow = read_rows(path, "parquet", columns=["label", "id"])
    assert narrow == [{"id": row["id"], "label": row["label"]} for row in rows]
    # A column the file lacks: every column is read, so the error can list them.
    assert read_rows(path, "parquet", columns=["id", "absent"]) == rows


def test_parquet_written_by_datasets_with_mixed_types_decodes(tmp_path: Path) -> None:
    import datasets

    rows = [{"id": "1", "premise": "a b"}, {"id": "2", "premise": ["a"]}]
    source = tmp_path / "mixed.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    datasets.disable_progress_bars()
    dataset = datasets.load_dataset("json", data_files=str(source), split="train")
    dataset.to_parquet(str(tmp_path / "mixed.parquet"))
    assert read_rows(tmp_path / "mixed.parquet", "parquet") == rows


# --- streamed examples ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rows.csv", "rows.tsv", "rows.parquet"])
def test_streamed_examples_equal_the_examples_of_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    _write(tmp_path / name, _pairs(40))
    whole = _load(tmp_path, name)
    assert len(whole) == 40 and whole[3].meta == {"phenomenon": "b"}
    monkeypatch.setattr(arrow_files, "CSV_BLOCK_BYTES", 64)
    monkeypatch.setattr(arrow_files, "PARQUET_BATCH_ROWS", 3)
    monkeypatch.setattr(sources, "STREAM_FILE_BYTES", 0)
    monkeypatch.setattr(streamed, "BLOCK_ROWS", 7)
    file_format = name.rpartition(".")[2]
    assert len(list(arrow_files.file_batches(tmp_path / name, file_format, None)(0))) > 5
    lazy = _load(tmp_path, name)
    assert isinstance(lazy, ArrowFileExamples)
    assert len(lazy) == 40 and list(lazy) == whole
    # In order, backwards, across blocks, single items and negative indices.
    assert lazy[5:23] == whole[5:23] and lazy[0:3] == whole[0:3] and lazy[33:100] == whole[33:]
    assert lazy[13] == whole[13] and lazy[-1] == whole[-1] and lazy[::6] == whole[::6]
    with pytest.raises(IndexError):
        lazy[40]
    limited = _load(tmp_path, name, limit=10)
    assert len(limited) == 10 and list(limited) == whole[:10]


def test_an_id_repeated_in_a_later_block_is_an_error(tmp_path: Path, streaming: None) -> None:
    rows = _pairs(30)
    rows[25]["id"] = "x3"
    _write(tmp_path / "rows.csv", rows)
    with pytest.raises(DataError, match=r"id 'rows:x3' occurs more than once \(rows 4 and 26\)"):
        _load(tmp_path, "rows.csv")


def test_streamed_parquet_reads_only_the_columns_it_maps(
    tmp_path: Path, streaming: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [{**row, "unused": "x" * 100} for row in _pairs(20)]
    _write(tmp_path / "rows.parquet", rows)
    asked: list[Any] = []
    original = arrow_files.parquet_batches

    def spy(*args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs["columns"])
        return original(*args, **kwargs)

    monkeypatch.setattr(arrow_files, "parquet_batches", spy)
    examples = _load(tmp_path, "rows.parquet")
    assert examples[19].id == "rows:x19"
    assert asked and all(
        columns == ["id", "premise", "hypothesis", "label", "phenomenon"] for columns in asked
    )


@pytest.mark.realdata
def test_sick_reads_as_before(sick_dir: Path) -> None:
    path = sick_dir / "SICK_test_annotated.txt"
    rows = read_rows(path, "tsv")
    assert len(rows) > 4_000
    assert typed(rows) == typed(datasets_rows(path, "tsv"))
