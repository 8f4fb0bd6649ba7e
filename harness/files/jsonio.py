"""Files written whole or not at all, JSON without NaN, and the one JSONL reader.

* ``write_atomic(path, data)``: a temporary file beside the target, fsync, rename;
  the temporary file is removed when anything fails; the result is 0644 like any
  ordinary output (``mkstemp`` would leave it private);
* ``to_jsonable(value)`` / ``dumps_json(value)``: JSON has no NaN or infinity, so
  undefined numbers (the CI of an empty slice) become ``null``; numpy scalars and
  arrays become plain numbers and lists; ``dumps_json_bytes`` encodes with orjson
  (which writes NaN and infinity as ``null`` itself) and falls back to ``to_jsonable``
  only for what orjson does not take (numpy values, non-string keys, huge integers);
* ``read_jsonl(path, error)``: ``(line number, object)`` per non-blank line, with a
  one-line error naming the file and line otherwise;
* ``fields_json(record)``: a record's JSON object keyed by its own attribute names --
  a dataclass's fields in declaration order, or the names given -- so a record's
  written form follows its declaration instead of restating it key by key.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import os
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import orjson


def to_jsonable(value: Any) -> Any:
    """``value`` with non-finite floats as ``None`` and numpy values as Python ones."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "tolist") and callable(value.tolist):  # numpy arrays and scalars
        return to_jsonable(value.tolist())
    return value


def fields_json(
    record: Any, names: Iterable[str] | None = None, *, exclude: Collection[str] = ()
) -> dict[str, Any]:
    """``{name: record.name}`` for ``names``, or for the dataclass ``record``'s fields.

    Fields come in declaration order (the key order of what is written), less
    ``exclude``; values are as they are (``dumps_json`` makes them JSON). A record
    whose written form differs in a key writes it after: ``{**fields_json(r), "k": v}``
    replaces ``k``'s value where it stands.

    >>> @dataclasses.dataclass
    ... class Share:
    ...     value: float
    ...     n: int
    ...     method: str = "wilson"
    >>> fields_json(Share(0.5, 8))
    {'value': 0.5, 'n': 8, 'method': 'wilson'}
    >>> fields_json(Share(0.5, 8), exclude={"method"}), fields_json(Share(0.5, 8), ["n"])
    ({'value': 0.5, 'n': 8}, {'n': 8})
    """
    if names is None:
        kind: type = type(record)
        names = _field_names(kind)
    return {name: getattr(record, name) for name in names if name not in exclude}


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    # Read once per class: records are written by the thousand (a request's payload is
    # its cache key), and dataclasses.fields filters every field each time it is called.
    return tuple(field.name for field in dataclasses.fields(cls))


def _orjson_default(value: Any) -> Any:
    # Called by orjson for what it cannot encode itself; numpy scalars and arrays go
    # through ``tolist`` exactly as ``to_jsonable`` takes them (float32 widened).
    if hasattr(value, "tolist") and callable(value.tolist):
        return to_jsonable(value.tolist())
    if isinstance(value, Mapping):
        return to_jsonable(value)
    raise TypeError


def dumps_json_bytes(value: Any, *, indent: int | None = None) -> bytes:
    """UTF-8 JSON of ``value`` without NaN or Infinity (``null`` instead), via orjson.

    Equal, once parsed, to ``json.loads(dumps_json(value))``; ``indent`` is 2 or None.

    >>> dumps_json_bytes({"value": float("nan"), "n": 3})
    b'{"value":null,"n":3}'
    """
    option = orjson.OPT_INDENT_2 if indent else 0
    try:
        return orjson.dumps(value, default=_orjson_default, option=option)
    except TypeError:
        # Non-string keys, integers beyond 64 bits, lone surrogates: the general path.
        return dumps_json(value, indent=indent).encode("utf-8")


def dumps_json(value: Any, *, indent: int | None = None) -> str:
    """``json.dumps`` of ``to_jsonable(value)``; never writes NaN or Infinity."""
    return json.dumps(to_jsonable(value), indent=indent, ensure_ascii=False, allow_nan=False)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` whole when the block ends.

    The temporary file lies beside the target (a unique name, so concurrent writers
    never share it), is fsynced before the rename and removed when anything fails.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        if error.filename is None:  # a full disk says so without naming the file
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename."""
    with atomic_output(path) as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)


def write_json_atomic(path: Path, value: Any) -> None:
    """``value`` as indented, NaN-free JSON, written atomically."""
    write_atomic(path, dumps_json_bytes(value, indent=2) + b"\n")


#: Rows encoded before one write: few system calls, and memory bounded by the batch.
JSONL_WRITE_BATCH = 1024


def write_jsonl_atomic(path: Path, rows: Iterable[Any]) -> None:
    """One NaN-free JSON object per line, streamed to a temporary file, then renamed.

    A ``bytes`` row is written as it is (one encoded line).

    ``rows`` is consumed lazily, a batch at a time: a generator of a million rows never
    exists as a list, and the final file appears only once every row is written.
    """
    with atomic_output(path) as stream:
        batch: list[bytes] = []
        for row in rows:
            # A row given as bytes is a line encoded earlier (a streamed test's spool).
            batch.append(row.rstrip(b"\n") if isinstance(row, bytes) else dumps_json_bytes(row))
            if len(batch) == JSONL_WRITE_BATCH:
                stream.write(b"\n".join(batch) + b"\n")
                batch.clear()
        if batch:
            stream.write(b"\n".join(batch) + b"\n")


def read_jsonl(
    path: Path, error: Callable[[str], Exception] = ValueError
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line of a UTF-8 JSONL file.

    ``error(message)`` builds the exception raised for a bad line or file; the
    message starts with ``path:line:``.
    """
    for number, line in read_jsonl_lines(path, error):
        yield number, parse_jsonl_line(path, number, line, error)


def read_jsonl_lines(
    path: Path, error: Callable[[str], Exception] = ValueError
) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` for each non-blank line, unparsed (for readers that skip lines)."""
    try:
        with Path(path).open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield number, line
    except UnicodeDecodeError as problem:
        raise error(f"{path}: not UTF-8 text ({problem.reason})") from None
    except OSError as problem:
        raise error(f"{path}: cannot read: {problem.strerror or problem}") from None


def parse_jsonl_line(
    path: Path, number: int, line: str, error: Callable[[str], Exception] = ValueError
) -> dict[str, Any]:
    """One JSONL line as an object; ``error`` names ``path:number`` when it is not one."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as problem:
        raise error(f"{path}:{number}: not valid JSON ({problem.msg})") from None
    if not isinstance(row, dict):
        raise error(f"{path}:{number}: expected a JSON object per line")
    return row
