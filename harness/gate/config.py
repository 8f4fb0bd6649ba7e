"""The gate's configuration: a suite's ``gate:`` section, or a separate YAML file.

```yaml
gate:
  alpha: 0.05            # family-wise error rate, Holm across every gated comparison
  resamples: 10000       # paired bootstrap resamples
  tolerances: {accuracy: 0.01}        # headline τ per metric (overrides the defaults)
  slice_tolerances: {accuracy: 0.02}  # τ for slices per metric
  max_infra_error_share: 0.0          # fail when more items than this share failed to run
  outcome_margins: {unparseable: 0.02} # fail when the candidate's share of an outcome
                                       # exceeds the baseline's by more than this
  checks:
    - test: nli_core
      metric: accuracy
      slices: all        # or a list: [phenomenon, "heuristic=lexical_overlap"]
      floor: 0.80        # absolute bound on the candidate (lower-is-better: ceiling)
    - test: nli_perturbed
      metric: flip_rate
      ceiling: 0.10
```

Without ``checks`` (or without any gate config) every test's accuracy (a prompt-variant
test's ``variant_accuracy``: item scores averaged over the variants) is gated at
τ = 0.01 and every slice at τ = 0.02. Errors name the file, line and field.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, PrivateAttr, model_validator

from harness.files.yaml_positions import Location, load_yaml_with_lines
from harness.metrics.difference import metric_for
from harness.metrics.paired import DEFAULT_RESAMPLES
from harness.options import Options, SourceMap, validate

#: Headline tolerance τ (on a [0, 1] scale): 1 point for accuracy, F1 and EM.
HEADLINE_TOLERANCE = 0.01
#: Slice tolerance τ: 2 points.
SLICE_TOLERANCE = 0.02
#: The outcomes a gate may budget (an infrastructure error has its own share).
MarginedOutcome = Literal[
    "truncated_input", "truncated_output", "unparseable", "empty", "abstained"
]
#: Default error budget: how much more of a test's items may be cut, unparseable or
#: empty in the candidate than in the baseline (shares of the test's items).
DEFAULT_OUTCOME_MARGINS: dict[MarginedOutcome, float] = {
    "truncated_input": 0.02,
    "truncated_output": 0.02,
    "unparseable": 0.02,
    "empty": 0.02,
}

__all__ = [
    "CheckConfig",
    "GateConfig",
    "default_tolerance",
    "gate_config_from_mapping",
    "load_gate_config",
]


def default_tolerance(metric: str, *, slice_: bool) -> float:
    """τ by default: the metric's declared tolerance for a headline value, 0.02 for slices."""
    if slice_:
        return SLICE_TOLERANCE
    declared = metric_for(metric)
    return declared.tolerance if declared is not None else HEADLINE_TOLERANCE


class CheckConfig(Options):
    """One gated check: a test's metric, and optionally its slices."""

    test: str
    metric: str = "accuracy"
    # "all", or slice names: a tag field (every value of it) or "field=value".
    slices: Literal["all"] | list[str] = Field(default_factory=list)
    tolerance: float | None = Field(default=None, ge=0, le=1)
    slice_tolerance: float | None = Field(default=None, ge=0, le=1)
    floor: float | None = None
    ceiling: float | None = None
    # Overrides the test's own ``cluster_by`` for this check.
    cluster_by: str | None = None


class GateConfig(Options):
    """A validated gate configuration (see the module docstring for the YAML)."""

    alpha: float = Field(default=0.05, gt=0, lt=1)
    resamples: int = Field(default=DEFAULT_RESAMPLES, ge=100, le=1_000_000)
    seed: int = 0
    tolerances: dict[str, float] = Field(default_factory=dict)
    slice_tolerances: dict[str, float] = Field(default_factory=dict)
    # The largest share of a run's items that may be infrastructure errors (a served
    # model's server kept failing): by default none, since a comparison on fewer items
    # than the suite holds is not the comparison the suite asks for.
    max_infra_error_share: float = Field(default=0.0, ge=0, le=1)
    # The error budget per item outcome: the gate fails a test whose candidate has a
    # larger share of these outcomes than the baseline by more than the margin (a model
    # that stops answering in the expected form is not a model that got better).
    outcome_margins: dict[MarginedOutcome, float] = Field(
        default_factory=lambda: dict(DEFAULT_OUTCOME_MARGINS)
    )
    checks: list[CheckConfig] | None = None

    _sources: SourceMap = PrivateAttr(default_factory=lambda: SourceMap(None))
    _where: Location = PrivateAttr(default=())

    @model_validator(mode="after")
    def _tolerances_in_range(self) -> GateConfig:
        for outcome, margin in self.outcome_margins.items():
            if not 0 <= margin <= 1:
                raise ValueError(f"outcome_margins.{outcome} must be in [0, 1], got {margin}")
        for table in (self.tolerances, self.slice_tolerances):
            for metric, value in table.items():
                if not 0 <= value <= 1:
                    raise ValueError(f"tolerance for '{metric}' must be in [0, 1], got {value}")
        return self

    def tolerance(self, check: CheckConfig | None, metric: str, *, slice_: bool) -> float:
        """τ for ``metric``: the check's own, else the per-metric table, else the default."""
        own = None
        if check is not None:
            own = check.slice_tolerance if slice_ else check.tolerance
        if own is not None:
            return own
        table = self.slice_tolerances if slice_ else self.tolerances
        if metric in table:
            return table[metric]
        return default_tolerance(metric, slice_=slice_)

    def error(self, location: Location, message: str) -> Exception:
        """A ``SuiteError`` located at ``location`` within this config's source file."""
        return self._sources.error((*self._where, *location), message)

    @property
    def source(self) -> str:
        path = self._sources.path
        return str(path) if path else "defaults"


def gate_config_from_mapping(
    raw: Any, sources: SourceMap | None = None, where: Location = ()
) -> GateConfig:
    """Validate an already-parsed gate mapping (e.g. ``Suite.gate`` and ``Suite.sources``)."""
    sources = sources or SourceMap(None)
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise sources.error(where, "the gate must be a mapping (alpha, tolerances, checks, ...)")
    config = validate(GateConfig, dict(raw), where, sources)
    config._sources = sources
    config._where = where
    return config


def load_gate_config(path: str | Path) -> GateConfig | None:
    """Read a gate YAML file, or a suite file's ``gate:`` section (None if it has none)."""
    path = Path(path)
    raw, lines = load_yaml_with_lines(path)
    sources = SourceMap(path, lines)
    if isinstance(raw, Mapping) and "tests" in raw:
        # A suite file: its gate section, if any.
        if raw.get("gate") is None:
            return None
        return gate_config_from_mapping(raw["gate"], sources, ("gate",))
    if isinstance(raw, Mapping) and set(raw) == {"gate"}:
        return gate_config_from_mapping(raw["gate"], sources, ("gate",))
    return gate_config_from_mapping(raw, sources, ())
