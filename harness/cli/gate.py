"""Command-line wiring: ``harness compare`` and ``harness gate`` (argparse).

``harness/cli/__init__.py`` calls ``add_compare_parser`` and ``add_gate_parser``; each sets
``func`` to a function of the parsed arguments that returns the exit code (0 pass,
1 gate failed, 2 error or refused comparison via ``HarnessError.exit_code``).
``python -m harness.cli.gate compare|gate ...`` runs them standalone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness.cli.command import bounded_int, run_parsed

EXIT_PASS, EXIT_FAIL = 0, 1

__all__ = [
    "add_compare_parser",
    "add_gate_parser",
    "command_compare",
    "command_gate",
    "gate_after_run",
    "main",
]


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def command_compare(args: argparse.Namespace) -> int:
    """Print per-test and per-slice differences; write compare.html (and JSON) if asked."""
    from harness.files.jsonio import dumps_json, write_atomic
    from harness.gate.compare import compare_dirs
    from harness.report import render_compare_html

    comparison = compare_dirs(
        args.base_run,
        args.cand_run,
        allow_subset=args.allow_subset,
        resamples=args.resamples,
        seed=args.seed,
        allow_manifest_diff=args.allow_manifest_diff,
    )
    print(
        f"compare: candidate {comparison.candidate.model_name} vs baseline "
        f"{comparison.base.model_name}, suite {comparison.base.suite.get('name')} "
        "(Δ = candidate − baseline, oriented so negative is worse)"
    )
    for note in comparison.notes:
        print(f"note: {note}")
    summary = comparison.summary()
    for test in summary["tests"]:
        flips = test["flips"]
        print(
            f"{test['test']}: n={test['n']}, {flips['broken']} broken (✓→✗), "
            f"{flips['fixed']} fixed (✗→✓)"
        )
        for row in test["metrics"] + test["slices"]:
            where = f"{row['metric']}" + (f"[{row['slice']}]" if row["slice"] else "")
            mcnemar = row["mcnemar"]
            extra = f" McNemar p={mcnemar['p_two_sided']:.4f}" if mcnemar else ""
            print(
                f"  {where}: {row['base']:.3f} → {row['candidate']:.3f} Δ={row['delta']:+.3f} "
                f"[{row['ci_low']:+.3f}, {row['ci_high']:+.3f}] n={row['n']} "
                f"d={row['discordant']:.3f} MDE={row['mde']:.3f}{extra}"
            )
    html = _path(args.html)
    if html is None and not args.no_html:
        html = Path(args.cand_run) / "compare.html"
    if html is not None:
        write_atomic(html, render_compare_html(comparison))
        print(f"report: {html}")
    if args.json:
        write_atomic(Path(args.json), dumps_json(summary, indent=2) + "\n")
    return EXIT_PASS


def _run_gate(
    base_dir: Path,
    cand_dir: Path,
    *,
    config_path: Path | None,
    strict: bool,
    allow_subset: bool,
    allow_manifest_diff: Sequence[str] = (),
    junit: Path | None,
    markdown: Path | None,
    json_path: Path | None,
    html: Path | None,
) -> int:
    from harness.gate.runs import config_for_runs, gate_runs

    config = config_for_runs(cand_dir, config_path)
    verdict = gate_runs(
        base_dir,
        cand_dir,
        config,
        strict,
        allow_subset=allow_subset,
        allow_manifest_diff=allow_manifest_diff,
        junit=junit,
        markdown=markdown,
        json_path=json_path,
    )
    if html is not None:
        write_compare_html(html, verdict)
    print(verdict.summary())
    if html is not None:
        print(f"report: {html}")
    return verdict.exit_code


def write_compare_html(path: Path, verdict: Any) -> None:
    """compare.html for a gate's verdict (``harness.report.render_compare_html``)."""
    from harness.files.jsonio import write_atomic
    from harness.report import render_compare_html

    write_atomic(path, render_compare_html(verdict.comparison, verdict))


def command_gate(args: argparse.Namespace) -> int:
    """Gate the candidate against the baseline; exit 0 pass/warn, 1 fail (warn with --strict)."""
    html = _path(args.html)
    if html is None and not args.no_html:
        html = Path(args.cand_run) / "compare.html"
    return _run_gate(
        Path(args.base_run),
        Path(args.cand_run),
        config_path=_path(args.config),
        strict=args.strict,
        allow_subset=args.allow_subset,
        allow_manifest_diff=args.allow_manifest_diff,
        junit=_path(args.junit),
        markdown=_path(args.markdown),
        json_path=_path(args.json),
        html=html,
    )


def gate_after_run(base_dir: Path, run_dir: Path, args: Any) -> int:
    """For ``harness run SUITE --baseline RUN_DIR``: gate the fresh run, write compare.html.

    Reads ``gate_config``, ``strict``, ``junit``, ``markdown``, ``json`` and
    ``allow_subset`` from ``args`` when present.
    """
    return _run_gate(
        Path(base_dir),
        Path(run_dir),
        config_path=_path(getattr(args, "gate_config", None)),
        strict=bool(getattr(args, "strict", False)),
        allow_subset=bool(getattr(args, "allow_subset", False)),
        allow_manifest_diff=tuple(getattr(args, "allow_manifest_diff", None) or ()),
        junit=_path(getattr(args, "junit", None)),
        markdown=_path(getattr(args, "markdown", None)),
        json_path=_path(getattr(args, "json", None)),
        html=Path(run_dir) / "compare.html",
    )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base_run", metavar="BASE_RUN", help="the baseline's run directory")
    parser.add_argument("cand_run", metavar="CAND_RUN", help="the candidate's run directory")
    parser.add_argument(
        "--allow-subset",
        action="store_true",
        help="compare only the tests and items both runs have (even across suite versions)",
    )
    parser.add_argument(
        "--allow-manifest-diff",
        metavar="FIELD",
        action="append",
        default=[],
        help="compare although the runs' manifests differ in FIELD (data, prompt, "
        "chat_format, decoding or seed; repeatable); other differences are only stated",
    )
    parser.add_argument(
        "--html", metavar="FILE", help="comparison report (default CAND_RUN/compare.html)"
    )
    parser.add_argument("--no-html", action="store_true", help="do not write compare.html")
    parser.add_argument("--json", metavar="FILE", help="write the result as JSON")


def add_compare_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "compare",
        help="paired differences between two runs of one suite, with flipped items",
        description="Candidate-minus-baseline differences per test, metric and slice with "
        "95% paired bootstrap CIs, McNemar tests and flipped items; writes compare.html.",
    )
    _common(parser)
    parser.add_argument(
        "--resamples", type=bounded_int(100, 1_000_000), default=10_000, help="bootstrap resamples"
    )
    parser.add_argument("--seed", type=bounded_int(0, 2**32 - 1), default=0, help="bootstrap seed")
    parser.set_defaults(func=command_compare)
    return parser


def add_gate_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "gate",
        help="fail when a candidate run is significantly worse than its baseline",
        description="Paired regression gate (exit 0 pass, 1 fail, 2 error or refused "
        "comparison). The gate is the suite's gate: section (from CAND_RUN/suite.yaml) "
        "or --config; without one, every test's accuracy and slices are gated.",
    )
    _common(parser)
    parser.add_argument("--config", metavar="GATE_YAML", help="gate definition file")
    parser.add_argument("--junit", metavar="FILE", help="write JUnit XML")
    parser.add_argument("--markdown", metavar="FILE", help="write a Markdown summary")
    parser.add_argument("--strict", action="store_true", help="warnings fail the gate")
    parser.set_defaults(func=command_gate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m harness.cli.gate {compare,gate} ...`` (same as ``harness compare|gate``)."""
    parser = argparse.ArgumentParser(prog="harness")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    add_compare_parser(commands)
    add_gate_parser(commands)
    return run_parsed(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
