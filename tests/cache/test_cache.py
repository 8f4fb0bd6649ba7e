"""The response cache: versioned, never misread, healed when damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from harness.cache import FORMAT_VERSION, ResponseCache


def test_round_trip_is_keyed_by_kind(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path, "model")
    cache.put_many("loglikelihood", [("k1", {"loglikelihood": -1.5, "is_greedy": True})])
    assert cache.get_many("loglikelihood", ["k1", "k2"]) == {
        "k1": {"loglikelihood": -1.5, "is_greedy": True}
    }
    assert cache.get_many("classify", ["k1"]) == {}
    cache.close()
    again = ResponseCache(tmp_path, "model")
    assert len(again) == 1
    again.close()


def test_a_cache_of_the_old_format_is_ignored_not_misread(tmp_path: Path) -> None:
    # The format before typed requests: one table of probability vectors, named by
    # fingerprint alone. Its rows must never be read as responses.
    old = tmp_path / "model.sqlite"
    connection = sqlite3.connect(old)
    connection.execute("CREATE TABLE predictions (key TEXT PRIMARY KEY, probabilities TEXT)")
    connection.execute("INSERT INTO predictions VALUES ('k1', '[0.2, 0.8]')")
    connection.commit()
    connection.close()
    cache = ResponseCache(tmp_path, "model")
    assert cache.path.name == f"model.v{FORMAT_VERSION}.sqlite"
    assert cache.get_many("classify", ["k1"]) == {}
    assert len(cache) == 0
    cache.close()
    assert old.read_bytes()  # left alone for the older harness that wrote it


def test_a_file_of_another_format_version_is_moved_aside(tmp_path: Path, capsys) -> None:
    path = tmp_path / f"model.v{FORMAT_VERSION}.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("INSERT INTO meta VALUES ('format', '999')")
    connection.commit()
    connection.close()
    cache = ResponseCache(tmp_path, "model")
    assert len(cache) == 0
    cache.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unreadable prediction cache" in err
    assert len(list(tmp_path.glob(f"model.v{FORMAT_VERSION}.sqlite.damaged-*"))) == 1


@pytest.mark.parametrize("damage", [b"garbage" * 100, b"SQLite format 3\x00" + b"\xff" * 500])
def test_a_damaged_file_is_moved_aside_and_the_run_starts_empty(
    tmp_path: Path, damage: bytes, capsys
) -> None:
    (tmp_path / f"model.v{FORMAT_VERSION}.sqlite").write_bytes(damage)
    cache = ResponseCache(tmp_path, "model")
    cache.put_many("classify", [("k", {"probabilities": [1.0], "truncated": False})])
    assert cache.get_many("classify", ["k"])["k"]["probabilities"] == [1.0]
    cache.close()
    assert "moved to" in capsys.readouterr().err


def test_a_row_that_does_not_parse_counts_as_missing(tmp_path: Path, capsys) -> None:
    cache = ResponseCache(tmp_path, "model")
    cache.put_many("generate", [("good", {"text": "a"})])
    cache._connection.execute("INSERT INTO responses VALUES ('generate', 'bad', '{oops')")
    cache._connection.commit()
    assert cache.get_many("generate", ["good", "bad"]) == {"good": {"text": "a"}}
    assert "1 damaged cached responses" in capsys.readouterr().err
    cache.close()


@pytest.mark.parametrize("kept", [["meta"], ["responses"], ["other"]])
def test_a_file_with_missing_or_foreign_tables_is_moved_aside_with_a_warning(
    tmp_path: Path, kept: list[str], capsys
) -> None:
    cache = ResponseCache(tmp_path, "model")
    cache.put_many("generate", [("k", {"text": "a"})])
    cache.close()
    connection = sqlite3.connect(tmp_path / f"model.v{FORMAT_VERSION}.sqlite")
    if "other" in kept:
        connection.execute("CREATE TABLE other (x TEXT)")
    for table in {"meta", "responses"} - set(kept):
        connection.execute(f"DROP TABLE {table}")
    connection.commit()
    connection.close()
    again = ResponseCache(tmp_path, "model")
    assert len(again) == 0
    again.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unexpected tables" in err and "moved to" in err
