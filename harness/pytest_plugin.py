"""pytest plugin: a model regression gate as pytest tests.

    pytest --harness-suite suites/nli_robustness.yaml --harness-baseline runs/base \
           [--harness-candidate runs/cand | --harness-model hf-classifier:./ckpt] \
           [--harness-gate-config gate.yaml] [--harness-strict] [--harness-out DIR] \
           [--harness-allow-code]

collects one test item per gated check (``harness-gate::<test>/<metric>[<slice>]``).
Without ``--harness-candidate`` the suite is run once per session (with
``--harness-model``, else the suite's own model; a suite that names Python code, a
``python:`` model, runs it only with ``--harness-allow-code``, as ``harness run
--allow-code``). Outcomes:

* FAIL → the item fails with the check's line (Δ, CI, n, d, MDE, τ, p);
* WARN → the item **passes**; the line is added to the report section
  "harness gate", to ``user_properties`` (so ``--junitxml`` records it) and to a
  "harness gate warnings" block in the terminal summary. Not a Python warning,
  because projects that run pytest with ``-W error`` would turn it into a failure.
  ``--harness-strict`` makes WARN fail;
* PASS → the item passes.

A comparison that cannot be made (different suites, missing run directory, bad gate
config) is one failing item ``harness-gate::error`` with the one-line reason.

The fixture ``harness_run(suite, model=None, **options)`` runs a suite from a test
and returns the loaded run (``harness.gate.RunRecord``: ``.results``, ``.tests``);
``allow_code=True`` lets the suite name Python code, as ``--allow-code``.

With none of its options given the plugin does nothing; it imports only pytest and
the standard library until it is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

_STASH_KEY = "_harness_gate_plugin"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("harness", "harness model regression gate")
    group.addoption("--harness-suite", metavar="SUITE", help="suite YAML to gate on")
    group.addoption("--harness-baseline", metavar="RUN_DIR", help="the baseline's run directory")
    group.addoption("--harness-candidate", metavar="RUN_DIR", help="the candidate's run directory")
    group.addoption(
        "--harness-model", metavar="SPEC", help="run the suite with this model as the candidate"
    )
    group.addoption(
        "--harness-gate-config", metavar="GATE_YAML", help="gate definition (default: suite's)"
    )
    group.addoption("--harness-strict", action="store_true", help="gate warnings fail")
    group.addoption("--harness-out", metavar="DIR", help="where candidate runs are written")
    group.addoption("--harness-allow-subset", action="store_true", help="compare only shared items")
    group.addoption(
        "--harness-allow-code",
        action="store_true",
        help="let the suite name Python code to import (a python: model), as --allow-code",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("harness_baseline", None) is None:
        if config.getoption("harness_candidate", None) or config.getoption("harness_model", None):
            raise pytest.UsageError("--harness-candidate/--harness-model need --harness-baseline")
        return
    if not (config.getoption("harness_suite") or config.getoption("harness_candidate")):
        raise pytest.UsageError(
            "--harness-baseline needs --harness-suite (to run the candidate) "
            "or --harness-candidate (an existing run directory)"
        )
    config.pluginmanager.register(_GateSession(config), _STASH_KEY)


class GateCheckItem(pytest.Item):
    """One gated check of the harness regression gate."""

    def __init__(self, *, outcome: str, line: str, strict: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outcome = outcome
        self.line = line
        self.strict = strict
        self.user_properties.append(("harness_gate_outcome", outcome))

    def runtest(self) -> None:
        self.add_report_section("call", "harness gate", self.line)
        if (
            self.outcome == "FAIL"
            or self.outcome == "ERROR"
            or (self.strict and self.outcome == "WARN")
        ):
            raise GateCheckFailed(self.line)

    def repr_failure(self, excinfo: Any, style: Any = None) -> Any:
        if isinstance(excinfo.value, GateCheckFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, None, str]:
        return self.path, None, f"harness gate: {self.name}"


class GateCheckFailed(AssertionError):
    """A gated check failed (or warned under --harness-strict)."""


class _GateSession:
    """Runs the candidate (if needed), gates it once, and turns checks into items."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.warnings: list[str] = []

    def _verdict(self) -> Any:
        from harness.cli.gate import write_compare_html
        from harness.gate.config import load_gate_config
        from harness.gate.runs import config_for_runs, gate_runs

        option = self.config.getoption
        suite = option("harness_suite")
        candidate = option("harness_candidate")
        if candidate is None:
            from harness.runner import run_suite

            overrides: dict[str, Any] = {}
            if option("harness_model"):
                overrides["model"] = option("harness_model")
            if option("harness_out"):
                overrides["out_dir"] = Path(option("harness_out"))
            overrides["allow_code"] = bool(option("harness_allow_code"))
            candidate = run_suite(Path(suite), **overrides)
        candidate = Path(candidate)
        if option("harness_gate_config"):
            gate_config = load_gate_config(Path(option("harness_gate_config")))
        elif suite:
            gate_config = load_gate_config(Path(suite))
        else:
            gate_config = config_for_runs(candidate, None)
        verdict = gate_runs(
            Path(option("harness_baseline")),
            candidate,
            gate_config,
            bool(option("harness_strict")),
            allow_subset=bool(option("harness_allow_subset")),
        )
        write_compare_html(candidate / "compare.html", verdict)
        return verdict

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        from harness.errors import HarnessError

        strict = bool(config.getoption("harness_strict"))
        try:
            verdict = self._verdict()
        except HarnessError as error:
            items.append(
                GateCheckItem.from_parent(
                    session,
                    name="harness-gate::error",
                    outcome="ERROR",
                    line=str(error),
                    strict=strict,
                )
            )
            return
        for check in verdict.checks:
            items.append(
                GateCheckItem.from_parent(
                    session,
                    name=f"harness-gate::{check.name}",
                    outcome=check.outcome,
                    line=check.line(),
                    strict=strict,
                )
            )
            if check.outcome == "WARN":
                self.warnings.append(check.line())
        self.headline = verdict.headline()

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        headline = getattr(self, "headline", None)
        if headline is None:
            return
        terminalreporter.section("harness gate")
        terminalreporter.write_line(headline)
        for line in self.warnings:
            terminalreporter.write_line(line)


@pytest.fixture
def harness_run(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Run a suite from a test: ``run = harness_run("suite.yaml", model="reference")``.

    Returns the loaded run (``harness.gate.RunRecord``); ``run.path`` is its directory.
    """

    def run(suite: str | Path, *, model: str | None = None, **options: Any) -> Any:
        from harness.gate.rundir import load_run_dir
        from harness.runner import run_suite

        options.setdefault("out_dir", tmp_path_factory.mktemp("harness-run"))
        if model is not None:
            options["model"] = model
        return load_run_dir(run_suite(Path(suite), **options))

    return run
