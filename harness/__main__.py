"""``python -m harness`` is the ``harness`` command.

``python -m`` puts the working directory first on the import path. harness takes it off
before it imports anything a suite names, so ``python -m harness run suite.yaml`` from a
suite's folder imports what ``harness run`` would: installed packages and the folders on
``PYTHONPATH`` (where the working directory stays if it is named there), never a module
that merely lies beside the suite (docs/errors.md). Python has already imported the
``harness`` package from there when it runs this file; ``python -P -m harness`` (or the
``harness`` command) does not look there at all.
"""

import os
import sys

if (
    not sys.flags.safe_path
    and sys.path
    and os.path.abspath(sys.path[0] or os.curdir) == os.getcwd()
):
    del sys.path[0]

from harness.cli import main  # noqa: E402  (after the import path is settled)

sys.exit(main())
