"""The ``harness`` command: run, report, validate, list, compare, gate.

Exit codes: 0 success (gate passed), 1 gate failed, 2 bad input or refused
comparison (one line on stderr; ``--debug`` for the traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from harness import __version__
from harness.errors import HarnessError

EXIT_OK, EXIT_GATE_FAILED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parse_model_options(pairs: Sequence[str]) -> dict[str, Any]:
    """``key=value`` pairs; dotted keys nest (``label_map.LABEL_0=entailment``)."""
    options: dict[str, Any] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key:
            raise HarnessError(f"--model-option '{pair}' must look like key=value")
        target = options
        *parents, leaf = key.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = yaml.safe_load(value) if value else ""
    return options


def command_run(args: argparse.Namespace) -> int:
    from harness.runner import RunOptions, run_suite

    options = RunOptions(
        model=args.model,
        model_options=_parse_model_options(args.model_option),
        out_dir=Path(args.out) if args.out else None,
        cache_dir=Path(args.cache_dir) if args.cache_dir else None,
        use_cache=not args.no_cache,
        allow_pickle=args.allow_pickle,
        trust_remote_code=args.trust_remote_code,
        progress=not args.quiet,
        limit=args.limit,
    )
    run_dir = run_suite(args.suite, options)
    print(f"results: {run_dir / 'results.json'}")
    print(f"report:  {run_dir / 'report.html'}")
    if args.baseline:
        from harness.gate.cli import gate_after_run

        return int(gate_after_run(Path(args.baseline), run_dir, args))
    return EXIT_OK


def command_report(args: argparse.Namespace) -> int:
    from harness.report import render_report

    if len(args.run_dir) > 1:
        from harness.report import render_comparison

        out = Path(args.out) if args.out else Path("comparison.html")
        path = render_comparison([Path(d) for d in args.run_dir], out)
        print(f"comparison: {path}")
        return EXIT_OK
    path = render_report(Path(args.run_dir[0]), Path(args.out) if args.out else None)
    print(f"report: {path}")
    return EXIT_OK


def command_validate(args: argparse.Namespace) -> int:
    from harness.runner import make_loader
    from harness.suite import load_suite

    suite = load_suite(args.suite)
    print(
        f"suite {suite.name} ({suite.task}, labels: {', '.join(suite.labels)}, seed {suite.seed}, hash {suite.hash})"
    )
    print(f"model: {suite.model}")
    load = make_loader(suite, None)
    for plan in suite.tests:
        examples = load(plan.data) if not args.no_data else []
        counts: dict[str, int] = {}
        for example in examples:
            counts[str(example.target)] = counts.get(str(example.target), 0) + 1
        detail = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
        size = f"{len(examples)} examples" if not args.no_data else "data not loaded"
        print(f"  test {plan.spec.name} [{plan.kind}]: {size}" + (f" ({detail})" if detail else ""))
    for name, _ in suite.analyses:
        print(f"  analysis {name}")
    return EXIT_OK


def command_list(args: argparse.Namespace) -> int:
    from harness.data.sources import builtin_dataset_names
    from harness.registry import ALL_REGISTRIES

    for title, registry in ALL_REGISTRIES.items():
        if args.kind and args.kind not in title:
            continue
        print(f"{title}:")
        for name in registry.names():
            description = registry.describe(name)
            print(f"  {name:<22} {description}".rstrip())
    if not args.kind or "data" in args.kind:
        print("built-in datasets:")
        for name in builtin_dataset_names():
            print(f"  {name}")
    if not args.kind or "prompts" in args.kind:
        from harness.prompting.templates import load_template, template_names

        print("prompts:")
        for name in template_names():
            template = load_template(name)
            words = (
                "; ".join(
                    f"{label}: {'/'.join(repr(w) for w in words_)}"
                    for label, words_ in template.verbalizers.items()
                )
                or f"choices: {template.choices}"
            )
            print(f"  {name:<30} {words}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="harness",
        description="Find where an NLP model's reasoning breaks: run YAML suites, write HTML reports, gate regressions.",
    )
    parser.add_argument("--version", action="version", version=f"harness {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run", help="run a suite and write results.json, items.jsonl and report.html"
    )
    run.add_argument("suite", help="the suite YAML file")
    run.add_argument(
        "--model", help="model spec overriding the suite's, e.g. hf-classifier:PATH_OR_HUB_ID"
    )
    run.add_argument(
        "--model-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="adapter option (repeatable): batch_size=16, max_length=256, label_map.LABEL_0=entailment",
    )
    run.add_argument("--out", help="run directory (default runs/<suite>/<timestamp>)")
    run.add_argument(
        "--cache-dir", help="cache directory (default $HARNESS_CACHE_DIR or ~/.cache/harness)"
    )
    run.add_argument(
        "--no-cache", action="store_true", help="do not read or write the prediction cache"
    )
    run.add_argument("--limit", type=int, help="at most N examples per test (a quick look)")
    run.add_argument(
        "--allow-pickle", action="store_true", help="allow loading pickled (joblib) models"
    )
    run.add_argument(
        "--trust-remote-code", action="store_true", help="allow model code from the checkpoint"
    )
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.add_argument("--baseline", metavar="RUN_DIR", help="gate this run against a baseline run")
    run.add_argument(
        "--gate-config", metavar="GATE_YAML", help="gate definition (default: the suite's gate:)"
    )
    run.add_argument(
        "--strict", action="store_true", help="with --baseline: warnings fail the gate"
    )
    run.add_argument(
        "--allow-subset",
        action="store_true",
        help="with --baseline: compare only the items both runs share",
    )
    run.add_argument("--junit", metavar="FILE", help="with --baseline: write JUnit XML")
    run.add_argument("--markdown", metavar="FILE", help="with --baseline: write a Markdown summary")
    run.add_argument(
        "--json", metavar="FILE", help="with --baseline: write the gate verdict as JSON"
    )
    run.set_defaults(func=command_run)

    report = commands.add_parser(
        "report",
        help="re-render report.html of a run directory; several runs: one comparison page",
    )
    report.add_argument("run_dir", nargs="+")
    report.add_argument(
        "--out",
        help="where to write the HTML (default RUN_DIR/report.html; several runs: comparison.html)",
    )
    report.set_defaults(func=command_report)

    validate = commands.add_parser(
        "validate", help="load a suite and its data, print counts, change nothing"
    )
    validate.add_argument("suite")
    validate.add_argument(
        "--no-data", action="store_true", help="check the YAML only, do not load data"
    )
    validate.set_defaults(func=command_validate)

    listing = commands.add_parser(
        "list", help="registered data sources, generators, transforms, models, metrics"
    )
    listing.add_argument("kind", nargs="?", help="only registries whose name contains this word")
    listing.set_defaults(func=command_list)

    try:
        from harness.gate.cli import add_compare_parser, add_gate_parser
    except ImportError:
        pass
    else:
        add_compare_parser(commands)
        add_gate_parser(commands)
    return parser


def run_parsed(args: argparse.Namespace) -> int:
    """Run a parsed subcommand: a ``HarnessError`` becomes one stderr line and its exit code.

    Shared with ``python -m harness.gate.cli`` so both entry points report errors alike.
    """
    try:
        return int(args.func(args))
    except HarnessError as error:
        if args.debug:
            raise
        print(f"harness: error: {error}", file=sys.stderr)
        return error.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return run_parsed(args)
    except KeyboardInterrupt:
        print(
            "harness: interrupted; finished predictions are cached and a re-run resumes",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
