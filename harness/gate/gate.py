"""The regression gate: is the candidate significantly worse than its baseline?

For every gated (test, metric, slice) comparison, with Δ oriented so higher = better
(eval-methods §2.7):

* H0: Δ ≥ −τ against H1: Δ < −τ. p from the paired bootstrap by CI inversion; for a
  binary metric at τ = 0, McNemar's exact test;
* Holm across *all* gated comparisons at family-wise level α;
* **FAIL** — Holm-significant, or an absolute floor/ceiling on the candidate broken,
  or more of either run's items are infrastructure errors than
  ``max_infra_error_share`` allows (default 0: any);
  **WARN** — Δ̂ < −τ but not significant, or underpowered (MDE at the observed d > τ);
  **INCONCLUSIVE** — a run measured its noise floor (``harness run --repeats K``) and
  the MDE with the A/A variance added exceeds τ (the reason gives the items needed), or
  a significant Δ lies inside the A/A band (±1.96·√(v/n)): run-to-run noise cannot be
  told from a change (eval-methods §6.4);
  **PASS** — otherwise. The verdict is the worst outcome; exit 1 on FAIL (and on WARN
  or INCONCLUSIVE with ``strict``), else 0. A deterministic model measures no noise
  and its verdicts are as without it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats as scipy_stats

from harness.files.jsonio import fields_json
from harness.gate.compare import Comparison
from harness.gate.config import CheckConfig, GateConfig, gate_config_from_mapping
from harness.gate.noise import aa_variance
from harness.metrics.difference import MetricDifference, metric_for
from harness.metrics.intervals import holm, holm_adjusted
from harness.metrics.noise import items_needed, noise_mde

PASS, WARN, INCONCLUSIVE, FAIL = "PASS", "WARN", "INCONCLUSIVE", "FAIL"
_RANK = {PASS: 0, WARN: 1, INCONCLUSIVE: 2, FAIL: 3}

__all__ = ["CheckResult", "GateVerdict", "evaluate_gate", "FAIL", "INCONCLUSIVE", "PASS", "WARN"]


@dataclass(frozen=True)
class PlannedCheck:
    test: str
    metric: str
    slice: str | None
    tolerance: float
    floor: float | None
    ceiling: float | None
    cluster_by: str | None


@dataclass(frozen=True)
class CheckResult:
    """One gated comparison and its outcome."""

    test: str
    metric: str
    slice: str | None
    outcome: str
    reasons: tuple[str, ...]
    tolerance: float
    alpha: float
    difference: MetricDifference
    p_value: float
    p_adjusted: float
    method: str
    floor: float | None = None
    ceiling: float | None = None
    #: From the runs' measured noise floors (None: not measured): the A/A variance per
    #: item, the MDE with it added, and the items that MDE needs to reach τ.
    aa_variance: float | None = None
    noise_mde: float | None = None
    items_needed: int | None = None

    @property
    def name(self) -> str:
        base = f"{self.test}/{self.metric}"
        return f"{base}[{self.slice}]" if self.slice else base

    @property
    def mde(self) -> float:
        return self.difference.mde(self.alpha)

    def line(self) -> str:
        """``FAIL nli/accuracy: Δ=-0.052 [-0.071, -0.033] n=2000 d=0.150 MDE=0.022 ...``."""
        d = self.difference
        text = (
            f"{self.outcome} {self.name}: Δ={_signed(d.delta)} [{_signed(d.ci_low)}, "
            f"{_signed(d.ci_high)}] n={d.n} d={d.discordant:.3f} MDE={self.mde:.3f} "
            f"τ={self.tolerance:.3f} p={_p(self.p_value)} holm-p={_p(self.p_adjusted)} "
            f"({d.base_value:.3f} → {d.candidate_value:.3f})"
        )
        if self.reasons:
            text += " — " + "; ".join(self.reasons)
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            **fields_json(self, exclude={"alpha", "difference"}),
            "reasons": list(self.reasons),
            **{
                k: v
                for k, v in self.difference.to_json(self.alpha).items()
                if k not in {"test", "metric", "slice"}
            },
        }


def _signed(value: float) -> str:
    return "nan" if value is None or math.isnan(value) else f"{value:+.3f}"


def _p(value: float) -> str:
    return f"{value:.2g}" if value < 0.001 else f"{value:.4f}"


@dataclass(frozen=True)
class GateVerdict:
    """The gate's overall outcome, its checks, and the comparison behind them."""

    outcome: str
    checks: tuple[CheckResult, ...]
    comparison: Comparison = field(repr=False)
    config: GateConfig = field(repr=False)
    strict: bool = False
    #: One line per run with more infrastructure errors than the config allows.
    infra_failures: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        """0 pass (warnings allowed unless strict), 1 fail."""
        if self.outcome == FAIL or (self.strict and self.outcome in (WARN, INCONCLUSIVE)):
            return 1
        return 0

    @property
    def notes(self) -> list[str]:
        return list(self.comparison.notes)

    def counts(self) -> dict[str, int]:
        return {
            o: sum(c.outcome == o for c in self.checks) for o in (FAIL, INCONCLUSIVE, WARN, PASS)
        }

    def headline(self) -> str:
        counts = self.counts()
        base, cand = self.comparison.base, self.comparison.candidate
        strict = (
            " (strict: warnings fail)"
            if self.strict and self.outcome in (WARN, INCONCLUSIVE)
            else ""
        )
        inconclusive = f"{counts[INCONCLUSIVE]} inconclusive, " if counts[INCONCLUSIVE] else ""
        return (
            f"gate {self.outcome}{strict}: {counts[FAIL]} fail, {inconclusive}"
            f"{counts[WARN]} warn, {counts[PASS]} pass — candidate {cand.model_name} vs baseline "
            f"{base.model_name}, suite {base.suite.get('name')} "
            f"(α={self.config.alpha}, Holm over {len(self.checks)} comparisons)"
        )

    def summary(self) -> str:
        """Printable: verdict first, then notes, then one line per check (worst first)."""
        lines = [self.headline()]
        lines += [f"FAIL {line}" for line in self.infra_failures]
        # What changed leads: findings that appeared or went away, then the checks.
        lines += [f"{c['change']}: {c['text']}" for c in self.comparison.finding_changes()]
        lines += [f"note: {note}" for note in self.notes]
        ordered = sorted(self.checks, key=lambda c: -_RANK[c.outcome])
        lines += [check.line() for check in ordered]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "exit_code": self.exit_code,
            "strict": self.strict,
            "alpha": self.config.alpha,
            "resamples": self.config.resamples,
            "config": self.config.source,
            "counts": self.counts(),
            "infra_failures": list(self.infra_failures),
            "notes": self.notes,
            "checks": [check.to_json() for check in self.checks],
            "comparison": self.comparison.summary(self.config.alpha),
        }


def _default_checks(comparison: Comparison) -> list[CheckConfig]:
    """Accuracy per test and slice; for prompt variants, each item's accuracy averaged
    over the variants (``variant_accuracy``): averaging before pairing lowers the
    variance, and the first variant alone would gate one prompt's luck."""
    checks = []
    for name in comparison.tests:
        available = comparison.metrics(name)
        for metric in ("variant_accuracy", "accuracy"):
            if metric in available:
                checks.append(CheckConfig(test=name, metric=metric, slices="all"))
                break
    return checks


def _plan(comparison: Comparison, config: GateConfig) -> list[PlannedCheck]:
    explicit = config.checks is not None
    checks = config.checks if config.checks is not None else _default_checks(comparison)
    planned = []
    for index, check in enumerate(checks):
        where = ("checks", index)
        if check.test not in comparison.tests:
            raise config.error(
                (*where, "test"),
                f"no test '{check.test}' in both runs; tests: {', '.join(comparison.tests)}",
            )
        available = comparison.metrics(check.test)
        declared = metric_for(check.metric)
        if declared is None or declared.name not in available:
            raise config.error(
                (*where, "metric"),
                f"metric '{check.metric}' is not computable per item for test "
                f"'{check.test}'; available: {', '.join(available) or 'none'}",
            )
        pairing = comparison.test(check.test)
        planned.append(
            PlannedCheck(
                check.test,
                check.metric,
                None,
                config.tolerance(check if explicit else None, check.metric, slice_=False),
                check.floor,
                check.ceiling,
                check.cluster_by,
            )
        )
        every = pairing.slice_values()
        if check.slices == "all":
            names = every
        else:
            names = []
            for position, wanted in enumerate(check.slices):
                matches = [s for s in every if s == wanted or s.partition("=")[0] == wanted]
                if not matches:
                    raise config.error(
                        (*where, "slices", position),
                        f"test '{check.test}' has no slice '{wanted}'; slices: "
                        f"{', '.join(every) or 'none'}",
                    )
                names += [m for m in matches if m not in names]
        tolerance = config.tolerance(check if explicit else None, check.metric, slice_=True)
        planned += [
            PlannedCheck(check.test, check.metric, name, tolerance, None, None, check.cluster_by)
            for name in names
        ]
    return planned


def evaluate_gate(
    comparison: Comparison, config: GateConfig | None = None, *, strict: bool = False
) -> GateVerdict:
    """Decide every gated check with Holm across all of them (see the module docstring)."""
    config = config or gate_config_from_mapping({})
    planned = _plan(comparison, config)
    rows = []
    for check in planned:
        difference = comparison.difference(
            check.test, check.metric, check.slice, cluster_by=check.cluster_by
        )
        if difference is not None:
            rows.append((check, difference))
    p_values = [d.p_value(c.tolerance) for c, d in rows]
    rejected = holm(p_values, config.alpha) if rows else np.zeros(0, dtype=bool)
    adjusted = holm_adjusted(p_values) if rows else np.zeros(0)
    results = []
    for (check, difference), p, reject, p_adj in zip(
        rows, p_values, rejected, adjusted, strict=True
    ):
        reasons, outcome = [], PASS
        if reject:
            outcome = FAIL
            reasons.append(f"significant regression beyond τ={check.tolerance:g} (Holm)")
        value = difference.candidate_value
        if check.floor is not None and value < check.floor:
            outcome = FAIL
            reasons.append(
                f"candidate {check.metric} {value:.3f} is below the floor {check.floor:g}"
            )
        if check.ceiling is not None and value > check.ceiling:
            outcome = FAIL
            reasons.append(
                f"candidate {check.metric} {value:.3f} is above the ceiling {check.ceiling:g}"
            )
        if outcome == PASS:
            if difference.delta < -check.tolerance:
                outcome = WARN
                reasons.append(f"Δ beyond τ={check.tolerance:g} but not significant")
            if difference.mde(config.alpha) > check.tolerance:
                outcome = WARN
                reasons.append(
                    f"underpowered: MDE {difference.mde(config.alpha):.3f} > τ={check.tolerance:g}"
                )
        variance = aa_variance(comparison, check.test, check.slice)
        noise: dict[str, Any] = {}
        if variance:
            outcome, noise = _against_noise(
                outcome, reasons, difference, variance, check, config.alpha, significant=reject
            )
        results.append(
            CheckResult(
                test=check.test,
                metric=check.metric,
                slice=check.slice,
                outcome=outcome,
                reasons=tuple(reasons),
                tolerance=check.tolerance,
                alpha=config.alpha,
                difference=difference,
                p_value=float(p),
                p_adjusted=float(p_adj),
                method=difference.test_name(check.tolerance),
                floor=check.floor,
                ceiling=check.ceiling,
                aa_variance=variance,
                **noise,
            )
        )
    outcome = max((r.outcome for r in results), key=_RANK.__getitem__, default=PASS)
    infra_failures = _infra_failures(comparison, config.max_infra_error_share)
    infra_failures += outcome_budget_failures(comparison, config.outcome_margins)
    if infra_failures:
        outcome = FAIL
    return GateVerdict(outcome, tuple(results), comparison, config, strict, infra_failures)


def _against_noise(
    outcome: str,
    reasons: list[str],
    difference: MetricDifference,
    variance: float,
    check: PlannedCheck,
    alpha: float,
    *,
    significant: bool,
) -> tuple[str, dict[str, Any]]:
    """The outcome once the runs' A/A variance is counted (eval-methods §6.4); ``reasons``
    is extended in place. Returns the outcome and the CheckResult's noise fields."""
    n, tolerance = difference.n, check.tolerance
    total = noise_mde(difference.mde(alpha), variance, n, alpha)
    needed = items_needed(difference.mde(alpha), variance, n, tolerance, alpha)
    band = float(scipy_stats.norm.ppf(0.975)) * math.sqrt(variance / n) if n else math.inf
    fields = {"noise_mde": total, "items_needed": needed}
    floors_hold = not any(r.startswith("candidate ") for r in reasons)
    if outcome == FAIL and significant and floors_hold and abs(difference.delta) <= band:
        reasons[:] = [
            f"Δ is inside the A/A noise band ±{band:.3f} of this model's own repeats: "
            "run-to-run noise, not evidence of change"
        ]
        return INCONCLUSIVE, fields
    if outcome != FAIL and total > tolerance:
        reasons[:] = [r for r in reasons if not r.startswith("underpowered")]
        wanted = f"; about {needed} items would resolve τ" if needed else ""
        reasons.append(
            f"noise floor: MDE with the A/A variance {total:.3f} > τ={tolerance:g}{wanted}"
        )
        return INCONCLUSIVE, fields
    return outcome, fields


def _infra_failures(comparison: Comparison, allowed: float) -> tuple[str, ...]:
    """A line for each run whose share of infrastructure errors exceeds ``allowed``."""
    lines = []
    for side, run in (("baseline", comparison.base), ("candidate", comparison.candidate)):
        failed, total = run.infra_error_share()
        if total and failed / total > allowed:
            lines.append(
                f"{side} {run.model_name}: {failed} of {total} items are infrastructure "
                f"errors ({failed / total:.1%}), more than max_infra_error_share={allowed:g}; "
                f"re-run it once the model's server answers"
            )
    return tuple(lines)


def outcome_budget_failures(
    comparison: Comparison, margins: Mapping[Any, float]
) -> tuple[str, ...]:
    """A line for each shared test and outcome whose candidate share exceeds the
    baseline's by more than its margin (runs written before outcomes: none)."""
    lines = []
    for name in comparison.tests:
        base = comparison.base.tests[name].summary.get("outcomes") or {}
        candidate = comparison.candidate.tests[name].summary.get("outcomes") or {}
        base_n, candidate_n = sum(base.values()), sum(candidate.values())
        if not base_n or not candidate_n:
            continue
        for outcome, margin in margins.items():
            was = base.get(outcome, 0) / base_n
            now = candidate.get(outcome, 0) / candidate_n
            if now - was > margin + 1e-12:
                lines.append(
                    f"test {name}: the candidate's {outcome} share is {now:.3f} "
                    f"({candidate.get(outcome, 0)} of {candidate_n} items), the baseline's "
                    f"{was:.3f}: more than outcome_margins.{outcome}={margin:g} above it"
                )
    return tuple(lines)
