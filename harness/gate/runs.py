"""Gate two run directories and write the requested outputs (JUnit, Markdown, JSON).

The I/O around ``harness.gate.gate.evaluate_gate``, which stays pure. The comparison
page (compare.html) is ``harness.report.render_compare_html(verdict.comparison, verdict)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from harness.files.jsonio import write_atomic
from harness.gate import outputs
from harness.gate.compare import compare_dirs
from harness.gate.config import GateConfig, gate_config_from_mapping, load_gate_config
from harness.gate.gate import GateVerdict, evaluate_gate

__all__ = ["config_for_runs", "gate_runs"]


def config_for_runs(candidate_dir: Path, config_path: Path | None) -> GateConfig | None:
    """``--config`` if given, else the ``gate:`` section of the candidate run's suite copy."""
    if config_path is not None:
        return load_gate_config(config_path)
    copy = Path(candidate_dir) / "suite.yaml"
    if copy.is_file():
        return load_gate_config(copy)
    return None


def gate_runs(
    base_dir: Path,
    cand_dir: Path,
    config: GateConfig | None = None,
    strict: bool = False,
    *,
    allow_subset: bool = False,
    allow_manifest_diff: Sequence[str] = (),
    junit: Path | None = None,
    markdown: Path | None = None,
    json_path: Path | None = None,
) -> GateVerdict:
    """Compare two run directories, gate, and write the requested outputs.

    ``config=None`` reads the ``gate:`` section of ``cand_dir/suite.yaml`` when there is
    one, else gates every test's accuracy and slices with the default tolerances.
    """
    if config is None:
        config = config_for_runs(Path(cand_dir), None)
    config = config or gate_config_from_mapping({})
    comparison = compare_dirs(
        base_dir,
        cand_dir,
        allow_subset=allow_subset,
        allow_manifest_diff=allow_manifest_diff,
        resamples=config.resamples,
        seed=config.seed,
    )
    verdict = evaluate_gate(comparison, config, strict=strict)
    if junit is not None:
        write_atomic(Path(junit), outputs.render_junit(verdict))
    if markdown is not None:
        write_atomic(Path(markdown), outputs.render_markdown(verdict))
    if json_path is not None:
        write_atomic(Path(json_path), outputs.render_json(verdict))
    return verdict
