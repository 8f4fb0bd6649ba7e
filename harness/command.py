"""How a subcommand runs: its exit codes, and a ``HarnessError`` as one line on stderr.

Shared by ``harness`` (harness/cli.py) and ``python -m harness.gate.cli``, so both
entry points report errors alike without importing each other.
"""

from __future__ import annotations

import argparse
import sys

from harness.errors import HarnessError

EXIT_OK, EXIT_GATE_FAILED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def run_parsed(args: argparse.Namespace) -> int:
    """Run a parsed subcommand: a ``HarnessError`` becomes one stderr line and its exit code."""
    try:
        return int(args.func(args))
    except HarnessError as error:
        if args.debug:
            raise
        print(f"harness: error: {error}", file=sys.stderr)
        return error.exit_code
