"""Reading user text files (suites, data) as UTF-8, with or without a byte-order mark.

Anything else is refused with a message that names the problem and where it is, so a
Latin-1 or UTF-16 file is an error a user can fix, never a traceback:

>>> find_encoding_problem(b"name: caf\\xe9\\n")
(1, 'not UTF-8: byte 0xe9 at column 10 (Latin-1 or Windows-1252?); save the file as UTF-8')
>>> find_encoding_problem("name: café".encode()) is None
True
"""

from __future__ import annotations

import codecs
from pathlib import Path

_OTHER_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def foreign_bom_problem(start: bytes) -> str | None:
    """Why a file beginning with ``start`` is refused when it carries a UTF-16 or UTF-32
    byte-order mark, else None (four bytes are enough to tell)."""
    for bom, name in _OTHER_BOMS.items():  # UTF-32 first: its LE BOM starts like UTF-16's
        if start.startswith(bom):
            return f"encoded as {name} (byte-order mark); save the file as UTF-8"
    return None


def find_encoding_problem(data: bytes) -> tuple[int, str] | None:
    """``(line, why)`` when ``data`` is not UTF-8 text (a BOM is fine), else None."""
    foreign = foreign_bom_problem(data)
    if foreign is not None:
        return 1, foreign
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        return line, (
            f"NUL byte at column {column}: a binary file, or UTF-16 without a byte-order "
            "mark; save the file as UTF-8"
        )
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # The codec drops a BOM before it counts: error.start is past the BOM.
        offset = error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        line, column = _position(data, offset)
        return line, (
            f"not UTF-8: byte 0x{data[offset]:02x} at column {column} "
            "(Latin-1 or Windows-1252?); save the file as UTF-8"
        )
    return None


class EncodingProblem(ValueError):
    """A file is not UTF-8 text; ``line`` is where the first bad byte is."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def check_utf8(path: Path) -> bytes:
    """The bytes of ``path``; ``EncodingProblem`` unless they are UTF-8 text."""
    data = path.read_bytes()
    problem = find_encoding_problem(data)
    if problem is not None:
        raise EncodingProblem(*problem)
    return data


def read_utf8(path: Path) -> str:
    """The text of ``path``; ``EncodingProblem`` naming the encoding problem, ``OSError`` as usual."""
    return check_utf8(path).decode("utf-8-sig")
