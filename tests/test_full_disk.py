"""A full disk is one line naming the file, from the cache and from the run directory.

The disk is a real small tmpfs mounted for the test. Where mounting is not permitted,
the closest real condition is used instead: the run's process gets a file-size limit
(``RLIMIT_FSIZE``), so its writes fail in the kernel as they would on a full disk.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.suites import write_suite
from test_cli import TESTS_DIR

PYTHONPATH = os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])


def fill(directory: Path) -> None:
    """Write until the file system says it is full."""
    with (directory / "filler").open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[tuple[Path, dict]]:
    """A full directory, and how to start a process that writes there."""
    mount = tmp_path / "small"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode == 0:
        fill(mount)
        try:
            yield mount, {}
        finally:
            subprocess.run(["umount", "-l", str(mount)], check=False)
        return

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    yield mount, {"preexec_fn": limited}


def run(cwd: Path, options: dict, *args: str, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": PYTHONPATH, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        **options,
    )


def test_a_full_disk_under_the_cache_is_one_line_naming_it(tmp_path: Path, full_disk) -> None:
    mount, options = full_disk
    write_suite(tmp_path, n=300)
    cache = mount / "cache"
    result = run(
        tmp_path, options, "run", "suite.yaml", "--allow-code", "--out", "out", "--quiet",
        env={"HARNESS_CACHE_DIR": str(cache)},
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("harness: error: "), lines
    assert str(cache) in lines[0] and "no space left" in lines[0]
    assert "internal error" not in result.stderr and "moved to" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_full_disk_under_the_run_directory_is_one_line_naming_the_file(
    tmp_path: Path, full_disk
) -> None:
    mount, options = full_disk
    write_suite(tmp_path, n=300)
    result = run(
        tmp_path, options, "run", "suite.yaml", "--allow-code", "--out", str(mount / "out"), "--quiet",
        "--no-cache",
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no space left" in lines[0], lines
    assert str(mount) in lines[0] and "bug in harness" not in lines[0]
    assert not (mount / "out").exists()
