"""The runner: the one place that does I/O, caching, batching and progress.

    load_suite ─▶ load_model ─▶ for each test: kind.run(plan, context) ─▶ analyses
               ─▶ results.json + items.jsonl + suite.yaml ─▶ report.html

Everything it calls is a pure function over plain data; see harness/execution.py.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from harness import __version__
from harness.cache import ResponseCache, file_digests
from harness.cache.derived import DerivedStore
from harness.core import Example
from harness.errors import HarnessError, ModelError, ResourceUnavailableError
from harness.execution import RunContext, TestOutcome
from harness.explain import DEFAULT_DETAILED, DEFAULT_PER_TEST, ScoredTest, explain_tests
from harness.files.jsonio import to_jsonable, write_json_atomic, write_jsonl_atomic
from harness.findings import findings_for
from harness.metrics.degenerate import degenerate_reason
from harness.models.base import ModelContext, ModelSpec, answers_only_listed_ids, load_model
from harness.nltk_data import cache_root
from harness.predictor import RequestRunner, TaskPredictor
from harness.predictor.canary import check_canary
from harness.predictor.executors import ExecutorOptions, make_executor
from harness.registry import ANALYSES, DATA_SOURCES, TEST_KINDS
from harness.requests import served_kinds
from harness.results import RunSpool, RunStaging, environment, now_iso
from harness.results.manifest_builder import build_manifest
from harness.results.records import SCHEMA_VERSION, ModelInfo, ResultsFile, SuiteInfo, TestResults
from harness.suite import Suite, load_suite
from harness.suite.doctor import missing, model_resources, require_resources
from harness.suite.model_fit import check_model_fits, check_task_serves, skipped_tests
from harness.suite.named_code import check_named_code
from harness.suite.preflight import (
    check_directory,
    load_all_data,
    locate_model_error,
)
from harness.tasks import load_context


@dataclass(frozen=True)
class RunOptions:
    """How to run a suite; every field has a default that suits a first run."""

    model: str | None = None  # a model spec overriding the suite's default
    model_options: Mapping[str, Any] | None = None
    out_dir: Path | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    allow_pickle: bool = False
    trust_remote_code: bool = False
    # Let the suite name Python code to import (``python:`` models, judges): ``--allow-code``.
    allow_code: bool = False
    progress: bool = True
    limit: int | None = None  # at most this many examples per test (quick looks)
    render_report: bool = True
    # Reference tests for the reasoning_gap analysis, overriding the suite's:
    # {"": name} for every tag key, {"heuristic": name} for one (``--reference-test``).
    reference_tests: Mapping[str, str] | None = None
    # Failures explained per test with word attributions, besides each finding's evidence
    # (0: no explanations at all); see harness/explain.
    explain_failures: int = DEFAULT_PER_TEST
    # Where requests the cache lacks are computed: "local" or "ray" (harness.predictor.executors),
    # with ExecutorOptions fields (address, workers, num_gpus, ...) for a distributed one.
    executor: str = "local"
    executor_options: Mapping[str, Any] | None = None
    # Of those, how many get integrated gradients (where the model allows); the rest occlusion.
    explain_gradients: int = DEFAULT_DETAILED
    # Only these tests of the suite (``--tests``; harness.suite.selection); None: all of them.
    tests: tuple[str, ...] | None = None
    # The NLI judge of coherence tests, overriding each test's ``judge`` (``--judge``).
    judge: str | None = None
    judge_options: Mapping[str, Any] | None = None


DEFAULT_RUNS_ROOT = Path("runs")


def default_run_dir(suite: Suite, root: Path = DEFAULT_RUNS_ROOT) -> Path:
    """A new ``runs/<suite>/<timestamp>[-N]``, created here: ``mkdir`` is atomic, so two
    runs started in the same second get two directories, never one."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (root / suite.name).mkdir(parents=True, exist_ok=True)
    counter = 1
    candidate = root / suite.name / stamp
    while True:
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            counter += 1
            candidate = root / suite.name / f"{stamp}-{counter}"


def progress_factory(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    def factory(description: str, total: int) -> Any:
        return tqdm(
            total=total,
            desc=description,
            unit="ex",
            file=sys.stderr,
            dynamic_ncols=True,
            leave=True,
        )

    return factory


def resolve_model_spec(suite: Suite, options: RunOptions) -> ModelSpec | None:
    spec = ModelSpec.parse(options.model) if options.model else suite.model
    if options.model_options and spec is not None:
        spec = replace(spec, options={**spec.options, **options.model_options})
    return spec


def replaced_specs(options: RunOptions) -> frozenset[str]:
    """The command-line options given that replace a suite's model specs (its ``model:``,
    its coherence tests' judges), so the suite's own are never loaded."""
    given = {"--model": options.model, "--judge": options.judge}
    return frozenset(flag for flag, value in given.items() if value)


class ModelOpener:
    """Models a test asks besides the one under test (an NLI judge): each loaded once per
    spec, answering through its own ``RequestRunner`` and cache (keyed by its fingerprint).
    ``RunContext.open_model`` is this."""

    def __init__(
        self, options: RunOptions, cache_dir: Path, seed: int, progress: Any = None
    ) -> None:
        self.options = options
        self.cache_dir = cache_dir
        self.seed = seed
        self.progress = progress
        self._opened: dict[str, RequestRunner] = {}
        self._caches: list[ResponseCache] = []

    def __call__(
        self, spec: ModelSpec, task: str, labels: tuple[str, ...], input_fields: tuple[str, ...]
    ) -> RequestRunner:
        key = repr((str(spec), sorted(spec.options.items()), task, labels, input_fields))
        if key not in self._opened:
            context = ModelContext(
                task=task,
                labels=labels,
                input_fields=input_fields,
                seed=self.seed,
                cache_dir=self.cache_dir,
                allow_pickle=self.options.allow_pickle,
                trust_remote_code=self.options.trust_remote_code,
            )
            model = load_model(spec, context)
            cache = None
            if self.options.use_cache:
                cache = ResponseCache(self.cache_dir / "predictions", model.fingerprint())
                self._caches.append(cache)
            self._opened[key] = RequestRunner(model, cache=cache, progress=self.progress)
        return self._opened[key]

    def close(self) -> None:
        for cache in self._caches:
            cache.close()


def check_judge_option(options: RunOptions) -> None:
    """``--judge``: a registered model kind with valid options whose files are here, before
    any work (a relative path is read from the working directory, as ``--model``'s)."""
    if not options.judge:
        return
    from harness.models.base import validate_model_options
    from harness.registry import MODELS

    try:
        spec = ModelSpec.parse(options.judge, options.judge_options)
        validate_model_options(spec, MODELS.get(spec.kind))
        absent = missing(list(model_resources(spec, Path.cwd())))
    except HarnessError as error:
        raise HarnessError(f"--judge: {error}") from None
    if absent:
        raise ResourceUnavailableError(
            "\n".join(f"--judge: missing {found.what}: {found.how}" for found in absent)
        )


def make_loader(
    suite: Suite, limit: int | None, test_task: Any = None, derived: DerivedStore | None = None
) -> Any:
    context = load_context(
        test_task.name if test_task else suite.task,
        base_dir=suite.base_dir,
        labels=() if test_task else suite.labels,
        input_fields=test_task.input_fields if test_task else suite.input_fields,
        seed=suite.seed,
        derived=derived,
    )

    if limit is not None and limit < 1:
        raise HarnessError(f"limit must be a positive number of examples, got {limit}")
    loaded: dict[str, list[Example]] = {}

    def load_examples(data_options: Any) -> list[Example]:
        # Loaded once per data block: the preflight loads everything before the model runs,
        # and tests that share a data block share its examples.
        key = f"{type(data_options).__qualname__}:{data_options.model_dump_json()}"
        if key not in loaded:
            source = DATA_SOURCES.get(data_options.source)
            examples = source().load(data_options, context)
            loaded[key] = examples[:limit] if limit else examples
        return loaded[key]

    return load_examples


def run_suite(suite_path: str | Path, options: RunOptions | None = None, **overrides: Any) -> Path:
    """Run a suite and write its run directory; returns the directory's path.

    ``overrides`` are ``RunOptions`` fields, for convenience:
    ``run_suite("suites/nli_robustness.yaml", model="hf-classifier:./ckpt", out_dir=tmp)``.
    """
    options = replace(options or RunOptions(), **overrides)
    cache_dir = Path(options.cache_dir) if options.cache_dir else cache_root()
    # Digests of the model's files are remembered beside the cache: hashed once per
    # (path, size, modification time), however many runs read them.
    with file_digests.open_store(cache_dir if options.use_cache else None):
        return _run_suite(suite_path, options)


def _run_suite(suite_path: str | Path, options: RunOptions) -> Path:
    started_at = now_iso()
    started = time.perf_counter()
    suite = selected_suite(suite_path, options.tests)
    # Before anything is imported: code the suite names needs --allow-code.
    check_named_code(suite, allow_code=options.allow_code, given=replaced_specs(options))
    cache_dir = Path(options.cache_dir) if options.cache_dir else cache_root()
    # Everything that can fail on bad input fails here, before the model loads and
    # before anything is written to the cache or the output directory.
    check_directory(options.out_dir or DEFAULT_RUNS_ROOT, "--out")
    if options.use_cache:
        check_directory(cache_dir, "--cache-dir")
    executor_options = ExecutorOptions.from_mapping(options.executor_options)
    spec = resolve_model_spec(suite, options)
    check_judge_option(options)
    model_context = ModelContext(
        task=suite.task,
        labels=suite.labels,
        input_fields=suite.input_fields,
        seed=suite.seed,
        cache_dir=cache_dir,
        allow_pickle=options.allow_pickle,
        trust_remote_code=options.trust_remote_code,
    )
    # What validate and doctor check of the model (a missing local path, a bad option, the
    # requests it serves against the suite's task and tests), before the data loads: a
    # mistyped --model is said at once, wherever the spec comes from.
    try:
        check_model_fits(suite, spec, model_context, make_loader(suite, None))
    except HarnessError as error:
        raise locate_model_error(error, suite, from_suite=not options.model) from None
    assert spec is not None  # check_model_fits refuses a suite that names no model
    # Generated examples, variants and attack outcomes of earlier runs (harness/cache/derived.py).
    derived = DerivedStore(cache_dir / "derived") if options.use_cache else None
    load_examples = make_loader(suite, options.limit, derived=derived)
    load_all_data(suite, load_examples)
    # Before any work: one line per missing resource (harness doctor shows them all).
    require_resources(suite, spec, executor=options.executor)
    try:
        model = load_model(spec, model_context)
        # The task may read data of its own (a prompt's few-shot pool): never cut by --limit.
        task = suite.make_task(
            label_map=spec.options.get("label_map"), load_examples=make_loader(suite, None)
        )
        # Before any work: a model that cannot serve the task's requests, or whose labels
        # cannot be mapped onto the suite's, is refused here (when a selected test uses the
        # suite's task: tests with a task of their own are checked below).
        if any(plan.task is None for plan in suite.tests):
            check_task_serves(suite, task, model, spec.options.get("label_map"))
        # Again with what the loaded model serves: an adapter may declare nothing.
        skipped_tests(suite, served_kinds(model))
    except HarnessError as error:
        raise locate_model_error(error, suite, from_suite=not options.model) from None
    fingerprint = model.fingerprint()
    if options.use_cache and callable(getattr(model, "canary_answers", None)):
        # A served model can change behind its fingerprint: its canary says whether the
        # cached answers are still this model's (harness.predictor.canary).
        refused = check_canary(model, cache_dir / "predictions", fingerprint)
        if refused is not None:
            note(refused)
    cache = ResponseCache(cache_dir / "predictions", fingerprint) if options.use_cache else None
    progress = progress_factory(options.progress)
    # Started on first use: a run answered wholly from the cache starts no workers.
    executor = make_executor(
        options.executor,
        executor_options,
        spec=spec,
        context=model_context,
        fingerprint=fingerprint,
    )
    requests = RequestRunner(model, cache=cache, progress=progress, executor=executor)
    open_model = ModelOpener(options, cache_dir, suite.seed, progress)
    # Large tests stream their items here (beside the run directory) as they are scored.
    spool = RunSpool(
        Path(options.out_dir).parent if options.out_dir else DEFAULT_RUNS_ROOT / suite.name
    )
    context = RunContext(
        suite=suite,
        predictor=TaskPredictor(task, requests),
        model=model,
        load_examples=load_examples,
        load_training_examples=make_loader(suite, None, derived=derived),
        bootstrap_resamples=suite.bootstrap_resamples,
        progress=progress,
        task=task,
        requests=requests,
        spool=spool,
        derived=derived,
        open_model=open_model,
    )

    # Tests with a task of their own get a context of their own; a model that cannot
    # serve such a test's task skips that test (the suite's task refused it above).
    test_contexts: dict[str, RunContext | str] = {}
    for plan in suite.tests:
        if plan.task is None:
            continue
        test_task = plan.task.make(label_map=spec.options.get("label_map"))
        try:
            test_task.check_model(model)
        except ModelError as error:
            test_contexts[plan.spec.name] = str(error)
            continue
        test_contexts[plan.spec.name] = replace(
            context,
            task=test_task,
            predictor=TaskPredictor(test_task, requests),
            load_examples=make_loader(suite, options.limit, plan.task, derived),
        )

    if options.reference_tests:
        context.extras["reference_tests"] = dict(options.reference_tests)
    if options.judge:
        context.extras["judge"] = ModelSpec.parse(options.judge, options.judge_options)
    outcomes: dict[str, TestOutcome] = {}
    try:
        for plan in suite.tests:
            own = test_contexts.get(plan.spec.name, context)
            if isinstance(own, str):
                outcomes[plan.spec.name] = skipped_outcome(plan, own, "skipped_model_cannot_serve")
                continue
            kind = TEST_KINDS.get(plan.kind)()
            refusal = new_inputs_refusal(kind, model, str(spec))
            if refusal is not None:
                note(f"test {plan.spec.name}: skipped: {refusal}")
                outcomes[plan.spec.name] = skipped_outcome(
                    plan, refusal, "skipped_model_answers_listed_ids_only"
                )
                continue
            cached_before, computed_before = requests.cached, requests.computed
            truncated_before = requests.truncated
            rejected_before = cache.rejected if cache is not None else 0
            test_started = time.perf_counter()
            outcome = kind.run(plan, own)
            outcome.timings.setdefault("total_s", round(time.perf_counter() - test_started, 4))
            outcome.counts.update(
                {
                    "cached": requests.cached - cached_before,
                    "computed": requests.computed - computed_before,
                    "truncated": requests.truncated - truncated_before,
                    # Items the model could not be asked: in no metric, shown in the report.
                    "infra_errors": outcome.infra_error_count(),
                }
            )
            # Cached answers whose digest was not their request's, computed again: shown
            # only when there were some (the counts of a clean run stay as they were).
            rejected = (cache.rejected if cache is not None else 0) - rejected_before
            if rejected:
                outcome.counts["cache_rejected"] = rejected
            if getattr(model, "served", False):
                flag_degenerate(outcome)
            outcomes[plan.spec.name] = outcome

        analyses: dict[str, Any] = {}
        for name, analysis_options in suite.analyses:
            analyses[name] = ANALYSES.get(name)().run(analysis_options, outcomes, context)
        # Read once (package versions scan the installed distributions): the manifest and
        # results.json's environment are the same facts.
        run_environment = _run_environment(executor, options)
        manifest = build_manifest(
            spec=spec,
            model=model,
            fingerprint=fingerprint,
            seed=suite.seed,
            tests={
                name: (_task_of(test_contexts.get(name), task), outcome.item_rows())
                for name, outcome in outcomes.items()
            },
            environment=run_environment,
        )
        results = _results_file(
            suite, spec, model, fingerprint, run_environment, outcomes, analyses, started_at
        )
        results.manifest = manifest
        # Findings read the finished record, as the report and the gate do.
        results.findings = findings_for(results.model_dump(mode="json"))
        if options.explain_failures > 0 and answers_only_listed_ids(model):
            note(
                f"failures are not explained: {spec} answers only the ids it lists, and "
                "explanations ask about inputs with words left out"
            )
        elif options.explain_failures > 0 and getattr(task, "explains_failures", False):
            explaining = time.perf_counter()
            sections = explain_tests(
                [
                    ScoredTest(
                        name,
                        outcome.items,
                        suite.test(name).spec.label_mapping,
                        _predictor_of(test_contexts.get(name, context)),
                    )
                    for name, outcome in outcomes.items()
                ],
                results.findings,
                model=model,
                labels=suite.labels,
                fields=suite.input_fields,
                cache=cache,
                per_test=options.explain_failures,
                detailed=options.explain_gradients,
            )
            for test in results.tests:
                if test.name in sections:
                    test.sections["explanations"] = sections[test.name]
            results.timings["explanations_s"] = round(time.perf_counter() - explaining, 3)
    except BaseException:
        spool.discard()
        raise
    finally:
        executor.close()
        open_model.close()
        if cache is not None:
            cache.close()
        if derived is not None:
            derived.close()

    results.timings["total_s"] = round(time.perf_counter() - started, 3)
    items = (row for outcome in outcomes.values() for row in outcome.item_rows())
    out_dir = options.out_dir or default_run_dir(suite)
    try:
        return write_run(results, items, suite, out_dir, options.render_report)
    except BaseException:
        if options.out_dir is None:  # the directory default_run_dir reserved, still empty
            with contextlib.suppress(OSError):
                out_dir.rmdir()
        raise
    finally:
        spool.discard()


def _results_file(
    suite: Suite,
    spec: ModelSpec,
    model: Any,
    fingerprint: str,
    run_environment: dict[str, Any],
    outcomes: Mapping[str, TestOutcome],
    analyses: Mapping[str, Any],
    started_at: str,
) -> ResultsFile:
    """results.json's record of the run, before explanations and the total time."""
    return ResultsFile(
        schema_version=SCHEMA_VERSION,
        harness_version=__version__,
        created_at=started_at,
        suite=SuiteInfo(
            name=suite.name,
            description=suite.description,
            hash=suite.hash,
            path=str(suite.path) if suite.path else None,
            task=suite.task,
            labels=list(suite.labels),
            seed=suite.seed,
        ),
        model=model_info(spec, model, fingerprint),
        environment=run_environment,
        timings={},
        tests=[
            TestResults.model_validate(
                to_jsonable({**outcome.to_json(), "cluster_by": suite.test(name).spec.cluster_by})
            )
            for name, outcome in outcomes.items()
        ],
        analyses=to_jsonable(analyses),
    )


def selected_suite(suite_path: str | Path, tests: Sequence[str] | None) -> Suite:
    """The suite, cut to ``--tests`` when given; analyses left out are noted."""
    from harness.suite.selection import select_tests

    selection = select_tests(load_suite(suite_path), tests)
    for message in selection.notes:
        note(message)
    return selection.suite


def note(message: str) -> None:
    """Something the run chose to leave out, said where the user is looking."""
    print(f"harness: note: {message}", file=sys.stderr)


def skipped_outcome(plan: Any, reason: str, count: str) -> TestOutcome:
    """A test that did not run, with why (in its description and ``counts[count]``)."""
    return TestOutcome(
        name=plan.spec.name,
        kind=plan.kind,
        description=f"{plan.spec.description} Skipped: {reason}".strip(),
        labels=(),
        items=[],
        counts={count: 1},
    )


def new_inputs_refusal(kind: Any, model: Any, spec: str) -> str | None:
    """Why ``kind`` cannot run with ``model``: it makes new inputs, the model answers only
    listed ids (a predictions file). None when it can run."""
    if getattr(kind, "makes_new_inputs", False) and answers_only_listed_ids(model):
        return (
            f"{spec} answers only the ids it lists, and this test asks about inputs it "
            "makes as it goes"
        )
    return None


def flag_degenerate(outcome: TestOutcome) -> None:
    """A served model's answers that carry no information: said, and kept in the test's
    sections (the report shows them)."""
    reason = degenerate_reason(outcome.items)
    if reason is not None:
        note(f"test {outcome.name}: the served model's answers are degenerate: {reason}")
        outcome.sections["degenerate_output"] = {"reason": reason}


def _task_of(own: RunContext | str | None, default: Any) -> Any:
    """The task a test ran with: its own context's, else the suite's."""
    return own.task if isinstance(own, RunContext) else default


def _run_environment(executor: Any, options: RunOptions) -> dict[str, Any]:
    """Where the run ran: the machine, and a distributed executor when one was used."""
    return environment() | (
        {"executor": executor.describe()} if options.executor != "local" else {}
    )


def _predictor_of(context: RunContext | str) -> Any:
    return context.predictor if isinstance(context, RunContext) else None


def model_info(spec: ModelSpec, model: Any, fingerprint: str) -> ModelInfo:
    """results.json's ``model``: what ran, its fingerprint and the requests it serves."""
    description = dict(model.describe())
    return ModelInfo(
        spec=str(spec),
        kind=spec.kind,
        name=str(description.get("name", str(spec))),
        fingerprint=fingerprint,
        is_reference=bool(description.get("is_reference", False)),
        description=str(description.get("description", "")),
        serves=sorted(served_kinds(model)),
        details=to_jsonable(
            {
                k: v
                for k, v in description.items()
                if k not in {"name", "description", "is_reference"}
            }
        ),
    )


def write_run(
    results: ResultsFile, items: Any, suite: Suite, out_dir: Path, render: bool = True
) -> Path:
    """Stage results.json, items.jsonl, suite.yaml and report.html, then move them into place."""
    staging = RunStaging(Path(out_dir))
    try:
        write_json_atomic(staging.path / "results.json", results.model_dump(mode="json"))
        write_jsonl_atomic(staging.path / "items.jsonl", items)
        if suite.path is not None:
            shutil.copyfile(suite.path, staging.path / "suite.yaml")
        if render:
            from harness.report import render_report

            render_report(staging.path)
    except BaseException:
        staging.discard()
        raise
    return staging.commit()
