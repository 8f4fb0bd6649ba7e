"""Driving a ``harness`` process from a test without depending on how fast the machine is."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

#: How long a test waits for a process to reach a state before failing (a hang bound,
#: not a timing assumption: the processes are held, see ``helpers.held_models.held_rules``).
WAIT_LIMIT_S = 600.0

#: ``python -c`` that runs the CLI with Python's own SIGINT handler installed, as in a
#: terminal. A test runner started as a background job inherits SIGINT ignored, and a
#: child Python keeps it ignored; then SIGINT would never reach ``harness`` at all.
CLI_WITH_SIGINT = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from harness.cli import main; sys.exit(main(sys.argv[1:]))"
)


def harness_command(*args: str) -> list[str]:
    """The command line of ``harness ARGS`` (SIGINT handled as in a terminal)."""
    return [sys.executable, "-c", CLI_WITH_SIGINT, *args]


def wait_until(
    condition: Callable[[], bool], process: subprocess.Popen, what: str, poll_s: float = 0.05
) -> None:
    """Poll ``condition`` until it holds; fail at once if ``process`` exits first."""
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not condition():
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"the process exited ({process.returncode}) before {what}: {err}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(poll_s)
