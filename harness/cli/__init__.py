"""The ``harness`` command: run, report, explain, validate, doctor, export, list, compare,
gate, augment, finetune, loop.

Exit codes (docs/errors.md): 0 success (gate passed), 1 gate failed, 2 bad input or
refused comparison (one line on stderr; ``--debug`` for the traceback), 3 an unexpected
internal error (one line pointing to ``--debug``), 130 interrupted (SIGINT or SIGTERM).
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from harness import __version__
from harness.cli.command import (  # noqa: F401  (EXIT_* are part of the CLI's interface)
    EXIT_ERROR,
    EXIT_GATE_FAILED,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_NOT_MEASURED,
    EXIT_OK,
    MAX_LIMIT,
    bounded_float,
    bounded_int,
    run_parsed,
)
from harness.errors import HarnessError
from harness.explain import DEFAULT_DETAILED, DEFAULT_PER_TEST
from harness.metrics.outcomes import DEFAULT_MAX_INFRA_ERROR_SHARE
from harness.report import DEFAULT_MAX_EMBEDDED_BYTES
from harness.suite.selection import add_tests_option

INTERRUPTED_MESSAGE = "harness: interrupted; finished predictions are cached and a re-run resumes"


class _ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line like every other error (exit 2)."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that cleanup runs as for Ctrl-C."""


def _raise_terminated(signum: int, frame: Any) -> None:
    raise _Terminated()


def _parse_model_options(pairs: Sequence[str], flag: str = "--model-option") -> dict[str, Any]:
    """``key=value`` pairs; dotted keys nest (``label_map.LABEL_0=entailment``)."""
    options: dict[str, Any] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key or "" in key.split("."):
            raise HarnessError(f"{flag} '{pair}' must look like key=value")
        target = options
        *parents, leaf = key.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
            if not isinstance(target, dict):
                raise HarnessError(f"{flag} '{pair}': '{parent}' is already a value")
        try:
            target[leaf] = yaml.safe_load(value) if value else ""
        except yaml.YAMLError:
            raise HarnessError(f"{flag} '{pair}': the value is not valid YAML; quote it") from None
    return options


#: ``--limit N``: a positive count (0 and negative numbers used to mean odd things).
_limit = bounded_int(1, MAX_LIMIT)


def _model_spec(text: str) -> str:
    """``--model KIND[:TARGET]``: an empty spec is a mistake, never "use the suite's"."""
    if not text.partition(":")[0].strip():
        raise argparse.ArgumentTypeError(f"'{text}' has no model kind; expected KIND[:TARGET]")
    return text


def _parse_reference_tests(values: list[str]) -> dict[str, str] | None:
    """``["sick_test", "heuristic=sick_binary"]`` -> ``{"": "sick_test", "heuristic": ...}``."""
    if not values:
        return None
    parsed = {}
    for value in values:
        key, _, name = value.rpartition("=")
        parsed[key] = name
    return parsed


def _load_selected(args: argparse.Namespace) -> Any:
    """The suite, cut to ``--tests``, with a note per analysis left out (on stderr); code
    it names is refused here, before anything imports it, as ``run`` refuses it
    (``--allow-code``; harness.suite.named_code)."""
    from harness.runner import RunOptions, replaced_specs, selected_suite
    from harness.suite.named_code import check_named_code

    suite = selected_suite(args.suite, args.tests)
    given = replaced_specs(RunOptions(model=args.model, judge=getattr(args, "judge", None)))
    check_named_code(suite, allow_code=args.allow_code, given=given)
    return suite


def _executor_options(args: argparse.Namespace) -> dict[str, Any]:
    """``--executor-option`` pairs, with ``--address`` and ``--workers`` on top."""
    options: dict[str, Any] = {}
    for pair in args.executor_option:
        key, separator, value = pair.partition("=")
        if not separator or not key.strip():
            raise HarnessError(f"--executor-option '{pair}' must look like key=value")
        try:
            options[key.strip()] = yaml.safe_load(value) if value else ""
        except yaml.YAMLError:
            raise HarnessError(f"--executor-option '{pair}': the value is not valid YAML") from None
    if args.address is not None:
        options["address"] = args.address
    if args.workers is not None:
        options["workers"] = args.workers
    if options and args.executor == "local":
        raise HarnessError("--address, --workers and --executor-option need --executor ray")
    return options


def command_run(args: argparse.Namespace) -> int:
    from harness.runner import RunOptions, run_suite

    if args.baseline:
        from harness.results import load_results_file

        load_results_file(args.baseline)  # a missing baseline fails before the run, not after
        from harness.gate.manifests import check_allowed_fields

        check_allowed_fields(args.allow_manifest_diff)  # a misspelt field, likewise

    options = RunOptions(
        model=args.model,
        model_options=_parse_model_options(args.model_option),
        out_dir=Path(args.out) if args.out else None,
        cache_dir=Path(args.cache_dir) if args.cache_dir else None,
        use_cache=not args.no_cache,
        allow_pickle=args.allow_pickle,
        trust_remote_code=args.trust_remote_code,
        allow_code=args.allow_code,
        progress=not args.quiet,
        limit=args.limit,
        reference_tests=_parse_reference_tests(args.reference_test),
        explain_failures=args.explain,
        executor=args.executor,
        executor_options=_executor_options(args),
        explain_gradients=args.explain_gradients,
        tests=tuple(args.tests) if args.tests else None,
        judge=args.judge,
        judge_options=_parse_model_options(args.judge_option, "--judge-option"),
    )
    if args.judge_option and not args.judge:
        raise HarnessError("--judge-option needs --judge")
    run_dir = run_suite(args.suite, options)
    noise_lines: list[str] = []
    if args.repeats:
        from harness.noise_floor import measure_noise, noise_summary

        noise_lines = noise_summary(measure_noise(run_dir, args.suite, options, args.repeats))
    # People read the terminal first: each test's headline number, then what the model
    # gets wrong, before where to look.
    from harness.cli.terminal import headline_table, not_measured_tests
    from harness.findings import terminal_table
    from harness.results import load_results

    results = load_results(run_dir)
    unmeasured = not_measured_tests(results["tests"], args.max_infra_error_share)
    print(headline_table(results["tests"]))
    if unmeasured and len(unmeasured) == sum(1 for t in results["tests"] if t.get("n")):
        print("findings: none looked for: the run measured no test (see below)")
    else:
        print(terminal_table(results["findings"]))
    for line in noise_lines:
        print(line)
    print(f"results: {run_dir / 'results.json'}")
    print(f"report:  {run_dir / 'report.html'}")
    if unmeasured:
        # A run that did not measure is never a green step, whatever a gate would say.
        tests = "; ".join(f"test {name}: {reason}" for name, reason in unmeasured)
        print(f"harness: error: the run did not measure what it reports: {tests}", file=sys.stderr)
        return EXIT_NOT_MEASURED
    if args.baseline:
        from harness.cli.gate import gate_after_run

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
    path = render_report(
        Path(args.run_dir[0]),
        Path(args.out) if args.out else None,
        max_embedded_bytes=int(args.max_embedded_mb * 1_000_000),
    )
    print(f"report: {path}")
    return EXIT_OK


def command_explain(args: argparse.Namespace) -> int:
    from harness.cli.explain import command_explain as explain

    return explain(args, _parse_model_options(args.model_option))


def command_validate(args: argparse.Namespace) -> int:
    """Check everything that can be checked without running a model (harness.suite.preflight)."""
    from harness.cli.terminal import target_counts
    from harness.nltk_data import cache_root
    from harness.runner import DEFAULT_RUNS_ROOT, make_loader
    from harness.suite.preflight import check_directory, load_all_data

    suite = _load_selected(args)
    labels = f", labels: {', '.join(suite.labels)}" if suite.labels else ""
    print(f"suite {suite.name} ({suite.task}{labels}, seed {suite.seed}, hash {suite.hash})")
    spec = _model_of(suite, args)
    _check_model(suite, spec, args)
    print(f"model: {spec}")
    check_directory(Path(args.out) if args.out else DEFAULT_RUNS_ROOT, "--out")
    check_directory(Path(args.cache_dir) if args.cache_dir else cache_root(), "--cache-dir")
    if args.baseline:
        from harness.results import load_results_file

        baseline = load_results_file(args.baseline)
        print(f"baseline: {args.baseline} ({baseline.suite.name}, {baseline.model.spec})")
    loaded = {} if args.no_data else load_all_data(suite, make_loader(suite, None))
    for plan in suite.tests:
        examples = loaded.get(plan.spec.name, [])
        detail = target_counts(examples)
        size = f"{len(examples)} examples" if not args.no_data else "data not loaded"
        print(f"  test {plan.spec.name} [{plan.kind}]: {size}" + (f" ({detail})" if detail else ""))
    for name, _ in suite.analyses:
        print(f"  analysis {name}")
    return EXIT_OK


def _model_of(suite: Any, args: argparse.Namespace) -> Any:
    """The model spec a run with these arguments would use (None: the suite names none)."""
    from harness.runner import RunOptions, resolve_model_spec
    from harness.suite.preflight import locate_model_error

    options = RunOptions(model=args.model, model_options=_parse_model_options(args.model_option))
    try:
        return resolve_model_spec(suite, options)
    except HarnessError as error:
        raise locate_model_error(error, suite, from_suite=not args.model) from None


def _check_model(suite: Any, spec: Any, args: argparse.Namespace) -> None:
    """The model checked against the suite as ``run`` checks it before its first
    prediction (``harness.suite.model_fit``); the error names the suite's ``model:``
    line or ``--model``, in run's words."""
    from harness.models.base import ModelContext
    from harness.runner import make_loader
    from harness.suite.model_fit import check_model_fits
    from harness.suite.preflight import locate_model_error

    context = ModelContext(
        task=suite.task, labels=suite.labels, input_fields=suite.input_fields, seed=suite.seed
    )
    try:
        check_model_fits(suite, spec, context, make_loader(suite, None))
    except HarnessError as error:
        raise locate_model_error(error, suite, from_suite=not args.model) from None


def command_doctor(args: argparse.Namespace) -> int:
    from harness.suite.doctor import check_suite, missing

    suite = _load_selected(args)
    spec = _model_of(suite, args)
    if spec is None:  # model: none, and no --model: nothing to list, run's one line
        _check_model(suite, spec, args)
    resources = check_suite(suite, spec, executor=args.executor)
    print(f"suite {suite.name}, model {spec}:")
    for resource in resources:
        print(f"  {resource.line()}")
    # What run refuses before any work comes first, as run says it (after the list, so
    # a missing model directory is still listed among everything else that is missing).
    _check_model(suite, spec, args)
    absent = missing(resources)
    if absent:
        print(f"{len(absent)} required resource(s) missing: the run would stop before any work")
        return EXIT_ERROR
    print("everything this suite needs is here")
    return EXIT_OK


def command_export(args: argparse.Namespace) -> int:
    """The items a suite will ask about (ids and fields), for a predictions file."""
    from harness.cli.export import export_items
    from harness.files.jsonio import dumps_json_bytes, write_jsonl_atomic

    exported = export_items(args.suite, limit=args.limit, tests=args.tests)
    if args.out:
        write_jsonl_atomic(Path(args.out), exported.rows)
    else:
        for row in exported.rows:
            sys.stdout.buffer.write(dumps_json_bytes(row) + b"\n")
        sys.stdout.flush()
    where = args.out or "stdout"
    print(
        f"harness: {len(exported.rows)} items of {len(exported.tests)} tests written to {where}; "
        f"a predictions file answers each id: {exported.answer_form} (docs/predictions.md)",
        file=sys.stderr,
    )
    for note in exported.notes:
        print(f"harness: note: {note}", file=sys.stderr)
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
        from harness.tasks.prompting.templates import load_template, template_names

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


def _add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """--model and --model-option: run, validate and doctor check the same model."""
    parser.add_argument(
        "--model",
        type=_model_spec,
        help="model spec overriding the suite's, e.g. hf-classifier:PATH_OR_HUB_ID",
    )
    parser.add_argument(
        "--model-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="adapter option (repeatable): batch_size=16, max_length=256, label_map.LABEL_0=entailment",
    )
    parser.add_argument(
        "--allow-code",
        action="store_true",
        help="let the suite name Python code to import (a python: model or judge); "
        "a spec given with --model needs no flag",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog="harness",
        description="Find where an NLP model's reasoning breaks: run YAML suites, write HTML reports, gate regressions.",
    )
    parser.add_argument("--version", action="version", version=f"harness {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_ArgumentParser
    )

    run = commands.add_parser(
        "run", help="run a suite and write results.json, items.jsonl and report.html"
    )
    run.add_argument("suite", help="the suite YAML file")
    _add_model_arguments(run)
    run.add_argument(
        "--judge",
        type=_model_spec,
        metavar="SPEC",
        help="NLI judge of coherence tests, overriding each test's judge, "
        "e.g. hf-classifier:PATH (see docs/coherence.md)",
    )
    run.add_argument(
        "--judge-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="judge adapter option (repeatable), as --model-option: label_map.LABEL_2=contradiction",
    )
    run.add_argument("--out", help="run directory (default runs/<suite>/<timestamp>)")
    run.add_argument(
        "--cache-dir", help="cache directory (default $HARNESS_CACHE_DIR or ~/.cache/harness)"
    )
    run.add_argument(
        "--no-cache", action="store_true", help="do not read or write the prediction cache"
    )
    run.add_argument(
        "--limit", type=_limit, metavar="N", help="at most N examples per test (a quick look)"
    )
    add_tests_option(run)
    run.add_argument(
        "--explain",
        type=bounded_int(0, 10_000),
        default=DEFAULT_PER_TEST,
        metavar="N",
        help="word attributions for the first N failures per test and each finding's "
        f"evidence (default {DEFAULT_PER_TEST}; 0: none; harness explain RUN_DIR adds more)",
    )
    run.add_argument(
        "--explain-gradients",
        type=bounded_int(0, 10_000),
        default=DEFAULT_DETAILED,
        metavar="K",
        help="of those N, the first K per test by integrated gradients where the model allows "
        f"(default {DEFAULT_DETAILED}); the rest by leave-one-word-out occlusion",
    )
    run.add_argument(
        "--allow-pickle", action="store_true", help="allow loading pickled (joblib) models"
    )
    run.add_argument(
        "--trust-remote-code", action="store_true", help="allow model code from the checkpoint"
    )
    run.add_argument(
        "--reference-test",
        action="append",
        default=[],
        metavar="[KEY=]TEST",
        help="reasoning_gap: the in-distribution test gaps are measured against "
        "(repeatable; KEY=TEST for one tag key, e.g. heuristic=sick_binary)",
    )
    run.add_argument(
        "--executor",
        choices=("local", "ray"),
        default="local",
        help="where uncached requests are computed: this process (default) or Ray actors "
        "(needs the scale extra; see docs/scale.md)",
    )
    run.add_argument(
        "--address", help="with --executor ray: a running Ray cluster (default: start a local one)"
    )
    run.add_argument(
        "--workers",
        type=bounded_int(1, 10_000),
        metavar="N",
        help="with --executor ray: model replicas, one per Ray actor (default 2)",
    )
    run.add_argument(
        "--executor-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="with --executor ray (repeatable): num_gpus=1, num_cpus=4, max_restarts=2, max_attempts=3",
    )
    run.add_argument(
        "--repeats",
        type=bounded_int(1, 1000),
        metavar="K",
        help="measure the noise floor: re-ask the model K times without the cache and "
        "record each item's flip rate (the gate tests differences against it)",
    )
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.add_argument(
        "--max-infra-error-share",
        type=bounded_float(0.0, 1.0),
        default=DEFAULT_MAX_INFRA_ERROR_SHARE,
        metavar="SHARE",
        help="a test with a larger share of infrastructure errors (or no answered item) "
        f"did not measure the model: exit {EXIT_NOT_MEASURED} (default "
        f"{DEFAULT_MAX_INFRA_ERROR_SHARE:g})",
    )
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
    run.add_argument(
        "--allow-manifest-diff",
        metavar="FIELD",
        action="append",
        default=[],
        help="with --baseline: gate although the manifests differ in FIELD (repeatable)",
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
    report.add_argument("--out", help="where to write the HTML (default RUN_DIR/report.html)")
    report.add_argument(
        "--max-embedded-mb",
        type=bounded_float(0.001, 10_000),
        default=DEFAULT_MAX_EMBEDDED_BYTES / 1_000_000,
        metavar="MB",
        help="items data the failure browser may embed; past it the page holds the "
        f"incorrect items first (default {DEFAULT_MAX_EMBEDDED_BYTES / 1_000_000:g})",
    )
    report.set_defaults(func=command_report)

    from harness.cli.explain import add_explain_parser

    add_explain_parser(commands, command_explain)

    validate = commands.add_parser(
        "validate",
        help="check a suite, its data, model spec and paths without running a model",
    )
    validate.add_argument("suite")
    _add_model_arguments(validate)
    validate.add_argument(
        "--no-data", action="store_true", help="check the YAML only, do not load data"
    )
    validate.add_argument("--out", help="check that this run directory can be written")
    validate.add_argument("--cache-dir", help="check that this cache directory can be written")
    validate.add_argument("--baseline", metavar="RUN_DIR", help="check that a baseline is readable")
    add_tests_option(validate)
    validate.set_defaults(func=command_validate)

    doctor = commands.add_parser(
        "doctor", help="list every resource a suite needs, present or missing, before any work"
    )
    doctor.add_argument("suite")
    _add_model_arguments(doctor)
    doctor.add_argument(
        "--executor",
        choices=("local", "ray"),
        default="local",
        help="also check what this executor needs (ray: the scale extra)",
    )
    add_tests_option(doctor)
    doctor.set_defaults(func=command_doctor)

    export = commands.add_parser(
        "export",
        help="write every item a suite will ask about (ids and fields), for a predictions file",
    )
    export.add_argument("suite")
    export.add_argument("--out", metavar="FILE", help="JSONL file to write (default: stdout)")
    export.add_argument(
        "--limit", type=_limit, metavar="N", help="as run --limit: at most N examples per test"
    )
    add_tests_option(export)
    export.set_defaults(func=command_export)

    listing = commands.add_parser(
        "list", help="registered data sources, generators, transforms, models, metrics"
    )
    listing.add_argument("kind", nargs="?", help="only registries whose name contains this word")
    listing.set_defaults(func=command_list)

    from harness.cli.loop import add_loop_parsers

    add_loop_parsers(commands, _parse_model_options)

    try:
        from harness.cli.gate import add_compare_parser, add_gate_parser
    except ImportError:
        pass
    else:
        add_compare_parser(commands)
        add_gate_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    previous = _install_sigterm_handler()
    try:
        args = parser.parse_args(argv)
        return run_parsed(args)
    except KeyboardInterrupt:
        print(INTERRUPTED_MESSAGE, file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _install_sigterm_handler() -> Any:
    """SIGTERM (CI cancelling a job) cleans up and exits 130 like Ctrl-C; main thread only."""
    try:
        return signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread (an embedding application): leave it alone
        return None


if __name__ == "__main__":
    sys.exit(main())
