"""How a subcommand runs: its exit codes, bounded counts, and errors as lines on stderr.

Shared by ``harness`` (harness/cli/__init__.py) and ``python -m harness.cli.gate``, so both
entry points report errors alike without importing each other.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable
from typing import Any

from harness.errors import HarnessError

EXIT_OK, EXIT_GATE_FAILED, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
#: ``harness run`` finished but did not measure a test: no item of it was answered, or
#: more of its items than ``--max-infra-error-share`` were infrastructure errors.
EXIT_NOT_MEASURED = 4

#: Errors that mean the disk (or the process's file-size limit) is full.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


#: Upper bound of ``--limit`` (examples per test): beyond any real dataset.
MAX_LIMIT = 10_000_000


def bounded_int(low: int, high: int) -> Any:
    """An argparse ``type``: a whole number in ``[low, high]``; every count a user gives is bounded."""
    return _bounded(int, "a whole number", low, high, f"{low} and {high}", show_text=False)


def bounded_float(low: float, high: float) -> Any:
    """An argparse ``type``: a finite number in ``[low, high]``."""
    return _bounded(float, "a number", low, high, f"{low:g} and {high:g}", show_text=True)


def _bounded(
    convert: Callable[[str], Any], noun: str, low: Any, high: Any, bounds: str, *, show_text: bool
) -> Callable[[str], Any]:
    """Parses with ``convert`` and refuses what falls outside ``[low, high]``, saying the
    number as given (``show_text``) or as read."""

    def parse(text: str) -> Any:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not {noun}") from None
        if not low <= value <= high:  # also refuses NaN
            got = text if show_text else value
            raise argparse.ArgumentTypeError(f"must be between {bounds}, got {got}")
        return value

    return parse


def run_parsed(args: argparse.Namespace) -> int:
    """Run a parsed subcommand: a ``HarnessError`` becomes one stderr line and its exit code;
    any other exception is an internal error (exit 3), one line that points to ``--debug``.

    """
    try:
        return int(args.func(args))
    except HarnessError as error:
        if args.debug:
            raise
        # One line per fact: a preflight lists each missing resource on its own line.
        lines = [_one_line(line) for line in str(error).splitlines() if line.strip()]
        print(f"harness: error: {lines[0] if lines else type(error).__name__}", file=sys.stderr)
        for line in lines[1:]:
            print(line, file=sys.stderr)
        return error.exit_code
    except (KeyboardInterrupt, SystemExit):
        raise
    except OSError as error:
        if args.debug or error.errno not in DISK_FULL_ERRNOS:
            return _internal(args, error)  # re-raised with --debug
        # A full disk is the machine's state, not a bug: one line naming the file.
        where = error.filename or "a file harness was writing"
        print(f"harness: error: {where}: no space left ({error.strerror})", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:  # an unexpected failure
        return _internal(args, error)


def _internal(args: argparse.Namespace, error: Exception) -> int:
    """An unexpected failure (a bug, never "the gate failed"): one line, or the traceback."""
    if args.debug:
        raise error
    detail = _one_line(f"{type(error).__name__}: {error}")
    print(
        f"harness: internal error ({detail}); this is a bug in harness, "
        "re-run with --debug for the traceback",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def _one_line(text: str, limit: int = 500) -> str:
    """Messages that quote user data (a bad value, a pandas error) stay one short line."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
