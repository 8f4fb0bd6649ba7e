"""``harness explain RUN_DIR``: add word attributions to a run that exists, re-render its report.

    harness explain runs/nli_robustness/20260101-120000 [--test hans] [--n 50]

The run directory holds everything but the model: its suite (the original file when it
is unchanged, else the copy in the run directory), the model spec and fingerprint
(results.json), and every scored item (items.jsonl). The model is loaded from its spec
(``--model-option`` for options given on the run's command line) and must have the run's
fingerprint; occlusion variants and integrated gradients come from the response cache
when a run already computed them, so explaining again what a run explained costs
nothing. Chosen as in a run (``harness.explain._explain``): each test's first ``--n``
failures (default: those the report features) and each finding's evidence; failures
explained before stay explained.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from harness.core import Example, ItemResult, Prediction
from harness.errors import HarnessError, RunDirectoryError, UnsafeLoadError
from harness.explain import DEFAULT_DETAILED, DEFAULT_PER_TEST, ScoredTest, explain_tests
from harness.results.records import ItemRecord, ResultsFile


def item_result(record: ItemRecord) -> ItemResult:
    """An items.jsonl row as the ``ItemResult`` a run scored (what explaining needs of it)."""
    example = Example(
        id=record.id,
        fields=dict(record.fields),
        target=record.gold,
        parent_id=record.parent_id,
    )
    prediction = Prediction(
        example_id=record.id,
        label=None if record.predicted is None else str(record.predicted),
        scores=dict(record.probabilities) if record.probabilities is not None else None,
        infra_error=record.infra_error,
    )
    return ItemResult(
        test=record.test,
        example=example,
        prediction=prediction,
        gold=None if record.gold is None else str(record.gold),
        predicted=None if record.predicted is None else str(record.predicted),
        correct=record.correct,
        scores=dict(record.scores),
        tags=dict(record.tags),
    )


def _suite_of(run_dir: Path, results: ResultsFile) -> Any:
    """The run's suite: the original file if it still has the run's hash, else the copy."""
    from harness.suite import load_suite

    candidates = [Path(results.suite.path)] if results.suite.path else []
    candidates.append(run_dir / "suite.yaml")
    for path in candidates:
        if path.is_file():
            suite = load_suite(path)
            if suite.hash == results.suite.hash:
                return suite
    raise RunDirectoryError(
        f"{run_dir}: the run's suite ({results.suite.name}, hash {results.suite.hash}) is "
        "neither at its original path nor unchanged in the run directory"
    )


def explain_run_directory(
    run_dir: str | Path,
    *,
    tests: Sequence[str] = (),
    n: int | None = None,
    detailed: int = DEFAULT_DETAILED,
    model_options: Mapping[str, Any] | None = None,
    cache_dir: Path | None = None,
    progress: Any = None,
    allow_pickle: bool = False,
    trust_remote_code: bool = False,
    allow_code: bool = False,
    render: bool = True,
) -> dict[str, int]:
    """Explain ``run_dir``'s failures, rewrite its results.json and report; returns how
    many failures each (re-)explained test now has explained."""
    from harness.cache.responses import ResponseCache
    from harness.files.jsonio import write_json_atomic
    from harness.models.base import ModelContext, ModelSpec, load_model
    from harness.models.opt_in import refuse_named_code
    from harness.nltk_data import cache_root
    from harness.predictor import RequestRunner, TaskPredictor
    from harness.results import RESULTS_FILE, load_numbered_items, load_results_file

    run_dir = Path(run_dir)
    results = load_results_file(run_dir)
    suite = _suite_of(run_dir, results)
    if suite.task not in ("nli", "classification"):
        raise HarnessError(f"{run_dir}: only classification runs are explained (task {suite.task})")
    records = {test.name: test for test in results.tests}
    names = list(records)
    unknown = [name for name in tests if name not in names]
    if unknown:
        raise HarnessError(f"--test {unknown[0]}: no such test in this run ({', '.join(names)})")
    chosen = list(tests) or names
    spec = (
        suite.model
        if str(suite.model) == results.model.spec
        else ModelSpec.parse(results.model.spec)
    )
    if model_options:
        spec = ModelSpec(spec.kind, spec.target, {**spec.options, **model_options})
    # The model is the one the run directory names: code it names needs --allow-code.
    refusal = None if allow_code else refuse_named_code(spec, "")
    if refusal is not None:
        raise UnsafeLoadError(f"{run_dir / RESULTS_FILE}: model.spec: {refusal}")
    cache_dir = Path(cache_dir) if cache_dir else cache_root()
    context = ModelContext(
        task=suite.task,
        labels=suite.labels,
        input_fields=suite.input_fields,
        seed=suite.seed,
        cache_dir=cache_dir,
        allow_pickle=allow_pickle,
        trust_remote_code=trust_remote_code,
    )
    model = load_model(spec, context)
    if model.fingerprint() != results.model.fingerprint:
        raise HarnessError(
            f"model '{spec}' is not the model of this run (fingerprint {model.fingerprint()[:12]}, "
            f"the run's {results.model.fingerprint[:12]}); pass the run's --model-option values"
        )
    items: dict[str, list[ItemResult]] = {name: [] for name in names}
    for _, row in load_numbered_items(run_dir):
        if row.test in items:
            items[row.test].append(item_result(row))
    cache = ResponseCache(cache_dir / "predictions", results.model.fingerprint)
    try:
        requests = RequestRunner(model, cache=cache, progress=progress)
        task = suite.make_task(label_map=spec.options.get("label_map"))
        task.check_model(model)
        failing = []
        for name in chosen:
            plan = suite.test(name)
            own = task
            if plan.task is not None:
                own = plan.task.make(label_map=spec.options.get("label_map"))
                own.check_model(model)
            previous = [
                str(entry.get("id"))
                for entry in dict(records[name].sections.get("explanations") or {}).get("items", [])
            ]
            failing.append(
                ScoredTest(
                    name,
                    items[name],
                    plan.spec.label_mapping,
                    TaskPredictor(own, requests),
                    tuple(previous),
                )
            )
        started = time.perf_counter()
        sections = explain_tests(
            failing,
            results.findings,
            model=model,
            labels=suite.labels,
            fields=suite.input_fields,
            cache=cache,
            per_test=DEFAULT_PER_TEST if n is None else n,
            detailed=detailed,
        )
    finally:
        cache.close()
    for name in chosen:
        if name in sections:
            records[name].sections["explanations"] = sections[name]
        else:
            records[name].sections.pop("explanations", None)
    results.timings["explanations_s"] = round(time.perf_counter() - started, 3)
    write_json_atomic(run_dir / RESULTS_FILE, results.model_dump(mode="json"))
    if render:
        from harness.report import render_report

        render_report(run_dir)
    return {name: sections[name]["n_explained"] for name in chosen if name in sections}
