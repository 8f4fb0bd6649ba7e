"""``harness explain RUN_DIR``: the subcommand's arguments and what it prints."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from harness.cli.command import EXIT_OK, bounded_int
from harness.explain import DEFAULT_PER_TEST


def command_explain(args: argparse.Namespace, model_options: dict[str, Any]) -> int:
    """Run the subcommand; ``model_options`` are ``--model-option`` as the CLI parses them."""
    from harness.cli.explain_run import explain_run_directory
    from harness.runner import progress_factory

    run_dir = Path(args.run_dir)
    explained = explain_run_directory(
        run_dir,
        tests=args.test,
        n=args.n,
        model_options=model_options,
        cache_dir=Path(args.cache_dir) if args.cache_dir else None,
        progress=progress_factory(not args.quiet),
        allow_pickle=args.allow_pickle,
        trust_remote_code=args.trust_remote_code,
        allow_code=args.allow_code,
    )
    for name, count in explained.items():
        print(f"  {name}: {count} failures explained")
    print(f"results: {run_dir / 'results.json'}")
    print(f"report:  {run_dir / 'report.html'}")
    return EXIT_OK


def add_explain_parser(commands: Any, run: Any) -> None:
    """``harness explain``'s arguments; ``run(args)`` is what the CLI calls."""
    explain = commands.add_parser(
        "explain", help="add word attributions to a run's failures and re-render its report"
    )
    explain.add_argument("run_dir", metavar="RUN_DIR")
    explain.add_argument(
        "--test", action="append", default=[], metavar="TEST", help="only this test (repeatable)"
    )
    explain.add_argument(
        "--n",
        type=bounded_int(0, 100_000),
        metavar="N",
        help=f"the first N failures per test and each finding's evidence (default "
        f"{DEFAULT_PER_TEST}); failures explained before stay explained",
    )
    explain.add_argument(
        "--model-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an adapter option the run was made with (repeatable)",
    )
    explain.add_argument(
        "--cache-dir", help="cache directory (default $HARNESS_CACHE_DIR or ~/.cache/harness)"
    )
    explain.add_argument("--allow-pickle", action="store_true", help="allow pickled models")
    explain.add_argument("--trust-remote-code", action="store_true", help="allow model code")
    explain.add_argument(
        "--allow-code",
        action="store_true",
        help="let the run's python: model be imported (the run directory names it)",
    )
    explain.add_argument("--quiet", action="store_true", help="no progress bars")
    explain.set_defaults(func=run)
