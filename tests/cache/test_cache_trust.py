"""The cache cannot mislead: rows checked against their request, damage healed whenever it
is found, concurrency and slow locks never taken for damage."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.suites import write_suite
from test_cli import TESTS_DIR, harness

from harness.cache import FORMAT_VERSION, ResponseCache
from harness.cache import responses as responses_module
from harness.cache.responses import CacheBusyError

PYTHONPATH = os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])


def database(directory: Path) -> Path:
    (found,) = [
        p for p in directory.rglob(f"*.v{FORMAT_VERSION}.sqlite") if "derived" not in p.name
    ]
    return found


def swap_two_values(path: Path) -> None:
    connection = sqlite3.connect(path)
    (first, a), (second, b) = connection.execute(
        "SELECT rowid, value FROM responses ORDER BY rowid LIMIT 2"
    ).fetchall()
    assert a != b
    connection.execute("UPDATE responses SET value = ? WHERE rowid = ?", (b, first))
    connection.execute("UPDATE responses SET value = ? WHERE rowid = ?", (a, second))
    connection.commit()
    connection.close()


def test_swapped_values_are_misses_counted_and_warned(tmp_path: Path, capsys) -> None:
    cache = ResponseCache(tmp_path, "model")
    cache.put_many("generate", [("k1", {"text": "one"}), ("k2", {"text": "two"})])
    cache.close()
    swap_two_values(tmp_path / f"model.v{FORMAT_VERSION}.sqlite")
    again = ResponseCache(tmp_path, "model")
    assert again.get_many("generate", ["k1", "k2"]) == {}
    assert again.rejected == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "2 cached responses do not belong" in err
    # A value copied from another model's file is refused too (the digest names the file).
    other = ResponseCache(tmp_path, "other")
    other.put_many("generate", [("k1", {"text": "theirs"})])
    (value,) = other._connection.execute("SELECT value FROM responses").fetchone()
    other.close()
    again.put_many("generate", [("k1", {"text": "one"})])
    again._connection.execute("UPDATE responses SET value = ? WHERE key = 'k1'", (value,))
    assert again.get_many("generate", ["k1"]) == {}
    again.close()


def run(tmp_path: Path, out: str) -> subprocess.CompletedProcess:
    return harness(
        "run", "suite.yaml", "--allow-code", "--out", out, "--quiet",
        cwd=tmp_path, env={"HARNESS_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip


def items_of(run_dir: Path) -> list[dict]:
    rows = [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]
    return [{k: row[k] for k in ("test", "id", "predicted", "probabilities")} for row in rows]


def test_a_run_on_a_cache_with_swapped_rows_gives_the_right_answers(tmp_path: Path) -> None:
    write_suite(tmp_path, n=30)
    first = run(tmp_path, "first")
    assert first.returncode == 0, first.stderr
    swap_two_values(database(tmp_path / "cache"))
    second = run(tmp_path, "second")
    assert second.returncode == 0, second.stderr
    assert items_of(tmp_path / "second") == items_of(tmp_path / "first")
    assert "cached responses do not belong" in second.stderr
    tests = json.loads((tmp_path / "second" / "results.json").read_text())["tests"]
    assert sum(test["counts"].get("cache_rejected", 0) for test in tests) == 2


def corrupt_middle_pages(path: Path) -> None:
    """Overwrite pages in the middle of a database: its leaf pages, not the header."""
    size = path.stat().st_size
    page = 4096
    assert size > 8 * page, size
    with path.open("r+b") as handle:
        for at in range(3 * page, size - 2 * page, 2 * page):
            handle.seek(at)
            handle.write(b"\xa5" * page)


def fill(cache: ResponseCache, n: int = 3000) -> None:
    cache.put_many("generate", [(f"k{i}", {"text": f"answer {i} " * 8}) for i in range(n)])


def test_a_damaged_page_found_after_opening_is_quarantined_and_recomputed(
    tmp_path: Path, capsys
) -> None:
    cache = ResponseCache(tmp_path, "model")
    fill(cache)
    cache._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cache.close()
    path = tmp_path / f"model.v{FORMAT_VERSION}.sqlite"
    opened = ResponseCache(tmp_path, "model")  # opening reads little: the damage is later
    corrupt_middle_pages(path)
    capsys.readouterr()
    found = opened.get_many("generate", [f"k{i}" for i in range(3000)])
    assert found == {}  # a fresh, empty cache after the damaged one was moved aside
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "moved to" in err
    assert len(list(tmp_path.glob(f"model.v{FORMAT_VERSION}.sqlite.damaged-*"))) == 1
    opened.put_many("generate", [("k1", {"text": "again"})])
    assert opened.get_many("generate", ["k1"]) == {"k1": {"text": "again"}}
    opened.close()


def test_a_damaged_page_found_when_opening_is_quarantined(tmp_path: Path, capsys) -> None:
    cache = ResponseCache(tmp_path, "model")
    fill(cache)
    cache._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cache.close()
    path = tmp_path / f"model.v{FORMAT_VERSION}.sqlite"
    corrupt_middle_pages(path)
    again = ResponseCache(tmp_path, "model")
    # Whenever the damage shows (now, or at the first read), the file goes aside once.
    assert again.get_many("generate", ["k1", "k2"]) == {}
    again.close()
    assert "moved to" in capsys.readouterr().err


def test_a_run_over_a_damaged_cache_recomputes_with_the_right_answers(tmp_path: Path) -> None:
    write_suite(tmp_path, n=600)
    first = run(tmp_path, "first")
    assert first.returncode == 0, first.stderr
    path = database(tmp_path / "cache")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    corrupt_middle_pages(path)
    second = run(tmp_path, "second")
    assert second.returncode == 0, second.stderr
    assert items_of(tmp_path / "second") == items_of(tmp_path / "first")
    warnings = [line for line in second.stderr.splitlines() if "moved to" in line]
    assert len(warnings) == 1 and str(path.name) in warnings[0]
    assert "internal error" not in second.stderr
    # The run after it reads the healed cache.
    third = run(tmp_path, "third")
    assert third.returncode == 0 and "moved to" not in third.stderr


OPENER = """
import sys
from pathlib import Path
from harness.cache import ResponseCache
directory, name = Path(sys.argv[1]), sys.argv[2]
for round in range(5):
    cache = ResponseCache(directory, "shared")
    cache.put_many("generate", [(f"{name}-{round}", {"text": name})])
    assert cache.get_many("generate", [f"{name}-{round}"]) == {f"{name}-{round}": {"text": name}}
    cache.close()
"""


def test_many_processes_opening_one_empty_cache_condemn_nothing(tmp_path: Path) -> None:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(tmp_path), f"p{i}"],
            env={**os.environ, "PYTHONPATH": PYTHONPATH},
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(12)
    ]
    errors = [process.communicate(timeout=600)[1] for process in processes]
    assert [p.returncode for p in processes] == [0] * 12, errors
    assert not any("warning" in error for error in errors), errors
    assert list(tmp_path.glob("*.damaged-*")) == []
    cache = ResponseCache(tmp_path, "shared")
    assert len(cache) == 12 * 5
    cache.close()


def test_a_slow_lock_is_waited_for_never_taken_for_damage(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    cache = ResponseCache(tmp_path, "model")
    cache.put_many("generate", [("k", {"text": "kept"})])
    monkeypatch.setattr(responses_module, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(responses_module, "OPEN_ATTEMPTS", 2)
    # Another process holding the write lock beyond every wait.
    holder = sqlite3.connect(cache.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(CacheBusyError, match="locked by another process"):
        ResponseCache(tmp_path, "model")
    # An open cache that meets the lock still reads (WAL readers never wait for a
    # writer); a write that cannot get the lock is skipped, the answers stay computed.
    assert cache.get_many("generate", ["k"]) == {"k": {"text": "kept"}}
    cache.put_many("generate", [("k2", {"text": "later"})])
    holder.execute("ROLLBACK")
    holder.close()
    assert list(tmp_path.glob("*.damaged-*")) == []
    assert cache.get_many("generate", ["k", "k2"]) == {"k": {"text": "kept"}}
    cache.close()
    err = capsys.readouterr().err
    assert err.count("locked by another process") == 1 and "moved to" not in err
