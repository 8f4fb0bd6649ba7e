"""orjson encoding keeps the NaN-safe JSON of harness.files.jsonio; streamed JSONL is atomic."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.files.jsonio import (
    dumps_json,
    dumps_json_bytes,
    fields_json,
    write_json_atomic,
    write_jsonl_atomic,
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(st.text(max_size=5), children, max_size=4),
    ),
    max_leaves=20,
)


def _surrogate_free(value) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError):
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(values)
def test_orjson_bytes_parse_to_what_the_json_encoder_writes(value) -> None:
    if not _surrogate_free(value) and not isinstance(value, float):
        return  # lone surrogates are not UTF-8: neither encoder writes them
    assert json.loads(dumps_json_bytes(value)) == json.loads(dumps_json(value))
    assert json.loads(dumps_json_bytes(value, indent=2)) == json.loads(dumps_json(value))


def test_non_finite_numbers_and_numpy_values_become_plain_json() -> None:
    value = {
        "nan": float("nan"),
        "inf": [float("inf"), -math.inf],
        "numpy": [np.float32(0.1), np.int64(3), np.bool_(True), np.array([1.5, np.nan])],
        "big": 2**70,  # beyond orjson: the general encoder takes it
        "keys": {1: "one"},
    }
    encoded = dumps_json_bytes(value)
    assert b"NaN" not in encoded and b"Infinity" not in encoded
    assert json.loads(encoded) == {
        "nan": None,
        "inf": [None, None],
        "numpy": [float(np.float32(0.1)), 3, True, [1.5, None]],
        "big": 2**70,
        "keys": {"1": "one"},
    }


def test_results_file_is_indented_json(tmp_path: Path) -> None:
    write_json_atomic(tmp_path / "r.json", {"a": {"b": [1, float("nan")]}})
    text = (tmp_path / "r.json").read_text()
    assert text.endswith("\n") and '\n  "a": {' in text
    assert json.loads(text) == {"a": {"b": [1, None]}}


def test_jsonl_rows_stream_in_batches_and_encoded_lines_pass_through(tmp_path: Path) -> None:
    consumed = []

    def rows():
        for i in range(2500):  # more than two write batches
            consumed.append(i)
            yield {"i": i, "x": float("nan")} if i % 2 else b'{"i": %d, "encoded": true}\n' % i

    write_jsonl_atomic(tmp_path / "items.jsonl", rows())
    lines = (tmp_path / "items.jsonl").read_text().splitlines()
    assert len(lines) == len(consumed) == 2500
    assert json.loads(lines[0]) == {"i": 0, "encoded": True}
    assert json.loads(lines[1]) == {"i": 1, "x": None}


def test_a_failure_mid_stream_leaves_no_file(tmp_path: Path) -> None:
    def rows():
        for i in range(3000):
            if i == 2100:
                raise RuntimeError("model crashed")
            yield {"i": i}

    with pytest.raises(RuntimeError):
        write_jsonl_atomic(tmp_path / "items.jsonl", rows())
    assert list(tmp_path.iterdir()) == []


@dataclasses.dataclass(frozen=True)
class _Record:
    test: str
    n: int
    ci_low: float | None = None
    method: str = "wilson"

    @property
    def name(self) -> str:
        return f"{self.test}/{self.n}"


def test_fields_json_follows_the_declaration_order_and_the_names_given() -> None:
    record = _Record("nli", 8, math.nan)
    assert list(fields_json(record)) == ["test", "n", "ci_low", "method"]
    assert fields_json(record, exclude={"n", "method"}) == {"test": "nli", "ci_low": record.ci_low}
    # Named attributes (properties too) in the order given, for records not dataclasses.
    assert fields_json(record, ["method", "name"]) == {"method": "wilson", "name": "nli/8"}
    # A key overridden after the spread keeps its place, so the written bytes do not move.
    written = dumps_json({**fields_json(record), "n": str(record.n)})
    assert written == '{"test": "nli", "n": "8", "ci_low": null, "method": "wilson"}'
    with pytest.raises(TypeError):
        fields_json(object())
