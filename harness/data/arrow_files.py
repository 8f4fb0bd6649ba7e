"""CSV, TSV and Parquet files read as a stream of Arrow record batches.

Each batch becomes rows (dicts) a column at a time and is then dropped, so reading a
file never holds its whole Arrow table and its Python rows at once.

The rows are those the earlier reader gave (``datasets``, which parses CSV with pandas
10,000 rows at a time and casts every later chunk to the first chunk's Arrow types):

- a CSV column's type comes from pandas on the file's first 10,000 rows (an integer
  column with an empty cell there is float, a column of True/False is bool, anything
  else is text), and every later row is converted to that type;
- empty cells and pandas' missing-value words (``NA``, ``null``, ``nan``, ...) are None;
- column names as pandas gives them (a repeated name gets ``.1``, an empty one
  ``Unnamed: N``); a UTF-8 byte-order mark is dropped.

One difference, on purpose: a text column whose later chunk happened to hold only
numbers came back re-printed by the earlier reader (``007`` as ``7``, ``1.50`` as
``1.5``); here text stays as written.

A value that cannot take its column's type is a ``DataError`` naming the file, the line
(header = line 1, as for any row: ``2 + row index``) and the column.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.errors import DataError

#: Rows pandas reads to decide a column's type (``datasets``' CSV chunk size).
TYPE_ROWS = 10_000
#: Bytes the CSV reader parses at a time.
CSV_BLOCK_BYTES = 1 << 18
#: Rows per Parquet batch (a streamed block's worth).
PARQUET_BATCH_ROWS = 10_000

#: pandas' default missing-value words (``pandas._libs.parsers.STR_NA_VALUES``), which
#: the earlier reader turned into None; a test checks the list against pandas.
MISSING_VALUES = (
    "",
    "#N/A",
    "#N/A N/A",
    "#NA",
    "-1.#IND",
    "-1.#QNAN",
    "-NaN",
    "-nan",
    "1.#IND",
    "1.#QNAN",
    "<NA>",
    "N/A",
    "NA",
    "NULL",
    "NaN",
    "None",
    "n/a",
    "nan",
    "null",
)
#: pandas' default boolean words (no others make a bool column).
TRUE_VALUES = ("True", "TRUE", "true")
FALSE_VALUES = ("False", "FALSE", "false")

_INTEGER = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(inf|infinity)", re.I)


def rows_of_batch(batch: Any, names: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """The rows of one Arrow record batch, converted a column at a time."""
    columns = batch.to_pydict()
    keys = list(names) if names is not None else list(columns)
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def file_batches(
    path: Path, file_format: str, columns: Sequence[str] | None
) -> Callable[[int], Iterator[tuple[int, Any]]] | None:
    """After checking the file: ``batches(row)``, which reads it from a record batch at
    or before ``row``; None for a Parquet file whose columns need ``datasets``' decoding."""
    if file_format == "parquet":
        parquet = parquet_file(path)
        if parquet_needs_datasets(parquet):
            return None
        wanted = _present(columns, parquet.schema_arrow.names)
        starts = []
        total = 0
        for group in range(parquet.metadata.num_row_groups):
            starts.append(total)
            total += parquet.metadata.row_group(group).num_rows

        def parquet_from(row: int) -> Iterator[tuple[int, Any]]:
            group = max(bisect.bisect_right(starts, row) - 1, 0)
            return parquet_batches(path, parquet, columns=wanted, first_row_group=group)

        return parquet_from
    longest = check_csv_text(path, file_format)
    layout = CsvLayout.of(path, file_format, longest)
    wanted = _present(columns, layout.names)

    def csv_from(row: int) -> Iterator[tuple[int, Any]]:
        # A CSV file has no index of its rows: read from the start.
        return csv_batches(path, file_format, layout, columns=wanted)

    return csv_from


def _present(columns: Sequence[str] | None, names: Sequence[str]) -> list[str] | None:
    """``columns`` in the file's order when the file has every one (else all columns:
    a missing column's error lists the file's columns)."""
    if columns is None or not set(columns) <= set(names):
        return None
    return [name for name in names if name in set(columns)]


# --- CSV / TSV -----------------------------------------------------------------------


def check_csv_text(path: Path, file_format: str) -> int:
    """UTF-8 text (a BOM is fine) and rows as wide as the header, read a line at a time;
    the messages the Arrow and pandas readers give name neither the problem nor the line.
    Returns the length in bytes of the longest record (the reader's blocks must hold it).

    Problems rank as in ``harness.files.textfiles.find_encoding_problem`` over the whole file
    (another encoding's BOM, then the first NUL byte, then the first byte that is not
    UTF-8), and any of those before a row of the wrong width.
    """
    import codecs
    import csv

    from harness.files.textfiles import foreign_bom_problem

    nul: tuple[int, str] | None = None
    not_utf8: tuple[int, str] | None = None
    shape: tuple[int, str] | None = None
    header: list[str] | None = None
    has_rows = False
    line_number = consumed = longest = 0
    with path.open("rb") as stream:
        foreign = foreign_bom_problem(stream.read(4))
        if foreign is not None:
            raise DataError(foreign, path=path, line=1)
        stream.seek(0)

        def lines() -> Iterator[str]:
            nonlocal nul, not_utf8, line_number, consumed
            for raw in stream:
                line_number += 1
                consumed += len(raw)
                at = raw.find(b"\x00")
                if at >= 0:
                    nul = (
                        line_number,
                        f"NUL byte at column {at + 1}: a binary file, or UTF-16 "
                        "without a byte-order mark; save the file as UTF-8",
                    )
                    return
                if not_utf8 is not None:
                    continue
                skip = (
                    len(codecs.BOM_UTF8)
                    if line_number == 1 and raw.startswith(codecs.BOM_UTF8)
                    else 0
                )
                try:
                    text = raw[skip:].decode("utf-8")
                except UnicodeDecodeError as error:
                    bad = raw[skip + error.start]
                    not_utf8 = (
                        line_number,
                        f"not UTF-8: byte 0x{bad:02x} at column "
                        f"{skip + error.start + 1} (Latin-1 or Windows-1252?); save the file as UTF-8",
                    )
                    continue
                if shape is None:
                    yield text

        source = lines()
        if file_format == "csv":
            reader = csv.reader(source)
        else:
            reader = csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            for row in reader:
                longest, consumed = max(longest, consumed), 0
                if header is None:
                    header = row
                    continue
                has_rows = has_rows or bool(row)
                if row and len(row) != len(header):
                    shape = (
                        reader.line_num,
                        f"{len(row)} fields where the header has {len(header)}",
                    )
                    break
        except csv.Error as error:
            shape = (reader.line_num, f"malformed {file_format}: {error}")
        # Encoding problems further on outrank a row's shape: read on for them.
        for _ in source:
            pass
    for problem in (nul, not_utf8, shape):
        if problem is not None:
            raise DataError(problem[1], path=path, line=problem[0])
    if header is None:
        raise DataError("the file is empty (no header row)", path=path)
    if not has_rows:
        raise DataError("the file has a header row and no rows", path=path)
    return longest


def _pandas_options(file_format: str) -> dict[str, Any]:
    # What ``datasets`` passed to pandas; TSV files in NLI hold quotes freely
    # (3 = csv.QUOTE_NONE).
    if file_format == "tsv":
        return {"sep": "\t", "encoding": "utf-8-sig", "quoting": 3}
    return {"encoding": "utf-8-sig"}


@dataclass(frozen=True)
class CsvLayout:
    """Column names and Arrow types of a CSV/TSV file, as pandas reads its first rows."""

    names: tuple[str, ...]
    types: Mapping[str, Any]  # column -> Arrow type; text columns are absent
    longest_record: int = 0  # bytes

    @classmethod
    def of(cls, path: Path, file_format: str, longest_record: int = 0) -> CsvLayout:
        import pandas as pd
        import pyarrow as pa

        try:
            frame = pd.read_csv(path, nrows=TYPE_ROWS, **_pandas_options(file_format))
            schema = pa.Schema.from_pandas(frame, preserve_index=False)
        except Exception as error:  # pandas and Arrow raise many kinds; all mean unreadable
            message = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise DataError(
                f"cannot read as {file_format}: {message or type(error).__name__}", path=path
            ) from None
        types = {}
        for field in schema:
            kind = field.type
            if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind):
                types[field.name] = kind
        return cls(tuple(str(name) for name in frame.columns), types, longest_record)


def csv_batches(
    path: Path,
    file_format: str,
    layout: CsvLayout,
    *,
    columns: Sequence[str] | None = None,
    block_bytes: int | None = None,
) -> Iterator[tuple[int, Any]]:
    """``(index of the batch's first row, record batch)`` of a CSV/TSV file, in order.

    Every cell is read as text and converted here to its column's type, so that a bad
    value is an error naming its line. ``columns`` keeps only those columns.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    wanted = list(layout.names if columns is None else columns)
    read = pacsv.ReadOptions(
        column_names=list(layout.names),
        skip_rows=1,
        # A record longer than a block is an error in Arrow (not in pandas).
        block_size=max(block_bytes or CSV_BLOCK_BYTES, 2 * layout.longest_record + 2),
        encoding="utf8",
    )
    if file_format == "tsv":
        parse = pacsv.ParseOptions(delimiter="\t", quote_char=False)
    else:
        parse = pacsv.ParseOptions(newlines_in_values=True)
    convert = pacsv.ConvertOptions(
        column_types={name: pa.string() for name in layout.names},
        include_columns=wanted,
        null_values=list(MISSING_VALUES),
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    try:
        reader = pacsv.open_csv(
            str(path), read_options=read, parse_options=parse, convert_options=convert
        )
    except pa.ArrowInvalid as error:
        if "Empty CSV file" in str(error):
            return  # a header and no rows
        raise _unreadable(path, file_format, error) from None
    first_row = 0
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            return
        except pa.ArrowInvalid as error:
            raise _unreadable(path, file_format, error) from None
        yield first_row, _typed(batch, layout, path, first_row)
        first_row += batch.num_rows


def _unreadable(path: Path, file_format: str, error: Exception) -> DataError:
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return DataError(f"cannot read as {file_format}: {message}", path=path)


def _typed(batch: Any, layout: CsvLayout, path: Path, first_row: int) -> Any:
    """``batch`` (all text) with each typed column converted to its type."""
    import pyarrow as pa

    arrays = []
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        kind = layout.types.get(name)
        arrays.append(column if kind is None else _convert(column, kind, name, path, first_row))
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


def _convert(column: Any, kind: Any, name: str, path: Path, first_row: int) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_boolean(kind):
        true = pc.is_in(column, value_set=pa.array(TRUE_VALUES))
        false = pc.is_in(column, value_set=pa.array(FALSE_VALUES))
        bad = pc.and_(pc.invert(pc.or_(true, false)), pc.is_valid(column))
        if pc.any(bad).as_py():
            _raise_bad(column, bad, "true or false", name, path, first_row)
        return pc.if_else(pc.is_valid(column), true, pa.scalar(None, pa.bool_()))
    trimmed = pc.utf8_trim_whitespace(column)
    try:
        return pc.cast(trimmed, kind)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    # pandas also reads "+5", and a float column's "1.0" in an integer column casts.
    values: list[int | float | None] = []
    integer = pa.types.is_integer(kind)
    for position, text in enumerate(trimmed.to_pylist()):
        if text is None:
            values.append(None)
        elif integer and _INTEGER.fullmatch(text):
            values.append(int(text))
        elif _FLOAT.fullmatch(text) and (not integer or float(text).is_integer()):
            values.append(int(float(text)) if integer else float(text))
        else:
            description = "an integer" if integer else "a number"
            raise DataError(
                f"field '{name}': '{text}' is not {description}, the type of the column "
                f"in the file's first {TYPE_ROWS:,} rows",
                path=path,
                line=2 + first_row + position,
            )
    try:
        return pa.array(values, type=kind)
    except (pa.ArrowInvalid, OverflowError) as error:
        raise DataError(f"field '{name}': {error}", path=path) from None


def _raise_bad(column: Any, bad: Any, expected: str, name: str, path: Path, first_row: int) -> None:
    position = bad.to_pylist().index(True)
    raise DataError(
        f"field '{name}': '{column[position].as_py()}' is not {expected}, the type of the "
        f"column in the file's first {TYPE_ROWS:,} rows",
        path=path,
        line=2 + first_row + position,
    )


# --- Parquet -----------------------------------------------------------------------------


def parquet_file(path: Path) -> Any:
    import pyarrow.parquet as pq

    try:
        # Column chunks are read as they are decoded, not a row group ahead.
        return pq.ParquetFile(str(path), pre_buffer=False)
    except Exception as error:  # Arrow raises several kinds for a file that is not Parquet
        raise _unreadable(path, "parquet", error) from None


def parquet_needs_datasets(parquet: Any) -> bool:
    """Whether a column needs ``datasets``' own decoding (a mixed-type column written by
    ``datasets`` is JSON text in the file; an image or audio column is a struct)."""
    metadata = parquet.schema_arrow.metadata or {}
    if b"huggingface" not in metadata:
        return False  # datasets keeps its features there; without them no column decodes
    from datasets import Features
    from datasets.features.features import require_decoding

    try:
        features = Features.from_arrow_schema(parquet.schema_arrow)
    except Exception:  # a schema datasets cannot describe: it would refuse the file too
        return False
    return any(require_decoding(feature) for feature in features.values())


def parquet_batches(
    path: Path,
    parquet: Any,
    *,
    columns: Sequence[str] | None = None,
    batch_rows: int | None = None,
    first_row_group: int = 0,
) -> Iterator[tuple[int, Any]]:
    """``(index of the batch's first row, record batch)`` from ``first_row_group`` on."""
    metadata = parquet.metadata
    first_row = sum(metadata.row_group(g).num_rows for g in range(first_row_group))
    groups = list(range(first_row_group, metadata.num_row_groups))
    if not groups:
        return
    batches = parquet.iter_batches(
        batch_size=batch_rows or PARQUET_BATCH_ROWS,
        row_groups=groups,
        columns=None if columns is None else list(columns),
    )
    try:
        for batch in batches:
            yield first_row, batch
            first_row += batch.num_rows
    except Exception as error:  # a damaged file fails while its pages are decoded
        raise _unreadable(path, "parquet", error) from None


def uncompressed_bytes(parquet: Any) -> int:
    metadata = parquet.metadata
    return sum(metadata.row_group(g).total_byte_size for g in range(metadata.num_row_groups))
