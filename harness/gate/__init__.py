"""Regression gate: compare a candidate run with its baseline on the same items.

    harness compare BASE_RUN CAND_RUN     # paired differences, flips, compare.html
    harness gate BASE_RUN CAND_RUN        # PASS / WARN / FAIL with exit codes 0 / 1

Modules: ``paired`` (bootstrap, McNemar, MDE), ``rundir`` (loading run directories),
``columns`` (a run's items as compact columns, read as a stream), ``itemfile`` (passes
over items.jsonl), ``measures`` (gateable metrics), ``column_measures`` (metrics over
paired rows of columns), ``compare`` (pairing, refusal, flips), ``config``
(the ``gate:`` schema), ``gate`` (decisions), ``outputs`` (JUnit, Markdown, JSON),
``html`` (compare.html), ``cli`` (argparse wiring).
"""

from harness.gate.compare import Comparison, Flip, compare_dirs, compare_runs
from harness.gate.config import CheckConfig, GateConfig, gate_config_from_mapping, load_gate_config
from harness.gate.gate import CheckResult, GateVerdict, evaluate_gate
from harness.gate.measures import MetricDifference
from harness.gate.paired import (
    McNemarResult,
    bootstrap_p_value,
    mcnemar,
    mcnemar_from_counts,
    minimum_detectable_effect,
    paired_bootstrap,
)
from harness.gate.rundir import ItemRecord, RunRecord, TestRecord, load_run_dir
from harness.gate.runs import gate_runs

__all__ = [
    "CheckConfig",
    "CheckResult",
    "Comparison",
    "Flip",
    "GateConfig",
    "GateVerdict",
    "ItemRecord",
    "McNemarResult",
    "MetricDifference",
    "RunRecord",
    "TestRecord",
    "bootstrap_p_value",
    "compare_dirs",
    "compare_runs",
    "evaluate_gate",
    "gate_config_from_mapping",
    "gate_runs",
    "load_gate_config",
    "load_run_dir",
    "mcnemar",
    "mcnemar_from_counts",
    "minimum_detectable_effect",
    "paired_bootstrap",
]
