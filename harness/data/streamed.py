"""Large data files as a sequence of examples read a block at a time.

CSV/TSV and Parquet files: ``ArrowFileExamples`` (below) reads them as Arrow record
batches, with the same checks and the same rows as a file read whole.

``JsonlExamples.open(path, mapper)`` reads the file once to check every row (UTF-8,
JSON, the row mapping, unique ids: the same one-line errors as a file read whole) and
keeps only where each block of ``BLOCK_ROWS`` rows starts; indexing or slicing then
reads and maps just the blocks asked for. Memory holds one block, whatever the size of
the file. Rows keep the JSON types as written (a file read whole goes through Arrow,
which unifies a column's types).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

import numpy as np
import orjson

from harness.core import Example
from harness.errors import DataError

BLOCK_ROWS = 10_000


def _rows(path: Path, start_offset: int, first_row: int, first_line: int, count: int | None):
    """``(row index, line number, row)`` from ``start_offset``, at most ``count`` rows."""
    index, line_number = first_row, first_line
    with path.open("rb") as stream:
        stream.seek(start_offset)
        for raw in stream:
            if count is not None and index - first_row >= count:
                return
            if line_number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if raw.strip():
                try:
                    row = orjson.loads(raw)
                except orjson.JSONDecodeError as problem:
                    message = str(problem).split(":")[0]
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError as bad:
                        raise DataError(
                            f"not UTF-8 text ({bad.reason})", path=path, line=line_number
                        ) from None
                    raise DataError(
                        f"not valid JSON ({message})", path=path, line=line_number
                    ) from None
                if not isinstance(row, dict):
                    raise DataError("expected a JSON object per line", path=path, line=line_number)
                yield index, line_number, row
                index += 1
            line_number += 1


class BlockExamples(Sequence[Example]):
    """Examples read ``BLOCK_ROWS`` rows at a time; subclasses say how to read a block."""

    path: Path
    mapper: Any
    length: int

    def _block(self, number: int) -> list[Example]:
        raise NotImplementedError

    def _block_count(self) -> int:
        return -(-self.length // BLOCK_ROWS)

    def _check_unique_ids(self, hashes: np.ndarray) -> None:
        values, counts = np.unique(hashes, return_counts=True)
        suspects = set(values[counts > 1].tolist())
        if not suspects:
            return
        first_seen: dict[str, int] = {}
        for position, example in enumerate(self):
            if hash(example.id) not in suspects:
                continue
            if example.id in first_seen:
                raise DataError(
                    f"{self.mapper.origin}: example id '{example.id}' occurs more than once "
                    f"(rows {first_seen[example.id] + 1} and {position + 1})",
                    path=self.path,
                )
            first_seen[example.id] = position

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, index: int) -> Example: ...
    @overload
    def __getitem__(self, index: slice) -> list[Example]: ...
    def __getitem__(self, index: int | slice) -> Example | list[Example]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self.length)
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            chosen: list[Example] = []
            for number in range(start // BLOCK_ROWS, (max(stop, 1) - 1) // BLOCK_ROWS + 1):
                if start >= stop:
                    break
                first = number * BLOCK_ROWS
                block = self._block(number)
                chosen.extend(block[max(start - first, 0) : stop - first])
            return chosen
        position = index + self.length if index < 0 else index
        if not 0 <= position < self.length:
            raise IndexError(index)
        return self._block(position // BLOCK_ROWS)[position % BLOCK_ROWS]

    def __iter__(self) -> Iterator[Example]:
        for number in range(self._block_count()):
            yield from self._block(number)


@dataclass(eq=False)
class JsonlExamples(BlockExamples):
    """The examples of one JSONL file; a block of rows is read when asked for."""

    path: Path
    mapper: Any
    block_offsets: list[int]
    block_lines: list[int]
    length: int

    @classmethod
    def open(cls, path: Path, mapper: Any, *, limit: int | None = None) -> JsonlExamples:
        """Check every row of ``path`` (one block at a time) and index its blocks."""
        block_offsets: list[int] = []
        block_lines: list[int] = []
        hashes: list[np.ndarray] = []
        offset = 0
        index = 0
        line_number = 1
        with path.open("rb") as stream:
            for raw in stream:
                if limit is not None and index >= limit:
                    break
                if raw.strip():
                    if index % BLOCK_ROWS == 0:
                        block_offsets.append(offset)
                        block_lines.append(line_number)
                    index += 1
                offset += len(raw)
                line_number += 1
        length = index
        for number in range(len(block_offsets)):
            examples = cls._map_block(path, mapper, block_offsets, block_lines, number, length)
            hashes.append(np.array([hash(example.id) for example in examples], dtype=np.int64))
        instance = cls(path, mapper, block_offsets, block_lines, length)
        instance._check_unique_ids(np.concatenate(hashes) if hashes else np.zeros(0, np.int64))
        return instance

    @staticmethod
    def _map_block(
        path: Path,
        mapper: Any,
        block_offsets: list[int],
        block_lines: list[int],
        number: int,
        length: int,
    ) -> list[Example]:
        first_row = number * BLOCK_ROWS
        count = min(BLOCK_ROWS, length - first_row)
        first_line = block_lines[number]
        rows = [
            row for _, _, row in _rows(path, block_offsets[number], first_row, first_line, count)
        ]
        return mapper.to_examples(rows, start=first_row, first_line=first_line)

    def _block(self, number: int) -> list[Example]:
        return self._map_block(
            self.path, self.mapper, self.block_offsets, self.block_lines, number, self.length
        )


@dataclass(eq=False)
class ArrowFileExamples(BlockExamples):
    """The examples of one CSV/TSV or Parquet file read as Arrow record batches.

    ``batches(row)`` gives ``(index of the first row, record batch)`` from a batch at or
    before ``row`` (a CSV file from its start, a Parquet file from the row group that
    holds ``row``). Blocks read in order continue the same reader; the last block read
    is kept, since consecutive slices of a test often share one.
    """

    path: Path
    mapper: Any
    batches: Callable[[int], Iterator[tuple[int, Any]]]
    length: int
    first_line: int
    _cursor: tuple[int, Iterator[tuple[int, list[dict[str, Any]]]]] | None = field(
        default=None, init=False
    )
    _last: tuple[int, list[Example]] | None = field(default=None, init=False)

    @classmethod
    def open(
        cls,
        path: Path,
        mapper: Any,
        batches: Callable[[int], Iterator[tuple[int, Any]]],
        *,
        first_line: int,
        limit: int | None = None,
    ) -> ArrowFileExamples:
        """Check every row of ``path`` (one block at a time) and count them."""
        instance = cls(path, mapper, batches, length=0, first_line=first_line)
        hashes: list[np.ndarray] = []
        length = 0
        for number, rows in instance._row_blocks(0, limit):
            examples = instance._map(number, rows)
            hashes.append(np.array([hash(example.id) for example in examples], dtype=np.int64))
            length += len(rows)
        instance.length = length
        instance._cursor = None
        _release_arrow_memory()
        instance._check_unique_ids(np.concatenate(hashes) if hashes else np.zeros(0, np.int64))
        return instance

    def _row_blocks(
        self, first_block: int, limit: int | None = None
    ) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        """``(block number, rows)`` from ``first_block`` on, a batch converted at a time."""
        from harness.data.arrow_files import rows_of_batch

        number = first_block
        start = number * BLOCK_ROWS
        end = start + BLOCK_ROWS if limit is None else min(start + BLOCK_ROWS, limit)
        rows: list[dict[str, Any]] = []
        for first_row, batch in self.batches(start):
            offset = max(start - first_row, 0)
            while offset < batch.num_rows and start < end:
                taken = min(batch.num_rows - offset, end - (first_row + offset))
                rows.extend(rows_of_batch(batch.slice(offset, taken)))
                offset += taken
                if first_row + offset >= end:
                    yield number, rows
                    number, rows = number + 1, []
                    start = end
                    end = start + BLOCK_ROWS if limit is None else min(start + BLOCK_ROWS, limit)
            if start >= end:
                return
        if rows:
            yield number, rows

    def _map(self, number: int, rows: list[dict[str, Any]]) -> list[Example]:
        first_row = number * BLOCK_ROWS
        return self.mapper.to_examples(
            rows, start=first_row, first_line=self.first_line + first_row
        )

    def _block(self, number: int) -> list[Example]:
        if self._last is not None and self._last[0] == number:
            return self._last[1]
        if self._cursor is None or self._cursor[0] != number:
            self._cursor = (number, self._row_blocks(number, self.length))
        _, blocks = self._cursor
        found, rows = next(blocks)
        self._cursor = (number + 1, blocks)
        examples = self._map(found, rows)
        self._last = (number, examples)
        _release_arrow_memory()
        return examples


def _release_arrow_memory() -> None:
    """Hand the pages Arrow's allocator keeps for reuse back to the system: they would
    otherwise stay resident through the rest of the run (scoring allocates elsewhere)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
