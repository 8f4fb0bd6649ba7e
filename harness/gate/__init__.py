"""Regression gate: compare a candidate run with its baseline on the same items.

    harness compare BASE_RUN CAND_RUN     # paired differences, flips, compare.html
    harness gate BASE_RUN CAND_RUN        # PASS / WARN / FAIL with exit codes 0 / 1

Modules: ``rundir`` (loading run directories), ``compare`` (pairing, refusal, flips),
``config`` (the ``gate:`` schema), ``gate`` (decisions), ``outputs`` (JUnit, Markdown,
JSON). What the gate computes lives with the metrics (``harness.metrics``): each
metric's paired form over two runs' columns (read from items.jsonl by
``harness.results.item_file``), the paired statistics (``paired``: bootstrap,
McNemar, MDE) and the difference of one metric (``difference``). compare.html is one of the pages of ``harness.report``; the
commands are ``harness.cli.gate``.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, eagerly, for the type checker
    from harness.gate.compare import Comparison, Flip, compare_dirs, compare_runs
    from harness.gate.config import (
        CheckConfig,
        GateConfig,
        gate_config_from_mapping,
        load_gate_config,
    )
    from harness.gate.gate import CheckResult, GateVerdict, evaluate_gate
    from harness.gate.rundir import ItemRecord, RunRecord, TestRecord, load_run_dir
    from harness.gate.runs import gate_runs

# The names below load on first use (PEP 562): building the command line imports
# harness.cli.gate, which must not pull in scipy and the findings with this package.
_HOME = {
    "CheckConfig": "harness.gate.config",
    "CheckResult": "harness.gate.gate",
    "Comparison": "harness.gate.compare",
    "Flip": "harness.gate.compare",
    "GateConfig": "harness.gate.config",
    "GateVerdict": "harness.gate.gate",
    "ItemRecord": "harness.gate.rundir",
    "RunRecord": "harness.gate.rundir",
    "TestRecord": "harness.gate.rundir",
    "compare_dirs": "harness.gate.compare",
    "compare_runs": "harness.gate.compare",
    "evaluate_gate": "harness.gate.gate",
    "gate_config_from_mapping": "harness.gate.config",
    "gate_runs": "harness.gate.runs",
    "load_gate_config": "harness.gate.config",
    "load_run_dir": "harness.gate.rundir",
}

__all__ = [
    "CheckConfig",
    "CheckResult",
    "Comparison",
    "Flip",
    "GateConfig",
    "GateVerdict",
    "ItemRecord",
    "RunRecord",
    "TestRecord",
    "compare_dirs",
    "compare_runs",
    "evaluate_gate",
    "gate_config_from_mapping",
    "gate_runs",
    "load_gate_config",
    "load_run_dir",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'harness.gate' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
